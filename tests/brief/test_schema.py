"""The published JSON Schema and the prompt version cannot drift silently."""

from __future__ import annotations

import json

from conftest import ROOT
from summarizer.brief.types import brief_json_schema, schema_version
from summarizer.brief.prompting import prompt_version


def test_published_brief_schema_matches_the_models():
    published = json.loads((ROOT / "schemas" / "brief.schema.json").read_text())
    assert published == brief_json_schema(), "schema drift: run `summarizer schema > schemas/brief.schema.json`"


def test_every_field_has_a_description_for_the_model():
    schema = brief_json_schema()
    for name, definition in schema["$defs"].items():
        for field, prop in definition.get("properties", {}).items():
            assert prop.get("description"), f"{name}.{field} has no description"
    for field, prop in schema["properties"].items():
        assert prop.get("description"), f"Brief.{field} has no description"


def test_brief_json_uses_the_documented_names():
    props = brief_json_schema()
    top = set(props["properties"])
    assert {"headline", "summary", "key_events", "actors", "quotes", "open_questions", "source", "meta"} <= top
    defs = props["$defs"]
    assert {"what", "when", "date", "where", "actors", "evidence"} <= set(defs["KeyEvent"]["properties"])
    assert {"name", "kind", "role", "aliases", "evidence"} <= set(defs["Actor"]["properties"])
    assert {"text", "speaker", "speaker_role", "start", "end"} <= set(defs["Quote"]["properties"])
    assert {"question", "basis"} <= set(defs["OpenQuestion"]["properties"])
    assert {"path", "title", "sha256", "published"} <= set(defs["Source"]["properties"])
    assert {"model", "prompt_version", "schema_version", "usage", "seconds"} <= set(defs["Meta"]["properties"])


def test_prompt_version_is_the_hash_of_the_templates(tmp_path, monkeypatch):
    import summarizer.brief.prompting as prompting

    original = prompt_version()
    assert len(original) == 12
    for path in (ROOT / "prompts").glob("*.j2"):
        (tmp_path / path.name).write_bytes(path.read_bytes())
    monkeypatch.setattr(prompting, "data_dir", lambda name: tmp_path)
    prompting.prompt_version.cache_clear()
    try:
        assert prompting.prompt_version() == original
        (tmp_path / "brief.system.j2").write_text((tmp_path / "brief.system.j2").read_text() + "\nBe brief.")
        prompting.prompt_version.cache_clear()
        assert prompting.prompt_version() != original
    finally:
        prompting.prompt_version.cache_clear()


def test_schema_version_is_stable():
    assert schema_version() == schema_version() and len(schema_version()) == 12
