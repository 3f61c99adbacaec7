"""The end of a batch run: exit codes that tell some from all failures, and the failure list."""

from pathlib import Path

from summarizer.batch.ending import ALL_FAILED, CASSETTE_MISS, SOME_FAILED, exit_code, failure_lines
from summarizer.batch.runner import BatchReport, Outcome


def report(*outcomes):
    r = BatchReport()
    r.outcomes.extend(outcomes)
    return r


def test_exit_codes():
    ok = Outcome("a.txt", "done")
    bad = Outcome("b.txt", "failed", stage="model", error="SchemaFailure", message="still invalid")
    miss = Outcome("c.txt", "failed", stage="model", error="CassetteMiss", message="no cassette")
    assert exit_code(report(ok)) == 0
    assert exit_code(report(ok, bad)) == SOME_FAILED
    assert exit_code(report(bad)) == ALL_FAILED
    assert exit_code(report(ok, miss)) == CASSETTE_MISS
    assert len({0, SOME_FAILED, ALL_FAILED, CASSETTE_MISS}) == 4


def test_failure_lines_name_files_and_report_paths_one_line_each():
    bad = Outcome("sub/b.txt", "failed", error="SchemaFailure", message="first line\n<failed_attempts>\n...")
    lines = failure_lines(report(Outcome("a.txt", "done"), bad), Path("out"))
    assert lines[0] == "1 of 2 articles failed:"
    assert lines[1] == "  sub/b.txt: SchemaFailure: first line"
    assert "errors.jsonl" in lines[-1] and "index.md" in lines[-1]
    assert failure_lines(report(Outcome("a.txt", "done")), Path("out")) == []


def test_errors_jsonl_and_index_carry_one_line_not_instructors_dump(tmp_path):
    import json

    from typer.testing import CliRunner

    from conftest import FIXTURES
    from summarizer.backends.testing import FakeOpenAIServer
    from summarizer.cli import app

    src, out = tmp_path / "in", tmp_path / "out"
    src.mkdir()
    (src / "a.txt").write_bytes((FIXTURES / "short.txt").read_bytes())
    with FakeOpenAIServer(answer=lambda request: {"headline": 3}) as server:
        r = CliRunner().invoke(app, ["batch", str(src), "-o", str(out), "--base-url", server.base_url, "--model", "m"])
    assert r.exit_code == ALL_FAILED, r.output
    [error] = [json.loads(line) for line in (out / "errors.jsonl").read_text().splitlines()]
    assert error["error"] == "SchemaFailure" and "\n" not in error["message"]
    assert "<failed_attempts>" not in error["message"] and "<completion>" not in error["message"]
    assert "did not match the schema after 3 attempts: " in error["message"]
    index = (out / "index.md").read_text()
    assert "<failed_attempts>" not in index and "&lt;failed_attempts" not in index
