"""summarizer: typed, source-checked briefs of news articles.

The public API is re-exported here; the modules behind it are private-ish
stages (documents, prompting, llm, grounding, render) that can also be used
one by one.
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
