"""Ctrl-C and the embedded model: a cancelled generation stops within a token (fake llama, no model),
and with the real model the stoppable generation is the same, byte for byte, as llama's own (slow)."""

from __future__ import annotations

import json
import threading
import time

import httpx
import pytest

import summarizer.backends.local as local
from summarizer.errors import Interrupted


class StepLlama:
    """Generates like llama-cpp-python does: one ``eval`` of the prompt, then one per generated token."""

    n_batch = 4

    def __init__(self, prompt_tokens: int = 10, max_tokens: int = 1000, per_token: float = 0.0) -> None:
        self.prompt_tokens, self.max_tokens, self.per_token = prompt_tokens, max_tokens, per_token
        self.slices: list[list[int]] = []
        self.generated = 0
        self.on_token = lambda n: None
        self.token_seen = threading.Event()

    def eval(self, tokens) -> None:
        self.slices.append(list(tokens))

    def create_chat_completion(self, **kwargs):
        self.eval(list(range(self.prompt_tokens)))
        for i in range(self.max_tokens):
            time.sleep(self.per_token)
            self.eval([1000 + i])
            self.generated += 1
            self.token_seen.set()
            self.on_token(self.generated)
        return {"id": "x", "object": "chat.completion", "created": 0, "model": "gguf",
                "choices": [{"index": 0, "message": {"role": "assistant", "content": "{}"}, "finish_reason": "length"}],
                "usage": {"prompt_tokens": self.prompt_tokens, "completion_tokens": self.generated,
                          "total_tokens": self.prompt_tokens + self.generated}}


def post(transport):
    return transport.handle_request(httpx.Request("POST", "http://embedded.local/v1/chat/completions",
                                                  json={"messages": [{"role": "user", "content": "hi"}]}))


def test_a_cancel_stops_the_generation_before_the_next_token():
    llama, cancel = StepLlama(), threading.Event()
    llama.on_token = lambda n: cancel.set() if n == 3 else None  # Ctrl-C lands while token 3 is made
    with pytest.raises(Interrupted, match="stopped generating"):
        post(local.LocalTransport(llama, "q", cancel))
    assert llama.generated == 3, "not one token evaluated after the cancel"
    assert "eval" not in vars(llama), "the shadow eval is gone once the generation ends"


def test_every_eval_call_is_handed_on_unchanged_and_a_cancel_stops_the_next():
    llama = StepLlama(prompt_tokens=10, max_tokens=2)
    assert post(local.LocalTransport(llama, "q")).status_code == 200
    assert [len(s) for s in llama.slices] == [10, 1, 1], "llama's own calls: the prompt, then a token at a time"
    assert sum(llama.slices, []) == list(range(10)) + [1000, 1001], "the same tokens, in order"

    cancel = threading.Event()
    slow = StepLlama(prompt_tokens=10)
    inner = slow.eval
    slow.eval = lambda tokens: (inner(tokens), cancel.set())  # Ctrl-C while the prompt is evaluated
    with pytest.raises(Interrupted):
        post(local.LocalTransport(slow, "q", cancel))
    assert len(slow.slices) == 1 and slow.generated == 0
    assert slow.eval.__name__ == "<lambda>", "an eval of the instance's own is put back"


def test_no_generation_starts_once_cancelled():
    llama, cancel = StepLlama(), threading.Event()
    cancel.set()
    with pytest.raises(Interrupted, match="no new generation"):
        post(local.LocalTransport(llama, "q", cancel))
    assert llama.slices == []


def test_client_cancel_stops_a_generation_running_in_another_thread(monkeypatch):
    """The wiring: ModelClient.cancel() reaches the embedded model's transport, as Ctrl-C in a batch does."""
    from summarizer.backends.client import ModelClient
    from summarizer.config import resolve_settings
    from summarizer.text.documents import load_document
    from summarizer.brief.pipeline import brief_document
    from conftest import ARTICLE

    llama = StepLlama(per_token=0.01)
    monkeypatch.setattr(local, "local_transport",
                        lambda *, model_name, n_ctx, seed, cancel: local.LocalTransport(llama, model_name, cancel))
    client = ModelClient(resolve_settings(base_url=None))
    assert client.settings.is_local
    box: dict = {}

    def work() -> None:
        try:
            brief_document(load_document(ARTICLE, max_bytes=10**7), client)
        except BaseException as exc:  # noqa: BLE001 - handed to the test thread
            box["error"] = exc

    worker = threading.Thread(target=work, daemon=True)
    worker.start()
    assert llama.token_seen.wait(30)
    time.sleep(0.05)
    at_cancel = llama.generated
    client.cancel()
    worker.join(10)  # a hang guard only: uncancelled, the 1,000 tokens would still be coming for seconds
    assert not worker.is_alive()
    assert isinstance(box.get("error"), Interrupted), box
    assert llama.generated - at_cancel <= 1, "within a token of the cancel"


