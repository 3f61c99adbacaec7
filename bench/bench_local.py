"""Seconds per brief with the embedded model, next to raw llama.cpp on the same prompt.

For each article (short, medium, long) this makes a brief through the real
pipeline (``summarizer.brief.pipeline.brief_document`` with a ``ModelClient`` on the
embedded backend), records the exact request the pipeline sent to the model,
and then sends that same request straight to the same loaded ``Llama`` object
with ``create_chat_completion``. The ratio pipeline/raw is what summarizer adds
on top of generation: prompt building, instructor, the openai client, JSON
(de)serialisation, validation, grounding and any re-asks.

The model is loaded once and shared by both sides. Before every timed call the
``Llama`` state is reset so neither side gets the other's prompt from the KV
cache (llama-cpp-python reuses a matching prompt prefix otherwise).

Usage::

    python bench/bench_local.py [--repeats N] [--out bench/RESULTS.md] [--only short|medium|long ...]

Results are printed and written as the section ``## Embedded model: seconds per
brief`` of the output file; other sections of that file are kept as they are.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import statistics
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
SECTION = "## Embedded model: seconds per brief"
ARTICLES = {
    "short": ROOT / "tests" / "fixtures" / "short.txt",
    "medium": ROOT / "examples" / "harbor-closure.txt",
    "long": ROOT / "tests" / "fixtures" / "long.txt",
}


class RecordingTransport(httpx.BaseTransport):
    """Delegates to the real transport, keeping every JSON request body and response body."""

    def __init__(self, inner: httpx.BaseTransport) -> None:
        self.inner = inner
        self.requests: list[dict] = []
        self.responses: list[dict | None] = []

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(json.loads(request.read() or b"{}"))
        response = self.inner.handle_request(request)
        try:
            response.read()
            self.responses.append(json.loads(response.content))
        except ValueError:
            self.responses.append(None)
        return response

    def clear(self) -> None:
        self.requests.clear()
        self.responses.clear()

    def close(self) -> None:
        self.inner.close()


def raw_kwargs(body: dict) -> dict:
    """The create_chat_completion arguments for one recorded request, exactly as LocalTransport builds them."""
    from summarizer.backends.local import chat_kwargs

    return chat_kwargs(body)


def _content(result: dict | None) -> str | None:
    try:
        message = result["choices"][0]["message"]  # type: ignore[index]
    except (TypeError, KeyError, IndexError):
        return None
    if message.get("tool_calls"):
        return json.dumps([c.get("function", {}).get("arguments") for c in message["tool_calls"]])
    return message.get("content")


class Perf:
    """llama.cpp's own prompt-eval / decode counters for the context, when it keeps them."""

    def __init__(self, llama) -> None:
        self._ctx = None
        try:
            import llama_cpp

            self._lib = llama_cpp
            self._ctx = llama._ctx.ctx
        except (ImportError, AttributeError):
            pass

    def reset(self) -> None:
        if self._ctx is not None:
            try:
                self._lib.llama_perf_context_reset(self._ctx)
            except Exception:  # noqa: BLE001 - counters are a nice-to-have
                self._ctx = None

    def read(self) -> dict | None:
        if self._ctx is None:
            return None
        try:
            d = self._lib.llama_perf_context(self._ctx)
        except Exception:  # noqa: BLE001
            return None
        if d.n_eval <= 0 or d.t_eval_ms <= 0:
            return None  # perf counters disabled in this build/context
        return {"prompt_ms": d.t_p_eval_ms, "n_prompt": d.n_p_eval, "decode_ms": d.t_eval_ms, "n_decode": d.n_eval}


@dataclass
class Run:
    seconds: float
    prompt_tokens: int
    completion_tokens: int
    requests: int = 1
    output: str | None = None
    perf: dict | None = None


@dataclass
class ArticleResult:
    name: str
    path: Path
    words: int
    chars_read: int
    pipeline: list[Run] = field(default_factory=list)
    raw: list[Run] = field(default_factory=list)
    same_output: list[bool] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def median(values):
    return statistics.median(values) if values else float("nan")


