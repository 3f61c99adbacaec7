"""Batch stage: a folder of articles to a folder of briefs, concurrently, cached, resumable.

Every file written is written atomically (temporary file + rename), so a run
killed at any moment leaves no half-written file, and the content-addressed
cache means the next run only pays for what is not done yet. The input
folder is only ever read.
"""

from __future__ import annotations

import asyncio
import json
import os
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from urllib.parse import quote

from .cache import STATE_DIR, BriefCache, cache_key, keeping_answers
from .lock import outdir_lock
from .naming import brief_name, brief_names
from ..text.documents import SUPPORTED_SUFFIXES, load_document
from ..config import Settings
from ..errors import ConfigError, DiskError, SummarizerError
from ..backends.client import ModelClient
from ..brief.types import Brief
from ..output import ensure_writable, printable, write_atomic
from ..brief.pipeline import brief_document, is_partial
from ..brief.html import back_link, index_page, render_html
from ..brief.render import esc, render_json, render_markdown


@dataclass
class Outcome:
    """What happened to one input file."""

    rel: str
    status: str  # done | cached | failed
    brief: Brief | None = None
    stage: str = ""
    error: str = ""
    message: str = ""
    name: str = ""
    """Where its brief files are, relative to OUTDIR, without extension (see batch/naming.py)."""


@dataclass
class BatchReport:
    """Filled in as the run goes, so an interrupted run can still say what it did."""

    total: int = 0
    outcomes: list[Outcome] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    interrupted: bool = False

    def count(self, status: str) -> int:
        """How many files ended with ``status``."""
        return sum(1 for o in self.outcomes if o.status == status)


def discover(root: Path, outdir: Path, pattern: str | None = None) -> tuple[list[str], list[str]]:
    """Article paths under ``root`` (relative, POSIX, sorted) and the files skipped as not articles.

    Hidden folders, ``outdir`` (when it lies inside ``root``) and any folder
    holding another summarizer run (a ``.summarizer`` folder) are not walked:
    their briefs are outputs, not articles.
    """
    out_r = outdir.resolve()
    articles, skipped = [], []
    for dirpath, dirnames, filenames in os.walk(root):
        here = Path(dirpath)
        dirnames[:] = sorted(d for d in dirnames if not d.startswith(".") and (here / d).resolve() != out_r
                             and not (here / d / STATE_DIR).is_dir())
        for name in sorted(filenames):
            rel = (here / name).relative_to(root).as_posix()
            if pattern and not PurePosixPath(rel).match(pattern):
                continue
            if name.startswith(".") or Path(name).suffix.lower() not in SUPPORTED_SUFFIXES - {""}:
                skipped.append(rel)
            else:
                articles.append(rel)
    return articles, skipped


def output_paths(outdir: Path, rel: str, name: str | None = None) -> tuple[Path, Path]:
    """OUTDIR/<name>.md and .json (``name`` from :func:`brief_names`, by default the article's alone),
    refusing any name that would land outside OUTDIR."""
    parts = [p for p in PurePosixPath(rel).parts if p not in ("", ".")]
    if not parts or any(p == ".." or "/" in p or "\\" in p or "\0" in p for p in parts):
        raise ConfigError(f"unsafe file name {rel!r}")
    base = outdir.joinpath(*PurePosixPath(name or brief_name(rel)).parts)
    md, js = base.with_name(base.name + ".md"), base.with_name(base.name + ".json")
    top = outdir.resolve()
    for p in (md, js):
        if not p.resolve().is_relative_to(top):
            raise ConfigError(f"output for {rel!r} would fall outside {outdir}")
    return md, js


