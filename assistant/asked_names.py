"""Which named thing a question asks for (`ร่วมมือกับประเทศอะไรบ้าง`), and whether its passages name one: a budget
line or a sentence printing the kind word without a name does not answer it."""

from __future__ import annotations

import re
from functools import lru_cache

from assistant.passages import province_names, thai_stopword_set
from assistant.records import Evidence
from assistant.route import Query
from ingest.tokenize import words as word_tokens
from ingest.vocabulary import named_kinds, query_words, word_pattern

_OR = "หรือ"  # `ชุมชนหรือหมู่บ้านไหน`: either kind is asked


@lru_cache(maxsize=1)
def _asked_pattern() -> re.Pattern[str]:
    """A kind word, optionally `หรือ` another one, then a which word (`ประเทศอะไร`, `ชุมชนหรือหมู่บ้านไหน`)."""
    kinds = word_pattern(list(named_kinds()))
    which = word_pattern([w for w in query_words().which_words if not w.isascii()])
    return re.compile(rf"({kinds})(?:\s*{_OR}\s*({kinds}))?\s*(?:{which})")


def asked_kinds(text: str) -> list[str]:
    """The kinds of named thing a question asks which one of (profile `[named_kinds]`); empty when it asks none."""
    return [k for m in _asked_pattern().finditer(text) for k in m.groups() if k]


@lru_cache(maxsize=1)
def _countries() -> frozenset[str]:
    """The world's countries by Thai name (pythainlp's corpus), which a passage may print without `ประเทศ`."""
    from pythainlp.corpus import countries

    return frozenset(countries())


@lru_cache(maxsize=1)
def _dictionary() -> frozenset[str]:
    """pythainlp's Thai word list: a word in it (`นำไปสู่`, `ท้องถิ่น`) is an ordinary word, not a name."""
    from pythainlp.corpus import thai_words

    return frozenset(thai_words())


_COUNTRY_KIND = "ประเทศ"
NAME_WORDS = 2  # words after a kind word read for a name (`มหาวิทยาลัยราชภัฏลำปาง`: the province's)


def _is_name(word: str, asked: str, leads: bool) -> bool:
    """Whether a word after a kind word is a name: a country or province, or a word the dictionary lacks
    (`นอร์ธเทิร์น`); after a word that leads a name (`บ้าน` of `บ้านเวียงสวรรค์`, whose name the tokenizer splits
    into dictionary words), any word but a function word. Never one of the question's own words (the thing asked
    about), a figure or a mark."""
    if len(word) < 2 or not any(c.isalpha() for c in word) or word in asked:
        return False
    if word in _countries() or word in province_names():
        return True
    ordinary = word in thai_stopword_set() or word.lower() in query_words().question_words
    return not ordinary and (leads or word not in _dictionary())


NAME_CHARS = 40  # characters after a kind word read for its name


def _typed_phrase(before_text: str, kind_word: str, asked: str) -> bool:
    """Whether a kind word is printed inside a phrase the question types (`อัตลักษณ์ชุมชน…` of a project's title
    the question names): the thing asked about, not a name of what it asks."""
    words = [t for t in word_tokens(before_text[-NAME_CHARS:]) if t.strip()]
    return bool(words) and (words[-1] + kind_word) in asked


def states_asked_name(query: Query, evidence: list[Evidence]) -> bool:
    """For a question asking which country, village, community, university or company: whether a chosen passage
    names one (a kind word's name-introducing word followed by a name, or a country's name); True when none is
    asked. A passage printing the kind word only in ordinary wording (`กลุ่มชุมชนมีช่องทาง…`) names none."""
    kinds = asked_kinds(query.text)
    if not kinds or not evidence:
        return True
    asked = "".join(query.text.split())  # a word inside the question's (`ท้องถิ่น` of `ภูมิปัญญาท้องถิ่น`) is no name
    text = " ".join(e.quote for e in evidence)
    if _COUNTRY_KIND in kinds and any(c in text and c not in asked for c in _countries()):
        return True
    for before, leads in {(w, w not in kinds) for k in kinds for w in named_kinds()[k]}:
        for m in re.finditer(re.escape(before), text):
            if _typed_phrase(text[:m.start()], before, asked):
                continue
            after = [t for t in word_tokens(text[m.end():m.end() + NAME_CHARS]) if t.strip()]
            if any(_is_name(w, asked, leads) for w in after[:NAME_WORDS]):
                return True
    return False
