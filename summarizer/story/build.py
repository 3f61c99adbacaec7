"""Story brief: one brief of several articles about the same story, built from their briefs.

Code does the merging, so nothing is invented and every item points at
article text:

- **timeline**: the articles' key events, merged when two articles report the
  same thing (same date, or both undated, and content-word overlap >= 0.4);
  an event two articles date differently is merged when the overlap is
  >= 0.6 and becomes a *date* discrepancy. Sorted by date, undated last.
- **actors**: the briefs' actors plus the names code finds in each text
  (:mod:`summarizer.entities`), merged across spellings and transliterations
  ('Kestrel Ford' / 'Kestrelford', 'Ahmad' / 'Ahmed'); the most frequent
  spelling is the name, the others are aliases. Spellings that differ between
  articles (a transliteration, one word or two) are aliases too, listed first,
  with the articles that use each (``spellings``); they are not discrepancies.
- **figures**: numbers with their units, compared by code
  (:mod:`summarizer.discrepancies`): agreed figures and *figure* discrepancies.
- **quotes** with the outlet they appear in; **agreed facts** (events and
  figures two or more articles report); **open questions**: one per
  discrepancy, then the articles' own.

The summary is written by code (:mod:`summarizer.story.summary`): the members'
opening statements (their brief summaries first), every source's lead first,
each statement that repeats one already taken dropped, within 300 words; the
headline is the first article's. On the embedded model no story call is made:
there the article summaries are code's (the pipeline asks that model for none),
and so is the story's. Only with a remote model (where the article briefs'
summaries are the model's too) one model call writes the story headline and a
two-sentence summary from the articles' headlines and summaries; if it mentions
a number no article has, or fails, the first article's headline and the code's
summary are used instead, with a warning. The story prompt lives here, not in
``prompts/``: a new template there would change the article briefs' prompt
version (a hash of every template) and so every cache key and cassette.
The pydantic models are in :mod:`summarizer.storymodels` and re-exported here.
"""

from __future__ import annotations

import re
from collections import Counter

from pydantic import BaseModel, Field

from ..text.quotations import TITLES
from .discrepancies import NUMBER_WORDS, figure_findings
from .summary import story_summary
from ..text.documents import Document
from ..text.names import cluster_names, content_stems, entity_mentions, name_key, same_name
from ..errors import CassetteMiss, ModelError
from ..brief.types import Brief, OpenQuestion, Status, Usage
from ..brief.prompting import prompt_version, story_messages
from .types import (ActorSpelling, AgreedFact, Discrepancy, DiscrepancySide, Evidence, StoryActor, StoryBrief, StoryMeta,
                          StoryQuote, StorySource, TimelineEvent, TimelineSource, story_json_schema, story_schema_version)
from ..text.lexicon import BUILD_ORG_WORDS as _ORG_WORDS  # noqa: F401

__all__ = [
    "ActorSpelling", "AgreedFact", "Discrepancy", "DiscrepancySide", "Evidence", "StoryActor", "StoryBrief",
    "StoryMeta", "StoryQuote", "StorySource", "TimelineEvent", "TimelineSource", "build_story", "discrepancy_question",
    "dates_compatible", "merge_actors", "merge_timeline", "story_json_schema", "story_schema_version",
]

Member = tuple[str, Document, Brief]
SAME_EVENT = 0.4
SAME_EVENT_OTHER_DATE = 0.6
MAX_CODE_ACTORS = 25
MAX_ALIASES = 8
_PERSON_BEFORE = (TITLES - {"the", "a", "an", "council", "member"}) | {"said", "says", "told", "by"}
_PLACE_BEFORE = re.compile(r"\b(?:in|at|near|from|to|through|outside|around|across|into)\s+(?:the\s+)?$", re.IGNORECASE)



class StoryDraft(BaseModel):
    """What the model is asked for: the story's headline and summary."""

    headline: str = Field(max_length=120, description="Headline of the whole story, at most 15 words.")
    summary: str = Field(max_length=500, description="Two sentences: what happened and why it matters, from the briefs only.")


