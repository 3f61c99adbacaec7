"""The README's two commands come first, and CI runs the second one verbatim."""

from __future__ import annotations

import re

from conftest import ROOT


def readme_commands() -> list[str]:
    return re.findall(r"```bash\n(.+?)\n```", (ROOT / "README.md").read_text(), re.DOTALL)[:2]


def test_first_two_commands_install_and_run():
    main, tests = readme_commands()
    assert "pip install" in main and "summarizer brief examples/" in main
    assert "pip install" in tests and "pytest" in tests


def test_ci_runs_the_readme_test_command_verbatim():
    _, tests = readme_commands()
    assert tests in (ROOT / ".ci" / "run").read_text().splitlines()


def test_example_article_exists():
    main, _ = readme_commands()
    path = re.search(r"summarizer brief (\S+)", main).group(1)
    assert (ROOT / path).is_file()


def test_readme_layout_names_every_subpackage_and_module():
    readme = (ROOT / "README.md").read_text()
    layout = readme[readme.index("### Layout") :]
    layout = layout[: layout.index("\n### ", 5)] if "\n### " in layout[5:] else layout
    package = ROOT / "summarizer"
    for sub in sorted(p for p in package.iterdir() if p.is_dir() and (p / "__init__.py").exists()):
        assert f"{sub.name}/" in layout, f"README layout does not name {sub.name}/"
        for mod in sorted(sub.glob("*.py")):
            if mod.stem != "__init__":
                assert mod.stem in layout, f"README layout does not name {sub.name}/{mod.name}"


def test_readme_sample_brief_is_what_the_renderer_makes_of_the_recorded_example(monkeypatch):
    """The sample near the top is regenerated, not pasted: the recorded embedded-model exchange for
    examples/harbor-closure.txt, replayed and rendered now (only the elapsed seconds may differ)."""
    from summarizer import brief_file, render_markdown, resolve_settings

    readme = (ROOT / "README.md").read_text()
    m = re.search(r"<!-- sample-brief: (summarizer brief (\S+) --cassettes (\S+)) -->\n```markdown\n(.*?)\n```\n<!-- /sample-brief -->",
                  readme, re.DOTALL)
    assert m, "README has a sample brief between <!-- sample-brief: ... --> markers"
    command, article, cassettes, sample = m.groups()
    monkeypatch.chdir(ROOT)  # the brief names the article by the path it was given, as the command does
    for name in ("SUMMARIZER_CONFIG", "SUMMARIZER_BASE_URL", "SUMMARIZER_MODEL", "SUMMARIZER_STRICT"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(ROOT / "tests" / "no-config-here"))
    brief = brief_file(article, resolve_settings(cassette_dir=cassettes, cassette_mode="replay"))

    def timeless(md: str) -> str:
        return re.sub(r" · [\d.]+ s</sub>", " · N s</sub>", md.rstrip("\n"))

    assert timeless(sample) == timeless(render_markdown(brief)), f"regenerate the README sample with: {command}"


def test_readme_states_the_openai_and_instructor_range_pyproject_allows():
    import tomllib

    deps = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["dependencies"]
    readme = (ROOT / "README.md").read_text()
    section = readme[readme.index("### Dependency versions"):]
    section = section[: section.index("\n### ", 5)]
    for name in ("openai", "instructor"):
        spec = next(d for d in deps if re.match(rf"{name}\b", d))
        assert f"`{spec}`" in section, f"README's Dependency versions must say {spec}"
