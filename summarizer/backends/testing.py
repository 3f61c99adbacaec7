"""Test doubles for offline tests of code that uses summarizer, in the spirit of httpx's ``MockTransport``.

Nothing here reaches the network. Use them in your own tests::

    from summarizer import ModelClient, resolve_settings, brief_document
    from summarizer.backends.testing import ScriptedTransport, completion, valid_draft

    transport = ScriptedTransport(lambda request: completion(valid_draft(request)))
    client = ModelClient(resolve_settings(base_url="http://127.0.0.1:9/v1", model="m"), transport)
    brief = brief_document(doc, client)

``FakeOpenAIServer`` is the same answerer behind a real HTTP server on
127.0.0.1, for code that talks to a URL (``python -m summarizer.backends.testing``
runs one).
"""

from __future__ import annotations

import argparse
import json
import threading
import time
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx

__all__ = ["FakeOpenAIServer", "ScriptedTransport", "completion", "valid_draft"]


def completion(content: dict | str, *, prompt_tokens: int = 100, completion_tokens: int = 50) -> dict:
    """An OpenAI chat.completions response body whose message is ``content``."""
    text = content if isinstance(content, str) else json.dumps(content)
    return {
        "id": "chatcmpl-test",
        "object": "chat.completion",
        "created": 0,
        "model": "test-model",
        "choices": [{"index": 0, "message": {"role": "assistant", "content": text}, "finish_reason": "stop"}],
        "usage": {"prompt_tokens": prompt_tokens, "completion_tokens": completion_tokens,
                  "total_tokens": prompt_tokens + completion_tokens},
    }


class ScriptedTransport(httpx.BaseTransport):
    """Answers each request with the next scripted item.

    An item is a dict (sent as a 200 JSON body), an ``httpx.Response``, an
    exception (raised), or a callable taking the request body (a dict) and
    returning one of those. Request bodies are kept in ``requests``.
    """

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


def valid_draft(request: dict, *, events: int | None = None) -> dict:
    """A schema-valid brief draft for a request: picks the first ids its enums allow.

    Reads the quote and sentence id enums from the request's JSON Schema, so it
    answers any article the way a (dull but obedient) model would.
    """
    schema = request["response_format"]["json_schema"]["schema"]
    props = schema["properties"]
    if "key_events" not in props:  # another schema (e.g. the story headline): fill its text fields
        return {name: f"Test {name}." for name, prop in props.items() if prop.get("type") == "string"}
    sentence_ids = _choices(props["key_events"]["items"])
    events = events or props["key_events"].get("minItems", 1)
    draft = {
        "key_events": sentence_ids[:events],
        "headline": "Test headline",
        "summary": "A summary for the test.",
        "open_questions": [{"sentence": sentence_ids[0], "question": "What will happen to the town next year?"}],
    }
    if "quotes" in props:
        ids = _choices(props["quotes"]["items"])
        draft["quotes"] = ids[: props["quotes"].get("maxItems", len(ids))]
    return draft


def _choices(prop: dict) -> list[str]:
    """The allowed values of an enum property (a one-value Literal is a const)."""
    return prop["enum"] if "enum" in prop else [prop["const"]]


class FakeOpenAIServer:
    """An OpenAI-compatible ``/chat/completions`` and ``/models`` server on 127.0.0.1 with a fixed latency.

    Start it with ``with FakeOpenAIServer(latency=0.3) as server: server.base_url``;
    ``requests`` counts the completions it answered.
    """

    def __init__(self, latency: float = 0.0, port: int = 0, answer: Callable[[dict], dict | str] = valid_draft,
                 models: tuple[str, ...] = ("test-model",)) -> None:
        """``answer(request_body)`` gives the message content: a dict (sent as JSON) or a string;
        ``models`` is what GET /models lists."""
        self.latency = latency
        self.answer = answer
        self.models = models
        self.requests = 0
        self._lock = threading.Lock()
        self.server = ThreadingHTTPServer(("127.0.0.1", port), self._handler())
        self.server.daemon_threads = True
        self.server.request_queue_size = 256

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        outer = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            # headers and body go out in two writes; with Nagle on, each response stalls on a delayed ACK
            disable_nagle_algorithm = True

            def do_GET(self):  # noqa: N802
                if self.path.rstrip("/").endswith("/models"):
                    self._send(200, {"object": "list", "data": [{"id": m, "object": "model", "owned_by": "test"}
                                                                for m in outer.models]})
                else:
                    self._send(404, {"error": {"message": f"no route {self.path}"}})

            def do_POST(self):  # noqa: N802
                body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))) or b"{}")
                with outer._lock:
                    outer.requests += 1
                time.sleep(outer.latency)
                self._send(200, completion(outer.answer(body)))

            def _send(self, status: int, payload: dict) -> None:
                data = json.dumps(payload).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args):
                pass

        return Handler

    @property
    def base_url(self) -> str:
        """The URL to pass as ``--base-url``."""
        return f"http://127.0.0.1:{self.server.server_port}/v1"

    def __enter__(self) -> "FakeOpenAIServer":
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()


def main() -> None:
    """Run a fake server until killed: ``python -m summarizer.backends.testing --port 8123``."""
    ap = argparse.ArgumentParser(description="A fake OpenAI-compatible server answering with schema-valid brief drafts.")
    ap.add_argument("--port", type=int, default=8123)
    ap.add_argument("--latency", type=float, default=0.3)
    args = ap.parse_args()
    with FakeOpenAIServer(args.latency, args.port) as s:
        print(s.base_url, flush=True)
        threading.Event().wait()


if __name__ == "__main__":
    main()
