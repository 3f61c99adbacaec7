"""--via openai-batch against a fake Batch API: round trip, failed lines, an expired batch, resume after a kill."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from conftest import FIXTURES
from summarizer import resolve_settings
from summarizer.backends.batch_testing import FakeBatchServer
from summarizer.batch.openai_batch import load_state, round_trip
from summarizer.cli import app

runner = CliRunner()


@pytest.fixture
def folder(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    for name in ("short.txt", "medium.md", "page.html", "long.txt", "tricky.txt"):
        (src / name).write_bytes((FIXTURES / name).read_bytes())
    return src


def briefed(out) -> set[str]:
    return {json.loads(x)["source"]["path"] for x in (out / "briefs.jsonl").read_text().splitlines()}


def errors(out) -> set[str]:
    return {json.loads(x)["file"] for x in (out / "errors.jsonl").read_text().splitlines()}


def test_cli_round_trip_briefs_everything(folder, tmp_path):
    out = tmp_path / "out"
    with FakeBatchServer(polls=1) as server:
        r = runner.invoke(app, ["batch", str(folder), "-o", str(out), "--via", "openai-batch",
                                "--base-url", server.base_url, "--model", "fake"])
        assert len(server.batches) == 1
    assert r.exit_code == 0, r.output
    assert briefed(out) == {"short.txt", "medium.md", "page.html", "long.txt", "tricky.txt"}
    assert "completed, 5/5 done" in r.output
    assert all(b["imported"] for b in load_state(out))


def test_failed_lines_and_an_expired_batch_are_errors_then_sent_again(folder, tmp_path):
    out, settings = tmp_path / "out", resolve_settings(base_url="http://unused", model="fake")
    with FakeBatchServer(fail_every=4, expire=True) as server:
        settings = resolve_settings(base_url=server.base_url, model="fake")
        imported, report = round_trip(folder, out, settings, say=lambda s: None, sleep=lambda s: None)
        port = server.server.server_port  # the same Batch API again: briefs are cached per backend
    assert report.total == 5 and report.count("failed") == 3  # lines 0-1 done (1 fails: every 4th is line 3), 2-4 expired
    assert len(imported.failed) == 3 and any("expired" in m for m in imported.failed.values())
    assert briefed(out) | errors(out) == {"short.txt", "medium.md", "page.html", "long.txt", "tricky.txt"}
    missing = errors(out)
    with FakeBatchServer(port=port) as server:
        settings = resolve_settings(base_url=server.base_url, model="fake")
        imported, report = round_trip(folder, out, settings, say=lambda s: None, sleep=lambda s: None)
        sent = [json.loads(x)["custom_id"] for b in server.batches.values() for x in b["_lines"]]
    assert len(sent) == len(missing), "only the articles without a brief are sent again"
    assert report.count("failed") == 0 and report.count("cached") == 5 - len(missing)
    assert errors(out) == set()


def test_resumes_the_same_batch_after_a_kill(folder, tmp_path):
    out = tmp_path / "out"

    def killed(seconds):
        raise KeyboardInterrupt

    with FakeBatchServer(polls=3) as server:
        settings = resolve_settings(base_url=server.base_url, model="fake")
        with pytest.raises(KeyboardInterrupt):
            round_trip(folder, out, settings, say=lambda s: None, sleep=killed)
        state = load_state(out)
        assert state[0]["batch_id"] and state[0]["status"] == "in_progress"
        waits = []
        imported, report = round_trip(folder, out, settings, say=lambda s: None, sleep=waits.append)
        assert server.uploads == 1 and len(server.batches) == 1, "the killed run's batch is polled, not sent again"
    assert report.count("failed") == 0 and len(briefed(out)) == 5
    assert waits == [5.0], "polling backs off from the first wait"


def test_via_openai_batch_needs_a_base_url(folder, tmp_path):
    r = runner.invoke(app, ["batch", str(folder), "-o", str(tmp_path / "out"), "--via", "openai-batch"])
    assert r.exit_code != 0 and "--base-url" in r.output


@pytest.mark.parametrize("step", ["upload", "create"])
def test_a_kill_after_the_request_but_before_its_id_is_saved_makes_no_second_one(folder, tmp_path, monkeypatch, step):
    from summarizer.batch.openai_batch import BatchAPI

    out, real = tmp_path / "out", getattr(BatchAPI, step)

    def then_killed(self, *args):
        real(self, *args)  # the server made it; the answer is lost with the process
        raise KeyboardInterrupt

    with FakeBatchServer(polls=1) as server:
        settings = resolve_settings(base_url=server.base_url, model="fake")
        monkeypatch.setattr(BatchAPI, step, then_killed)
        with pytest.raises(KeyboardInterrupt):
            round_trip(folder, out, settings, say=lambda s: None, sleep=lambda s: None)
        assert not load_state(out)[0].get("batch_id")
        monkeypatch.setattr(BatchAPI, step, real)
        said = []
        imported, report = round_trip(folder, out, settings, say=said.append, sleep=lambda s: None)
        assert server.uploads == 1 and len(server.batches) == 1, "the batch made before the kill is found, not made again"
    assert report.count("failed") == 0 and len(briefed(out)) == 5
    assert step == "upload" or any(s.startswith("found batch") for s in said)


def test_a_batch_the_api_would_reject_fails_on_the_fake_server(folder, tmp_path):
    import httpx

    with FakeBatchServer(polls=1) as server:
        line = {"custom_id": "a", "method": "POST", "url": "/v1/chat/completions", "body": {"model": "m", "stream": True}}
        fid = httpx.post(f"{server.base_url}/files", data={"purpose": "batch"},
                         files={"file": ("x.jsonl", json.dumps(line).encode())}).json()["id"]
        bid = httpx.post(f"{server.base_url}/batches", json={"input_file_id": fid, "endpoint": "/v1/chat/completions"}).json()["id"]
        b = httpx.get(f"{server.base_url}/batches/{bid}").json()
        listed = httpx.get(f"{server.base_url}/batches", params={"limit": 1}).json()
    assert b["status"] == "failed" and "stream" in b["errors"]["data"][0]["message"]
    assert [x["id"] for x in listed["data"]] == [bid] and not listed["has_more"]


def test_a_batch_refused_at_validation_lists_every_article_as_an_error(folder, tmp_path, monkeypatch):
    import summarizer.backends.batch_testing as fake

    monkeypatch.setattr(fake, "line_problems", lambda line: ["unknown body field x"])
    out, said = tmp_path / "out", []
    with FakeBatchServer(polls=1) as server:
        settings = resolve_settings(base_url=server.base_url, model="fake")
        imported, report = round_trip(folder, out, settings, say=said.append, sleep=lambda s: None)
    assert report.count("failed") == 5 and errors(out) == {"short.txt", "medium.md", "page.html", "long.txt", "tricky.txt"}
    assert any("refused: line 1: unknown body field x" in s for s in said)


def test_the_search_for_a_batch_made_before_a_kill_stops_at_older_batches(tmp_path):
    import time

    from summarizer.batch.openai_batch import BatchAPI

    with FakeBatchServer() as server:
        api = BatchAPI(resolve_settings(base_url=server.base_url, model="fake"))
        fid = api.upload(_one_line(tmp_path))
        made = api.create(fid, "k1")
        api.create(fid, "k2")  # newer: listed first
        assert api.find_batch("file-other", "k1", time.time()) == made
        assert api.find_batch("file-other", "k3", time.time()) is None
        assert api.find_batch("file-other", "k1", time.time() + 3600) is None, "batches older than the intent are not read"
        api.close()


def _one_line(tmp_path):
    path = tmp_path / "one.jsonl"
    path.write_text(json.dumps({"custom_id": "a", "method": "POST", "url": "/v1/chat/completions",
                                "body": {"model": "m", "messages": [{"role": "user", "content": "hi"}]}}) + "\n")
    return path
