"""The vocabulary profile: one data file, typed accessors, checked on load."""
import re
import tomllib

import pytest

from ingest.vocabulary import (
    PROFILE_PATH,
    Vocabulary,
    VocabularyError,
    alternation,
    load_vocabulary,
    parse_vocabulary,
    vocabulary,
)


def test_shipped_profile_has_the_heading_vocabulary():
    v = vocabulary()
    assert isinstance(v, Vocabulary) and PROFILE_PATH.name == "vocabulary.toml"
    assert {"ส่วนที่", "บทที่", "ภาค", "หมวด", "Part", "Chapter"} <= set(v.headings.part_words)
    assert [lvl.key for lvl in v.plan_levels] == ["direction", "strategy", "program", "output", "activity"]
    assert {"แนวทางการพัฒนา", "ประเด็นยุทธศาสตร์", "ประเด็นการพัฒนา", "ยุทธศาสตร์"} <= set(v.level("direction").words)
    assert v.level("strategy").words == ("กลยุทธ์",)
    assert v.level("program").words == ("แผนงาน",) and v.level("program").named
    assert set(v.level("output").words) == {"ผลผลิต", "โครงการ"}
    assert not v.level("activity").heading  # กิจกรรมที่ N are items under a project, not sections
    assert v.ordinal == "ที่"
    assert "กระทรวง" in v.agency.ministry_words
    assert {"กรม", "สำนักงาน", "สถาบัน"} <= set(v.agency.unit_words)
    assert {"ส่วนราชการ", "หน่วยงาน"} <= set(v.agency.label_words)
    assert v.brief.name_fields[0] == "ชื่อโครงการ"
    assert "สารบัญ" in v.headings.toc_titles
    with pytest.raises(KeyError):
        v.level("no-such-level")


def test_alternation_escapes_and_tries_longest_first():
    pattern = re.compile("^" + alternation(["แนวทางการพัฒนา", "แนวทางการพัฒนาด้าน", "พ.ศ."]))
    assert pattern.match("แนวทางการพัฒนาด้านที่ 1").group() == "แนวทางการพัฒนาด้าน"
    assert pattern.match("พ.ศ. 2567") and not pattern.match("พxศx 2567")  # dots are literal
    assert re.compile(alternation([])).search("anything") is None


def test_a_profile_file_of_ones_own_is_read_and_checked(tmp_path):
    text = PROFILE_PATH.read_text(encoding="utf-8")
    text = text.replace('part_words = ["ส่วนที่"', 'part_words = ["ตอนที่", "ส่วนที่"')
    custom = tmp_path / "vocabulary.toml"
    custom.write_text(text, encoding="utf-8")
    assert load_vocabulary(custom).headings.part_words[0] == "ตอนที่"

    broken = tmp_path / "broken.toml"
    broken.write_text(text.replace('group_prefix = "งบ"', "group_prefix = 3"), encoding="utf-8")
    with pytest.raises(VocabularyError, match=r"funding\.group_prefix"):
        load_vocabulary(broken)
    with pytest.raises(VocabularyError, match=r"\[agency\]"):
        parse_vocabulary({k: v for k, v in tomllib.loads(text).items() if k != "agency"})
    with pytest.raises(VocabularyError, match="not-there.toml"):
        load_vocabulary(tmp_path / "not-there.toml")


def test_english_terms_come_from_the_profile():
    from assistant.normalize import translate_english
    from ingest.vocabulary import english_terms, parse_english_terms

    terms = english_terms()
    assert terms["national strategy"] == "ยุทธศาสตร์ชาติ" and terms["budget"] == "งบประมาณ"
    assert translate_english("Which projects link to the National Strategy?") == "Which โครงการ link to the ยุทธศาสตร์ชาติ?"
    data = tomllib.loads(PROFILE_PATH.read_text(encoding="utf-8"))
    data["english_terms"] = {"Vision": "วิสัยทัศน์", "mission": ""}
    with pytest.raises(VocabularyError, match="mission"):
        parse_english_terms(data)
    del data["english_terms"]["mission"]
    assert parse_english_terms(data) == {"vision": "วิสัยทัศน์"}


def test_question_words_of_brief_fields_and_link_levels_come_from_the_profile():
    import re

    from ingest.vocabulary import brief_field_words, link_level_words, word_pattern

    assert "ตั้งเป้า" in brief_field_words()["kpis"] and "แผนแม่บท" in link_level_words()["master_plan"]
    kpis = re.compile(word_pattern(brief_field_words()["kpis"]), re.I)
    assert kpis.search("What KPIs does it set?") and kpis.search("โครงการนี้มีตัวชี้วัดอะไร")
    assert not kpis.search("the skpi code")  # an English word is matched at a word's start only
