"""Shared test helpers. Tests never reach beyond 127.0.0.1 (pytest-socket, see pyproject)."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
CASSETTES = ROOT / "cassettes"


@pytest.fixture
def fixtures() -> Path:
    return FIXTURES
