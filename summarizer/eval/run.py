"""Evaluation on annotated articles: PolNeAR (quotes, speakers) and Giveme5W1H (who/what/when/where).

Readers (in :mod:`summarizer.evaldata`) turn each data set into article records with gold
annotations, pure functions here score briefs against them, and :func:`run_eval` briefs every article
through the batch cache (a re-run makes no model request) and writes reports.
Gold offsets are ``str`` offsets into the UTF-8 text, which is ``Document.text``
for ``fmt="text"``, so they compare directly with brief quote offsets.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar
from datetime import date
from pathlib import Path

from ..batch.runner import STATE_DIR, Outcome
from ..batch.cache import BriefCache, cache_key
from ..text.documents import document_from_bytes
from ..errors import ConfigError, Interrupted, SummarizerError
from .data import (  # noqa: F401  (re-exported: the readers are part of this module's API)
    ISO_DAY, FiveWArticle, GoldQuote, Phrase, PolnearArticle, gold_quotes, is_named, parse_brat, quoted_segments,
    read_5w1h, read_polnear,
)
from ..brief.types import Brief
from ..output import write_atomic
from ..brief.pipeline import brief_document
from ..brief.prompting import prompt_version

T = TypeVar("T")
R = TypeVar("R")
from ..text.lexicon import RUN_MONTHS as _MONTHS, RUN_WEEKDAYS as _WEEKDAYS  # noqa: F401

LENIENT, STRICT = 0.5, 0.8
def tokens(text: str) -> list[str]:
    """Lowercase word tokens: runs of letters and digits."""
    return re.findall(r"[^\W_]+", (text or "").lower())


def overlap(a: str, b: str) -> float:
    """Multiset token overlap |A∩B| / max(|A|, |B|); 0 when either side has no tokens."""
    ta, tb = Counter(tokens(a)), Counter(tokens(b))
    return _ratio(sum((ta & tb).values()), max(ta.total(), tb.total()))


def covered(gold: str, text: str) -> float:
    """Share of the gold phrase's tokens (multiset) that ``text`` contains: for a short phrase against a sentence."""
    g, t = Counter(tokens(gold)), Counter(tokens(text))
    return _ratio(sum((g & t).values()), sum(g.values()))


def nested(a: str, b: str) -> float:
    """Share of the shorter phrase's tokens found in the longer ('Mazar-i-Sharif' in 'the city of Mazar-i-Sharif')."""
    x, y = Counter(tokens(a)), Counter(tokens(b))
    return _ratio(sum((x & y).values()), min(sum(x.values()), sum(y.values())))


def speaker_matches(brief_speaker: str, gold_speaker: str) -> bool:
    """True when either speaker's last token appears among the other's tokens (case-insensitive)."""
    b, g = tokens(brief_speaker), tokens(gold_speaker)
    return bool(b and g) and (b[-1] in g or g[-1] in b)


def _ratio(num: float, den: float) -> float:
    return num / den if den else 0.0


def greedy_match(brief_texts: list[str], gold_texts: list[str]) -> list[tuple[int, int, float]]:
    """One-to-one (brief index, gold index, overlap) pairs, best overlap first; pairs with no overlap are left out."""
    scored = sorted((-overlap(b, g), i, j) for i, b in enumerate(brief_texts) for j, g in enumerate(gold_texts))
    used_b, used_g, pairs = set(), set(), []
    for neg, i, j in scored:
        if neg < 0 and i not in used_b and j not in used_g:
            used_b.add(i), used_g.add(j)
            pairs.append((i, j, -neg))
    return pairs


