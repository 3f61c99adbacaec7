"""Batch files: export the requests, answer them offline (OpenAI or vLLM format), import, re-export what is missing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import FIXTURES
from summarizer import resolve_settings
from summarizer.backends.testing import FakeOpenAIServer, completion, valid_draft
from summarizer.batch.batchfiles import export_requests
from summarizer.cli import app

runner = CliRunner()
URL = "http://127.0.0.1:9/v1"


@pytest.fixture
def folder(tmp_path) -> Path:
    src = tmp_path / "in"
    src.mkdir()
    for name in ("short.txt", "medium.md", "page.html"):
        (src / name).write_bytes((FIXTURES / name).read_bytes())
    (src / "copy-of-short.txt").write_bytes((FIXTURES / "short.txt").read_bytes())
    (src / "empty.txt").write_bytes(b"")
    return src


def cli(*args):
    return runner.invoke(app, ["batch", *map(str, args), "--base-url", URL, "--model", "fake"])


def answer_file(requests: Path, out: Path, *, fmt: str = "openai", drop=(), bad=(), error=()) -> Path:
    """What a batch engine would write for ``requests``: each answered by the tests' fake model."""
    lines = []
    for n, text in enumerate(requests.read_text().splitlines()):
        req = json.loads(text)
        if n in drop:
            continue
        body = completion(valid_draft(req["body"]))
        if n in bad:
            body = completion({"headline": 3})
        if fmt == "vllm-old":
            lines.append({"id": f"vllm-{n}", "custom_id": req["custom_id"], "response": body, "error": None})
        elif n in error:
            lines.append({"id": f"b-{n}", "custom_id": req["custom_id"], "response": {"status_code": 500, "body": {
                "error": {"message": "server overloaded"}}}, "error": None})
        else:
            lines.append({"id": f"b-{n}", "custom_id": req["custom_id"],
                          "response": {"status_code": 200, "request_id": f"r{n}", "body": body}, "error": None})
    out.write_text("".join(json.dumps(x) + "\n" for x in lines))
    return out


def test_export_bodies_are_exactly_what_the_online_path_sends(folder, tmp_path):
    out, req = tmp_path / "out", tmp_path / "req.jsonl"
    r = cli(folder, "-o", out, "--export-requests", req)
    assert r.exit_code == 1, r.output  # empty.txt cannot be loaded
    lines = [json.loads(x) for x in req.read_text().splitlines()]
    assert len(lines) == 3, "identical texts are asked once; the empty file is not asked"
    assert all(x["method"] == "POST" and x["url"] == "/v1/chat/completions" for x in lines)
    assert len({x["custom_id"] for x in lines}) == 3
    seen = []
    with FakeOpenAIServer(answer=lambda body: (seen.append(body), valid_draft(body))[1]) as server:
        runner.invoke(app, ["batch", str(folder), "-o", str(tmp_path / "online"), "--base-url", server.base_url, "--model", "fake"])
    key = lambda b: json.dumps(b, sort_keys=True)  # noqa: E731
    assert sorted(map(key, seen)) == sorted(key(x["body"]) for x in lines)
    assert "empty.txt" in r.output


@pytest.mark.parametrize("fmt", ["openai", "vllm-old"])
def test_import_writes_the_same_briefs_as_an_online_run(folder, tmp_path, fmt):
    out, req = tmp_path / "out", tmp_path / "req.jsonl"
    cli(folder, "-o", out, "--export-requests", req)
    res = answer_file(req, tmp_path / "res.jsonl", fmt=fmt)
    r = cli(folder, "-o", out, "--import-results", res)
    assert r.exit_code == 1, r.output  # empty.txt
    with FakeOpenAIServer() as server:
        runner.invoke(app, ["batch", str(folder), "-o", str(tmp_path / "online"), "--base-url", server.base_url, "--model", "fake"])
    for name in ("short.brief", "copy-of-short.brief", "medium.brief", "page.brief"):
        batch = json.loads((out / f"{name}.json").read_text())
        online = json.loads((tmp_path / "online" / f"{name}.json").read_text())
        for b in (batch, online):
            b["meta"].pop("seconds"), b["meta"].pop("backend")
        assert batch == online
    errors = [json.loads(x) for x in (out / "errors.jsonl").read_text().splitlines()]
    assert [e["file"] for e in errors] == ["empty.txt"]
    assert len((out / "briefs.jsonl").read_text().splitlines()) == 4


