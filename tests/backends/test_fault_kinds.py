"""Every misbehaviour of summarizer.backends.faulty, and what the user sees: exit code, message, files."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time

import pytest
from typer.testing import CliRunner

from conftest import FIXTURES, ROOT
from summarizer.backends.faulty import INJECTED, INVENTED, MODES, FaultyOpenAIServer
from summarizer.cli import app

runner = CliRunner()
ARTICLE = FIXTURES / "short.txt"

# mode -> (extra options, exit code, words of the one-line error, requests the server saw)
EXPECTED = {
    "429": (["--timeout", "2"], 4, "asked to retry after 3600 s", 1),
    "5xx": (["--retries", "1"], 4, "answered HTTP 503", 2),
    "reset": (["--retries", "0"], 4, "cannot reach the model", 1),
    "hang": (["--timeout", "1", "--retries", "0"], 4, "no complete answer within 1 s", 1),
    "drip": (["--timeout", "1", "--retries", "0"], 4, "no complete answer within 1 s", 1),
    "invalid-json": (["--retries", "0"], 4, "invalid JSON", 1),
    "html": (["--retries", "0"], 4, "an HTML page", 1),
    "empty-choices": (["--retries", "0"], 4, "no choices", 1),
    "cut-off": ([], 4, "cut off at max_tokens", 1),
    "schema-invalid": ([], 4, "did not match the schema after 3 attempts", 3),
    "invented-quote": ([], 0, "", 1),
    "injection": ([], 0, "", 1),
}


def test_every_mode_has_an_expected_outcome():
    assert set(EXPECTED) == set(MODES)


@pytest.mark.parametrize("mode", MODES)
def test_fault_kind(mode, tmp_path):
    options, code, said, requests = EXPECTED[mode]
    out = tmp_path / "brief.json"
    with FaultyOpenAIServer(mode, retry_after=3600) as server:
        r = runner.invoke(app, ["brief", str(ARTICLE), "-f", "json", "-o", str(out), "--base-url", server.base_url,
                                "--model", "test-model", *options])
        seen = server.requests
    assert r.exit_code == code, r.output
    assert seen == requests
    assert "Traceback" not in r.output
    if code:
        assert said in r.output and str(ARTICLE) in r.output, r.output
        assert not out.exists()  # nothing written for a failed brief
        return
    brief = json.loads(out.read_text())
    shown = json.dumps({k: brief[k] for k in ("headline", "summary", "open_questions", "key_events", "quotes")})
    assert INVENTED not in shown and "winners.example" not in shown and INJECTED not in shown
    assert any("does not" in w for w in brief["warnings"]), brief["warnings"]
    article = ARTICLE.read_text()
    assert all(article[q["start"]:q["end"]] == q["text"] for q in brief["quotes"])


def test_retry_after_within_the_budget_is_waited_then_retried(tmp_path):
    with FaultyOpenAIServer("429", retry_after=0.2) as server:
        r = runner.invoke(app, ["brief", str(ARTICLE), "--base-url", server.base_url, "--model", "test-model",
                                "--retries", "1", "--timeout", "5"])
        assert server.requests == 2
    assert r.exit_code == 4 and "answered HTTP 429" in r.output


def test_timeout_setting_is_read_from_the_environment(monkeypatch):
    from summarizer.config import resolve_settings

    monkeypatch.setenv("SUMMARIZER_TIMEOUT", "7.5")
    assert resolve_settings(base_url="http://127.0.0.1:9/v1", model="m").timeout == 7.5


def _interrupt(args: list[str], server: FaultyOpenAIServer, started: int) -> subprocess.CompletedProcess:
    """Run summarizer in a subprocess, send SIGINT once ``started`` requests hang on the server, wait for it."""
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    proc = subprocess.Popen([sys.executable, "-m", "summarizer", *args], env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    for _ in range(600):
        if server.requests >= started or proc.poll() is not None:
            break
        time.sleep(0.05)
    assert server.requests >= started
    proc.send_signal(signal.SIGINT)
    try:
        stdout, stderr = proc.communicate(timeout=30)  # a hang guard, not a timing assertion
    except subprocess.TimeoutExpired:
        proc.kill()
        raise AssertionError("Ctrl-C did not stop the run") from None
    return subprocess.CompletedProcess(proc.args, proc.returncode, stdout, stderr)


def test_first_ctrl_c_stops_a_batch_whose_requests_hang(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    for i in range(6):
        (src / f"a{i}.txt").write_text(ARTICLE.read_text().replace("the", f"the ({i})", 1))
    out = tmp_path / "out"
    with FaultyOpenAIServer("hang") as server:
        done = _interrupt(["batch", str(src), "-o", str(out), "--base-url", server.base_url, "--model", "test-model",
                           "--jobs", "2"], server, 2)
        time.sleep(0.3)
        assert server.requests == 2  # no new request after Ctrl-C
    assert done.returncode == 130, done.stderr
    assert "interrupted" in done.stderr and "Traceback" not in done.stderr
    assert "run interrupted" in (out / "index.md").read_text()
    assert not list(out.glob("*.brief.json"))


def test_first_ctrl_c_stops_a_brief_waiting_on_a_dripping_server(tmp_path):
    with FaultyOpenAIServer("drip", drip_every=1) as server:
        done = _interrupt(["brief", str(ARTICLE), "--base-url", server.base_url, "--model", "test-model"], server, 1)
    assert done.returncode == 130, done.stderr
    assert "interrupted" in done.stderr and "Traceback" not in done.stderr and done.stdout == ""
