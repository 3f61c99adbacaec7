"""Faults and bad input (issue 13): each kind tried, and how it is handled."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import FIXTURES
from summarizer.backends.testing import FakeOpenAIServer as FakeOpenAI
from summarizer.cli import app
from summarizer.errors import InputError, UnreadableInput
from summarizer.text.documents import load_document

runner = CliRunner()
MAX = 1_000_000


def _refuse_reading(monkeypatch, name: str) -> None:
    """Make reading one file fail with PermissionError (tests run as root, so chmod is not enough)."""
    real = Path.read_bytes

    def read_bytes(self):
        if self.name == name:
            raise PermissionError(13, "Permission denied", str(self))
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)


def test_unreadable_file_is_an_input_error_naming_the_file(tmp_path, monkeypatch):
    p = tmp_path / "locked.txt"
    p.write_bytes((FIXTURES / "short.txt").read_bytes())
    _refuse_reading(monkeypatch, "locked.txt")
    with pytest.raises(UnreadableInput) as info:
        load_document(p, max_bytes=MAX)
    assert isinstance(info.value, InputError) and info.value.exit_code == 3
    assert str(p) in str(info.value) and "Permission denied" in str(info.value)


def test_one_unreadable_file_never_kills_a_batch(tmp_path, monkeypatch):
    src = tmp_path / "in"
    src.mkdir()
    for name in ("a.txt", "locked.txt"):
        (src / name).write_bytes((FIXTURES / "short.txt").read_bytes())
    _refuse_reading(monkeypatch, "locked.txt")
    out = tmp_path / "out"
    with FakeOpenAI() as server:
        r = runner.invoke(app, ["batch", str(src), "-o", str(out), "--base-url", server.base_url, "--model", "fake"])
    assert r.exception is None or isinstance(r.exception, SystemExit), r.output
    assert (out / "a.txt.json").exists(), r.output
    errors = [json.loads(line) for line in (out / "errors.jsonl").read_text().splitlines()]
    assert [(e["file"], e["stage"], e["error"]) for e in errors] == [("locked.txt", "load", "UnreadableInput")]


def test_brief_on_an_unreadable_file_exits_3(tmp_path, monkeypatch):
    p = tmp_path / "locked.txt"
    p.write_bytes((FIXTURES / "short.txt").read_bytes())
    _refuse_reading(monkeypatch, "locked.txt")
    with FakeOpenAI() as server:
        r = runner.invoke(app, ["brief", str(p), "--base-url", server.base_url, "--model", "fake"])
    assert r.exit_code == 3, r.output
    assert "locked.txt" in r.output
