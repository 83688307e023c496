"""The `extractive` engine (no model): answers are the plan's own sentences and the lookup's rows.

Text questions get the best-supported source lines, framed in the question's language; when
support is below `min_support` the answer says the plan does not state it and shows the
closest passage instead, so the user can see what the plan does say.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from assistant.passages import figures_of, has_words
from assistant.records import Evidence
from assistant.route import Query
from assistant.structured_answers import Draft, _t


def text_answer(q: Query, evidence: list[Evidence], support: float, min_support: float,
                read: Callable[[Evidence], list[tuple[str, list[Evidence]]]] | None = None,
                where: Callable[[Evidence], str] | None = None) -> Draft:
    """Quote the selected windows, or refuse when they do not carry the question's key terms; `read` adds,
    after a quote, what it says read another way (a table row against its header); `where` names the
    section the first quote stands in (`๒.๓ แผนระดับที่ ๓ ที่เกี่ยวข้อง`), said with it."""
    draft = Draft(support=support)
    readings = [read(e) if read and support >= min_support else [] for e in evidence]
    # figures without a word beside them, and no header to read them against, say nothing of what they count
    # (`๔๗๕.๔๙๙ ๔๐๙.๘๔๔` for a question on road maintenance): no statement, however well their context matched
    labelled = any(has_words(e.quote) for e in evidence) or any(readings)
    if not evidence or support < min_support or not labelled:
        draft.refused = True
        draft.say(_t(q, "แผนไม่ได้ระบุข้อมูลที่ตอบคำถามนี้โดยตรง", "The plan does not state this."), template=True)
        closest = next((e for e in evidence if has_words(e.quote)), None)  # not a row of bare figures
        if closest is not None:
            draft.say(_t(q, "ข้อความที่ใกล้เคียงที่สุดในแผน:", "The closest passage in the plan:"), template=True)
            draft.say(closest.quote, [closest])
        return draft
    section = where(evidence[0]) if where else ""
    if section:  # the section's own numbers (`๒.๓`) are vouched for by its heading, as the citation shows it
        first = evidence[0]
        evidence = [replace(first, figures=sorted({*first.figures, *figures_of(section, list_marks=True)})), *evidence[1:]]
        draft.say(_t(q, f"ตามแผน ({section}):", f"According to the plan ({section}):"), [evidence[0]], template=True)
    else:
        draft.say(_t(q, "ตามแผน:", "According to the plan:"), template=True)
    for e, reading in zip(evidence, readings):
        draft.say(e.quote, [e])
        for text, cited in reading:
            draft.say(text, cited)
    return draft