def score_quotes(briefs_and_golds: Iterable[tuple[Brief, list[GoldQuote], str]]) -> dict:
    """Quote precision/recall/F1 (lenient >= 0.5, strict >= 0.8), speaker accuracy and verbatim share.

    Takes (brief, gold quotes, article text) per article. Speaker accuracy counts lenient-matched
    pairs whose gold speaker is named; a brief quote is verbatim when its text equals
    ``article[start:end]`` or occurs in the article. Rates with an empty denominator are 0.
    """
    c = Counter()
    for brief, golds, article in briefs_and_golds:
        c.update(articles=1, n_gold=len(golds), n_brief=len(brief.quotes), gold_named=sum(g.named for g in golds))
        for q in brief.quotes:
            c["verbatim"] += bool(q.text) and (article[q.start:q.end] == q.text or q.text in article)
        for i, j, ov in greedy_match([q.text for q in brief.quotes], [g.text for g in golds]):
            c["matched_lenient"] += ov >= LENIENT
            c["matched_strict"] += ov >= STRICT
            if ov >= LENIENT and golds[j].named:
                c["speaker_n"] += 1
                c["speaker_correct"] += speaker_matches(brief.quotes[i].speaker, golds[j].speaker)
    out = {k: c[k] for k in ("articles", "n_gold", "gold_named", "n_brief", "matched_lenient", "matched_strict",
                             "speaker_n", "speaker_correct", "verbatim")}
    for level in ("lenient", "strict"):
        p, r = _ratio(c[f"matched_{level}"], c["n_brief"]), _ratio(c[f"matched_{level}"], c["n_gold"])
        out.update({f"precision_{level}": p, f"recall_{level}": r, f"f1_{level}": _ratio(2 * p * r, p + r)})
    out["speaker_accuracy"] = _ratio(c["speaker_correct"], c["speaker_n"])
    out["verbatim_share"] = _ratio(c["verbatim"], c["n_brief"])
    return out


_MONTH_WORD = r"(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"


def gold_date_agrees(phrase: str, parsed: str) -> bool | None:
    """Whether an annotated date agrees with what its own phrase says, or None when the phrase names no day.

    'Wednesday' annotated as a Saturday, or 'November 6' as November 12, is an annotation error: the
    phrase decides. Checked: weekday names, month and day ('Nov. 2', '6 November') and a year.
    """
    low, day = (phrase or "").lower(), date.fromisoformat(parsed)
    days = {i for i, w in enumerate(_WEEKDAYS) if re.search(rf"\b{w}", low)}
    month_days = [(_MONTHS.index(m.group(1)) + 1, int(m.group(2))) for m in re.finditer(rf"\b{_MONTH_WORD}\s+(\d{{1,2}})\b", low)]
    month_days += [(_MONTHS.index(m.group(2)) + 1, int(m.group(1))) for m in re.finditer(rf"\b(\d{{1,2}})\s+{_MONTH_WORD}", low)]
    years = {int(y) for y in re.findall(r"\b((?:19|20)\d\d)\b", low)}
    if not days and not month_days:
        return None
    return ((not days or day.weekday() in days) and (not month_days or (day.month, day.day) in month_days)
            and (not years or day.year in years))


