"""Saved state under faults (issue 13): only validated answers are kept, disk errors stop a batch."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from conftest import FIXTURES
from summarizer.backends.testing import FakeOpenAIServer, valid_draft
from summarizer.cli import app

runner = CliRunner()


def _folder(tmp_path, names=("a.txt",)):
    src = tmp_path / "in"
    src.mkdir()
    for name in names:
        (src / name).write_bytes((FIXTURES / "short.txt").read_bytes())
    return src


def _batch(src, out, server, *extra):
    return runner.invoke(app, ["batch", str(src), "-o", str(out), "--base-url", server.base_url, "--model", "fake", *extra])


def test_an_invalid_answer_is_not_kept_and_a_later_run_retries_the_article(tmp_path):
    src, out = _folder(tmp_path), tmp_path / "out"
    with FakeOpenAIServer(answer=lambda body: {"headline": 7}) as bad:
        first = _batch(src, out, bad)
    assert first.exit_code == 7 and bad.requests >= 1, first.output
    kept = list((out / ".summarizer" / "responses").rglob("*.json"))
    assert kept == [], "a schema-invalid answer was kept"
    with FakeOpenAIServer(answer=valid_draft) as good:
        second = _batch(src, out, good)
    assert second.exit_code == 0, second.output
    assert good.requests >= 1 and (out / "a.txt.json").is_file()
    assert json.loads((out / "errors.jsonl").read_text() or "null") is None


def test_an_empty_answer_is_not_kept(tmp_path):
    src, out = _folder(tmp_path), tmp_path / "out"
    with FakeOpenAIServer(answer=lambda body: "") as bad:
        assert _batch(src, out, bad).exit_code == 7
    assert list((out / ".summarizer" / "responses").rglob("*.json")) == []


def test_a_validated_answer_is_kept_and_replayed(tmp_path):
    src, out = _folder(tmp_path), tmp_path / "out"
    with FakeOpenAIServer() as server:
        assert _batch(src, out, server).exit_code == 0
        first = server.requests
        assert _batch(src, out, server, "--force").exit_code == 0
    assert first >= 1 and len(list((out / ".summarizer" / "responses").rglob("*.json"))) == first
