"""Shared test helpers. Tests never reach beyond 127.0.0.1 (pytest-socket, see pyproject)."""

from __future__ import annotations

import signal
from pathlib import Path

import pytest

# A runner started as a background job (`cmd &` in a shell without job control) ignores SIGINT, and so would
# every summarizer process the Ctrl-C tests start. Python's own handler is not inherited across exec: with it
# here, those processes start with SIGINT at its default, as from a terminal.
if signal.getsignal(signal.SIGINT) is signal.SIG_IGN:
    signal.signal(signal.SIGINT, signal.default_int_handler)

from summarizer import load_document, resolve_settings
from summarizer.backends import ModelClient
from summarizer.backends.testing import ScriptedTransport, completion, valid_draft
from summarizer.brief.pipeline import brief_document

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
CASSETTES = ROOT / "cassettes"
ARTICLE = ROOT / "examples" / "harbor-closure.txt"


@pytest.fixture
def fixtures() -> Path:
    return FIXTURES


def run(path=ARTICLE, answer=valid_draft, **settings):
    """Brief ``path`` through the whole pipeline with an offline model answering ``answer(request)``."""
    t = ScriptedTransport(lambda req: completion(answer(req)))
    client = ModelClient(resolve_settings(base_url="http://127.0.0.1:9/v1", model="m", **settings), t)
    doc = load_document(path, max_bytes=10**7)
    return doc, brief_document(doc, client), t
