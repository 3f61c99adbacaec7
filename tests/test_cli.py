"""The CLI: one line naming the file and the problem, and an exit code per error kind."""

from __future__ import annotations

import json
import pytest
from typer.testing import CliRunner

from conftest import ROOT
from summarizer.backends.testing import FakeOpenAIServer as FakeOpenAI
from summarizer.cli import app

runner = CliRunner()


def brief(*args, input=None):
    return runner.invoke(app, ["brief", *map(str, args)], input=input)


def one_error_line(result) -> str:
    lines = [l for l in result.stderr.splitlines() if l.strip()]
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("summarizer: error: ")
    return lines[0]


def test_missing_file(tmp_path):
    r = brief(tmp_path / "nope.txt")
    assert r.exit_code == 3
    assert "nope.txt: no such file" in one_error_line(r)


@pytest.mark.parametrize(
    "content, problem",
    [(b"", "empty"), (b"   \n\n", "empty"), (b"\x00\x01\x02binary\x00" * 50, "binary")],
)
def test_bad_input_names_file_and_problem(tmp_path, content, problem):
    f = tmp_path / "article.txt"
    f.write_bytes(content)
    r = brief(f)
    assert r.exit_code == 3
    line = one_error_line(r)
    assert "article.txt" in line and problem in line


def test_too_large(tmp_path):
    f = tmp_path / "big.txt"
    f.write_text("word " * 1000)
    r = brief(f, "--max-bytes", 100)
    assert r.exit_code == 3
    assert "big.txt" in one_error_line(r) and "limit" in r.stderr


def test_bad_published_date_is_a_usage_error():
    r = brief(ROOT / "tests" / "fixtures" / "short.txt", "--published", "last tuesday", "--cassettes", ROOT / "cassettes")
    assert r.exit_code == 2 and "--published" in one_error_line(r)


def test_unreachable_server_is_model_unavailable():
    r = brief(ROOT / "tests" / "fixtures" / "short.txt", "--base-url", "http://127.0.0.1:9/v1", "--model", "m", "--retries", "0")
    assert r.exit_code == 4
    assert "cannot reach the model at http://127.0.0.1:9/v1" in one_error_line(r)


def test_schema_failure_after_retries_against_a_real_http_server():
    with FakeOpenAI(answer=lambda request: "this is not JSON") as server:
        r = brief(ROOT / "tests" / "fixtures" / "short.txt", "--base-url", server.base_url)
    assert r.exit_code == 4
    line = one_error_line(r)
    assert "did not match the schema after 3 attempts" in line and "short.txt:" in line


def test_replay_miss_exit_code_and_hint(tmp_path):
    r = brief(ROOT / "tests" / "fixtures" / "short.txt", "--cassettes", tmp_path)
    assert r.exit_code == 5
    assert "record-missing" in one_error_line(r)


def test_schema_command_prints_the_published_schema():
    r = runner.invoke(app, ["schema"])
    assert r.exit_code == 0
    assert json.loads(r.stdout) == json.loads((ROOT / "schemas" / "brief.schema.json").read_text())


def test_help_lists_the_brief_options():
    r = runner.invoke(app, ["brief", "--help"])
    assert r.exit_code == 0
    for opt in ("--format", "--output", "--base-url", "--cassettes", "--cassette-mode", "--strict"):
        assert opt in r.stdout


def test_eval_command_scores_and_reuses_the_cache(tmp_path):
    data = tmp_path / "fivew"
    data.mkdir()
    (data / "a.json").write_text(json.dumps({
        "title": "Ferry resumes", "text": "The Tarrow ferry resumed service on Monday after repairs, the harbour board said.\n\n"
        "\"We are back on schedule,\" said captain Rhea Mott.", "date_publish": "2025-05-07 10:00:00",
        "publisher": "test", "category": "ferry",
        "fiveWoneH": {"who": {"annotated": [{"text": "captain Rhea Mott", "coderPhraseCount": 3}]},
                      "what": {"annotated": [{"text": "ferry resumed service", "coderPhraseCount": 2}]},
                      "when": {"annotated": [{"text": "on Monday", "coderPhraseCount": 2, "parsed": "2025-05-05"}]},
                      "where": {"annotated": [{"text": "Tarrow", "coderPhraseCount": 2}]}},
    }))
    out = tmp_path / "report"
    with FakeOpenAI() as server:
        r = runner.invoke(app, ["eval", "5w1h", str(data), "-o", str(out), "--base-url", server.base_url, "--model", "fake"])
        assert r.exit_code == 0, r.output
        assert server.requests == 1
        again = runner.invoke(app, ["eval", "5w1h", str(data), "-o", str(out), "--base-url", server.base_url, "--model", "fake"])
        assert again.exit_code == 0 and server.requests == 1, "second run is served from the cache"
        rec = tmp_path / "rec"
        recorded = runner.invoke(app, ["eval", "5w1h", str(data), "-o", str(tmp_path / "other"), "--base-url", server.base_url,
                                       "--model", "fake", "--cassettes", str(rec), "--cassette-mode", "record", "--jobs", "2"])
        assert recorded.exit_code == 0 and len(list(rec.glob("*.json"))) == 1, "eval takes --cassettes and --jobs"
    report = json.loads((out / "report.json").read_text())
    assert report["meta"]["articles"] == 1
    assert 0.0 <= report["scores"]["date_accuracy"] <= 1.0
    assert "|" in r.stdout  # the Markdown table


def test_eval_rejects_a_missing_folder(tmp_path):
    r = runner.invoke(app, ["eval", "polnear", str(tmp_path / "nope"), "-o", str(tmp_path / "o")])
    assert r.exit_code == 2


def test_brief_html_output(tmp_path):
    with FakeOpenAI() as server:
        out = tmp_path / "brief.html"
        r = brief(ROOT / "examples" / "harbor-closure.txt", "--format", "html", "-o", out, "--base-url", server.base_url, "--model", "m")
    assert r.exit_code == 0, r.stderr
    page = out.read_text()
    assert page.startswith("<!DOCTYPE html>") and 'id="article"' in page and "Port Ellery" in page
