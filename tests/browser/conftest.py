"""Fixtures of the browser tests: one JupyterLab server and one Chromium per session, a page per test.

Chromium itself (``chromium_path``, ``browser``) comes from tests/conftest.py, shared with
tests/site: skipped only when no Chromium is found and ``CI`` is unset.
"""
from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pytest

from .jupyterlab import (LabServer, NotebookPage, copy_course, new_page,
                         open_lesson, shut_down_kernels_of)

# The lessons' progress file, inside the course copy (the kernels' COURSEKIT_PROGRESS).
PROGRESS = Path(".progress") / "progress.json"


@pytest.fixture(scope="session")
def course_copy() -> Path:
    """A throwaway copy of notebooks/ and data/: running and saving never touch the repo."""
    tmp = Path(tempfile.mkdtemp(prefix="coursekit-course-"))
    copy_course(tmp)
    yield tmp
    shutil.rmtree(tmp, ignore_errors=True)


@pytest.fixture(scope="session")
def lab_server(chromium_path, course_copy):
    """JupyterLab on 127.0.0.1, a random port and token, serving the course copy."""
    server = LabServer(course_copy, env={"COURSEKIT_PROGRESS": str(course_copy / PROGRESS)})
    try:
        server.start()
        yield server
    finally:
        server.cleanup()


@pytest.fixture
def page(browser):
    page = new_page(browser)
    yield page
    page.context.close()


@pytest.fixture
def open_notebook(page, lab_server):
    """``open_notebook("01_reading_the_article")`` opens a lesson and returns its NotebookPage."""
    opened: list[NotebookPage] = []

    def _open(name: str, timeout: float = 60) -> NotebookPage:
        nb = open_lesson(page, lab_server, name, timeout)
        opened.append(nb)
        return nb

    yield _open
    shut_down_kernels_of(lab_server, opened)


@pytest.fixture
def fresh_progress(course_copy) -> Path:
    """No saved answers: the student starts the lesson for the first time."""
    path = course_copy / PROGRESS
    if path.parent.exists():
        shutil.rmtree(path.parent)
    for export in (course_copy / "my-answers").glob("*"):
        export.unlink()
    return path
