"""Story summary on Multi-News dev, the embedded model's case, without running the model.

    python bench/bench_story_summary.py [--data ../shared/eval/multinews_dev] [--out /tmp/story-summary] [--limit N]

Each cluster's articles are briefed through the real pipeline with settings of the embedded model
(no base URL, so the pipeline asks the model for no summary) and a fake transport that answers like
:func:`summarizer.backends.testing.valid_draft` (the first sentences as key events, a fixed headline).
An embedded-model brief's summary is code's (the article's opening statements), whatever the model
answers, and the story adds the article's further opening statements (code) and asks no model, so the
story summary scored here is the one the embedded model's briefs give; key events and headlines are the
fake's, so the 'key events' row is *not* the embedded model's. Briefs are cached in OUT/.summarizer/cache.
Prints one row per summary variant (statements an article x repeat threshold x word budget): ROUGE-1/2/Lsum
F1 (points, rouge-score stemmed, as `summarizer eval stories`) and words, next to First-3 on the same clusters
('story' is what build_story gives; 'first_summary' the first article's brief summary, the story summary before).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from summarizer.backends.client import ModelClient  # noqa: E402
from summarizer.backends.testing import ScriptedTransport, completion, valid_draft  # noqa: E402
from summarizer.config import resolve_settings  # noqa: E402
from summarizer.eval.stories import brief_clusters, document, read_clusters, score_stories, story_rows  # noqa: E402
from summarizer.story.summary import member_statements, story_statements, summary_statements  # noqa: E402


def local_fake_client(requests: int = 20000) -> ModelClient:
    """A client with the embedded model's settings whose answers come from valid_draft (no model runs)."""
    transport = ScriptedTransport(*[lambda req: completion(valid_draft(req))] * requests)
    settings = resolve_settings()
    assert settings.is_local and settings.cassette_mode == "off"
    return ModelClient(settings, transport, sleep=lambda s: None)


def variants(cluster, briefs, client) -> dict[str, list[str]]:
    """The summary variants measured, as lines: statements an article x repeat threshold x word budget."""
    docs = [document(cluster, i, client) for i in range(len(briefs))]
    out = {}
    for most in (3, 5, 8):
        per = [member_statements(d, b, most) for d, b in zip(docs, briefs)]
        for same, words in ((0.5, None), (0.5, 200), (0.5, 250), (0.5, 300), (0.5, 400), (0.3, 300), (0.7, 300), (1.01, 300)):
            name = f"{most} an article, drop >= {same}" if same <= 1 else f"{most} an article, nothing dropped"
            out[f"{name}, <= {words or 'any'} words"] = [t for _, t in story_statements(per, same=same, words=words)]
    out["brief summaries + key events, drop >= 0.5, any length"] = [t for _, t in story_statements(
        [summary_statements(b) + [e.what for e in b.key_events if e.what] for b in briefs], words=None)]
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", default=str(ROOT.parent / "shared" / "eval" / "multinews_dev"))
    ap.add_argument("--out", default="/tmp/story-summary")
    ap.add_argument("--limit", type=int)
    args = ap.parse_args()
    clusters = read_clusters(Path(args.data))[: args.limit]
    client = local_fake_client()
    started = time.perf_counter()
    briefed, failures, status = brief_clusters(clusters, Path(args.out), client)
    print(f"briefed {dict(status)} in {time.perf_counter() - started:.0f} s; failures {failures[:3]}", file=sys.stderr)
    rows = []
    for c in clusters:
        if c.id not in briefed:
            continue
        row = story_rows(c, briefed[c.id], client)
        row.update(variants(c, briefed[c.id], client))
        rows.append((row, c.reference))
    scores = score_stories(rows)
    print(f"clusters {scores['clusters']}, reference {scores['reference_words']} words\n")
    print("| summary | R-1 F1 | R-2 F1 | R-Lsum F1 | words |\n|---|---:|---:|---:|---:|")
    for who in rows[0][0]:
        print(f"| {who} | {scores[f'{who}_rouge1_f1']} | {scores[f'{who}_rouge2_f1']} | {scores[f'{who}_rougeLsum_f1']} "
              f"| {scores[f'{who}_words']} |")
    client.close()


if __name__ == "__main__":
    main()
