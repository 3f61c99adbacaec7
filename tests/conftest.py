"""Shared test helpers. Tests never reach beyond 127.0.0.1 (pytest-socket, see pyproject)."""

from __future__ import annotations

import json
from pathlib import Path

import httpx
import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
CASSETTES = ROOT / "cassettes"


def completion(content: dict | str, *, prompt_tokens: int = 100, completion_tokens: int = 50) -> dict:
    """An OpenAI chat.completions response body whose message is ``content``."""
    text = content if isinstance(content, str) else json.dumps(content)
    return {
        "id": "chatcmpl-test",
        "object": "chat.completion",
        "created": 0,
        "model": "test-model",
        "choices": [{"index": 0, "message": {"role": "assistant", "content": text}, "finish_reason": "stop"}],
        "usage": {"prompt_tokens": prompt_tokens, "completion_tokens": completion_tokens, "total_tokens": prompt_tokens + completion_tokens},
    }


class ScriptedTransport(httpx.BaseTransport):
    """Answers each request with the next scripted item: a dict (200 JSON), an httpx.Response, or an exception."""

    def __init__(self, *items) -> None:
        self.items = list(items)
        self.requests: list[dict] = []

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(json.loads(request.read() or b"{}"))
        if not self.items:
            raise AssertionError("unexpected extra request")
        item = self.items.pop(0)
        if callable(item) and not isinstance(item, (dict, httpx.Response)):
            item = item(self.requests[-1])
        if isinstance(item, BaseException):
            raise item
        if isinstance(item, httpx.Response):
            return item
        return httpx.Response(200, json=item)


@pytest.fixture
def fixtures() -> Path:
    return FIXTURES


def valid_draft(request: dict, *, events: int | None = None) -> dict:
    """A schema-valid brief draft for a recorded-style request: picks the first ids its enums allow.

    Reads the quote and sentence id enums from the request's JSON Schema, so it
    answers any article the way a (dull but obedient) model would.
    """
    schema = request["response_format"]["json_schema"]["schema"]
    defs = schema.get("$defs", {})
    if "DraftEvent" not in defs:  # another schema (e.g. the story headline): fill its text fields
        return {name: f"Test {name}." for name, prop in schema["properties"].items() if prop.get("type") == "string"}
    sentence_ids = _choices(defs["DraftEvent"]["properties"]["sentence"])
    events = events or schema["properties"]["key_events"].get("minItems", 1)
    draft = {
        "headline": "Test headline",
        "summary": "A summary for the test.",
        "key_events": [{"sentence": sid, "what": "event", "where": "", "actors": []} for sid in sentence_ids[:events]],
        "actors": [{"name": "Nobody Inparticular", "kind": "person", "role": "invented"}],
        "open_questions": [{"question": "What will happen to the town next year?", "sentence": sentence_ids[0]}],
    }
    if "DraftQuote" in defs:
        ids = _choices(defs["DraftQuote"]["properties"]["id"])
        most = schema["properties"]["quotes"].get("maxItems", len(ids))
        draft["quotes"] = [{"id": i, "speaker": "", "speaker_role": ""} for i in ids[:most]]
    return draft


def _choices(prop: dict) -> list[str]:
    """The allowed values of an enum property (a one-value Literal is a const)."""
    return prop["enum"] if "enum" in prop else [prop["const"]]
