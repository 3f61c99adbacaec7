"""A fake OpenAI-compatible server on 127.0.0.1: fixed latency, schema-valid brief drafts.

Used by the batch tests and by bench/bench_batch.py. Run alone with
``python tests/fake_openai.py --port 8123 --latency 0.3``.
"""

from __future__ import annotations

import argparse
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from conftest import completion, valid_draft


class FakeOpenAI:
    """Start with ``with FakeOpenAI(latency=0.3) as server: server.base_url``; counts requests."""

    def __init__(self, latency: float = 0.0, port: int = 0, answer=valid_draft) -> None:
        """``answer(request_body)`` gives the message content: a dict (sent as JSON) or a string."""
        self.latency = latency
        self.answer = answer
        self.requests = 0
        self._lock = threading.Lock()
        outer = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            # headers and body go out in two writes; with Nagle on, each response stalls on a delayed ACK
            disable_nagle_algorithm = True

            def do_POST(self):  # noqa: N802
                body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))) or b"{}")
                with outer._lock:
                    outer.requests += 1
                time.sleep(outer.latency)
                data = json.dumps(completion(outer.answer(body))).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
        self.server.daemon_threads = True
        self.server.request_queue_size = 256

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_port}/v1"

    def __enter__(self) -> "FakeOpenAI":
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--port", type=int, default=8123)
    ap.add_argument("--latency", type=float, default=0.3)
    args = ap.parse_args()
    with FakeOpenAI(args.latency, args.port) as s:
        print(s.base_url, flush=True)
        threading.Event().wait()
