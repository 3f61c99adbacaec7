"""Evaluation of the story summary against multi-document references (``summarizer eval stories``).

Data: Multi-News-style JSON files ``{id, articles[{text}], reference_summary}`` (``shared/eval/multinews_dev``):
2-5 articles about one event and a human-written summary. Each cluster's articles are briefed through the
real pipeline (and the batch cache in ``outdir/.summarizer/cache``, as :func:`summarizer.eval.summaries.run_summaries`
does), the cluster is made one story (:func:`summarizer.story.build.build_story`, articles in the data's
order; the grouping is not measured here) and scored, next to two baselines on the same clusters:

- First-3: the first three sentences of each article, concatenated (the data set's usual baseline);
- First summary: the first article's brief summary alone (what a story showed before issue 12 without a model).

Scores: ROUGE-1/2/Lsum F1 in points (``rouge-score``, stemmed, one sentence a line), and the words per summary.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ..batch.cache import BriefCache
from ..batch.runner import STATE_DIR, Outcome
from ..brief.prompting import prompt_version
from ..brief.types import Brief
from ..errors import ConfigError
from ..output import write_atomic
from ..text.documents import Document, document_from_bytes
from ..text.sentences import split_sentences
from .run import brief_each, failed_outcome
from .summaries import brief_cached, lead3, rouge, rouge_scorer

ROUGE_KEYS = ("rouge1", "rouge2", "rougeLsum")


@dataclass(frozen=True)
class Cluster:
    """One reference cluster: its articles' texts and the human-written summary."""
    id: str
    texts: list[str]
    reference: str


def read_clusters(root: Path) -> list[Cluster]:
    """Read ``root/*.json`` clusters, sorted by file name; a bad file is a ConfigError naming it."""
    files = sorted(Path(root).glob("*.json"))
    if not files:
        raise ConfigError(f"no .json clusters in {root}")
    out = []
    for path in files:
        try:
            d = json.loads(path.read_text(encoding="utf-8"))
            texts, reference = [str(a["text"]) for a in d["articles"]], d["reference_summary"]
            if not texts or not isinstance(reference, str):
                raise TypeError("articles must be a non-empty list and reference_summary a string")
        except (ValueError, KeyError, TypeError, UnicodeDecodeError) as exc:
            raise ConfigError(f"{path}: not a cluster ({type(exc).__name__}: {exc})") from None
        out.append(Cluster(str(d.get("id") or path.stem), texts, reference))
    return out


def first3(texts: list[str]) -> list[str]:
    """The first three sentences of each article, concatenated (First-3)."""
    return [s for t in texts for s in lead3(t)]


def lines(text: str) -> list[str]:
    """``text`` one sentence a line (for ROUGE-Lsum)."""
    return [s.text for s in split_sentences(text, min_words=1)] or ([text] if text.strip() else [])


def score_stories(rows: list[tuple[dict[str, list[str]], str]]) -> dict:
    """Mean ROUGE F1 (points) and words of each candidate over (candidates by name, reference) rows.

    A row's candidates are lines of text, e.g. ``{"story": [...], "first3": [...]}``; empty inputs give 0.
    """
    scorer, sums = rouge_scorer(ROUGE_KEYS), Counter()
    for candidates, reference in rows:
        ref = lines(reference)
        for who, cand in candidates.items():
            for k, v in rouge(cand, ref, scorer).items():
                sums[f"{who}_{k}_f1"] += 100 * v["f1"]
            sums[f"{who}_words"] += len(" ".join(cand).split())
        sums["reference_words"] += len(reference.split())
    n = len(rows)
    return {"clusters": n, **{k: round(v / n, 2) if n else 0.0 for k, v in sums.items()}}


def story_rows(cluster: Cluster, briefs: list[Brief], client) -> dict[str, list[str]]:
    """The candidates of one cluster: its story brief's summary, First-3 and the first article's summary."""
    from ..story.build import build_story

    members = [(f"{cluster.id}/{i}.txt", document(cluster, i, client), b) for i, b in enumerate(briefs)]
    story = build_story(cluster.id, members, client if len(members) > 1 else None)
    return {"story": lines(story.summary), "first3": first3(cluster.texts), "first_summary": lines(briefs[0].summary)}


def document(cluster: Cluster, i: int, client) -> Document:
    """Article ``i`` of ``cluster`` as a loaded document, named ``<cluster id>/<i>.txt``."""
    return document_from_bytes(cluster.texts[i].encode("utf-8"), path=f"{cluster.id}/{i}.txt", fmt="text",
                               max_bytes=client.settings.max_bytes)


