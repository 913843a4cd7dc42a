"""Benchmark: how long nbval takes for the whole course, against a baseline.

The baseline is the same number of notebooks that only import the course's libraries
(coursekit and every module the lessons use, ipywidgets and matplotlib included), so the
ratio says what the lessons themselves cost beyond starting a kernel and importing.
Both sets run in the same pytest invocation, timed per notebook (setup, every cell,
teardown). Goal: a ratio under 1.5.

Usage: python tests/benchmarks/bench_course.py
"""
from __future__ import annotations

import os
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[2]
IMPORTS = """import coursekit
import coursekit.reading.article, coursekit.reading.actors, coursekit.reading.claims, coursekit.course
import coursekit.quizzes.bank, coursekit.quizzes.widgets, coursekit.quizzes.review, coursekit.progress.store
import coursekit.timeline.events, coursekit.timeline.widgets, coursekit.council.votes, coursekit.council.widgets
import ipywidgets, matplotlib.pyplot
print("imported")"""


class Timer:
    def __init__(self):
        self.per_file: dict[str, float] = defaultdict(float)
        self.failed = 0

    @pytest.hookimpl(hookwrapper=True)
    def pytest_runtest_protocol(self, item, nextitem):
        start = time.perf_counter()
        yield
        self.per_file[str(item.path)] += time.perf_counter() - start

    def pytest_runtest_logreport(self, report):
        if report.failed:
            self.failed += 1


def main() -> int:
    lessons = sorted((ROOT / "notebooks").glob("*.ipynb"))
    with tempfile.TemporaryDirectory() as tmp:
        base_dir = Path(tmp) / "notebooks"
        base_dir.mkdir()
        # the baseline notebooks sit beside a copy of data/ so they find the course like lessons do
        (Path(tmp) / "data").symlink_to(ROOT / "data", target_is_directory=True)
        baseline = []
        for i in range(len(lessons)):
            nb = nbformat.v4.new_notebook()
            nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
            nb.cells.append(nbformat.v4.new_code_cell(IMPORTS))
            path = base_dir / f"baseline_{i:02d}.ipynb"
            nbformat.write(nb, path)
            baseline.append(path)
        os.environ.setdefault("COURSEKIT_PROGRESS", str(Path(tmp) / "progress.json"))
        os.environ.setdefault("COURSEKIT_STUDENT", "nbval-student")
        timer = Timer()
        args = ["-q", "-p", "no:cacheprovider", "--rootdir", str(ROOT), "-c", str(ROOT / "pyproject.toml"),
                "--nbval-lax", "--nbval-current-env", *map(str, lessons), *map(str, baseline)]
        wall = time.perf_counter()
        code = pytest.main(args, plugins=[timer])
        wall = time.perf_counter() - wall
    course = sum(timer.per_file[str(p)] for p in lessons)
    base = sum(timer.per_file[str(p)] for p in baseline)
    print()
    print(f"{'notebook':<36} seconds")
    for p in lessons:
        print(f"{p.name:<36} {timer.per_file[str(p)]:7.2f}")
    print(f"course: {len(lessons)} notebooks under nbval      {course:7.2f} s")
    print(f"baseline: {len(baseline)} import-only notebooks    {base:7.2f} s")
    print(f"ratio course/baseline: {course / base:.2f} (goal under 1.5); whole run {wall:.1f} s")
    return int(code)


if __name__ == "__main__":
    sys.exit(main())
