"""Story-summary evaluation (``summarizer eval stories``): reader, First-3, scores, and a cached run without a model.

Clusters are built from the articles written for the tests (tests/fixtures/story-summary/, one invented
mill fire); briefs come from the embedded model's settings with a fake transport, so the story summary
is code's (no model runs).
"""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from conftest import FIXTURES

from summarizer.backends.client import ModelClient
from summarizer.backends.testing import ScriptedTransport, completion, valid_draft
from summarizer.config import resolve_settings
from summarizer.errors import ConfigError
from summarizer.eval.stories import first3, read_clusters, run_stories, score_stories
from summarizer.eval.summaries import lead3

TEXTS = [p.read_text() for p in sorted((FIXTURES / "story-summary").glob("*.txt"))]
REFERENCE = ("A fire destroyed the old timber mill in Greymoor on Tuesday night, forcing 40 families from their homes. "
             "Firefighters from three towns fought the blaze for six hours. The mill had stood empty since 2019, and "
             "local people had asked the council for years to pull the building down. The council will meet on Friday "
             "to decide whether the site should be cleared and sold for housing.")


def _write(data, name, texts, reference=REFERENCE):
    (data / f"{name}.json").write_text(json.dumps({"id": name, "articles": [{"text": t} for t in texts],
                                                   "reference_summary": reference}))


def test_first3_is_three_sentences_of_each_article():
    assert first3(TEXTS[:2]) == lead3(TEXTS[0]) + lead3(TEXTS[1])
    assert len(first3(TEXTS)) == 9


def test_score_stories_is_100_for_the_reference_and_0_for_unrelated_words():
    rows = [({"same": [REFERENCE], "other": ["Nothing alike appears here."]}, REFERENCE)]
    s = score_stories(rows)
    assert s["same_rouge2_f1"] == pytest.approx(100.0) and s["other_rouge2_f1"] == 0.0
    assert s["clusters"] == 1 and s["other_words"] == 4.0 and s["reference_words"] == len(REFERENCE.split())


def test_read_clusters_names_a_bad_file(tmp_path):
    with pytest.raises(ConfigError):
        read_clusters(tmp_path)
    (tmp_path / "bad.json").write_text('{"articles": [], "reference_summary": "x"}')
    with pytest.raises(ConfigError, match="bad.json"):
        read_clusters(tmp_path)


def test_run_stories_scores_the_code_summary_next_to_first3_and_reuses_the_cache(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    _write(data, "c1", TEXTS)
    _write(data, "c2", TEXTS[:1])
    transport = ScriptedTransport(*[lambda req: completion(valid_draft(req)) for _ in range(10)])
    client = ModelClient(resolve_settings(base_url=None, cassette_mode="off"), transport, sleep=lambda _: None)
    out = tmp_path / "out"
    report = run_stories(data, out, client, limit=1)
    assert len(transport.requests) == 3, "one request per article brief, none for the story on the embedded model"
    s = report["scores"]
    assert report["meta"]["clusters"] == 1 and report["meta"]["briefed"] == 3 and s["clusters"] == 1
    assert s["story_rouge2_f1"] > s["first_summary_rouge2_f1"] > 0, "three outlets say more than the first alone"
    assert s["first3_words"] > 0 and "| First-3 |" in (out / "report.md").read_text()
    assert json.loads((out / "report.json").read_text()) == report
    again = run_stories(data, out, client)
    assert len(transport.requests) == 3, "c2's article is c1's first: the cache has it"
    assert again["meta"]["cached"] == 4 and again["scores"]["clusters"] == 2


def test_eval_stories_command_runs_on_a_server(tmp_path):
    from summarizer.backends.testing import FakeOpenAIServer
    from summarizer.cli import app

    data = tmp_path / "data"
    data.mkdir()
    _write(data, "c1", TEXTS[:2])
    with FakeOpenAIServer() as server:
        r = CliRunner().invoke(app, ["eval", "stories", str(data), "-o", str(tmp_path / "out"), "--base-url", server.base_url,
                                     "--model", "fake"])
    assert r.exit_code == 0, r.output
    assert "story brief" in r.output and "First-3" in r.output
