"""Ground stage: check every item the model returned against the article.

Quotes come from code-found candidates, so their text is the article's own
characters at known offsets; a quote that somehow cannot be located is never
shown. Event evidence and time expressions, actor names and quote speakers
are aligned (exact, then fuzzy) and get a status; dates are normalised
against the publication date. Numbers in the headline and summary must occur
in the article. Unsupported items carry a warning, or are dropped in strict mode.
"""

from __future__ import annotations

import re
from datetime import date as _date
from functools import lru_cache
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from ..text.alignment import Aligner, fold
from ..text.actors import (
    DEMONYMS, PHOTO_CREDITS, bodies_named_often, fix_kinds, groups_named_often, is_common_noun, merge_short_forms, people_named_often,
    tidy_name, tidy_role,
)
from ..text.quotations import TITLES, Candidate, split_title
from ..text.dates import normalize_when
from ..text.documents import Document
from .types import Actor, KeyEvent, OpenQuestion, Quote, Span, Status
from ..text.sentences import Sentence, sentence_around
from .events import compress_event, eventworthy
from .questions import keep_question
from .summary import check_prose


@dataclass
class Grounded:
    """The checked parts of a brief."""

    headline: str
    summary: str
    key_events: list[KeyEvent]
    actors: list[Actor]
    quotes: list[Quote]
    open_questions: list[OpenQuestion]
    warnings: list[str] = field(default_factory=list)


_STOP = {"the", "a", "an", "of", "to", "in", "on", "at", "and", "or", "for", "with", "by", "from", "is", "was", "were",
         "has", "have", "had", "be", "been", "it", "its", "that", "this", "as", "after", "said", "says"}


def _content_words(s: str) -> set[str]:
    return {w for w in re.findall(r"[a-z0-9]+", fold(s).lower()) if w not in _STOP and len(w) > 2}


