"""Long articles on a server backend: windowed like on the embedded model, never cut to the first sentences."""

from __future__ import annotations

from conftest import FIXTURES
from summarizer import document_from_bytes, resolve_settings
from summarizer.backends.client import ModelClient
from summarizer.backends.testing import ScriptedTransport, completion, valid_draft
from summarizer.brief.pipeline import MAX_SENTENCES, brief_document


def _brief(text: str):
    doc = document_from_bytes(text.encode(), path="long.txt", max_bytes=10**7)
    transport = ScriptedTransport(*[lambda req: completion(valid_draft(req)) for _ in range(400)])
    settings = resolve_settings(base_url="http://127.0.0.1:9/v1", model="m")
    return doc, brief_document(doc, ModelClient(settings, transport)), transport


def test_the_end_of_a_long_article_reaches_a_server_model():
    text = (FIXTURES / "very-long.txt").read_text()
    doc, brief, transport = _brief(text)
    last = doc.body.strip().rsplit("\n\n", 1)[-1].split(". ")[0][:50]
    prompts = ["\n".join(m["content"] for m in r["messages"]) for r in transport.requests]
    assert len(prompts) > 1 and any(last in p for p in prompts), "the last paragraph was never offered"
    assert any("overlapping parts" in w for w in brief.warnings)
    assert max(q.start for q in brief.quotes) > len(doc.text) // 2
    assert all(doc.text[q.start:q.end] == q.text for q in brief.quotes)


def test_a_window_with_more_sentences_than_offered_says_so():
    # 300 very short sentences in one paragraph: one window by size, more sentences than one request numbers
    text = "Harbour notes.\n\n" + " ".join(f"Boat number {i} left the quay early today." for i in range(300))
    _, brief, _ = _brief(text)
    assert any(f"only the first {MAX_SENTENCES} sentences" in w for w in brief.warnings), brief.warnings
