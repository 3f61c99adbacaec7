"""Batch-file benchmark: export and import of a large folder, next to the online path's cached re-run.

    python bench/bench_batchfiles.py [--articles 10000] [--out bench/RESULTS.md]

Each phase runs in its own process so its peak memory (ru_maxrss) is its own:
export (``--export-requests``), the fake engine answering every line (the
tests' obedient model, in OpenAI's output format), import (``--import-results``),
importing the same file again, and a cached re-run of the online path
(``batch`` with a --base-url nobody listens on: every brief must come from the
cache). Every article must be accounted for: briefs.jsonl has one line each.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from bench_batch import make_articles, write_section  # noqa: E402

SECTION = "## Batch files: export / import of a large folder"
URL = "http://127.0.0.1:9/v1"


def phase(name: str, src: Path, out: Path, files: Path) -> dict:
    """Run one phase in this process; report seconds and peak memory."""
    from summarizer.config import resolve_settings
    from summarizer.batch.batchfiles import export_requests
    from summarizer.batch.results import import_results

    settings = resolve_settings(base_url=URL, model="fake")
    started = time.perf_counter()
    info: dict = {}
    if name == "export":
        report = export_requests(src, out, settings, files / "requests.jsonl")
        info = {"requests": report.requests, "files": len(report.files)}
    elif name == "answer":
        answer(files)
    elif name in ("import", "import-again"):
        imported, report = import_results(src, out, settings, sorted(files.glob("results*.jsonl")))
        info = {"answers": imported.answers, "done": report.count("done"), "cached": report.count("cached"),
                "failed": report.count("failed")}
    elif name == "cached-rerun":
        from summarizer.backends.client import ModelClient
        from summarizer.batch.runner import BatchReport, BatchRunner
        import asyncio

        report = BatchReport()
        asyncio.run(BatchRunner(src, out, ModelClient(settings), jobs=16).run(report))
        info = {"cached": report.count("cached"), "failed": report.count("failed")}
    elif name == "via-openai-batch":
        info = via_fake_batch_server(src, out.with_name("out-via"))
    info["seconds"] = round(time.perf_counter() - started, 2)
    info["peak_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
    return info


def via_fake_batch_server(src: Path, out: Path) -> dict:
    """--via openai-batch against the fake Batch API, killed at its first poll and started again."""
    from summarizer.backends.batch_testing import FakeBatchServer
    from summarizer.batch.openai_batch import round_trip
    from summarizer.config import resolve_settings

    def killed(seconds):
        raise KeyboardInterrupt

    with FakeBatchServer(polls=2) as server:
        settings = resolve_settings(base_url=server.base_url, model="fake")
        try:
            round_trip(src, out, settings, say=lambda s: None, sleep=killed)
        except KeyboardInterrupt:
            pass
        imported, report = round_trip(src, out, settings, say=lambda s: None, sleep=lambda s: None)
        uploads, batches = server.uploads, len(server.batches)
    briefs = len((out / "briefs.jsonl").read_text().splitlines())
    return {"killed and resumed": "yes", "uploads": uploads, "batches": batches, "briefs": briefs,
            "failed": report.count("failed")}


def answer(files: Path) -> None:
    """The fake engine: one OpenAI-format result line per request line."""
    from summarizer.backends.testing import completion, valid_draft

    for n, path in enumerate(sorted(files.glob("requests*.jsonl"))):
        with open(path) as fh, open(files / f"results-{n:03d}.jsonl", "w") as res:
            for line in fh:
                req = json.loads(line)
                body = completion(valid_draft(req["body"]))
                res.write(json.dumps({"id": "b", "custom_id": req["custom_id"], "error": None,
                                      "response": {"status_code": 200, "request_id": "r", "body": body}}) + "\n")


def run_phase(name: str, src: Path, out: Path, files: Path) -> dict:
    cmd = [sys.executable, __file__, "--phase", name, str(src), str(out), str(files)]
    result = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, check=True)
    return json.loads(result.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--articles", type=int, default=10_000)
    ap.add_argument("--out", type=Path, default=None)
    ap.add_argument("--phase", nargs=4, metavar=("NAME", "SRC", "OUT", "FILES"))
    args = ap.parse_args()
    if args.phase:
        name, *paths = args.phase
        print(json.dumps(phase(name, *map(Path, paths))))
        return
    with tempfile.TemporaryDirectory() as tmp:
        src, out, files = Path(tmp) / "in", Path(tmp) / "out", Path(tmp) / "files"
        make_articles(src, args.articles)
        files.mkdir()
        rows = {name: run_phase(name, src, out, files) for name in ("export", "answer", "import", "import-again", "cached-rerun",
                                                           "via-openai-batch")}
        briefs = len((out / "briefs.jsonl").read_text().splitlines())
        size = sum(p.stat().st_size for p in files.glob("requests*.jsonl"))
    assert briefs == args.articles, f"{briefs} briefs for {args.articles} articles"
    body = render(args.articles, rows, briefs, size)
    print(body)
    if args.out:
        write_section(args.out, SECTION, body)


def render(n: int, rows: dict, briefs: int, size: int) -> str:
    load = open("/proc/loadavg").read().split()[:3] if Path("/proc/loadavg").exists() else []
    lines = [SECTION, "", f"Recorded {dt.datetime.now(dt.timezone.utc):%Y-%m-%d %H:%M} UTC by `python bench/bench_batchfiles.py "
             f"--articles {n}`; {n} distinct short articles (the batch bench's generator); each phase its own process.", "",
             "| phase | seconds | articles/s | peak MB | detail |", "|---|---:|---:|---:|---|"]
    for name, row in rows.items():
        detail = ", ".join(f"{k} {v}" for k, v in row.items() if k not in ("seconds", "peak_mb"))
        rate = round(n / row["seconds"], 1) if row["seconds"] else ""
        lines.append(f"| {name} | {row['seconds']} | {rate} | {row['peak_mb']} | {detail} |")
    lines += ["", f"- {briefs} briefs in briefs.jsonl for {n} articles; request files {size / 1e6:.1f} MB.",
              "- *answer* is the fake engine (not summarizer's time); *cached-rerun* is the online `batch` over the "
              "same folder afterwards, every brief from the cache.",
              "- *via-openai-batch*: a fresh OUTDIR through the fake /v1/files + /v1/batches server, the process "
              "killed (KeyboardInterrupt) at its first poll and the round trip started again: one upload, one batch.",
              f"- Machine: {platform.processor() or platform.machine()}, Python {platform.python_version()}; "
              f"load average after: {' '.join(load)} (2 shared cores)."]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    main()
