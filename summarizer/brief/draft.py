"""The short schema the model fills in.

It is smaller than :class:`~summarizer.models.Brief` on purpose: a small model
follows a short constrained schema well, while offsets, dates, statuses and
quote texts are work for code. The quote ids are an enum of the candidates
found in the article, so constrained decoding cannot invent a quotation.
"""

from __future__ import annotations

import copy
from functools import lru_cache
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, create_model

LIMITS = {"events": 5, "actors": 6, "quotes": 5, "questions": 3}


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


class DraftActor(_Draft):
    name: str = Field(max_length=80, description="Full name copied from the article.")
    kind: Literal["person", "organization", "group", "place", "other"] = Field(description="person, organization, group, place or other.")
    role: str = Field(default="", max_length=80, description="Their role in the story in a few words.")


def draft_model(candidate_ids: list[str], sentence_ids: list[str]) -> type[BaseModel]:
    """The model-facing schema for one article: quote and sentence ids are enums of what the article has."""
    return _draft_model(tuple(candidate_ids), tuple(sentence_ids))


@lru_cache(maxsize=256)
def _draft_model(candidate_ids: tuple[str, ...], sentence_ids: tuple[str, ...]) -> type[BaseModel]:
    sentence = Literal[tuple(sentence_ids)] if sentence_ids else str
    event = create_model(
        "DraftEvent",
        __base__=_Draft,
        sentence=(sentence, Field(description="Id of the article sentence that reports the event, e.g. S3.")),
        what=(str, Field(max_length=160, description="What happened, in a few of your own words.")),
        where=(str, Field(default="", max_length=60, description="Place copied from the article, or \"\".")),
        actors=(list[Annotated[str, StringConstraints(max_length=60)]], Field(default_factory=list, max_length=4, description="Names of who was involved, copied from the article.")),
    )
    question = create_model(
        "DraftQuestion",
        __base__=_Draft,
        question=(str, Field(max_length=160, description="A question the article leaves unanswered, ending with '?'.")),
        sentence=(sentence, Field(description="Id of the sentence that raises the question.")),
    )
    fields: dict = {
        "headline": (str, Field(max_length=120, description="Headline of the main news, at most 15 words.")),
        "summary": (str, Field(max_length=400, description="Two or three sentences: what happened, who, why it matters.")),
        "key_events": (list[event], Field(min_length=min(3, max(1, len(sentence_ids) // 4)), max_length=LIMITS["events"], description="Main events in the order they happened.")),
        "actors": (list[DraftActor], Field(min_length=1, max_length=LIMITS["actors"], description="Main people and organisations.")),
    }
    if candidate_ids:
        quote = create_model(
            "DraftQuote",
            __base__=_Draft,
            id=(Literal[tuple(candidate_ids)], Field(description="Id of the candidate quotation, e.g. Q1.")),
            speaker=(str, Field(max_length=60, description="Name of the person who said it, copied from the article.")),
            speaker_role=(str, Field(default="", max_length=60, description="Their role or title, from the article.")),
        )
        fields["quotes"] = (list[quote], Field(min_length=1, max_length=LIMITS["quotes"], description="The most important quotations."))
    fields["open_questions"] = (list[question], Field(min_length=1, max_length=LIMITS["questions"], description="What the article leaves open."))
    return create_model("BriefDraft", __base__=_Draft, **fields)
