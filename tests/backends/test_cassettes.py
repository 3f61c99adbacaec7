"""Cassettes: record, replay, record-missing; keys from the body only; no secrets on disk."""

from __future__ import annotations

import json

import pytest

from summarizer.backends.testing import ScriptedTransport, completion
from summarizer.backends.cassettes import request_key
from summarizer.config import resolve_settings
from summarizer.errors import CassetteMiss
from summarizer.backends.client import ModelClient
from conftest import CASSETTES
from test_client import MESSAGES, Answer


def make(tmp_path, mode, transport=None, api_key="sk-secretsecretsecretsecret1234"):
    s = resolve_settings(base_url="http://127.0.0.1:9/v1", model="m", api_key=api_key, cassette_dir=tmp_path, cassette_mode=mode)
    return ModelClient(s, transport, sleep=lambda _: None)


def test_record_then_replay_without_backend(tmp_path):
    real = ScriptedTransport(completion({"word": "hi"}, prompt_tokens=9, completion_tokens=2))
    answer, usage = make(tmp_path, "record", real).extract(MESSAGES, Answer)
    files = list(tmp_path.glob("*.json"))
    assert len(files) == 1 and answer.word == "hi"
    saved = json.loads(files[0].read_text())
    assert files[0].stem == saved["key"] == request_key(json.dumps(real.requests[0]).encode())
    replayer = make(tmp_path, "replay", None)
    again, usage2 = replayer.extract(MESSAGES, Answer)
    assert again.word == "hi" and usage2.prompt_tokens == 9
    assert replayer.cassettes.hits == 1


def test_secrets_and_headers_never_written(tmp_path):
    make(tmp_path, "record", ScriptedTransport(completion({"word": "hi"}))).extract(MESSAGES, Answer)
    text = next(tmp_path.glob("*.json")).read_text()
    assert "sk-secret" not in text
    assert "authorization" not in text.lower() and "bearer" not in text.lower()


def test_key_ignores_headers_and_key_order():
    a = json.dumps({"model": "m", "messages": [1, 2], "api_key": "x"}).encode()
    b = json.dumps({"messages": [1, 2], "model": "m"}).encode()
    assert request_key(a) == request_key(b)
    assert request_key(a) != request_key(json.dumps({"model": "n", "messages": [1, 2]}).encode())


def test_key_ignores_the_indentation_instructor_versions_give_their_schema_instructions():
    # JSON and MD_JSON modes append instructions to the system message: instructor 1.12 indents them 8 spaces, 1.17 12
    def body(indent, word="expert"):
        lines = ["Brief the article.", "", f"As a genius {word}, return json that matches:", "{", '  "type": "object"', "}"]
        text = "\n".join(lines[:2] + [indent + line for line in lines[2:]])
        return json.dumps({"model": "m", "messages": [{"role": "system", "content": text}], "temperature": 0}).encode()

    assert request_key(body(" " * 8)) == request_key(body(" " * 12)) == request_key(body(""))
    assert request_key(body(" " * 8)) != request_key(body(" " * 8, word="novice")), "the words still count"
    assert request_key(body("")) != request_key(body("").replace(b'"temperature": 0', b'"temperature": 1'))


def test_every_cassette_is_named_by_the_key_of_its_request():
    # a change to the key function must keep the recorded cassettes' names (or re-record them)
    cassettes = sorted(CASSETTES.glob("*.json"))
    assert cassettes
    for path in cassettes:
        saved = json.loads(path.read_text(encoding="utf-8"))
        assert path.stem == saved["key"] == request_key(json.dumps(saved["request"]).encode()), path.name


def test_replay_miss_names_hash_prompt_and_how_to_rerecord(tmp_path):
    with pytest.raises(CassetteMiss) as info:
        make(tmp_path, "replay", None).extract(MESSAGES, Answer)
    message = str(info.value)
    assert "Say a word." in message and "record-missing" in message and str(tmp_path) in message


def test_record_missing_only_calls_backend_on_a_miss(tmp_path):
    first = ScriptedTransport(completion({"word": "hi"}))
    make(tmp_path, "record-missing", first).extract(MESSAGES, Answer)
    second = ScriptedTransport()  # any request would fail the test
    assert make(tmp_path, "record-missing", second).extract(MESSAGES, Answer)[0].word == "hi"
    assert second.requests == []


def test_failed_responses_are_not_recorded(tmp_path):
    import httpx

    t = ScriptedTransport(httpx.Response(503, json={}), completion({"word": "ok"}))
    make(tmp_path, "record", t).extract(MESSAGES, Answer)
    saved = [json.loads(p.read_text()) for p in tmp_path.glob("*.json")]
    assert [s["response"]["status_code"] for s in saved] == [200]
