"""No terminal escape reaches the terminal or index.md (issue 13): not from file names, not from the model."""

from __future__ import annotations

from typer.testing import CliRunner

from conftest import FIXTURES
from summarizer.backends.testing import FakeOpenAIServer, valid_draft
from summarizer.cli import app

runner = CliRunner()
ESC = "\x1b"


def test_a_model_answer_with_escape_codes_is_shown_without_them():
    def answer(body):
        draft = valid_draft(body)
        if "headline" in draft:
            draft["headline"] = f"Harbor {ESC}[2J{ESC}]0;pwned{chr(7)} closed"
            draft["summary"] = f"The harbor {ESC}[31mclosed."
            draft["open_questions"][0]["question"] = f"What will {ESC}[2J{ESC}]0;pwned{chr(7)} happen to the library next year?"
        return draft

    with FakeOpenAIServer(answer=answer) as server:
        r = runner.invoke(app, ["brief", str(FIXTURES / "short.txt"), "--base-url", server.base_url, "--model", "fake"])
    assert r.exit_code == 0, r.output
    assert ESC not in r.output and chr(7) not in r.output


def test_file_names_with_escapes_and_markdown_specials_are_safe(tmp_path):
    src, out = tmp_path / "in", tmp_path / "out"
    src.mkdir()
    good = (FIXTURES / "short.txt").read_bytes()
    names = [f"red{ESC}[31m.txt", "pipe|name.txt", "new\nline.txt", "angle<b>.txt"]
    for name in names:
        (src / name).write_bytes(good)
    (src / f"empty{ESC}[2J.txt").write_text("")
    with FakeOpenAIServer() as server:
        r = runner.invoke(app, ["batch", str(src), "-o", str(out), "--base-url", server.base_url, "--model", "fake"])
    assert r.exit_code == 1, r.output
    assert ESC not in r.output
    index = (out / "index.md").read_text()
    assert ESC not in index
    rows = [line for line in index.splitlines() if line.startswith("| [")]
    assert len(rows) == len(names), index
    assert all(line.count(" | ") == 6 for line in rows), "a file name broke the table"
    for name in ("pipe%7Cname.brief.md", "new%0Aline.brief.md", "angle%3Cb%3E.brief.md"):
        assert f"({name})" in index, index
