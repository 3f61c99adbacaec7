"""Credentials in --base-url and in server error texts never reach a file or the terminal (issue 13)."""

from __future__ import annotations

import asyncio
import json

import httpx
from typer.testing import CliRunner

from conftest import FIXTURES
from summarizer.backends.client import ModelClient
from summarizer.backends.testing import FakeOpenAIServer, ScriptedTransport
from summarizer.batch.runner import BatchReport, BatchRunner
from summarizer.cli import app
from summarizer.config import resolve_settings, safe_url

runner = CliRunner()
PASSWORD, QUERY_KEY, API_KEY = "hunter2-PASSWORD", "QUERYKEY-0123456789", "sk-APIKEY-abcdefghijklmnop"


def _everything_written(out) -> str:
    return "\n".join(p.read_text(errors="replace") for p in out.rglob("*") if p.is_file())


def test_credentials_in_the_base_url_are_stripped_before_anything_is_written(tmp_path):
    src, out = tmp_path / "in", tmp_path / "out"
    src.mkdir()
    (src / "a.txt").write_bytes((FIXTURES / "short.txt").read_bytes())
    with FakeOpenAIServer() as server:
        url = server.base_url.replace("http://", f"http://user:{PASSWORD}@") + f"?api-key={QUERY_KEY}&api-version=1"
        r = runner.invoke(app, ["batch", str(src), "-o", str(out), "--base-url", url, "--model", "fake"])
    assert r.exit_code == 0, r.output
    assert server.requests >= 1
    meta = json.loads((out / "a.brief.json").read_text())["meta"]
    assert meta["backend"] == server.base_url + "?api-version=1"
    written = _everything_written(out) + r.output
    assert PASSWORD not in written and QUERY_KEY not in written and "user:" not in written


def test_safe_url_keeps_what_is_not_a_secret():
    assert safe_url("https://u:p@api.example.com:8443/v1?token=t&deployment=x") == "https://api.example.com:8443/v1?deployment=x"
    assert safe_url("http://localhost:8080/v1") == "http://localhost:8080/v1"


def test_a_server_error_that_echoes_the_key_is_masked_in_errors_jsonl(tmp_path):
    src, out = tmp_path / "in", tmp_path / "out"
    src.mkdir()
    (src / "a.txt").write_bytes((FIXTURES / "short.txt").read_bytes())
    echo = {"error": {"message": f"Incorrect API key provided: {API_KEY}. You can find your API key at ..."}}
    transport = ScriptedTransport(lambda body: httpx.Response(401, json=echo))
    settings = resolve_settings(base_url=f"http://127.0.0.1:9/v1?key={QUERY_KEY}", model="m", api_key=API_KEY)
    client = ModelClient(settings, transport, sleep=lambda s: None)
    report = asyncio.run(BatchRunner(src, out, client).run(BatchReport()))
    (failed,) = [o for o in report.outcomes if o.status == "failed"]
    written = _everything_written(out)
    assert "401" in failed.message and "***" in failed.message
    assert API_KEY not in written and QUERY_KEY not in written and API_KEY not in failed.message
