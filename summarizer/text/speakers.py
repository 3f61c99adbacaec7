"""Speakers from the dependency parse, for quotations the attribution cues left unattributed.

The speaker is the subject of the speech verb that governs the quotation's
sentence: a named entity there is the speaker (as the article's full name for
that person); a pronoun is the last person named before it; a described
speaker ('the chair of the committee') is kept as the article describes them.
"""

from __future__ import annotations

from .lexicon import CLAUSE_DEPENDENCIES as _CLAUSES, PRONOUN_PEOPLE, SPEECH_VERBS
from .mentions import FoundActor

MAX_DESCRIPTION_WORDS = 8


def _speech_subject(sent, lo: int, hi: int):
    """The subject token of a speech verb of ``sent`` that stands outside the quotation [lo, hi)."""
    for tok in sent:
        if lo <= tok.idx < hi or tok.pos_ not in ("VERB", "AUX"):
            continue
        if tok.lemma_.lower() in SPEECH_VERBS or tok.lower_ in SPEECH_VERBS:
            subj = next((c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass") and not lo <= c.idx < hi), None)
            if subj is not None:
                return subj
    return None


def _last_person_before(pos: int, named: list[FoundActor]) -> str:
    best, at = "", -1
    for a in named:
        if a.kind != "person":
            continue
        for m in a.mentions:
            if at < m.start < pos:
                best, at = a.name, m.start
    return best


def _named_in(subtree_start: int, subtree_end: int, named: list[FoundActor]) -> str:
    for a in named:
        if a.kind in ("person", "organization") and any(subtree_start <= m.start < subtree_end for m in a.mentions):
            return a.name
    return ""




def _phrase(subj) -> list:
    """The subject's noun phrase without the clauses hung on it ('the mayor, who has led ...' -> 'the mayor')."""
    keep = [subj]
    for child in subj.children:
        if child.dep_ not in _CLAUSES:
            keep.extend(child.subtree)
    return sorted(keep, key=lambda t: t.i)


def _titled_person(phrase: list, named: list[FoundActor]) -> str:
    """The person whose title the description repeats ('the mayor' -> Mayor Ines Okafor), when only one fits."""
    head = phrase[-1].lower_ if len(phrase) <= 3 else ""
    fits = [a.name for a in named if a.kind == "person" and head and head in a.role.lower().split()]
    return fits[0] if len(fits) == 1 else ""


def speaker_from_parse(parsed, start: int, end: int, named: list[FoundActor]) -> str:
    """Who the parse says spoke the quotation at [start, end), or ''."""
    span = parsed.char_span(start, end, alignment_mode="expand")
    if span is None:
        return ""
    subj = _speech_subject(span.sent, start, end)
    if subj is None:
        return ""
    if subj.lower_ in PRONOUN_PEOPLE:
        return _last_person_before(subj.idx, named)
    words = _phrase(subj)
    lo, hi = words[0].idx, words[-1].idx + len(words[-1])
    if name := _named_in(lo, hi, named) or _titled_person(words, named):
        return name
    if subj.pos_ in ("PRON", "DET") or len(words) > MAX_DESCRIPTION_WORDS:
        return ""
    return parsed.text[lo:hi]
