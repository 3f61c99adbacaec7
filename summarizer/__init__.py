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

from .config import Settings, resolve_settings
from .text.documents import Document, document_from_bytes, load_document
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
from .backends.client import ModelClient
from .brief.types import Actor, Brief, KeyEvent, OpenQuestion, Quote, Status
from .brief.pipeline import brief_bytes, brief_document, brief_file
from .brief.render import render_json, render_markdown

__version__ = "0.1.0"

__all__ = [
    "Actor", "Brief", "CassetteMiss", "ConfigError", "Document", "InputError", "KeyEvent", "ModelClient",
    "ModelError", "ModelUnavailable", "OpenQuestion", "OutputError", "Quote", "SchemaFailure", "Settings",
    "Status", "SummarizerError", "brief_bytes", "brief_document", "brief_file", "document_from_bytes",
    "load_document", "render_json", "render_markdown", "resolve_settings",
]
