"""pytest setup for the whole run (unit tests and nbval's notebooks alike).

Lives at the top so it also applies to notebooks/: every kernel nbval starts inherits a
throwaway progress file and a fixed student, so a test run never touches a student's
answers and shuffles are reproducible.
"""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

_session_tmp = tempfile.mkdtemp(prefix="coursekit-tests-")
os.environ["COURSEKIT_PROGRESS"] = str(Path(_session_tmp) / "progress.json")
os.environ["COURSEKIT_STUDENT"] = "nbval-student"
os.environ["COURSEKIT_EXPORTS"] = str(Path(_session_tmp) / "exports")
os.environ.pop("COURSEKIT_DATA", None)
os.environ.setdefault("MPLBACKEND", "Agg")

_ran = {"cells": 0, "notebooks": set(), "tests": 0, "skipped": 0}


def pytest_runtest_logreport(report):
    if report.skipped and report.when in ("setup", "call"):
        _ran["skipped"] += 1
    if report.when != "call":
        return
    if ".ipynb::" in report.nodeid:
        _ran["cells"] += 1
        _ran["notebooks"].add(report.nodeid.split("::")[0])
    else:
        _ran["tests"] += 1


def pytest_terminal_summary(terminalreporter):
    terminalreporter.write_line(
        f"coursekit: {_ran['tests']} tests and {_ran['cells']} notebook cells "
        f"in {len(_ran['notebooks'])} notebooks ran ({_ran['skipped']} skipped)"
    )
