"""Command-line conventions: --version, -h, --strict as a flag, and a fast --help."""

import subprocess
import sys

from typer.testing import CliRunner

from conftest import ROOT
from summarizer import __version__
from summarizer.cli import app

runner = CliRunner()


def test_version_option_prints_the_package_version():
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.output.strip() == f"summarizer {__version__}"


def test_short_help_option_works_on_every_command():
    for args in ([], ["brief"], ["batch"], ["story"], ["eval"]):
        result = runner.invoke(app, [*args, "-h"])
        assert result.exit_code == 0, (args, result.output)
        assert "Usage" in result.output


def test_strict_is_a_flag_and_takes_no_value():
    result = runner.invoke(app, ["brief", "--strict", "true", "--published", "nonsense"])
    # 'true' is read as the article argument, so the run fails on the bad date, not on --strict
    assert "--published" in result.output
    assert "--strict" in runner.invoke(app, ["brief", "-h"]).output


def test_importing_the_cli_does_not_import_openai_or_instructor():
    heavy = ('openai', 'instructor', 'summarizer.brief.types', 'spacy')
    code = f"import sys, summarizer.cli; print(sorted(m for m in {heavy!r} if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]", "--help must not pay for the SDKs, the pydantic models or spaCy"


def test_lazy_public_names_still_resolve():
    import summarizer

    assert summarizer.ModelClient.__name__ == "ModelClient"
    assert callable(summarizer.brief_file)


def test_package_has_a_py_typed_marker():
    from importlib.resources import files

    assert files("summarizer").joinpath("py.typed").is_file()
