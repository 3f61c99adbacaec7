"""A fake OpenAI Batch API (``/v1/files`` and ``/v1/batches``) on 127.0.0.1, for offline tests.

It answers every request line with the tests' obedient model
(:func:`summarizer.backends.testing.valid_draft`), can fail every n-th line
(those go to the error file, as OpenAI does), and can let a batch expire with
only part of its lines done. A batch finishes after ``polls`` status reads;
one with a line the real API would reject (:func:`line_problems`) fails whole.
``GET /v1/batches`` and ``GET /v1/files`` list what was created, newest first.
"""

from __future__ import annotations

import itertools
import json
import re
import threading
import time
from email.parser import BytesParser
from email.policy import default as default_policy
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

from .testing import completion, valid_draft

__all__ = ["FakeBatchServer", "line_problems"]

#: The request fields of OpenAI's /v1/chat/completions (a batch line's body may use no others).
CHAT_FIELDS = {"model", "messages", "max_tokens", "max_completion_tokens", "temperature", "top_p", "seed", "n", "stop",
               "response_format", "tools", "tool_choice", "parallel_tool_calls", "presence_penalty", "frequency_penalty",
               "logit_bias", "logprobs", "top_logprobs", "user", "metadata", "store", "service_tier", "reasoning_effort"}
SCHEMA_NAME = re.compile(r"^[a-zA-Z0-9_-]{1,64}$")


def line_problems(line: dict, endpoint: str = "/v1/chat/completions") -> list[str]:
    """Why the OpenAI Batch API would reject one input line (empty when it would take it)."""
    problems = [f"{k} missing" for k in ("custom_id", "method", "url", "body") if k not in line]
    if line.get("method") != "POST" or line.get("url") != endpoint:
        problems.append(f"method/url must be POST {endpoint}")
    body = line.get("body") or {}
    problems += [f"unknown body field {k}" for k in sorted(set(body) - CHAT_FIELDS)]
    if not isinstance(body.get("model"), str) or not isinstance(body.get("messages"), list) or not body["messages"]:
        problems.append("body needs model and messages")
    elif any(not isinstance(m, dict) or m.get("role") not in ("system", "developer", "user", "assistant")
             or not isinstance(m.get("content"), str) for m in body["messages"]):
        problems.append("each message needs a role and text content")
    fmt = body.get("response_format")
    if fmt is not None and fmt.get("type") == "json_schema":
        spec = fmt.get("json_schema") or {}
        if not SCHEMA_NAME.match(str(spec.get("name", ""))) or not isinstance(spec.get("schema"), dict):
            problems.append("response_format.json_schema needs a name ([a-zA-Z0-9_-], at most 64) and a schema")
    elif fmt is not None and fmt.get("type") not in ("text", "json_object"):
        problems.append(f"unknown response_format type {fmt.get('type')!r}")
    return problems


