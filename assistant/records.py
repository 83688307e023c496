"""Records the answer pipeline passes between its stages and hands to the CLI, web app and eval."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field


@dataclass
class Evidence:
    """A span of source lines an answer may cite, and where it came from.

    origin: "lookup" (a row of the facts database) or "retrieval" (lines picked from a
    retrieved chunk). `figures` are numbers the lookup tool vouches for (e.g. a budget
    converted to baht) even when not printed in that form inside the span.
    """

    doc_id: str
    line_start: int
    line_end: int
    quote: str
    origin: str
    score: float = 0.0
    figures: list[str] = field(default_factory=list)


@dataclass
class Citation:
    """A numbered reference in an answer: document, section, page and the exact quoted lines."""

    n: int
    doc_id: str
    title: str
    section: str
    page: int | None
    line_start: int
    line_end: int
    quote: str
    origin: str
    verified: bool = False
    page_label: str | None = None  # the page number the page itself prints (books), when it prints one

    def page_shown(self) -> str | None:
        """The page to show a reader: the printed number where the page has one, else the file's page."""
        if self.page_label:
            return self.page_label
        return str(self.page) if self.page else None


@dataclass
class Figure:
    """A number stated in the answer and what vouches for it: a cited span, the lookup, or a computation."""

    value: str
    provenance: str  # "cited" | "lookup" | "computed"
    citation: int | None = None


@dataclass
class Sentence:
    """One answer sentence and the evidence (indices into the evidence list) it rests on."""

    text: str
    cites: list[int] = field(default_factory=list)
    computed: list[str] = field(default_factory=list)  # figures derived from cited figures
    # Our own framing ("The plan does not state …", a budget row stated from the lookup): its words
    # are not checked against the cited text, its figures are.
    template: bool = False


@dataclass
class Answer:
    """What `ask --json` prints and the web app and eval harness consume."""

    question: str
    resolved_question: str
    answer: str
    citations: list[Citation]
    figures: list[Figure]
    route: str
    engine: str
    supported: bool
    refused: bool
    dropped: list[str] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)

    @property
    def all_verified(self) -> bool:
        return all(c.verified for c in self.citations)

    def to_dict(self) -> dict:
        out = asdict(self)
        out["all_verified"] = self.all_verified
        return out
