"""A quiet JupyterLab: with the settings the course ships (binder/overrides.json), nothing pops
up over a lesson that the student did not ask for: no news or update toast, no dialog.

The settings are served as students get them (JupyterLab's app-wide ``overrides.json``; see
``LabServer``). A control run without them shows that the check does see JupyterLab's prompt.
"""
from __future__ import annotations

import json
import tempfile
from pathlib import Path

import pytest
from playwright.sync_api import expect

from .jupyterlab import SHIPPED_SETTINGS, LabServer, new_page, open_lesson, read_settings

pytestmark = pytest.mark.browser

LESSON = "00_start_here"
# JupyterLab's notifications show as toasts; its questions as dialogs.
TOASTS = ".jp-toastContainer .Toastify__toast"
DIALOGS = ".jp-Dialog"
# The status bar's bell counts every notification, also one whose toast has closed.
BELL_COUNT = ".jp-Notification-Status"


def test_jupyterlab_serves_every_setting_the_course_ships(lab_server):
    shipped = read_settings(SHIPPED_SETTINGS)
    assert shipped["@jupyterlab/apputils-extension:notification"] == {"fetchNews": "false",
                                                                       "checkForUpdates": False}
    for plugin, values in shipped.items():
        served = lab_server.settings(plugin)  # an unknown plugin is an HTTP error here
        for key, value in values.items():
            assert key in served, f"{SHIPPED_SETTINGS.name}: {plugin} has no setting {key!r}"
            assert served[key] == value, (f"{plugin}: {key} is {served[key]!r} in JupyterLab, "
                                          f"not {value!r} as {SHIPPED_SETTINGS.name} says")


def test_nothing_pops_up_over_lesson_00_after_running_it(open_notebook):
    nb = open_notebook(LESSON)
    nb.run_all(timeout=120)
    assert not nb.errors(), f"{LESSON}: " + "; ".join(map(str, nb.errors()))
    shown = nb.page.locator(TOASTS)
    try:
        expect(shown).to_have_count(0, timeout=1000)
        expect(nb.page.locator(DIALOGS)).to_have_count(0, timeout=1000)
        expect(nb.page.locator(BELL_COUNT)).to_have_text("0", timeout=1000)
    except AssertionError:
        nb.snap("popup")
        texts = shown.all_inner_texts() + nb.page.locator(DIALOGS).all_inner_texts()
        raise AssertionError(f"{LESSON}: something popped up over the lesson: {texts} "
                             f"(screenshot: screenshots/{nb.name}-popup.png)") from None


def test_without_the_shipped_settings_jupyterlab_does_ask_about_news(browser, course_copy):
    """The control: the same lesson, served without binder/overrides.json, shows the news
    prompt, so the test above would see it."""
    empty = Path(tempfile.mkdtemp(prefix="coursekit-settings-")) / "overrides.json"
    empty.write_text(json.dumps({}), encoding="utf-8")
    with LabServer(course_copy, app_settings=empty,
                   env={"COURSEKIT_PROGRESS": str(empty.parent / "progress.json")}) as server:
        page = new_page(browser)
        try:
            open_lesson(page, server, LESSON)
            expect(page.locator(TOASTS)).to_have_count(1, timeout=15_000)
            expect(page.locator(TOASTS)).to_contain_text("Jupyter news")
        finally:
            page.context.close()
