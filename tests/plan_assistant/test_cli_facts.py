"""The `facts` subcommands' plan-graph contract on the ingested sample: KPI rows, the graph, the status line."""
import json

import pytest

from plan_assistant.cli import main


def _json(capsys, *argv: str, data_dir) -> list:
    assert main(["--data-dir", str(data_dir), "facts", *argv]) == 0
    return json.loads(capsys.readouterr().out)


@pytest.mark.slow
def test_facts_kpis_graph_and_status(sample_settings, capsys):
    data = sample_settings.data_dir
    kpis = _json(capsys, "kpis", "--json", data_dir=data)
    assert kpis and {"doc_id", "page", "printed_page", "line_start", "line_end", "path", "name", "kpi", "unit",
                     "fiscal_year", "target", "quote"} <= set(kpis[0])
    doc = kpis[0]["doc_id"]
    assert _json(capsys, "kpis", "--json", "--doc", "no-such-doc", data_dir=data) == []
    assert any(k["target"] == "จำนวน 30 คน" for k in _json(capsys, "kpis", "--json", "--doc", doc, data_dir=data))
    nodes = _json(capsys, "graph", "--json", data_dir=data)
    assert {n["level"] for n in nodes} == {"direction", "strategy", "project"}
    status = _json(capsys, "status", "--json", data_dir=data)
    assert status[0]["doc_id"] == doc and status[0]["status"].startswith("15 projects")
    assert main(["--data-dir", str(data), "facts", "kpis", "--direction", "1", "--json"]) == 0  # the old listing stays
    assert all("cite" in k for k in json.loads(capsys.readouterr().out))
