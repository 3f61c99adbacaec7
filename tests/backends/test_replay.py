"""Briefs of the fixture articles replayed from cassettes recorded from the real embedded model.

A prompt or schema change without re-recorded cassettes fails here with a
cassette miss (re-record with `python tests/record_cassettes.py`).
"""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from conftest import CASSETTES, ROOT
from record_cassettes import RECORDED
from summarizer import Brief, load_document
from summarizer.cli import app

runner = CliRunner()


def replay(*args, input=None):
    return runner.invoke(app, ["brief", *map(str, args), "--cassettes", str(CASSETTES)], input=input)


@pytest.mark.parametrize("rel", RECORDED)
def test_replayed_brief_quotes_are_verbatim(rel):
    r = replay(ROOT / rel, "--format", "json")
    assert r.exit_code == 0, r.stderr
    brief = Brief.model_validate_json(r.stdout)
    doc = load_document(ROOT / rel, max_bytes=10**7)
    assert brief.meta.backend == "local" and brief.meta.usage.completion_tokens > 0
    assert brief.headline and brief.key_events
    for q in brief.quotes:
        assert doc.text[q.start : q.end] == q.text
        if q.speaker:
            assert q.speaker.split()[-1] in doc.text
    for e in brief.key_events:
        assert e.evidence_span.status.value != "unsupported"


def test_replayed_markdown_has_every_section():
    r = replay(ROOT / "examples" / "harbor-closure.txt")
    assert r.exit_code == 0, r.stderr
    md = r.stdout
    for heading in ("# ", "**Source:**", "## Summary", "## Key events", "## Actors", "## Quotes", "## Open questions"):
        assert heading in md
    # code's question from the one sentence that leaves something open; the embedded model is asked for none
    assert "- Will the Tarrow Island ferry keep its usual timetable from the Ferris Street wharf? — The authority did not say" in md
    assert "> — Ines Okafor, Mayor" in md
    assert "**2024-10-26**" in md  # 'on Saturday' resolved against the October 28 dateline


def test_stdin_gives_the_same_brief():
    data = (ROOT / "tests" / "fixtures" / "short.txt").read_bytes()
    r = runner.invoke(app, ["brief", "-", "--cassettes", str(CASSETTES), "-f", "json"], input=data)
    assert r.exit_code == 0, r.stderr
    from_file = json.loads(replay(ROOT / "tests" / "fixtures" / "short.txt", "-f", "json").stdout)
    from_stdin = json.loads(r.stdout)
    assert from_stdin["source"]["path"] == "-"
    assert from_stdin["quotes"] == from_file["quotes"]


def test_output_file_is_written_atomically_and_never_clobbered(tmp_path):
    out = tmp_path / "brief.md"
    r = replay(ROOT / "tests" / "fixtures" / "short.txt", "-o", out)
    assert r.exit_code == 0, r.stderr
    assert out.read_text().startswith("# ")
    assert [p.name for p in tmp_path.iterdir()] == ["brief.md"], "no temporary files left"
    out.write_text("my notes")
    r = replay(ROOT / "tests" / "fixtures" / "short.txt", "-o", out)
    assert r.exit_code == 6 and "--force" in r.stderr
    assert out.read_text() == "my notes"
    r = replay(ROOT / "tests" / "fixtures" / "short.txt", "-o", out, "--force")
    assert r.exit_code == 0 and out.read_text().startswith("# ")


def test_html_article_escaped_in_markdown():
    r = replay(ROOT / "tests" / "fixtures" / "tricky.txt")
    assert r.exit_code == 0, r.stderr
    assert "<script" not in r.stdout and "<b>" not in r.stdout
    assert "&lt;b&gt;will&lt;/b&gt;" in r.stdout  # the quote is shown, escaped
