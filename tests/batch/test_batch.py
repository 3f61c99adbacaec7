"""Batch runs: outputs, failures recorded, cache, de-duplication, resume after SIGKILL, Ctrl-C, long articles."""

from __future__ import annotations

import hashlib
import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import FIXTURES, ROOT
from summarizer.backends.testing import FakeOpenAIServer as FakeOpenAI
from summarizer.batch.runner import discover, output_paths
from summarizer.cli import app
from summarizer.errors import ConfigError

runner = CliRunner()


@pytest.fixture
def folder(tmp_path) -> Path:
    src = tmp_path / "in"
    (src / "nested" / "deeper").mkdir(parents=True)
    (src / "short.txt").write_bytes((FIXTURES / "short.txt").read_bytes())
    (src / "nested" / "same-as-short.txt").write_bytes((FIXTURES / "short.txt").read_bytes())
    (src / "nested" / "deeper" / "strike.md").write_bytes((FIXTURES / "medium.md").read_bytes())
    (src / "page.html").write_bytes((FIXTURES / "page.html").read_bytes())
    (src / "empty.txt").write_bytes(b"")
    (src / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00" * 40)
    # not UTF-8: the short article, with its dash, saved as Windows-1252 (and a different text, so it is briefed)
    (src / "latin1.txt").write_bytes(((FIXTURES / "short.txt").read_text() + "\nThe café reopens too.\n").encode("cp1252"))
    (src / "notes.csv").write_text("a,b\n1,2\n")
    return src


def snapshot(root: Path) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(root.rglob("*")) if p.is_file()}


def run_batch(src, out, base_url, *extra):
    return runner.invoke(app, ["batch", str(src), "-o", str(out), "--base-url", base_url, "--model", "fake", *map(str, extra)])


def test_batch_writes_briefs_index_and_errors_and_never_touches_input(folder, tmp_path):
    before = snapshot(folder)
    out = tmp_path / "out"
    with FakeOpenAI() as server:
        r = run_batch(folder, out, server.base_url, "--jobs", 4)
        requests = server.requests
    assert r.exit_code == 1, r.output  # some articles failed
    assert snapshot(folder) == before, "the input folder was modified"
    for rel in ("short.txt", "nested/same-as-short.txt", "nested/deeper/strike.md", "page.html", "latin1.txt"):
        base = rel.rsplit(".", 1)[0] + ".brief"  # strike.md -> strike.brief.md, never strike.md.md
        brief = json.loads((out / (base + ".json")).read_text())
        assert brief["source"]["path"] == rel
        assert (out / (base + ".md")).read_text().startswith("# ")
        page = (out / (base + ".html")).read_text()
        assert page.startswith("<!DOCTYPE html>") and 'id="article"' in page
        assert f'href="{"../" * rel.count("/")}index.html"' in page
    assert not list(out.rglob("*.md.md")) and not list(out.rglob("*.html.html"))
    assert requests == 4, "identical articles are computed once"
    latin1 = json.loads((out / "latin1.brief.json").read_text())
    assert any("not UTF-8" in w for w in latin1["warnings"]), "a guessed encoding is a warning in the brief"
    errors = [json.loads(line) for line in (out / "errors.jsonl").read_text().splitlines()]
    assert {(e["file"], e["stage"], e["error"]) for e in errors} == {
        ("empty.txt", "load", "EmptyInput"), ("binary.txt", "load", "BinaryInput")}
    assert all(e["message"] for e in errors)
    assert len((out / "briefs.jsonl").read_text().splitlines()) == 5
    index = (out / "index.md").read_text()
    assert "5 briefs, 2 failed, 1 skipped" in index and "notes.csv" in index
    assert "(nested/deeper/strike.brief.md)" in index and "Northvale rail strike" in index
    html_index = (out / "index.html").read_text()
    assert 'href="nested/deeper/strike.brief.html"' in html_index and "binary.txt" in html_index
    assert "[1/7]" in r.output and "batch summary" in r.output  # plain progress lines when not a TTY


def test_cached_rerun_makes_no_model_call_and_force_recomputes(folder, tmp_path):
    out = tmp_path / "out"
    with FakeOpenAI() as server:  # one server: briefs are cached per backend
        run_batch(folder, out, server.base_url)
        first = server.requests
        r = run_batch(folder, out, server.base_url)
        assert server.requests == first
        assert len(re.findall(r"^\[\d+/7\] cached ", r.output, re.MULTILINE)) == 5
        run_batch(folder, out, server.base_url, "--force")
        assert server.requests == first + 4


