"""Citation verification against the stored lines of the sample plan."""
import pytest

from assistant.lookup import FactsDB
from assistant.records import Evidence, Sentence
from assistant.verify import span_exists, support, verify

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def db(sample_settings):
    return FactsDB(sample_settings)


def _ev(db, doc, start, end, **kw):
    return Evidence(doc, start, end, db.cite(doc, start, end).quote, "retrieval", **kw)


def _doc(db):
    return next(iter(db.titles()))


def test_spans_must_exist_and_read_as_quoted(db):
    doc = _doc(db)
    good = _ev(db, doc, 424, 426)
    assert span_exists(db, good)
    assert not span_exists(db, Evidence(doc, 424, 426, good.quote.replace("43.1", "44.1"), "retrieval"))
    assert not span_exists(db, Evidence(doc, 999999, 999999, "x", "retrieval"))


def test_invented_figure_and_unsupported_sentence_are_dropped(db):
    doc = _doc(db)
    ev = [_ev(db, doc, 424, 426)]
    quote = ev[0].quote
    sentences = [
        Sentence(quote, [0]),
        Sentence(quote.replace("43.1", "45.6"), [0]),  # a figure no span prints
        Sentence("ผู้ว่าราชการจังหวัดเปิดงานเทศกาลดนตรีนานาชาติ", [0]),  # not what the span says
    ]
    checked = verify(sentences, ev, db, "อุณหภูมิสูงสุดเท่าไร")
    assert [s.text for s in checked.sentences] == [quote]
    assert len(checked.dropped) == 2 and "45.6" in checked.dropped[0]


def test_uncited_sentence_is_attributed_to_the_span_that_supports_it(db):
    doc = _doc(db)
    ev = [_ev(db, doc, 921, 922), _ev(db, doc, 424, 426)]
    text = "อุณหภูมิสูงสุด 43.1 องศาเซลเซียส"
    assert support(text, [ev[1].quote]) == 1.0
    checked = verify([Sentence(text, [])], ev, db, "")
    assert checked.sentences[0].cites == [1]
