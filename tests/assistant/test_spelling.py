"""Misspelt question words read as the index's words, and correct questions left as typed."""
from assistant.spelling import Speller

# Words of the sample plan's index (as its tokenizer cuts them).
_INDEX = ["วิสัยทัศน์", "จังหวัด", "ลำปาง", "โครงการ", "ต่อยอด", "ภูมิปัญญา", "ท้องถิ่น", "ชาติพันธุ์", "กลุ่ม",
          "ชาติ", "สัตว์ป่า", "ป่า", "เขต", "ห้าม", "ล่า", "ประชากร", "เป็น", "ระบบ"]


def test_misspelt_words_cut_into_pieces_are_read_as_the_index_word():
    sp = Speller(_INDEX)
    assert sp.correct("วิสัยทัสน์ของจังหวัดลำปางคืออะไรคับ") == "วิสัยทัศน์ของจังหวัดลำปางคืออะไรคับ"
    assert sp.correct("โครงกานต่อยอดพูมิปัญญาท้องถิ่น") == "โครงการต่อยอดภูมิปัญญาท้องถิ่น"
    assert sp.correct("ลำปางมีกลุ่มชาติพันธ์ไรบ้าง") == "ลำปางมีกลุ่มชาติพันธุ์ไรบ้าง"


def test_a_correct_question_and_a_place_the_index_does_not_hold_are_left_alone():
    sp = Speller(_INDEX)
    for q in ("จังหวัดลำพูนมีประชากรกี่คน", "โครงการ SME transformation to Digital firm ได้งบเท่าไร",
              "วิสัยทัศน์ของจังหวัดลำปางคืออะไร"):
        assert sp.correct(q) == q


def test_a_misspelt_word_the_tokenizer_cuts_into_short_known_pieces():
    # `อาหาน` is cut into `อา` `หา` `น`, each a word (or too short to correct): before, left as typed.
    sp = Speller(_INDEX + ["อาหาร", "อา", "หา", "โรงงาน", "คนงาน"])
    assert sp.correct("โรงงานอาหานในลำปางมีคนงานกี่คน") == "โรงงานอาหารในลำปางมีคนงานกี่คน"
    # two words one letter away from the pieces: neither is chosen
    sp = Speller(_INDEX + ["อาหาร", "อาหาง", "อา", "หา"])
    assert sp.correct("โรงงานอาหานในลำปาง") == "โรงงานอาหานในลำปาง"


def test_a_correction_does_not_drop_a_known_word_typed():
    # `จ้าง` the index does not hold, `คนงาน` it does: joined they are one letter pair from `จ้างงาน`, but the
    # worker count asked is no misspelling of the employment. Before: `…จ้างงานมากที่สุด`.
    sp = Speller(_INDEX + ["คนงาน", "จ้างงาน", "มาก"])
    assert sp.correct("กลุ่มไหนจ้างคนงานมากที่สุด") == "กลุ่มไหนจ้างคนงานมากที่สุด"
    assert sp.correct("โครงกานจ้างงาน") == "โครงการจ้างงาน"


def test_a_tone_mark_typed_one_letter_late_is_put_back():
    # `สิ่งแวดลอ้ม`: the mark of `ล้อม` typed after the `อ`; the tokenizer cuts it into unknown pieces. Before:
    # `สิ่งแวดลอม`, the mark lost. A mark rightly after `อ` (`อ้าง`) is left alone.
    sp = Speller(_INDEX + ["สิ่งแวดล้อม", "สิ่ง", "แวดล้อม", "เรื่อง", "นี้", "อ้าง", "ถึง", "ลอม"])
    assert sp.correct("กรมส่งเสริมคุณภาพสิ่งแวดลอ้ม").endswith("สิ่งแวดล้อม")
    assert sp.correct("เรือ่งนี้") == "เรื่องนี้"
    assert sp.correct("อ้างถึง") == "อ้างถึง"


def test_a_year_in_thai_digits_is_never_spelt_into_the_word_beside_it():
    # Before: `๖๕` joined with `ทั้งหมด` spelt `ทั้งหมด` closely enough to replace both, and the year was lost
    # (`จิสด้า ได้งบปี๖๕ทั้งหมดเท่าไหร่` answered 2564 only).
    sp = Speller(_INDEX + ["ทั้งหมด", "ปี", "งบ", "ได้"])
    for q in ("ได้งบปี๖๕ทั้งหมดเท่าไหร่ครับ", "ได้งบปี65ทั้งหมดเท่าไหร่"):
        assert sp.correct(q) == q
