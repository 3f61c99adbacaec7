"""Ctrl-C during ``summarizer eval``: the first stops new requests and the ones in flight, keeps every brief
made and exits 130 saying so; the same command then finishes without asking for the kept briefs again.
A second Ctrl-C ends the process at once."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time

import pytest

from conftest import ROOT
from summarizer.backends.testing import FakeOpenAIServer, valid_draft

TOWNS = ["Marlow Cove", "Ashby Fen", "Kestrel Bay", "Dunmore Vale", "Orrin Falls", "Pellam Ridge"]


def data_folder(root):
    """Six small reference articles of our own, one per town."""
    root.mkdir()
    for i, town in enumerate(TOWNS):
        text = (f"Heavy rain flooded the harbour road in {town} on Tuesday. The council closed it for {i + 2} days. "
                f"Repairs will cost {i + 1}0,000 dollars, officials said. Residents were told to use the hill route.")
        (root / f"a{i}.json").write_text(json.dumps({"id": f"a{i}", "text": text,
                                                     "highlights": [f"Rain flooded a road in {town}."]}))
    return root


class StallingServer(FakeOpenAIServer):
    """Answers the first ``answered`` requests, then holds every later one until ``release`` is set."""

    def __init__(self, answered: int) -> None:
        self.release = threading.Event()
        self.asked = 0
        self._count = threading.Lock()
        super().__init__(answer=self._answer)
        self.answered = answered

    def _answer(self, body: dict) -> dict:
        with self._count:
            self.asked += 1
            hold = self.asked > self.answered
        if hold:
            self.release.wait(120)
        return valid_draft(body)


def cache_files(out):
    return [p for p in (out / ".summarizer" / "cache").rglob("*") if p.is_file()]


def summarizer_eval(data, out, server, jobs: int) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "summarizer", "eval", "summaries", str(data), "-o", str(out),
                             "--base-url", server.base_url, "--model", "test-model", "--jobs", str(jobs)],
                            env=dict(os.environ, PYTHONPATH=str(ROOT)), stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


@pytest.mark.parametrize("jobs", [1, 2])
def test_first_ctrl_c_stops_an_eval_keeps_its_briefs_and_a_rerun_finishes(tmp_path, jobs):
    data, out = data_folder(tmp_path / "data"), tmp_path / "out"
    with StallingServer(answered=2) as server:
        proc = summarizer_eval(data, out, server, jobs)
        deadline = time.monotonic() + 60
        while (server.asked < 2 + jobs or len(cache_files(out)) < 2) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert server.asked == 2 + jobs and len(cache_files(out)) == 2, "two briefs made, the next requests held"
        proc.send_signal(signal.SIGINT)
        try:
            _, err = proc.communicate(timeout=30)  # a hang guard: the held requests never end on their own
        except subprocess.TimeoutExpired:
            proc.kill()
            raise AssertionError("Ctrl-C did not stop the eval") from None
        time.sleep(0.3)
        assert server.asked == 2 + jobs, "no new request after Ctrl-C"
        assert proc.returncode == 130, err
        assert "Traceback" not in err
        assert "2 briefs made in this run" in err and "(2 of 6 articles) are kept" in err, err
        assert "run the same command again" in err.lower() and not (out / "report.json").exists()
        assert len(cache_files(out)) == 2, "the held articles left nothing half-made in the cache"

        server.answered, asked = 100, server.asked  # the same server (the cache is kept per backend), answering
        server.release.set()
        proc = summarizer_eval(data, out, server, jobs)
        _, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err
        assert server.asked - asked == 4, "the two kept briefs are not asked for again"
    meta = json.loads((out / "report.json").read_text())["meta"]
    assert (meta["cached"], meta["briefed"], meta["failed"]) == (2, 4, 0)


SCRIPT = """
import sys, time
from summarizer.cli.common import second_ctrl_c_exits
with second_ctrl_c_exits():
    try:
        print("ready", flush=True)
        time.sleep(60)
    except KeyboardInterrupt:
        print("first", flush=True)
        time.sleep(60)  # a clean stop that is stuck (a thread that does not end)
print("not reached", flush=True)
"""


def test_a_second_ctrl_c_ends_the_process_at_once():
    proc = subprocess.Popen([sys.executable, "-c", SCRIPT], env=dict(os.environ, PYTHONPATH=str(ROOT)),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "ready"
    proc.send_signal(signal.SIGINT)
    assert proc.stdout.readline().strip() == "first", "the first Ctrl-C is an ordinary KeyboardInterrupt"
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=10)  # the stuck clean stop would take 60 s
    assert proc.returncode == 130
    assert "second Ctrl-C" in err and "not reached" not in out


def test_without_ctrl_c_the_handler_in_place_is_given_back():
    from summarizer.cli.common import second_ctrl_c_exits

    before = signal.getsignal(signal.SIGINT)
    with second_ctrl_c_exits():
        assert signal.getsignal(signal.SIGINT) is not before
    assert signal.getsignal(signal.SIGINT) is before
