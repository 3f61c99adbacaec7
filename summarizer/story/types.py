"""The story brief: one brief of several articles about the same story, and what its JSON means.

Field descriptions are written for a program reading the JSON and for a
model asked to fill the same fields. Every item points at article text: a
source path and, where it quotes the article, the verbatim text and its
character offsets into that article's ``Document.text``.
"""

from __future__ import annotations

import hashlib
import json
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from ..brief.types import OpenQuestion, Usage

STORY_SCHEMA_NAME = "story"


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class StorySource(_Model):
    """One article of the story."""

    path: str = Field(description="Path of the article, relative to the folder that was briefed; it names the article everywhere else in the story brief.")
    title: str = Field(default="", description="Title of the article, from the file.")
    published: str | None = Field(default=None, description="Publication date (YYYY-MM-DD) if known.")
    headline: str = Field(default="", description="Headline of the article's own brief.")


class TimelineSource(_Model):
    """What one article says about a timeline event."""

    path: str = Field(description="Path of the article that reports the event.")
    when: str = Field(default="", description="The time expression exactly as this article writes it; empty if none.")
    date: str | None = Field(default=None, description="`when` normalised against this article's publication date (YYYY-MM-DD, or partial); null if unresolved.")
    evidence: str = Field(description="The article's sentence that reports the event, verbatim.")
    start: int = Field(description="Character offset of `evidence` in the article text.")
    end: int = Field(description="Character offset just past `evidence`.")


class TimelineEvent(_Model):
    """An event of the story, merged across the articles that report it."""

    what: str = Field(description="One short sentence: what happened.")
    date: str | None = Field(default=None, description="The date most sources give (YYYY-MM-DD or partial); null if none resolves.")
    sources: list[TimelineSource] = Field(description="Each article that reports the event, with its own time expression, date and evidence.")


class ActorSpelling(_Model):
    """One way the articles spell an actor, and which articles spell it so."""

    text: str = Field(description="The spelling, as written.")
    sources: list[str] = Field(description="Paths of the articles that use this spelling.")


class StoryActor(_Model):
    """A person, organisation, group or place, merged across spellings and articles."""

    name: str = Field(description="The spelling most often used across the articles.")
    kind: Literal["person", "organization", "group", "place", "other"] = Field(default="other", description="What sort of actor this is.")
    aliases: list[str] = Field(default_factory=list, description="Other spellings, transliterations or short forms the articles use (e.g. 'Khmeimim' for 'Hmeimim').")
    sources: list[str] = Field(default_factory=list, description="Paths of the articles that mention the actor.")
    spellings: list[ActorSpelling] = Field(default_factory=list, description="When articles spell the name differently (a transliteration, a name written as one word or two: 'Hmeimim' / 'Khmeimim'), each spelling with the articles that use it; empty when they agree. A spelling variant is an alias, not a disagreement.")


class StoryQuote(_Model):
    """A direct quotation from one article, verbatim."""

    text: str = Field(description="The words inside the quotation marks, copied exactly from the article.")
    speaker: str = Field(default="", description="Who said it, as the article names them; empty if it does not say.")
    source: str = Field(description="Path of the article (the outlet) that carries the quote.")
    start: int = Field(description="Character offset of the quote's first character in that article's text.")
    end: int = Field(description="Character offset just past the quote's last character.")


class Evidence(_Model):
    """A verbatim piece of one article."""

    path: str = Field(description="Path of the article.")
    text: str = Field(description="The article's words, verbatim (usually one sentence).")
    start: int = Field(description="Character offset of `text` in the article text.")
    end: int = Field(description="Character offset just past `text`.")


class AgreedFact(_Model):
    """Something two or more articles report alike."""

    what: str = Field(description="The fact: an event, or a figure as written ('40 passengers').")
    kind: Literal["event", "figure"] = Field(description="event: a timeline event several articles report; figure: the same number for the same thing.")
    sources: list[Evidence] = Field(description="Each article that reports it, with its verbatim evidence; at least two different articles.")


class DiscrepancySide(_Model):
    """What one article says on a point where the articles disagree."""

    source: str = Field(description="Path of the article.")
    value: str = Field(description="This article's figure, date or claim, as written.")
    evidence: str = Field(description="The article's sentence that states it, verbatim.")
    start: int = Field(description="Character offset of `evidence` in the article text.")
    end: int = Field(description="Character offset just past `evidence`.")


class Discrepancy(_Model):
    """A point on which the articles disagree; every side is one article's own words."""

    topic: str = Field(description="What the disagreement is about, in a few words ('closure (days)').")
    kind: Literal["figure", "date", "claim"] = Field(description="figure: different numbers for the same thing; date: the same event dated differently; claim: different statements about the same thing. Different spellings of one name are not disagreements: they are the actor's aliases and spellings.")
    sides: list[DiscrepancySide] = Field(description="Each article's version, with its verbatim evidence; at least two different values.")


class StoryMeta(_Model):
    """How the story brief was made."""

    model: str = Field(default="", description="Model used for the story headline and summary; empty when no model was asked.")
    prompt_version: str = Field(default="", description="Hash of the story prompt's content.")
    schema_version: str = Field(default="", description="Hash of this story format's JSON Schema.")
    usage: Usage = Field(default_factory=Usage, description="Tokens spent on the story's own model call (the article briefs record their own).")


class StoryBrief(_Model):
    """A source-checked brief of one story told by several articles: what they agree on and where they differ."""

    story_id: str = Field(description="Stable id of the story, e.g. 'story-01-kestrel-ford'.")
    headline: str = Field(description="One-line headline of the story, at most 15 words.")
    summary: str = Field(description="Two sentences: what happened and why it matters, saying nothing the articles do not.")
    sources: list[StorySource] = Field(description="The articles of the story, in order.")
    timeline: list[TimelineEvent] = Field(default_factory=list, description="Events merged across articles, in date order (undated last); each with the articles that report it.")
    actors: list[StoryActor] = Field(default_factory=list, description="People, organisations and places, merged across spellings, with aliases and the articles that name them.")
    quotes: list[StoryQuote] = Field(default_factory=list, description="Direct quotations, each with the article (outlet) it appears in.")
    agreed_facts: list[AgreedFact] = Field(default_factory=list, description="Events and figures reported alike by two or more articles.")
    discrepancies: list[Discrepancy] = Field(default_factory=list, description="Where articles give different figures, dates or claims about the same thing; each side with its article and verbatim evidence.")
    open_questions: list[OpenQuestion] = Field(default_factory=list, description="What the story leaves open, every discrepancy included, each as a question.")
    warnings: list[str] = Field(default_factory=list, description="Problems found while making or checking the story brief.")
    meta: StoryMeta = Field(default_factory=StoryMeta, description="How the story brief was made: model, versions, usage.")


def story_json_schema() -> dict:
    """The published JSON Schema of the story format (what schemas/story.schema.json holds)."""
    return StoryBrief.model_json_schema()


def story_schema_version() -> str:
    """Short content hash of the story JSON Schema; changes whenever the format does."""
    canonical = json.dumps(story_json_schema(), sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()[:12]
