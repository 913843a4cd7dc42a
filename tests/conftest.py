"""Fixtures shared by the tests (the run-wide setup is in the top-level conftest.py).

The browser fixtures live here because the JupyterLab tests (tests/browser) and the static
edition's tests (tests/site) share one Playwright and one Chromium per session: Playwright's
synchronous API cannot run two at once. They are skipped only when no Chromium is found and
``CI`` is unset; in CI a missing browser is a failure.
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def data_dir() -> Path:
    """The course's real data folder."""
    return ROOT / "data"


# Benchmarks and tools are scripts, run by hand or by make; they hold no tests or doctests.
collect_ignore_glob = ["benchmarks/*", "tools/*"]


@pytest.fixture(scope="session")
def chromium_path() -> str:
    from tests.browser.jupyterlab import find_chromium

    path = find_chromium()
    if path is None:
        reason = ("no Chromium found (looked for chromium, chromium-browser, google-chrome on "
                  "PATH); install it with `apt-get install chromium`")
        if os.environ.get("CI"):
            pytest.fail(f"CI is set but {reason}", pytrace=False)
        pytest.skip(reason)
    return path


@pytest.fixture(scope="session")
def browser(chromium_path):
    """One headless Chromium for the whole run."""
    from playwright.sync_api import sync_playwright

    from tests.browser.jupyterlab import CHROMIUM_ARGS

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS, headless=True)
        try:
            yield browser
        finally:
            browser.close()
