"""Which development direction or strategy a question names by its title instead of its number
(`แนวทางยกระดับผลิตภัณฑ์อุตสาหกรรมและหัตถอุตสาหกรรมเชิงสร้างสรรค์ วัดผลด้วยตัวชี้วัดอะไรบ้าง`): the plan graph's
titles, found in the question with its level's word, so the question is read as if it typed the number."""
from __future__ import annotations

from dataclasses import dataclass
from difflib import SequenceMatcher

from assistant.lookup import FactsDB
from assistant.outline import compact, covered
from ingest.vocabulary import query_words, vocabulary

TITLE_SHARE = 0.8  # of a title's characters the question must type (in blocks of three or more) …
RUN_SHARE = 0.5  # … or, in one run of at least MIN_RUN characters, this share of it (a shortened title)
MIN_RUN = 24
MIN_TITLE = 12  # compact characters a title needs to be told from ordinary words of a question


@dataclass(frozen=True)
class TitledLevel:
    """A direction (and a strategy under it) a question names by title."""

    direction: int
    strategy: int | None = None


def _level_words(key: str) -> tuple[str, ...]:
    """The words a question names a plan level of this key with (profile `[[plan_levels]]`, `level_short_words`)."""
    words = [w for lv in vocabulary().plan_levels if lv.key == key for w in (*lv.words, *lv.english)]
    if key == "direction":
        words += list(query_words().level_short_words)
    return tuple(w.lower() for w in words)


def _typed(title: str, asked: str) -> float:
    """The share of a compact title the compact question types, or 0 when it types too little of it."""
    if len(title) < MIN_TITLE:
        return 0.0
    share = covered(title, asked)
    if share >= TITLE_SHARE:
        return share
    run = max((b.size for b in SequenceMatcher(None, title, asked, autojunk=False).get_matching_blocks()), default=0)
    return run / len(title) if run >= MIN_RUN and run >= RUN_SHARE * len(title) else 0.0


class LevelTitles:
    """The plan graph's direction and strategy titles, compact, read once (the pipeline's index is fixed)."""

    def __init__(self, db: FactsDB):
        self.titles: list[tuple[str, str, TitledLevel]] = []  # (level key, compact title, the level)
        for d in db.directions():
            self.titles.append(("direction", compact(d["title"] or ""), TitledLevel(d["number"])))
            self.titles += [("strategy", compact(s["title"] or ""), TitledLevel(d["number"], s["number"]))
                            for s in d["strategies"]]

    def titled(self, text: str) -> TitledLevel | None:
        """The one direction or strategy whose title the question types (TITLE_SHARE of it) beside its level's
        word; None when it types none, or several equally."""
        asked, low = compact(text), text.lower()
        said = {key for key in ("direction", "strategy") if any(w in low for w in _level_words(key))}
        found = [(share, level) for key, title, level in self.titles if key in said and (share := _typed(title, asked))]
        if not found:
            return None
        found.sort(key=lambda f: -f[0])
        if len(found) > 1 and found[1][0] == found[0][0] and found[1][1] != found[0][1]:
            return None
        return found[0][1]
