"""Repair rules, each on real damaged snippets from the sample plan (and known PDF encodings)."""
from ingest.thai_repair import (
    compose_sara_am,
    damage_counts,
    drop_cid_glyphs,
    index_form,
    join_broken_words,
    join_wrapped_lines,
    map_latin1_in_thai,
    map_private_use,
    remove_spaces_before_marks,
    reorder_marks,
    repair_line,
    repair_lines,
    strip_invisible,
    unshift_vowels,
)


def test_spaces_before_marks_removed():
    assert remove_spaces_before_marks("เปลี่ยนแปลงในปัจจ ุบ ัน ซึ ่งแผน") == "เปลี่ยนแปลงในปัจจุบัน ซึ่งแผน"
    assert remove_spaces_before_marks("ที ่เก ิดข ึ ้น") == "ที่เกิดขึ้น"
    # A following vowel (sara aa) never starts a word either.
    assert remove_spaces_before_marks("เป ้ าหมาย") == "เป้าหมาย"
    # Real phrase breaks stay.
    assert remove_spaces_before_marks("จังหวัดลำปาง ทั้งนี้") == "จังหวัดลำปาง ทั้งนี้"


def test_tone_before_vowel_reordered():
    assert reorder_marks("เพ่ือให้") == "เพื่อให้"
    assert reorder_marks("ในพ้ืนที่") == "ในพื้นที่"
    assert reorder_marks("ผลสัมฤทธ์ิ") == "ผลสัมฤทธิ์"
    assert reorder_marks("ช่ือโครงการ") == "ชื่อโครงการ"


def test_tone_pushed_onto_next_syllable_moves_back():
    assert reorder_marks("ผู้ประกอบการยุคใหมท่ี่มี") == "ผู้ประกอบการยุคใหม่ที่มี"


def test_vowel_slid_onto_the_next_consonant_moves_back():
    assert unshift_vowels("แผนปฏิบตัิราชการ") == "แผนปฏิบัติราชการ"
    assert unshift_vowels("ตามแนวทางอุตสาหกรรมวถิี") == "ตามแนวทางอุตสาหกรรมวิถี"
    assert unshift_vowels("เทคโนโลยดีิจิทัล") == "เทคโนโลยีดิจิทัล"
    assert unshift_vowels("ข้อมูลสถิติ วิถีชีวิต") == "ข้อมูลสถิติ วิถีชีวิต"  # correct text is untouched


def test_sara_am_composed():
    assert compose_sara_am("น\u0e49\u0e4d\u0e32") == "น้ำ"
    assert compose_sara_am("ก\u0e4d\u0e32หนด") == "กำหนด"
    assert compose_sara_am("น\u0e4d\u0e49\u0e32") == "น้ำ"


def test_invisible_characters_stripped():
    assert strip_invisible("โครง\u200bการ\ufeff") == "โครงการ"


def test_private_use_glyphs_mapped():
    # Thai fonts emit shifted tone marks/vowels in U+F700..U+F71A.
    assert map_private_use("ท\uf70a\u0e35") == "ท่ี"
    assert repair_line("ท\uf701\uf70b") == "ทิ้"


def test_latin1_bytes_inside_thai_mapped_via_tis620():
    # TIS-620 byte 0xE8 (mai ek) came out as 'è', 0xCA (so suea) as 'Ê'.
    assert map_latin1_in_thai("ทีè") == "ที่"
    assert map_latin1_in_thai("Êวัสดี") == "สวัสดี"
    # Plain Latin words are left alone.
    assert map_latin1_in_thai("café ลำปาง") == "café ลำปาง"


def test_cid_placeholders_dropped_and_counted():
    text, n = drop_cid_glyphs("งบ(cid:123)ประมาณ(cid:7)")
    assert text == "งบประมาณ" and n == 2


def test_broken_word_joined_only_when_dictionary_says_so():
    assert join_broken_words("หินอุ ตสาหกรรม") == "หินอุตสาหกรรม"
    assert join_broken_words("จัดการวัสดุที่ไม่ใช้แล้ว ณ แหล่งกำเนิด") == "จัดการวัสดุที่ไม่ใช้แล้ว ณ แหล่งกำเนิด"
    assert join_broken_words("ในมิติที่สำคัญทุกด้าน ในพื้นที่") == "ในมิติที่สำคัญทุกด้าน ในพื้นที่"


def test_repair_line_on_real_damaged_lines():
    assert repair_line("สถาบันการศึกษา ตลอดจนผู ้มีส ่วนได้ส ่วนเสียในพื ้นที ่จ ังหวัดลำปาง") == (
        "สถาบันการศึกษา ตลอดจนผู้มีส่วนได้ส่วนเสียในพื้นที่จังหวัดลำปาง"
    )
    assert repair_line("    2.3 ว ิสาหก ิจช ุมชนกล ุ ่มแปรร ูปแหนมหม ู พ ัฒนาผล ิตภ ัณฑ์") == (
        "    2.3 วิสาหกิจชุมชนกลุ่มแปรรูปแหนมหมู พัฒนาผลิตภัณฑ์"
    )


def test_repair_keeps_line_count_and_trailing_phrase_break(sample_lines):
    repaired = repair_lines(sample_lines)
    assert len(repaired) == len(sample_lines)
    assert repair_line("ประจำปีงบประมาณ   ").endswith("ประมาณ ")


def test_sample_damage_counts_drop_to_zero(sample_lines):
    text = "\n".join(sample_lines)
    before = damage_counts(text)
    after = damage_counts("\n".join(repair_lines(sample_lines)))
    assert before["space_before_mark"] > 500 and before["tone_before_vowel"] > 100
    assert after["space_before_mark"] == 0 and after["tone_before_vowel"] == 0


def test_index_form_matches_thai_and_arabic_digits():
    assert index_form("ปี ๒๕๖๗ งบ ๒,๙๖๒,๙๒๕ บาท") == "ปี 2567 งบ 2962925 บาท"
    assert index_form("51,809.55") == "51809.55"


def test_join_wrapped_lines():
    lines = ["ให้เกิดผลสัมฤทธิ์ตามวัตถุประสงค์", "ที่ตั้งไว้ ", "รวมทั้ง", "", "Carbon", "Footprint"]
    assert join_wrapped_lines(lines) == "ให้เกิดผลสัมฤทธิ์ตามวัตถุประสงค์ที่ตั้งไว้ รวมทั้ง\nCarbon Footprint"