def build_story(story_id: str, members: list[Member], client=None) -> StoryBrief:
    """The story brief of ``members`` ((rel path, document, brief) triples, in the order to show them).

    ``client`` (a :class:`~summarizer.llm.ModelClient`) of a remote model is asked once for the
    headline and summary; None or the embedded model: the first article's headline and the code's summary.
    """
    docs = {p: d for p, d, _ in members}
    sources = [StorySource(path=p, title=d.title, published=d.published, headline=b.headline) for p, d, b in members]
    timeline, date_conflicts = merge_timeline(members)
    actors = merge_actors(members)
    figure_conflicts, agreed_figures = figure_findings([(p, d) for p, d, _ in members])
    discrepancies = figure_conflicts + date_conflicts
    agreed = [
        AgreedFact(what=e.what, kind="event", sources=[Evidence(path=s.path, text=s.evidence, start=s.start, end=s.end) for s in e.sources])
        for e in timeline if len({s.path for s in e.sources}) >= 2 and not _dated_differently(e)
    ] + agreed_figures
    quotes = [
        StoryQuote(text=q.text, speaker=q.speaker, source=p, start=q.start, end=q.end)
        for p, d, b in members for q in b.quotes
        if q.status is not Status.unsupported and d.text[q.start : q.end] == q.text
    ]
    questions = [discrepancy_question(d) for d in discrepancies]
    asked = {q.question.lower() for q in questions}
    for p, _, b in members:
        for q in b.open_questions:
            if q.question.lower() not in asked:
                asked.add(q.question.lower())
                questions.append(OpenQuestion(question=q.question, basis=f"{p}: {q.basis}" if q.basis else p))
    warnings = []
    undated = [p for p, d, _ in members if not d.published]
    if undated:
        warnings.append(f"no publication date for {', '.join(undated)}: their relative dates could not be resolved")
    headline, summary = members[0][2].headline, story_summary(members)
    meta = StoryMeta(schema_version=story_schema_version())
    if client is not None and not client.settings.is_local:
        headline, summary, usage, warning = _ask_model(client, members, discrepancies, docs, (headline, summary))
        meta = StoryMeta(model=client.settings.model, prompt_version=prompt_version("story"), schema_version=meta.schema_version, usage=usage)
        if warning:
            warnings.append(warning)
    return StoryBrief(story_id=story_id, headline=headline, summary=summary, sources=sources, timeline=timeline, actors=actors,
                      quotes=quotes, agreed_facts=agreed, discrepancies=discrepancies, open_questions=questions,
                      warnings=warnings, meta=meta)


def discrepancy_question(d: Discrepancy) -> OpenQuestion:
    """'Sources disagree on closure (days): a.txt says "three-day", b.txt says "four-day". Which is right?'"""
    by_value: dict[str, list[str]] = {}
    for side in d.sides:
        paths = by_value.setdefault(side.value, [])
        if side.source not in paths:
            paths.append(side.source)
    said = ", ".join(f"{_and(paths)} {'say' if len(paths) > 1 else 'says'} \u201c{value}\u201d" for value, paths in by_value.items())
    return OpenQuestion(question=f"Sources disagree on {d.topic}: {said}. Which is right?", basis=f"{d.kind} discrepancy between {len({s.source for s in d.sides})} sources")


def _and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


# --- timeline -----------------------------------------------------------------------------------------------------


def dates_compatible(a: str | None, b: str | None) -> bool:
    """Same date, both undated, or one a partial form of the other ('2025-03' / '2025-03-10')."""
    if a is None or b is None:
        return a is b
    return a.startswith(b) or b.startswith(a)


def _dated_differently(e: TimelineEvent) -> bool:
    dates = [s.date for s in e.sources if s.date]
    return any(not dates_compatible(x, y) for x in dates for y in dates)


