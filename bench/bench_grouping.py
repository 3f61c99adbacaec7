"""Story grouping measured on the Giveme5W1H, ECB+ and Multi-News dev sets, without the model.

    python bench/bench_grouping.py --set ecbplus|multinews [--thresholds 0.22]

    python bench/bench_grouping.py [--data ../shared/eval/giveme5w1h_dev] [--thresholds 0.2,0.25,0.3,0.35,0.4]

    python bench/bench_grouping.py --set multinews --small-pools [--thresholds 0.19]

``--one-level`` groups as before 2026-12-02 (one average-link pass at the
threshold, no second level; :func:`summarizer.story.grouping.group_articles`).

``--small-pools`` checks that the weighting does not collapse on a few articles:
150 pools of two articles from different Multi-News clusters (how many are
wrongly made one story; and the same pairs given one publication date),
150 pools of two whole clusters (mean purity and
completeness) and 100 pools of four unrelated articles (wrong merges), drawn
with a fixed seed.

Each JSON file's text becomes a Document (its publication date from
``date_publish``); its brief comes from a fake model that answers every request
with a schema-valid draft (summarizer.backends.testing), so the grouping is measured on
what code finds in the text, not on the model's quality. The ``category``
field is the gold story. Prints purity, completeness (inverse purity) and F1
of :func:`summarizer.story.grouping.group_articles` for each threshold. No article
text is written anywhere.
"""

from __future__ import annotations

import argparse
import json
from dataclasses import replace
import sys
import time
from types import SimpleNamespace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from summarizer.backends.testing import valid_draft  # noqa: E402

from summarizer.backends.testing import ScriptedTransport, completion
from summarizer.config import resolve_settings  # noqa: E402
from summarizer.text.documents import document_from_bytes  # noqa: E402
from summarizer.story import grouping  # noqa: E402
from summarizer.story.grouping import DEFAULT_THRESHOLD, grouping_scores  # noqa: E402
from summarizer.backends.client import ModelClient  # noqa: E402
from summarizer.brief.pipeline import brief_document  # noqa: E402


TWO_LEVEL = [True]


def group_articles(items, threshold: float) -> dict[str, list[str]]:
    """The grouping measured: two levels unless ``--one-level``."""
    return grouping.group_articles(items, threshold=threshold, two_level=TWO_LEVEL[0])


def load(folder: Path) -> tuple[list, dict[str, str]]:
    """(path, Document, Brief) triples and the gold story of each path."""
    files = sorted(folder.glob("*.json"))
    settings = resolve_settings(base_url="http://127.0.0.1:9/v1", model="m")
    client = ModelClient(settings, ScriptedTransport(*[lambda req: completion(valid_draft(req)) for _ in range(20 * len(files))]))
    items, gold = [], {}
    for f in files:
        data = json.loads(f.read_text(encoding="utf-8"))
        published = (data.get("date_publish") or "")[:10] or None
        if published == "None":
            published = None
        doc = document_from_bytes(data["text"].encode(), path=f.name, fmt="text", max_bytes=10**7, published=published)
        items.append((f.name, doc, brief_document(doc, client)))
        gold[f.name] = data["category"]
    client.close()
    return items, gold


# ECB+ and Multi-News are grouped by code only: no brief, so no event dates from a model.
NO_BRIEF = SimpleNamespace(key_events=[])


def _document(text: str, name: str, published: str | None):
    return document_from_bytes(text.encode(), path=name, fmt="text", max_bytes=10**7, published=published)


def load_ecbplus(folder: Path) -> tuple[list, dict[str, str], dict[str, str]]:
    """ECB+ articles: triples, gold event_id per path, and topic per path."""
    items, gold, topic = [], {}, {}
    for f in sorted(folder.glob("*.json")):
        data = json.loads(f.read_text(encoding="utf-8"))
        text = "\n\n".join(t for t in (data.get("title"), data["text"]) if t)
        doc = _document(text, f.name, (data.get("date") or "")[:10] or None)
        items.append((f.name, doc, NO_BRIEF))
        gold[f.name], topic[f.name] = str(data["event_id"]), str(data["topic"])
    return items, gold, topic


def load_multinews(folder: Path) -> tuple[list, dict[str, str]]:
    """Multi-News dev clusters pooled: one item per article, gold = its cluster id."""
    items, gold = [], {}
    for f in sorted(folder.glob("*.json")):
        data = json.loads(f.read_text(encoding="utf-8"))
        for k, art in enumerate(data["articles"]):
            name = f"{f.stem}-{k}"
            doc = _document(art["text"], name, None)
            items.append((name, doc, NO_BRIEF))
            gold[name] = f.stem
    return items, gold


