"""Importing batch results (OpenAI Batch API or ``vllm run-batch`` output) as a normal batch run.

Each answer is stored in OUTDIR's response store under the hash of the
request it answers, exactly as the online path keeps its exchanges. Then the
ordinary :class:`BatchRunner` runs over the folder with a transport that only
replays stored answers: validation, grounding, briefs, index, briefs.jsonl and
errors.jsonl are the online path's own. An article with no (valid) answer
fails with a message saying why and is exported again next time, since it is
not cached. Importing is idempotent, and a partial file imports what it has.
"""

from __future__ import annotations

import asyncio
import json
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone
from pathlib import Path

import httpx

from ..backends.cassettes import request_key
from ..backends.client import ModelClient
from ..config import Settings
from ..errors import InputError, SummarizerError
from ..output import write_atomic
from .batchfiles import batch_settings, load_manifest
from .cache import response_store
from .runner import BatchReport, BatchRunner


class MissingResult(SummarizerError):
    """No usable batch answer for one of an article's requests."""


@dataclass
class ResultLine:
    """One line of a results file, normalised over the OpenAI and vLLM formats."""

    custom_id: str
    status: int
    body: dict | None
    error: str = ""


@dataclass
class ImportReport:
    """What the result files held."""

    answers: int = 0
    failed: dict[str, str] = field(default_factory=dict)  # request hash -> why
    unknown: list[str] = field(default_factory=list)  # custom ids never exported here
    problems: list[str] = field(default_factory=list)  # unreadable lines, as file:line: why


def parse_line(data: dict) -> ResultLine:
    """Normalise one result line: OpenAI's ``response.body``, or vLLM's older bare ``response``."""
    cid = data.get("custom_id")
    if not isinstance(cid, str):
        raise ValueError("no custom_id")
    response, error = data.get("response"), data.get("error")
    if isinstance(error, dict):
        error = error.get("message") or json.dumps(error)
    if not isinstance(response, dict):
        return ResultLine(cid, 0, None, str(error or "no response"))
    if "body" in response:
        status, body = int(response.get("status_code") or 0), response.get("body")
    else:  # vLLM < 0.6: the completion itself, no status
        status, body = (200 if "choices" in response else 0), response
    if status != 200 or not isinstance(body, dict) or not body.get("choices"):
        detail = body.get("error") if isinstance(body, dict) else None
        if isinstance(detail, dict):
            detail = detail.get("message")
        return ResultLine(cid, status, None, str(error or detail or f"HTTP {status}"))
    return ResultLine(cid, status, body)


def read_results(paths: list[Path], report: ImportReport):
    """Yield the :class:`ResultLine` of every readable line; bad lines are noted, not fatal."""
    for path in paths:
        path = Path(path)
        if not path.is_file():
            raise InputError("results file not found", path=str(path))
        good = bad = 0
        with open(path, encoding="utf-8", errors="replace") as fh:
            for n, text in enumerate(fh, 1):
                if not text.strip():
                    continue
                try:
                    line = parse_line(json.loads(text))
                except (json.JSONDecodeError, ValueError, TypeError, AttributeError) as exc:
                    bad += 1
                    report.problems.append(f"{path}:{n}: not a batch result line ({exc})")
                    continue
                good += 1
                yield line
        if bad and not good:
            raise InputError("no batch result lines in this file (expected OpenAI or vLLM batch output JSONL)", path=str(path))


def store_results(paths: list[Path], outdir: Path, settings: Settings) -> ImportReport:
    """Put every answer in the response store under its request's hash; note failures and unknown ids."""
    manifest = load_manifest(outdir)
    store = response_store(outdir, settings)
    store.mkdir(parents=True, exist_ok=True)
    report = ImportReport()
    for line in read_results(paths, report):
        entry = manifest.get(line.custom_id)
        if entry is None:
            report.unknown.append(line.custom_id)
            continue
        if line.body is None:
            report.failed[entry["request"]] = f"the batch failed request {line.custom_id}: {line.error}"
            continue
        _save(store / f"{entry['request']}.json", entry["request"], line)
        report.failed.pop(entry["request"], None)
        report.answers += 1
    return report


def _save(path: Path, key: str, line: ResultLine) -> None:
    record = {"key": key, "recorded_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
              "request": {"custom_id": line.custom_id}, "response": {"status_code": 200, "body": line.body}}
    write_atomic(path, json.dumps(record, ensure_ascii=False), overwrite=True, fsync=False)


class StoredAnswers(httpx.BaseTransport):
    """Answers only from the response store; a request with no stored answer fails the article clearly."""

    def __init__(self, store: Path, failed: dict[str, str]) -> None:
        self.store, self.failed = Path(store), failed

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        key = request_key(request.read())
        path = self.store / f"{key}.json"
        if path.is_file():
            saved = json.loads(path.read_text(encoding="utf-8"))["response"]
            return httpx.Response(saved["status_code"], json=saved["body"], request=request)
        raise MissingResult(self.failed.get(key) or
                            "no batch result for this article yet: it is exported again by --export-requests")


def import_results(root: Path, outdir: Path, settings: Settings, paths: list[Path], *, jobs: int = 4,
                   pattern: str | None = None, on_outcome=None) -> tuple[ImportReport, BatchReport]:
    """Store the answers in ``paths``, then brief the folder from stored answers only, like a normal run."""
    imported = store_results(paths, outdir, settings) if paths else ImportReport()
    return imported, brief_from_store(root, outdir, settings, imported.failed, jobs=jobs, pattern=pattern,
                                      on_outcome=on_outcome)


def brief_from_store(root: Path, outdir: Path, settings: Settings, failed: dict[str, str], *, jobs: int = 4,
                     pattern: str | None = None, on_outcome=None) -> BatchReport:
    """A normal batch run whose model is the response store: no request leaves the machine."""
    # one answer per request: a re-ask would be a request nobody answered, so a bad answer fails at once
    replay = replace(batch_settings(settings), cassette_mode="off", cassette_dir=None, schema_retries=0, transport_retries=0)
    client = ModelClient(replay, StoredAnswers(response_store(outdir, settings), failed))
    runner = BatchRunner(root, outdir, client, jobs=jobs, pattern=pattern, on_outcome=on_outcome)
    report = BatchReport()
    try:
        asyncio.run(runner.run(report))
    finally:
        client.close()
    return report