def merge_timeline(members: list[Member]) -> tuple[list[TimelineEvent], list[Discrepancy]]:
    """Key events merged across articles, in date order, and the date discrepancies among them."""
    groups: list[list[tuple[int, TimelineSource, str, set[str]]]] = []
    for n, (path, doc, brief) in enumerate(members):
        for e in brief.key_events:
            span = e.evidence_span
            if span is None or span.status is Status.unsupported or span.start is None or span.end is None:
                continue  # nothing in the article to point at
            evidence = doc.text[span.start : span.end]
            src = TimelineSource(path=path, when=e.when, date=e.date, evidence=evidence, start=span.start, end=span.end)
            stems = content_stems(evidence) or content_stems(e.what)
            for g in groups:
                if any(x[1].path == path for x in g):
                    continue
                best = max(_overlap(stems, x[3]) for x in g)
                same = all(dates_compatible(src.date, x[1].date) for x in g)
                if best >= SAME_EVENT and same or best >= SAME_EVENT_OTHER_DATE and src.date and all(x[1].date for x in g):
                    g.append((n, src, e.what, stems))
                    break
            else:
                groups.append([(n, src, e.what, stems)])
    events = []
    for g in groups:
        dates = Counter(x[1].date for x in g if x[1].date)
        date = min(dates, key=lambda d: (-dates[d], -len(d), d)) if dates else None  # most given, fullest, earliest
        events.append((date is None, date or "", g[0][0], g[0][1].start, TimelineEvent(what=g[0][2], date=date, sources=[x[1] for x in g])))
    events.sort(key=lambda t: t[:4])
    timeline = [t[4] for t in events]
    conflicts = []
    for e in timeline:
        if _dated_differently(e):
            sides = [DiscrepancySide(source=s.path, value=f"{s.when} ({s.date})" if s.when else s.date, evidence=s.evidence, start=s.start, end=s.end)
                     for s in e.sources if s.date]
            conflicts.append(Discrepancy(topic=f"date of: {e.what[:100]}", kind="date", sides=sides))
    return timeline, conflicts


def _overlap(a: set[str], b: set[str]) -> float:
    """Shared content words over the smaller set."""
    return len(a & b) / min(len(a), len(b)) if a and b else 0.0


# --- actors -------------------------------------------------------------------------------------------------------


def merge_actors(members: list[Member]) -> list[StoryActor]:
    """Actors merged across articles and spellings; spelling variants between articles become aliases (listed first)."""
    # (spelling, path, start, end, kind from a brief or None)
    mentions: list[tuple[str, str, int | None, int | None, str | None]] = []
    for path, doc, brief in members:
        for a in brief.actors:
            if a.name_span is not None and a.name_span.status is not Status.unsupported:
                mentions.append((a.name, path, None, None, a.kind))
        mentions += [(name, path, s, e, None) for name, s, e in entity_mentions(doc.text)]
    spellings = list(dict.fromkeys(m[0] for m in mentions))
    docs = {p: d for p, d, _ in members}
    order = {p: i for i, (p, _, _) in enumerate(members)}
    actors: list[tuple[tuple, StoryActor]] = []
    for cluster in cluster_names(spellings):
        names = {spellings[i] for i in cluster}
        ms = [m for m in mentions if m[0] in names]
        paths = sorted({m[1] for m in ms}, key=order.get)
        from_brief = [m[4] for m in ms if m[4]]
        if not from_brief and len(paths) < 2:
            continue
        by_key: dict[str, Counter] = {}
        for m in ms:
            by_key.setdefault(name_key(m[0]), Counter())[m[0]] += 1
        best_form = {k: max(c.items(), key=lambda kv: (not kv[0].isupper(), kv[1]))[0] for k, c in by_key.items()}
        canonical_key = max(by_key, key=lambda k: (sum(by_key[k].values()), len(k.split()), k))
        variants = _variant_spellings(ms, by_key, best_form, order)
        # A longer form seen once is more often page clutter ('View Photos Hillary Clinton') than a name.
        others = [k for k in by_key if k != canonical_key and (sum(by_key[k].values()) > 1 or not _extends(k, by_key))]
        aliased = [v.text for v in variants if name_key(v.text) != canonical_key]
        aliases = (aliased + [best_form[k] for k in others if best_form[k] not in aliased])[:max(MAX_ALIASES, len(aliased))]
        kind = _kind(ms, from_brief, docs)
        actors.append(((-len(paths), not from_brief, -len(ms)), StoryActor(
            name=best_form[canonical_key], kind=kind, aliases=aliases, sources=paths, spellings=variants)))
    actors.sort(key=lambda t: t[0])
    out, code_only = [], 0
    for (_, only_code, _), a in actors:
        code_only += only_code
        if not only_code or code_only <= MAX_CODE_ACTORS:
            out.append(a)
    return out


def _extends(key: str, others) -> bool:
    """Whether ``key`` is another key with words in front ('fbi director james comey' of 'james comey')."""
    words = key.split()
    return any(0 < len(o.split()) < len(words) and words[-len(o.split()) :] == o.split() for o in others)