@pytest.mark.slow
def test_real_model_stoppable_generation_is_byte_identical_and_stops_within_a_token(capsys):
    """One real request, generated alternately by llama's own call and through the stoppable transport:
    same content, finish reason and usage; then a cancel mid-generation ends it within a token, counted
    in ``eval`` calls. Run under ``flock /tmp/llama.lock``; prints the timings, which it does not judge."""
    pytest.importorskip("llama_cpp")
    from summarizer.backends.client import ModelClient
    from summarizer.backends.testing import completion, valid_draft
    from summarizer.brief.pipeline import brief_document
    from summarizer.config import resolve_settings
    from summarizer.text.documents import load_document
    from conftest import FIXTURES

    settings = resolve_settings(base_url=None)
    bodies: list[dict] = []

    class Recorder(httpx.BaseTransport):
        def handle_request(self, request):
            bodies.append(json.loads(request.read()))
            return httpx.Response(200, json=completion(valid_draft(bodies[-1])))

    brief_document(load_document(FIXTURES / "tricky.txt", max_bytes=10**7), ModelClient(settings, Recorder()))
    body = dict(bodies[0], max_tokens=256)  # a real request, cut short so the check takes minutes, not a quarter hour
    transport = local.local_transport(model_name=settings.model, n_ctx=settings.n_ctx, seed=settings.seed)
    llama = transport._llama  # noqa: SLF001 - the test compares against the model itself

    def own():
        llama.reset()  # a full prompt evaluation each time, not a prefix-cache hit
        return llama.create_chat_completion(**local.chat_kwargs(body))

    def stoppable():
        llama.reset()
        return transport.handle_request(httpx.Request("POST", local.LOCAL_BASE_URL + "/chat/completions", json=body)).json()

    times: dict[str, list[float]] = {"own": [], "stoppable": []}
    answers = {}
    for name, fn in [("own", own), ("stoppable", stoppable)] * 2:
        start = time.perf_counter()
        answers.setdefault(name, []).append(fn())
        times[name].append(time.perf_counter() - start)
    first = answers["own"][0]
    for answer in answers["own"] + answers["stoppable"]:
        assert answer["choices"][0]["message"]["content"] == first["choices"][0]["message"]["content"]
        assert answer["choices"][0]["finish_reason"] == first["choices"][0]["finish_reason"]
        assert answer["usage"] == first["usage"]
    own_s, stop_s = min(times["own"]), min(times["stoppable"])

    # a cancel once generation is under way ends it within a token: evals are counted, not seconds,
    # since a busy machine can take any time per token (speed is bench/bench_local.py's job)
    cancel, evals = threading.Event(), {"before": 0, "after": 0}
    base_eval = llama.eval

    def counting_eval(tokens):
        evals["after" if cancel.is_set() else "before"] += 1
        return base_eval(tokens)

    llama.eval = counting_eval  # an instance eval: the stoppable shadow hands each call on to it
    counted = local.LocalTransport(llama, settings.model, cancel)
    box: dict = {}

    def work():
        try:
            llama.reset()
            counted.handle_request(httpx.Request("POST", local.LOCAL_BASE_URL + "/chat/completions", json=body))
        except Interrupted as exc:
            box["error"] = exc

    worker = threading.Thread(target=work)
    worker.start()
    deadline = time.monotonic() + 600
    while evals["before"] < 1 + first["usage"]["completion_tokens"] // 2 and worker.is_alive() \
            and time.monotonic() < deadline:
        time.sleep(0.01)
    cancel.set()
    worker.join(600)
    del llama.eval
    with capsys.disabled():
        print(f"\nown {[round(t, 2) for t in times['own']]} s, stoppable {[round(t, 2) for t in times['stoppable']]} s "
              f"(best {stop_s / own_s - 1:+.1%}); usage {first['usage']}; "
              f"content {len(first['choices'][0]['message']['content'])} chars; "
              f"evals before the cancel {evals['before']}, after {evals['after']}")
    assert not worker.is_alive()
    assert isinstance(box.get("error"), Interrupted), "cancelled half way, the generation did not finish"
    assert evals["after"] <= 1, "at most the token being made when the cancel came"
