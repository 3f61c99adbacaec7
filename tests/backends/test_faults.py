"""Faults and bad input (issue 13): each kind tried, and how it is handled."""

from __future__ import annotations

import json
from pathlib import Path

import httpx
import pytest
from pydantic import BaseModel
from typer.testing import CliRunner

from conftest import FIXTURES
from summarizer.backends.client import ModelClient
from summarizer.backends.testing import FakeOpenAIServer as FakeOpenAI
from summarizer.backends.testing import ScriptedTransport, completion
from summarizer.config import resolve_settings
from summarizer.cli import app
from summarizer.errors import InputError, ModelError, UnreadableInput
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
    assert (out / "a.brief.json").exists(), r.output
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


class Answer(BaseModel):
    word: str


def _client(transport, **settings):
    s = resolve_settings(base_url="http://127.0.0.1:9/v1", model="m", **settings)
    return ModelClient(s, transport, sleep=lambda seconds: None)


@pytest.mark.parametrize("body, said", [
    (b"{not json", "invalid JSON"),
    (b"<!DOCTYPE html><html><body>Proxy login</body></html>", "HTML page"),
    (b'{"id": "x", "object": "chat.completion", "choices": []}', "no choices"),
])
def test_a_200_that_is_not_a_completion_is_retried_then_a_model_error(body, said):
    def bad():
        return httpx.Response(200, content=body, headers={"content-type": "application/json"})

    transport = ScriptedTransport(*[bad() for _ in range(10)])
    with pytest.raises(ModelError) as info:
        _client(transport).extract([{"role": "user", "content": "Say a word."}], Answer)
    assert info.value.exit_code == 4 and said in str(info.value), str(info.value)
    assert len(transport.requests) > 1, "retried like a 5xx"
    recovered = ScriptedTransport(bad(), completion({"word": "ok"}))
    answer, _ = _client(recovered).extract([{"role": "user", "content": "Say a word."}], Answer)
    assert answer.word == "ok"
