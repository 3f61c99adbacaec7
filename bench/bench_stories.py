"""Story briefs on Giveme5W1H: grouping against `category`, and gold who/when/where phrases per story brief.

    python bench/bench_stories.py [--data ../shared/eval/giveme5w1h_dev] [--cache DIR] [--out bench/RESULTS.md]

Uses the article briefs the embedded model made during `summarizer eval 5w1h DATA -o EVALDIR`
(its cache, EVALDIR/.summarizer/cache, given as --cache), so it costs no model time: it
groups the articles, builds a story brief per group (without the optional headline call),
and counts, per story, how many of its articles' gold phrases (chosen by >= 2 coders) the
story brief contains: a 'who' or 'where' phrase when it occurs in the story brief's text
(headline, summary, timeline, actors and aliases, quotes) after folding case, quotes and
dashes, or 80% of its words do; a 'when' phrase when its parsed date is a date of the
story's timeline (or its words occur, as for the others).
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from bench_batch import write_section  # noqa: E402
from summarizer.text.alignment import fold  # noqa: E402
from summarizer.batch.cache import BriefCache, cache_key  # noqa: E402
from summarizer.config import resolve_settings  # noqa: E402
from summarizer.text.documents import document_from_bytes  # noqa: E402
from summarizer.eval.run import read_5w1h  # noqa: E402
from summarizer.story.grouping import group_articles, grouping_scores  # noqa: E402
from summarizer.brief.prompting import prompt_version  # noqa: E402
from summarizer.story.build import build_story  # noqa: E402

SECTION = "## Stories: Giveme5W1H grouping and story briefs"


def words(s: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", fold(s).lower())


def story_text(story) -> str:
    parts = [story.headline, story.summary]
    for e in story.timeline:
        parts += [e.what] + [s.evidence + " " + s.when for s in e.sources]
    for a in story.actors:
        parts += [a.name, *a.aliases]
    parts += [q.speaker for q in story.quotes]
    return " ".join(fold(p).lower() for p in parts if p)


def contains(blob: str, blob_words: set[str], phrase: str) -> bool:
    w = words(phrase)
    if not w:
        return False
    return " ".join(w) in " ".join(words(blob)) or sum(x in blob_words for x in w) / len(w) >= 0.8


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "eval" / "giveme5w1h_dev")
    ap.add_argument("--cache", type=Path, required=True, help="EVALDIR/.summarizer/cache of a `summarizer eval 5w1h` run")
    ap.add_argument("--out", type=Path, default=ROOT / "bench" / "RESULTS.md")
    args = ap.parse_args()
    settings = resolve_settings()
    cache = BriefCache(args.cache)
    items, gold_cat, articles = [], {}, {}
    for art in read_5w1h(args.data):
        doc = document_from_bytes(art.text.encode(), path=art.id, fmt="text", max_bytes=settings.max_bytes, published=art.published)
        brief = cache.get(cache_key(doc.sha256, settings))
        if brief is None:
            continue
        items.append((art.id, doc, brief))
        gold_cat[art.id] = art.category
        articles[art.id] = art
    groups = group_articles(items)
    scores = grouping_scores(groups, gold_cat)
    by_path = {p: (p, d, b) for p, d, b in items}
    rows, totals = [], defaultdict(int)
    for sid, members in groups.items():
        story = build_story(sid, [by_path[p] for p in members], None)
        blob = story_text(story)
        blob_words = set(words(blob))
        dates = {e.date for e in story.timeline if e.date} | {s.date for e in story.timeline for s in e.sources if s.date}
        c = defaultdict(int)
        for p in members:
            a = articles[p]
            for kind in ("who", "where"):
                for ph in getattr(a, kind):
                    c[kind + "_n"] += 1
                    c[kind] += contains(blob, blob_words, ph.text)
            for ph in a.when:
                c["when_n"] += 1
                c["when"] += bool(ph.parsed and ph.parsed in dates) or contains(blob, blob_words, ph.text)
        cats = sorted({gold_cat[p] for p in members})
        rows.append((sid, "/".join(cats), len(members), c, len(story.discrepancies)))
        for k, v in c.items():
            totals[k] += v
        print(sid, cats, len(members), dict(c), f"{len(story.discrepancies)} discrepancies", flush=True)
    pct = lambda a, b: f"{a}/{b} ({a / b:.0%})" if b else "0/0"  # noqa: E731
    lines = [SECTION, "",
             f"Recorded {dt.date.today().isoformat()}: `python bench/bench_stories.py --cache EVALDIR/.summarizer/cache` "
             f"over the briefs of `summarizer eval 5w1h` (embedded model, prompt {prompt_version()}); {len(items)} articles.", "",
             f"Grouping against `category`: {scores['stories']} stories for {scores['gold_stories']} categories, "
             f"purity {scores['purity']:.3f}, completeness {scores['completeness']:.3f}, F1 {scores['f1']:.3f}.", "",
             "| story | category | articles | who in story brief | when | where | discrepancies |", "|---|---|---:|---:|---:|---:|---:|"]
    for sid, cat, n, c, nd in rows:
        lines.append(f"| {sid} | {cat} | {n} | {pct(c['who'], c['who_n'])} | {pct(c['when'], c['when_n'])} | {pct(c['where'], c['where_n'])} | {nd} |")
    lines.append(f"| **all** | | {len(items)} | {pct(totals['who'], totals['who_n'])} | {pct(totals['when'], totals['when_n'])} | "
                 f"{pct(totals['where'], totals['where_n'])} | |")
    write_section(args.out, SECTION, "\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
