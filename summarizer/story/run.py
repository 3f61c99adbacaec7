"""Stories stage of a batch: group the briefed articles and write a story brief per group.

    OUTDIR/stories.json             the grouping used (story id -> articles); edit it and pass --groups
    OUTDIR/stories/index.md, .html  every story, linking its story brief and the article briefs
    OUTDIR/stories/<id>.md, .json   one story brief
    OUTDIR/stories/<id>.html        its page: facts x sources, disagreements, timeline, the articles' text

A grouping file the user may have edited is never overwritten silently: when a
new grouping differs from the file there, the old file is kept beside it.
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import TYPE_CHECKING

from ..batch.naming import brief_name
from ..batch.runner import BatchReport, brief_folder, folder_client
from ..config import Settings
from ..text.documents import load_document
from ..errors import SummarizerError
from .copies import find_copies
from .grouping import article_features, group_with_features, read_groups, similarity_matrix, write_groups
from .reasons import grouping_reasons
from ..output import write_atomic
from .build import build_story
from .types import StoryBrief
from .html import render_story_html, story_index_page
from .render import render_story_index, render_story_markdown

if TYPE_CHECKING:  # the client batch makes, passed through: story never builds or configures one
    from ..batch.runner import ModelClient


def write_stories(root: Path, outdir: Path, report: BatchReport, client, *, groups_file: Path | None = None) -> list[StoryBrief]:
    """Group the articles ``report`` briefed, build and write their story briefs, return them."""
    items, names = [], {o.rel: o.name or brief_name(o.rel) for o in report.outcomes}
    for o in sorted((o for o in report.outcomes if o.brief is not None and o.status != "failed"), key=lambda o: o.rel):
        try:
            items.append((o.rel, load_document(root / o.rel, max_bytes=client.settings.max_bytes), o.brief))
        except SummarizerError:
            continue  # changed under us since it was briefed: leave it out of the stories
    paths = [rel for rel, _, _ in items]
    grouping_path = outdir / "stories.json"
    if groups_file is not None:
        groups = read_groups(groups_file, paths)
    else:
        groups, features, sims = group_with_features(items)
        _keep_if_different(grouping_path, groups)
    if groups_file is None or Path(groups_file).resolve() != grouping_path.resolve():
        if groups_file is not None:  # the user's grouping, explained by the scores the automatic one uses
            features = article_features(items)
            sims = similarity_matrix(features)
        copies = find_copies({rel: doc.body for rel, doc, _ in items})
        reasons = grouping_reasons(features, sims, groups, copies=copies)
        write_groups(grouping_path, groups, overwrite=True, copies=copies, reasons=reasons)
    by_path = {rel: (rel, doc, brief) for rel, doc, brief in items}
    stories = []
    for story_id, members in groups.items():
        story = build_story(story_id, [by_path[p] for p in members], client if len(members) > 1 else None)
        stories.append(story)
        links = {p: "../" + names[p] + ".md" for p in members}
        write_atomic(outdir / "stories" / f"{story_id}.md", render_story_markdown(story, links), overwrite=True, fsync=False)
        write_atomic(outdir / "stories" / f"{story_id}.json", story.model_dump_json(indent=2) + "\n", overwrite=True, fsync=False)
        page = render_story_html(story, {p: by_path[p][1] for p in members})
        write_atomic(outdir / "stories" / f"{story_id}.html", page, overwrite=True, fsync=False)
    current = {f"{sid}.{ext}" for sid in groups for ext in ("md", "json", "html")} | {"index.md", "index.html"}
    for old in (outdir / "stories").glob("*"):
        if old.is_file() and old.suffix in (".md", ".json", ".html") and old.name not in current:
            old.unlink()  # a story brief of an earlier grouping: regenerated output, not the user's
    story_links = {s.story_id: f"{s.story_id}.md" for s in stories}
    write_atomic(outdir / "stories" / "index.md", render_story_index(stories, story_links, {p: "../" + names[p] + ".md" for p in paths}),
                 overwrite=True, fsync=False)
    write_atomic(outdir / "stories" / "index.html", story_index_page(stories), overwrite=True, fsync=False)
    return stories


def build_stories(folder: str | Path, outdir: str | Path, settings: Settings | None = None, *,
                  client: ModelClient | None = None, jobs: int = 4, force: bool = False, pattern: str | None = None,
                  groups_file: str | Path | None = None) -> list[StoryBrief]:
    """Brief every article under ``folder``, group them into stories and write a story brief per story
    into ``outdir``, as ``summarizer story`` does; return the story briefs.

    The arguments are :func:`~summarizer.brief_folder`'s, plus ``groups_file``
    (a grouping as written to ``OUTDIR/stories.json``, edited) instead of grouping automatically.
    """
    outdir = Path(outdir)
    own = client is None
    if client is None:
        client = folder_client(outdir, settings, force=force)
    try:
        report = brief_folder(folder, outdir, client=client, jobs=jobs, force=force, pattern=pattern)
        return write_stories(Path(folder), outdir, report, client,
                             groups_file=Path(groups_file) if groups_file is not None else None)
    finally:
        if own:
            client.close()


def _keep_if_different(path: Path, groups: dict[str, list[str]]) -> None:
    """Move an existing grouping file aside when it differs from ``groups`` (the user may have edited it)."""
    if not path.is_file():
        return
    try:
        old = json.loads(path.read_text(encoding="utf-8")).get("stories")
    except (OSError, ValueError, AttributeError):
        old = None
    if old != groups:
        path.rename(path.with_name(f"stories.{time.strftime('%Y%m%d-%H%M%S')}.json"))
