"""What a batch names each article's brief files: ``<folder>/<stem>.brief.md`` (and .json, .html).

``post.md`` gives ``post.brief.md``, never ``post.md.md``. When one folder holds
articles that differ only in suffix (``post.txt`` and ``post.md``), each keeps its
whole name (``post.txt.brief.md``, ``post.md.brief.md``) so neither hides the other.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from pathlib import PurePosixPath

BRIEF_SUFFIX = ".brief"


def brief_names(rels: Iterable[str]) -> dict[str, str]:
    """Each article path (relative, POSIX) -> the relative path of its brief files, without extension."""
    rels = list(rels)
    stems = Counter(_stem_key(rel) for rel in rels)
    names = {}
    for rel in rels:
        p = PurePosixPath(rel)
        base = p.stem if stems[_stem_key(rel)] == 1 else p.name
        names[rel] = str(p.with_name(base + BRIEF_SUFFIX))
    return names


def brief_name(rel: str) -> str:
    """The brief files' base for one article on its own."""
    return brief_names([rel])[rel]


def _stem_key(rel: str) -> tuple[str, str]:
    p = PurePosixPath(rel)
    return str(p.parent).lower(), p.stem.lower()