def test_missing_invalid_and_failed_answers_are_errors_and_exported_again(folder, tmp_path):
    out, req = tmp_path / "out", tmp_path / "req.jsonl"
    cli(folder, "-o", out, "--export-requests", req)
    ids = [json.loads(x)["custom_id"] for x in req.read_text().splitlines()]
    res = answer_file(req, tmp_path / "res.jsonl", drop={0}, bad={1}, error={2})
    with res.open("a") as fh:
        fh.write('{"custom_id": "cut sho')  # a partial file: the last line was cut by a kill
    r = cli(folder, "-o", out, "--import-results", res)
    assert r.exit_code == 1
    errors = {e["file"]: e for e in map(json.loads, (out / "errors.jsonl").read_text().splitlines())}
    assert len(errors) == 5  # three articles (four files) without a brief, and empty.txt
    messages = " ".join(e["message"] for e in errors.values())
    assert "no batch result" in messages and "server overloaded" in messages and "schema" in messages
    # the next export asks again for exactly the articles without a brief
    again = tmp_path / "again.jsonl"
    cli(folder, "-o", out, "--export-requests", again)
    assert sorted(json.loads(x)["custom_id"] for x in again.read_text().splitlines()) == sorted(ids)
    # importing twice, then the good answers, finishes the job
    cli(folder, "-o", out, "--import-results", res)
    r = cli(folder, "-o", out, "--import-results", res, "--import-results", answer_file(again, tmp_path / "res2.jsonl"))
    assert [json.loads(x)["file"] for x in (out / "errors.jsonl").read_text().splitlines()] == ["empty.txt"]
    r = cli(folder, "-o", out, "--export-requests", tmp_path / "none.jsonl")
    assert "0 requests for 0 articles; 4 already briefed" in r.output and not (tmp_path / "none.jsonl").exists()


def test_export_splits_files_within_the_limits(folder, tmp_path):
    settings = resolve_settings(base_url=URL, model="fake")
    report = export_requests(folder, tmp_path / "out", settings, tmp_path / "req.jsonl", max_lines=2)
    assert [p.name for p in report.files] == ["req-001.jsonl", "req-002.jsonl"]
    assert [len(p.read_text().splitlines()) for p in report.files] == [2, 1]
    big = max(len(x.encode()) + 1 for p in report.files for x in p.read_text().splitlines())
    report = export_requests(folder, tmp_path / "out2", settings, tmp_path / "b.jsonl", max_bytes=big)
    assert len(report.files) == 3 and all(p.stat().st_size <= big for p in report.files)


def test_long_article_is_one_request_per_window(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "long.txt").write_bytes((FIXTURES / "very-long.txt").read_bytes())
    req = tmp_path / "req.jsonl"
    r = runner.invoke(app, ["batch", str(src), "-o", str(tmp_path / "out"), "--export-requests", str(req)])
    lines = [json.loads(x) for x in req.read_text().splitlines()]
    assert len(lines) > 1, "the embedded model's context needs several windows for this article"
    n = len(lines)
    assert [x["custom_id"].rsplit("-", 1)[1] for x in lines] == [f"part{i}of{n}" for i in range(1, n + 1)]
    assert f"long.txt: {n} windows" in r.output
    res = answer_file(req, tmp_path / "res.jsonl")
    r = runner.invoke(app, ["batch", str(src), "-o", str(tmp_path / "out"), "--import-results", str(res)])
    assert r.exit_code == 0, r.output
    brief = json.loads((tmp_path / "out" / "long.brief.json").read_text())
    assert any("overlapping parts" in w for w in brief["warnings"])


def test_results_file_that_is_not_batch_output_is_named(folder, tmp_path):
    out, req = tmp_path / "out", tmp_path / "req.jsonl"
    cli(folder, "-o", out, "--export-requests", req)
    junk = tmp_path / "junk.jsonl"
    junk.write_text("hello\n")
    r = cli(folder, "-o", out, "--import-results", junk)
    assert r.exit_code != 0 and "junk.jsonl" in r.output
    r = cli(folder, "-o", tmp_path / "never-exported", "--import-results", junk)
    assert r.exit_code != 0 and "--export-requests" in r.output


def test_default_export_for_openai_is_a_valid_batch_line_with_the_schema(folder, tmp_path):
    """--mode auto would pick tools for api.openai.com; batch lines carry the schema in response_format instead."""
    from summarizer.backends.batch_testing import line_problems

    out, target = tmp_path / "out", tmp_path / "requests.jsonl"
    r = runner.invoke(app, ["batch", str(folder), "-o", str(out), "--export-requests", str(target),
                            "--base-url", "https://api.openai.com/v1", "--model", "gpt-4o-mini"])
    assert r.exit_code == 1, r.output  # empty.txt fails; the rest are exported
    lines = [json.loads(x) for x in target.read_text().splitlines()]
    assert len(lines) == 3
    for line in lines:
        assert line_problems(line) == [], line["custom_id"]
        fmt = line["body"]["response_format"]
        assert fmt["type"] == "json_schema" and fmt["json_schema"]["schema"]["type"] == "object"
        assert "tools" not in line["body"] and not line["body"].get("stream")
    assert len({x["custom_id"] for x in lines}) == 3


def test_export_refuses_a_mode_without_a_schema(folder, tmp_path):
    r = runner.invoke(app, ["batch", str(folder), "-o", str(tmp_path / "out"), "--export-requests", str(tmp_path / "r.jsonl"),
                            "--base-url", "https://api.openai.com/v1", "--model", "gpt-4o-mini", "--mode", "tools"])
    assert r.exit_code != 0 and "--mode json_schema" in r.output
    assert not (tmp_path / "r.jsonl").exists()
