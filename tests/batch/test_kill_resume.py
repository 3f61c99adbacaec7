"""The issue-16 done-criterion, scaled down: --via openai-batch SIGKILLed mid-poll and mid-import, then resumed.

The driver is bench/bench_batch_kill.py's (which runs it on 10,000 articles):
each run is a real ``summarizer batch`` subprocess against the fake Batch API.
"""

from __future__ import annotations

import json
import re
import sys

from conftest import ROOT

sys.path.insert(0, str(ROOT / "bench"))

from bench_batch_kill import article, kill_and_resume, make_articles  # noqa: E402


def test_generated_articles_differ():
    texts = [article(i)[1] for i in range(300)]
    assert len(set(texts)) == 300 and len({article(i)[0] for i in range(300)}) == 300
    officials = {re.search(r"said (\w+ \w+),", t).group(1) for t in texts[:20]}
    assert len(officials) > 10, "officials' names vary"


def test_killed_twice_then_resumed_accounts_for_every_article_and_makes_one_batch(tmp_path):
    src, out = tmp_path / "in", tmp_path / "out"
    make_articles(src, 200)
    result = kill_and_resume(src, out, fail_every=20, log=tmp_path / "runs.log", rerun=False)
    runs = list(result["runs"].values())
    assert [r["killed"] for r in runs] == [True, True, False], (tmp_path / "runs.log").read_text()[-2000:]
    assert 0 < result["briefs_at_second_kill"] < 200
    assert result["uploads"] == 1 and result["batches"] == 1
    assert result["briefed"] == 190 and result["errors"] == 10  # accounting() also checked each is listed once
    state = json.loads((out / ".summarizer" / "openai-batches.json").read_text())["batches"]
    assert [b["imported"] for b in state] == [True]
