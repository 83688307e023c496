"""Per-document choice of the repair of each damage family, on real pages nobody here wrote.

Pages are the pypdfium2 text layer (`PdfDocument(path)[i].get_textpage().get_text_range()`, as
`ingest.readers.read_pdf` reads them) of the Budget Bureau FY2565 books in
../shared/corpus-extra: vol. 3(5) (MHESI) page 12, set in a font whose tone marks come out as
Latin-1 letters and late, and vol. 6 (natural resources) page 5, where every mark is doubled.
"""
import json
import re

from ingest.repair_choice import dictionary_share, repair_document
from ingest.thai_repair import repair_lines

# vol. 3(5), PDF page 12: `ตัวชีÊวัด` (É/Ê are tone marks here), marks after spaces and on the
# next line (`ผลสมฤทธ ั Í` / `ิ...`).
MHESI_P12 = [
    '3. ผลสมฤทธ ั Í',
    'ิและประโยชน์ทีÉคาดว่าจะได้รับจากการใช้จ่ายงบประมาณ',
    '- ตัวชีÊวัด : มีระบบตดตามและประเม ิ นผล ิ',
    'การสนบสน ั ุนวทยาศาสตร ิ ์วิจัยและนวตกรรม ั',
    'ระบบ 1 1',
    '- ตัวชีÊวัด : มีระบบสารสนเทศกลาง เพอใช ืÉ ใน้',
    'การบริหารจดการงานว ั ิจัยและนวตกรรม ั',
    'ระบบ 1 1',
    '- ตัวชีÊวัด : จํานวนเครือข่ายความร่วมมอระหว ื ่าง',
    'หน่วยงานในระบบ วิทยาศาสตร์วิจัยและนวตกรรม ั',
    'ทัÊงในประเทศและต่างประเทศ',
    'เครือข่าย 5 5',
    '- ตัวชีÊวัด : มีแผนดานว ้ ทยาศาสตร ิ ์วิจัยและนวตกรรม ั',
    'ใชเป้ ็นกรอบและแนวทางในการพฒนาประเทศ ั',
    'แผน 1 1',
    '(1) ผลสมฤทธ ั Í',
    'ิ : ประเทศไทยมการข ี บเคล ั อนและพ',
    'ืÉ',
    'ฒนา ั',
    'ระบบวทยาศาสตร ิ ์วิจัยและนวตกรรมท ั ีÉมีประสทธิ ิภาพ',
    'เพอน',
    'ืÉ',
    'าผลงานว ํ ิจัยไปใชประโยชน ้ ในการพ ์ ฒนาประเทศ ั',
    'อยางสมด ่ ุลและยงย',
    'ั É ืน',
    'ผลสมฤทธ ั Í',
    'ิ หน่วยนับ',
    'ค่าเป้าหมาย',
    'และประโยชน์ทีÉคาดว่าจะได้รับ ปี 2564 ปี 2565',
    '2',
]

