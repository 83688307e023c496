"""Rows of the sample's 4.2 linkage matrix (vertical row labels), read over its real lines and the section after it."""
from __future__ import annotations

import pytest

from tests.conftest import sample_excerpt


@pytest.fixture(scope="module")
def matrix(tmp_path_factory):
    a = sample_excerpt(tmp_path_factory, "matrix", 1550, 2920)  # part 4 from its heading: 4.1, 4.2 (the matrix), 4.3
    yield a
    a.close()


def test_the_last_row_ends_before_the_next_section(matrix):
    # Before: the last row ran 30 lines on, into 4.3's results summary (`4.3 ข้อมูลสรุปผล… แผนพัฒนาจังหวัดลำปาง
    # และแผนพัฒนากลุ่มจังหวัด… 1. โครงการยกระดับเครือข่าย…`), so a question naming the provincial plan and a
    # project was answered with that row.
    rows = matrix.matrix
    assert rows and rows[-1].label.endswith("5")
    assert all("ข้อมูลสรุปผลการดำเนินงาน" not in r.text for r in rows)
    answer = matrix.ask("โครงการพัฒนาผลิตภัณฑ์ชุมชน Gift & Lifestyle สอดคล้องกับประเด็นไหนของแผนพัฒนาจังหวัดและยุทธศาสตร์กลุ่มจังหวัด")
    assert answer.route != "matrix_row"
    # A cell of the last row still names it.
    row = matrix.ask("ในตาราง 4.2 การอนุรักษ์ฟื้นฟูและบริหารจัดการทรัพยากรธรรมชาติและสิ่งแวดล้อมอย่างยั่งยืน อยู่แถวเดียวกับประเด็นใด")
    assert row.route == "matrix_row" and "ด้านที่ 5" in row.answer
