"""Evaluation of what a reader looks at first: headline, summary and key events against human references.

Data: CNN/DailyMail-style JSON files ``{id, text, highlights[], facts[]?}`` (``shared/eval/cnndm_dev``,
``shared/eval/realsumm_dev``). Scores, each next to Lead-3 (the article's first three sentences) on the
same articles:

- ROUGE-1/2/Lsum F1 of the summary against the highlights (``rouge-score``, stemmed, one sentence
  a line for Lsum);
- ROUGE-2 recall of the key events (one a line) against the highlights;
- fact recall, where the data has facts: the share of facts whose stemmed content words are at least
  60% present in headline + summary + events.

Briefs go through the batch cache in ``outdir/.summarizer/cache`` as in :func:`summarizer.eval.run.run_eval`.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from ..batch.cache import BriefCache, cache_key
from ..batch.runner import STATE_DIR, Outcome
from ..brief.pipeline import brief_document
from ..brief.prompting import prompt_version
from ..brief.types import Brief
from ..errors import ConfigError
from ..output import write_atomic
from ..text.documents import Document, document_from_bytes
from ..text.sentences import split_sentences
from .run import brief_each, failed_outcome
from ..text.lexicon import SUMMARIES_STOP as _STOP  # noqa: F401

FACT_THRESHOLD = 0.6
_ROUGE_KEYS = ("rouge1", "rouge2", "rougeLsum")
# A small stop list of function words: content words are what is left.


@dataclass(frozen=True)
class SummaryArticle:
    """One reference article: its text, the human highlights and (REALSumm) the atomic facts."""
    id: str
    text: str
    highlights: list[str]
    facts: list[str] = field(default_factory=list)


def read_summaries(root: Path) -> list[SummaryArticle]:
    """Read ``root/*.json`` reference articles, sorted by file name; a bad file is a ConfigError naming it."""
    files = sorted(Path(root).glob("*.json"))
    if not files:
        raise ConfigError(f"no .json reference articles in {root}")
    out = []
    for path in files:
        try:
            d = json.loads(path.read_text(encoding="utf-8"))
            text, highlights = d["text"], d["highlights"]
            if not isinstance(text, str) or not isinstance(highlights, list):
                raise TypeError("text must be a string and highlights a list")
        except (ValueError, KeyError, TypeError, UnicodeDecodeError) as exc:
            raise ConfigError(f"{path}: not a reference article ({type(exc).__name__}: {exc})") from None
        out.append(SummaryArticle(str(d.get("id") or path.stem), text, [str(h) for h in highlights],
                                  [str(f) for f in d.get("facts") or []]))
    return out


def lead3(text: str) -> list[str]:
    """The article's first three sentences (the standard extractive baseline)."""
    return [s.text for s in split_sentences(text, min_words=1, limit=3)]


def rouge_scorer(keys=_ROUGE_KEYS):
    """The ROUGE scorer every evaluation uses: ``rouge-score``, stemmed, for ``keys``."""
    from rouge_score import rouge_scorer as rs

    return rs.RougeScorer(list(keys), use_stemmer=True)


def rouge(candidate: list[str], reference: list[str], scorer=None) -> dict[str, dict[str, float]]:
    """ROUGE of candidate lines against reference lines: {key: {precision, recall, f1}} (sentences a line)."""
    scores = (scorer or rouge_scorer()).score("\n".join(reference), "\n".join(candidate))
    return {k: {"precision": v.precision, "recall": v.recall, "f1": v.fmeasure} for k, v in scores.items()}


def content_stems(text: str) -> set[str]:
    """Porter-stemmed lower-case words of ``text`` without stop words (numbers kept)."""
    from nltk.stem.porter import PorterStemmer

    stem = PorterStemmer().stem
    return {stem(w) for w in re.findall(r"[a-z0-9]+", (text or "").lower()) if w not in _STOP}


def fact_found(fact: str, stems: set[str], threshold: float = FACT_THRESHOLD) -> bool:
    """True when at least ``threshold`` of the fact's content stems are in ``stems``."""
    need = content_stems(fact)
    return bool(need) and len(need & stems) / len(need) >= threshold


def fact_recall(facts: list[str], text: str) -> tuple[int, int]:
    """(facts found, facts) for one article's facts against a text."""
    stems = content_stems(text)
    return sum(fact_found(f, stems) for f in facts), len(facts)


def brief_lines(brief: Brief) -> dict[str, list[str]]:
    """The brief's summary sentences, event statements, and headline + summary + events together."""
    summary = [s.text for s in split_sentences(brief.summary, min_words=1)] or [brief.summary]
    events = [e.what for e in brief.key_events if e.what]
    return {"summary": summary, "events": events, "all": [brief.headline, *summary, *events]}


def score_summaries(pairs: list[tuple[Brief, SummaryArticle]]) -> dict:
    """Mean scores over (brief, reference) pairs: brief and Lead-3 ROUGE F1, event ROUGE-2 recall, fact recall.

    ROUGE values are in percent points (0-100), as the literature reports them; empty inputs give 0.
    """
    scorer, sums, c = rouge_scorer(), Counter(), Counter()
    for brief, art in pairs:
        lines, lead = brief_lines(brief), lead3(art.text)
        for who, cand in (("summary", lines["summary"]), ("lead3", lead)):
            for k, v in rouge(cand, art.highlights, scorer).items():
                sums[f"{who}_{k}_f1"] += v["f1"]
        sums["events_rouge2_recall"] += rouge(lines["events"], art.highlights, scorer)["rouge2"]["recall"] if lines["events"] else 0.0
        sums["summary_words"] += len(brief.summary.split())
        sums["events_per_brief"] += len(lines["events"])
        if art.facts:
            for who, text in (("brief", " ".join(lines["all"])), ("lead3", " ".join(lead))):
                found, n = fact_recall(art.facts, text)
                c[f"{who}_facts_found"] += found
                c[f"{who}_facts"] += n
    n = len(pairs)
    out: dict = {"articles": n}
    out.update({k: round(100 * v / n, 2) if n and k.endswith(("f1", "recall")) else (round(v / n, 2) if n else 0.0)
                for k, v in sums.items()})
    for who in ("brief", "lead3"):
        if c[f"{who}_facts"]:
            out[f"{who}_fact_recall"] = round(100 * c[f"{who}_facts_found"] / c[f"{who}_facts"], 2)
    return out


def render_summaries(scores: dict, meta: dict) -> str:
    """A Markdown report: run details, then one row per score (ROUGE and recalls in percent points)."""
    out = ["# Evaluation: headline, summary and key events", ""]
    out += [f"- {k.replace('_', ' ')}: {meta[k]}" for k in ("data", "model", "prompt_version", "date", "articles",
                                                            "briefed", "cached", "failed") if k in meta]
    out += ["", "| Metric | Value |", "|---|---:|"]
    out += [f"| {k.replace('_', ' ')} | {v} |" for k, v in scores.items()]
    if failures := meta.get("failures"):
        out += ["", "## Failed articles", ""] + [f"- `{f['article']}`: {f['error']}: {f['message']}" for f in failures]
    return "\n".join(out) + "\n"


def brief_cached(doc: Document, client, cache: BriefCache) -> tuple[Brief, str]:
    """The brief of ``doc`` from ``cache`` ("cached"), else made with ``client`` and put there ("done")."""
    key = cache_key(doc.sha256, client.settings)
    brief = cache.get(key)
    if brief is not None:
        return brief, "cached"
    brief = brief_document(doc, client)
    cache.put(key, brief)
    return brief, "done"


def run_summaries(data_dir: Path, outdir: Path, client, *, limit: int | None = None,
                  on_outcome: Callable[[Outcome], None] | None = None, jobs: int = 1) -> dict:
    """Brief the reference articles (through the cache), score them, write ``report.md`` and ``report.json``."""
    articles = read_summaries(data_dir)[: None if limit is None else max(limit, 0)]
    outdir = Path(outdir)
    cache = BriefCache(outdir / STATE_DIR / "cache")
    pairs, failures, status, usage = [], [], Counter(), Counter()

    def one(art: SummaryArticle) -> Outcome:
        try:
            doc = document_from_bytes(art.text.encode("utf-8"), path=art.id, fmt="text", max_bytes=client.settings.max_bytes)
            brief, state = brief_cached(doc, client, cache)
            return Outcome(art.id, state, brief=brief)
        except Exception as exc:  # noqa: BLE001 - one bad article never stops an evaluation
            return failed_outcome(art.id, exc)

    def take(art: SummaryArticle, outcome: Outcome) -> None:
        if outcome.brief is not None:
            brief = outcome.brief
            pairs.append((brief, art))
            usage.update(prompt_tokens=brief.meta.usage.prompt_tokens, completion_tokens=brief.meta.usage.completion_tokens)
            usage["seconds"] += brief.meta.seconds
            usage["article_words"] += len(art.text.split())
        else:
            failures.append({"article": art.id, "error": outcome.error, "message": outcome.message})
        status[outcome.status] += 1
        (on_outcome or (lambda _: None))(outcome)

    brief_each(one, articles, take, client=client, outdir=outdir, jobs=jobs)
    scores = score_summaries(pairs)
    if pairs:
        scores.update({f"{k}_per_brief": round(v / len(pairs), 1) for k, v in usage.items()})
    meta = {"data": str(data_dir), "model": client.settings.model, "prompt_version": prompt_version(),
            "date": date.today().isoformat(), "articles": len(articles), "briefed": status["done"],
            "cached": status["cached"], "failed": status["failed"], "failures": failures}
    report = {"kind": "summaries", "meta": meta, "scores": scores}
    write_atomic(outdir / "report.md", render_summaries(scores, meta), overwrite=True)
    write_atomic(outdir / "report.json", json.dumps(report, indent=2, ensure_ascii=False) + "\n", overwrite=True)
    return report