def test_exit_zero_when_every_article_briefed(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_bytes((FIXTURES / "short.txt").read_bytes())
    with FakeOpenAI() as server:
        r = run_batch(src, tmp_path / "out", server.base_url, "--glob", "*.txt")
    assert r.exit_code == 0, r.output


def test_usage_errors_exit_2(tmp_path):
    assert runner.invoke(app, ["batch", str(tmp_path / "missing"), "-o", str(tmp_path / "o")]).exit_code == 2
    assert runner.invoke(app, ["batch", str(tmp_path), "-o", str(tmp_path)]).exit_code == 2
    assert runner.invoke(app, ["batch", str(tmp_path)]).exit_code == 2  # -o is required


def test_output_names_cannot_escape(tmp_path):
    md, js = output_paths(tmp_path, "a/b.txt")
    assert md == tmp_path / "a" / "b.brief.md" and js == tmp_path / "a" / "b.brief.json"
    for bad in ("../evil.txt", "a/../../evil.txt", "", "a\0b.txt"):
        with pytest.raises(ConfigError):
            output_paths(tmp_path, bad)


def test_outdir_inside_input_is_not_walked(folder):
    articles, skipped = discover(folder, folder / "briefs", None)
    (folder / "briefs").mkdir()
    (folder / "briefs" / "x.brief.md").write_text("# old brief")
    again, _ = discover(folder, folder / "briefs", None)
    assert articles == again and not any(a.startswith("briefs/") for a in again)
    assert "notes.csv" in skipped


def _cli(*args):
    exe = Path(sys.executable).parent / "summarizer"
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "summarizer"]


def _many(src: Path, n: int) -> None:
    src.mkdir()
    text = (FIXTURES / "short.txt").read_text()
    for i in range(n):
        (src / f"a{i:03d}.txt").write_text(text.replace("300 people", f"{300 + i} people"))