def _kind(ms, from_brief: list[str], docs: dict[str, Document]) -> str:
    """The briefs' kind, else a guess from the text: an organisation word, a place cue, a title or a lone surname."""
    keys = {name_key(m[0]) for m in ms}
    if any(k.split()[-1] in _ORG_WORDS for k in keys):
        return "organization"  # before the briefs: a quote 'said ... of the River Authority' makes no person
    kinds = Counter(k for k in from_brief if k != "other")
    if kinds:
        return kinds.most_common(1)[0][0]
    person = any(len(k.split()) == 1 and any(len(o.split()) > 1 and o.split()[-1] == k for o in keys) for k in keys)
    for name, path, start, end, _ in ms:
        if start is None:
            continue
        text = docs[path].text
        line_start = start == 0 or text[start - 1] == "\n"
        before = text[max(0, start - 25) : start]
        if _PLACE_BEFORE.search(before) or (line_start and name.isupper() and text[end : end + 1] == ","):
            return "place"
        word = re.search(r"\b([a-z]+)[\s,]*$", re.split(r"[.!?\"\n\u201c\u201d]", before)[-1].lower())
        person = person or (word is not None and word.group(1) in _PERSON_BEFORE)
    return "person" if person else "other"


def _variant_spellings(ms, by_key: dict[str, Counter], best_form: dict[str, str], order: dict[str, int]) -> list[ActorSpelling]:
    """The spellings of one actor that differ between articles, each with the articles that use it.

    Two spellings count when they are the same name letter by letter (see
    :func:`_variant`) and each is used by an article that does not use the
    other; a short or long form ('Varga' / 'Ines Varga') is no variant.
    """
    used: dict[str, set[str]] = {}
    for name, path, *_ in ms:
        used.setdefault(name_key(name), set()).add(path)
    keys = list(by_key)
    variants = {k for a in keys for b in keys if a != b and used[a] - used[b] and used[b] - used[a] and _variant(a, b) for k in (a, b)}
    ordered = sorted(variants, key=lambda k: (-len(used[k]), min(order[p] for p in used[k]), k))
    return [ActorSpelling(text=best_form[k], sources=sorted(used[k], key=order.get)) for k in ordered]


def _variant(a: str, b: str) -> bool:
    """Spelling variants ('Kestrel Ford' / 'Kestrelford', 'Indra' / 'Indre'), not a short or long form
    ('Varga' / 'Ines Varga'), a plural or an adjective ('Democrat' / 'Democrats', 'America' / 'American')."""
    sa, sb = re.sub(r"[\s-]", "", a), re.sub(r"[\s-]", "", b)
    if sa == sb:
        return True
    if sa.startswith(sb) or sb.startswith(sa):
        return False
    ta, tb = a.split(), b.split()
    short, longer = sorted((ta, tb), key=len)
    if any(longer[i : i + len(short)] == short for i in range(len(longer) - len(short) + 1)):
        return False
    return same_name(a, b)


# --- the optional model call --------------------------------------------------------------------------------------


def _numbers(text: str) -> set[str]:
    """Numbers in ``text``: digit strings (commas dropped) and number words."""
    words = {w for w in re.findall(r"[a-z]+", text.lower()) if w in NUMBER_WORDS}
    return {n.replace(",", "") for n in re.findall(r"\d[\d,]*(?:\.\d+)?", text)} | words


def _ask_model(client, members: list[Member], discrepancies: list[Discrepancy], docs: dict[str, Document],
               fallback: tuple[str, str]):
    """(headline, summary, usage, warning or '') from one model call, checked against the articles;
    ``fallback`` (headline, summary) when the call fails or invents a number."""
    articles = [{"path": p, "published": d.published, "headline": b.headline, "summary": b.summary} for p, d, b in members]
    messages = story_messages(articles=articles, disagreements=[discrepancy_question(x).question for x in discrepancies])
    try:
        draft, usage = client.extract(messages, StoryDraft)
    except (ModelError, CassetteMiss) as exc:
        return *fallback, Usage(), (f"the model could not write the story headline and summary ({exc.message}); "
                                    "the first article's headline and the articles' summary statements are shown")
    present: set[str] = set()
    for d in docs.values():
        present |= _numbers(d.text)
    present |= {str(v) for w, v in NUMBER_WORDS.items() if w in present} | {w for w, v in NUMBER_WORDS.items() if str(v) in present}
    invented = sorted(_numbers(f"{draft.headline} {draft.summary}") - present)
    if invented:
        return *fallback, usage, (f"the model's story summary mentions {', '.join(invented)}, which no article of the story does; "
                                  "the first article's headline and the articles' summary statements are shown instead")
    return " ".join(draft.headline.split()), " ".join(draft.summary.split()), usage, ""
