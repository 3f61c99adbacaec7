"""Batch benchmark: concurrency against a fake server, cached re-runs, and replay throughput.

    python bench/bench_batch.py [--articles 500] [--latency 0.3] [--jobs 1,4,16,64] [--out bench/RESULTS.md]

A fake OpenAI-compatible server (summarizer.backends.testing, its own process) answers
every request with a valid brief draft after a fixed latency. For each --jobs
value the whole folder is briefed into a fresh output folder and the wall time
is compared with the ideal (articles x latency / jobs). Then a cached re-run of
the same folder (in-process and as a CLI process), and the replay throughput:
the folder recorded to cassettes once, then briefed again from them with --force.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import os
import platform
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from summarizer.batch.runner import BatchReport, BatchRunner  # noqa: E402
from summarizer.config import resolve_settings  # noqa: E402
from summarizer.backends.client import ModelClient  # noqa: E402
from summarizer.brief.prompting import prompt_version  # noqa: E402

SECTION = "## Batch: concurrency, cache, replay"
TOWNS = ["Marlow Creek", "Port Ellery", "Greystone", "Linden Falls", "Northvale", "Wrenfield", "Tarrow", "Ashby Cross"]
PEOPLE = ["Dana Whitfield", "Omar Haddad", "Ines Okafor", "Tomas Reyes", "Helen Sato", "Bram Oduya", "Mei Lin", "Joanne Pell"]


def make_articles(folder: Path, n: int) -> None:
    """n distinct short articles written for this benchmark."""
    folder.mkdir(parents=True)
    for i in range(n):
        town, a, b = TOWNS[i % 8], PEOPLE[i % 8], PEOPLE[(i + 3) % 8]
        text = (
            f"{town} opens repaired footbridge {i}\nPublished: 2025-03-{1 + i % 28:02d}\n\n"
            f"The footbridge over the river in {town} reopened on Monday after {3 + i % 9} weeks of repairs costing ${100 + i} thousand.\n\n"
            f'"We are glad the crossing is safe again for everyone," said engineer {a}.\n\n'
            f"About {200 + i} people walked across on the first morning, and the council said a second bridge will be inspected next month.\n\n"
            f'Councillor {b} told reporters: "The river has risen twice this year and we cannot wait for a third time."\n'
        )
        (folder / f"{town.lower().replace(' ', '-')}-{i:04d}.txt").write_text(text)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(latency: float) -> tuple[subprocess.Popen, str]:
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "summarizer.backends.testing", "--port", str(port), "--latency", str(latency)],
                            stdout=subprocess.PIPE, text=True, cwd=ROOT / "tests")
    url = proc.stdout.readline().strip()
    return proc, url


def run(folder: Path, out: Path, jobs: int, *, force: bool = False, **settings) -> tuple[float, BatchReport]:
    client = ModelClient(resolve_settings(model="fake", **settings))
    runner = BatchRunner(folder, out, client, jobs=jobs, force=force)
    report = BatchReport()
    t = time.perf_counter()
    asyncio.run(runner.run(report))
    seconds = time.perf_counter() - t
    client.close()
    assert report.count("failed") == 0, [o.message for o in report.outcomes if o.status == "failed"][:3]
    return seconds, report


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=500)
    ap.add_argument("--latency", type=float, default=0.3)
    ap.add_argument("--jobs", default="1,4,16,64")
    ap.add_argument("--out", type=Path, default=ROOT / "bench" / "RESULTS.md")
    args = ap.parse_args()
    n, latency = args.articles, args.latency
    work = Path(tempfile.mkdtemp(prefix="bench-batch-"))
    folder = work / "articles"
    make_articles(folder, n)
    server, url = start_server(latency)
    rows = []
    try:
        last_out = None
        for jobs in [int(j) for j in args.jobs.split(",")]:
            out = work / f"out-{jobs}"
            seconds, _ = run(folder, out, jobs, base_url=url)
            ideal = n * latency / jobs
            rows.append((jobs, seconds, ideal))
            print(f"jobs {jobs}: {seconds:.2f} s (ideal {ideal:.2f} s, x{seconds / ideal:.2f})", flush=True)
            last_out = out
        cached_s, rep = run(folder, last_out, 64, base_url=url)
        assert rep.count("cached") == n
        t = time.perf_counter()
        cli = subprocess.run([str(Path(sys.executable).parent / "summarizer"), "batch", str(folder), "-o", str(last_out),
                              "--base-url", url, "--model", "fake"], capture_output=True, text=True)
        cli_s = time.perf_counter() - t
        assert cli.returncode == 0, cli.stderr[-500:]
        print(f"cached re-run: {cached_s:.2f} s in-process, {cli_s:.2f} s as a CLI process", flush=True)
        tapes = work / "cassettes"
        run(folder, work / "out-record", 16, base_url=url, cassette_dir=tapes, cassette_mode="record")
    finally:
        server.terminate()
        server.wait()
    replay_s, _ = run(folder, work / "out-replay", 4, force=True, base_url="http://127.0.0.1:9/v1", cassette_dir=tapes, cassette_mode="replay")
    print(f"replay: {n / replay_s:.1f} articles/s", flush=True)
    shutil.rmtree(work, ignore_errors=True)

    cpu = next((l.split(":", 1)[1].strip() for l in Path("/proc/cpuinfo").read_text().splitlines() if l.startswith("model name")), platform.processor())
    lines = [SECTION, "",
             f"Recorded {dt.date.today().isoformat()} on {os.cpu_count()} cores ({cpu}), Python {platform.python_version()}, "
             f"prompt {prompt_version()}. {n} distinct short articles; fake OpenAI-compatible server (own process) "
             f"answering after {latency * 1000:.0f} ms. Command: `python bench/bench_batch.py`.", "",
             "| --jobs | wall s | ideal s (articles x latency / jobs) | ratio |", "|---:|---:|---:|---:|"]
    lines += [f"| {j} | {s:.2f} | {i:.2f} | {s / i:.2f} |" for j, s, i in rows]
    lines += ["", f"- Cached re-run of the same {n}: {cached_s:.2f} s in-process, {cli_s:.2f} s as a `summarizer batch` process "
              f"(interpreter start and imports included). Target: under 3 s.",
              f"- Replay throughput (whole pipeline, model answered from cassettes, --force past the cache): {n / replay_s:.1f} articles/s.",
              "- Targets from the issue: within 1.15x of ideal at --jobs 16; cached re-run under 3 s.", ""]
    write_section(args.out, SECTION, "\n".join(lines))


def write_section(path: Path, heading: str, body: str) -> None:
    """Replace (or append) the section starting at ``heading`` in a Markdown file."""
    text = path.read_text() if path.exists() else "# Benchmark results\n"
    pattern = re.compile(rf"^{re.escape(heading)}\n.*?(?=^## |\Z)", re.DOTALL | re.MULTILINE)
    text = pattern.sub(body.rstrip() + "\n\n", text) if pattern.search(text) else text.rstrip() + "\n\n" + body.rstrip() + "\n"
    path.write_text(text)


if __name__ == "__main__":
    main()