def bench_article(name: str, path: Path, client, recorder: RecordingTransport, llama, repeats: int) -> ArticleResult:
    from summarizer.text.documents import load_document
    from summarizer.brief.pipeline import brief_document

    doc = load_document(path, max_bytes=5_000_000)
    result = ArticleResult(name=name, path=path, words=len(doc.text.split()), chars_read=len(doc.body))
    perf = Perf(llama)
    for i in range(repeats):
        # --- the pipeline ---
        recorder.clear()
        llama.reset()  # no KV-cache reuse from the previous call
        started = time.perf_counter()
        brief = brief_document(doc, client)
        seconds = time.perf_counter() - started
        usage = brief.meta.usage
        if not recorder.requests:
            raise RuntimeError("the pipeline sent no request to the model")
        first_output = _content(recorder.responses[0])
        result.pipeline.append(
            Run(seconds, usage.prompt_tokens, usage.completion_tokens, usage.requests, first_output)
        )
        if i == 0:
            result.warnings = list(brief.warnings)
        body = recorder.requests[0]

        # --- raw llama.cpp on the same (first) request ---
        kwargs = raw_kwargs(body)
        llama.reset()
        perf.reset()
        started = time.perf_counter()
        raw = llama.create_chat_completion(**kwargs)
        seconds = time.perf_counter() - started
        u = raw.get("usage") or {}
        output = _content(raw)
        result.raw.append(Run(seconds, int(u.get("prompt_tokens") or 0), int(u.get("completion_tokens") or 0), 1, output, perf.read()))
        result.same_output.append(output == first_output)
        p, r = result.pipeline[-1], result.raw[-1]
        print(
            f"  {name} #{i + 1}: pipeline {p.seconds:.2f}s ({p.requests} req, {p.prompt_tokens}+{p.completion_tokens} tok) | "
            f"raw {r.seconds:.2f}s ({r.prompt_tokens}+{r.completion_tokens} tok) | same output: {output == first_output}",
            flush=True,
        )
    return result


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.lower().startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine() or "unknown"


def machine_info() -> dict:
    try:
        import llama_cpp

        llama_version = llama_cpp.__version__
    except ImportError:
        llama_version = "not installed"
    try:
        usable = len(os.sched_getaffinity(0))
    except AttributeError:
        usable = os.cpu_count()
    return {
        "nproc": usable,
        "cpu_count": os.cpu_count(),
        "cpu": cpu_model(),
        "python": platform.python_version(),
        "llama_cpp": llama_version,
        "platform": platform.platform(),
    }


def loadavg() -> str:
    try:
        return " ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return "n/a"


def _first(load: str) -> float:
    try:
        return float(load.split()[0])
    except (ValueError, IndexError):
        return 0.0


def _fmt(x: float, digits: int = 2) -> str:
    return "n/a" if x != x else f"{x:.{digits}f}"  # NaN check


