"""One plan graph for both document families: the sample action plan (direction → strategy → project,
with budgets and KPIs) and a budget book's outline (agency → แผนงาน → โครงการ → budget lines); the
store's migration of older generations; amounts whose unit the table does not state."""
import sqlite3

import pytest

from ingest.facts import extract_facts
from ingest.facts_graph import section_level
from ingest.facts_read import graph_nodes
from ingest.facts_records import UNIT_UNKNOWN
from ingest.facts_store import copy_documents, write_facts
from ingest.thai_repair import repair_lines
from tests.conftest import FIXTURES, SAMPLE


def _store(tmp_path, name: str, doc: str, lines: list[str]) -> sqlite3.Connection:
    facts = extract_facts(doc, lines)
    path = tmp_path / name
    write_facts(path, [(facts, lines, [None] * len(lines), doc, None)])
    db = sqlite3.connect(str(path))
    db.row_factory = sqlite3.Row
    return db


@pytest.fixture(scope="module")
def sample_db(tmp_path_factory):
    lines = repair_lines(SAMPLE.read_text(encoding="utf-8").split("\n"))
    return _store(tmp_path_factory.mktemp("graph"), "sample.sqlite", "sample", lines)


def test_sample_projects_hang_under_their_strategy_and_direction(sample_db):
    nodes = {n["node_id"]: n for n in graph_nodes(sample_db)}
    projects = [r["project_id"] for r in sample_db.execute("SELECT project_id FROM projects")]
    assert len(projects) == 15
    by_project = {n["project_id"]: n for n in nodes.values() if n["project_id"]}
    assert set(by_project) == set(projects)  # every project is a node, same-named ones too
    placed = sample_db.execute("SELECT project_id, direction, strategy FROM projects WHERE direction IS NOT NULL")
    for pid, direction, strategy in placed:
        node = by_project[pid]
        parent = nodes[node["parent_id"]]
        assert parent["level"] == ("strategy" if strategy is not None else "direction")
        top = nodes[parent["parent_id"]] if parent["level"] == "strategy" else parent
        title = sample_db.execute("SELECT title FROM directions WHERE doc_id = 'sample' AND number = ?", (direction,))
        assert top["level"] == "direction" and top["name"] == title.fetchone()[0]
    # KPIs of directions and of briefs hang under their node; the path shows names, not keys
    assert sample_db.execute("SELECT COUNT(*) FROM kpis WHERE node_id IS NULL").fetchone()[0] == 0
    assert not any(p.startswith("#") for n in nodes.values() for p in n["path"])


def test_budget_book_lines_hang_under_their_project(tmp_path):
    lines = repair_lines((FIXTURES / "budget_book_projects_mhesi.txt").read_text(encoding="utf-8").split("\n"))
    db = _store(tmp_path, "book.sqlite", "book", lines)
    nodes = {n["node_id"]: n for n in graph_nodes(db)}
    levels = [n["level"] for n in nodes.values()]
    assert levels.count("program") >= 1 and levels.count("project") >= 3
    for item in db.execute("SELECT name, path, node_id FROM budget_items"):
        node = nodes[item["node_id"]]
        assert node["level"] in {"project", "output", "program", "agency", "ministry"}
        assert item["path"].startswith("[") and node["path"][-1] in item["path"]
    projects = [n for n in nodes.values() if n["level"] == "project"]
    assert all(nodes[n["parent_id"]]["level"] == "program" for n in projects)
    assert sum(n["budget_lines"] for n in projects) >= 3


def test_section_levels_from_the_vocabulary():
    assert section_level("7.3 แผนงานยุทธศาสตร์สร้างการเติบโต", True) == "program"
    assert section_level("7.2.1 ผลผลิตที่ 1 : ระบบอำนวยการ", True) == "output"
    assert section_level("7.3.1 โครงการที่ 1 : โครงการอนุรักษ์", True) == "project"
    assert section_level("กรมป่าไม้", False) == "agency"
    assert section_level("กระทรวงทรัพยากรธรรมชาติและสิ่งแวดล้อม", False) == "ministry"
    assert section_level("7.2.1.2 เป้าหมายผลผลิต งบประมาณ", True) is None
    assert section_level("5. เป้าหมายการให้บริการหน่วยงาน", True) is None


def test_unchanged_documents_are_copied_from_an_older_schema(tmp_path, sample_db):
    old = tmp_path / "old.sqlite"
    db = sqlite3.connect(str(old))  # a generation written before KPI targets, nodes and status existed
    db.executescript("""CREATE TABLE kpis (doc_id TEXT, direction_id TEXT, project_id TEXT, text TEXT, target TEXT,
                        line_start INTEGER, line_end INTEGER);
                        INSERT INTO kpis VALUES ('old', NULL, NULL, 'ร้อยละ 80', 'ร้อยละ 80', 3, 3);""")
    db.commit()
    db.close()
    new = tmp_path / "new.sqlite"
    write_facts(new, [])
    copy_documents(old, new, {"old"})
    row = sqlite3.connect(str(new)).execute("SELECT text, target, line_start, kpi_id, unit FROM kpis").fetchone()
    assert row == ("ร้อยละ 80", "ร้อยละ 80", 3, None, None)


def test_an_amount_without_a_stated_unit_is_kept_unknown_and_flagged():
    # The sample's first table with its `หน่วย : ล้านบาท` line taken away.
    lines = repair_lines(SAMPLE.read_text(encoding="utf-8").split("\n"))
    cut = [n for n, line in enumerate(lines) if "หน่วย" in line and "ล้านบาท" in line]
    assert cut, "the sample states its tables' unit"
    without = [line for n, line in enumerate(lines) if n != cut[0]]
    facts = extract_facts("no-unit", without)
    unknown = [a for p in facts.projects if p.row for a in p.row.amounts if a.unit == UNIT_UNKNOWN]
    assert unknown and all(a.baht is None for a in unknown)
    assert any(f.kind == "unit_unknown" for f in facts.flags)
    stated = extract_facts("unit", lines)
    assert not any(f.kind == "unit_unknown" for f in stated.flags)
    assert all(a.unit != UNIT_UNKNOWN for p in stated.projects if p.row for a in p.row.amounts)


def test_sample_kpis_in_the_contract_with_their_targets(sample_db):
    from ingest.facts_read import kpi_rows

    rows = kpi_rows(sample_db)
    assert len(rows) == sample_db.execute("SELECT COUNT(*) FROM kpis").fetchone()[0]  # no year columns: one row each
    assert all(r["fiscal_year"] is None for r in rows)
    thirty = [r for r in rows if r["kpi"].endswith("อัตลักษณ์ชุมชนมาประยุกต์ใช้ จำนวน 30 คน")]
    assert [r["target"] for r in thirty] == ["จำนวน 30 คน"]
    assert thirty[0]["name"].startswith("โครงการต่อยอดภูมิปัญญา") and thirty[0]["quote"].endswith("จำนวน 30 คน")
