"""Accessibility checks in the browser: axe-core over a lesson's content, in JupyterLab's themes.

axe-core comes from the ``axe-playwright-python`` package (it bundles ``axe.min.js``, so no
network is needed) and runs with the WCAG 2.1 A and AA rules only (``AXE_TAGS``).

What is scanned (``CONTENT``) is what the course writes: the outputs of the lessons' code
cells (their text, HTML, figures and widgets) and the lessons' rendered Markdown. The rest
of the page is JupyterLab's own interface (menus, toolbars, the cell editors and prompts),
which the course does not control and cannot fix; it is left out so that a finding is always
something the course can act on. Colour contrast is still computed against what lies under
the content, JupyterLab's background in the theme in use, since that is what a student sees.
"""
from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass

from axe_playwright_python.sync_playwright import Axe

from .jupyterlab import VISIBLE_NOTEBOOK, NotebookPage

#: WCAG 2.0 and 2.1, levels A and AA: the rules a course is usually held to.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
#: The code cells' outputs and the rendered Markdown cells of the notebook on screen
#: (not the cells' prompts, the code editors or anything outside the notebook).
CONTENT = [f"{VISIBLE_NOTEBOOK} .jp-OutputArea-output",
           f"{VISIBLE_NOTEBOOK} .jp-MarkdownCell .jp-RenderedMarkdown"]
THEMES = ("JupyterLab Light", "JupyterLab Dark")

_AXE = Axe()


@dataclass(frozen=True)
class Violation:
    rule: str
    impact: str
    help: str
    targets: tuple[str, ...]
    detail: str     # axe's summary of the first element's failure (e.g. the contrast ratio)
    html: tuple[str, ...] = ()   # the elements' HTML (their opening tags), as axe gives it

    def __str__(self) -> str:
        shown = ", ".join(self.targets[:4]) + (f" and {len(self.targets) - 4} more" if len(self.targets) > 4 else "")
        first = f"; first element: {self.html[0][:160]}" if self.html else ""
        return (f"{self.rule} ({self.impact}): {self.help}: {shown}" + (f" [{self.detail}]" if self.detail else "")
                + first)


@contextmanager
def whole_notebook_on_screen(nb: NotebookPage, margin: int = 40):
    """Make the window tall enough to show the whole notebook at once, scrolled to the top.

    axe checks colour contrast only for text it finds on screen, so a notebook scrolled
    inside its panel would be checked one screenful at a time. For the same reason the
    page's ``<body>`` gets a height for the scan: JupyterLab's body is 0 px high with
    ``overflow: hidden`` (everything in it is absolutely positioned), which makes axe-core
    take every element as clipped out of sight and skip its contrast silently (axe-core
    issue 3996). The body is invisible under JupyterLab's shell, so nothing visible changes.
    """
    page = nb.page
    size = page.viewport_size or {"width": 1280, "height": 900}
    outer = f"{VISIBLE_NOTEBOOK} .jp-WindowedPanel-outer"
    extra = page.evaluate(
        """(sel) => { const outer = document.querySelector(sel);
             const content = outer.querySelector('.jp-WindowedPanel-viewport');
             return Math.ceil(content.getBoundingClientRect().height - outer.clientHeight); }""", outer)
    page.set_viewport_size({"width": size["width"], "height": size["height"] + max(extra, 0) + margin})
    try:
        # Lumino lays the panel out again after the resize; then scroll to the top and wait
        # until the last cell ends inside the panel.
        page.wait_for_function(
            """(sel) => { const outer = document.querySelector(sel); outer.scrollTop = 0;
                 const cells = outer.querySelectorAll('.jp-Cell');
                 const last = cells[cells.length - 1];
                 return !last || last.getBoundingClientRect().bottom <= outer.getBoundingClientRect().bottom; }""",
            arg=outer)
        page.evaluate("() => { document.body.style.height = '100vh'; }")
        yield
    finally:
        page.evaluate("() => { document.body.style.height = ''; }")
        page.set_viewport_size(size)


def set_theme(nb: NotebookPage, theme: str) -> None:
    """Settings > Theme: switch JupyterLab to ``theme`` and wait until it is applied."""
    nb.command("apputils:change-theme", {"theme": theme})
    nb.page.wait_for_function("(theme) => document.body.dataset.jpThemeName === theme", arg=theme)


def axe_violations(nb: NotebookPage, include: list[str] | None = None) -> list[Violation]:
    """Run axe-core (WCAG 2.1 A/AA rules) over the notebook's content (``CONTENT``), the
    whole notebook on screen at once; return what it finds."""
    context = {"include": include or CONTENT}
    options = {"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]}
    with whole_notebook_on_screen(nb):
        found = _AXE.run(nb.page, context=context, options=options).response["violations"]
    return [Violation(v["id"], v.get("impact") or "", v.get("help", ""),
                      tuple(" ".join(n["target"]) for n in v["nodes"]),
                      " ".join((v["nodes"][0].get("failureSummary") or "").split())[:200] if v["nodes"] else "",
                      tuple(" ".join(n.get("html", "").split())[:200] for n in v["nodes"]))
            for v in found]


def count_elements(violations: list[Violation]) -> int:
    return sum(len(v.targets) for v in violations)
