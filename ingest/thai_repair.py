"""Repair Thai text damaged by PDF extraction, one line at a time, with choices made per document.

Pure functions. `repair_line` applies them in a safe order and never joins or splits lines,
so line numbers of the source stay valid for citations. Digits are left as printed
(Thai digits stay Thai); `index_form` gives the form used for matching.

Fonts differ, so the damage differs: the same Latin-1 letter is a consonant in one PDF (TIS-620
bytes read as Latin-1) and a tone mark in another; one extractor doubles every mark, another
pushes marks to the next glyph slot. `repair_document` decides per document which candidate
mapping of each damage family to apply, by the share of Thai text that falls in dictionary words
(`ingest.repair_choice`), and returns the choice with before/after counts. Repair only maps,
moves or de-duplicates letters and marks; it never drops a Thai base letter or a mark (exact
doubles `่่` excepted).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from ingest.records import Table
    from ingest.repair_choice import RepairReport

# Thai combining marks: mai han-akat, sara i..phinthu (except sara am), maitaikhu..yamakkan.
MARKS = "\u0E31\u0E34-\u0E3A\u0E47-\u0E4E"
_UPPER_LOWER_VOWELS = "\u0E31\u0E34-\u0E39\u0E47"
_TONES = "\u0E48-\u0E4C"

_INVISIBLE = re.compile("[\u200B\u200C\u200D\u2060\uFEFF\u00AD]")
# Spaces before a combining mark or a following vowel (ะ า ำ ๅ) never belong there.
_SPACE_BEFORE_MARK = re.compile(rf"[ \t\u00A0]+(?=[{MARKS}\u0E30\u0E32\u0E33\u0E45])")
_SPACE_BEFORE_FOLLOWING_VOWEL = re.compile(r"(?<=[\u0E01-\u0E4E])[ \u00A0]+(?=[\u0E30\u0E32\u0E33\u0E45])")
# Nikhahit + sara aa (optionally with a tone mark between or before) is sara am.
_SARA_AM_SPLIT = re.compile(r"([\u0E48-\u0E4B]?)\u0E4D([\u0E48-\u0E4B]?)\u0E32")
# Tone mark typed before the vowel it sits on (`เพ่ือ`): vowel first, then tone.
_TONE_BEFORE_VOWEL = re.compile(rf"([{_TONES}]+)([{_UPPER_LOWER_VOWELS}])")
_DOUBLED_TONE = re.compile(r"([\u0E01-\u0E2E])([\u0E01-\u0E2E])([\u0E34-\u0E37\u0E38\u0E39]?)([\u0E48-\u0E4B])([\u0E48-\u0E4B])")
# The same mark twice in a row (`วิิสััยทััศน์์`, `จำำ`): one extractor emits every mark twice.
_EXACT_DOUBLE = re.compile(rf"([{MARKS}\u0E33])\1+")
_CID = re.compile(r"\(cid:\d+\)")
_THAI_CHAR = "\u0E01-\u0E5B"
# A Latin-1 run glued to Thai, or one Latin-1 letter standing alone right after Thai and a
# space (a font's tone mark the extractor set apart: `ได ั É ้รับ`).
_LATIN1_IN_THAI = re.compile(
    rf"(?<=[{_THAI_CHAR}])[\u00A1-\u00FB]+|[\u00A1-\u00FB]+(?=[{_THAI_CHAR}])"
    rf"|(?<=[{_THAI_CHAR}] )[\u00A1-\u00FB](?=\s|$)"
)
# One ASCII letter glued to Thai, not part of a Latin word (`ปv 2570`, `ทีc`, `ลํfา`, `เปqน`).
_ASCII_IN_THAI = re.compile(rf"(?<![A-Za-z])(?:(?<=[{_THAI_CHAR}])[A-Za-z]|[A-Za-z](?=[{_THAI_CHAR}]))(?![A-Za-z])")
_THAI_SPACE_THAI = re.compile(r"(?<=[\u0E01-\u0E4E]) (?=[\u0E01-\u0E2E\u0E40-\u0E44])")
# U+FFFD where the font had no mapping: before sara aa it is the nikhahit of sara am (`ประจ�าปี`);
# next to a mark it is the remnant of a ligature glyph (`ที่่�คาด`) and carries no letter.
_FFFD_SARA_AM = re.compile("\uFFFD(?=\u0E32)")
_FFFD_REMNANT = re.compile(rf"(?<=[{MARKS}\u0E33])\uFFFD|\uFFFD(?=[{MARKS}\u0E33])")
_LINE_START_MARKS = re.compile(rf"^((?:[{MARKS}\u0E33]+ *)*[{MARKS}\u0E33]+)")
_MARK_AFTER_SPACE = re.compile(rf"(?:^|(?<=[ \t\u00A0]))[{MARKS}]", re.M)

# Private-Use-Area glyph variants that Thai PDF fonts emit (Windows/Mac Thai font layout).
_PUA_MAP = {
    0xF700: "\u0E10", 0xF701: "\u0E34", 0xF702: "\u0E35", 0xF703: "\u0E36", 0xF704: "\u0E37",
    0xF705: "\u0E48", 0xF706: "\u0E49", 0xF707: "\u0E4A", 0xF708: "\u0E4B", 0xF709: "\u0E4C",
    0xF70A: "\u0E48", 0xF70B: "\u0E49", 0xF70C: "\u0E4A", 0xF70D: "\u0E4B", 0xF70E: "\u0E4C",
    0xF70F: "\u0E0D", 0xF710: "\u0E31", 0xF711: "\u0E4D", 0xF712: "\u0E47", 0xF713: "\u0E48",
    0xF714: "\u0E49", 0xF715: "\u0E4A", 0xF716: "\u0E4B", 0xF717: "\u0E4C", 0xF718: "\u0E38",
    0xF719: "\u0E39", 0xF71A: "\u0E3A",
}
_PUA = re.compile("[\uF700-\uF71A]")
# Regex character class of a digit in either script, for patterns that accept ๒๕๖๗ and 2567 alike.
DIGIT_CLASS = "0-9๐-๙"
_THOUSANDS_COMMA = re.compile(r"(?<=\d),(?=\d{3}(?!\d))")
_THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")

# Character classes of the mark-relocation search.
_CONSONANT = frozenset(chr(c) for c in range(0x0E01, 0x0E2F))
_VOWEL_MARK = frozenset("\u0E31\u0E34\u0E35\u0E36\u0E37\u0E38\u0E39\u0E3A\u0E47\u0E4D")
_TONE_MARK = frozenset("\u0E48\u0E49\u0E4A\u0E4B\u0E4C\u0E4E")
_MARK = _VOWEL_MARK | _TONE_MARK
_SPACE = frozenset(" \u00A0")
_THAI_VOWEL_BASE = frozenset("\u0E30\u0E32\u0E33\u0E40\u0E41\u0E42\u0E43\u0E44\u0E45")
# Thai letters a Latin-1 or ASCII stand-in may be read as: the marks (a font that put its tone
# marks and upper vowels on Latin code points). The consonant reading is TIS-620 (`Ê` = ส).
STANDIN_READINGS = "\u0E48\u0E49\u0E4A\u0E4B\u0E4C\u0E31\u0E34\u0E35\u0E36\u0E37\u0E47\u0E4D\u0E38\u0E39"
TIS620 = "tis620"


@dataclass(frozen=True)
class RepairPlan:
    """Which candidate mapping of each damage family to apply (chosen per document).

    `latin1`: `"tis620"` (every Latin-1 letter touching Thai is a TIS-620 byte), or a tuple of
    (letter, Thai) pairs (a font whose tone marks sit on Latin-1 code points), or `()` (leave).
    `ascii`: (letter, Thai mark) pairs for single ASCII letters glued to Thai.
    `relocate`: search for the slot of a mark the PDF put after a space, after a vowel or on a
    consonant that already carries one (dictionary-scored); off, the mark stays where it is
    and only the space before it goes. `shift_back`: move a mark one consonant back where that
    turns a non-word into a dictionary word (`ลุม่น้ำ` → `ลุ่มน้ำ`): `"after"` the relocation
    search, `"both"` before it too (`มลูคา่`: `มูล` first, then `ค่า`), `""` never.
    """

    pua: bool = True
    latin1: str | tuple[tuple[str, str], ...] = TIS620
    ascii: tuple[tuple[str, str], ...] = ()
    fffd: bool = True
    dedupe: bool = True
    line_start: bool = False
    relocate: bool = False
    shift_back: str = ""

    def with_(self, **changes) -> RepairPlan:
        return replace(self, **changes)


# `repair_line` without a document (queries, snippets): the safe, context-free rules.
DEFAULT_PLAN = RepairPlan()
# Every family off: what the text is before any choice (the baseline a candidate must beat).
BASE_PLAN = RepairPlan(pua=False, latin1=(), ascii=(), fffd=False, dedupe=False)


def strip_invisible(text: str) -> str:
    """Remove zero-width characters and soft hyphens (they break matching and tokenizing)."""
    return _INVISIBLE.sub("", text)


def map_private_use(text: str) -> str:
    """Map Thai glyph variants in the Private Use Area (U+F700–U+F71A) to real code points."""
    return text.translate(_PUA_MAP)


def map_latin1_in_thai(text: str) -> str:
    """Map Latin-1 letters glued to Thai text back to Thai via TIS-620.

    Thai fonts without a proper ToUnicode table extract their TIS-620 byte as a Latin-1
    character (`Ê` = 0xCA = ส, `è` = 0xE8 = ไม้เอก). Only runs touching Thai letters are
    mapped, so real Latin words stay as they are.
    """
    return _LATIN1_IN_THAI.sub(lambda m: "".join(chr(ord(c) + 0x0D60) for c in m.group()), text)


def map_latin1_with(text: str, table: str | tuple[tuple[str, str], ...]) -> str:
    """Map Latin-1 letters glued to Thai with `table` (`"tis620"` or (letter, Thai) pairs).

    `ตัวชีÊวัด` with `(("Ê", "้"),)` → `ตัวชี้วัด`; with `"tis620"` → `ตัวชีสวัด`.
    """
    if table == TIS620:
        return map_latin1_in_thai(text)
    if not table:
        return text
    mapping = dict(table)
    return _LATIN1_IN_THAI.sub(lambda m: "".join(mapping.get(c, c) for c in m.group()), text)


def map_ascii_standins(text: str, table: tuple[tuple[str, str], ...]) -> str:
    """Map single ASCII letters glued to Thai that a font used for marks (`ปv` → `ปี`)."""
    if not table:
        return text
    mapping = dict(table)
    return _ASCII_IN_THAI.sub(lambda m: mapping.get(m.group(), m.group()), text)


def fix_replacement_char(text: str) -> str:
    """U+FFFD before sara aa is the nikhahit of sara am (`ประจ�าปี` → `ประจำปี`, once composed);
    next to a mark it is a ligature remnant with no letter in it (`ที่่�` → `ที่่`)."""
    if "\uFFFD" not in text:
        return text
    return _FFFD_REMNANT.sub("", _FFFD_SARA_AM.sub("\u0E4D", text))


def compose_sara_ae(text: str) -> str:
    """Two sara e typed for one sara ae (`เเละ` → `และ`): the same glyphs, and only `แ` is a word."""
    return text.replace("\u0E40\u0E40", "\u0E41")


def dedupe_marks(text: str) -> str:
    """The same mark twice in a row is one mark printed twice (`วิิสััยทััศน์์` → `วิสัยทัศน์`)."""
    return _EXACT_DOUBLE.sub(r"\1", text)


def drop_cid_glyphs(text: str) -> tuple[str, int]:
    """Remove `(cid:NNN)` placeholders (glyphs with no Unicode mapping); return text and count."""
    return _CID.subn("", text)


def remove_spaces_before_marks(text: str) -> str:
    """`ปัจจ ุบ ัน` → `ปัจจุบัน`, `ที ่` → `ที่`: a mark never starts a word."""
    return _SPACE_BEFORE_MARK.sub("", text)


def compose_sara_am(text: str) -> str:
    """`ํา` (nikhahit + sara aa) → `ำ`, keeping a tone mark in front: `น ้ํา` → `น้ำ`."""
    return _SARA_AM_SPLIT.sub(lambda m: (m.group(1) or m.group(2)) + "\u0E33", text)


def reorder_marks(text: str) -> str:
    """Put the vowel before the tone mark (`เพ่ือ` → `เพื่อ`, `ผลสัมฤทธ์ิ` → `ผลสัมฤทธิ์`).

    A tone mark pushed onto the next syllable (`ใหมท่ี่` → two tones on one consonant)
    goes back to the consonant before: `ใหม่ที่`.
    """
    text = _TONE_BEFORE_VOWEL.sub(lambda m: m.group(2) + m.group(1), text)
    return _DOUBLED_TONE.sub(r"\1\4\2\3\5", text)


_DOUBLE_UPPER_VOWEL = re.compile(r"([\u0E01-\u0E2E])([\u0E01-\u0E2E])([\u0E31\u0E34-\u0E37])([\u0E34-\u0E37])")


def unshift_vowels(text: str) -> str:
    """A consonant cannot carry two upper vowels: the first slid off the consonant before it.

    PDF extraction shifts vowels one glyph right (`ปฏิบตัิ` → `ปฏิบัติ`, `วถิี` → `วิถี`).
    """
    return _DOUBLE_UPPER_VOWEL.sub(r"\1\3\2\4", text)


@lru_cache(maxsize=1)
def _dictionary() -> frozenset[str]:
    from pythainlp.corpus import thai_words

    return thai_words()


@lru_cache(maxsize=1)
def _trie_root() -> dict:
    """The dictionary as nested dicts (char → node; key "" marks a word end), for `coverage`."""
    root: dict = {}
    for word in _dictionary():
        node = root
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = True
    return root


# A word of n letters scores n − 1 (each extra split costs one), ties going to more letters
# covered: `รายละเอียด|งบประมาณ|จ` beats `รายละ|เอ|ยด|งบประมาณ|จี`. Below 256 letters, a
# score modulo 256 is the number of letters covered.
_WORD_SCORE = [(n - 1) * 256 + n for n in range(128)]


@lru_cache(maxsize=131072)
def _token_coverage(token: str) -> int:
    """Score of the best split of `token` into dictionary words and leftovers (`_WORD_SCORE`)."""
    root = _trie_root()
    n = len(token)
    best = [0] * (n + 1)
    for i in range(n - 1, -1, -1):
        b = best[i + 1]
        node = root
        j = i
        while j < n:
            node = node.get(token[j])
            if node is None:
                break
            j += 1
            if "" in node:
                v = _WORD_SCORE[j - i] + best[j]
                if v > b:
                    b = v
        best[i] = b
    return best[0]


def coverage(text: str) -> int:
    """Dictionary score of `text` (see `_token_coverage`), summed over its space-free runs.

    A fast stand-in for "tokenize and count characters in dictionary tokens", used to score
    the many candidate slots of a displaced mark. Spaces are ignored (tabs are not): the
    extractor that displaces marks also puts spaces around them (`จานวนเง ํ นนอก`), so a word
    is judged whole (`เงิ นนอก` = `เงินนอก`); a space it split a word with goes later, in
    `join_broken_words`.
    """
    return sum(_token_coverage(tok) for tok in compose_sara_am(text).replace(" ", "").replace("\u00A0", "").split())


@lru_cache(maxsize=65536)
def _tokens(text: str) -> tuple[str, ...]:
    from pythainlp.tokenize import word_tokenize

    return tuple(word_tokenize(text, engine="newmm", keep_whitespace=False))


def _token_at(tokens: tuple[str, ...], offset: int) -> tuple[str, int, int]:
    """The token covering character `offset`, with its start and end."""
    pos = 0
    for tok in tokens:
        if pos <= offset < pos + len(tok):
            return tok, pos, pos + len(tok)
        pos += len(tok)
    return "", pos, pos


def join_broken_words(text: str, whole_left: bool = False) -> str:
    """Remove a space that splits one Thai word (`กิจ กรร ม` → `กิจกรรม`), checked by dictionary.

    A space between Thai letters is a phrase break in normal Thai, so it is removed only
    when, with the space gone, a dictionary word spans the gap and a side of the gap was not
    a word on its own (so `กิจ กรรม`, two real words, stays: too risky to guess).
    The glued word must start where the left word starts; with `whole_left` (a document whose
    marks were displaced, leaving spaces in words: `คัดเลื อก`) it may start earlier.
    """
    if " " not in text:
        return text
    words = _dictionary()
    out = text
    pos = 0
    while True:
        m = _THAI_SPACE_THAI.search(out, pos)
        if not m:
            return out
        i = m.start()
        left = out[max(0, i - 20):i].split(" ")[-1]
        right = out[i + 1:i + 21].split(" ")[0]
        lw = _tokens(left)[-1] if left else ""
        rw = _tokens(right)[0] if right else ""
        # The glued word must extend the left word, not re-split it (`แล้ว ณ` ≠ `แล้|วณ`).
        glued = _tokens(left + right)
        tok, start, end = _token_at(glued, len(left) - 1)
        left_start = len(left) - len(lw)
        spans = (start <= left_start if whole_left else start == left_start) and end > len(left) and tok in words
        if lw and rw and spans and (lw not in words or rw not in words):
            out = out[:i] + out[i + 1:]
            pos = max(0, i - 1)
        else:
            pos = i + 1


# ---- displaced marks: search for the slot, scored by dictionary coverage -------------------

_WINDOW = 24  # cells back from a displaced mark where its slot may be
_MAX_CHAIN = 3  # marks shifted along with it (each displayed one slot late)
_MARGIN = 4  # cells of context before the farthest slot in the scored window
_MARGIN_AFTER = 8  # cells of context after the unit (a word the mark ends may run on: `ยั่ งยืน`)


def _valid_cluster(marks: str) -> bool:
    """At most one vowel mark then at most one tone mark (`ี่`, `ั้`, `ุ์`); `็` stands alone."""
    if len(marks) <= 1:
        return True
    return (
        len(marks) == 2 and marks[0] in _VOWEL_MARK and marks[1] in _TONE_MARK and marks[0] != "\u0E47"
    )


def _merge(marks: str, extra: str) -> str | None:
    """`marks` of a consonant with `extra` added (vowel before tone), or None if it cannot carry it."""
    merged = "".join(sorted(marks + extra, key=lambda m: m in _TONE_MARK))
    return merged if _valid_cluster(merged) else None


def _cells(line: str) -> list[list[str]]:
    """The line as [base, marks] cells; marks at the line start get the empty base."""
    cells: list[list[str]] = []
    for ch in line:
        if ch in _MARK:
            if cells:
                cells[-1][1] += ch
            else:
                cells.append(["", ch])
        else:
            cells.append([ch, ""])
    return cells


def _render(cells: list[list[str]]) -> str:
    return "".join(b + m for b, m in cells)


def _unit(cell: list[str]) -> str | None:
    """The marks of `cell` that are out of place, or None.

    Marks with no consonant under them (after a space, a vowel, at the line start) move as the
    longest valid cluster at their head; on a consonant with an impossible cluster (two vowels)
    the first mark is the one displayed late.
    """
    base, marks = cell
    if not marks:
        return None
    if base not in _CONSONANT:
        return marks[:2] if len(marks) >= 2 and _valid_cluster(marks[:2]) else marks[0]
    if _valid_cluster(marks):
        return None
    return marks[0]


@lru_cache(maxsize=1)
def _cluster_contexts() -> tuple[frozenset, frozenset, frozenset, frozenset]:
    """Where each consonant+marks cluster occurs in dictionary words (sara am decomposed):
    at a word start, at a word end, after a given character, before a given character."""
    start, end, pre, mid = set(), set(), set(), set()
    for word in _dictionary():
        w = word.replace("\u0E33", "\u0E4D\u0E32")
        n = len(w)
        t = 0
        while t < n:
            if w[t] in _CONSONANT:
                e = t + 1
                while e < n and w[e] in _MARK:
                    e += 1
                if e > t + 1:
                    key = w[t] + "".join(sorted(w[t + 1:e], key=lambda m: m in _TONE_MARK))
                    (start.add(key) if t == 0 else pre.add(w[t - 1] + key))
                    (end.add(key) if e == n else mid.add(key + w[e]))
                t = e
            else:
                t += 1
    return frozenset(start), frozenset(end), frozenset(pre), frozenset(mid)


def _plausible(cells: list[list[str]], j: int, marks: str) -> bool:
    """Can consonant j carrying `marks` sit inside some dictionary word, given its neighbours?

    A cheap filter before scoring: a slot whose cluster never occurs next to these letters in
    any word cannot make a word there.
    """
    start, end, pre, mid = _cluster_contexts()
    key = cells[j][0] + marks
    # Neighbours as scored: spaces (and late marks set apart by them) do not count.
    q = j - 1
    while q >= 0 and cells[q][0] in _SPACE:
        q -= 1
    left = (cells[q][1] or cells[q][0])[-1:] if q >= 0 else ""
    r = j + 1
    while r < len(cells) and cells[r][0] in _SPACE:
        r += 1
    right = cells[r][0] if r < len(cells) else ""
    return (key in start or left + key in pre) and (key in end or key + right in mid)


def _candidates(cells: list[list[str]], i: int, unit: str):
    """Candidate repairs for the unit at the head of cell i's marks: (rank, {cell: marks}, rest).

    rank orders equal scores: nearer and shorter chains first. Slot 0: the unit joins a
    consonant before it. Chain k: the unit takes the slot of the k-th marked consonant before
    it, each of those clusters moves one marked slot back, the last to a consonant with none.
    """
    if i == 0:
        return
    lo = i - 1
    while lo > 0 and i - lo < _WINDOW and cells[lo - 1][0] != "\t":
        lo -= 1
    if cells[i][0] not in _SPACE and cells[i][0] != "":
        # Not after a space: the slot is in the same word (`สเีขียว`), never across a space.
        k = i - 1
        while k > lo and not cells[k - 1][0].isspace():
            k -= 1
        lo = max(lo, k)
    rest = cells[i][1][len(unit):]
    marked: list[int] = []
    rank = 0
    for j in range(i - 1, lo - 1, -1):
        base, marks = cells[j]
        if base not in _CONSONANT:
            continue
        merged = _merge(marks, unit)
        if merged is not None and _plausible(cells, j, merged):
            rank += 1
            yield rank, {j: merged}, rest
        if marks and _valid_cluster(marks):
            marked.append(j)
    for k in range(1, min(_MAX_CHAIN, len(marked)) + 1):
        change = {marked[0]: unit}
        for m in range(1, k):
            change[marked[m]] = cells[marked[m - 1]][1]
        if not all(_plausible(cells, j, marks) for j, marks in change.items()):
            break  # a longer chain keeps these moves
        last = cells[marked[k - 1]][1]
        stop = marked[k] if len(marked) > k else lo
        for p in range(marked[k - 1] - 1, stop - 1, -1):
            # The last cluster goes to a bare consonant, or joins the next marked one if it can
            # (`เพ่อเปื ็น`: `ื` joins `่` on พ).
            merged = last if not cells[p][1] else _merge(cells[p][1], last)
            if cells[p][0] in _CONSONANT and merged and _plausible(cells, p, merged):
                rank += 1
                yield 1000 * k + rank, {**change, p: merged}, rest


def _apply(cells: list[list[str]], i: int, change: dict[int, str], rest: str) -> list[list[str]]:
    out = [list(c) for c in cells]
    for j, marks in change.items():
        out[j][1] = marks
    out[i][1] = rest
    if not rest and out[i][0] in _SPACE | {""}:
        # The space the extractor put before a late mark goes with it, and so does one it put
        # after it inside a word (`เง ํ นนอก`: Thai on both sides).
        if (
            0 < i < len(out) - 2
            and out[i + 1] == [" ", ""]
            and out[i - 1][0] in _CONSONANT | _THAI_VOWEL_BASE
            and out[i + 2][0] in _CONSONANT | _THAI_VOWEL_BASE
        ):
            del out[i + 1]
        del out[i]
    return out


def _baseline(cells: list[list[str]], i: int, unit: str) -> list[list[str]]:
    """Leave the unit where it is; a space before it goes (a mark never starts a word)."""
    out = [list(c) for c in cells]
    if out[i][0] in _SPACE and i > 0:
        out[i - 1][1] += out[i][1]
        del out[i]
    return out


def _word_bounds(cells: list[list[str]], lo: int, hi: int) -> tuple[int, int]:
    while lo > 0 and not cells[lo - 1][0].isspace():
        lo -= 1
    while hi < len(cells) and not cells[hi][0].isspace():
        hi += 1
    return lo, hi


def relocate_marks(line: str) -> str:
    """Put marks the extractor displayed late back on their consonant, where the dictionary agrees.

    Some PDFs emit a mark one or more glyph slots late, often after a space (`วิสัยทศนั ์`,
    `สรุปงบประมาณรายจายประจ ่ าปํ ี`); the sample's `สรา้ง` and `สเีขียว` are the one-slot case.
    Each such mark is tried on every consonant of the 24 cells before it, and along a chain of
    up to three marks each shifted one slot back; the placement that covers the most characters
    with dictionary words wins, and only if it covers strictly more than leaving the mark where
    it is (then only the space before it goes). Marks are moved, never dropped.
    """
    if not any(ch in _MARK for ch in line):
        return line
    return _render(_relocate_from(_cells(line), 0))


def _relocate_from(cells: list[list[str]], i: int, groups: bool = True) -> list[list[str]]:
    guard = 0
    while i < len(cells) and guard < 4 * len(cells) + 8:
        guard += 1
        unit = _unit(cells[i])
        if unit is None:
            i += 1
            continue
        end = _group_at_end(cells, i) if groups else 0
        if end:
            return _place_group(cells, i, end)
        cands = list(_candidates(cells, i, unit))
        base = _baseline(cells, i, unit)
        if not cands:
            if len(base) == len(cells):
                i += 1
            cells = base
            continue
        # Scored on a window from a few cells before the farthest slot to a few after the unit:
        # the same text outside it for every candidate.
        a = max(0, min(min(ch) for _, ch, _ in cands) - _MARGIN)
        tail = max(0, len(cells) - i - 2 - _MARGIN_AFTER)  # cells after the window are never touched
        best_score = coverage(_render(base[a:len(base) - tail]))
        best = None
        for rank, change, rest in cands:
            cand = _apply(cells, i, change, rest)
            score = coverage(_render(cand[a:len(cand) - tail]))
            if score > best_score or (best is not None and score == best_score and rank < best[0]):
                best_score, best = score, (rank, cand)
        if best is None:
            deleted = len(base) < len(cells)
            cells = base
            if not deleted:
                i += 1  # left where it is: go on after it
        else:
            cells = best[1]  # cell i now holds what followed the unit: look at it again
    return cells


_GROUP_WINDOW = 16


def _group_at_end(cells: list[list[str]], i: int) -> int:
    """End of a run of 2–3 marks each set apart by a space that closes the line, else 0.

    That is where marks moved back from the next line land (`ผลสมฤทธ ั ์ ิ`); they are placed
    together, since one alone rarely makes a word (`ผลสัมฤทธิ์` needs all three).
    """
    j = i
    while j < len(cells) and cells[j][0] in _SPACE | {""} and cells[j][1] and _valid_cluster(cells[j][1]):
        j += 1
    if not 2 <= j - i <= 3 or i == 0:
        return 0
    if any(c[1] or not c[0].isspace() for c in cells[j:]):
        return 0
    return j


def _place_group(cells: list[list[str]], i: int, end: int) -> list[list[str]]:
    """The best joint placement of the marks of cells i..end on consonants before them, if it
    beats placing them one by one."""
    from itertools import combinations_with_replacement

    units = [c[1] for c in cells[i:end]]
    lo = max(0, i - _GROUP_WINDOW)
    slots = [x for x in range(lo, i) if cells[x][0] in _CONSONANT]
    a, _ = _word_bounds(cells, lo, i)
    one_by_one = _relocate_from([list(c) for c in cells], i, groups=False)
    best, best_score = one_by_one, coverage(_render(one_by_one[a:]))
    for combo in combinations_with_replacement(slots, len(units)):
        change: dict[int, str] = {}
        for x, unit in zip(combo, units):
            merged = _merge(change.get(x, cells[x][1]), unit)
            if merged is None:
                break
            change[x] = merged
        else:
            cand = [list(c) for c in cells[:i]] + [list(c) for c in cells[end:]]
            for x, marks in change.items():
                cand[x][1] = marks
            score = coverage(_render(cand[a:]))
            if score > best_score:
                best, best_score = cand, score
    return best




def shift_marks_back(line: str) -> str:
    """Move a mark one consonant back where that makes a dictionary word of a non-word.

    `ลุม่น้ำ` → `ลุ่มน้ำ`, `มลูค่า` → `มูลค่า`, `ผลิตภณัฑ์` → `ผลิตภัณฑ์`: the mark is valid where it
    stands, so only the dictionary can tell; a move must raise the covered characters.
    """
    if not any(ch in _MARK for ch in line):
        return line
    out = []
    for token in re.split(r"(\s+)", line):
        out.append(_shift_token(token) if token and not token.isspace() else token)
    return "".join(out)


@lru_cache(maxsize=65536)
def _shift_token(token: str) -> str:
    thai = sum(1 for ch in token if "\u0E01" <= ch <= "\u0E4E")
    score = _token_coverage(compose_sara_am(token))
    if len(token) < 256 and score % 256 >= thai:  # every Thai character already in a word
        return token
    for _ in range(4):
        cells = _cells(token)
        best = None
        for j in range(1, len(cells)):
            base, marks = cells[j]
            # The consonant before, over a following vowel if one is between (`รายจาย่`).
            k = j - 2 if j > 1 and cells[j - 1][0] in "\u0E30\u0E32\u0E45" and not cells[j - 1][1] else j - 1
            prev = cells[k]
            if base not in _CONSONANT or not marks or prev[0] not in _CONSONANT:
                continue
            for mark in dict.fromkeys(marks):
                merged = _merge(prev[1], mark)
                if merged is None:
                    continue
                cand = [list(c) for c in cells]
                cand[k][1] = merged
                cand[j][1] = marks.replace(mark, "", 1)
                text = _render(cand)
                s = _token_coverage(compose_sara_am(text))
                # Only a move that leaves the whole token in dictionary words: loanwords and
                # names (`อินนูลิน`, `รีทอร์ท`) are not in the dictionary either way.
                if s > score and s % 256 >= thai and s % 256 > score % 256:
                    score, best = s, text
        if best is None:
            break
        token = best
    return token


def move_line_start_marks(lines: list[str], dedupe: bool = False) -> list[str]:
    """Marks the PDF put at the start of the next line go back to the end of the line before.

    `ฉบัับที่` / `่ 12`, `ผลสมฤทธ ั Í` / `ิและประโยชน์`. They are appended after a space, so the
    relocation search (or the space rule) then seats them; with `dedupe`, a mark that repeats
    the one ending the line before is the extractor's double of it (`ที่` / `่`). The line count
    never changes; a line that held only marks stays, empty.
    """
    out = list(lines)
    for n in range(1, len(out)):
        m = _LINE_START_MARKS.match(out[n])
        prev = out[n - 1]
        if not m or not prev.strip():
            continue
        stripped = prev.rstrip()
        marks = m.group(1)
        if dedupe and marks[0] == stripped[-1]:
            marks = marks[1:].lstrip()
        out[n - 1] = stripped + (" " + marks if marks else "") + prev[len(stripped):]
        out[n] = out[n][m.end():]
    return out


@lru_cache(maxsize=131072)
def map_characters(line: str, plan: RepairPlan = DEFAULT_PLAN) -> str:
    """The character mappings of `plan` (no moves): invisible, sara ae, PUA, doubles, Latin-1, ASCII, U+FFFD."""
    line = compose_sara_ae(strip_invisible(line))
    if plan.pua:
        line = map_private_use(line)
    if plan.dedupe:  # before the letter mappings: only doubles the extractor printed go
        line = dedupe_marks(line)
    line = map_latin1_with(line, plan.latin1)
    line = map_ascii_standins(line, plan.ascii)
    if plan.fffd:
        line = fix_replacement_char(line)
    return line


@lru_cache(maxsize=131072)
def _moved(line: str, relocate: bool, shift_first: bool = False) -> str:
    """The mark moves after the mappings (cached: books repeat headings and table rows)."""
    line, _ = drop_cid_glyphs(line)
    line = compose_sara_am(line)
    if relocate:
        line = _SPACE_BEFORE_FOLLOWING_VOWEL.sub("", line)
        line = reorder_marks(line)
        if shift_first:
            line = shift_marks_back(line)
        line = relocate_marks(line)
        line = remove_spaces_before_marks(line)
        line = compose_sara_am(line)
        return _TONE_BEFORE_VOWEL.sub(lambda m: m.group(2) + m.group(1), line)
    line = remove_spaces_before_marks(line)
    line = compose_sara_am(line)
    line = reorder_marks(line)
    return unshift_vowels(line)


# A decimal list marker the text layer broke at its dot, as it breaks Thai words (`2 .2 ว ิสาหก ิจ…`): `2.2`.
_SPACED_MARKER = re.compile(r"^(\s*\d{1,2}) \.(\d{1,2}\s)")


@lru_cache(maxsize=131072)
def _repair_mapped(line: str, plan: RepairPlan) -> str:
    ended_with_space = line[-1:].isspace()
    line = _moved(line, plan.relocate, plan.shift_back == "both")
    if plan.shift_back:
        line = shift_marks_back(line)
    line = join_broken_words(line, whole_left=plan.relocate)
    line = _SPACED_MARKER.sub(r"\1.\2", line)
    line = line.rstrip()
    return line + " " if line and ended_with_space else line


def repair_line(line: str, plan: RepairPlan = DEFAULT_PLAN) -> str:
    """All repairs for one line of extracted text, in a safe order. Never changes line count.

    Trailing whitespace is collapsed to one space, not dropped: it tells `join_wrapped_lines`
    that the source broke the line at a phrase boundary. Without a plan (a query, a snippet)
    only the context-free rules run; a document's plan comes from `repair_document`.
    """
    return _repair_mapped(map_characters(line, plan), plan)


def apply_plan(lines: list[str], plan: RepairPlan) -> list[str]:
    """Repair a document's lines with a chosen plan (same number of lines)."""
    mapped = [map_characters(line, plan) for line in lines]
    if plan.line_start:
        mapped = move_line_start_marks(mapped, dedupe=plan.dedupe)
    return [_repair_mapped(line, plan) for line in mapped]