class FakeBatchServer:
    """``with FakeBatchServer(fail_every=5, expire=True) as s: s.base_url``; ``batches`` holds what was created."""

    def __init__(self, *, polls: int = 2, fail_every: int = 0, expire: bool = False, port: int = 0) -> None:
        self.polls, self.fail_every, self.expire = polls, fail_every, expire
        self.files: dict[str, bytes] = {}
        self.batches: dict[str, dict] = {}
        self.uploads = 0
        self.listing: list[dict] = []  # uploaded files, oldest first, as GET /v1/files shows them
        self._ids = itertools.count(1)
        self._lock = threading.Lock()
        self.server = ThreadingHTTPServer(("127.0.0.1", port), self._handler())
        self.server.daemon_threads = True

    @property
    def base_url(self) -> str:
        """The URL to pass as ``--base-url``."""
        return f"http://127.0.0.1:{self.server.server_port}/v1"

    def __enter__(self) -> "FakeBatchServer":
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()

    def _new_id(self, prefix: str) -> str:
        return f"{prefix}-{next(self._ids)}"

    def upload(self, content_type: str, body: bytes) -> dict:
        """POST /v1/files (multipart, purpose=batch)."""
        msg = BytesParser(policy=default_policy).parsebytes(b"Content-Type: " + content_type.encode() + b"\r\n\r\n" + body)
        fields = {part.get_param("name", header="content-disposition"): part.get_payload(decode=True) for part in msg.iter_parts()}
        if fields.get("purpose") != b"batch" or "file" not in fields:
            return {"error": {"message": "need purpose=batch and a file"}}
        with self._lock:
            fid = self._new_id("file")
            self.files[fid] = fields["file"]
            name = next((p.get_filename() for p in msg.iter_parts() if p.get_filename()), "upload.jsonl")
            self.listing.append({"id": fid, "object": "file", "purpose": "batch", "bytes": len(fields["file"]), "filename": name})
            self.uploads += 1
        return dict(self.listing[-1])

    def create(self, body: dict) -> dict:
        """POST /v1/batches."""
        if body.get("input_file_id") not in self.files or body.get("endpoint") != "/v1/chat/completions":
            return {"error": {"message": "unknown input_file_id or endpoint"}}
        with self._lock:
            bid = self._new_id("batch")
            lines = self.files[body["input_file_id"]].decode().splitlines()
            self.batches[bid] = {"id": bid, "object": "batch", "status": "validating", "input_file_id": body["input_file_id"],
                                 "completion_window": body.get("completion_window"), "metadata": body.get("metadata"),
                                 "created_at": int(time.time()),
                                 "output_file_id": None, "errors": None,
                                 "error_file_id": None, "request_counts": {"total": len(lines), "completed": 0, "failed": 0},
                                 "_reads": 0, "_lines": lines}
        return self.public(bid)

    def public(self, bid: str) -> dict:
        """A batch object as the API shows it."""
        return {k: v for k, v in self.batches[bid].items() if not k.startswith("_")}

    def page(self, rows: list[dict], query: dict) -> dict:
        """A list endpoint's page, newest first, after the ``after`` id, at most ``limit`` rows."""
        rows = rows[::-1]
        after = query.get("after", [None])[0]
        if after:
            rows = rows[next((n + 1 for n, r in enumerate(rows) if r["id"] == after), len(rows)):]
        limit = int(query.get("limit", ["20"])[0])
        return {"object": "list", "data": rows[:limit], "has_more": len(rows) > limit}

    def read(self, bid: str) -> dict:
        """GET /v1/batches/{id}: moves on one step per read, finishing after ``polls`` reads."""
        with self._lock:
            b = self.batches[bid]
            b["_reads"] += 1
            if b["status"] in ("validating", "in_progress"):
                b["status"] = "in_progress"
                if b["_reads"] >= self.polls:
                    self._finish(b)
        return self.public(bid)

    def _finish(self, b: dict) -> None:
        lines = b["_lines"]
        invalid = [{"code": "invalid_request", "line": n + 1, "message": "; ".join(p)}
                   for n, p in enumerate(line_problems(json.loads(t)) for t in lines) if p]
        if invalid:  # as OpenAI does: a file with a bad line fails whole, at validation
            b["status"], b["errors"] = "failed", {"object": "list", "data": invalid}
            return
        done, errors = [], []
        cut = len(lines) // 2 if self.expire else len(lines)
        for n, text in enumerate(lines):
            req = json.loads(text)
            cid = req["custom_id"]
            if n >= cut:
                errors.append({"id": f"r{n}", "custom_id": cid, "response": None,
                               "error": {"code": "batch_expired", "message": "This request could not be executed before the completion window expired."}})
            elif self.fail_every and n % self.fail_every == self.fail_every - 1:
                errors.append({"id": f"r{n}", "custom_id": cid, "response": {"status_code": 500, "request_id": f"q{n}",
                               "body": {"error": {"message": "fake server failure", "type": "server_error"}}}, "error": None})
            else:
                done.append({"id": f"r{n}", "custom_id": cid, "response": {"status_code": 200, "request_id": f"q{n}",
                             "body": completion(valid_draft(req["body"]))}, "error": None})
        for kind, rows in (("output_file_id", done), ("error_file_id", errors)):
            if rows:
                fid = self._new_id("file")
                self.files[fid] = "".join(json.dumps(r) + "\n" for r in rows).encode()
                b[kind] = fid
        b["status"] = "expired" if self.expire else "completed"
        b["request_counts"] = {"total": len(lines), "completed": len(done), "failed": len(errors)}

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        outer = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def _send(self, data: dict | bytes, status: int = 200) -> None:
                if isinstance(data, dict) and "error" in data and "id" not in data:
                    status = 400
                raw = data if isinstance(data, bytes) else json.dumps(data).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(raw)))
                self.end_headers()
                self.wfile.write(raw)

            def do_POST(self):  # noqa: N802
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                if self.path == "/v1/files":
                    self._send(outer.upload(self.headers.get("Content-Type", ""), body))
                elif self.path == "/v1/batches":
                    self._send(outer.create(json.loads(body or b"{}")))
                else:
                    self._send({"error": {"message": f"no route {self.path}"}}, 404)

            def do_GET(self):  # noqa: N802
                url = urlsplit(self.path)
                parts, query = url.path.strip("/").split("/"), parse_qs(url.query)
                if parts == ["v1", "batches"]:
                    self._send(outer.page([outer.public(b) for b in outer.batches], query))
                elif parts == ["v1", "files"]:
                    self._send(outer.page([f for f in outer.listing if f["purpose"] == query.get("purpose", ["batch"])[0]], query))
                elif parts[:2] == ["v1", "batches"] and len(parts) == 3 and parts[2] in outer.batches:
                    self._send(outer.read(parts[2]))
                elif parts[:2] == ["v1", "files"] and len(parts) == 4 and parts[3] == "content" and parts[2] in outer.files:
                    self._send(outer.files[parts[2]])
                else:
                    self._send({"error": {"message": f"no route {self.path}"}}, 404)

            def log_message(self, *args):
                pass

        return Handler
