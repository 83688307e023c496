"""Choose, per document, which candidate repair of each damage family to apply, by evidence.

The evidence is the share of Thai characters that fall inside dictionary words: each line is
tokenized with pythainlp `newmm` (per line: it is slow on long strings) and the Thai characters
of tokens found in `pythainlp.corpus.thai_words()` are counted. For each damage family present
in the document, up to `SAMPLE_LINES` lines showing that damage are repaired with each candidate
mapping; the candidate with the highest share is applied to the whole document, and only if it
beats leaving the damage alone. The choices and the before/after figures are returned in a
`RepairReport` (for `plan-assistant status`).
"""
from __future__ import annotations

import math
import re
import time
from collections import Counter
from dataclasses import asdict, dataclass, field
from functools import lru_cache

from ingest import thai_repair as tr
from ingest.thai_repair import BASE_PLAN, STANDIN_READINGS, TIS620, RepairPlan, apply_plan, repair_line

SAMPLE_LINES = 200  # lines per family decision
SAMPLE_PER_LETTER = 60  # lines per stand-in letter when choosing what it stands for
MAX_LETTERS = 12  # distinct stand-in letters considered
REFINE_SNIPPETS = 20  # three-line windows per letter when judged again with the moves
HIT_RATE_LINES = 6000  # lines scored for the report's hit rates (evenly spaced beyond that)

_THAI = re.compile("[\u0E01-\u0E4E]")
_HAS_MARK = re.compile(f"[{tr.MARKS}]")
_PROBLEM_MARK = re.compile(
    rf"(?:^|[ \t\u00A0]|[\u0E30\u0E32\u0E33\u0E40-\u0E46])[{tr.MARKS}]"
    rf"|[{tr.MARKS}][\u0E31\u0E34-\u0E37\u0E47\u0E4D]"
)


@lru_cache(maxsize=1)
def _words() -> frozenset[str]:
    from pythainlp.corpus import thai_words

    return thai_words()


@lru_cache(maxsize=1)
def _frequencies() -> dict[str, float]:
    """log(1 + count) of words in the Thai National Corpus list shipped with pythainlp."""
    from pythainlp.corpus import tnc

    return {word: math.log1p(count) for word, count in tnc.word_freqs()}


@lru_cache(maxsize=65536)
def line_stats(line: str) -> tuple[int, int, int, float]:
    """(Thai characters inside dictionary tokens, Thai characters, tokens, their frequency).

    Tokens come from newmm. Fewer tokens, then the frequency (sum of log counts in the Thai
    National Corpus), only break ties between readings the dictionary accepts alike:
    `ผลสัมฤทธิ์` beats `ผลิ|สัมฤทธิ`, `ตัวชี้วัด` beats `ตัวชี่วัด` (`ชี่` is a word too, a rare one).
    Latin letters glued to Thai (Latin-1 runs, single ASCII letters) count as Thai characters
    that are in no word: a stand-in for a Thai letter or mark the font hid, judged against the
    same total whether mapped or left.
    """
    if not _THAI.search(line):
        return 0, 0, 0, 0.0
    from pythainlp.tokenize import word_tokenize

    words = _words()
    freqs = _frequencies()
    hit = tokens = 0
    freq = 0.0
    total = sum(len(m.group()) for m in tr._LATIN1_IN_THAI.finditer(line))
    total += len(tr._ASCII_IN_THAI.findall(line))
    for tok in word_tokenize(line, engine="newmm", keep_whitespace=False):
        n = len(_THAI.findall(tok))
        total += n
        tokens += 1
        if n and tok in words:
            hit += n
            freq += freqs.get(tok, 0.0)
    return hit, total, tokens, freq


def line_hits(line: str) -> tuple[int, int]:
    """(Thai characters inside dictionary tokens, Thai characters) of one line (newmm)."""
    return line_stats(line)[:2]


def dictionary_share(lines: list[str]) -> float:
    """Share of Thai characters of `lines` that fall inside dictionary words (0..1)."""
    return evidence(lines)[0]


