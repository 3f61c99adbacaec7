"""summarizer: typed, source-checked briefs of news articles.

The public API is re-exported here. Behind it, one subpackage per stage, and
data flows one way::

    text/      load the article and analyse it once (documents, sentences,
               quotations and speakers, names, dates, spans, one lexicon)
    brief/     the brief's types, the draft schema the model fills, prompting,
               grounding, window merging, the pipeline, rendering
    backends/  the model client and its retries, the embedded model,
               cassettes, and test doubles (``summarizer.backends.testing``)
    batch/     a folder of articles: concurrency, cache, progress
    story/     several articles about one story: grouping, discrepancies
    eval/      scores against human-annotated data
    cli        the command line, a thin layer over all of the above

The dependency rule (checked by tests/test_layers.py): a layer imports only
from layers before it, text <- brief <- batch <- story, eval <- cli, plus the
shared root modules (config, errors, output, resources). ``backends`` is seen
only by the brief pipeline, batch and the CLI; it reads the brief's data types
(``brief.types``) and nothing else of brief.
"""

from .errors import (
    CassetteMiss,
    ConfigError,
    InputError,
    ModelError,
    ModelUnavailable,
    OutputError,
    SchemaFailure,
    SummarizerError,
)
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # imported on first use: openai and instructor take ~2 s, pydantic models ~0.2 s
    from .config import Settings, SettingsOverrides, resolve_settings
    from .text.documents import Document, document_from_bytes, load_document
    from .brief.types import Actor, Brief, KeyEvent, OpenQuestion, Quote, Status
    from .brief.render import render_json, render_markdown
    from .backends.client import ModelClient
    from .batch.runner import BatchReport, Outcome, brief_folder
    from .brief.pipeline import brief_bytes, brief_document, brief_file
    from .story.run import build_stories
    from .story.types import StoryBrief

_LAZY = {
    **dict.fromkeys(("Settings", "SettingsOverrides", "resolve_settings"), ".config"),
    **dict.fromkeys(("Document", "document_from_bytes", "load_document"), ".text.documents"),
    **dict.fromkeys(("Actor", "Brief", "KeyEvent", "OpenQuestion", "Quote", "Status"), ".brief.types"),
    **dict.fromkeys(("render_json", "render_markdown"), ".brief.render"),
    "ModelClient": ".backends.client",
    "brief_bytes": ".brief.pipeline",
    "brief_document": ".brief.pipeline",
    "brief_file": ".brief.pipeline",
    "BatchReport": ".batch.runner",
    "Outcome": ".batch.runner",
    "brief_folder": ".batch.runner",
    "build_stories": ".story.run",
    "StoryBrief": ".story.types",
}


def __getattr__(name: str) -> object:
    """Import the model-facing names on first use, so `import summarizer` and `--help` stay fast."""
    if name in _LAZY:
        import importlib

        value = getattr(importlib.import_module(_LAZY[name], __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

__version__ = "0.1.0"

__all__ = [
    "Actor", "BatchReport", "Brief", "CassetteMiss", "ConfigError", "Document", "InputError", "KeyEvent", "ModelClient",
    "ModelError", "ModelUnavailable", "OpenQuestion", "Outcome", "OutputError", "Quote", "SchemaFailure", "Settings",
    "SettingsOverrides", "Status", "StoryBrief", "SummarizerError", "brief_bytes", "brief_document", "brief_file", "brief_folder",
    "build_stories", "document_from_bytes",
    "load_document", "render_json", "render_markdown", "resolve_settings",
]
