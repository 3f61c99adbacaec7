"""``--via openai-batch``: export, upload, create, poll, download and import, resumable after a kill.

Every step is written to OUTDIR/.summarizer/openai-batches.json as soon as it
is done (file uploaded, batch created, results downloaded, imported), so a
killed run started again picks up the same batches instead of paying twice;
the intent to create is written before the request, so a kill between
``POST /v1/batches`` and saving its id is found again on the server.
Polling backs off from ``first_wait`` to ``max_wait`` seconds. An expired or
failed batch still has its finished lines imported; the rest are listed in
errors.jsonl and go into the next run's export.
"""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx

from ..config import Settings
from ..errors import ConfigError, ModelUnavailable
from ..output import write_atomic
from .batchfiles import ENDPOINT, export_requests
from .results import import_results
from .runner import STATE_DIR

TERMINAL = {"completed", "failed", "expired", "cancelled"}
KEY_FIELD = "summarizer_key"  # the batch metadata field holding our client-side key


def state_path(outdir: Path) -> Path:
    """Where the batches of OUTDIR are tracked."""
    return Path(outdir) / STATE_DIR / "openai-batches.json"


def load_state(outdir: Path) -> list[dict]:
    """The tracked batches (one per uploaded file), oldest first."""
    path = state_path(outdir)
    if not path.is_file():
        return []
    try:
        return json.loads(path.read_text(encoding="utf-8"))["batches"]
    except (json.JSONDecodeError, KeyError, TypeError) as exc:
        raise ConfigError(f"cannot read the batch state ({exc}); delete it to start over", path=str(path)) from None


def save_state(outdir: Path, batches: list[dict]) -> None:
    """Write the tracked batches atomically."""
    write_atomic(state_path(outdir), json.dumps({"batches": batches}, indent=1), overwrite=True, fsync=False)


class BatchAPI:
    """The few calls of the OpenAI Batch API used here, over plain httpx."""

    def __init__(self, settings: Settings) -> None:
        if not settings.base_url:
            raise ConfigError("--via openai-batch needs --base-url (e.g. https://api.openai.com/v1)")
        headers = {"Authorization": f"Bearer {settings.api_key}"} if settings.api_key else {}
        self.http = httpx.Client(base_url=settings.base_url.rstrip("/") + "/", headers=headers, timeout=settings.timeout)
        self.redact = settings.redact

    def _check(self, response: httpx.Response) -> httpx.Response:
        if response.status_code >= 400:
            raise ModelUnavailable(self.redact(f"the Batch API answered HTTP {response.status_code} to "
                                               f"{response.request.url.path}: {response.text[:300]}"))
        return response

    def upload(self, path: Path) -> str:
        """POST /files (purpose batch); the file id."""
        with open(path, "rb") as fh:
            r = self.http.post("files", data={"purpose": "batch"}, files={"file": (path.name, fh, "application/jsonl")})
        return self._check(r).json()["id"]

    def create(self, file_id: str, key: str) -> str:
        """POST /batches for an uploaded file, tagged with our client-side ``key``; the batch id."""
        r = self.http.post("batches", json={"input_file_id": file_id, "endpoint": ENDPOINT, "completion_window": "24h",
                                            "metadata": {KEY_FIELD: key}})
        return self._check(r).json()["id"]

    def listed(self, what: str, **query) -> Iterator[dict]:
        """Every row of a list endpoint (``batches``, ``files``), newest first, page by page."""
        after = None
        while True:
            page = self._check(self.http.get(what, params={**query, "limit": 100, **({"after": after} if after else {})})).json()
            rows = page.get("data") or []
            yield from rows
            if not page.get("has_more") or not rows:
                return
            after = rows[-1]["id"]

    def find_batch(self, file_id: str, key: str, since: float = 0.0) -> str | None:
        """The batch already made for this input file or key (by a run killed before it saved the id), if any.

        The list is newest first, so the search stops at batches made before ``since`` (when the intent was saved).
        """
        for b in self.listed("batches"):
            if b.get("input_file_id") == file_id or (b.get("metadata") or {}).get(KEY_FIELD) == key:
                return b["id"]
            if b.get("created_at", since) < since - 300:  # five minutes' grace for clocks that differ
                return None
        return None

    def find_file(self, name: str, size: int) -> str | None:
        """The file already uploaded under this (unique) name and size, if any."""
        for f in self.listed("files", purpose="batch"):
            if f.get("filename") == name and f.get("bytes") == size:
                return f["id"]
        return None

    def get(self, batch_id: str) -> dict:
        """GET /batches/{id}."""
        return self._check(self.http.get(f"batches/{batch_id}")).json()

    def download(self, file_id: str, target: Path) -> None:
        """GET /files/{id}/content into ``target`` (atomically)."""
        r = self._check(self.http.get(f"files/{file_id}/content"))
        write_atomic(target, r.text, overwrite=True, fsync=False)

    def close(self) -> None:
        """Release the connection pool."""
        self.http.close()