def brief_clusters(clusters: list[Cluster], outdir: Path, client, *, on_outcome: Callable[[Outcome], None] | None = None,
                   jobs: int = 1) -> tuple[dict[str, list[Brief]], list[dict], Counter]:
    """Brief every article of ``clusters`` through the cache: (cluster id -> briefs of a fully briefed
    cluster, failures, statuses). A cluster with a failed article is left out of the scores."""
    cache = BriefCache(Path(outdir) / STATE_DIR / "cache")
    articles = [(c, i) for c in clusters for i in range(len(c.texts))]
    got: dict[str, list[Brief | None]] = {c.id: [None] * len(c.texts) for c in clusters}
    failures, status = [], Counter()

    def one(item: tuple[Cluster, int]) -> Outcome:
        c, i = item
        try:
            brief, state = brief_cached(document(c, i, client), client, cache)
            return Outcome(f"{c.id}/{i}.txt", state, brief=brief)
        except Exception as exc:  # noqa: BLE001 - one bad article never stops an evaluation
            return failed_outcome(f"{c.id}/{i}.txt", exc)

    def take(item: tuple[Cluster, int], outcome: Outcome) -> None:
        got[item[0].id][item[1]] = outcome.brief
        if outcome.brief is None:
            failures.append({"article": outcome.rel, "error": outcome.error, "message": outcome.message})
        status[outcome.status] += 1
        (on_outcome or (lambda _: None))(outcome)

    brief_each(one, articles, take, client=client, outdir=Path(outdir), jobs=jobs)
    complete = {cid: [b for b in bs if b is not None] for cid, bs in got.items() if all(b is not None for b in bs)}
    return complete, failures, status


def run_stories(data_dir: Path, outdir: Path, client, *, limit: int | None = None,
                on_outcome: Callable[[Outcome], None] | None = None, jobs: int = 1) -> dict:
    """Brief the clusters' articles (through the cache), build and score each cluster's story summary
    next to First-3, write ``report.md`` and ``report.json`` (the returned dict)."""
    clusters = read_clusters(data_dir)[: None if limit is None else max(limit, 0)]
    outdir = Path(outdir)
    briefed, failures, status = brief_clusters(clusters, outdir, client, on_outcome=on_outcome, jobs=jobs)
    rows = [(story_rows(c, briefed[c.id], client), c.reference) for c in clusters if c.id in briefed]
    scores = score_stories(rows)
    meta = {"data": str(data_dir), "model": client.settings.model, "backend": client.settings.backend,
            "prompt_version": prompt_version(), "date": date.today().isoformat(), "clusters": len(clusters),
            "articles": sum(len(c.texts) for c in clusters), "briefed": status["done"], "cached": status["cached"],
            "failed": status["failed"], "failures": failures}
    report = {"kind": "stories", "meta": meta, "scores": scores}
    write_atomic(outdir / "report.md", render_stories(scores, meta), overwrite=True)
    write_atomic(outdir / "report.json", json.dumps(report, indent=2, ensure_ascii=False) + "\n", overwrite=True)
    return report


def render_stories(scores: dict, meta: dict) -> str:
    """A Markdown report: run details, then one row per candidate (ROUGE F1 in points, words)."""
    out = ["# Evaluation: story summary against the reference summaries", ""]
    out += [f"- {k.replace('_', ' ')}: {meta[k]}" for k in ("data", "model", "backend", "prompt_version", "date", "clusters",
                                                            "articles", "briefed", "cached", "failed") if k in meta]
    out += [f"- scored: {scores['clusters']} clusters (every article briefed)", "",
            "| Summary | ROUGE-1 F1 | ROUGE-2 F1 | ROUGE-Lsum F1 | words |", "|---|---:|---:|---:|---:|"]
    for who, name in (("story", "story brief"), ("first3", "First-3"), ("first_summary", "first article's summary")):
        if f"{who}_words" in scores:
            out.append(f"| {name} | " + " | ".join(str(scores[f"{who}_{k}_f1"]) for k in ROUGE_KEYS) + f" | {scores[f'{who}_words']} |")
    out.append(f"\nReference: {scores.get('reference_words', 0)} words on average.")
    if failures := meta.get("failures"):
        out += ["", "## Failed articles", ""] + [f"- `{f['article']}`: {f['error']}: {f['message']}" for f in failures]
    return "\n".join(out) + "\n"
