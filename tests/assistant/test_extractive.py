"""The extractive engine's text answer (assistant/extractive.py): quoted windows, or an honest refusal."""
from assistant.extractive import text_answer
from assistant.records import Evidence
from assistant.route import analyse


def _evidence(quote: str, line: int = 1) -> Evidence:
    return Evidence("d", line, line, quote, "retrieval", 0.9)


def test_figures_with_no_word_beside_them_are_no_statement():
    # A window of bare figures (`๔๗๕.๔๙๙ ๔๐๙.๘๔๔`, the sample's road-length rows) matched a question on road
    # maintenance through the words of the lines above it. Before: quoted as the answer; now the plan is said not to
    # state it. A refusal's closest passage is one that prints words, not bare figures ranked above it.
    q = analyse("How much budget does the plan allocate each year for road maintenance in Lampang?")
    bare = text_answer(q, [_evidence("๔๗๕.๔๙๙ ๔๐๙.๘๔๔"), _evidence("100.00 92.47 5.17", 2)], 0.8, 0.5)
    assert bare.refused and all("๔๗๕" not in s.text for s in bare.sentences)
    closest = text_answer(q, [_evidence("๔๗๕.๔๙๙ ๔๐๙.๘๔๔"), _evidence("ทางหลวงแผ่นดิน ๖๘ สายทาง", 2)], 0.3, 0.5)
    assert closest.refused and closest.sentences[-1].text == "ทางหลวงแผ่นดิน ๖๘ สายทาง"


def test_a_labelled_window_or_bare_figures_read_against_a_header_are_quoted():
    q = analyse("ถนนในจังหวัดยาวกี่กิโลเมตร")
    said = text_answer(q, [_evidence("ทางหลวงแผ่นดิน ยาว ๔๗๕.๔๙๙ กิโลเมตร")], 0.8, 0.5)
    assert not said.refused and said.sentences[-1].text.startswith("ทางหลวงแผ่นดิน")
    read = text_answer(q, [_evidence("๔๗๕.๔๙๙ ๔๐๙.๘๔๔")], 0.8, 0.5,
                       read=lambda e: [("ระยะทาง (กิโลเมตร): ๔๗๕.๔๙๙", [e])])
    assert not read.refused and read.sentences[-1].text == "ระยะทาง (กิโลเมตร): ๔๗๕.๔๙๙"
