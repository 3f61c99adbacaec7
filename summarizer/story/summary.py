"""The story summary written by code: the members' opening statements, each said once.

Where the article briefs' summaries are code's (the embedded model: the pipeline
has the model write no summary there, see :mod:`summarizer.brief.pipeline`), the
story summary is code's too, and no model is asked:

- each member gives its brief's summary sentences (on the embedded model: the
  article's first three opening sentences, whole, from
  :func:`summarizer.brief.summary.opening_sentences`), then the opening statements
  of its further sentences, compressed from the parse by
  :func:`summarizer.brief.summary.opening_statements`, up to ``MAX_PER_ARTICLE``;
  so each statement is words of one article sentence, in its order;
- statements are taken by position (every article's first, then every second ...;
  articles in source order within a position), so each source's lead comes first;
- a statement whose content words and numbers are mostly (``SAME_STATEMENT``,
  over the smaller of the two) those of a statement already taken is dropped, so wire
  copy and the opening every outlet shares are said once;
- they stop at ``MAX_STORY_WORDS`` words (a statement that does not fit is
  skipped, a shorter later one may still fit; the first is always kept).

Measured on Multi-News dev (bench/RESULTS.md, issue 12): the brief summaries
alone (three statements an article) score under First-3 on ROUGE, being about
half the reference's length; eight statements an article within 300 words
score above it. With a remote model the story summary is the model's two
sentences (:mod:`summarizer.story.build`), checked for invented numbers; this
summary is its fallback there.
"""

from __future__ import annotations

import re

from ..brief.pipeline import is_title_or_dateline
from ..brief.summary import as_shown, opening_statements
from ..brief.types import Brief
from ..text.documents import Document
from ..text.names import content_stems
from ..text.sentences import split_sentences

__all__ = ["MAX_PER_ARTICLE", "MAX_STORY_WORDS", "SAME_STATEMENT", "member_statements", "story_statements",
           "statement_words", "story_summary", "summary_statements"]

SAME_STATEMENT = 0.5
MAX_PER_ARTICLE = 8
MAX_STORY_WORDS = 300
_SENTENCES_READ = 60
_NUMBER = re.compile(r"\d(?:[\d,.]*\d)?")


def summary_statements(brief: Brief) -> list[str]:
    """The sentences of a brief's summary (one sentence when it does not split)."""
    summary = " ".join(brief.summary.split())
    return [s.text for s in split_sentences(summary, min_words=1)] or ([summary] if summary else [])


def member_statements(doc: Document, brief: Brief, most: int = MAX_PER_ARTICLE) -> list[str]:
    """A member's statements for the story: its brief's summary sentences, then the article's further
    opening statements (a sentence an embedded-model brief's summary already has is not said again)."""
    own = summary_statements(brief)
    sentences = [s for s in split_sentences(doc.body, limit=_SENTENCES_READ)
                 if not is_title_or_dateline(s.text, doc) and as_shown(s.text) not in own]
    more = [s for s in opening_statements(sentences, most) if s not in own]
    return own + more[: max(0, most - len(own))]


def story_statements(per_member: list[list[str]], *, same: float = SAME_STATEMENT,
                     words: int | None = MAX_STORY_WORDS) -> list[tuple[int, str]]:
    """(member index, statement) of the story summary from each member's statements, in order of position
    (all firsts, then all seconds ...), without the ones that repeat a statement taken, within ``words``."""
    ranked = sorted((i, n, text) for n, statements in enumerate(per_member) for i, text in enumerate(statements))
    taken: list[tuple[int, str]] = []
    seen: list[set[str]] = []
    total = 0
    for _, n, text in ranked:
        stems = statement_words(text)
        if not stems or any(_overlap(stems, s) >= same for s in seen):
            continue
        size = len(text.split())
        if taken and words is not None and total + size > words:
            continue
        taken.append((n, text))
        seen.append(stems)
        total += size
    return taken


def story_summary(members: list[tuple[str, Document, Brief]], *, same: float = SAME_STATEMENT,
                  words: int | None = MAX_STORY_WORDS, most: int = MAX_PER_ARTICLE) -> str:
    """The story summary of (path, document, brief) members: :func:`story_statements` joined by spaces."""
    per_member = [member_statements(doc, brief, most) for _, doc, brief in members]
    return " ".join(text for _, text in story_statements(per_member, same=same, words=words))


def statement_words(text: str) -> set[str]:
    """What a statement says, for comparing two: its content stems and its numbers ('300,000')."""
    return content_stems(text) | set(_NUMBER.findall(text))


def _overlap(a: set[str], b: set[str]) -> float:
    """Shared content words over the smaller set."""
    return len(a & b) / min(len(a), len(b)) if a and b else 0.0
