"""The story grouping file (``OUTDIR/stories.json``) and the scores of a grouping against gold labels.

:func:`write_groups` writes a grouping the user may edit; :func:`read_groups` reads it back, validated;
:func:`grouping_scores` gives purity and completeness against gold story labels (the benchmarks').
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from ..errors import ConfigError

GROUPS_COMMENT = (
    "Story groups: each story id lists the article paths that belong to it. You may edit this file: move paths "
    "between stories, rename or add stories; every article may be in only one story, and articles left out become "
    "stories of one. Then run again with this file to use your grouping. \"reasons\" says why each article is in its "
    "story (its nearest article there, their similarity, shared names and terms, days apart) and \"copies\" which "
    "articles copy another; both are rewritten on every run and ignored when the file is read."
)


def slugify(text: str, max_len: int = 40) -> str:
    """ASCII, lower case, words joined by '-': 'Kestrel Ford' -> 'kestrel-ford'."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:max_len].rstrip("-")


def write_groups(path: str | Path, groups: dict[str, list[str]], *, overwrite: bool = True,
                 copies: dict[str, list[str]] | None = None, reasons: dict[str, dict[str, dict]] | None = None) -> None:
    """Write the grouping as JSON ``{"comment": ..., "stories": {id: [paths]}}``, atomically.

    ``copies`` (original path -> its exact or near-duplicate copies) is written
    under ``"copies"`` when not empty, ``reasons`` (story id -> path -> why it
    is there, :func:`summarizer.story.reasons.grouping_reasons`) under
    ``"reasons"``; :func:`read_groups` ignores both.
    ``overwrite=False`` refuses (OutputError) to replace a file the user may have edited.
    """
    from ..output import write_atomic

    data: dict = {"comment": GROUPS_COMMENT, "stories": groups}
    if copies:
        data["copies"] = copies
    if reasons:
        data["reasons"] = reasons
    text = json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    write_atomic(Path(path), text, overwrite=overwrite, fsync=False)


def read_groups(path: str | Path, articles: Iterable[str] | None = None) -> dict[str, list[str]]:
    """Read a grouping file (as written by :func:`write_groups`, perhaps edited by the user).

    With ``articles`` (the paths being grouped), a path the file names that is
    not among them is an error, and articles the file leaves out become stories
    of one (``story-<slug of the path>``). A path in two stories, or a file that
    is not such JSON, raises :class:`~summarizer.errors.ConfigError` naming the file.
    """
    name = str(path)
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError("story grouping file not found", path=name) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read the story grouping file: {exc}", path=name) from None
    except json.JSONDecodeError as exc:
        raise ConfigError(f"not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})", path=name) from None
    stories = data.get("stories") if isinstance(data, dict) else None
    if not isinstance(stories, dict):
        raise ConfigError('expected a JSON object with "stories": {"story id": ["article path", ...]}', path=name)
    known = None if articles is None else list(articles)
    owner: dict[str, str] = {}
    out: dict[str, list[str]] = {}
    for story_id, paths in stories.items():
        if not str(story_id).strip():
            raise ConfigError("a story id is empty", path=name)
        if not isinstance(paths, list) or not all(isinstance(p, str) for p in paths):
            raise ConfigError(f"story {story_id!r}: expected a list of article paths", path=name)
        for p in paths:
            if p in owner:
                raise ConfigError(f"article {p!r} is in two stories: {owner[p]!r} and {story_id!r}", path=name)
            owner[p] = story_id
            if known is not None and p not in known:
                raise ConfigError(f"story {story_id!r} names {p!r}, which is not one of the articles", path=name)
        if paths:
            out[story_id] = sorted(paths)
    for p in sorted(known or []):
        if p not in owner:
            story_id = base = f"story-{slugify(Path(p).stem) or 'article'}"
            n = 2
            while story_id in out:
                story_id, n = f"{base}-{n}", n + 1
            out[story_id] = [p]
    return out


def grouping_scores(groups: dict[str, list[str]], gold: dict[str, str]) -> dict:
    """Purity, completeness (inverse purity) and their F1 of ``groups`` against gold story labels.

    Purity: the share of articles whose story's majority gold label is theirs.
    Completeness: the share of articles that sit in the story holding most of
    their gold label's articles. Only paths present in both are scored.
    """
    clusters = [[p for p in paths if p in gold] for paths in groups.values()]
    clusters = [c for c in clusters if c]
    n = sum(len(c) for c in clusters)
    if n == 0:
        return {"articles": 0, "stories": 0, "gold_stories": 0, "purity": 0.0, "completeness": 0.0, "f1": 0.0}
    purity = sum(max(Counter(gold[p] for p in c).values()) for c in clusters) / n
    labels = sorted({gold[p] for c in clusters for p in c})
    completeness = sum(max(sum(1 for p in c if gold[p] == label) for c in clusters) for label in labels) / n
    f1 = 2 * purity * completeness / (purity + completeness) if purity + completeness else 0.0
    return {"articles": n, "stories": len(clusters), "gold_stories": len(labels),
            "purity": round(purity, 4), "completeness": round(completeness, 4), "f1": round(f1, 4)}
