"""The network boundary: retries, Retry-After, re-asks, usage, error mapping. All offline."""

from __future__ import annotations

import httpx
import pytest
from pydantic import BaseModel, field_validator

from summarizer.backends.testing import ScriptedTransport, completion
from summarizer.config import resolve_settings
from summarizer.errors import ModelError, ModelUnavailable, SchemaFailure
from summarizer.backends.client import ModelClient


class Answer(BaseModel):
    word: str

    @field_validator("word")
    @classmethod
    def lower(cls, v: str) -> str:
        if v != v.lower():
            raise ValueError("word must be lower case")
        return v


MESSAGES = [{"role": "user", "content": "Say a word."}]


def client(transport, **settings):
    sleeps: list[float] = []
    s = resolve_settings(base_url="http://127.0.0.1:9/v1", model="m", **settings)
    return ModelClient(s, transport, sleep=sleeps.append), sleeps


def test_success_counts_usage():
    c, sleeps = client(ScriptedTransport(completion({"word": "hi"}, prompt_tokens=11, completion_tokens=3)))
    answer, usage = c.extract(MESSAGES, Answer)
    assert answer.word == "hi"
    assert (usage.prompt_tokens, usage.completion_tokens, usage.total_tokens, usage.requests) == (11, 3, 14, 1)
    assert sleeps == []


def test_429_honours_retry_after_then_succeeds():
    t = ScriptedTransport(httpx.Response(429, headers={"Retry-After": "7"}, json={"error": {"message": "slow down"}}), completion({"word": "ok"}))
    c, sleeps = client(t)
    answer, usage = c.extract(MESSAGES, Answer)
    assert answer.word == "ok"
    assert sleeps == [7.0]
    assert usage.requests == 2


def test_retry_after_ms_is_honoured():
    t = ScriptedTransport(httpx.Response(503, headers={"retry-after-ms": "250"}, json={}), completion({"word": "ok"}))
    c, sleeps = client(t)
    c.extract(MESSAGES, Answer)
    assert sleeps == [0.25]


def test_5xx_backoff_is_bounded_and_jittered():
    t = ScriptedTransport(*[httpx.Response(502, json={}) for _ in range(3)], completion({"word": "ok"}))
    c, sleeps = client(t, transport_retries=3)
    c.extract(MESSAGES, Answer)
    assert len(sleeps) == 3
    assert all(0 <= s <= 30 for s in sleeps)


def test_dropped_connection_is_retried_then_reported_as_unavailable():
    t = ScriptedTransport(*[httpx.ConnectError("connection refused") for _ in range(3)])
    c, sleeps = client(t, transport_retries=2)
    with pytest.raises(ModelUnavailable, match="cannot reach the model at http://127.0.0.1:9/v1"):
        c.extract(MESSAGES, Answer)
    assert len(t.requests) == 3 and len(sleeps) == 2


def test_timeout_is_retried():
    t = ScriptedTransport(httpx.ReadTimeout("slow"), completion({"word": "ok"}))
    c, sleeps = client(t)
    assert c.extract(MESSAGES, Answer)[0].word == "ok"
    assert len(sleeps) == 1


def test_auth_error_is_not_retried():
    t = ScriptedTransport(httpx.Response(401, json={"error": {"message": "bad key"}}))
    c, sleeps = client(t)
    with pytest.raises(ModelUnavailable, match="HTTP 401"):
        c.extract(MESSAGES, Answer)
    assert sleeps == [] and len(t.requests) == 1


def test_bad_request_is_a_model_error():
    t = ScriptedTransport(httpx.Response(400, json={"error": {"message": "context too long"}}))
    c, _ = client(t)
    with pytest.raises(ModelError, match="HTTP 400"):
        c.extract(MESSAGES, Answer)


def test_invalid_output_is_reasked_with_the_error_and_usage_is_summed():
    t = ScriptedTransport(
        completion({"word": "LOUD"}, prompt_tokens=10, completion_tokens=5),
        completion({"word": "quiet"}, prompt_tokens=20, completion_tokens=6),
    )
    c, sleeps = client(t)
    answer, usage = c.extract(MESSAGES, Answer)
    assert answer.word == "quiet"
    assert (usage.prompt_tokens, usage.completion_tokens, usage.requests) == (30, 11, 2)
    assert "lower case" in str(t.requests[1]["messages"])  # the validation error was fed back
    assert sleeps == []  # re-asks are not transport retries


def test_schema_failure_after_bounded_reasks():
    t = ScriptedTransport(*[completion("not json at all") for _ in range(3)])
    c, _ = client(t, schema_retries=2)
    with pytest.raises(SchemaFailure, match="after 3 attempts"):
        c.extract(MESSAGES, Answer)
    assert len(t.requests) == 3


@pytest.mark.parametrize("answer, expected", [
    ("not json at all", "Invalid JSON"),
    ({"word": "Shouting"}, "word: Value error"),
    ({"other": 1}, "word: Field required"),
])
def test_schema_failure_is_one_line_not_instructors_dump(answer, expected):
    c, _ = client(ScriptedTransport(*[completion(answer) for _ in range(3)]), schema_retries=2)
    with pytest.raises(SchemaFailure) as ei:
        c.extract(MESSAGES, Answer)
    message = ei.value.message
    assert "\n" not in message and "<failed_attempts>" not in message and "<completion>" not in message
    assert expected in message and len(message) < 300, message


def test_mode_auto_picks_json_schema_for_compatible_servers():
    t = ScriptedTransport(completion({"word": "hi"}))
    c, _ = client(t)
    c.extract(MESSAGES, Answer)
    assert t.requests[0]["response_format"]["type"] == "json_schema"


def test_mode_tools_sends_a_forced_tool_call():
    body = completion("")
    body["choices"][0]["message"] = {
        "role": "assistant", "content": None,
        "tool_calls": [{"id": "c1", "type": "function", "function": {"name": "Answer", "arguments": '{"word": "hi"}'}}],
    }
    t = ScriptedTransport(body)
    c, _ = client(t, mode="tools")
    assert c.extract(MESSAGES, Answer)[0].word == "hi"
    assert t.requests[0]["tool_choice"]["function"]["name"] == "Answer"


def test_answer_cut_off_at_max_tokens_is_a_clear_schema_failure():
    body = completion('{"word": "unfinish')
    body["choices"][0]["finish_reason"] = "length"
    c, _ = client(ScriptedTransport(body))
    with pytest.raises(SchemaFailure, match="cut off at max_tokens"):
        c.extract(MESSAGES, Answer)