def render_section(results: list[ArticleResult], meta: dict) -> str:
    m = meta["machine"]
    lines = [
        SECTION,
        "",
        f"Recorded {meta['date']} by `{meta['command']}`: median of {meta['repeats']} run(s) per article.",
        "",
        "| article | words | pipeline s | raw s | pipeline/raw | requests | prompt tok | completion tok | completion tok/s (pipeline) | completion tok/s (raw) | same output |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|:---:|",
    ]
    for r in results:
        ps = median([x.seconds for x in r.pipeline])
        rs = median([x.seconds for x in r.raw])
        pt = median([x.prompt_tokens for x in r.pipeline])
        ct = median([x.completion_tokens for x in r.pipeline])
        rct = median([x.completion_tokens for x in r.raw])
        req = median([x.requests for x in r.pipeline])
        same = "yes" if all(r.same_output) else ("no" if not any(r.same_output) else f"{sum(r.same_output)}/{len(r.same_output)}")
        lines.append(
            f"| {r.name} (`{r.path.relative_to(ROOT)}`) | {r.words:,} | {_fmt(ps)} | {_fmt(rs)} | {_fmt(ps / rs if rs else float('nan'))} | "
            f"{req:g} | {pt:,.0f} | {ct:,.0f} | {_fmt(ct / ps if ps else float('nan'), 1)} | {_fmt(rct / rs if rs else float('nan'), 1)} | {same} |"
        )
    lines += [
        "",
        "- *pipeline s*: wall time of `brief_document` (prompt, instructor + openai client, the model, validation, grounding; "
        "re-asks included). *raw s*: `Llama.create_chat_completion` alone on the first request the pipeline sent "
        "(same messages, JSON schema, temperature, max_tokens, seed, top_p) on the same loaded model.",
        "- *prompt tok* / *completion tok*: the pipeline's `meta.usage`, summed over its requests "
        "(equal to the raw call's when *requests* is 1). *completion tok/s* = completion tokens / wall seconds, "
        "so it includes prompt evaluation.",
        "- *same output*: the raw call returned the very text the pipeline's first request got back.",
        "- The model's KV cache is reset before every timed call, so no call reuses another's prompt.",
    ]
    perf_rows = []
    for r in results:
        perfs = [x.perf for x in r.raw if x.perf]
        if perfs:
            pp = median([p["n_prompt"] / (p["prompt_ms"] / 1000) for p in perfs if p["prompt_ms"] > 0])
            dd = median([p["n_decode"] / (p["decode_ms"] / 1000) for p in perfs])
            perf_rows.append(f"| {r.name} | {_fmt(pp, 1)} | {_fmt(dd, 1)} |")
    if perf_rows:
        lines += [
            "",
            "llama.cpp's own counters for the raw call (prompt evaluation and decoding separately):",
            "",
            "| article | prompt eval tok/s | decode tok/s |",
            "|---|---:|---:|",
            *perf_rows,
        ]
    notes = [f"{r.name}: {w}" for r in results for w in r.warnings if "longer than the model's context" in w]
    lines += [
        "",
        f"- Model: `{meta['model']}` (n_ctx {meta['n_ctx']}, {meta['n_threads']} threads), "
        f"loaded once in {meta['load_s']:.2f} s (+ {meta['warmup_s']:.2f} s warm-up generation and the spaCy pipeline's first load, not counted above).",
        f"- Prompt version: `{meta['prompt_version']}`.",
        f"- Machine: {m['nproc']} CPU(s) usable ({m['cpu_count']} online), {m['cpu']}; {m['platform']}; "
        f"Python {m['python']}; llama-cpp-python {m['llama_cpp']}.",
        f"- Load average before / after: {meta['load_before']} / {meta['load_after']}.",
    ]
    busy = [x for x in (meta["load_before"], meta["load_after"]) if _first(x) > (m["nproc"] or 1)]
    if busy:
        lines.append(
            f"- **Warning**: the machine was busy (1-minute load average above its {m['nproc']} CPU(s)); "
            "these timings are not reliable. Re-run on a quiet machine."
        )
    if meta.get("only"):
        lines.append(f"- Partial run: only {', '.join(meta['only'])}.")
    lines += [f"- Note, {n}." for n in notes]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeats", type=int, default=1, help="runs per article; the median is reported (default 1)")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "RESULTS.md", help="Markdown file to update")
    parser.add_argument(
        "--only", action="append", choices=sorted(ARTICLES), help="bench only this article (repeatable); default all three"
    )
    args = parser.parse_args(argv)
    if args.repeats < 1:
        parser.error("--repeats must be at least 1")

    from summarizer.config import resolve_settings
    from summarizer.backends.client import ModelClient
    from summarizer.backends.local import local_transport
    from summarizer.brief.prompting import prompt_version

    settings = resolve_settings()
    if not settings.is_local:
        print("SUMMARIZER_BASE_URL is set: this benchmark measures the embedded model; unset it.", file=sys.stderr)
        return 2
    if settings.cassette_mode != "off":
        print("cassettes are on: this benchmark needs the live embedded model.", file=sys.stderr)
        return 2

    load_before = loadavg()
    print(f"loading {settings.model} ...", flush=True)
    started = time.perf_counter()
    transport = local_transport(model_name=settings.model, n_ctx=settings.n_ctx, seed=settings.seed)
    load_s = time.perf_counter() - started
    llama = transport._llama
    # One tiny generation so that paging the weights in is not billed to the first article.
    started = time.perf_counter()
    llama.create_chat_completion(messages=[{"role": "user", "content": "Say OK."}], max_tokens=4, temperature=0.0)
    warmup_s = time.perf_counter() - started
    # Load the spaCy pipeline (and the name lists) once, as a batch does, so the first article is not billed for it.
    from summarizer.text.analysis import analyse
    from summarizer.text.documents import document_from_bytes

    analyse(document_from_bytes(b"Anna Berg said the pier closed on Monday.", path="warm-up.txt", fmt="text",
                                max_bytes=10**6)).named
    print(f"loaded in {load_s:.2f}s, warm-up {warmup_s:.2f}s", flush=True)

    recorder = RecordingTransport(transport)
    client = ModelClient(settings, transport=recorder)
    names = [n for n in ARTICLES if not args.only or n in args.only]
    results = []
    try:
        for name in names:
            results.append(bench_article(name, ARTICLES[name], client, recorder, llama, args.repeats))
    finally:
        client.close()

    meta = {
        "date": dt.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z"),
        "command": "python bench/bench_local.py " + " ".join(argv if argv is not None else sys.argv[1:]),
        "repeats": args.repeats,
        "model": settings.model,
        "n_ctx": settings.n_ctx,
        "n_threads": getattr(llama, "n_threads", None) or getattr(getattr(llama, "context_params", None), "n_threads", "?"),
        "load_s": load_s,
        "warmup_s": warmup_s,
        "prompt_version": prompt_version(),
        "machine": machine_info(),
        "load_before": load_before,
        "load_after": loadavg(),
        "only": [n for n in names] if args.only else None,
    }
    section = render_section(results, meta)
    print()
    print(section)
    out: Path = args.out
    out.parent.mkdir(parents=True, exist_ok=True)
    sys.path.insert(0, str(ROOT / "bench"))
    from bench_batch import write_section

    write_section(out, SECTION, section)
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
