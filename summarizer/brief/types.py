"""The brief: the typed result summarizer produces, and what its JSON form means.

Field descriptions are written for two readers: a program consuming the JSON,
and a model being asked to fill the same fields. Grounding lives in the data
model: every item that claims to come from the article carries its status and
character offsets into the article text.
"""

from __future__ import annotations

import hashlib
import json
from functools import lru_cache
from enum import Enum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from ..text.spans import Span, Status

SCHEMA_NAME = "brief"


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class KeyEvent(_Model):
    """Something that happened (or is scheduled) according to the article."""

    what: str = Field(description="One short sentence: what happened, in plain words.")
    when: str = Field(default="", description="The time expression exactly as the article writes it ('on Saturday', 'October 26'); empty if none.")
    date: str | None = Field(default=None, description="`when` normalised against the publication date: YYYY-MM-DD, or partial YYYY-MM / YYYY; null if it cannot be resolved.")
    where: str = Field(default="", description="Place where it happened, as written in the article; empty if not stated.")
    actors: list[str] = Field(default_factory=list, description="Names of the people or organisations involved, as written in the article.")
    evidence: str = Field(default="", description="A short verbatim snippet of the article that supports the event.")
    evidence_span: Span | None = Field(default=None, description="Where `evidence` was found in the article.")
    when_span: Span | None = Field(default=None, description="Where `when` was found in the article.")
    warnings: list[str] = Field(default_factory=list, description="Problems the grounding checks found with this event.")


class Actor(_Model):
    """A person, organisation or group that takes part in the story."""

    name: str = Field(description="Full name as written in the article.")
    kind: Literal["person", "organization", "group", "place", "other"] = Field(default="other", description="What sort of actor this is.")
    role: str = Field(default="", description="Their role in the story, in a few words (job title, side, function).")
    aliases: list[str] = Field(default_factory=list, description="Other names or spellings the article uses for the same actor.")
    evidence: str = Field(default="", description="A short verbatim snippet of the article that mentions the actor.")
    name_span: Span | None = Field(default=None, description="Where the name (or its last word, for people) was found in the article.")
    evidence_span: Span | None = Field(default=None, description="Where `evidence` was found in the article.")
    warnings: list[str] = Field(default_factory=list, description="Problems the grounding checks found with this actor.")


class Quote(_Model):
    """A direct quotation, verbatim from the article."""

    text: str = Field(description="The words inside the quotation marks, copied exactly from the article.")
    speaker: str = Field(default="", description="Who said it, by name as written in the article; empty if the article does not say.")
    speaker_role: str = Field(default="", description="The speaker's role or title, as the article gives it.")
    start: int = Field(description="Character offset of the quote's first character in the article text.")
    end: int = Field(description="Character offset just past the quote's last character.")
    status: Status = Field(description="exact or fuzzy; unsupported quotes are never part of a brief.")
    speaker_status: Status = Field(default=Status.unsupported, description="Whether the speaker's name occurs in the article.")
    key: bool = Field(default=False, description="Chosen by the model as one of the article's most important quotations.")


class OpenQuestion(_Model):
    """Something the article leaves unanswered or uncertain."""

    question: str = Field(description="The open question, as one sentence ending in '?'.")
    basis: str = Field(default="", description="Why it is open: what the article says or leaves out.")


class Usage(_Model):
    """Tokens spent on the brief, summed over every request including retries and re-asks."""

    prompt_tokens: int = Field(default=0, description="Prompt tokens over all requests.")
    completion_tokens: int = Field(default=0, description="Completion tokens over all requests.")
    total_tokens: int = Field(default=0, description="prompt_tokens + completion_tokens.")
    requests: int = Field(default=0, description="HTTP requests made to the model, retries and re-asks included.")

    def __add__(self, other: "Usage") -> "Usage":
        return Usage(
            prompt_tokens=self.prompt_tokens + other.prompt_tokens,
            completion_tokens=self.completion_tokens + other.completion_tokens,
            total_tokens=self.total_tokens + other.total_tokens,
            requests=self.requests + other.requests,
        )

    def add(self, prompt: int, completion: int) -> None:
        """Count one more request."""
        self.prompt_tokens += prompt
        self.completion_tokens += completion
        self.total_tokens = self.prompt_tokens + self.completion_tokens
        self.requests += 1


class Source(_Model):
    """The article the brief was made from."""

    path: str = Field(description="File path of the article, or '-' for standard input.")
    title: str = Field(default="", description="Title of the article, from the file.")
    sha256: str = Field(description="SHA-256 of the article's raw bytes.")
    published: str | None = Field(default=None, description="Publication date (YYYY-MM-DD) if found or given.")
    url: str = Field(default="", description="For a saved HTML page: the address it gives for itself (og:url or canonical link, http(s) only); empty if none.")
    site_name: str = Field(default="", description="For a saved HTML page: the outlet's name it gives (og:site_name); empty if none.")


class Meta(_Model):
    """How the brief was made."""

    model: str = Field(description="Model name as sent to the backend.")
    backend: str = Field(description="'local' for the embedded model, else the base URL.")
    prompt_version: str = Field(description="Hash of the prompt templates' content.")
    schema_version: str = Field(description="Hash of this brief format's JSON Schema.")
    usage: Usage = Field(default_factory=Usage, description="Token usage over all requests.")
    seconds: float = Field(default=0.0, description="Wall-clock seconds spent making the brief.")


class Brief(_Model):
    """A source-checked brief of one news article."""

    headline: str = Field(description="One-line headline of the article's main news, at most 15 words.")
    summary: str = Field(description="Two or three sentences: what happened, who is involved, why it matters.")
    key_events: list[KeyEvent] = Field(default_factory=list, description="The main events, in the order they happened.")
    actors: list[Actor] = Field(default_factory=list, description="The main people and organisations.")
    quotes: list[Quote] = Field(default_factory=list, description="Every direct quotation in the article, verbatim, in article order, each with its speaker; the most important are marked key.")
    open_questions: list[OpenQuestion] = Field(default_factory=list, description="What the article leaves open or uncertain.")
    warnings: list[str] = Field(default_factory=list, description="Problems found while making or checking the brief.")
    source: Source = Field(description="The article.")
    meta: Meta = Field(description="How the brief was made: model, versions, usage, time.")


def brief_json_schema() -> dict:
    """The published JSON Schema of the brief format (what schemas/brief.schema.json holds)."""
    return Brief.model_json_schema()


@lru_cache(maxsize=1)
def schema_version() -> str:
    """Short content hash of the brief JSON Schema; changes whenever the format does."""
    canonical = json.dumps(brief_json_schema(), sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()[:12]