def pooled_and_per_topic(items, gold, topic, threshold: float) -> None:
    """ECB+: scores of all topics pooled, then of each topic grouped alone."""
    s = grouping_scores(group_articles(items, threshold=threshold), gold)
    print(f"pooled: {s}")
    for t in sorted(set(topic.values()), key=lambda x: int(x) if x.isdigit() else x):
        sub = [it for it in items if topic[it[0]] == t]
        s = grouping_scores(group_articles(sub, threshold=threshold), gold)
        print(f"topic {t}: articles {s['articles']} stories {s['stories']}/{s['gold_stories']} "
              f"purity {s['purity']:.3f} completeness {s['completeness']:.3f}")


def main_other(name: str, data: str | None, thresholds: list[float]) -> None:
    """The ecbplus or multinews measurement (see the module docstring)."""
    folder = Path(data or ROOT.parent / "shared" / "eval" / f"{name}_dev")
    started = time.perf_counter()
    if name == "ecbplus":
        items, gold, topic = load_ecbplus(folder)
    else:
        items, gold = load_multinews(folder)
    print(f"{len(items)} articles, {len(set(gold.values()))} gold groups; loaded in {time.perf_counter() - started:.1f} s")
    for t in thresholds:
        print(f"\n## threshold {t:.2f}")
        if name == "ecbplus":
            pooled_and_per_topic(items, gold, topic, t)
        else:
            print(grouping_scores(group_articles(items, threshold=t), gold))


def small_pools(items, gold, thresholds: list[float]) -> None:
    """The ``--small-pools`` measurement (see the module docstring)."""
    import random

    rng = random.Random(1)
    clusters: dict[str, list] = {}
    for it in items:
        clusters.setdefault(gold[it[0]], []).append(it)
    names = sorted(clusters)
    two = [rng.sample(names, 2) for _ in range(150)]
    pairs = [[rng.choice(clusters[a]), rng.choice(clusters[b])] for a, b in two]
    fours = [[rng.choice(clusters[c]) for c in rng.sample(names, 4)] for _ in range(100)]
    same_day = [[(path, replace(doc, published="2025-01-01"), brief) for path, doc, brief in p] for p in pairs]
    for t in thresholds:
        merged = sum(len(group_articles(p, threshold=t)) == 1 for p in pairs)
        merged_same_day = sum(len(group_articles(p, threshold=t)) == 1 for p in same_day)
        scores = [grouping_scores(group_articles(clusters[a] + clusters[b], threshold=t), gold) for a, b in two]
        wrong = sum(4 - len(group_articles(f, threshold=t)) for f in fours)
        purity = sum(s["purity"] for s in scores) / len(scores)
        completeness = sum(s["completeness"] for s in scores) / len(scores)
        print(f"threshold {t:.2f}: unrelated pairs made one story {merged}/150 ({merged_same_day}/150 when both are "
              f"dated the same day); two-cluster pools purity {purity:.3f} "
              f"completeness {completeness:.3f}; four unrelated articles: {wrong} wrong merges in 100 pools")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", default=str(ROOT.parent / "shared" / "eval" / "giveme5w1h_dev"))
    ap.add_argument("--thresholds", default="0.15,0.18,0.2,0.22,0.25,0.3,0.35,0.4,0.5")
    ap.add_argument("--set", default="giveme5w1h", choices=["giveme5w1h", "ecbplus", "multinews"])
    ap.add_argument("--small-pools", action="store_true", help="Multi-News: pools of two to five articles (see above)")
    ap.add_argument("--one-level", action="store_true", help="one average-link pass (the method before 2026-12-02)")
    args = ap.parse_args()
    TWO_LEVEL[0] = not args.one_level
    if args.small_pools:
        items, gold = load_multinews(Path(args.data if not args.data.endswith("giveme5w1h_dev") else ROOT.parent / "shared" / "eval" / "multinews_dev"))
        small_pools(items, gold, [float(x) for x in args.thresholds.split(",")])
        return
    if args.set != "giveme5w1h":
        main_other(args.set, None if args.data.endswith("giveme5w1h_dev") else args.data,
                   [float(x) for x in args.thresholds.split(",")])
        return
    started = time.perf_counter()
    items, gold = load(Path(args.data))
    print(f"{len(items)} articles, {len(set(gold.values()))} gold stories; briefs (fake model) in {time.perf_counter() - started:.1f} s\n")
    print("| threshold | stories | purity | completeness | F1 | seconds |")
    print("|---:|---:|---:|---:|---:|---:|")
    for t in (float(x) for x in args.thresholds.split(",")):
        started = time.perf_counter()
        groups = group_articles(items, threshold=t)
        s = grouping_scores(groups, gold)
        mark = " (default)" if abs(t - DEFAULT_THRESHOLD) < 1e-9 else ""
        print(f"| {t:.2f}{mark} | {s['stories']} | {s['purity']:.3f} | {s['completeness']:.3f} | {s['f1']:.3f} | {time.perf_counter() - started:.2f} |")


if __name__ == "__main__":
    main()
