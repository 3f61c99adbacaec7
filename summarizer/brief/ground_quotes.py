"""Grounding of quotes: the code-found quotations, with the model's key picks and speaker guesses checked."""

from __future__ import annotations

import re

from ..text.alignment import fold
from ..text.analysis import Analysis
from ..text.quotations import Candidate
from .types import Quote, Span, Status


def said_near(text: str, role: str, speaker: str, reach: int = 200) -> bool:
    """True when ``role`` occurs in the article within ``reach`` characters of the speaker's last name."""
    role, last = fold(role).lower().strip(), fold(speaker).split()[-1].lower() if speaker.strip() else ""
    if not role or not last:
        return False
    low = fold(text).lower()
    for m in re.finditer(rf"\b{re.escape(last)}\b", low):
        if role in low[max(0, m.start() - reach) : m.end() + reach]:
            return True
    return False


def ground_quotes(draft, analysis: Analysis, candidates: list[Candidate], quotations: list[Candidate],
                  warnings: list[str]) -> list[Quote]:
    """Every quotation the brief keeps, verbatim with offsets; those the model picked are marked key.

    An attribution found in the text beats the model's guess; a speaker that the
    article never names is dropped (the quote is shown unattributed, with a warning).
    """
    text, al = analysis.text, analysis.aligner
    by_id = {c.id: c for c in candidates}
    picked: dict[int, tuple[str, str]] = {}  # start offset -> the model's (speaker, role) for a key quote
    for q in getattr(draft, "quotes", []) or []:
        cand = by_id.get(q.id)
        if cand is not None and cand.start not in picked:
            picked[cand.start] = (q.speaker.strip(), q.speaker_role.strip())
    quotes: list[Quote] = []
    for cand in quotations:
        if text[cand.start : cand.end] != cand.text:  # cannot happen unless the text changed
            warnings.append(f"a quotation at {cand.start} could not be located in the article and is not shown")
            continue
        model_speaker, model_role = picked.get(cand.start, ("", ""))
        speaker = cand.speaker or model_speaker
        role = cand.role or (model_role if said_near(text, model_role, speaker) else "")
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