def evidence(lines: list[str]) -> tuple[float, int, float]:
    """(dictionary share, −tokens, token frequency) of `lines`: compared in that order."""
    hit = total = tokens = 0
    freq = 0.0
    for line in lines:
        h, t, k, f = line_stats(line)
        hit += h
        total += t
        tokens += k
        freq += f
    return (round(hit / total, 9) if total else 1.0), -tokens, round(freq, 6)


@dataclass
class FamilyChoice:
    """One damage family's decision: candidates tried on a sample, with their shares."""

    family: str
    chosen: str
    sample_lines: int
    shares: dict[str, float] = field(default_factory=dict)


@dataclass
class RepairReport:
    """What repair did to one document, for logs and `plan-assistant status`."""

    lines: int
    hit_rate_before: float
    hit_rate_after: float
    damage_before: dict[str, int]
    damage_after: dict[str, int]
    choices: list[FamilyChoice]
    plan: RepairPlan
    seconds: float
    hit_rate_lines: int = 0  # lines the hit rates were computed on

    def chosen(self) -> dict[str, str]:
        """Family → chosen candidate."""
        return {c.family: c.chosen for c in self.choices}

    def to_dict(self) -> dict:
        d = asdict(self)
        d["plan"] = {k: (list(map(list, v)) if isinstance(v, tuple) else v) for k, v in asdict(self.plan).items()}
        return d

    def summary(self) -> str:
        """One line: hit rate before → after and the non-trivial choices."""
        picks = ", ".join(f"{c.family}={c.chosen}" for c in self.choices) or "no damage found"
        return (
            f"dictionary hits {self.hit_rate_before:.1%} → {self.hit_rate_after:.1%}; {picks}"
        )


