"""A wall-clock limit on every request, and a way to abandon the ones in flight (Ctrl-C).

httpx's timeouts bound connecting and each read, so a server that drips a
byte every few seconds holds a request for ever. :class:`DeadlineTransport`
runs each request (body included) in a daemon thread and waits for it while
watching the clock and a cancel event: past the deadline it is a timeout
(retried like any other), once cancelled it is :class:`Interrupted`. An
abandoned request's thread ends when its socket does; being a daemon, it never
keeps the process alive.
"""

from __future__ import annotations

import contextvars
import threading
import time

import httpx

from ..errors import Interrupted

#: When the current extraction's whole time budget (all attempts and waits) runs out (time.monotonic()).
budget_end: contextvars.ContextVar[float | None] = contextvars.ContextVar("summarizer_budget_end", default=None)
_POLL = 0.1


class DeadlineTransport(httpx.BaseTransport):
    """Gives each request at most ``timeout`` seconds, whole answer included, and stops at ``cancel``."""

    def __init__(self, inner: httpx.BaseTransport, timeout: float, cancel: threading.Event) -> None:
        self.inner, self.timeout, self.cancel = inner, timeout, cancel

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        if self.cancel.is_set():
            raise Interrupted("interrupted: no new request is sent")
        end = time.monotonic() + self.timeout
        budget = budget_end.get()
        limit = min(end, budget) if budget is not None else end
        box: dict[str, object] = {}
        done = threading.Event()

        def work() -> None:
            try:
                response = self.inner.handle_request(request)
                box["response"] = response
                response.read()  # the body too: a dripping body counts against the deadline
            except BaseException as exc:  # noqa: BLE001 - handed to the waiting thread
                box["error"] = exc
            finally:
                done.set()

        threading.Thread(target=work, daemon=True, name="summarizer-request").start()
        while not done.wait(_POLL):
            if self.cancel.is_set() or time.monotonic() >= limit:
                self._abandon(box)
                if self.cancel.is_set():
                    raise Interrupted("interrupted: the request in flight was abandoned")
                raise httpx.ReadTimeout(f"no complete answer within {limit - end + self.timeout:.0f} s "
                                        f"(--timeout {self.timeout:g})", request=request)
        if "error" in box:
            raise box["error"]  # type: ignore[misc]
        return box["response"]  # type: ignore[return-value]

    @staticmethod
    def _abandon(box: dict) -> None:
        """Close a response whose body is still coming, so its connection is not held."""
        response = box.get("response")
        if isinstance(response, httpx.Response):
            try:
                response.close()
            except Exception:  # noqa: BLE001 - the worker thread may be reading it right now
                pass

    def close(self) -> None:
        self.inner.close()
