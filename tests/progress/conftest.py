"""What the progress tests share: a student's own progress file, student id and exports
folder in the test's temporary folder, and the store that reads them."""
from __future__ import annotations

import pytest

from coursekit.progress.store import ProgressStore


@pytest.fixture
def own_progress(tmp_path, monkeypatch) -> ProgressStore:
    monkeypatch.setenv("COURSEKIT_PROGRESS", str(tmp_path / "progress.json"))
    monkeypatch.setenv("COURSEKIT_STUDENT", "test-student")
    monkeypatch.setenv("COURSEKIT_EXPORTS", str(tmp_path / "exports"))
    return ProgressStore()
