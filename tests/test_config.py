"""Settings: keywords over SUMMARIZER_* variables over a TOML config file, read by pydantic-settings;
a --base-url without --model asks the server which model it serves."""

from __future__ import annotations

import pytest

from summarizer.backends.testing import FakeOpenAIServer
from summarizer.config import resolve_settings
from summarizer.errors import ConfigError, ModelUnavailable


@pytest.fixture(autouse=True)
def no_user_config(monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    for name in ("SUMMARIZER_CONFIG", "SUMMARIZER_BASE_URL", "SUMMARIZER_MODEL", "SUMMARIZER_MAX_BYTES", "OPENAI_API_KEY"):
        monkeypatch.delenv(name, raising=False)


def test_environment_variables_are_settings(monkeypatch):
    monkeypatch.setenv("SUMMARIZER_MAX_BYTES", "1234")
    monkeypatch.setenv("SUMMARIZER_STRICT", "true")
    monkeypatch.setenv("SUMMARIZER_TRANSPORT_RETRIES", "1")
    s = resolve_settings()
    assert (s.max_bytes, s.strict, s.transport_retries) == (1234, True, 1)
    assert resolve_settings(max_bytes=99).max_bytes == 99  # an option beats the environment


def test_config_file_below_the_environment(monkeypatch, tmp_path):
    cfg = tmp_path / "config.toml"
    cfg.write_text('base_url = "http://127.0.0.1:9/v1"\nmodel = "from-file"\nmax_bytes = 500\nmode = "json"\n')
    s = resolve_settings(config=cfg)
    assert (s.base_url, s.model, s.max_bytes, s.resolved_mode()) == ("http://127.0.0.1:9/v1", "from-file", 500, "json")
    monkeypatch.setenv("SUMMARIZER_MODEL", "from-env")
    assert resolve_settings(config=cfg).model == "from-env"
    monkeypatch.setenv("SUMMARIZER_CONFIG", str(cfg))
    assert resolve_settings().max_bytes == 500


def test_the_user_config_file_is_read(tmp_path):
    (tmp_path / "xdg" / "summarizer").mkdir(parents=True)
    (tmp_path / "xdg" / "summarizer" / "config.toml").write_text("max_bytes = 777\n")
    assert resolve_settings().max_bytes == 777


def test_a_typo_in_the_config_file_is_a_clear_error(tmp_path):
    cfg = tmp_path / "config.toml"
    cfg.write_text("max_byte = 5\n")
    with pytest.raises(ConfigError) as ei:
        resolve_settings(config=cfg)
    assert "config.toml" in str(ei.value) and "max_byte" in str(ei.value)
    with pytest.raises(ConfigError, match="no such config file"):
        resolve_settings(config=tmp_path / "missing.toml")


def test_a_bad_value_is_a_clear_error(monkeypatch):
    monkeypatch.setenv("SUMMARIZER_MAX_BYTES", "lots")
    with pytest.raises(ConfigError, match="max_bytes"):
        resolve_settings()
    with pytest.raises(ConfigError, match="mode"):
        resolve_settings(mode="yaml")


def test_base_url_without_model_uses_the_one_model_the_server_lists():
    with FakeOpenAIServer(models=("qwen2.5:7b",)) as server:
        assert resolve_settings(base_url=server.base_url).model == "qwen2.5:7b"
        assert resolve_settings(base_url=server.base_url, model="mine").model == "mine"


@pytest.mark.parametrize("models", [(), ("a", "b")])
def test_base_url_without_model_and_no_single_model_is_an_error(models):
    with FakeOpenAIServer(models=models) as server:
        with pytest.raises(ConfigError) as ei:
            resolve_settings(base_url=server.base_url)
    assert "--model" in str(ei.value) and f"lists {len(models)} models" in str(ei.value)
    assert "gpt-4o-mini" not in str(ei.value)


def test_base_url_without_model_on_an_unreachable_server():
    with pytest.raises(ModelUnavailable, match="--model"):
        resolve_settings(base_url="http://127.0.0.1:9/v1")


def test_the_api_key_comes_from_openai_api_key(monkeypatch):
    monkeypatch.setenv("OPENAI_API_KEY", "sk-from-env")
    s = resolve_settings(base_url="http://127.0.0.1:9/v1", model="m")
    assert s.api_key == "sk-from-env" and "sk-from-env" not in repr(s)
    assert resolve_settings(base_url="http://127.0.0.1:9/v1", model="m", api_key="given").api_key == "given"