def repair_tables(tables: list[Table], plan: RepairPlan) -> list[Table]:
    """The tables with every cell's text repaired by the document's plan (cells read from PDF
    character boxes carry the same font damage as its lines; a cell's own lines are repaired
    together, so a mark the PDF put at the start of a cell's next line moves back)."""
    def fixed(text: str) -> str:
        if not _NEEDS_REPAIR.search(text):  # figures, dashes, Latin-only headers: nothing to repair
            return text
        return "\n".join(apply_plan(text.split("\n"), plan)).strip()

    return [replace(t, cells=[replace(c, text=fixed(c.text)) for c in t.cells]) for t in tables]


# Characters some repair family acts on: Thai, Latin-1 letters (font stand-ins), Private Use
# Area glyphs, U+FFFD, invisible characters; ASCII letters only next to Thai (covered by Thai).
_NEEDS_REPAIR = re.compile("[\u0E00-\u0E7F\u00C0-\u00FF\uE000-\uF8FF\uFFFD\u200B-\u200D\u2060\uFEFF\u00AD]")


def repair_document(lines: list[str]) -> tuple[list[str], RepairReport]:
    """Repair one document, choosing each damage family's mapping from the document's own text.

    Returns the repaired lines (same count) and a `RepairReport`: dictionary-hit rate and damage
    counts before/after, and which mapping was chosen for each family, on what evidence.
    """
    from ingest.repair_choice import repair_document as _repair_document

    return _repair_document(lines)


