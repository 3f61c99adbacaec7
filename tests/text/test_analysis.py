"""The analysis stage: computed once per article, and what grounding reads."""

from __future__ import annotations

from conftest import FIXTURES, ROOT

from summarizer import document_from_bytes, load_document, resolve_settings
from summarizer.backends import ModelClient
from summarizer.backends.testing import ScriptedTransport, completion, valid_draft
from summarizer.brief.pipeline import brief_document
from summarizer.text.analysis import analyse, figures


def test_analysis_holds_the_quotations_people_and_figures_of_the_article():
    doc = load_document(ROOT / "examples" / "harbor-closure.txt", max_bytes=10**7)
    a = analyse(doc)
    assert a.text == doc.text and a.quotations
    assert all(doc.text[q.start : q.end] == q.text for q in a.quotations)
    assert {q.speaker for q in a.quotations} >= {"Ines Okafor", "Tomas Reyes"}
    assert a.figures == figures(doc.text) and a.figures
    assert a.sentences(limit=3) and len(a.sentences(limit=3)) <= 3


def test_figures_treat_thousands_separators_as_one_figure():
    assert figures("It cost $1,200,000 and 3.5 days; 1200000 in total.") == {"1200000", "3.5"}


def test_a_long_article_is_analysed_once_for_all_its_windows(monkeypatch):
    import summarizer.text.analysis as analysis

    calls = []
    real = analysis.find_candidates
    monkeypatch.setattr(analysis, "find_candidates", lambda text, **kw: calls.append(len(text)) or real(text, **kw))
    doc = document_from_bytes((FIXTURES / "very-long.txt").read_bytes(), path="long.txt", max_bytes=10**7)
    transport = ScriptedTransport(*[lambda req: completion(valid_draft(req)) for _ in range(200)])
    brief = brief_document(doc, ModelClient(resolve_settings(), transport))  # the local context decides the windows
    assert len(transport.requests) > 1 and brief.quotes
    assert calls == [len(doc.text)], "the quotations are found once, on the whole article"
