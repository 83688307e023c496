"""Misspelt Thai question words read as the documents' own words (`วิสัยทัสน์` → วิสัยทัศน์, `โครงกาน` →
โครงการ, `ชาติพันธ์` → ชาติพันธุ์).

A misspelt word is not in the index, and the tokenizer often cuts it into pieces (`วิสัย` + `ทัสน์`). A piece
the index does not know is joined with its neighbours (up to MAX_PIECES pieces) and the joined text is
compared with the index's words of about its length; the closest one at CUTOFF or better replaces it. Words
the index knows, question words, particles and stopwords are left alone, so a correct question is unchanged.
"""
from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from functools import lru_cache

from assistant.passages import thai_stopword_set
from ingest.tokenize import words
from ingest.vocabulary import query_words

CUTOFF = 0.85  # how closely the joined pieces must spell an index word (one wrong letter in seven)
MIN_CHARS = 4  # shorter text is not corrected: too many words lie one letter away
LENGTH_SLACK = 2  # an index word this many letters longer or shorter may be the intended one
MAX_PIECES = 3
SHORT_PIECE = 2  # letters: a run of such pieces is how the tokenizer cuts a word it does not know


# a tone mark typed after the letter it belongs before (`ลอ้ม` for `ล้อม`, `เรือ่ง` for `เรื่อง`): after a consonant
# or a vowel written above or below one, an อ or such a vowel, then the mark
_LATE_MARK = re.compile("(?<=[\u0E01-\u0E2E\u0E31\u0E34-\u0E3A])[\u0E2D\u0E31\u0E34-\u0E3A][\u0E48-\u0E4B]")


def _is_thai(text: str) -> bool:
    return any("\u0E01" <= ch <= "\u0E5B" for ch in text)


def _has_digit(text: str) -> bool:
    return any(ch.isdigit() for ch in text)  # Arabic or Thai digits


@lru_cache(maxsize=1)
def _left_alone() -> frozenset[str]:
    qw = query_words()
    asking = [t for phrase in qw.source_words for t in words(phrase)]  # `ใช้งบแหล่งไหน`: not `แห่ง` of the index
    return frozenset((*thai_stopword_set(), *qw.question_words, *qw.particles, *qw.which_words, *asking))


class Speller:
    """Corrects a question's misspelt Thai words to the index's words."""

    def __init__(self, vocabulary: Iterable[str]):
        self.known = {w for w in vocabulary if _is_thai(w)}
        self.by_length: dict[int, list[str]] = {}
        for w in self.known:
            if len(w) >= MIN_CHARS - LENGTH_SLACK:
                self.by_length.setdefault(len(w), []).append(w)
        for bucket in self.by_length.values():
            bucket.sort()

    def _known(self, tok: str) -> bool:
        """Whether a token is left as typed: an index word, a word never corrected, or no Thai word (a figure
        in Thai digits, `๖๕`, is a year or an amount, not a misspelling)."""
        return tok in self.known or tok in _left_alone() or len(tok) < 2 or not _is_thai(tok) or _has_digit(tok)

    def _closest(self, text: str) -> tuple[float, str] | None:
        pool = [w for n in range(len(text) - LENGTH_SLACK, len(text) + LENGTH_SLACK + 1) for w in self.by_length.get(n, ())]
        best = difflib.get_close_matches(text, pool, n=1, cutoff=CUTOFF)
        return (difflib.SequenceMatcher(None, text, best[0]).ratio(), best[0]) if best else None

    def _chunk(self, chunk: str) -> str:
        toks = words(chunk)
        if "".join(toks) != chunk:
            return chunk  # the tokenizer changed the text: left as typed
        out: list[str] = []
        i, fixed_last = 0, True
        while i < len(toks):
            split = self._split_word(toks, i)
            if split is not None:  # `อาหาน` cut into `อา` `หา` `น`: each piece "known", the word misspelt
                word, size = split
                out.append(word)
                i, fixed_last = i + size, True
                continue
            if self._known(toks[i]):
                out.append(toks[i])
                i, fixed_last = i + 1, False
                continue
            best: tuple[float, int, int, str] | None = None  # ratio, pieces, span start (0: from i; 1: from i-1), word
            for back in (0, 1) if out and not fixed_last and _is_thai(out[-1]) else (0,):
                for size in range(1, MAX_PIECES + 1 - back):
                    if i + size > len(toks):
                        break
                    text = (out[-1] if back else "") + "".join(toks[i:i + size])
                    if len(text) < MIN_CHARS or text in self.known or _has_digit(text):
                        continue
                    found = self._closest(text)
                    if found and not self._keeps_known((out[-1:] if back else []) + toks[i:i + size], found[1]):
                        continue  # `จ้าง|คนงาน` → `จ้างงาน`: the known word `คนงาน` typed is no misspelling
                    if found and (best is None or (found[0], size + back) > best[:2]):
                        best = (found[0], size + back, back, found[1], size)
            if best is None:
                out.append(toks[i])
                i, fixed_last = i + 1, False
                continue
            _, _, back, word, size = best
            if back:
                out.pop()
            out.append(word)
            i, fixed_last = i + size, True
        return "".join(out)

    def _keeps_known(self, pieces: list[str], word: str) -> bool:
        """Whether a correction keeps every index word of MIN_CHARS letters or more the joined pieces type."""
        return all(p in word for p in pieces if len(p) >= MIN_CHARS and p in self.known)

    def _split_word(self, toks: list[str], i: int) -> tuple[str, int] | None:
        """A misspelt word the tokenizer cut into short pieces (SHORT_PIECE letters or fewer, none a stopword,
        question word or particle): the one index word of the same length one letter away from the pieces
        joined, and how many pieces it takes; None when there is no such word or more than one."""
        for size in range(MAX_PIECES, 1, -1):
            pieces = toks[i:i + size]
            if len(pieces) < size or not all(_is_thai(p) and len(p) <= SHORT_PIECE and p not in _left_alone()
                                             for p in pieces):
                continue
            text = "".join(pieces)
            if len(text) < MIN_CHARS + 1 or text in self.known:
                continue
            near = [w for w in self.by_length.get(len(text), ()) if w not in _left_alone()
                    and sum(a != b for a, b in zip(w, text)) == 1]
            if len(near) == 1:
                return near[0], size
        return None

    def correct(self, text: str) -> str:
        """The text with each misspelt Thai word replaced by the index word it most closely spells."""
        return " ".join(self._chunk(self._untransposed(c)) if _is_thai(c) else c for c in text.split(" "))

    def _untransposed(self, chunk: str) -> str:
        """The chunk with a tone mark typed one letter late put back (`สิ่งแวดลอ้ม` → สิ่งแวดล้อม, `เรือ่ง` → เรื่อง),
        where that leaves no word the index does not know and the chunk as typed has one."""
        if all(self._known(t) for t in words(chunk)):
            return chunk
        for m in _LATE_MARK.finditer(chunk):
            at = m.start()
            fixed = chunk[:at] + chunk[at + 1] + chunk[at] + chunk[at + 2:]
            if all(self._known(t) for t in words(fixed)):
                return fixed
        return chunk
