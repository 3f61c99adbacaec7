"""The package's layout rules (see the summarizer package docstring), checked on the source."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PKG = Path(__file__).resolve().parent.parent / "summarizer"
ROOT_MODULES = {"config", "errors", "output", "resources"}
# what each layer may import besides itself and the root modules
ALLOWED = {
    "text": set(),
    "backends": {"brief.types"},
    "brief": {"text", "backends"},
    "batch": {"text", "brief", "backends"},
    "story": {"text", "brief", "batch"},
    "eval": {"text", "brief", "batch", "story"},
    "cli": {"text", "brief", "batch", "story", "eval", "backends"},
}
BACKENDS_USERS = {"brief.pipeline", "batch", "cli", "__init__"}


def _modules():
    for path in sorted(PKG.rglob("*.py")):
        yield ".".join(path.relative_to(PKG).with_suffix("").parts), path


def _imports(mod: str, path: Path):
    """(target module, imported names) for every import inside the package, made absolute."""
    package = mod.split(".")[:-1] if path.name != "__init__.py" else mod.split(".")
    if path.name == "__init__.py":
        package = mod.split(".")[:-1]
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom) and node.level:
            base = package[: len(package) - (node.level - 1)] if node.level > 1 else package
            yield ".".join(base + ([node.module] if node.module else [])), [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("summarizer."):
            yield node.module.removeprefix("summarizer."), [a.name for a in node.names]


def _allowed(layer: str, target: str) -> bool:
    top = target.split(".")[0]
    if top == layer or top in ROOT_MODULES or top == "":
        return True
    return any(target == a or target.startswith(a + ".") or top == a for a in ALLOWED.get(layer, set()))


@pytest.mark.parametrize("mod,path", list(_modules()), ids=lambda v: v if isinstance(v, str) else "")
def test_layer_imports_only_layers_before_it(mod, path):
    layer = mod.split(".")[0]
    if layer in ROOT_MODULES | {"__init__", "__main__"}:
        return
    for target, _ in _imports(mod, path):
        assert _allowed(layer, target), f"{mod} imports {target}"
        if target.split(".")[0] == "backends":
            assert any(mod == u or mod.startswith(u + ".") for u in BACKENDS_USERS) or layer == "backends", \
                f"{mod} uses backends"


@pytest.mark.parametrize("mod,path", list(_modules()), ids=lambda v: v if isinstance(v, str) else "")
def test_no_module_imports_another_modules_private_name(mod, path):
    for target, names in _imports(mod, path):
        private = [n for n in names if n.startswith("_") and not n.startswith("__")]
        assert not private, f"{mod} imports {private} from {target}"


def test_the_rule_catches_a_forbidden_import():
    assert not _allowed("text", "brief.types")
    assert not _allowed("brief", "story.types")
    assert _allowed("story", "brief.render")


def test_no_function_over_sixty_lines_and_no_module_over_four_hundred():
    for mod, path in _modules():
        source = path.read_text()
        assert len(source.splitlines()) <= 400, f"{mod} has {len(source.splitlines())} lines"
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                length = node.end_lineno - node.lineno + 1
                assert length <= 60, f"{mod}.{node.name} is {length} lines"


def _word_list(node) -> bool:
    """A module-level set of words: a set literal of strings, or set("...".split())."""
    value = node.value
    if isinstance(value, ast.Set):
        words = [e.value for e in value.elts if isinstance(e, ast.Constant) and isinstance(e.value, str)]
        return len(words) == len(value.elts) > 3 and not any(w.startswith(".") for w in words)  # not file suffixes
    return isinstance(value, ast.Call) and isinstance(value.func, ast.Name) and value.func.id in ("set", "frozenset") \
        and bool(value.args) and isinstance(value.args[0], ast.Call) and getattr(value.args[0].func, "attr", "") == "split"


def test_word_lists_live_in_the_lexicon():
    for mod, path in _modules():
        if mod == "text.lexicon" or mod.split(".")[0] not in ("text", "brief", "story", "eval"):
            continue  # the language layers; header names and file suffixes elsewhere are not vocabulary
        for node in ast.parse(path.read_text()).body:
            if isinstance(node, ast.Assign) and _word_list(node):
                assert False, f"{mod} defines a word list {ast.unparse(node.targets[0])}: move it to text/lexicon.py"
