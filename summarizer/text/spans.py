"""Where a piece of text stands in the article, and how surely it was found.

These are the grounding types every layer shares: analysis finds spans, the
brief's items carry them, renderers highlight them.
"""

from __future__ import annotations

from enum import Enum

from pydantic import BaseModel, ConfigDict, Field


class Status(str, Enum):
    """How well an item was found in the article."""

    exact = "exact"
    fuzzy = "fuzzy"
    unsupported = "unsupported"


class Span(BaseModel):
    """Where a piece of text was found in the article."""

    model_config = ConfigDict(extra="forbid")

    status: Status = Field(description="exact: found verbatim (after normalising quote marks, dashes and whitespace); fuzzy: found with small differences; unsupported: not found.")
    start: int | None = Field(default=None, description="Character offset of the first matched character in the article text.")
    end: int | None = Field(default=None, description="Character offset just past the last matched character.")
    score: float = Field(default=0.0, description="Similarity of the best match, 0 to 100.")
