"""``summarizer eval`` (scores against annotated data) and ``summarizer schema``."""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from ..errors import ConfigError, Interrupted, SummarizerError
from .common import (BaseUrl, CassetteMode, Cassettes, Config, Jobs, Mode, ModelName, ModeOpt, Timeout, fail,
                     folder_settings, second_ctrl_c_exits)


class EvalKind(str, Enum):
    polnear = "polnear"
    fivew1h = "5w1h"
    conll = "conll"
    summaries = "summaries"
    stories = "stories"


def evaluate(
    kind: Annotated[EvalKind, typer.Argument(help="polnear (quotes and speakers), 5w1h (who/what/when/where), summaries (headline, summary, events vs highlights), stories (story summary vs a multi-article reference, e.g. multinews_dev) or conll (actors found by code; no model).")],
    data: Annotated[Path, typer.Argument(help="The annotated data folder, e.g. ../shared/eval/polnear_dev.")],
    output: Annotated[Path, typer.Option("--output", "-o", help="Folder for report.md, report.json and the brief cache.")],
    limit: Annotated[Optional[int], typer.Option("--limit", help="Only the first N articles (stories: the first N clusters).")] = None,
    base_url: BaseUrl = None,
    model: ModelName = None,
    mode: Mode = ModeOpt.auto,
    cassettes: Cassettes = None,
    cassette_mode: CassetteMode = None,
    jobs: Jobs = 1,
    timeout: Timeout = None,
    config: Config = None,
) -> None:
    """Brief an annotated data set (through the cache) and score the briefs against the annotations.

    The first Ctrl-C sends no new request and stops the ones in flight; the briefs made are kept (exit 130).
    """
    from ..eval.run import run_eval
    from ..backends.client import ModelClient
    from ..batch.progress import stderr_console

    console = stderr_console()
    client = None
    try:
        with second_ctrl_c_exits():
            if not data.is_dir():
                raise ConfigError(f"{data} is not a folder")
            if kind is EvalKind.conll:
                from ..eval.conll import run_conll

                run_conll(data, output, limit=limit)
                sys.stdout.write((output / "report.md").read_text())
                return
            client = ModelClient(folder_settings(cassettes, cassette_mode, output, base_url=base_url, model=model,
                                                 mode=mode.value, timeout=timeout, config=config))
            hear = lambda o: console.print(f"{o.status} {o.rel}", markup=False, highlight=False)  # noqa: E731
            if kind is EvalKind.summaries:
                from ..eval.summaries import run_summaries

                report = run_summaries(data, output, client, limit=limit, on_outcome=hear, jobs=jobs)
            elif kind is EvalKind.stories:
                from ..eval.stories import run_stories

                report = run_stories(data, output, client, limit=limit, on_outcome=hear, jobs=jobs)
            else:
                report = run_eval(kind.value, data, output, client, limit=limit, on_outcome=hear, jobs=jobs)
    except SummarizerError as exc:
        fail(exc)
    except KeyboardInterrupt:  # outside the briefing (reading the data, scoring): every brief made is cached
        from ..batch.cache import STATE_DIR

        if client is not None:
            client.cancel()
        fail(Interrupted(f"interrupted: the briefs made are kept in {output / STATE_DIR / 'cache'}; "
                         "run the same command again to finish"))
    sys.stdout.write((output / "report.md").read_text())
    raise typer.Exit(1 if report["meta"].get("failed") else 0)


def schema(
    story: Annotated[bool, typer.Option("--story", help="The story brief format (schemas/story.schema.json) instead.")] = False,
) -> None:
    """Print the JSON Schema of the brief format (schemas/brief.schema.json), or with --story the story format."""
    import json

    if story:
        from ..story.types import story_json_schema as make
    else:
        from ..brief.types import brief_json_schema as make
    sys.stdout.write(json.dumps(make(), indent=2, ensure_ascii=False) + "\n")
