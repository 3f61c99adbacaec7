"""Summary evaluation: reader, Lead-3, ROUGE and fact recall arithmetic, and a cached run with a fake model."""

from __future__ import annotations

import json

import pytest

from summarizer.backends.client import ModelClient
from summarizer.backends.testing import ScriptedTransport, completion, valid_draft
from summarizer.brief.types import Brief, KeyEvent, Meta, Source
from summarizer.config import resolve_settings
from summarizer.errors import ConfigError
from summarizer.eval.summaries import (
    SummaryArticle, brief_lines, content_stems, fact_found, fact_recall, lead3, read_summaries, rouge,
    run_summaries, score_summaries,
)

ARTICLE = ("Heavy rain flooded the harbour road in Marlow Cove on Tuesday. The council closed it for three days. "
           "Repairs will cost $40,000, officials said. Residents were told to use the hill route. "
           "A bakery owner said trade fell by half.")
HIGHLIGHTS = ["Rain flooded the harbour road in Marlow Cove.", "Repairs will cost $40,000."]
FACTS = ["The harbour road flooded.", "The road is in Marlow Cove.", "Repairs cost $40,000.", "A bakery closed for good."]


def make_brief(summary: str, headline: str = "Harbour road flooded", events=()) -> Brief:
    return Brief(headline=headline, summary=summary, key_events=[KeyEvent(what=e) for e in events],
                 source=Source(path="a.txt", sha256="0" * 64),
                 meta=Meta(model="m", backend="b", prompt_version="p", schema_version="v"))


def test_lead3_is_the_first_three_sentences():
    assert lead3(ARTICLE) == ["Heavy rain flooded the harbour road in Marlow Cove on Tuesday.",
                              "The council closed it for three days.", "Repairs will cost $40,000, officials said."]


def test_rouge_is_stemmed_and_perfect_on_identical_text():
    same = rouge(HIGHLIGHTS, HIGHLIGHTS)
    assert same["rouge1"]["f1"] == pytest.approx(1.0) and same["rougeLsum"]["f1"] == pytest.approx(1.0)
    stemmed = rouge(["Rains flooding the harbours."], ["Rain flooded the harbour."])
    assert stemmed["rouge1"]["f1"] == pytest.approx(1.0)
    assert rouge(["Nothing alike here."], HIGHLIGHTS)["rouge2"]["f1"] == 0.0


def test_fact_found_needs_most_content_words():
    stems = content_stems("The harbour road flooded in Marlow Cove; repairs cost $40,000.")
    assert "flood" in stems and "the" not in stems
    assert fact_found("The harbour road flooded.", stems)
    assert not fact_found("A bakery closed for good.", stems)
    assert not fact_found("the of and", stems), "a fact with no content words is never found"
    assert fact_recall(FACTS, "The harbour road flooded in Marlow Cove; repairs cost $40,000.") == (3, 4)


def test_brief_lines_split_the_summary_and_take_event_statements():
    lines = brief_lines(make_brief("One thing happened here. Then another thing came.", events=["Road closed."]))
    assert lines["summary"] == ["One thing happened here.", "Then another thing came."]
    assert lines["events"] == ["Road closed."]
    assert lines["all"][0] == "Harbour road flooded"


def test_score_summaries_puts_brief_next_to_lead3():
    art = SummaryArticle("a1", ARTICLE, HIGHLIGHTS, FACTS)
    good = score_summaries([(make_brief(" ".join(HIGHLIGHTS), events=HIGHLIGHTS), art)])
    assert good["summary_rouge2_f1"] == pytest.approx(100.0) and good["events_rouge2_recall"] == pytest.approx(100.0)
    assert 0 < good["lead3_rouge2_f1"] < 100
    assert good["brief_fact_recall"] == 75.0 and good["lead3_fact_recall"] == 75.0
    bad = score_summaries([(make_brief("Unrelated words entirely.", headline="x"), art)])
    assert bad["summary_rouge2_f1"] == 0.0 and bad["events_rouge2_recall"] == 0.0 and bad["brief_fact_recall"] == 0.0
    assert bad["lead3_rouge2_f1"] == good["lead3_rouge2_f1"], "Lead-3 depends on the article only"
    no_facts = score_summaries([(make_brief("x y z."), SummaryArticle("a2", ARTICLE, HIGHLIGHTS))])
    assert "brief_fact_recall" not in no_facts


def test_read_summaries_names_a_bad_file(tmp_path):
    with pytest.raises(ConfigError):
        read_summaries(tmp_path)
    (tmp_path / "bad.json").write_text('{"text": "no highlights"}')
    with pytest.raises(ConfigError, match="bad.json"):
        read_summaries(tmp_path)


def test_run_summaries_writes_reports_and_reuses_the_cache(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    for i in (1, 2):
        (data / f"a{i}.json").write_text(json.dumps({"id": f"a{i}", "text": ARTICLE.replace("Tuesday", f"day {i}"),
                                                     "highlights": HIGHLIGHTS, "facts": FACTS}))
    transport = ScriptedTransport(*[lambda req: completion(valid_draft(req)) for _ in range(10)])
    client = ModelClient(resolve_settings(base_url="http://127.0.0.1:9/v1", model="m"), transport, sleep=lambda _: None)
    out = tmp_path / "out"
    report = run_summaries(data, out, client, limit=1)
    assert report["meta"]["articles"] == 1 and report["meta"]["briefed"] == 1
    assert json.loads((out / "report.json").read_text()) == report and "lead3 rouge2 f1" in (out / "report.md").read_text()
    assert report["scores"]["completion_tokens_per_brief"] > 0 and "brief_fact_recall" in report["scores"]
    asked = len(transport.requests)
    again = run_summaries(data, out, client, limit=1)
    assert len(transport.requests) == asked and again["meta"]["cached"] == 1 and again["scores"] == report["scores"]
