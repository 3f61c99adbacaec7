"""Every third-party package the code imports is declared in pyproject.toml.

A package that only arrives as another's dependency (pydantic-settings came with older instructor releases)
works on the machine that has it and breaks a fresh install when that other package changes.
"""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from importlib.metadata import packages_distributions

from conftest import ROOT


def _norm(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _declared() -> set[str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    specs = list(project["dependencies"]) + [s for extra in project.get("optional-dependencies", {}).values() for s in extra]
    return {_norm(re.split(r"[<>=!~\[; ]", s, maxsplit=1)[0]) for s in specs}


def _imported() -> set[str]:
    """Top-level names of the modules summarizer imports, at module level or inside functions."""
    names: set[str] = set()
    for path in (ROOT / "summarizer").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Import):
                names |= {a.name.split(".")[0] for a in node.names}
            elif isinstance(node, ast.ImportFrom) and not node.level and node.module:
                names.add(node.module.split(".")[0])
    return names - set(sys.stdlib_module_names) - {"summarizer", "__future__"}


def test_every_imported_package_is_declared():
    dists = packages_distributions()
    declared = _declared()
    missing = {}
    for module in sorted(_imported()):
        owners = {_norm(d) for d in dists.get(module, [])}
        if owners and not owners & declared:
            missing[module] = sorted(owners)
    assert not missing, f"imported but not declared in pyproject.toml: {missing}"


def test_the_check_sees_the_packages_it_is_about():
    imported = _imported()
    assert {"pydantic_settings", "spacy", "instructor", "openai", "llama_cpp"} <= imported
    assert "pydantic-settings" in _declared()
