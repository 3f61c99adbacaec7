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
    text = (FIXTURES / "short.txt").read_text()
    for i, name in enumerate(names):  # a different article each: identical texts are briefed once
        (src / name).write_text(text.replace("300 people", f"{300 + i} people"))
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
    assert good.requests >= 1 and (out / "a.brief.json").is_file()
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


def _fill_disk_under(monkeypatch, folder, full):
    """Creating any file under ``folder`` fails with ENOSPC once ``full`` is set (a disk that fills mid-run)."""
    import errno
    import os

    real = os.open

    def fake_open(path, flags, *args, **kwargs):
        if full and flags & os.O_CREAT and str(path).startswith(str(folder)):
            raise OSError(errno.ENOSPC, "No space left on device", str(path))
        return real(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", fake_open)


def test_an_unwritable_outdir_fails_before_any_request(tmp_path):
    src = _folder(tmp_path, ("a.txt", "b.txt"))
    (tmp_path / "file").write_text("not a folder")
    with FakeOpenAIServer() as server:
        r = _batch(src, tmp_path / "file" / "out", server)
    assert r.exit_code == 6, r.output
    assert server.requests == 0, "the model was paid for briefs that could not be saved"
    assert "out" in r.output


def test_a_disk_that_fills_stops_the_batch_at_once_with_exit_6(tmp_path, monkeypatch):
    src, out = _folder(tmp_path, ("a.txt", "b.txt", "c.txt")), tmp_path / "out"
    full: list = []

    def answer(body):
        full.append(True)  # the disk fills while the first request is in flight
        return valid_draft(body)

    _fill_disk_under(monkeypatch, out, full)
    with FakeOpenAIServer(answer=answer) as server:
        r = _batch(src, out, server, "--jobs", "1")
    assert r.exit_code == 6, r.output
    assert server.requests == 1, f"{server.requests} requests: a disk error was retried or the batch went on"
    assert "No space left on device" in r.output


def test_brief_to_an_unwritable_place_fails_before_the_request(tmp_path):
    (tmp_path / "file").write_text("not a folder")
    with FakeOpenAIServer() as server:
        r = runner.invoke(app, ["brief", str(FIXTURES / "short.txt"), "-o", str(tmp_path / "file" / "b.md"),
                                "--base-url", server.base_url, "--model", "fake"])
    assert r.exit_code == 6 and server.requests == 0, r.output


def test_a_brief_made_on_one_server_is_not_served_to_a_run_on_another(tmp_path):
    src, out = _folder(tmp_path), tmp_path / "out"
    with FakeOpenAIServer() as first, FakeOpenAIServer() as second:
        assert _batch(src, out, first).exit_code == 0
        r = _batch(src, out, second)
        assert r.exit_code == 0, r.output
        assert second.requests >= 1, "the other server's brief (or its kept answers) was served"
        assert json.loads((out / "a.brief.json").read_text())["meta"]["backend"] == second.base_url
        asked = second.requests
        assert _batch(src, out, first).exit_code == 0 and _batch(src, out, second).exit_code == 0
        assert second.requests == asked, "each server's own briefs are still cached"


def test_a_long_article_with_a_failed_part_is_not_cached_and_the_part_is_retried(tmp_path):
    import asyncio
    from dataclasses import replace

    from summarizer.backends.client import ModelClient
    from summarizer.backends.testing import ScriptedTransport, completion
    from summarizer.batch.cache import response_store
    from summarizer.batch.runner import BatchReport, BatchRunner
    from summarizer.config import resolve_settings

    src, out = tmp_path / "in", tmp_path / "out"
    src.mkdir()
    text = (FIXTURES / "very-long.txt").read_text()
    (src / "long.txt").write_text(text[: text.index("\n\n", 24_000)])
    local = resolve_settings()  # the embedded model's context decides the windows; the transport stands in for it
    settings = replace(local, cassette_dir=response_store(out, local), cassette_mode="record-missing")

    def batch(*answers):
        transport = ScriptedTransport(*answers)
        asyncio.run(BatchRunner(src, out, ModelClient(settings, transport)).run(BatchReport()))
        return transport, json.loads((out / "long.brief.json").read_text())

    good = [lambda req: completion(valid_draft(req)) for _ in range(20)]
    first, brief = batch(good[0], *[completion("not json")] * 3, *good[1:])  # part 2 fails all its re-asks
    assert any("part 2 of" in w and "could not be briefed" in w for w in brief["warnings"])
    second, brief = batch(*good)
    assert len(second.requests) == 1, "only the failed part is asked again; the others are replayed"
    assert not any("could not be briefed" in w for w in brief["warnings"])
