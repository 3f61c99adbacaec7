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
