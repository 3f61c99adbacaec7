"""Prompt stage: render the templates in ``prompts/`` into chat messages (pure)."""

from __future__ import annotations

import hashlib
from functools import lru_cache

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from ..text.quotations import Candidate
from .draft import LIMITS
from ..text.sentences import Sentence
from ..resources import data_dir


@lru_cache(maxsize=1)
def _env() -> Environment:
    return Environment(loader=FileSystemLoader(str(data_dir("prompts"))), undefined=StrictUndefined, keep_trailing_newline=False)


@lru_cache(maxsize=4)
def prompt_version(kind: str = "brief") -> str:
    """Hash of the names and content of the ``kind.*.j2`` templates: changes whenever one of those prompts does."""
    h = hashlib.sha256()
    for path in sorted(data_dir("prompts").glob(f"{kind}.*.j2")):
        h.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()[:12]


def brief_messages(
    *, sentences: list[Sentence], title: str, published: str | None, candidates: list[Candidate], prose: bool = True
) -> list[dict[str, str]]:
    """The system and user messages asking for a brief of one article.

    Sentences are numbered and each quotation's id is written after the sentence it starts in, so its words are
    not sent twice. ``sentences`` and ``candidates`` carry offsets into the same text. ``prose=False`` (the
    embedded model) asks only for a headline, of the plain sentences, in one line of instructions and without the
    publication date: code makes the picks there (:func:`~summarizer.brief.draft.lead_picks`), and the prompt's
    overhead is the embedded model's cost (bench/RESULTS.md)."""
    env = _env()
    marks: dict[str, list[str]] = {}
    for c in candidates if prose else []:
        home = next((s for s in sentences if s.start <= c.start < s.end), None)
        if home is not None:
            marks.setdefault(home.id, []).append(c.id)
    system = env.get_template("brief.system.j2").render(limits=LIMITS, prose=prose)
    user = env.get_template("brief.user.j2").render(sentences=sentences, title=title, published=published if prose else None,
                                                    marks=marks, numbered=prose)
    return [{"role": "system", "content": system.strip()}, {"role": "user", "content": user.strip()}]


def story_messages(*, articles: list[dict], disagreements: list[str]) -> list[dict[str, str]]:
    """The messages asking for a story headline and summary from the articles' briefs.

    ``articles``: dicts with path, published, headline and summary.
    """
    env = _env()
    system = env.get_template("story.system.j2").render()
    user = env.get_template("story.user.j2").render(articles=articles, disagreements=disagreements)
    return [{"role": "system", "content": system.strip()}, {"role": "user", "content": user.strip()}]