# vol. 6, PDF page 5 (contents): doubled marks, U+FFFD remnants, a mark wrapped to the next line.
NATRES_P5 = [
    'สารบััญ',
    '\t \t \t หน้้า',
    'กระทรวงทรััพยากรธรรมชาติิและสิ่่�งแวดล้้อม 1 หน้้า 415',
    '1.\t วิิสััยทััศน์์\t 1\t',
    '\t 2.\tพัันธกิิจ\t 1\t',
    '\t 3.\t ผลสััมฤทธิ์์�และประโยชน์์ที่่�คาดว่่าจะได้้รัับจากการใช้้จ่่ายงบประมาณ\t 2\t',
    '\t 4.\t ความเชื่่�อมโยงยุุทธศาสตร์์ชาติิ แผนแม่่บทภายใต้้ยุุทธศาสตร์์ชาติิ\t',
    '\t \t แผนพััฒนาเศรษฐกิิจฯ ฉบัับที่',
    '่� 12 ยุุทธศาสตร์์การจััดสรรงบประมาณและแผนงาน ',
    '\t \t ปีีงบประมาณ พ.ศ. 2565\t 3',
    '\t 5.\t เป้้าหมายการให้้บริิการกระทรวง งบประมาณและประมาณการรายจ่่ายล่่วงหน้้า\t \t',
    '\t \t ระยะปานกลาง จำำ แนกตามแหล่่งเงิิน 5',
    '\t 6.\tสรุุปงบประมาณรายจ่่ายประจำำปีีงบประมาณ พ.ศ. 2565\t 8',
    '\t 7.\tรายการผูกู พัันข้้ามปีีงบประมาณในปีีงบประมาณ พ.ศ. 2565',
    '\t \t จำำ แนกตามหน่่วยงาน 10',
    '(1)\t สำำนัักงานปลััดกระทรวงทรััพยากรธรรมชาติิและสิ่่�งแวดล้้อม\t 11 ถึึง 41',
    '\t 1.\t วิิสััยทััศน์์\t 11',
    '\t 2.\tพัันธกิิจ\t 11',
    '\t 3.\t ผลสััมฤทธิ์์�และประโยชน์์ที่่�คาดว่่าจะได้้รัับจากการใช้้จ่่ายงบประมาณ\t 12',
    '\t 4.\t เปรีียบเทีียบงบประมาณรายจ่่ายประจำำปีีงบประมาณ พ.ศ. 2563 - 2565',
    '\t \t จำำ แนกตามประเภทงบประมาณรายจ่่าย\t 13',
    '\t 5.\t เป้้าหมายการให้้บริิการหน่่วยงาน งบประมาณและประมาณการรายจ่่ายล่่วงหน้้า',
    '\t \t ระยะปานกลาง จำำ แนกตามแหล่่งเงิิน 14',
    '\t 6.\tสรุุปงบประมาณรายจ่่ายประจำำปีีงบประมาณ พ.ศ. 2565\t 16\t',
    '\t 7.\tรายละเอีียดงบประมาณจำำ แนกตามแผนงาน และ ผลผลิิต/โครงการ\t 17',
    '\t 8.\tรายงานสถานะและแผนการใช้้จ่่ายเงิินนอกงบประมาณ\t 41',
]


def test_tone_mark_font_page_chooses_tone_readings_and_mark_moves():
    lines, report = repair_document(MHESI_P12)
    chosen = report.chosen()
    table = dict(report.plan.latin1)
    # The data, not an assumption, says É/Ê/Í are ่/้/์ here (TIS-620 would give ษ/ส/อ).
    assert (table["É"], table["Ê"], table["Í"]) == ("\u0E48", "\u0E49", "\u0E4C")
    assert chosen["latin_in_thai"].startswith("letters ")
    assert chosen["displaced_mark"] == "search" and chosen["line_start_mark"] == "move_back"
    assert lines[0] == "3. ผลสัมฤทธิ์"
    assert lines[2] == "- ตัวชี้วัด : มีระบบติดตามและประเมินผล"
    assert lines[3] == "การสนับสนุนวิทยาศาสตร์วิจัยและนวัตกรรม"
    assert lines[8] == "- ตัวชี้วัด : จำนวนเครือข่ายความร่วมมือระหว่าง"
    assert lines[13] == "ใช้เป็นกรอบและแนวทางในการพัฒนาประเทศ"
    assert lines[19] == "ระบบวิทยาศาสตร์วิจัยและนวัตกรรมที่มีประสิทธิภาพ"
    assert report.hit_rate_before < 0.85 < 0.95 < report.hit_rate_after
    assert report.damage_before["latin_in_thai"] > 10 and report.damage_after["latin_in_thai"] == 0
    assert report.damage_after["mark_after_space"] < report.damage_before["mark_after_space"] // 5
    assert report.damage_after["mark_at_line_start"] == 0 < report.damage_before["mark_at_line_start"]


def test_doubled_mark_page_chooses_dedupe_and_sara_am():
    lines, report = repair_document(NATRES_P5)
    chosen = report.chosen()
    assert chosen["doubled_mark"] == "dedupe" and chosen["replacement_char"] == "sara_am+remnant"
    assert "latin_in_thai" not in chosen
    assert lines[3] == "1.\t วิสัยทัศน์\t 1 "
    assert lines[5] == "\t 3.\t ผลสัมฤทธิ์และประโยชน์ที่คาดว่าจะได้รับจากการใช้จ่ายงบประมาณ\t 2 "
    assert lines[2] == "กระทรวงทรัพยากรธรรมชาติและสิ่งแวดล้อม 1 หน้า 415"
    assert lines[7].endswith("ฉบับที่") and lines[8].startswith(" 12 ยุทธศาสตร์")
    assert report.damage_after["doubled_mark"] == 0 < report.damage_before["doubled_mark"]
    assert report.hit_rate_after > 0.97


