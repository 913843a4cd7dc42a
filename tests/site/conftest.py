"""Fixtures of the static edition's tests: one Chromium per session, a page per test.

Like tests/browser, the browser tests here are skipped only when no Chromium is found
and ``CI`` is unset; in CI a missing browser is a failure. Every request a page makes
that is not for a ``file://`` URL is aborted and counted (``page.outside_requests``):
the static edition needs no network.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from tests.browser.jupyterlab import new_page

#: The quiz engine's static files, as the package ships them.
STATIC = Path(__file__).resolve().parents[2] / "src" / "coursekit" / "site" / "static"


@pytest.fixture(scope="session")
def site_browser(browser):
    """The run's one Chromium (tests/conftest.py)."""
    return browser


def _block_outside(page) -> list[str]:
    """Abort every request that is not for a local file; returns the list they go in."""
    outside: list[str] = []

    def route(r) -> None:
        if r.request.url.startswith(("file://", "data:", "blob:")):
            r.continue_()
        else:
            outside.append(r.request.url)
            r.abort()

    page.route("**/*", route)
    return outside


@pytest.fixture
def site_page(site_browser):
    """A page in a fresh browser context (own storage and downloads), with outside
    requests aborted and listed in ``page.outside_requests``, and the page's script
    errors in ``page.script_errors``."""
    page = new_page(site_browser)
    page.outside_requests = _block_outside(page)
    page.script_errors = []
    page.on("pageerror", lambda exc: page.script_errors.append(str(exc)))
    yield page
    page.context.close()
