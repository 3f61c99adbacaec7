"""The public test doubles work for a library user's own offline tests."""

from __future__ import annotations

import httpx
import pytest

from summarizer import brief_document, document_from_bytes, resolve_settings
from summarizer.backends import ModelClient
from summarizer.backends.testing import FakeOpenAIServer, ScriptedTransport, completion, valid_draft

ARTICLE = ("Port Ellery, May 3 - The ferry pier closed on Saturday after a storm, the harbour authority said.\n\n"
           '"We will reopen it within a week," said harbour master Tomas Reyes. Repairs will cost $40,000.\n').encode()


def test_scripted_transport_briefs_an_article_offline():
    transport = ScriptedTransport(lambda req: completion(valid_draft(req)))
    client = ModelClient(resolve_settings(base_url="http://127.0.0.1:9/v1", model="m"), transport)
    brief = brief_document(document_from_bytes(ARTICLE, path="a.txt", max_bytes=10**6), client)
    assert brief.quotes[0].speaker == "Tomas Reyes" and len(transport.requests) == 1


def test_scripted_transport_raises_scripted_errors_and_refuses_extra_requests():
    t = ScriptedTransport(httpx.ConnectError("down"))
    with pytest.raises(httpx.ConnectError):
        t.handle_request(httpx.Request("POST", "http://x/v1/chat/completions", json={}))
    with pytest.raises(AssertionError, match="unexpected extra request"):
        t.handle_request(httpx.Request("POST", "http://x/v1/chat/completions", json={}))


def test_fake_server_answers_over_http_on_loopback():
    with FakeOpenAIServer() as server:
        client = ModelClient(resolve_settings(base_url=server.base_url, model="m"))
        brief = brief_document(document_from_bytes(ARTICLE, path="a.txt", max_bytes=10**6), client)
        client.close()
    assert server.requests == 1 and brief.headline and brief.quotes