def repair_lines(lines: list[str]) -> list[str]:
    """Repair one document's lines (choices made from these lines; see `repair_document`)."""
    from ingest.repair_choice import choose_plan

    return apply_plan(lines, choose_plan(lines)[0])


def thai_digits_to_arabic(text: str) -> str:
    """`๒๕๖๗` → `2567`."""
    return text.translate(_THAI_DIGITS)


def index_form(text: str) -> str:
    """The form used for matching (BM25, embeddings, queries): Arabic digits, no thousands commas.

    Displayed text keeps Thai digits; indexing both sides in this form makes `๒๕๖๗` match `2567`
    and `2,962,925` match `2962925`.
    """
    return _THOUSANDS_COMMA.sub("", thai_digits_to_arabic(text))


def _is_thai(ch: str) -> bool:
    return "\u0E01" <= ch <= "\u0E5B"


def join_wrapped_lines(lines: list[str]) -> str:
    """Join lines wrapped mid-phrase into running text; blank lines become paragraph breaks.

    Thai wraps at word boundaries without a space, so a Thai–Thai break joins directly,
    unless the line ended in a space (a phrase break in the source); other breaks get a space.
    """
    parts: list[str] = []
    tight = False
    for raw in lines:
        line = raw.strip()
        if not line:
            if parts and parts[-1] != "\n":
                parts.append("\n")
            continue
        if parts and parts[-1] != "\n":
            glue = "" if tight and _is_thai(parts[-1][-1]) and _is_thai(line[0]) else " "
            parts.append(glue + line)
        else:
            parts.append(line)
        tight = not raw[-1:].isspace()
    return "".join(parts).strip()


