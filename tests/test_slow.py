"""Tests with real parts: the embedded model, llama-cpp-python's own server, the built wheel.

Marked slow (minutes on 2 cores); `python -m pytest` runs them, `-m "not slow"` skips them.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import httpx
import pytest

from conftest import ROOT

pytestmark = pytest.mark.slow
SHORT = ROOT / "tests" / "fixtures" / "short.txt"
BIN = Path(sys.executable).parent


def cli(*args, timeout=900):
    exe = BIN / "summarizer"
    cmd = [str(exe)] if exe.exists() else [sys.executable, "-m", "summarizer"]
    return subprocess.run([*cmd, *map(str, args)], capture_output=True, text=True, timeout=timeout)


def check_brief(stdout: str):
    from summarizer import Brief, load_document

    brief = Brief.model_validate_json(stdout)
    doc = load_document(SHORT, max_bytes=10**7)
    assert brief.quotes, "the article has two quotations"
    for q in brief.quotes:
        assert doc.text[q.start : q.end] == q.text
    assert {q.speaker for q in brief.quotes} <= {"Dana Whitfield", "Omar Haddad"}
    return brief


def test_embedded_model_for_real():
    pytest.importorskip("llama_cpp")
    r = cli("brief", SHORT, "--format", "json")
    assert r.returncode == 0, r.stderr
    brief = check_brief(r.stdout)
    assert brief.meta.backend == "local" and brief.meta.usage.completion_tokens > 0


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_llama_cpp_python_server_via_base_url(tmp_path):
    pytest.importorskip("llama_cpp.server", reason="needs llama-cpp-python[server]")
    from summarizer.backends.local import ensure_weights

    port = _free_port()
    log = (tmp_path / "server.log").open("w")
    server = subprocess.Popen(
        [sys.executable, "-m", "llama_cpp.server", "--model", str(ensure_weights()), "--host", "127.0.0.1",
         "--port", str(port), "--n_ctx", "8192", "--model_alias", "qwen-local"],
        stdout=log, stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.time() + 180
        while True:
            try:
                if httpx.get(f"http://127.0.0.1:{port}/v1/models", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert server.poll() is None, (tmp_path / "server.log").read_text()[-2000:]
            assert time.time() < deadline, "server did not start"
            time.sleep(1)
        r = cli("brief", SHORT, "--format", "json", "--base-url", f"http://127.0.0.1:{port}/v1", "--model", "qwen-local", "--mode", "tools")
        assert r.returncode == 0, r.stderr
        brief = check_brief(r.stdout)
        assert brief.meta.backend == f"http://127.0.0.1:{port}/v1"
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_wheel_ships_prompts_and_schemas_and_installs(tmp_path):
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(tmp_path), str(ROOT)], check=True)
    wheel = next(tmp_path.glob("summarizer-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    assert "summarizer/_data/prompts/brief.system.j2" in names
    assert "summarizer/_data/schemas/brief.schema.json" in names
    assert all(n.startswith(("summarizer/", "summarizer-")) for n in names), "no top-level schemas/ or prompts/ package"
    venv, env = _venv_seeing_our_packages(tmp_path / "venv")
    py = venv / "bin" / "python"
    # --ignore-installed: the summarizer this interpreter has installed (editable or not) is visible through the .pth
    subprocess.run([str(py), "-m", "pip", "install", "-q", "--no-deps", "--no-index", "--ignore-installed", str(wheel)], check=True, env=env)
    r = subprocess.run([str(venv / "bin" / "summarizer"), "--help"], capture_output=True, text=True, env=env)
    assert r.returncode == 0 and "brief" in r.stdout, r.stderr
    probe = ("import sys, summarizer, summarizer.brief.prompting as p, summarizer.resources as r; "
             "print(summarizer.__file__); print(r.data_dir('prompts')); print(p.prompt_version()); print(*sys.path)")
    out = subprocess.run([str(py), "-c", probe], capture_output=True, text=True, check=True, cwd=tmp_path, env=env).stdout.split()
    from summarizer.brief.prompting import prompt_version

    assert out[0].startswith(str(venv)) and out[1].startswith(str(venv))
    assert out[2] == prompt_version()
    import site

    assert set(site.getsitepackages()) <= set(out[3:]), "the new venv sees every site-packages this interpreter sees"


def _venv_seeing_our_packages(venv: Path) -> tuple[Path, dict[str, str]]:
    """A venv whose own site-packages comes first, then every site-packages of this interpreter's (so the
    dependencies are found), and an environment for it without PYTHONPATH (so the checkout cannot shadow the wheel).

    Made from the base interpreter: ``--system-site-packages`` from a venv's interpreter gives the base's
    packages, not that venv's, so this venv's site-packages are added by a .pth file. Its lines are plain
    folders: the .pth files inside them (an editable install of the checkout) are not run.
    """
    base = getattr(sys, "_base_executable", sys.executable)
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV", "PYTHONHOME")}
    subprocess.run([base, "-m", "venv", "--system-site-packages", str(venv)], check=True, env=env)
    py = venv / "bin" / "python"
    purelib = subprocess.run([str(py), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                             capture_output=True, text=True, check=True, env=env).stdout.strip()
    import site

    (Path(purelib) / "_parent_site_packages.pth").write_text("".join(p + "\n" for p in site.getsitepackages()))
    return venv, env