def submit(api: BatchAPI, outdir: Path, batches: list[dict], say: Callable[[str], None]) -> None:
    """Upload and create every tracked batch not yet created, saving after each step.

    The intent to upload or create is saved first; a run killed after the
    request but before the answer was saved finds the file or batch it made
    (by name, by input file id or by the key in the batch's metadata) instead
    of making a second one.
    """
    for b in batches:
        if not b.get("input_file_id"):
            path = Path(b["file"])
            found = api.find_file(path.name, path.stat().st_size) if b.get("uploading") else None
            if not found:
                b["uploading"] = True
                save_state(outdir, batches)
            b["input_file_id"] = found or api.upload(path)
            save_state(outdir, batches)
        if not b.get("batch_id"):
            found = api.find_batch(b["input_file_id"], b["key"], b.get("asked_at", 0.0)) if b.get("key") else None
            if not found:
                b["key"], b["asked_at"] = b.get("key") or uuid.uuid4().hex, time.time()
                save_state(outdir, batches)
            b["batch_id"] = found or api.create(b["input_file_id"], b["key"])
            b["status"] = "created"
            save_state(outdir, batches)
            say(f"{'found' if found else 'created'} batch {b['batch_id']} for {b['file']}")


def wait(api: BatchAPI, batches: list[dict], save: Callable[[], None], say: Callable[[str], None],
         sleep: Callable[[float], None], first_wait: float, max_wait: float) -> None:
    """Poll until every batch is finished, backing off; progress shows each batch's counts."""
    delay = first_wait
    while True:
        pending = [b for b in batches if b.get("status") not in TERMINAL]
        for b in pending:
            info = api.get(b["batch_id"])
            b["status"] = info.get("status")
            b["output_file_id"], b["error_file_id"] = info.get("output_file_id"), info.get("error_file_id")
            c = info.get("request_counts") or {}
            say(f"batch {b['batch_id']}: {b['status']}, {c.get('completed', 0)}/{c.get('total', 0)} done, {c.get('failed', 0)} failed")
            for e in ((info.get("errors") or {}).get("data") or [])[:5]:  # a file the API refused at validation
                say(f"batch {b['batch_id']} refused: line {e.get('line')}: {e.get('message')}")
        save()
        if all(b.get("status") in TERMINAL for b in batches):
            return
        sleep(delay)
        delay = min(delay * 2, max_wait)


def download(api: BatchAPI, outdir: Path, batches: list[dict], save: Callable[[], None]) -> list[Path]:
    """Fetch each finished batch's output and error files (once: kept in the state); the paths to import."""
    folder = Path(outdir) / STATE_DIR / "batch-results"
    paths = []
    for b in batches:
        for kind in ("output_file_id", "error_file_id"):
            if b.get(kind):
                key = f"{kind.split('_')[0]}_path"
                if not b.get(key):
                    target = folder / f"{b['batch_id']}-{b[kind]}.jsonl"
                    api.download(b[kind], target)
                    b[key] = str(target)
                    save()
                paths.append(Path(b[key]))
    return paths


def round_trip(root: Path, outdir: Path, settings: Settings, *, jobs: int = 4, pattern: str | None = None,
               say: Callable[[str], None] = print, sleep: Callable[[float], None] = time.sleep,
               first_wait: float = 5.0, max_wait: float = 300.0):
    """Brief ``root`` through the Batch API at ``settings.base_url``; (ImportReport, BatchReport)."""
    batches = [b for b in load_state(outdir) if not b.get("imported")]
    if not batches:
        stamp = time.strftime("%Y%m%d-%H%M%S")
        target = Path(outdir) / STATE_DIR / "batch-requests" / f"requests-{stamp}.jsonl"
        report = export_requests(root, outdir, settings, target, pattern=pattern)
        say(f"{report.requests} requests for {report.articles} articles; {report.cached} already briefed")
        batches = [{"file": str(p), "imported": False} for p in report.files]
        save_state(outdir, load_state(outdir) + batches)
    everything = load_state(outdir)
    open_ones = [b for b in everything if not b.get("imported")]
    api = BatchAPI(settings)
    save = lambda: save_state(outdir, everything)  # noqa: E731 - the open batches are dicts inside everything
    try:
        submit(api, outdir, everything, say)
        wait(api, open_ones, save, say, sleep, first_wait, max_wait)
        paths = download(api, outdir, open_ones, save)
    finally:
        api.close()
    result = import_results(root, outdir, settings, paths, jobs=jobs, pattern=pattern)
    for b in open_ones:
        b["imported"] = True
    save_state(outdir, everything)
    return result
