"""Story grouping measured on the Giveme5W1H development set, without the model.

    python bench/bench_grouping.py [--data ../shared/eval/giveme5w1h_dev] [--thresholds 0.2,0.25,0.3,0.35,0.4]

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
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from summarizer.backends.testing import valid_draft  # noqa: E402

from summarizer.backends.testing import ScriptedTransport, completion
from summarizer.config import resolve_settings  # noqa: E402
from summarizer.text.documents import document_from_bytes  # noqa: E402
from summarizer.story.grouping import DEFAULT_THRESHOLD, group_articles, grouping_scores  # noqa: E402
from summarizer.backends.client import ModelClient  # noqa: E402
from summarizer.brief.pipeline import brief_document  # noqa: E402


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


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", default=str(ROOT.parent / "shared" / "eval" / "giveme5w1h_dev"))
    ap.add_argument("--thresholds", default="0.15,0.18,0.2,0.22,0.25,0.3,0.35,0.4,0.5")
    args = ap.parse_args()
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