class BatchRunner:
    """Runs one batch; build with settings and a client, then ``await run(...)``."""

    def __init__(self, root: Path, outdir: Path, client: ModelClient, *, jobs: int = 4, force: bool = False,
                 pattern: str | None = None, on_outcome: Callable[[Outcome], None] | None = None) -> None:
        root, outdir = Path(root), Path(outdir)
        if not root.is_dir():
            raise ConfigError(f"{root} is not a folder")
        if outdir.resolve() == root.resolve() or root.resolve().is_relative_to(outdir.resolve()):
            raise ConfigError(f"the output folder {outdir} must not be the input folder or contain it")
        if jobs < 1:
            raise ConfigError("--jobs must be at least 1")
        self.root, self.outdir, self.client = root, outdir, client
        self.jobs, self.force, self.pattern = jobs, force, pattern
        self.on_outcome = on_outcome or (lambda o: None)
        self.cache = BriefCache(outdir / STATE_DIR / "cache")
        self._inflight: dict[str, asyncio.Future] = {}
        self.names: dict[str, str] = {}

    def plan(self, report: BatchReport) -> list[str]:
        """Find the articles; record skipped files in ``report``."""
        articles, skipped = discover(self.root, self.outdir, self.pattern)
        report.total, report.skipped = len(articles), skipped
        self.names = brief_names(articles)
        return articles

    def check_writable(self) -> None:
        """OUTDIR, its state folder and a recording cassette folder must take files before anything is paid for."""
        folders = [self.outdir, self.outdir / STATE_DIR]
        cassettes = self.client.cassettes
        if cassettes is not None and cassettes.mode != "replay":
            folders.append(cassettes.directory)
        for folder in folders:
            ensure_writable(folder)

    async def run(self, report: BatchReport) -> BatchReport:
        """Brief every article, writing outputs as they finish, then the index files.

        A disk error (:class:`DiskError`) stops the whole run at once: every
        later article would be paid for and then lost the same way.
        """
        with outdir_lock(self.outdir):
            return await self._run(report)

    async def _run(self, report: BatchReport) -> BatchReport:
        articles = self.plan(report)
        self.check_writable()
        # The embedded model serialises generation itself; extra workers overlap load/ground/render.
        workers = max(self.jobs, 2) if self.client.settings.is_local else self.jobs
        loop = asyncio.get_running_loop()
        loop.set_default_executor(ThreadPoolExecutor(max_workers=workers + 2, thread_name_prefix="brief"))
        gate = asyncio.Semaphore(workers)

        async def one(rel: str) -> None:
            async with gate:
                outcome = await self._one(rel)
            report.outcomes.append(outcome)
            self.on_outcome(outcome)

        tasks = [asyncio.create_task(one(rel)) for rel in articles]
        try:
            await asyncio.gather(*tasks)
        except (asyncio.CancelledError, DiskError):
            report.interrupted = True
            self.client.cancel()  # Ctrl-C: the requests in flight are abandoned, so their threads end now
            for t in tasks:
                t.cancel()
            raise
        finally:
            self._try_indexes(report)
        return report

    def _try_indexes(self, report: BatchReport) -> None:
        """Write the index files; after a disk error they may fail too, and the first error is the one told."""
        try:
            self.write_indexes(report)
        except DiskError:
            if not report.interrupted:
                raise

    async def _one(self, rel: str) -> Outcome:
        outcome = await self._brief_one(rel)
        outcome.name = self.names.get(rel) or brief_name(rel)
        return outcome

    async def _brief_one(self, rel: str) -> Outcome:
        path = self.root / rel
        try:
            md_path, json_path = output_paths(self.outdir, rel, self.names.get(rel))
        except ConfigError as exc:
            return Outcome(rel, "failed", stage="plan", error=type(exc).__name__, message=exc.message)
        try:
            doc = await asyncio.to_thread(load_document, path, max_bytes=self.client.settings.max_bytes,
                                          published=self.client.settings.published)
        except SummarizerError as exc:
            return Outcome(rel, "failed", stage="load", error=type(exc).__name__, message=exc.message)
        key = cache_key(doc.sha256, self.client.settings)
        status = "cached"
        brief = None if self.force else self.cache.get(key)
        if brief is None:
            status = "done"
            try:
                brief = await self._compute(key, doc)
            except DiskError:
                raise
            except SummarizerError as exc:
                return Outcome(rel, "failed", stage="model", error=type(exc).__name__, message=exc.message)
            except Exception as exc:  # noqa: BLE001 - one bad article never stops a batch
                message = " ".join(self.client.settings.redact(str(exc)).split())[:300]
                return Outcome(rel, "failed", stage="model", error=type(exc).__name__, message=message)
        brief = brief.model_copy(update={"source": brief.source.model_copy(update={"path": rel})})
        try:
            await asyncio.to_thread(self._write, brief, md_path, json_path, doc)
        except DiskError:
            raise
        except SummarizerError as exc:
            return Outcome(rel, "failed", brief=brief, stage="write", error=type(exc).__name__, message=exc.message)
        return Outcome(rel, status, brief=brief)

    async def _compute(self, key: str, doc) -> Brief:
        """Brief a document once per run even if several files hold the same text."""
        if key in self._inflight:
            return await asyncio.shield(self._inflight[key])
        future: asyncio.Future = asyncio.get_running_loop().create_future()
        self._inflight[key] = future
        try:
            brief = await asyncio.to_thread(brief_document, doc, self.client)
            if not is_partial(brief):  # a part that failed is asked again next run; the others replay
                await asyncio.to_thread(self.cache.put, key, brief)
        except BaseException as exc:
            future.set_exception(exc)
            future.exception()  # mark retrieved: waiters re-raise it, nobody else needs to
            raise
        future.set_result(brief)
        return brief

    @staticmethod
    def _write(brief: Brief, md_path: Path, json_path: Path, doc) -> None:
        text = render_json(brief)
        html_path = md_path.with_suffix(".html")
        if json_path.is_file() and html_path.is_file() and json_path.read_text(encoding="utf-8") == text:
            return  # unchanged since the last run: nothing to rewrite
        write_atomic(md_path, render_markdown(brief), overwrite=True, fsync=False)
        write_atomic(html_path, render_html(brief, doc, links=back_link(brief.source.path)), overwrite=True, fsync=False)
        write_atomic(json_path, text, overwrite=True, fsync=False)

    def write_indexes(self, report: BatchReport) -> None:
        """index.md, briefs.jsonl and errors.jsonl for everything finished so far.

        A ``--glob`` run covers only some files: the other articles' entries
        from the last run's indexes are kept, not dropped (while their file exists).
        """
        outcomes = report.outcomes + (self._earlier(report) if self.pattern else [])
        ok = sorted((o for o in outcomes if o.brief is not None and o.status != "failed"), key=lambda o: o.rel)
        failed = sorted((o for o in outcomes if o.status == "failed"), key=lambda o: o.rel)
        lines = [json.dumps(json.loads(o.brief.model_dump_json()), ensure_ascii=False) for o in ok]
        write_atomic(self.outdir / "briefs.jsonl", "".join(line + "\n" for line in lines), overwrite=True, fsync=False)
        errors = [json.dumps({"file": o.rel, "stage": o.stage, "error": o.error, "message": o.message}, ensure_ascii=False) for o in failed]
        write_atomic(self.outdir / "errors.jsonl", "".join(e + "\n" for e in errors), overwrite=True, fsync=False)
        write_atomic(self.outdir / "index.md", render_index(report, ok, failed), overwrite=True, fsync=False)
        page = index_page([(o.name, o.brief) for o in ok], [(o.rel, o.message) for o in failed])
        write_atomic(self.outdir / "index.html", page, overwrite=True, fsync=False)

    def _earlier(self, report: BatchReport) -> list[Outcome]:
        """Entries of the last briefs.jsonl / errors.jsonl for articles outside this run's --glob."""
        done = {o.rel for o in report.outcomes}

        def other(rel: str) -> bool:
            return rel not in done and not PurePosixPath(rel).match(self.pattern) and (self.root / rel).is_file()

        kept = []
        for line in _lines(self.outdir / "briefs.jsonl"):
            try:
                brief = Brief.model_validate_json(line)
            except ValueError:
                continue
            if other(brief.source.path):
                kept.append(Outcome(brief.source.path, "cached", brief=brief, name=brief_name(brief.source.path)))
        for line in _lines(self.outdir / "errors.jsonl"):
            try:
                e = json.loads(line)
                if other(e["file"]):
                    kept.append(Outcome(e["file"], "failed", stage=e["stage"], error=e["error"], message=e["message"]))
            except (ValueError, KeyError, TypeError):
                continue
        return kept


