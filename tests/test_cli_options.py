"""The same options everywhere they make sense, several articles per `brief`, --base-url without --model,
and logging (-v/-q, one unwrapped line per message without a terminal)."""

from __future__ import annotations

import json
import shutil

import pytest
from typer.testing import CliRunner

from conftest import FIXTURES
from summarizer.backends.testing import FakeOpenAIServer
from summarizer.cli import app

runner = CliRunner()
SHORT, MEDIUM = FIXTURES / "short.txt", FIXTURES / "medium.md"


@pytest.fixture(autouse=True)
def no_user_config(monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    for name in ("SUMMARIZER_CONFIG", "SUMMARIZER_BASE_URL", "SUMMARIZER_MODEL"):
        monkeypatch.delenv(name, raising=False)


def cli(*args):
    return runner.invoke(app, [str(a) for a in args])


def test_brief_several_files_to_stdout_one_after_another():
    with FakeOpenAIServer() as server:
        md = cli("brief", SHORT, MEDIUM, "--base-url", server.base_url, "--model", "m")
        js = cli("brief", SHORT, MEDIUM, "--base-url", server.base_url, "--model", "m", "-f", "json")
    assert md.exit_code == 0, md.output
    assert md.stdout.count("\n---\n") >= 1 and "short.txt" in md.stdout and "medium.md" in md.stdout
    lines = js.stdout.splitlines()
    assert [json.loads(line)["source"]["path"] for line in lines] == [str(SHORT), str(MEDIUM)]


def test_brief_several_files_into_a_folder_and_one_bad_file_does_not_stop_them(tmp_path):
    bad = tmp_path / "empty.txt"
    bad.write_text("")
    out = tmp_path / "out"
    with FakeOpenAIServer() as server:
        r = cli("brief", SHORT, bad, MEDIUM, "--base-url", server.base_url, "--model", "m", "-o", out)
    assert r.exit_code == 1, r.output  # some failed
    assert sorted(p.name for p in out.iterdir()) == ["medium.brief.md", "short.brief.md"]
    assert "empty.txt: the file is empty" in r.stderr
    with FakeOpenAIServer() as server:
        again = cli("brief", SHORT, MEDIUM, "--base-url", server.base_url, "--model", "m", "-o", out)
    assert again.exit_code == 7 and "already exists" in again.stderr  # nothing replaced without --force


def test_brief_several_html_needs_a_folder():
    r = cli("brief", SHORT, MEDIUM, "-f", "html", "--base-url", "http://127.0.0.1:9/v1", "--model", "m")
    assert r.exit_code == 2 and "-o DIR" in r.stderr


def test_base_url_without_model_asks_the_server():
    with FakeOpenAIServer(models=("only-one",)) as server:
        r = cli("brief", SHORT, "--base-url", server.base_url, "-f", "json")
    assert r.exit_code == 0, r.output
    assert json.loads(r.stdout)["meta"]["model"] == "only-one"
    assert "only-one" not in r.stderr  # INFO is shown with -v only
    with FakeOpenAIServer(models=("only-one",)) as server:
        r = cli("-v", "brief", SHORT, "--base-url", server.base_url, "-f", "json")
    assert "summarizer: info: --base-url" in r.stderr and "using only-one, the one model it serves" in r.stderr
    with FakeOpenAIServer(models=("a", "b")) as server:
        r = cli("brief", SHORT, "--base-url", server.base_url)
    assert r.exit_code == 2 and "lists 2 models (a, b)" in r.stderr and "--model" in r.stderr


def test_batch_takes_published_max_bytes_and_retries(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "undated.txt").write_bytes(SHORT.read_bytes())  # --published also overrides a found date
    (src / "big.txt").write_text("word " * 400)
    out = tmp_path / "out"
    with FakeOpenAIServer() as server:
        r = cli("batch", src, "-o", out, "--base-url", server.base_url, "--model", "m",
                "--published", "2025-05-05", "--max-bytes", 1000, "--retries", 0)
    assert r.exit_code == 1, r.output
    assert json.loads((out / "undated.brief.json").read_text())["source"]["published"] == "2025-05-05"
    errors = [json.loads(line) for line in (out / "errors.jsonl").read_text().splitlines()]
    assert [(e["file"], e["error"]) for e in errors] == [("big.txt", "InputTooLarge")]


def test_story_takes_force_glob_and_strict(tmp_path):
    src = tmp_path / "in"
    shutil.copytree(FIXTURES / "story", src, ignore=shutil.ignore_patterns("hard"))
    out = tmp_path / "out"
    with FakeOpenAIServer() as server:
        r = cli("story", src, "-o", out, "--base-url", server.base_url, "--model", "m", "--glob", "river*", "--strict")
        first = server.requests
        again = cli("story", src, "-o", out, "--base-url", server.base_url, "--model", "m", "--glob", "river*", "--force")
        forced = server.requests - first
    assert r.exit_code == 0 and again.exit_code == 0, r.output + again.output
    assert sorted(p.name for p in out.glob("*.brief.json")) == ["river-news.brief.json", "riverside-gazette.brief.json"]
    assert forced >= 2, "--force asked the model again"


def test_a_refused_connection_that_is_retried_is_logged_and_quiet_hides_it():
    args = ("brief", SHORT, "--base-url", "http://127.0.0.1:9/v1", "--model", "m", "--retries", 1)
    r = cli(*args)
    assert r.exit_code == 4
    line = next(l for l in r.stderr.splitlines() if "retry" in l)
    assert line.startswith("summarizer: warning: model at http://127.0.0.1:9/v1:") and "retry 1 of 1 in" in line
    quiet = cli("-q", *args)
    assert quiet.exit_code == 4 and "retry" not in quiet.stderr and "summarizer: error:" in quiet.stderr


def test_instructors_own_log_lines_show_only_with_vv(caplog):
    # instructor 1.17 logs "API call failed on attempt 1: Connection error." at ERROR for each attempt
    args = ("brief", SHORT, "--base-url", "http://127.0.0.1:9/v1", "--model", "m", "--retries", 0)
    for r in (cli(*args), cli("-v", *args)):
        assert r.exit_code == 4
        assert all(line.startswith("summarizer: ") for line in r.stderr.splitlines() if line.strip()), r.stderr
    assert not [record for record in caplog.records if record.name.startswith("instructor")]
    debug = cli("-vv", *args)
    assert debug.exit_code == 4
    assert all(line.startswith(("summarizer: ", "instructor: ")) for line in debug.stderr.splitlines() if line.strip())


def test_without_a_terminal_lines_do_not_wrap_at_80_columns(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    name = "a-very-long-article-file-name-that-goes-on-well-past-eighty-columns-of-a-terminal-window.txt"
    (src / name).write_text("")
    r = cli("batch", src, "-o", tmp_path / "out", "--base-url", "http://127.0.0.1:9/v1", "--model", "m")
    assert r.exit_code == 7
    assert f"[1/1] failed {name} (load: the file is empty)" in r.stderr.splitlines()


def test_brief_stdin_keeps_front_matter():
    raw = "---\ntitle: >-\n  Library reopens\n  in Marlow Creek\ndate: 2025-03-03T08:00:00Z\n---\n" + SHORT.read_text()
    with FakeOpenAIServer() as server:
        r = runner.invoke(app, ["brief", "-", "--base-url", server.base_url, "--model", "m", "-f", "json"], input=raw)
        as_text = runner.invoke(app, ["brief", "-", "--base-url", server.base_url, "--model", "m", "-f", "json",
                                      "--input-format", "text"], input="Plain first line\n" + SHORT.read_text())
    assert r.exit_code == 0, r.output
    source = json.loads(r.stdout)["source"]
    assert source["title"] == "Library reopens in Marlow Creek" and source["published"] == "2025-03-03"
    assert json.loads(as_text.stdout)["source"]["title"] == "Plain first line"


def test_a_warning_is_said_once_even_when_a_story_run_reloads_the_article(tmp_path):
    src = tmp_path / "in"
    shutil.copytree(FIXTURES / "story", src, ignore=shutil.ignore_patterns("hard"))
    text = (src / "river-news.txt").read_text(encoding="utf-8").replace("\u2014", "-")
    (src / "river-news.txt").write_bytes((text + "\nThe caf\u00e9 stayed open.\n").encode("cp1252"))
    with FakeOpenAIServer() as server:
        r = cli("story", src, "-o", tmp_path / "out", "--base-url", server.base_url, "--model", "m")
    assert r.exit_code == 0, r.output
    assert r.stderr.count("river-news.txt: not UTF-8") == 1, r.stderr
