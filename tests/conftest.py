"""Test session setup: a throwaway progress file, a fixed student, and a count of what ran."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

# Set before any kernel starts, so nbval's kernels inherit them: the lessons never
# write into the developer's own progress file, and shuffles are reproducible.
_session_tmp = tempfile.mkdtemp(prefix="coursekit-tests-")
os.environ["COURSEKIT_PROGRESS"] = str(Path(_session_tmp) / "progress.json")
os.environ["COURSEKIT_STUDENT"] = "nbval-student"
os.environ.pop("COURSEKIT_DATA", None)
os.environ.setdefault("MPLBACKEND", "Agg")


@pytest.fixture
def data_dir() -> Path:
    """The course's real data folder."""
    return ROOT / "data"


_ran = {"notebook cells": 0, "notebooks": set(), "other tests": 0}


def pytest_runtest_logreport(report):
    if report.when != "call":
        return
    if report.nodeid.endswith(".ipynb") or ".ipynb::" in report.nodeid:
        _ran["notebook cells"] += 1
        _ran["notebooks"].add(report.nodeid.split("::")[0])
    else:
        _ran["other tests"] += 1


def pytest_terminal_summary(terminalreporter):
    terminalreporter.write_line(
        f"coursekit: {_ran['other tests']} unit/browser tests and "
        f"{_ran['notebook cells']} notebook cells in {len(_ran['notebooks'])} notebooks ran"
    )
