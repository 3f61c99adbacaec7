"""Grounding of quotes: the code-found quotations with code's speakers, the model's picks marked key."""

from __future__ import annotations

from ..text.analysis import Analysis
from ..text.quotations import Candidate
from .types import Quote, Span, Status


def ground_quotes(draft, analysis: Analysis, candidates: list[Candidate], quotations: list[Candidate],
                  warnings: list[str]) -> list[Quote]:
    """Every quotation the brief keeps, verbatim with offsets; those the model picked are marked key.

    Speakers are code's (the attribution found in the text); a speaker that the article never
    names is dropped (the quote is shown unattributed, with a warning).
    """
    text, al = analysis.text, analysis.aligner
    by_id = {c.id: c for c in candidates}
    picked = {by_id[q].start for q in getattr(draft, "quotes", []) or [] if q in by_id}
    quotes: list[Quote] = []
    for cand in quotations:
        if text[cand.start : cand.end] != cand.text:  # cannot happen unless the text changed
            warnings.append(f"a quotation at {cand.start} could not be located in the article and is not shown")
            continue
        speaker, role = cand.speaker, cand.role
        speaker_span = al.find_name(speaker) if speaker else Span(status=Status.unsupported)
        if speaker and speaker_span.status is Status.unsupported:
            warnings.append(f"speaker {speaker!r} of the quotation at {cand.start} does not occur in the article; shown as unattributed")
            speaker, role = "", ""
        quotes.append(
            Quote(text=cand.text, speaker=speaker, speaker_role=role, start=cand.start, end=cand.end, status=Status.exact,
                  speaker_status=speaker_span.status if speaker else Status.unsupported, key=cand.start in picked)
        )
    quotes.sort(key=lambda q: q.start)
    return quotes