def folder_client(outdir: Path, settings: Settings | None = None, *, force: bool = False) -> ModelClient:
    """A client for a folder run into ``outdir`` (default settings when None), keeping its model exchanges there."""
    from ..config import resolve_settings

    return ModelClient(keeping_answers(settings or resolve_settings(), outdir, force=force))


def brief_folder(folder: str | Path, outdir: str | Path, settings: Settings | None = None, *,
                 client: ModelClient | None = None, jobs: int = 4, force: bool = False,
                 pattern: str | None = None) -> BatchReport:
    """Brief every article under ``folder`` into ``outdir``, as ``summarizer batch`` does; return the report.

    ``settings`` default to :func:`~summarizer.resolve_settings`'s; model
    exchanges are kept in ``outdir`` unless the settings name cassettes.
    ``client`` (e.g. built on a test transport) replaces the one made from the
    settings, and is left open. From async code, ``await BatchRunner(...).run(BatchReport())``.
    """
    outdir = Path(outdir)
    own = client is None
    if client is None:
        client = folder_client(outdir, settings, force=force)
    try:
        runner = BatchRunner(Path(folder), outdir, client, jobs=jobs, force=force, pattern=pattern)
        return asyncio.run(runner.run(BatchReport()))
    finally:
        if own:
            client.close()


def _lines(path: Path) -> list[str]:
    try:
        return [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    except OSError:
        return []


def render_index(report: BatchReport, ok: list[Outcome], failed: list[Outcome]) -> str:
    """The batch's index page: one row per brief, then failures and skipped files."""
    out = ["# Briefs", "", f"{len(ok)} briefs, {len(failed)} failed, {len(report.skipped)} skipped"
           + (" (run interrupted: re-run to finish)" if report.interrupted else "") + ".", ""]
    if ok:
        out += ["| Article | Date | Headline | Events | Actors | Quotes | Warnings |", "|---|---|---|---:|---:|---:|---:|"]
        for o in ok:
            b = o.brief
            link = quote(o.name + ".md")  # percent-encoded: no name ('|', '<', a newline) can break the table
            title = esc(b.source.title or o.rel)
            out.append(f"| [{title}]({link}) | {b.source.published or ''} | {esc(b.headline)} | {len(b.key_events)} | "
                       f"{len(b.actors)} | {len(b.quotes)} | {len(b.warnings)} |")
        out.append("")
    if failed:
        out += ["## Failed", ""] + [f"- `{_shown(o.rel)}` ({o.stage}): {esc(o.message)}" for o in failed] + [""]
    if report.skipped:
        out += ["## Skipped (not .txt, .md or .html)", ""] + [f"- `{_shown(s)}`" for s in report.skipped] + [""]
    return "\n".join(out)


def _shown(name: str) -> str:
    """A file name for a Markdown code span on one line: newlines shown as \\n, no backticks or control characters."""
    return printable(name.replace("\n", "\\n").replace("\r", "\\r")).replace("`", "")
