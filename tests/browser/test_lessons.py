"""Every lesson, as a student opens it: Run All Cells, then nothing on screen is an error."""
from __future__ import annotations

import pytest

from .jupyterlab import ROOT, SCREENSHOTS

NOTEBOOKS = sorted(p.name for p in (ROOT / "notebooks").glob("*.ipynb"))

pytestmark = pytest.mark.browser


def _shots(paths) -> str:
    return ", ".join(str(p.relative_to(ROOT)) for p in paths) or str(SCREENSHOTS.relative_to(ROOT))


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_lesson_runs_in_jupyterlab_without_errors_and_every_widget_renders(open_notebook, name):
    nb = open_notebook(name)
    try:
        nb.run_all(timeout=120)
    except AssertionError:
        nb.screenshot("timeout")
        raise
    widget_problems = nb.wait_for_widgets(timeout=20)
    shots = nb.screenshot()

    problems = [f"error in {err}" for err in nb.errors()]
    problems += [f"widget not rendered: {p}" for p in widget_problems]
    if not problems:
        problems += [f"code cell {c['index']} did not run ({c['source'].strip()[:70]!r})"
                     for c in nb.not_run()]
    assert not problems, (
        f"{name}: after Run All Cells in JupyterLab:\n  " + "\n  ".join(problems)
        + f"\nscreenshots: {_shots(shots)}")