def _spread(items: list, n: int) -> list:
    """Up to n items evenly spaced over `items` (deterministic)."""
    if len(items) <= n:
        return list(items)
    return [items[k * len(items) // n] for k in range(n)]


def _score(lines: list[str], plan: RepairPlan) -> tuple[float, int, float]:
    return evidence([repair_line(line, plan) for line in lines])


def _better(value: tuple, best: tuple, keep: tuple) -> bool:
    """`value` beats `best`, and its dictionary share is strictly above leaving the damage
    (fewer tokens and word frequency only order candidates that all raise the share)."""
    return value[0] > keep[0] and value > best


def _pick(family: str, sample: list[str], candidates: dict[str, RepairPlan], keep: str,
          score=None) -> tuple[str, FamilyChoice]:
    """The candidate with the highest share, if it beats `keep` (ties keep)."""
    score = score or (lambda plan: _score(sample, plan))
    scores = {name: score(plan) for name, plan in candidates.items()}
    best = keep
    for name, value in scores.items():
        if _better(value, scores[best], scores[keep]):
            best = name
    return best, FamilyChoice(family, best, len(sample), {k: round(v[0], 4) for k, v in scores.items()})


def _letter_table(lines: list[str], plan: RepairPlan, pattern: re.Pattern, field_name: str,
                  readings_for) -> tuple[tuple[str, str], ...]:
    """For each stand-in letter, the reading that raises the share on lines containing it."""
    counts = Counter(ch for line in lines for m in pattern.finditer(line) for ch in m.group())
    table: list[tuple[str, str]] = []
    for letter, _ in counts.most_common(MAX_LETTERS):
        sample = _spread([line for line in lines if letter in line and pattern.search(line)], SAMPLE_PER_LETTER)
        keep = _score(sample, plan)
        best, best_score = None, keep
        for reading in readings_for(letter):
            value = _score(sample, plan.with_(**{field_name: ((letter, reading),)}))
            if _better(value, best_score, keep):
                best, best_score = reading, value
        if best is not None:
            table.append((letter, best))
    return tuple(table)


def _refine_letters(lines: list[str], plan: RepairPlan, choices: list[FamilyChoice]) -> RepairPlan:
    """Each stand-in letter judged again with the moves chosen since, on the lines around it:
    a mark the extractor displaced only scores once it is put back, so the first, move-less
    reading of a letter seen mostly in displaced places can be wrong (`ผลสมฤทธ ั Í` / `ิ...` is
    `ผลสัมฤทธิ์` only with `Í` = `์`)."""
    first = plan.latin1
    counts = Counter(ch for line in lines for m in tr._LATIN1_IN_THAI.finditer(line) for ch in m.group())
    rows_with: dict[str, list[int]] = {c: [] for c, _ in counts.most_common(MAX_LETTERS)}
    for n, line in enumerate(lines):
        if tr._LATIN1_IN_THAI.search(line):
            for c in rows_with:
                if c in line:
                    rows_with[c].append(n)
    for letter, rows in rows_with.items():
        windows = [lines[max(0, n - 1):n + 2] for n in _spread(rows, REFINE_SNIPPETS)]

        def score(p: RepairPlan) -> tuple[float, int, float]:
            # Marks the font put on the next line join in (the line-start choice is made again).
            return evidence([x for window in windows for x in apply_plan(window, p.with_(line_start=True))])

        others = tuple(pair for pair in plan.latin1 if pair[0] != letter)
        keep = best = score(plan.with_(latin1=others))
        best_plan = plan.with_(latin1=others)
        for reading in [chr(ord(letter) + 0x0D60), *STANDIN_READINGS]:
            cand = plan.with_(latin1=(*others, (letter, reading)))
            value = score(cand)
            if _better(value, best, keep):
                best_plan, best = cand, value
        plan = best_plan
    if plan.latin1 != first:
        choice = next(c for c in choices if c.family == "latin_in_thai")
        choice.chosen = _table_name(plan.latin1) if plan.latin1 else "keep"
        sample = _spread([line for line in lines if tr._LATIN1_IN_THAI.search(line)], SAMPLE_LINES)
        choice.shares[choice.chosen + " (after moves)"] = round(_score(sample, plan)[0], 4)
    return plan


def _table_name(table: tuple[tuple[str, str], ...]) -> str:
    return "letters " + " ".join(f"{a}={b if b in tr._CONSONANT else '◌' + b}" for a, b in table)


def choose_plan(lines: list[str]) -> tuple[RepairPlan, list[FamilyChoice]]:
    """Decide each damage family present in `lines` (one document) from its own text."""
    plan = BASE_PLAN
    choices: list[FamilyChoice] = []

    def family(name: str, pattern: re.Pattern, candidates: dict[str, RepairPlan], keep: str = "keep"):
        nonlocal plan
        sample = _spread([line for line in lines if pattern.search(line)], SAMPLE_LINES)
        if not sample:
            return
        best, choice = _pick(name, sample, candidates, keep)
        choices.append(choice)
        plan = candidates[best]

    family("private_use", tr._PUA, {"keep": plan, "map": plan.with_(pua=True)})

    latin = [line for line in lines if tr._LATIN1_IN_THAI.search(line)]
    if latin:
        table = _letter_table(
            latin, plan, tr._LATIN1_IN_THAI, "latin1",
            lambda c: [chr(ord(c) + 0x0D60), *STANDIN_READINGS],
        )
        cands = {"keep": plan, TIS620: plan.with_(latin1=TIS620)}
        if table and table != tuple((c, chr(ord(c) + 0x0D60)) for c, _ in table):
            cands[_table_name(table)] = plan.with_(latin1=table)
        family("latin_in_thai", tr._LATIN1_IN_THAI, cands)

    ascii_lines = [line for line in lines if tr._ASCII_IN_THAI.search(line)]
    if ascii_lines:
        table = _letter_table(ascii_lines, plan, tr._ASCII_IN_THAI, "ascii", lambda c: STANDIN_READINGS)
        if table:
            family("ascii_standin", tr._ASCII_IN_THAI, {"keep": plan, _table_name(table): plan.with_(ascii=table)})

    family("doubled_mark", tr._EXACT_DOUBLE, {"keep": plan, "dedupe": plan.with_(dedupe=True)})
    family("replacement_char", re.compile("\uFFFD"), {"keep": plan, "sara_am+remnant": plan.with_(fffd=True)})

    mapped: dict[RepairPlan, list[str]] = {}

    def mapped_lines() -> list[str]:
        key = plan.with_(relocate=False, line_start=False, shift_back="")
        if key not in mapped:
            mapped.clear()
            mapped[key] = [tr.map_characters(line, plan) for line in lines]
        return mapped[key]

    # Displaced marks: decided on the mapped text (a tone mark may have been a Latin letter).
    problem = _spread([line for line in mapped_lines() if _PROBLEM_MARK.search(line)], SAMPLE_LINES)
    if problem:
        mplan = plan.with_(pua=False, latin1=(), ascii=(), fffd=False)  # already mapped
        best, choice = _pick("displaced_mark", problem,
                             {"in_place": mplan, "search": mplan.with_(relocate=True)}, "in_place")
        choices.append(choice)
        plan = plan.with_(relocate=best == "search")

    def line_start() -> None:
        nonlocal plan
        text = mapped_lines()
        pairs = [
            (text[n - 1], text[n])
            for n in range(1, len(text))
            if tr._LINE_START_MARKS.match(text[n]) and text[n - 1].strip()
        ]
        choices[:] = [c for c in choices if c.family != "line_start_mark"]
        if not pairs:
            plan = plan.with_(line_start=False)
            return
        sample = _spread(pairs, SAMPLE_LINES)
        mplan = plan.with_(pua=False, latin1=(), ascii=(), fffd=False)

        def score(p: RepairPlan) -> tuple[float, int, float]:
            return evidence([x for pair in sample for x in apply_plan(list(pair), p)])

        best, choice = _pick("line_start_mark", [a + "\n" + b for a, b in sample],
                             {"keep": mplan.with_(line_start=False), "move_back": mplan.with_(line_start=True)},
                             "keep", score)
        choices.append(choice)
        plan = plan.with_(line_start=best == "move_back")

    line_start()
    if latin and plan.latin1 != TIS620 and plan.relocate:
        before = plan.latin1
        plan = _refine_letters(lines, plan, choices)
        if plan.latin1 != before:
            line_start()  # marks that were letters may now start lines

    marked = _spread([line for line in mapped_lines() if _HAS_MARK.search(line)], SAMPLE_LINES)
    if marked:
        mplan = plan.with_(pua=False, latin1=(), ascii=(), fffd=False, line_start=False)
        cands = {"keep": mplan, "after": mplan.with_(shift_back="after")}
        if plan.relocate:
            cands["before+after"] = mplan.with_(shift_back="both")
        best, choice = _pick("shifted_mark", marked, cands, "keep")
        choices.append(choice)
        plan = plan.with_(shift_back={"keep": "", "after": "after", "before+after": "both"}[best])
    return plan, choices


def damage_totals(lines: list[str]) -> dict[str, int]:
    """`thai_repair.damage_counts` of the document, plus marks at a line start (after a non-blank line)."""
    totals = tr.damage_counts("\n".join(lines))
    totals["mark_at_line_start"] = sum(
        1 for n in range(1, len(lines)) if tr._LINE_START_MARKS.match(lines[n]) and lines[n - 1].strip()
    )
    return totals


def repair_document(lines: list[str]) -> tuple[list[str], RepairReport]:
    """Choose the plan from `lines`, apply it, and report (see module docstring)."""
    start = time.perf_counter()
    plan, choices = choose_plan(lines)
    repaired = apply_plan(lines, plan)
    sample = _spread(range(len(lines)), HIT_RATE_LINES)
    before = dictionary_share([lines[n] for n in sample])
    after = dictionary_share([repaired[n] for n in sample])
    report = RepairReport(
        lines=len(lines),
        hit_rate_before=round(before, 4),
        hit_rate_after=round(after, 4),
        damage_before=damage_totals(lines),
        damage_after=damage_totals(repaired),
        choices=choices,
        plan=plan,
        seconds=round(time.perf_counter() - start, 2),
        hit_rate_lines=len(sample),
    )
    return repaired, report
