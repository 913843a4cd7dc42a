"""Fixtures shared by the unit tests (the run-wide setup is in the top-level conftest.py)."""
from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def data_dir() -> Path:
    """The course's real data folder."""
    return ROOT / "data"


# Benchmarks and tools are scripts, run by hand or by make; they hold no tests or doctests.
collect_ignore_glob = ["benchmarks/*", "tools/*"]
