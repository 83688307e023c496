"""Repair Thai text damaged by PDF extraction, one line at a time.

Pure functions. `repair_line` applies them in a safe order and never joins or splits lines,
so line numbers of the source stay valid for citations. Digits are left as printed
(Thai digits stay Thai); `index_form` gives the form used for matching.
"""
from __future__ import annotations

import re
from functools import lru_cache

# Thai combining marks: mai han-akat, sara i..phinthu (except sara am), maitaikhu..yamakkan.
MARKS = "\u0E31\u0E34-\u0E3A\u0E47-\u0E4E"
_UPPER_LOWER_VOWELS = "\u0E31\u0E34-\u0E39\u0E47"
_TONES = "\u0E48-\u0E4C"

_INVISIBLE = re.compile("[\u200B\u200C\u200D\u2060\uFEFF\u00AD]")
# Spaces before a combining mark or a following vowel (ะ า ำ ๅ) never belong there.
_SPACE_BEFORE_MARK = re.compile(rf"[ \t\u00A0]+(?=[{MARKS}\u0E30\u0E32\u0E33\u0E45])")
# Nikhahit + sara aa (optionally with a tone mark between or before) is sara am.
_SARA_AM_SPLIT = re.compile(r"([\u0E48-\u0E4B]?)\u0E4D([\u0E48-\u0E4B]?)\u0E32")
# Tone mark typed before the vowel it sits on (`เพ่ือ`): vowel first, then tone.
_TONE_BEFORE_VOWEL = re.compile(rf"([{_TONES}]+)([{_UPPER_LOWER_VOWELS}])")
_DOUBLED_TONE = re.compile(r"([\u0E01-\u0E2E])([\u0E01-\u0E2E])([\u0E34-\u0E37\u0E38\u0E39]?)([\u0E48-\u0E4B])([\u0E48-\u0E4B])")
_CID = re.compile(r"\(cid:\d+\)")
_THAI_CHAR = "\u0E01-\u0E5B"
_LATIN1_IN_THAI = re.compile(rf"(?<=[{_THAI_CHAR}])[\u00A1-\u00FB]+|[\u00A1-\u00FB]+(?=[{_THAI_CHAR}])")
_THAI_SPACE_THAI = re.compile(r"(?<=[\u0E01-\u0E4E]) (?=[\u0E01-\u0E2E\u0E40-\u0E44])")

# Private-Use-Area glyph variants that Thai PDF fonts emit (Windows/Mac Thai font layout).
_PUA_MAP = {
    0xF700: "\u0E10", 0xF701: "\u0E34", 0xF702: "\u0E35", 0xF703: "\u0E36", 0xF704: "\u0E37",
    0xF705: "\u0E48", 0xF706: "\u0E49", 0xF707: "\u0E4A", 0xF708: "\u0E4B", 0xF709: "\u0E4C",
    0xF70A: "\u0E48", 0xF70B: "\u0E49", 0xF70C: "\u0E4A", 0xF70D: "\u0E4B", 0xF70E: "\u0E4C",
    0xF70F: "\u0E0D", 0xF710: "\u0E31", 0xF711: "\u0E4D", 0xF712: "\u0E47", 0xF713: "\u0E48",
    0xF714: "\u0E49", 0xF715: "\u0E4A", 0xF716: "\u0E4B", 0xF717: "\u0E4C", 0xF718: "\u0E38",
    0xF719: "\u0E39", 0xF71A: "\u0E3A",
}
# Regex character class of a digit in either script, for patterns that accept ๒๕๖๗ and 2567 alike.
DIGIT_CLASS = "0-9๐-๙"
_THOUSANDS_COMMA = re.compile(r"(?<=\d),(?=\d{3}(?!\d))")
_THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")


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


def join_broken_words(text: str) -> str:
    """Remove a space that splits one Thai word (`กิจ กรร ม` → `กิจกรรม`), checked by dictionary.

    A space between Thai letters is a phrase break in normal Thai, so it is removed only
    when, with the space gone, a dictionary word spans the gap and a side of the gap was not
    a word on its own (so `กิจ กรรม`, two real words, stays: too risky to guess).
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
        spans = start == len(left) - len(lw) and end > len(left) and tok in words
        if lw and rw and spans and (lw not in words or rw not in words):
            out = out[:i] + out[i + 1:]
            pos = max(0, i - 1)
        else:
            pos = i + 1


def repair_line(line: str) -> str:
    """All repairs for one line of extracted text, in a safe order. Never changes line count.

    Trailing whitespace is collapsed to one space, not dropped: it tells `join_wrapped_lines`
    that the source broke the line at a phrase boundary.
    """
    ended_with_space = line[-1:].isspace()
    line = strip_invisible(line)
    line = map_private_use(line)
    line = map_latin1_in_thai(line)
    line, _ = drop_cid_glyphs(line)
    line = remove_spaces_before_marks(line)
    line = compose_sara_am(line)
    line = reorder_marks(line)
    line = unshift_vowels(line)
    line = join_broken_words(line)
    line = line.rstrip()
    return line + " " if line and ended_with_space else line


def repair_lines(lines: list[str]) -> list[str]:
    """Repair every line independently (pythainlp-style tools are slow on long strings)."""
    return [repair_line(line) for line in lines]


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
        "private_use": sum(1 for c in text if 0xF700 <= ord(c) <= 0xF71A),
        "cid": len(_CID.findall(text)),
    }