_MONTHS_DAYS = {"january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
                "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
_PLACE = re.compile(
    r"\b(?:in|at|near|outside|across|into|from)\s+(?:the\s+)?((?:(?:northern|southern|eastern|western|central)\s+)?"
    r"[A-Z][\w\u2019'-]+(?:[\s-]+(?:of\s+|de\s+|el\s+)?[A-Z][\w\u2019'-]+)*)")


_PLACE_OF = re.compile(r"\b(?:city|town|village|province|county|district|region|state|capital|island|suburb) of "
                       r"([A-Z][\w\u2019'-]+(?:[\s-]+[A-Z][\w\u2019'-]+)*)")


def place_in(sentence: str) -> str:
    """The place a sentence names: 'the city of X' first, else the first 'in/at/near X' ('in Croydon' ->
    'Croydon') that is not a date or a nationality ('in the northern Afghan city of ...'), or ''."""
    for m in [*_PLACE_OF.finditer(sentence), *_PLACE.finditer(sentence)]:
        if is_place_like(m.group(1)):
            return m.group(1)
    return ""


def is_place_like(where: str, people: tuple = ()) -> bool:
    """Whether the words could name a place: not a date, nationality, title, photo credit or person."""
    words = [w.lower().removesuffix("'s").removesuffix("\u2019s").rstrip(".") for w in where.split()]
    if not words or where.islower() or re.match(r"\d", words[0]) or any(w in _MONTHS_DAYS for w in words):
        return False
    if all(w in DEMONYMS or w in ("north", "south", "east", "west", "central") for w in words):
        return False  # 'German', 'northern Afghan', 'North American'
    if any(w in TITLES or w in PHOTO_CREDITS for w in words):
        return False
    return not any(where == name or where == name.split()[-1] for name, _ in people)


def _said_near(text: str, role: str, speaker: str, reach: int = 200) -> bool:
    """True when ``role`` occurs in the article within ``reach`` characters of the speaker's last name."""
    role, last = fold(role).lower().strip(), fold(speaker).split()[-1].lower() if speaker.strip() else ""
    if not role or not last:
        return False
    low = fold(text).lower()
    for m in re.finditer(rf"\b{re.escape(last)}\b", low):
        if role in low[max(0, m.start() - reach) : m.end() + reach]:
            return True
    return False


def _echoes(text: str, instructions: str) -> bool:
    """True when ``text`` is (nearly) a copy of a line of the instructions."""
    folded = fold(text).lower().rstrip("?")
    return any(fuzz.partial_ratio(folded, fold(line).lower()) >= 85 for line in instructions.splitlines() if len(line) > 10)


def _foreign(value: str, article: str) -> str:
    """Letters of ``value`` that the article never uses: a small model slips into another script ('据')."""
    return "".join(sorted({ch for ch in value if ord(ch) > 0x24F and ch.isalpha() and ch not in article}))


def _role_of(al: Aligner, role: str, name: str) -> bool:
    """True when a sentence that names the person ('Harbour master Tomas Reyes said') also gives the role."""
    last, role = fold(name).split()[-1].lower() if name.strip() else "", fold(role).lower().strip()
    for m in re.finditer(rf"\b{re.escape(last)}\b", al.lower) if last and role else ():
        start, end = sentence_around(al.text, al.index[m.start()])
        if role in fold(al.text[start:end]).lower():
            return True
    return False


_ASKS = re.compile(r"(?:what|who|whom|whose|when|where|why|how|which|will|would|can|could|is|are|was|were|do|does|"
                   r"did|should|has|have|had)\b", re.IGNORECASE)
_VAGUE = {"main", "event", "events", "cause", "causes", "reason", "reasons", "outcome", "impact", "consequence",
          "consequences", "problem", "idea", "point", "article", "story", "news", "happen", "happened", "next", "what",
          "who", "when", "where", "why", "how", "will", "would", "could", "did", "does", "status", "timing", "result"}


def _worth_asking(question: str, article: Aligner, asked: list[str]) -> bool:
    """A real open question: phrased as one, about something in particular, not the article's own words
    (a quoted 'What more do you want?'), and not a near-repeat of one already kept."""
    words = _content_words(question)
    if not _ASKS.match(question) or not words - _VAGUE:
        return False  # 'Rescuers have worked ...?', 'What was the main cause?'
    if fold(question.rstrip("?")).lower() in article.lower:
        return False
    return all(len(words & _content_words(a)) < 0.7 * min(len(words), len(_content_words(a)) or 1) for a in asked)


def ground(
    draft, doc: Document, candidates: list[Candidate], sentences: list[Sentence], *, strict: bool = False,
    instructions: str = "", search_from: int = 0, quotations: list[Candidate] | None = None,
) -> Grounded:
    """Check a model draft against ``doc`` and build the brief's grounded items.

    ``instructions`` is the text the model was given besides the article
    (prompt and schema descriptions); questions that merely echo it are dropped.
    ``quotations`` (default: the candidates offered to the model) are all the
    quotations the brief keeps; those the model chose are marked key.
    """
    al = Aligner(doc.text)
    by_sentence = {s.id: s for s in sentences}
    warnings: list[str] = []
    by_id = {c.id: c for c in candidates}

    picked: dict[int, tuple[str, str]] = {}  # start offset -> the model's (speaker, role) for a key quote
    for q in getattr(draft, "quotes", []) or []:
        cand = by_id.get(q.id)
        if cand is not None and cand.start not in picked:
            picked[cand.start] = (q.speaker.strip(), q.speaker_role.strip())
    quotes: list[Quote] = []
    for cand in quotations if quotations is not None else candidates:
        if doc.text[cand.start : cand.end] != cand.text:  # cannot happen unless the text changed
            warnings.append(f"a quotation at {cand.start} could not be located in the article and is not shown")
            continue
        model_speaker, model_role = picked.get(cand.start, ("", ""))
        # An attribution found in the text beats the small model's guess.
        speaker = cand.speaker or model_speaker
        role = cand.role or (model_role if _said_near(doc.text, model_role, speaker) else "")
        speaker_span = al.find_name(speaker) if speaker else Span(status=Status.unsupported)
        if speaker and speaker_span.status is Status.unsupported:
            warnings.append(f"speaker {speaker!r} of the quotation at {cand.start} does not occur in the article; shown as unattributed")
            speaker, role = "", ""
        quotes.append(
            Quote(text=cand.text, speaker=speaker, speaker_role=role, start=cand.start, end=cand.end, status=Status.exact,
                  speaker_status=speaker_span.status if speaker else Status.unsupported, key=cand.start in picked)
        )
    quotes.sort(key=lambda q: q.start)

    events: list[KeyEvent] = []
    used: set[str] = set()
    for e in draft.key_events:
        sentence = by_sentence.get(e.sentence)
        if sentence is None or sentence.id in used or not eventworthy(sentence.text):
            continue  # unknown, repeated, or a quotation or furniture: never an event
        used.add(sentence.id)
        ev_warn: list[str] = []
        pos = doc.text.find(sentence.text, search_from)
        if pos >= 0:
            ev_span = Span(status=Status.exact, start=pos, end=pos + len(sentence.text), score=100.0)
        else:
            ev_span = al.find(sentence.text)
        if ev_span.status is Status.unsupported:
            ev_warn.append("evidence not found in the article")
        evidence = doc.text[ev_span.start : ev_span.end] if ev_span.start is not None else sentence.text
        # A dateline's full date is the publication date, not the event's.
        times = [t for t in sentence.times() if not (doc.published and normalize_when(t, None) == doc.published)] or sentence.times()
        when = times[0] if times else ""
        when_span, date = None, None
        if when:
            when_span = al.find(when)
            date = normalize_when(when, doc.published, sentence.text[: max(0, sentence.text.find(when))])
            if date is None:
                ev_warn.append(f"time {when!r} could not be resolved to a date" + ("" if doc.published else " (no publication date)"))
        actors_ok = []
        for name in e.actors:
            name = split_title(" ".join(name.split()))[0]
            if all(t.lower().rstrip(".") in TITLES for t in name.split()) or is_common_noun(name, doc.text):
                continue
            if al.find_name(name).status is Status.unsupported:
                ev_warn.append(f"actor {name!r} not found in the article")
            elif name.strip() not in actors_ok:
                actors_ok.append(name.strip())
        where = e.where.strip()
        if where and al.find(where, min_score=90.0).status is Status.unsupported:
            ev_warn.append(f"place {where!r} not found in the article")
            where = ""
        if where and not is_place_like(where, people_named_often(doc.text)):
            where = ""  # 'German', "Tuesday's", 'Mr': not a place
        where = where or place_in(sentence.text)
        what = compress_event(sentence.text)  # the model chose the sentence; code states the event in its words
        if strict and ev_span.status is Status.unsupported:
            continue
        events.append(KeyEvent(what=what, when=when, date=date, where=where, actors=actors_ok,
                               evidence=evidence, evidence_span=ev_span, when_span=when_span, warnings=ev_warn))
    events = events_in_order(events)

    actors: list[Actor] = []
    seen: set[str] = set()
    for a in draft.actors:
        name, title = tidy_name(a.name)
        role = tidy_role(a.role)
        role = role if role and _role_of(al, role, name) else title
        a = a.model_copy(update={"name": name, "role": role})
        key = fold(a.name).lower().strip()
        if not key or key in seen or all(t.rstrip(".") in TITLES for t in key.split()) or key in DEMONYMS \
                or is_common_noun(a.name, doc.text):
            continue  # empty, repeated, a bare title ('Mayor'), a nationality ('German') or a common noun ('Car')
        seen.add(key)
        spoke = next((q for q in quotes if fold(q.speaker).lower() == key), None)
        kind = "person" if spoke else a.kind
        actors.append(_actor(al, doc.text, a.name.strip(), kind, a.role or (tidy_role(spoke.speaker_role) if spoke else "")))
    for q in (q for q in quotes if q.key or len(q.text.split()) >= 3):  # quoted speakers are actors of the story
        name, title = tidy_name(q.speaker)
        if name and fold(name).lower() not in seen:
            seen.add(fold(name).lower())
            actors.append(_actor(al, doc.text, name, "person", tidy_role(q.speaker_role) or title))
    short = len(doc.text.split()) < 300  # in a short article, twice is often
    for name, kind in bodies_named_often(doc.text, 2 if short else 3)[: max(2, MAX_ACTORS - len(actors))]:  # the two most named always
        key = fold(name).lower()
        if key not in seen and not any(key in fold(a.name).lower() for a in actors):
            seen.add(key)
            actors.append(_actor(al, doc.text, name, kind, ""))
    known_last = {fold(a.name).lower().split()[-1] for a in actors if a.name.split()}
    for name, title in people_named_often(doc.text)[: max(0, MAX_ACTORS - len(actors))]:
        name, tidy_title = tidy_name(name)
        title = title or tidy_title
        if not name:
            continue
        if fold(name).lower() not in seen and fold(name).lower().split()[-1] not in known_last:
            seen.add(fold(name).lower())
            actors.append(_actor(al, doc.text, name, "person", title))
    for label in groups_named_often(doc.text)[: max(1, MAX_ACTORS - len(actors))]:
        if not any(label in fold(a.name).lower().split() for a in actors):
            actors.append(_actor(al, doc.text, label, "group", ""))
    actors = fix_kinds(merge_short_forms(actors), doc.text)
    if strict:
        actors = [a for a in actors if a.name_span and a.name_span.status is not Status.unsupported]

    headline, summary = draft.headline.strip(), draft.summary.strip()
    lead = " ".join(sentences[0].text.split()) if sentences else ""
    if _foreign(headline, doc.text):
        warnings.append("the model's headline was not in the article's language; the article's title is shown")
        headline = doc.title or " ".join(lead.split()[:15])
    if _foreign(summary, doc.text):
        warnings.append("the model's summary was not in the article's language; the article's first sentence is shown")
        summary = lead
    headline, summary, prose_warnings = check_prose(headline, summary, doc.title, sentences, doc.text)
    warnings += prose_warnings

    bad_events = sum(1 for e in events if e.evidence_span and e.evidence_span.status is Status.unsupported)
    if bad_events:
        warnings.append(f"{bad_events} event(s) have no supporting evidence in the article")
    bad_actors = sum(1 for a in actors if a.name_span and a.name_span.status is Status.unsupported)
    if bad_actors:
        warnings.append(f"{bad_actors} actor(s) are not named in the article")
    questions: list[OpenQuestion] = []
    asked: list[str] = []
    for q in draft.open_questions:
        text = " ".join(q.question.split()).rstrip(".")
        if len(text.split()) < 4 or _echoes(text, instructions) or _foreign(text, doc.text) \
                or not _worth_asking(text, al, asked):
            continue  # too short, our own instructions parroted back, garbled, or not a real open question
        text = text if text.endswith("?") else text + "?"
        if not keep_question(text, doc.text):
            continue  # ungrammatical, or the article answers it
        asked.append(text)
        basis = by_sentence.get(q.sentence)
        questions.append(OpenQuestion(question=text, basis=basis.text if basis else ""))
    return Grounded(headline, summary, events, actors, quotes, questions, warnings)


MAX_ACTORS = 12


def _actor(al: Aligner, text: str, name: str, kind: str, role: str) -> Actor:
    span = al.find_name(name)
    warns, evidence, ev_span, aliases = [], "", None, []
    if span.status is Status.unsupported:
        warns.append("name not found in the article")
    else:
        s, e = sentence_around(text, span.start)
        evidence = " ".join(text[s:e].split())[:300]
        ev_span = Span(status=Status.exact, start=s, end=e, score=100.0)
        last = name.split()[-1] if kind == "person" and len(name.split()) > 1 else ""
        if last and re.search(rf"(?<!{re.escape(name.split()[-2])} ){re.escape(last)}\b", text):
            aliases.append(last)
    return Actor(name=name, kind=kind, role=role, aliases=aliases, evidence=evidence,
                 name_span=span, evidence_span=ev_span, warnings=warns)


def events_in_order(events: list[KeyEvent]) -> list[KeyEvent]:
    """Events in article order (a news article leads with its main event), with the dated ones
    put in date order among the places dated events hold; a week or month sorts by its first day."""
    by_place = sorted(events, key=lambda e: e.evidence_span.start if e.evidence_span and e.evidence_span.start is not None else 10**9)
    dated = iter(sorted((e for e in by_place if e.date), key=lambda e: _first_day(e.date)))
    return [next(dated) if e.date else e for e in by_place]


def _first_day(iso: str) -> str:
    """'2016-W44' -> '2016-10-31', '2016-11' -> '2016-11-01', '2016' -> '2016-01-01': comparable as text."""
    if m := re.fullmatch(r"(\d{4})-W(\d\d)", iso):
        try:
            return _date.fromisocalendar(int(m.group(1)), int(m.group(2)), 1).isoformat()
        except ValueError:  # a week the year does not have
            return iso
    return (iso + "-01-01")[:10] if len(iso) < 10 else iso
