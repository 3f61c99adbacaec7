"""Snapshot every dev article's and fixture's brief under a deterministic offline model.

Used to show that a refactor changes no behaviour: run it before and after
and compare the two folders (``diff -r``). For each article it writes one JSON
file holding the sha256 of every request body the pipeline sent (so a changed
prompt, schema or sampling setting shows) and the brief (``meta.seconds``
zeroed, the only field that depends on the clock) with its Markdown.

The offline model is seeded by the request body and answers with a varied,
schema-valid draft: random sentence and quote ids, speakers and actors taken
from capitalised words of the prompt (some of them wrong on purpose), so
grounding's exact, fuzzy and unsupported paths all run.

    python bench/same_briefs.py OUTDIR [--eval ../shared/eval]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
import sys
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from summarizer import document_from_bytes, resolve_settings  # noqa: E402

try:  # the layout after the move into subpackages
    from summarizer.backends import ModelClient
    from summarizer.brief.pipeline import brief_document
except ImportError:  # the flat layout before it
    from summarizer.llm import ModelClient
    from summarizer.pipeline import brief_document
from summarizer import render_markdown  # noqa: E402

_CAPS = re.compile(r"\b[A-Z][a-z]+(?: [A-Z][a-z]+)*")


def _choices(prop: dict) -> list[str]:
    return list(prop.get("enum") or ([prop["const"]] if "const" in prop else []))


def draft_for(request: dict) -> dict:
    """A varied schema-valid answer, the same for the same request body."""
    body = json.dumps(request, sort_keys=True)
    rng = random.Random(hashlib.sha256(body.encode()).hexdigest())
    schema = request["response_format"]["json_schema"]["schema"]
    props = schema["properties"]
    user = request["messages"][-1]["content"]
    names = sorted(set(_CAPS.findall(user))) or ["Nobody"]
    if "key_events" not in props:
        return {k: f"{rng.choice(names)} {k}." for k, p in props.items() if p.get("type") == "string"}
    sids = _choices(props["key_events"]["items"]) or ["S1"]
    n_events = max(props["key_events"].get("minItems", 1), min(5, len(sids)))
    pick = lambda: rng.choice(names)  # noqa: E731
    draft = {
        "key_events": sorted(rng.sample(sids, min(n_events, len(sids))), key=sids.index),
        "headline": " ".join(user.split("\nS1 ")[-1].split()[:10]) if "\nS1 " in user else "Headline",
        "summary": f"{pick()} and {pick()} said something about {pick()}.",
        "open_questions": [{"sentence": rng.choice(sids), "question": f"What will {pick()} do next?"}],
    }
    if "quotes" in props and _choices(props["quotes"]["items"]):
        ids = _choices(props["quotes"]["items"])
        draft["quotes"] = rng.sample(ids, min(props["quotes"].get("maxItems", len(ids)), len(ids)))
    return draft


class Echo(httpx.BaseTransport):
    """The offline model: records request hashes, answers with :func:`draft_for`."""

    def __init__(self) -> None:
        self.hashes: list[str] = []

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        raw = request.read()
        self.hashes.append(hashlib.sha256(raw).hexdigest())
        content = json.dumps(draft_for(json.loads(raw)))
        return httpx.Response(200, json={
            "id": "x", "object": "chat.completion", "created": 0, "model": "m",
            "choices": [{"index": 0, "message": {"role": "assistant", "content": content}, "finish_reason": "stop"}],
            "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2}})


def articles(eval_dir: Path):
    """(name, raw bytes, published) for every fixture and dev article."""
    for p in sorted((ROOT / "tests" / "fixtures").rglob("*")):
        if p.is_file() and p.suffix in {".txt", ".md", ".html"}:
            yield f"fixtures/{p.relative_to(ROOT / 'tests' / 'fixtures')}", p.read_bytes(), None, p.name
    yield "examples/harbor-closure.txt", (ROOT / "examples" / "harbor-closure.txt").read_bytes(), None, "harbor-closure.txt"
    for p in sorted((eval_dir / "polnear_dev" / "data" / "dev" / "text").glob("*.txt")):
        yield f"polnear/{p.name}", p.read_bytes(), None, p.name
    for p in sorted((eval_dir / "giveme5w1h_dev").rglob("*.json")):
        rec = json.loads(p.read_text())
        text = (rec.get("title", "") + "\n\n" + rec["text"]).encode()
        yield f"5w1h/{p.name}", text, (rec.get("date_publish") or "")[:10] or None, p.stem + ".txt"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("out", type=Path)
    ap.add_argument("--eval", type=Path, default=ROOT.parent / "shared" / "eval")
    args = ap.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    n = 0
    for name, raw, published, fname in articles(args.eval):
        echo = Echo()
        settings = resolve_settings(base_url="http://127.0.0.1:9/v1", model="m", published=published)
        client = ModelClient(settings, echo)
        try:
            doc = document_from_bytes(raw, path=fname, max_bytes=10**7, published=published)
            made = brief_document(doc, client)
            made.meta.seconds = 0.0
            result = {"requests": echo.hashes, "brief": json.loads(made.model_dump_json()), "markdown": render_markdown(made)}
        except Exception as exc:  # a failure is a result too; it must be the same failure
            result = {"requests": echo.hashes, "error": f"{type(exc).__name__}: {exc}"}
        finally:
            client.close()
        dest = args.out / (name.replace("/", "__") + ".json")
        dest.write_text(json.dumps(result, indent=1, sort_keys=True, ensure_ascii=False))
        n += 1
    print(f"{n} articles written to {args.out}")


if __name__ == "__main__":
    main()
