"""The library as a user imports it: ``from summarizer import ...`` only, no private module paths."""

from __future__ import annotations

import shutil

import pytest

from conftest import FIXTURES

import summarizer
from summarizer import (BatchReport, ConfigError, ModelClient, StoryBrief, brief_folder, build_stories, load_document,
                        resolve_settings)
from summarizer.backends.testing import FakeOpenAIServer, ScriptedTransport, completion, valid_draft

STORY = FIXTURES / "story"


@pytest.fixture(autouse=True)
def no_user_config(monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    for name in ("SUMMARIZER_CONFIG", "SUMMARIZER_BASE_URL", "SUMMARIZER_MODEL", "SUMMARIZER_MAX_BYTES"):
        monkeypatch.delenv(name, raising=False)


def _client(n: int = 60) -> ModelClient:
    transport = ScriptedTransport(*[lambda req: completion(valid_draft(req)) for _ in range(n)])
    return ModelClient(resolve_settings(base_url="http://127.0.0.1:9/v1", model="m"), transport, sleep=lambda s: None)


def test_a_misspelt_keyword_setting_is_an_error_naming_it():
    with pytest.raises(ConfigError, match=r"unknown setting 'modle' \(did you mean 'mode' or 'model'\?\)"):
        resolve_settings(modle="qwen")  # type: ignore[call-arg]
    with pytest.raises(ConfigError, match="unknown setting 'colour'; the settings are: base_url, model"):
        resolve_settings(colour="red")  # type: ignore[call-arg]
    assert resolve_settings(max_bytes=99, model=None).max_bytes == 99  # None still means 'not given'


def test_load_document_needs_no_size_argument():
    doc = load_document(FIXTURES / "short.txt")
    assert doc.text and doc.sha256


def test_brief_folder_briefs_every_article_and_keeps_model_answers_in_outdir(tmp_path):
    folder = tmp_path / "in"
    shutil.copytree(STORY, folder, ignore=shutil.ignore_patterns("hard"))
    with FakeOpenAIServer() as server:
        settings = resolve_settings(base_url=server.base_url, model="m")
        report = brief_folder(folder, tmp_path / "out", settings, jobs=2)
        asked = server.requests
        again = brief_folder(folder, tmp_path / "out", settings)  # a re-run is served from the cache
        assert server.requests == asked and again.count("cached") == 6
    assert isinstance(report, BatchReport) and report.count("done") == 6 == report.total
    assert (tmp_path / "out" / "index.md").is_file() and (tmp_path / "out" / "county-courier.brief.md").is_file()
    kept = list((tmp_path / "out" / ".summarizer" / "responses").rglob("*.json"))
    assert len(kept) == asked > 0


def test_build_stories_groups_the_folder_and_writes_story_briefs(tmp_path):
    folder = tmp_path / "in"
    shutil.copytree(STORY, folder, ignore=shutil.ignore_patterns("hard"))
    with _client() as client:
        stories = build_stories(folder, tmp_path / "out", client=client)
    assert all(isinstance(s, StoryBrief) for s in stories)
    sizes = sorted(len(s.sources) for s in stories)
    assert sizes[-2:] == [2, 4], sizes  # the ferry story's four outlets, the hailstorm's two
    assert (tmp_path / "out" / "stories" / "index.md").is_file() and (tmp_path / "out" / "stories.json").is_file()


def test_the_public_names_are_documented():
    for name in summarizer.__all__:
        obj = getattr(summarizer, name)
        assert (obj.__doc__ or "").strip(), f"summarizer.{name} has no docstring"
