"""Kill and resume: ``--via openai-batch`` on a large folder, SIGKILLed mid-poll and mid-import, every article accounted for.

    python bench/bench_batch_kill.py [--articles 10000] [--fail-every 97] [--out bench/RESULTS.md]

The fake Batch API (:class:`FakeBatchServer`, in this process) answers every
request line with the tests' obedient model and fails every n-th line. The
``summarizer batch DIR -o OUT --via openai-batch`` command runs as a
subprocess (niced), and is killed with SIGKILL twice: once while it waits
between two polls, once while it imports (a third of the briefs written);
the third run finishes. Then the online ``batch`` re-runs over the same
folder, against the same server, every brief from the cache. Checked: one
upload and one batch per request file on the server, and every article is
in briefs.jsonl or errors.jsonl, exactly once. Each run's seconds and peak
memory come from ``os.wait4`` (its own rusage); the phases inside a run are
timed from when its progress lines arrive.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SECTION = "## Batch API round trip: killed twice, resumed, every article accounted for"
FIRST = ["Amara", "Bogdan", "Chiara", "Dmitri", "Eszter", "Farid", "Greta", "Hugo", "Ines", "Jonas", "Keiko", "Lars",
         "Mireille", "Nikhil", "Oona", "Pavel", "Quentin", "Rania", "Soren", "Tamsin"]
LAST = ["Abernethy", "Brightwater", "Castellano", "Dunmore", "Eriksen", "Falkner", "Greenhalgh", "Hollis", "Ivanova",
        "Jaramillo", "Kowalczyk", "Lindqvist", "Marchetti", "Nakamura", "Okonkwo", "Pemberton", "Quarrie"]
TOWNS = ["Harwick", "Low Brenton", "Saltmarsh", "Ellerby", "Quinton Vale", "Marrowgate", "Fenwick Cross", "Oakhurst",
         "Dunsley", "Pellow Bay", "Corrin", "Stavely"]
WORKS = [("library", "roof"), ("ferry terminal", "ramp"), ("primary school", "heating"), ("market hall", "floor"),
         ("clinic", "lift"), ("sports ground", "drainage"), ("bus depot", "charging bays")]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]


def person(i: int, salt: int) -> str:
    """A name from the lists, different for nearby i and for different salts."""
    return f"{FIRST[(i * 7 + salt) % len(FIRST)]} {LAST[(i * 11 + salt * 5) % len(LAST)]}"


def article(i: int) -> tuple[str, str]:
    """Article i: (file name, text). Towns, works, people, figures and dates all vary with i."""
    town, (place, part) = TOWNS[i % len(TOWNS)], WORKS[(i // len(TOWNS)) % len(WORKS)]
    official, resident = person(i, 1), person(i, 4)
    cost, weeks, people = 40 + (i * 37) % 900, 2 + (i * 5) % 15, 30 + (i * 53) % 2000
    month, day = 1 + (i // 28) % 12, 1 + i % 28
    text = (
        f"{town} {place} reopens after {part} repairs\nPublished: 2025-{month:02d}-{day:02d}\n\n"
        f"The {place} in {town} reopened on {DAYS[i % 6]} after {weeks} weeks of work on its {part}, "
        f"which cost the council ${cost},000 (job {i}).\n\n"
        f'"The {part} had been failing for years and we could not put it off again," said {official}, '
        f"who leads the council's works committee.\n\n"
        f"About {people} people came on the first day. {resident}, who lives nearby, said the closure had been hard "
        f"on families.\n\n"
        f'"We were told {max(1, weeks - 1)} weeks, and it took {weeks}," {resident} told reporters. '
        f"The council said a review of its other buildings in {town} will follow next month.\n"
    )
    return f"{town.lower().replace(' ', '-')}-{place.replace(' ', '-')}-{i:05d}.txt", text


def make_articles(folder: Path, n: int) -> None:
    """n distinct short articles, written for this benchmark."""
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        name, text = article(i)
        (folder / name).write_text(text, encoding="utf-8")


class Run:
    """One ``summarizer batch`` subprocess: its output lines with arrival times, killed on a condition."""

    def __init__(self, args: list[str], log: Path) -> None:
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        self.started = time.perf_counter()
        self.proc = subprocess.Popen(["nice", "-n", "10", sys.executable, "-m", "summarizer", "batch", *args],
                                     stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env, cwd=ROOT)
        self.lines: list[tuple[float, str]] = []
        self.log = log
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self) -> None:
        with open(self.log, "a", encoding="utf-8") as fh:
            for line in self.proc.stdout:
                self.lines.append((time.perf_counter() - self.started, line.rstrip()))
                fh.write(line)

    def first(self, text: str) -> float | None:
        """Seconds into the run when a line containing ``text`` arrived."""
        return next((t for t, line in self.lines if text in line), None)

    def finish(self, kill_when=None, every: float = 0.2) -> dict:
        """Wait for the run, SIGKILLing it as soon as ``kill_when()`` is true; its seconds, peak MB and exit."""
        killed = False
        while kill_when is not None and self.proc.poll() is None:
            if kill_when():
                os.kill(self.proc.pid, signal.SIGKILL)
                killed = True
                break
            time.sleep(every)
        _, status, usage = os.wait4(self.proc.pid, 0)
        self.proc.returncode = os.waitstatus_to_exitcode(status)
        self.reader.join(timeout=10)
        return {"seconds": round(time.perf_counter() - self.started, 2), "peak_mb": round(usage.ru_maxrss / 1024, 1),
                "cpu_s": round(usage.ru_utime + usage.ru_stime, 1), "exit": self.proc.returncode, "killed": killed}


def cached_briefs(out: Path) -> int:
    """How many briefs the cache holds (each is written the moment it exists)."""
    cache = out / ".summarizer" / "cache"
    return sum(len(os.listdir(d)) for d in cache.iterdir()) if cache.is_dir() else 0


def accounting(src: Path, out: Path) -> dict:
    """Every article in briefs.jsonl or errors.jsonl, exactly once; raises AssertionError otherwise."""
    articles = {p.name for p in src.iterdir()}
    briefed = Counter(json.loads(x)["source"]["path"] for x in (out / "briefs.jsonl").read_text().splitlines())
    errors_file = out / "errors.jsonl"
    failed = Counter(json.loads(x)["file"] for x in errors_file.read_text().splitlines()) if errors_file.exists() else Counter()
    twice = [a for a, n in (briefed + failed).items() if n > 1]
    assert not twice, f"listed more than once: {twice[:5]}"
    assert set(briefed) | set(failed) == articles, f"{len(articles - set(briefed) - set(failed))} articles unaccounted for"
    return {"briefed": len(briefed), "errors": len(failed)}


def kill_and_resume(src: Path, out: Path, *, fail_every: int, log: Path, rerun: bool = True) -> dict:
    """The three --via openai-batch runs (killed mid-poll, killed mid-import, finished) and the cached online re-run."""
    from summarizer.backends.batch_testing import FakeBatchServer

    n = len(os.listdir(src))
    with FakeBatchServer(polls=2, fail_every=fail_every) as server:
        args = [str(src), "-o", str(out), "--base-url", server.base_url, "--model", "fake"]
        first = Run([*args, "--via", "openai-batch"], log)
        polled = lambda: any(b["_reads"] >= 1 for b in server.batches.values())  # noqa: E731 - waiting to poll again
        runs = {"1: export, upload, create, first poll; SIGKILL while waiting to poll again": first.finish(polled)}
        exported = first.first("requests for")
        state = json.loads((out / ".summarizer" / "openai-batches.json").read_text())["batches"]
        assert all(b.get("batch_id") for b in state), "the batch ids were saved before the kill"
        second = Run([*args, "--via", "openai-batch"], log)
        runs["2: poll, download, import; SIGKILL a third of the way through the import"] = second.finish(
            lambda: cached_briefs(out) >= n // 3)
        done_after_kill = cached_briefs(out)
        assert done_after_kill < n, "the second run was killed during the import"
        third = Run([*args, "--via", "openai-batch"], log)
        runs["3: resume the import; finished"] = third.finish()
        result = {"articles": n, "runs": runs, "export_s": exported, "briefs_at_second_kill": done_after_kill,
                  "uploads": server.uploads, "batches": len(server.batches),
                  "request_files": len(state), **accounting(src, out)}
        assert server.uploads == len(state) and len(server.batches) == len(state), "a file or batch was made twice"
        if rerun:
            runs["online batch re-run, same server: every brief from the cache"] = Run(args, log).finish()
    return result


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--articles", type=int, default=10_000)
    ap.add_argument("--fail-every", type=int, default=97)
    ap.add_argument("--out", type=Path, default=None)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        src, out = Path(tmp) / "in", Path(tmp) / "out"
        make_articles(src, args.articles)
        result = kill_and_resume(src, out, fail_every=args.fail_every, log=Path(tmp) / "runs.log")
        size = sum(p.stat().st_size for p in (out / ".summarizer" / "batch-requests").glob("*.jsonl"))
    body = render(result, args.fail_every, size)
    print(body)
    if args.out:
        from bench_batch import write_section

        write_section(args.out, SECTION, body)


def render(r: dict, fail_every: int, size: int) -> str:
    load = open("/proc/loadavg").read().split()[:3] if Path("/proc/loadavg").exists() else []
    n = r["articles"]
    lines = [SECTION, "", f"Recorded {dt.datetime.now(dt.timezone.utc):%Y-%m-%d %H:%M} UTC by `python bench/bench_batch_kill.py "
             f"--articles {n} --fail-every {fail_every}`; {n} distinct short articles (this bench's own generator: "
             "towns, works, people, figures and dates vary); each run a `summarizer batch` subprocess at nice 10.", "",
             "| run | seconds | peak MB | CPU s | exit | killed |", "|---|---:|---:|---:|---:|---|"]
    for name, row in r["runs"].items():
        lines.append(f"| {name} | {row['seconds']} | {row['peak_mb']} | {row['cpu_s']} | {row['exit']} | "
                     f"{'SIGKILL' if row['killed'] else 'no'} |")
    lines += ["", f"- Export (inside run 1, until its 'requests for' line): {r['export_s']:.1f} s; request file "
              f"{size / 1e6:.1f} MB, {r['request_files']} file(s).",
              f"- On the fake server: {r['uploads']} upload(s), {r['batches']} batch(es) for {r['request_files']} request "
              "file(s): nothing was made twice across the kills.",
              f"- {r['briefs_at_second_kill']} briefs were in the cache when run 2 was killed; run 3 imported the rest.",
              f"- Accounted for: {r['briefed']} briefed + {r['errors']} in errors.jsonl (the server failed every "
              f"{fail_every}th line) = {r['briefed'] + r['errors']} of {n}, each exactly once.",
              "- Runs 1 and 2 include the fake backoff (a 5 s wait before the second poll); the peak MB of a run is "
              "its own process's (`os.wait4` rusage). The online re-run's failures are the articles the batch "
              "failed: the fake Batch API has no /v1/chat/completions to ask again.",
              f"- Machine: {platform.processor() or platform.machine()}, Python {platform.python_version()}; "
              f"load average after: {' '.join(load)} (2 shared cores)."]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    main()
