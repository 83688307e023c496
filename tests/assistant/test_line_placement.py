"""Where a named line sits: the levels whose sections hold it (assistant/line_placement.py), over the FY2565 vol. 6
book's cover and pages 281-292 (กรมอุทยานแห่งชาติฯ: its แผนงาน up to its activity list of 15 lines)."""
from __future__ import annotations

import pytest

from tests.conftest import FIXTURES, fake_embedded_book

PARKS = FIXTURES / "budget-fy2565-vol6-p1-281-292.pdf"


@pytest.fixture(scope="module")
def assistant(tmp_path_factory):
    a = fake_embedded_book(tmp_path_factory, PARKS)
    yield a
    a.close()


def test_an_activity_line_is_placed_under_the_project_holding_it(assistant):
    # `6. โครงการจัดสร้างสวนรุกขชาติไทย -ลาว` is a line of the project's activity list, no level of its own.
    # Before: the activity list's lines, no project or แผนงาน named.
    answer = assistant.ask("กิจกรรมจัดสร้างสวนรุกขชาติไทย-ลาว อยู่ในโครงการไหน แผนงานอะไร")
    assert answer.route == "line_placement"
    first, above = answer.answer.splitlines()[:2]
    assert "สวนรุกขชาติไทย -ลาว" in first and "โครงการรักษาความมั่นคงของฐานทรัพยากรธรรมชาติ" in first
    assert "แผนงานยุทธศาสตร์สร้างการเติบโตอย่างยั่งยืน" in above
    assert all(c.verified for c in answer.citations)


def test_a_level_named_is_placed_as_a_level(assistant):
    # The project's own heading: the level placement answers it, not a line of it.
    answer = assistant.ask("โครงการรักษาความมั่นคงของฐานทรัพยากรธรรมชาติ อยู่ภายใต้แผนงานอะไร")
    assert answer.route == "plan_level" and "แผนงานยุทธศาสตร์สร้างการเติบโตอย่างยั่งยืน" in answer.answer
