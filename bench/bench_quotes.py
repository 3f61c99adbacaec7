"""Code-only quote finding and attribution on PolNeAR: no model, seconds.

    python bench/bench_quotes.py [--data ../shared/eval/polnear_dev] [--min-words N] [--record "what changed"]

Every quotation the analysis keeps (summarizer.text.analysis.analyse) becomes a
brief quote with the code's speaker guess, and is scored exactly as
`summarizer eval polnear` scores briefs. This is the ceiling the model's
selection works under, and the part of quote quality that code decides; with
--record the row is appended to the attempts table in bench/RESULTS.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from summarizer import document_from_bytes  # noqa: E402
from summarizer.text.analysis import analyse  # noqa: E402
from summarizer.text.documents import CONTROL_CHARS  # noqa: E402
from summarizer.eval.run import read_polnear, score_quotes  # noqa: E402
from summarizer.brief.types import Brief, Meta, Quote, Source, Status  # noqa: E402

HEADING = "## Quotes by code alone on PolNeAR dev (attempts)"


def code_brief(text: str, min_words: int) -> Brief:
    doc = document_from_bytes(text.encode("utf-8"), path="-", fmt="text", max_bytes=10**8)
    # offsets are into the article as read (less control characters, which loading removes)
    assert doc.text == CONTROL_CHARS.sub("", text), "offsets are into the article as read"
    quotes = [Quote(text=c.text, speaker=c.speaker, speaker_role=c.role, start=c.start, end=c.end, status=Status.exact)
              for c in analyse(doc).quotations if len(c.text.split()) >= min_words]
    return Brief(headline="", summary="", quotes=quotes, source=Source(path="-", sha256="0"),
                 meta=Meta(model="code", backend="none", prompt_version="", schema_version=""))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "eval" / "polnear_dev")
    ap.add_argument("--min-words", type=int, default=1, help="shortest quotation kept (the pipeline keeps all: 1)")
    ap.add_argument("--record", metavar="WHAT", help="append this attempt to bench/RESULTS.md")
    args = ap.parse_args()
    arts = read_polnear(args.data)
    s = score_quotes((code_brief(a.text, args.min_words), a.quotes, a.text) for a in arts)
    print(f"{s['articles']} articles, {s['n_gold']} gold quotes ({s['gold_named']} named speakers), {s['n_brief']} found")
    for k in ("precision_lenient", "recall_lenient", "f1_lenient", "precision_strict", "recall_strict", "speaker_accuracy", "verbatim_share"):
        print(f"{k:18} {s[k]:.3f}")
    if args.record:
        out = ROOT / "bench" / "RESULTS.md"
        text = out.read_text() if out.exists() else "# Benchmark results\n"
        if HEADING not in text:
            text = text.rstrip() + f"\n\n{HEADING}\n\n`python bench/bench_quotes.py` (no model): every quotation code finds, with its code speaker,\n" \
                   "scored like `summarizer eval polnear`.\n\n| date | attempt | found | P lenient | R lenient | F1 lenient | R strict | speaker acc. |\n|---|---|---:|---:|---:|---:|---:|---:|\n"
        row = (f"| {dt.date.today().isoformat()} | {args.record} | {s['n_brief']} | {s['precision_lenient']:.3f} | {s['recall_lenient']:.3f} | "
               f"{s['f1_lenient']:.3f} | {s['recall_strict']:.3f} | {s['speaker_accuracy']:.3f} |\n")
        head, sep, rest = text.partition(HEADING)
        lines = rest.split("\n")
        last = next(i for i, l in enumerate(lines) if l.startswith("|"))
        while last + 1 < len(lines) and lines[last + 1].startswith("|"):  # this section's table, not a later one
            last += 1
        lines.insert(last + 1, row.rstrip("\n"))
        out.write_text(head + sep + "\n".join(lines))


if __name__ == "__main__":
    main()
