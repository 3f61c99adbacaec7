"""Nothing paid twice across runs (issue 13): OUTDIRs inside DIR are skipped, and one run at a time per OUTDIR."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from typer.testing import CliRunner

from conftest import FIXTURES, ROOT
from summarizer.backends.testing import FakeOpenAIServer
from summarizer.batch.runner import discover
from summarizer.cli import app

runner = CliRunner()


def _folder(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_bytes((FIXTURES / "short.txt").read_bytes())
    return src


def test_a_folder_holding_a_summarizer_run_is_not_walked(tmp_path):
    src = _folder(tmp_path)
    with FakeOpenAIServer() as server:
        assert runner.invoke(app, ["batch", str(src), "-o", str(src / "first"), "--base-url", server.base_url]).exit_code == 0
        articles, skipped = discover(src, src / "second")
        assert articles == ["a.txt"] and not any(s.startswith("first/") for s in skipped)
        asked = server.requests
        r = runner.invoke(app, ["batch", str(src), "-o", str(src / "second"), "--base-url", server.base_url])
    assert r.exit_code == 0, r.output
    assert server.requests == asked + 1, "the first run's briefs were briefed as articles"
    assert not (src / "second" / "first").exists()


HOLD = """
import sys
from summarizer.batch.lock import outdir_lock
with outdir_lock(sys.argv[1]):
    print("held", flush=True)
    sys.stdin.read()
"""


def test_a_second_run_on_the_same_outdir_fails_at_once_naming_the_holder(tmp_path):
    src, out = _folder(tmp_path), tmp_path / "out"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    holder = subprocess.Popen([sys.executable, "-c", HOLD, str(out)], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                              text=True, env=env)
    try:
        assert holder.stdout.readline().strip() == "held"
        with FakeOpenAIServer() as server:
            r = runner.invoke(app, ["batch", str(src), "-o", str(out), "--base-url", server.base_url])
            assert r.exit_code == 6, r.output
            assert f"pid {holder.pid}" in r.output and server.requests == 0
    finally:
        holder.stdin.close()
        holder.wait()
    with FakeOpenAIServer() as server:
        r = runner.invoke(app, ["batch", str(src), "-o", str(out), "--base-url", server.base_url])
    assert r.exit_code == 0, r.output


def test_a_rerun_with_glob_keeps_the_other_articles_in_the_indexes(tmp_path):
    src = _folder(tmp_path)
    (src / "b.md").write_text((FIXTURES / "short.txt").read_text().replace("300 people", "301 people"))
    (src / "empty.md").write_text("")
    out = tmp_path / "out"
    with FakeOpenAIServer() as server:
        assert runner.invoke(app, ["batch", str(src), "-o", str(out), "--base-url", server.base_url]).exit_code == 1
        r = runner.invoke(app, ["batch", str(src), "-o", str(out), "--base-url", server.base_url, "--glob", "*.txt"])
    assert r.exit_code == 0, r.output
    briefed = sorted(json.loads(line)["source"]["path"] for line in (out / "briefs.jsonl").read_text().splitlines())
    assert briefed == ["a.txt", "b.md"], "a --glob re-run dropped the other articles' briefs"
    assert [json.loads(line)["file"] for line in (out / "errors.jsonl").read_text().splitlines()] == ["empty.md"]
    assert "(b.brief.md)" in (out / "index.md").read_text()
