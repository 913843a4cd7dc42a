"""Every lesson, as a student opens it: Run All Cells, then nothing on screen is an error, and
what the lesson shows passes axe-core's WCAG 2.1 A/AA rules in JupyterLab's light and dark themes.

Each lesson is opened and run once; both tests look at the same page.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field

import pytest

from .accessibility import AXE_TAGS, CONTENT, THEMES, Violation, axe_violations, count_elements, set_theme
from .jupyterlab import ROOT, SCREENSHOTS, NotebookPage, new_page, open_lesson, shut_down_kernels_of

NOTEBOOKS = sorted(p.name for p in (ROOT / "notebooks").glob("*.ipynb"))
AXE_REPORT = SCREENSHOTS / "axe-report.json"

pytestmark = pytest.mark.browser


def _shots(paths) -> str:
    return ", ".join(str(p.relative_to(ROOT)) for p in paths) or str(SCREENSHOTS.relative_to(ROOT))


@dataclass
class RanLesson:
    name: str
    nb: NotebookPage
    run_error: AssertionError | None = None
    widget_problems: list[str] = field(default_factory=list)


@pytest.fixture(scope="module")
def axe_report():
    """Violations per lesson and theme, saved as screenshots/axe-report.json for the record."""
    report: dict[str, dict[str, dict]] = {}
    yield report
    if report:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        AXE_REPORT.write_text(json.dumps({"tags": AXE_TAGS, "scanned": CONTENT, "lessons": report},
                                         indent=2) + "\n", encoding="utf-8")


@pytest.fixture(scope="module", params=NOTEBOOKS)
def lesson(request, browser, lab_server):
    """The lesson opened in a page of its own, every cell run (Run > Run All Cells)."""
    page = new_page(browser)
    nb = open_lesson(page, lab_server, request.param)
    ran = RanLesson(request.param, nb)
    try:
        nb.run_all(timeout=120)
    except AssertionError as err:
        nb.screenshot("timeout")
        ran.run_error = err
    else:
        ran.widget_problems = nb.wait_for_widgets(timeout=20)
    yield ran
    shut_down_kernels_of(lab_server, [nb])
    page.context.close()


def test_lesson_runs_in_jupyterlab_without_errors_and_every_widget_renders(lesson):
    if lesson.run_error:
        raise lesson.run_error
    nb = lesson.nb
    shots = nb.screenshot()
    problems = [f"error in {err}" for err in nb.errors()]
    problems += [f"widget not rendered: {p}" for p in lesson.widget_problems]
    if not problems:
        problems += [f"code cell {c['index']} did not run ({c['source'].strip()[:70]!r})"
                     for c in nb.not_run()]
    assert not problems, (
        f"{lesson.name}: after Run All Cells in JupyterLab:\n  " + "\n  ".join(problems)
        + f"\nscreenshots: {_shots(shots)}")


def test_lesson_content_passes_axe_in_light_and_dark_theme(lesson, axe_report):
    """axe-core over the lesson's outputs and rendered Markdown (see accessibility.CONTENT for
    what is scanned and why), once in each theme: a colour that reads on white may not on
    near-black. Any violation fails, named by rule, impact, element and lesson."""
    nb = lesson.nb
    found: dict[str, list[Violation]] = {}
    try:
        for theme in THEMES:
            set_theme(nb, theme)
            found[theme] = axe_violations(nb)
            if found[theme]:
                nb.screenshot(f"axe-{theme.split()[-1].lower()}")
    finally:
        set_theme(nb, THEMES[0])  # the server's other tests expect the default theme
    axe_report[lesson.name] = {theme: {"rules": len(v), "elements": count_elements(v),
                                       "violations": [str(x) for x in v]} for theme, v in found.items()}
    lines = [f"{theme}: {v}" for theme, violations in found.items() for v in violations]
    assert not lines, (f"{lesson.name}: axe-core ({', '.join(AXE_TAGS)}) finds in the lesson's content:\n  "
                       + "\n  ".join(lines))
