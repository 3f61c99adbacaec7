"""How the quotation scan grows with the number of quotations: code only, no model, seconds.

    python bench/bench_quote_scan.py [--sizes 1000,2000,10000] [--record]

Builds an article of N attributed quotations (three to a paragraph, written
here) and times ``summarizer.text.quotations.find_candidates`` on it. A linear
scan takes ten times as long for ten times the quotations; with --record the
rows are written to bench/RESULTS.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from summarizer.text.quotations import find_candidates  # noqa: E402

HEADING = "## Quotation scan: seconds by number of quotations"


def article(n: int) -> str:
    """An article of ``n`` quotations, each attributed to one of seven speakers, three to a paragraph."""
    out = []
    for i in range(n):
        out.append(f'"We will open harbour gate number {i} before the tide turns," said Maria Lopez{i % 7}, the port director.')
        out.append("\n\n" if i % 3 == 2 else " ")
    return "".join(out)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="1000,2000,10000")
    ap.add_argument("--record", action="store_true", help="write the rows to bench/RESULTS.md")
    args = ap.parse_args()
    rows = []
    for n in (int(s) for s in args.sizes.split(",")):
        text = article(n)
        started = time.perf_counter()
        found = find_candidates(text)
        seconds = time.perf_counter() - started
        assert len(found) == n and all(c.speaker for c in found)
        rows.append(f"| {n:,} | {len(text):,} | {seconds:.2f} | {seconds / n * 1e6:.0f} |")
        print(rows[-1])
    if args.record:
        out = ROOT / "bench" / "RESULTS.md"
        text = out.read_text()
        table = (f"{HEADING}\n\nRecorded {dt.datetime.now(dt.timezone.utc):%Y-%m-%d %H:%M} UTC by `python bench/bench_quote_scan.py`"
                 " (code only, 2 shared CPUs).\n\n| quotations | characters | seconds | µs per quotation |\n|---:|---:|---:|---:|\n"
                 + "\n".join(rows) + "\n")
        head, sep, rest = text.partition(HEADING)
        tail = rest.split("\n## ", 1)[1] if "\n## " in rest else ""
        text = (head.rstrip() + "\n\n" + table + ("\n## " + tail if tail else "")) if sep else text.rstrip() + "\n\n" + table
        out.write_text(text)


if __name__ == "__main__":
    main()
