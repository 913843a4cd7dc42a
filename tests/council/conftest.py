"""What the Council's tests share: the course's own Council, read once per test module."""
from __future__ import annotations

from pathlib import Path

import pytest

from coursekit.council.votes import Council, load_council

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def council() -> Council:
    return load_council(ROOT / "data")
