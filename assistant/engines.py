"""Answer engines, chosen by `settings.engine`: extractive (built in), llamacpp, openai.

An engine turns a Draft (evidence + the extractive sentences) into sentences with citations:
`stream()` yields text as it is written and `parse()` reads that text back into sentences.
"""
from __future__ import annotations

from collections.abc import Iterator
from typing import Protocol

from assistant.records import Sentence
from assistant.route import Query
from assistant.structured_answers import Draft
from plan_assistant.config import Settings

ENGINES = ("extractive", "llamacpp", "openai")


class Engine(Protocol):
    name: str

    def stream(self, q: Query, draft: Draft) -> Iterator[str]: ...

    def parse(self, text: str, draft: Draft, q: Query) -> list[Sentence]: ...


class ExtractiveEngine:
    """No model: the draft's own sentences are the answer."""

    name = "extractive"

    def stream(self, q: Query, draft: Draft) -> Iterator[str]:
        return iter(())

    def parse(self, text: str, draft: Draft, q: Query) -> list[Sentence]:
        return draft.sentences


def make_engine(settings: Settings) -> Engine:
    """The configured engine; model engines are imported only when chosen."""
    if settings.engine == "extractive":
        return ExtractiveEngine()
    if settings.engine in ("llamacpp", "openai"):
        from assistant.llm import make_llm_engine

        return make_llm_engine(settings)
    raise ValueError(f"engine must be one of {ENGINES}, not {settings.engine!r}")
