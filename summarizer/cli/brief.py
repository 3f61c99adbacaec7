"""``summarizer brief``: one article (a file or standard input), or several, one brief each."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Optional

import typer

from ..config import resolve_settings
from ..errors import ConfigError, OutputError, SummarizerError
from .common import (BaseUrl, CassetteMode, Cassettes, Config, Format, InputFormat, MaxBytes, Mode,
                     ModelName, ModeOpt, Published, Retries, Strict, Timeout, fail, model_settings, second_ctrl_c_exits)

SUFFIXES = {Format.markdown: ".md", Format.json: ".json", Format.html: ".html"}


def brief(
    articles: Annotated[list[str], typer.Argument(help="Article files (.txt, .md, .html), or - for standard input.")],
    format: Annotated[Format, typer.Option("--format", "-f", help="Output format.")] = Format.markdown,
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="Write here (atomically) instead of stdout; a folder when several articles are given.")] = None,
    force: Annotated[bool, typer.Option("--force", help="Replace an existing output file.")] = False,
    input_format: Annotated[InputFormat, typer.Option("--input-format", help="How to read standard input: auto sniffs HTML and front matter.")] = InputFormat.auto,
    base_url: BaseUrl = None,
    model: ModelName = None,
    mode: Mode = ModeOpt.auto,
    cassettes: Cassettes = None,
    cassette_mode: CassetteMode = None,
    strict: Strict = None,
    published: Published = None,
    max_bytes: MaxBytes = None,
    retries: Retries = None,
    timeout: Timeout = None,
    config: Config = None,
) -> None:
    """Make a checked brief of one article, or of each of several (to stdout one after another, or into -o DIR)."""
    try:
        settings = resolve_settings(config=config, **model_settings(
            base_url=base_url, model=model, mode=mode, cassette_dir=cassettes, cassette_mode=cassette_mode,
            strict=strict, published=published, max_bytes=max_bytes, retries=retries, timeout=timeout))
        with second_ctrl_c_exits():
            if len(articles) == 1:
                _one(articles[0], settings, format, output, force, input_format)
            else:
                raise typer.Exit(_several(articles, settings, format, output, force))
    except SummarizerError as exc:
        fail(exc)
    except KeyboardInterrupt:
        from ..errors import Interrupted

        fail(Interrupted("interrupted" + (": nothing was written" if len(articles) == 1 else "; briefs already written are kept")))


def _one(article: str, settings, format: Format, output: Path | None, force: bool, input_format: InputFormat) -> None:
    from ..brief.pipeline import brief_document
    from ..text.documents import document_from_bytes, load_document
    from ..backends.client import ModelClient

    if output is not None and output.exists() and not force:
        raise OutputError("already exists; pass --force to replace it", path=str(output))
    if output is not None:
        from ..output import ensure_writable

        ensure_writable(output.parent)  # before the model is paid for a brief that cannot be saved
    if article == "-":
        fmt = None if input_format is InputFormat.auto else input_format.value
        doc = document_from_bytes(sys.stdin.buffer.read(), path="-", fmt=fmt, max_bytes=settings.max_bytes,
                                  published=settings.published)
    else:  # fails on bad input before a model is loaded
        doc = load_document(article, max_bytes=settings.max_bytes, published=settings.published)
    with ModelClient(settings) as client:
        text = render(format, brief_document(doc, client), doc)
    if output is None:
        from ..output import printable

        sys.stdout.write(printable(text))
        return
    from ..output import write_atomic

    write_atomic(output, text, overwrite=force, protect=(Path(article),) if article != "-" else ())
    typer.echo(f"wrote {output}", err=True)


def _several(articles: list[str], settings, format: Format, output: Path | None, force: bool) -> int:
    """Brief each article; Markdown to stdout separated by rules, JSON as JSON Lines, or files in ``output``."""
    from ..backends.client import ModelClient
    from ..batch.ending import exit_code
    from ..batch.several import brief_several
    from ..output import write_atomic

    if "-" in articles:
        raise ConfigError("standard input (-) can only be briefed on its own")
    if output is None and format is Format.html:
        raise ConfigError("several HTML pages need a folder: pass -o DIR")
    if output is not None and output.exists() and not output.is_dir():
        raise ConfigError(f"{output} is a file; with several articles -o names a folder")
    shown = []

    def emit(doc, brief, name: str) -> None:
        text = render(format, brief, doc)
        if output is None:
            sys.stdout.write(("\n---\n\n" if shown and format is Format.markdown else "") + _one_line(format, text))
        else:
            target = output / (name + SUFFIXES[format])
            write_atomic(target, text, overwrite=force, protect=tuple(Path(a) for a in articles))
            typer.echo(f"wrote {target}", err=True)
        shown.append(doc.path)

    with ModelClient(settings) as client:
        report = brief_several(articles, client, emit, on_failure=lambda o: typer.echo(f"summarizer: error: {o.message}", err=True))
    return exit_code(report)


def _one_line(format: Format, text: str) -> str:
    """JSON as one line per brief (JSON Lines); other formats as they are."""
    if format is not Format.json:
        return text
    import json

    return json.dumps(json.loads(text), ensure_ascii=False) + "\n"


def render(format: Format, brief, doc) -> str:
    """The brief as Markdown, JSON, or the HTML review page beside ``doc``."""
    if format is Format.html:
        from ..brief.html import render_html

        return render_html(brief, doc)
    from ..brief.render import render_json, render_markdown

    return render_json(brief) if format is Format.json else render_markdown(brief)