def damage_counts(text: str) -> dict[str, int]:
    """Counts of known extraction damage, for measuring repair (before/after)."""
    return {
        "space_before_mark": len(_SPACE_BEFORE_MARK.findall(text)),
        "tone_before_vowel": len(_TONE_BEFORE_VOWEL.findall(text)),
        "split_sara_am": len(_SARA_AM_SPLIT.findall(text)),
        "invisible": len(_INVISIBLE.findall(text)),
        "private_use": len(_PUA.findall(text)),
        "cid": len(_CID.findall(text)),
        "latin_in_thai": sum(len(m.group()) for m in _LATIN1_IN_THAI.finditer(text))
        + len(_ASCII_IN_THAI.findall(text)),
        "doubled_mark": len(_EXACT_DOUBLE.findall(text)),
        "replacement_char": text.count("\uFFFD"),
        "mark_after_space": len(_MARK_AFTER_SPACE.findall(text)),
        "misplaced_mark": _misplaced_marks(text),
    }


_MISPLACED = re.compile(
    rf"(?<=[\u0E30\u0E32\u0E33\u0E40-\u0E46])[{MARKS}]"  # a mark on a vowel (`สรา้ง`, `สเีขียว`)
    r"|[\u0E31\u0E34-\u0E37\u0E47\u0E4D][\u0E31\u0E34-\u0E37\u0E47\u0E4D]"  # two upper vowels
)


def _misplaced_marks(text: str) -> int:
    """Marks no consonant can carry where they stand: on a vowel, or a second upper vowel."""
    return len(_MISPLACED.findall(text))
