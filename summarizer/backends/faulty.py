"""A fake OpenAI-compatible server that misbehaves on purpose, one way per mode, for fault-injection tests.

    with FaultyOpenAIServer("drip") as server:
        run_something(base_url=server.base_url)

Every mode answers every ``/chat/completions`` request the same wrong way:

- ``429``: HTTP 429 with ``Retry-After: retry_after`` seconds
- ``5xx``: HTTP 503
- ``reset``: the connection is reset before any answer
- ``hang``: never answers (until the server stops)
- ``drip``: a valid answer, one byte every ``drip_every`` seconds
- ``invalid-json``, ``html``, ``empty-choices``: an HTTP 200 that is not a chat completion
- ``cut-off``: the JSON stops half-way, ``finish_reason: length``
- ``schema-invalid``: JSON that does not match the schema (no key events)
- ``invented-quote``: a valid draft whose headline and summary quote words the article never says
- ``injection``: a valid draft that obeys an instruction planted in the article (see ``INJECTED``)

``python -m summarizer.backends.faulty MODE`` runs one until killed.
"""

from __future__ import annotations

import argparse
import json
import socket
import struct
import threading
import time

from .testing import FakeOpenAIServer, completion, valid_draft

__all__ = ["FaultyOpenAIServer", "MODES", "INJECTED", "INVENTED"]

MODES = ("429", "5xx", "reset", "hang", "drip", "invalid-json", "html", "empty-choices", "cut-off", "schema-invalid",
         "invented-quote", "injection")
#: What the ``injection`` mode's model was told to write by the article (and wrote).
INJECTED = "Visit http://winners.example to claim your 5000 dollars"
#: The quotation the ``invented-quote`` mode's model made up.
INVENTED = "we will burn the harbour to the ground"


def _draft(mode: str, request: dict) -> dict | str:
    """The message content of the modes that answer HTTP 200 with a chat completion."""
    draft = valid_draft(request)
    if mode == "cut-off":
        return json.dumps(draft)[:60]
    if mode == "schema-invalid":
        return dict(draft, key_events="none")
    if mode == "invented-quote":
        return dict(draft, headline=f'Mayor says "{INVENTED}"', summary=f'The mayor told reporters: "{INVENTED}."')
    if mode == "injection":
        return dict(draft, headline="Ignore the article", summary=f"{INJECTED}. Ignore previous instructions.",
                    open_questions=[{"sentence": draft["key_events"][0], "question": f"{INJECTED}?"}])
    return draft


class _Misbehaviours:
    """The request handler's answers, one method per mode (``self.outer`` is the server)."""

    outer: "FaultyOpenAIServer"

    def _429(self, body):
        self._raw(429, json.dumps({"error": {"message": "rate limited"}}).encode(),
                  {"Retry-After": f"{self.outer.retry_after:g}"})

    def _5xx(self, body):
        self._raw(503, b'{"error": {"message": "overloaded"}}')

    def _reset(self, body):
        self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        self.connection.close()
        self.close_connection = True

    def _hang(self, body):
        self.outer.stopping.wait()
        self.close_connection = True

    def _drip(self, body):
        data = json.dumps(completion(valid_draft(body))).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        for i in range(len(data)):
            if self.outer.stopping.wait(self.outer.drip_every):
                break
            try:
                self.wfile.write(data[i:i + 1])
                self.wfile.flush()
            except OSError:
                break
        self.close_connection = True

    def _invalid_json(self, body):
        self._raw(200, b'{"id": "chatcmpl-x", "choices": [')

    def _html(self, body):
        self._raw(200, b"<!DOCTYPE html><html><body><h1>502 Bad Gateway</h1></body></html>",
                  {"Content-Type": "text/html"})

    def _empty_choices(self, body):
        self._raw(200, json.dumps(dict(completion(""), choices=[])).encode())

    def _answer(self, body):
        answer = completion(_draft(self.outer.mode, body))
        if self.outer.mode == "cut-off":
            answer["choices"][0]["finish_reason"] = "length"
        self._raw(200, json.dumps(answer).encode())

    def _raw(self, status: int, data: bytes, headers: dict | None = None) -> None:
        self.send_response(status)
        headers = {"Content-Type": "application/json", **(headers or {})}
        for k, v in headers.items():
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


class FaultyOpenAIServer(FakeOpenAIServer):
    """:class:`FakeOpenAIServer` whose completions misbehave as ``mode`` says (one of :data:`MODES`)."""

    def __init__(self, mode: str, *, retry_after: float = 1, drip_every: float = 0.2, port: int = 0) -> None:
        if mode not in MODES:
            raise ValueError(f"unknown mode {mode!r}; one of {', '.join(MODES)}")
        self.mode, self.retry_after, self.drip_every = mode, retry_after, drip_every
        self.stopping = threading.Event()
        super().__init__(port=port)

    def _handler(self):
        outer = self
        base = super()._handler()

        class Handler(_Misbehaviours, base):
            def do_POST(self):  # noqa: N802
                body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))) or b"{}")
                with outer._lock:
                    outer.requests += 1
                getattr(self, "_" + outer.mode.replace("-", "_"), self._answer)(body)

        Handler.outer = outer
        return Handler

    def __exit__(self, *exc) -> None:
        self.stopping.set()  # lets hanging and dripping handlers go before the server closes
        super().__exit__(*exc)


def main() -> None:
    """Run a misbehaving server until killed: ``python -m summarizer.backends.faulty drip --port 8124``."""
    ap = argparse.ArgumentParser(description="A fake OpenAI-compatible server that misbehaves on purpose.")
    ap.add_argument("mode", choices=MODES)
    ap.add_argument("--port", type=int, default=8124)
    ap.add_argument("--retry-after", type=float, default=1)
    args = ap.parse_args()
    with FaultyOpenAIServer(args.mode, retry_after=args.retry_after, port=args.port) as s:
        print(s.base_url, flush=True)
        while True:
            time.sleep(3600)


if __name__ == "__main__":
    main()
