"""The short schema the model fills in.

It is much smaller than :class:`~summarizer.brief.types.Brief` on purpose: a
server's model chooses (which sentences carry the news, which quotations matter)
and writes only the headline, the summary and the open questions; event statements,
actors, speakers, offsets, dates and statuses are work for code. Output tokens
are the embedded model's cost, so every field the model writes must earn its
place. Sentence and quote ids are enums of what the article has, so constrained
decoding cannot invent an event or a quotation. The embedded model writes only
the headline (:class:`HeadlineDraft`); code makes its picks (:func:`lead_picks`).
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, create_model

LIMITS = {"events": 5, "quotes": 3, "questions": 3}


class _Draft(BaseModel):
    model_config = ConfigDict(extra="ignore")

    @classmethod
    def model_json_schema(cls, *args, **kwargs) -> dict:
        # The schema of a draft class never changes, and building it is most of a batch's CPU time.
        if args or kwargs:
            return super().model_json_schema(*args, **kwargs)
        if "_schema_cache" not in cls.__dict__:
            cls._schema_cache = super().model_json_schema()
        return copy.deepcopy(cls._schema_cache)


# On the embedded model code writes the summary (the article's opening news in its own sentences: it scores higher against
# human highlights than the 0.5B model's own) and the open questions (none of the model's survived the checks),
# and makes the picks (lead_picks); bench/RESULTS.md. The docstring below is in the schema the model reads.
class HeadlineDraft(_Draft):
    """What the embedded model is asked for: the headline, nothing else."""

    headline: str = Field(max_length=120, description="Headline of the article's main news, at most 15 words.")


@dataclass(frozen=True)
class LeadPicks:
    """A draft whose choices code made: the embedded model's headline with the article's lead as the key
    events and its first quotations as the key quotes."""

    headline: str
    key_events: list[str]
    quotes: list[str]


def lead_picks(headline: str, sentence_ids: list[str], candidate_ids: list[str]) -> LeadPicks:
    """The first :data:`LIMITS` sentences and quotations as the picks, with ``headline``.

    Asked to pick, the embedded 0.5B model chose exactly the first five sentences in 111 of 114 dev briefs (the
    other three: the first four or two) and the first quotations in all 114 (bench/RESULTS.md), so asking it
    only cost the numbered prompt and about half its output tokens."""
    return LeadPicks(headline, list(sentence_ids[: LIMITS["events"]]), list(candidate_ids[: LIMITS["quotes"]]))


def draft_model(candidate_ids: list[str], sentence_ids: list[str]) -> type[BaseModel]:
    """The schema a server fills in for one article: quote and sentence ids are enums of what the article has.

    The embedded model fills in :class:`HeadlineDraft` instead."""
    return _draft_model(tuple(candidate_ids), tuple(sentence_ids))


@lru_cache(maxsize=256)
def _draft_model(candidate_ids: tuple[str, ...], sentence_ids: tuple[str, ...]) -> type[BaseModel]:
    # Fields are generated in this order: the events are chosen first, so the summary is written from them.
    sentence = Literal[tuple(sentence_ids)] if sentence_ids else str
    question = create_model(
        "DraftQuestion",
        __base__=_Draft,
        sentence=(sentence, Field(description="Id of the sentence that leaves something open, e.g. S5.")),
        question=(str, Field(max_length=160, description="A question about what that sentence leaves open, ending with '?'.")),
    )
    fields: dict = {
        "key_events": (list[sentence], Field(min_length=min(3, max(1, len(sentence_ids) // 4)), max_length=LIMITS["events"],
                                             description="Ids of the sentences that report the main news and the key facts "
                                                         "(figures, dates, what happens next), most important first.")),
        "headline": (str, Field(max_length=120, description="Headline of the main news, at most 15 words.")),
        "summary": (str, Field(max_length=400, description="Two sentences from those events: what happened, who, why it matters.")),
    }
    if candidate_ids:
        fields["quotes"] = (list[Literal[tuple(candidate_ids)]], Field(min_length=1, max_length=LIMITS["quotes"],
                                                                      description="Ids of the most important quotations."))
    fields["open_questions"] = (list[question], Field(min_length=1, max_length=LIMITS["questions"],
                                                      description="What the article leaves open."))
    return create_model("BriefDraft", __base__=_Draft, **fields)
