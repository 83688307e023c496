"""English spellings of the documents' Thai names (`Lampang` → ลำปาง, `amphoe` → อำเภอ).

An English question about Thai content names Thai places and organisations in their romanized form,
which no Thai text prints. Each Thai word the index holds is romanized once with the Royal Institute
system (pythainlp's rule-based `royin`: no model, no download); an English word of a question that
neither the profile's English terms nor the index know, and that spells one of those words (exactly,
or nearly for longer words), is read as that Thai word, so retrieval and the later stages find the
Thai text. The answer still speaks the language the question was typed in.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from difflib import SequenceMatcher

_THAI_WORD = re.compile(r"[\u0E01-\u0E4E]{3,}")
_ENGLISH_WORD = re.compile(r"(?<![A-Za-z])[A-Za-z]{4,}(?![A-Za-z])")
NEAR = 0.88  # how closely an English word must spell a romanized Thai word (royin drops some vowels)
NEAR_LENGTH = 6  # shorter words must spell it exactly


class RomanizedNames:
    """The index's Thai words by their romanized spelling."""

    def __init__(self, vocabulary: Iterable[str], known: Iterable[str]):
        from pythainlp.transliterate import romanize

        self.known = {w.lower() for w in known}
        self.by_spelling: dict[str, list[str]] = {}
        for word in vocabulary:
            if _THAI_WORD.fullmatch(word):
                self.by_spelling.setdefault(romanize(word, engine="royin"), []).append(word)

    def thai_for(self, word: str) -> str | None:
        """The one Thai word an English word spells, if it spells exactly one."""
        spelt = word.lower()
        if spelt in self.known:
            return None
        exact = self.by_spelling.get(spelt, [])
        if len(exact) == 1:
            return exact[0]
        if exact or len(spelt) < NEAR_LENGTH:
            return None
        near = [(SequenceMatcher(None, spelt, k, autojunk=False).ratio(), k) for k in self.by_spelling
                if k[:1] == spelt[:1] and abs(len(k) - len(spelt)) <= 2]
        near = sorted((r, k) for r, k in near if r >= NEAR)
        if near and len(self.by_spelling[near[-1][1]]) == 1 and (len(near) == 1 or near[-1][0] > near[-2][0]):
            return self.by_spelling[near[-1][1]][0]
        return None

    def read(self, text: str) -> str:
        """The question with each English word that spells a Thai word read as it (`Lampang` → ลำปาง)."""
        return _ENGLISH_WORD.sub(lambda m: self.thai_for(m.group(0)) or m.group(0), text)