def test_same_letter_is_a_consonant_in_a_tis620_document():
    # TIS-620 bytes read as Latin-1 (`Ê` = 0xCA = ส, `Ó` = 0xD3 = sara am): here the consonant
    # reading wins, on the same letter that is a tone mark on MHESI_P12.
    doc = ["ÊÓนักงานสถิติแห่งชาติ", "ภาระงานของÊÓนักงาน", "การÊÓรวจข้อมูลÊุขภาพ", "Êวัสดิการสังคม"]
    lines, report = repair_document(doc)
    assert report.chosen()["latin_in_thai"] == "tis620"
    assert lines == ["สำนักงานสถิติแห่งชาติ", "ภาระงานของสำนักงาน", "การสำรวจข้อมูลสุขภาพ", "สวัสดิการสังคม"]


def test_ascii_standins_chosen_from_the_document():
    # A font whose marks come out as ASCII letters (`ปv 2570` = ปี 2570, `ทีc`, `ลํfา`, `เปqน`).
    doc = [
        "แผนปฏิบัติการประจำปv 2570",
        "โครงการทีcสำคัญ เปqนไปตามแผน",
        "เทคโนโลยีลํfาสมัย ในปv 2570",
        "ผลการดำเนินงานทีcผ่านมา เปqนที่น่าพอใจ",
    ]
    lines, report = repair_document(doc)
    assert lines == [
        "แผนปฏิบัติการประจำปี 2570",
        "โครงการที่สำคัญ เป็นไปตามแผน",
        "เทคโนโลยีล้ำสมัย ในปี 2570",
        "ผลการดำเนินงานที่ผ่านมา เป็นที่น่าพอใจ",
    ]
    assert dict(report.plan.ascii) == {"v": "\u0E35", "c": "\u0E48", "f": "\u0E49", "q": "\u0E47"}
    # A clean document is left alone (no ASCII letter glued to Thai there).
    clean, report = repair_document(["ปี 2570 ผู้ประกอบการ SMEs และ BCG"])
    assert clean == ["ปี 2570 ผู้ประกอบการ SMEs และ BCG"] and "ascii_standin" not in report.chosen()


def test_no_chosen_mapping_lowers_the_share(sample_lines):
    for doc in (MHESI_P12, NATRES_P5, sample_lines):
        _, report = repair_document(doc)
        assert report.hit_rate_after >= report.hit_rate_before
        for choice in report.choices:
            baseline = "in_place" if choice.family == "displaced_mark" else "keep"
            picked = [v for k, v in choice.shares.items() if k.startswith(choice.chosen)]
            assert max(picked) >= choice.shares[baseline], choice


_MARKS = "\u0E31\u0E34-\u0E3A\u0E47-\u0E4E"
_DOUBLE = re.compile(f"([{_MARKS}\u0E33])\\1+")


def _counts(text: str) -> dict[str, int]:
    """Thai consonants and each mark, sara am split (`ำ` = nikhahit + sara aa)."""
    text = text.replace("\u0E33", "\u0E4D\u0E32")
    out = {"consonants": sum(1 for c in text if "\u0E01" <= c <= "\u0E2E")}
    for c in text:
        if re.match(f"[{_MARKS}]", c):
            out[c] = out.get(c, 0) + 1
    return out


def _doubles(lines: list[str]) -> dict[str, int]:
    """Marks printed twice in a row (also across a line break): what de-duplication may drop."""
    text = "".join(line.strip() for line in lines).replace("\uFFFD", "")
    out: dict[str, int] = {}
    for m in _DOUBLE.finditer(text):
        for c in m.group()[1:].replace("\u0E33", "\u0E4D"):
            out[c] = out.get(c, 0) + 1
    return out


def test_repair_never_drops_thai_letters_or_marks(sample_lines):
    for doc in (MHESI_P12, NATRES_P5, sample_lines):
        repaired = repair_lines(doc)
        assert len(repaired) == len(doc)
        before, after = _counts("\n".join(doc)), _counts("\n".join(repaired))
        # Base letters: moved, never dropped (no TIS-620 letters in these documents to add any).
        assert after["consonants"] == before["consonants"]
        doubles = _doubles(doc)
        for mark, n in before.items():
            if mark != "consonants":
                assert after.get(mark, 0) >= n - doubles.get(mark, 0), (mark, n, after.get(mark, 0))


def test_report_is_json_ready(sample_lines):
    _, report = repair_document(NATRES_P5)
    data = json.loads(json.dumps(report.to_dict(), ensure_ascii=False))
    assert data["lines"] == len(NATRES_P5) and data["choices"][0]["family"] == "doubled_mark"
    assert "dictionary hits" in report.summary()
    assert dictionary_share(["วิสัยทัศน์"]) == 1.0
