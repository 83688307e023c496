"""Query normalisation: the same repair and index form as the documents, so both sides match."""
from __future__ import annotations

from ingest.thai_repair import index_form, repair_line


def normalize_query(question: str) -> str:
    """Repair Thai damage in a typed question and map digits to the index form (`๒๕๖๗` → `2567`)."""
    return index_form(repair_line(" ".join(question.split())))
