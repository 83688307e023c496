"""Query normalisation: the same repair and index form as the documents, plus English plan
vocabulary mapped to the Thai terms plans use, so an English question can match Thai text.
"""
from __future__ import annotations

import re

from ingest.thai_repair import index_form, repair_line

# Generic vocabulary of Thai government plans (not of any one plan). Longest phrases first.
EN_TH_GLOSSARY: dict[str, str] = {
    "eco-industrial town": "เมืองอุตสาหกรรมเชิงนิเวศ",
    "eco-industrial city": "เมืองอุตสาหกรรมเชิงนิเวศ",
    "eco-industrial": "อุตสาหกรรมเชิงนิเวศ",
    "national strategy": "ยุทธศาสตร์ชาติ",
    "master plan": "แผนแม่บท",
    "action plan": "แผนปฏิบัติการ",
    "development direction": "แนวทางการพัฒนา",
    "development issue": "ประเด็นการพัฒนา",
    "strategic issue": "ประเด็นยุทธศาสตร์",
    "fiscal year": "ปีงบประมาณ",
    "budget": "งบประมาณ",
    "project": "โครงการ",
    "projects": "โครงการ",
    "strategy": "กลยุทธ์",
    "strategies": "กลยุทธ์",
    "indicator": "ตัวชี้วัด",
    "indicators": "ตัวชี้วัด",
    "kpi": "ตัวชี้วัด",
    "kpis": "ตัวชี้วัด",
    "target": "ค่าเป้าหมาย",
    "goal": "เป้าประสงค์",
    "goals": "เป้าประสงค์",
    "vision": "วิสัยทัศน์",
    "mission": "พันธกิจ",
    "missions": "พันธกิจ",
    "rationale": "หลักการและเหตุผล",
    "objective": "วัตถุประสงค์",
    "objectives": "วัตถุประสงค์",
    "activities": "กิจกรรม",
    "activity": "กิจกรรม",
    "result": "ผลการดำเนินงาน",
    "results": "ผลการดำเนินงาน",
    "province": "จังหวัด",
    "districts": "อำเภอ",
    "district": "อำเภอ",
    "subdistricts": "ตำบล",
    "villages": "หมู่บ้าน",
    "provincial": "จังหวัด",
    "ministry of industry": "กระทรวงอุตสาหกรรม",
    "industry": "อุตสาหกรรม",
    "industrial": "อุตสาหกรรม",
    "factory": "โรงงาน",
    "factories": "โรงงาน",
    "entrepreneur": "ผู้ประกอบการ",
    "entrepreneurs": "ผู้ประกอบการ",
    "network": "เครือข่าย",
    "networks": "เครือข่าย",
    "community": "ชุมชน",
    "standard": "มาตรฐาน",
    "standards": "มาตรฐาน",
    "investment": "เงินลงทุน",
    "coal": "ถ่านหิน",
    "concession": "ประทานบัตร",
    "concessions": "ประทานบัตร",
    "plot": "แปลง",
    "plots": "แปลง",
    "mining": "เหมืองแร่",
    "ceramic": "เซรามิก",
    "ceramics": "เซรามิก",
    "export": "ส่งออก",
    "tourist": "นักท่องเที่ยว",
    "tourists": "นักท่องเที่ยว",
    "tourism": "การท่องเที่ยว",
    "population": "ประชากร",
    "temperature": "อุณหภูมิ",
    "electricity": "ไฟฟ้า",
    "strengths": "จุดแข็ง",
    "strength": "จุดแข็ง",
    "weaknesses": "จุดอ่อน",
    "opportunities": "โอกาส",
    "threats": "อุปสรรค",
    "diagram": "แผนภาพ",
    "carbon": "คาร์บอน",
    "environment": "สิ่งแวดล้อม",
    "green industry": "อุตสาหกรรมสีเขียว",
    "handicraft": "หัตถอุตสาหกรรม",
    "creative economy": "เศรษฐกิจสร้างสรรค์",
}
_GLOSSARY_RE = re.compile(
    r"\b(" + "|".join(re.escape(k) for k in sorted(EN_TH_GLOSSARY, key=len, reverse=True)) + r")\b",
    re.IGNORECASE,
)


def expand_english(text: str) -> str:
    """Append the Thai plan terms for English words found in the question (original kept)."""
    found = list(dict.fromkeys(EN_TH_GLOSSARY[m.group(1).lower()] for m in _GLOSSARY_RE.finditer(text)))
    return f"{text} {' '.join(found)}" if found else text


def translate_english(text: str) -> str:
    """Replace English plan vocabulary by its Thai term (for weighing what a question is about)."""
    return _GLOSSARY_RE.sub(lambda m: EN_TH_GLOSSARY[m.group(1).lower()], text)


_SHORT_YEAR = re.compile(r"((?:ปี|ปีงบ|ปีงบประมาณ|พ\.ศ\.)\s*)([0-9๐-๙]{2})(?![0-9๐-๙])")


def full_years(text: str) -> str:
    """`ปี 67` → `ปี 2567`: documents print Buddhist-era years in full."""
    return _SHORT_YEAR.sub(lambda m: m.group(1) + "25" + m.group(2), text)


def normalize_query(question: str) -> str:
    """Repair Thai damage, add Thai terms for English plan vocabulary, map digits to index form."""
    return index_form(expand_english(full_years(repair_line(" ".join(question.split())))))