def test_sigkill_leaves_no_half_file_and_rerun_finishes_the_rest(tmp_path):
    src, out = tmp_path / "in", tmp_path / "out"
    N = 40
    _many(src, N)
    with FakeOpenAI(latency=0.15) as server:
        proc = subprocess.Popen([*_cli(), "batch", str(src), "-o", str(out), "--base-url", server.base_url, "--jobs", "2"],
                                stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        deadline = time.time() + 180
        while len(list(out.glob("*.json"))) < 6 and time.time() < deadline:
            time.sleep(0.05)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        first = server.requests
        done = sorted(p.name for p in out.glob("*.brief.json"))
        assert 6 <= len(done) < N
        for p in out.rglob("*"):
            assert not p.name.startswith("."+"tmp") and not p.name.endswith(".tmp"), f"half-written file {p}"
            if p.suffix == ".json":
                json.loads(p.read_text())  # every file there is complete
        r = subprocess.run([*_cli(), "batch", str(src), "-o", str(out), "--base-url", server.base_url, "--jobs", "4"],
                           capture_output=True, text=True, timeout=300)
        assert r.returncode == 0, r.stderr
        assert server.requests - first <= N - len(done), "finished articles were recomputed"
    assert len(list(out.glob("*.brief.json"))) == N
    assert len((out / "briefs.jsonl").read_text().splitlines()) == N


def test_ctrl_c_stops_cleanly_with_a_summary(tmp_path):
    src, out = tmp_path / "in", tmp_path / "out"
    _many(src, 30)
    with FakeOpenAI(latency=0.2) as server:
        proc = subprocess.Popen([*_cli(), "batch", str(src), "-o", str(out), "--base-url", server.base_url, "--jobs", "1"],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        deadline = time.time() + 60
        while len(list(out.glob("*.json"))) < 3 and time.time() < deadline:
            time.sleep(0.05)
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, err
    assert "interrupted" in err and "batch summary" in err
    assert "re-run to finish" in (out / "index.md").read_text()


def test_long_article_is_windowed_and_merged_with_whole_article_offsets():
    from summarizer.backends.testing import ScriptedTransport, completion, valid_draft
    from summarizer import Status, document_from_bytes, resolve_settings
    from summarizer.backends.client import ModelClient
    from summarizer.brief.pipeline import brief_document, window_chars

    text = (FIXTURES / "very-long.txt").read_text()
    assert len(text.split()) >= 20_000
    doc = document_from_bytes(text.encode(), path="long.txt", max_bytes=10**7)
    transport = ScriptedTransport(*[lambda req: completion(valid_draft(req)) for _ in range(200)])
    settings = resolve_settings()  # the embedded model's context size decides the windows
    brief = brief_document(doc, ModelClient(settings, transport))
    n_windows = len(transport.requests)
    assert n_windows >= len(doc.body) // window_chars(settings)
    assert brief.meta.usage.requests == n_windows
    assert any("overlapping parts" in w for w in brief.warnings)
    assert brief.quotes and all(doc.text[q.start : q.end] == q.text for q in brief.quotes)
    assert max(q.start for q in brief.quotes) > len(doc.text) // 2, "quotes from late windows keep whole-article offsets"
    for e in brief.key_events:
        assert e.evidence_span.status is Status.exact and doc.text[e.evidence_span.start : e.evidence_span.end] == e.evidence
    assert len({q.start for q in brief.quotes}) == len(brief.quotes)
    for req in transport.requests:
        assert len(req["messages"][-1]["content"]) < 24_000


def test_terminal_gets_a_progress_bar_and_a_summary_table():
    import io

    from rich.console import Console

    from summarizer.batch.runner import BatchReport, Outcome
    from summarizer.batch.progress import BatchProgress, summary_table

    buf = io.StringIO()
    console = Console(file=buf, force_terminal=True, width=120)
    report = BatchReport(total=3)
    with BatchProgress(console, 3) as progress:
        for o in (Outcome("a.txt", "done"), Outcome("b.txt", "cached"), Outcome("c.txt", "failed", stage="load", message="empty")):
            report.outcomes.append(o)
            progress(o)
    console.print(summary_table(report, 1.5))
    out = buf.getvalue()
    assert "3/3" in out and "cached 1" in out and "failed 1" in out
    assert "[1/3]" not in out  # no plain log lines on a terminal
    assert "batch summary" in out


def test_one_failed_window_does_not_lose_the_long_article():
    from summarizer.backends.testing import ScriptedTransport, completion, valid_draft
    from summarizer import document_from_bytes, resolve_settings
    from summarizer.backends.client import ModelClient
    from summarizer.brief.pipeline import brief_document

    doc = document_from_bytes((FIXTURES / "very-long.txt").read_bytes(), path="long.txt", max_bytes=10**7)
    answers = [lambda req: completion(valid_draft(req)) for _ in range(200)]
    answers[1:4] = [completion("not json")] * 3  # the second window fails all its re-asks
    brief = brief_document(doc, ModelClient(resolve_settings(), ScriptedTransport(*answers)))
    assert any("part 2 of" in w and "could not be briefed" in w for w in brief.warnings)
    assert brief.key_events and brief.quotes


def test_after_an_upgrade_briefs_are_regrounded_from_kept_answers(folder, tmp_path, monkeypatch):
    import summarizer.batch.cache as cache

    out = tmp_path / "out"
    with FakeOpenAI() as server:
        run_batch(folder, out, server.base_url)
        assert server.requests == 4
        port = server.server.server_port  # the same server again: answers are kept per backend
    assert list((out / ".summarizer" / "responses").rglob("*.json")), "model exchanges are kept"
    monkeypatch.setattr(cache, "code_fingerprint", lambda: "a-newer-summarizer")
    with FakeOpenAI(port=port) as server:
        r = run_batch(folder, out, server.base_url)
        assert server.requests == 0, "new code, same model answers: no model call"
    assert len(re.findall(r"^\[\d+/7\] done ", r.output, re.MULTILINE)) == 5, "briefs were rebuilt, not served stale"


def test_code_fingerprint_covers_every_module_of_the_tree(tmp_path):
    import shutil

    import summarizer.batch.cache as cache

    copy = tmp_path / "summarizer"
    shutil.copytree(Path(cache.__file__).resolve().parent.parent, copy, ignore=shutil.ignore_patterns("__pycache__"))
    before = cache.code_fingerprint(copy)
    (copy / "text" / "analysis.py").write_text((copy / "text" / "analysis.py").read_text() + "\n# changed\n")
    cache.code_fingerprint.cache_clear()
    assert cache.code_fingerprint(copy) != before, "a change in a subpackage must change the cache key"
