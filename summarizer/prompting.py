"""Prompt stage: render the templates in ``prompts/`` into chat messages (pure)."""

from __future__ import annotations

import hashlib
from functools import lru_cache

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from .candidates import Candidate
from .draft import LIMITS
from .sentences import Sentence
from .resources import data_dir


@lru_cache(maxsize=1)
def _env() -> Environment:
    return Environment(loader=FileSystemLoader(str(data_dir("prompts"))), undefined=StrictUndefined, keep_trailing_newline=False)


@lru_cache(maxsize=1)
def prompt_version() -> str:
    """Hash of every template's name and content: changes whenever a prompt does."""
    h = hashlib.sha256()
    for path in sorted(data_dir("prompts").glob("*.j2")):
        h.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()[:12]


def brief_messages(
    *, sentences: list[Sentence], title: str, published: str | None, candidates: list[Candidate]
) -> list[dict[str, str]]:
    """The system and user messages asking for a brief of one article."""
    env = _env()
    system = env.get_template("brief.system.j2").render(limits=LIMITS)
    user = env.get_template("brief.user.j2").render(sentences=sentences, title=title, published=published, candidates=candidates)
    return [{"role": "system", "content": system.strip()}, {"role": "user", "content": user.strip()}]
