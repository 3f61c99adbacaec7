"""llama-cpp-python against llama-cpp-py-sync (prebuilt CPU wheels) on the embedded model.

Each binding answers the very requests the pipeline sent when the cassettes were
recorded (``cassettes/*.json``: messages, JSON schema, temperature, seed,
max_tokens), one process per binding, and is timed per request. Checked:
seconds, completion tokens, whether the answer parses and validates against the
request's JSON schema (constrained decoding), and whether it equals the
recorded answer. Run each binding under the model lock:

    flock /tmp/llama.lock python bench/bench_binding.py llama-cpp-python
    flock /tmp/llama.lock VENV/bin/python bench/bench_binding.py llama-cpp-py-sync   # a venv with it installed

Prints one JSON line per request.
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

import jsonschema

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from summarizer.backends.local import chat_kwargs, ensure_weights  # noqa: E402


def load(binding: str, model: Path, seed: int):
    """The binding's Llama on the embedded weights, with the settings summarizer uses (n_ctx 8192, every core)."""
    threads = os.cpu_count() or 2
    if binding == "llama-cpp-python":
        from llama_cpp import Llama

        return Llama(model_path=str(model), n_ctx=8192, n_threads=threads, seed=seed, verbose=False)
    from llama_cpp_py_sync import Llama

    return Llama(model_path=str(model), n_ctx=8192, n_threads=threads, seed=seed, verbose=False)


def ask(binding: str, llama, body: dict) -> dict:
    """One request, as LocalTransport builds it for llama-cpp-python; py-sync takes the server-style response_format."""
    if binding == "llama-cpp-python":
        return llama.create_chat_completion(**chat_kwargs(body))
    return llama.create_chat_completion(
        body["messages"], max_tokens=body.get("max_tokens", 256), temperature=body.get("temperature", 0.0),
        seed=body.get("seed"), response_format=body.get("response_format"))


def main(binding: str) -> None:
    model = ensure_weights()
    started = time.perf_counter()
    cassettes = sorted((ROOT / "cassettes").glob("*.json"), key=lambda p: len(p.read_bytes()))
    first = json.loads(cassettes[0].read_text())["request"]
    llama = load(binding, model, first.get("seed", 7))
    print(json.dumps({"binding": binding, "load_s": round(time.perf_counter() - started, 2)}), flush=True)
    for path in cassettes:
        recorded = json.loads(path.read_text())
        body = recorded["request"]
        schema = body["response_format"]["json_schema"]["schema"]
        t = time.perf_counter()
        result = ask(binding, llama, body)
        seconds = time.perf_counter() - t
        text = result["choices"][0]["message"]["content"] or ""
        try:
            jsonschema.validate(json.loads(text), schema)
            valid = "valid"
        except json.JSONDecodeError:
            valid = "not JSON"
        except jsonschema.ValidationError as exc:
            valid = f"schema: {exc.message[:120]}"
        want = recorded["response"]["body"]["choices"][0]["message"]["content"] if "body" in recorded["response"] else None
        usage = result.get("usage") or {}
        print(json.dumps({"binding": binding, "cassette": path.name[:12], "prompt_tokens": usage.get("prompt_tokens"),
                          "completion_tokens": usage.get("completion_tokens"), "seconds": round(seconds, 2),
                          "schema": valid, "same_as_recorded": text == want}), flush=True)


if __name__ == "__main__":
    main(sys.argv[1])