def score_5w1h(briefs_and_golds: Iterable[tuple[Brief, FiveWArticle]]) -> dict:
    """Actor recall, top-event overlap, date accuracy and place overlap over (brief, gold article) pairs.

    - actor recall: gold 'who' phrases matched by an actor name or alias
      (overlap >= 0.5) or containing an actor's last name token;
    - top-event overlap: per article with gold 'what', the best share of a gold
      'what' phrase's words found in the first key event's ``what + ' ' + evidence``, averaged;
    - date accuracy: gold 'when' phrases with a YYYY-MM-DD ``parsed`` date
      equal to some key event's ``date``; ``date_accuracy_checked`` counts only the phrases
      that name a day their annotated date agrees with (:func:`gold_date_agrees`);
    - place overlap: gold 'where' phrases of which at least half of the shorter of
      (phrase, some event's ``where``) is found in the other.

    Gold who/what/where phrases with no text are left out: they annotate nothing a brief could contain.
    """
    c = Counter()
    event_scores: list[float] = []
    for brief, gold in briefs_and_golds:
        c["articles"] += 1
        names = [n for a in brief.actors for n in [a.name, *a.aliases] if n]
        last_names = {tokens(a.name)[-1] for a in brief.actors if tokens(a.name)}
        for p in (p for p in gold.who if p.text.strip()):  # an empty annotated phrase names nobody
            c["who_n"] += 1
            c["who_found"] += any(overlap(n, p.text) >= LENIENT for n in names) or bool(last_names & set(tokens(p.text)))
        whats = [p for p in gold.what if p.text.strip()]
        if whats:
            first = brief.key_events[0] if brief.key_events else None
            top = f"{first.what} {first.evidence}" if first else ""
            event_scores.append(max(covered(p.text, top) for p in whats))
        dates = {e.date for e in brief.key_events if e.date}
        for p in gold.when:
            if p.parsed and ISO_DAY.match(p.parsed):
                c["when_n"] += 1
                c["when_correct"] += p.parsed in dates
                if gold_date_agrees(p.text, p.parsed):
                    c["when_checked_n"] += 1
                    c["when_checked_correct"] += p.parsed in dates
        for p in (p for p in gold.where if p.text.strip()):
            c["where_n"] += 1
            c["where_found"] += any(nested(p.text, e.where) >= LENIENT for e in brief.key_events if e.where)
    return {**{k: c[k] for k in ("articles", "who_n", "who_found", "when_n", "when_correct", "when_checked_n",
                                 "when_checked_correct", "where_n", "where_found")},
            "what_n": len(event_scores), "actor_recall": _ratio(c["who_found"], c["who_n"]),
            "top_event_overlap": _ratio(sum(event_scores), len(event_scores)),
            "date_accuracy": _ratio(c["when_correct"], c["when_n"]),
            "date_accuracy_checked": _ratio(c["when_checked_correct"], c["when_checked_n"]), "place_overlap": _ratio(c["where_found"], c["where_n"])}


_TITLES = {"polnear": "PolNeAR quotes and speakers", "5w1h": "Giveme5W1H who/what/when/where",
           "conll": "CoNLL-2003 actors found by code"}


def report_dict(kind: str, scores: dict, meta: dict) -> dict:
    """The JSON form of a report (what ``report.json`` holds)."""
    return {"kind": kind, "meta": dict(meta), "scores": dict(scores)}


def render_report(kind: str, scores: dict, meta: dict) -> str:
    """A Markdown report: run details, one table row per score (rates as percentages), then failures."""
    out = [f"# Evaluation: {_TITLES.get(kind, kind)}", ""]
    out += [f"- {k.replace('_', ' ')}: {meta[k]}" for k in ("model", "prompt_version", "date", "articles", "briefed",
                                                            "cached", "failed") if k in meta]
    out += ["", "| Metric | Value |", "|---|---:|"]
    out += [f"| {k.replace('_', ' ')} | {f'{v:.1%}' if isinstance(v, float) else v} |" for k, v in scores.items()]
    if failures := meta.get("failures"):
        out += ["", "## Failed articles", ""]
        out += [f"- `{f['article']}` ({f['stage']}): {f['error']}: {' '.join(f['message'].split())}" for f in failures]
    return "\n".join(out) + "\n"


def failed_outcome(article_id: str, exc: Exception) -> Outcome:
    """The outcome of an article whose brief failed during an evaluation, with a one-line message."""
    message = exc.message if isinstance(exc, SummarizerError) else str(exc)[:300]
    return Outcome(article_id, "failed", stage="brief", error=type(exc).__name__, message=" ".join(message.split()))


def in_parallel(fn: Callable[[T], R], items: list[T], jobs: int = 1, *,
                cancel: Callable[[], None] = lambda: None) -> Iterator[R]:
    """``fn`` over ``items`` on up to ``jobs`` threads (model requests in flight), results in the items' order.

    When the results stop being read early (Ctrl-C, an error, ``close()``), items not started are dropped
    and ``cancel`` is called before the running ones are waited for, so they can end at once.
    """
    if jobs < 1:
        raise ConfigError("--jobs must be at least 1")
    if jobs == 1:
        yield from map(fn, items)
        return
    with ThreadPoolExecutor(max_workers=jobs, thread_name_prefix="eval") as pool:
        try:
            yield from pool.map(fn, items)
        except BaseException:
            cancel()
            raise


