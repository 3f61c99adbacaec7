"""Trial (issue 11): should a model write the summary from the brief's key events, instead of code?

For each reference article the brief is replayed from recorded exchanges (``--cassettes``, recorded by
``summarizer eval summaries ... --cassettes DIR --cassette-mode record-missing`` on the embedded model), so the
events are exactly what the embedded model chose. Then each GGUF model given with ``--weights NAME=PATH`` is
asked, in this process, one at a time, to write a two- or three-sentence summary from the brief's headline
and event statements. Each written summary goes through the same check as a server model's summary (a name,
number or quotation the article lacks, a cut-off or run-on summary: code's summary is shown instead). Scores
are ROUGE F1 against the highlights, next to code's summary (what the embedded model shows today) and Lead-3
on the same articles, with tokens and seconds per summary.

    python bench/bench_writer.py ../shared/eval/cnndm_dev --limit 20 --cassettes /tmp/cass \\
        --weights 0.5B=~/.cache/summarizer/qwen2.5-coder-0.5b-instruct-q4_k_m.gguf --weights 1.5B=/tmp/q15.gguf

Never run it beside another llama.cpp process (2 cores: both slow down 10-20x).
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

PROMPT = ("Write a summary of this news in two or three short sentences, using only the facts below. "
          "Do not add names, numbers or dates that are not in the facts.\n\nHeadline: {headline}\nFacts:\n{facts}")


def briefs(data: Path, cassettes: Path, limit: int):
    """(reference article, brief, analysis sentences) for the first ``limit`` articles, replayed."""
    from summarizer.backends.client import ModelClient
    from summarizer.brief.pipeline import brief_document
    from summarizer.config import resolve_settings
    from summarizer.eval.summaries import read_summaries
    from summarizer.text.analysis import analyse
    from summarizer.text.documents import document_from_bytes

    client = ModelClient(resolve_settings(cassette_dir=cassettes, cassette_mode="replay"))
    for art in read_summaries(data)[:limit]:
        doc = document_from_bytes(art.text.encode("utf-8"), path=art.id, fmt="text", max_bytes=10**8)
        brief = brief_document(doc, client)
        yield art, brief, analyse(doc).sentences(limit=80)


def write(llama, brief) -> tuple[str, int, float]:
    """The model's summary of the brief's events, its completion tokens and seconds."""
    facts = "\n".join(f"- {e.what}" for e in brief.key_events)
    t0 = time.perf_counter()
    out = llama.create_chat_completion(
        messages=[{"role": "user", "content": PROMPT.format(headline=brief.headline, facts=facts)}],
        max_tokens=110, temperature=0.0, seed=0)
    return out["choices"][0]["message"]["content"].strip(), out["usage"]["completion_tokens"], time.perf_counter() - t0


def main() -> None:
    from llama_cpp import Llama

    from summarizer.brief.summary import check_summary
    from summarizer.eval.summaries import lead3, rouge
    from summarizer.text.sentences import split_sentences

    ap = argparse.ArgumentParser()
    ap.add_argument("data", type=Path)
    ap.add_argument("--cassettes", type=Path, required=True)
    ap.add_argument("--limit", type=int, default=20)
    ap.add_argument("--weights", action="append", default=[], help="NAME=PATH of a GGUF model")
    ap.add_argument("--out", type=Path, default=None, help="write every summary and score here (JSON)")
    args = ap.parse_args()
    items = list(briefs(args.data, args.cassettes, args.limit))
    lines = lambda text: [s.text for s in split_sentences(text, min_words=1)] or [text]  # noqa: E731
    rows = {"code (shown today)": [lines(b.summary) for _, b, _ in items], "Lead-3": [lead3(a.text) for a, _, _ in items]}
    stats: dict[str, dict] = {}
    for spec in args.weights:
        name, path = spec.split("=", 1)
        llama = Llama(model_path=str(Path(path).expanduser()), n_ctx=2048, n_threads=2, seed=0, verbose=False)
        written, tokens, seconds, replaced = [], 0, 0.0, 0
        for art, brief, sentences in items:
            text, n, s = write(llama, brief)
            shown, warning = check_summary(text, sentences, art.text)
            replaced += bool(warning)
            written.append((text, lines(shown)))
            tokens, seconds = tokens + n, seconds + s
        del llama
        rows[f"{name} raw"] = [lines(t) for t, _ in written]
        rows[f"{name} checked"] = [shown for _, shown in written]
        stats[name] = {"completion_tokens": tokens / len(items), "seconds": seconds / len(items), "replaced": replaced,
                       "texts": [t for t, _ in written]}
    print(f"| summary ({len(items)} articles) | R-1 | R-2 | R-Lsum | words |\n|---|---:|---:|---:|---:|")
    for label, cands in rows.items():
        sc = [rouge(c, a.highlights) for c, (a, _, _) in zip(cands, items)]
        mean = lambda k: 100 * sum(s[k]["f1"] for s in sc) / len(sc)  # noqa: E731
        words = sum(len(" ".join(c).split()) for c in cands) / len(cands)
        print(f"| {label} | {mean('rouge1'):.1f} | {mean('rouge2'):.1f} | {mean('rougeLsum'):.1f} | {words:.0f} |")
    for name, st in stats.items():
        print(f"{name}: {st['completion_tokens']:.0f} completion tokens and {st['seconds']:.1f} s per summary; "
              f"{st['replaced']} of {len(items)} failed the check (code's summary shown)")
    if args.out:
        args.out.write_text(json.dumps({"stats": stats, "rows": rows}, indent=1, ensure_ascii=False))


if __name__ == "__main__":
    main()
