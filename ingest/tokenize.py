"""Thai-aware word tokens for keyword search and chunk sizing.

pythainlp's newmm is fast on short strings and pathologically slow on very long ones,
so text is always tokenized a line at a time.
"""
from __future__ import annotations

import re
from functools import lru_cache

from ingest.thai_repair import index_form

_SPLIT = re.compile(r"\s+")
_PUNCT_ONLY = re.compile(r"^[\W_]+$")
# Very frequent Thai function words that carry no search signal.
_STOPWORDS = frozenset(
    "และ ที่ ของ ใน การ ให้ ได้ เป็น มี จาก กับ โดย เพื่อ ซึ่ง ความ ไว้ ว่า หรือ แก่ ต่อ ด้วย "
    "นี้ นั้น จะ ไม่ อยู่ คือ ก็ แล้ว the of and to in a is for on".split()
)
# The Thai ones, which the dictionary also glues onto the word after them (`เป็นลำดับ`, `ให้บริการ`, `การสัมมนา`).
THAI_FUNCTION_WORDS = frozenset(w for w in _STOPWORDS if not w.isascii())


@lru_cache(maxsize=200_000)
def _newmm(piece: str) -> tuple[str, ...]:
    from pythainlp.tokenize import word_tokenize

    return tuple(word_tokenize(piece, engine="newmm", keep_whitespace=False))


def words(text: str) -> list[str]:
    """Word tokens of text as written: Thai runs through newmm, other runs split at punctuation."""
    out: list[str] = []
    for piece in _SPLIT.split(text):
        for run, is_thai in _script_runs(piece):
            if is_thai:
                out.extend(_newmm(run))
            else:
                out.extend(_LATIN_WORD.findall(run) or ([run] if run.strip() else []))
    return out


_THAI_RUN = re.compile(r"[\u0E01-\u0E5B]+")
# Words and numbers, keeping decimals, codes and hyphenated words whole (51809.55, BCG-Model).
_LATIN_WORD = re.compile(r"[^\W_]+(?:[.\-/][^\W_]+)*")


def _script_runs(piece: str) -> list[tuple[str, bool]]:
    """Split a whitespace-free piece into Thai and non-Thai runs."""
    runs: list[tuple[str, bool]] = []
    pos = 0
    for m in _THAI_RUN.finditer(piece):
        if m.start() > pos:
            runs.append((piece[pos:m.start()], False))
        runs.append((m.group(), True))
        pos = m.end()
    if pos < len(piece):
        runs.append((piece[pos:], False))
    return runs


def count_tokens(text: str) -> int:
    """Token count used to size chunks (≈ e5 subword tokens on Thai plan text)."""
    return len(words(text))


def search_tokens(text: str) -> list[str]:
    """Tokens for BM25: index form (Arabic digits, no thousands commas), lower-cased, no stopwords.

    Numbers also index their integer part (`51809.55` → `51809`) so partial figures match.
    """
    out: list[str] = []
    for tok in words(index_form(text).lower()):
        tok = tok.strip()
        if not tok or _PUNCT_ONLY.match(tok) or tok in _STOPWORDS:
            continue
        out.append(tok)
        if "." in tok and tok.replace(".", "").isdigit():
            out.append(tok.split(".", 1)[0])
    return out