def brief_each(one: Callable[[T], Outcome], articles: list[T], take: Callable[[T, Outcome], None], *, client,
               outdir: Path, jobs: int = 1) -> None:
    """``take(article, one(article))`` for every article, in order, ``one`` on up to ``jobs`` threads.

    The first Ctrl-C cancels ``client`` (no new request; the ones in flight, the embedded model's
    generation too, end at once) and raises :class:`Interrupted` saying how many briefs were kept in the
    cache (``one`` puts each brief there as it is made) and how to go on.
    """
    finished: list[Outcome] = []  # list.append is atomic: the threads share it safely

    def counted(article: T) -> Outcome:
        outcome = one(article)
        finished.append(outcome)
        return outcome

    results = in_parallel(counted, articles, jobs, cancel=client.cancel)
    try:
        for article, outcome in zip(articles, results):
            take(article, outcome)
    except KeyboardInterrupt:
        client.cancel()
        results.close()  # waits for the threads still running, which end now
        raise Interrupted(interrupted_message(finished, len(articles), outdir)) from None


def interrupted_message(finished: list[Outcome], total: int, outdir: Path) -> str:
    """What an interrupted evaluation kept and how to resume it."""
    made, cached = (sum(o.status == s for o in finished) for s in ("done", "cached"))
    return (f"interrupted: {made} briefs made in this run and {cached} found in the cache ({made + cached} of "
            f"{total} articles) are kept in {Path(outdir) / STATE_DIR / 'cache'}; no report was written. Run the "
            "same command again: kept briefs are not asked for again, the rest are briefed and the report written")


def run_eval(kind: str, data_dir: Path, outdir: Path, client, *, limit: int | None = None,
             on_outcome: Callable[[Outcome], None] | None = None, jobs: int = 1) -> dict:
    """Brief every article of a data set ("polnear" or "5w1h"), score the briefs, write the reports.

    Briefs go through the batch cache in ``outdir/.summarizer/cache``, so a re-run only pays for what is
    missing; a failing article is recorded and skipped. Writes ``outdir/report.md`` and
    ``outdir/report.json`` (the returned dict); ``on_outcome`` hears of each article as it finishes.
    """
    if kind not in ("polnear", "5w1h"):
        raise ConfigError(f"unknown evaluation {kind!r}: use polnear or 5w1h")
    articles: list = read_polnear(data_dir) if kind == "polnear" else read_5w1h(data_dir)
    if limit is not None:
        articles = articles[:max(limit, 0)]
    outdir = Path(outdir)
    cache = BriefCache(outdir / STATE_DIR / "cache")
    pairs, failures, status = [], [], Counter()

    def one(art) -> Outcome:
        try:
            doc = document_from_bytes(art.text.encode("utf-8"), path=art.id, fmt="text",
                                      max_bytes=client.settings.max_bytes, published=art.published)
            key = cache_key(doc.sha256, client.settings)
            brief, state = cache.get(key), "cached"
            if brief is None:
                brief, state = brief_document(doc, client), "done"
                cache.put(key, brief)
            return Outcome(art.id, state, brief=brief)
        except Exception as exc:  # noqa: BLE001 - one bad article never stops an evaluation
            return failed_outcome(art.id, exc)

    def take(art, outcome: Outcome) -> None:
        if outcome.brief is not None:
            pairs.append((outcome.brief, art.quotes, art.text) if kind == "polnear" else (outcome.brief, art))
        status[outcome.status] += 1
        if outcome.status == "failed":
            failures.append({"article": art.id, "stage": outcome.stage, "error": outcome.error, "message": outcome.message})
        (on_outcome or (lambda _: None))(outcome)

    brief_each(one, articles, take, client=client, outdir=outdir, jobs=jobs)
    scores = score_quotes(pairs) if kind == "polnear" else score_5w1h(pairs)
    meta = {"model": client.settings.model, "prompt_version": prompt_version(), "date": date.today().isoformat(),
            "articles": len(articles), "briefed": status["done"], "cached": status["cached"],
            "failed": status["failed"], "failures": failures}
    report = report_dict(kind, scores, meta)
    write_atomic(outdir / "report.md", render_report(kind, scores, meta), overwrite=True)
    write_atomic(outdir / "report.json", json.dumps(report, indent=2, ensure_ascii=False) + "\n", overwrite=True)
    return report
