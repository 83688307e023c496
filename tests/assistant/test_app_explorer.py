"""The Explorer's linkage navigator and the chat's example questions, over the sample plan."""
import pytest

from assistant.app_examples import example_questions
from assistant.app_navigator import build_tree, navigator_html
from assistant.lookup import FactsDB

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def db(sample_settings):
    facts = FactsDB(sample_settings)
    yield facts
    facts.close()


def test_navigator_follows_filters_and_search(db):
    full = build_tree(db)
    assert sum(d.count() for d in full) == len(db.list_projects())
    direction = next(d for d in db.directions() if d["strategies"] and db.list_projects(d["number"]))
    strategy = direction["strategies"][0]["number"]
    expected = {p.project_id for p in db.list_projects(direction["number"], strategy)}
    tree = build_tree(db, str(direction["number"]), str(strategy))
    kept = [s for d in tree for dn in d.directions.values() for s in dn.strategies.values()]
    assert [s.number for s in kept] == [strategy] and {p.project_id for p in kept[0].projects} == expected
    assert kept[0].title  # strategies carry their titles
    html = navigator_html(tree, "th", open_all=True)
    assert f"data-strategy='{direction['number']}.{strategy}'" in html and " open" in html
    name = db.list_projects()[0].name
    word = name.split()[0][-6:]
    found = {p.project_id for d in build_tree(db, search=word) for dn in d.directions.values()
             for s in dn.strategies.values() for p in s.projects}
    named = {p.project_id for p in db.list_projects() if word in "".join(p.name.split())}
    assert named and named <= found  # every project carrying the word, plus those under a matching strategy
    titles = {" ".join(s["title"].split()) for d in db.directions() for s in d["strategies"]}
    assert len(found) < len(db.list_projects()) or any(word in "".join(t.split()) for t in titles)
    assert build_tree(db, search="ไม่มีคำนี้ในแผนแน่นอน") == []


def test_examples_come_from_the_index_and_are_answered(db, sample_settings, embeddings):
    from assistant.pipeline import Assistant

    th, en = example_questions(db, "th"), example_questions(db, "en")
    assert 3 <= len(th) <= 4 and len(en) == len(th)
    assistant = Assistant(sample_settings, embeddings)
    try:
        for question in th + en:
            answer = assistant.ask(question)
            assert not answer.refused and answer.citations, question
    finally:
        assistant.close()
