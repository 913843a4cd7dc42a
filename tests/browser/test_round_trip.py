"""A student's work survives the end of a session: answer, export, start over, import.

In one session the student answers a quiz question and writes a think-prompt in lesson 01,
gives a verdict with its reason in lesson 06 (both shown by ``coursekit.ask``), notes the
score table of lesson 08 and downloads the export there. Then a fresh JupyterLab, on a new
copy of the course with an empty progress file (as a new Binder session is), gets that file
through lesson 00's upload button (the file is given to the chooser the button opens);
lesson 08 shows the same scores, and lessons 01 and 06 show the written answers again.

The questions used come from the lessons' banks and notebooks, so instructors' edits do not
break the test.
"""
from __future__ import annotations

import json
import re
import shutil
import tempfile
from pathlib import Path

import pytest
from playwright.sync_api import expect

from coursekit.quizzes import questions as qm
from coursekit.quizzes.bank import load_bank

from .jupyterlab import ROOT, VISIBLE_NOTEBOOK, LabServer, copy_course, new_page, open_lesson, shut_down_kernels_of
from .test_student_path import _excerpt, _failed, quizzed, see

pytestmark = pytest.mark.browser

DATA = ROOT / "data"
NOTEBOOKS = ROOT / "notebooks"
THINK_TEXT = "The article quotes Mali's minister at length; the UN's side is mostly reported speech."
WHY_TEXT = "The record dates it differently from the article."


def _asked(lesson: str) -> list[str]:
    """The question ids a lesson shows with ``coursekit.ask(lesson, id)``, in order."""
    nb = json.loads((NOTEBOOKS / f"{lesson}.ipynb").read_text(encoding="utf-8"))
    found = []
    for cell in nb["cells"]:
        source = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
        if cell["cell_type"] == "code":
            found += re.findall(r"coursekit\.ask\(\s*[\"']" + re.escape(lesson) + r"[\"']\s*,\s*[\"']([^\"']+)",
                                source)
    return found


def _asked_of_type(lesson: str, kind: type) -> qm.Question:
    bank = load_bank(lesson, DATA)
    for qid in _asked(lesson):
        q = bank.question(qid)
        if isinstance(q, kind):
            return q
    pytest.fail(f"{lesson}: no coursekit.ask cell shows a {kind.__name__}")


def _box(nb, q: qm.Question):
    """The question's box on the page, found by its prompt."""
    words = _excerpt(q.prompt, 8).split()
    pattern = re.compile(r"\W+".join(map(re.escape, words)), re.IGNORECASE)
    return nb.page.locator(f"{VISIBLE_NOTEBOOK} .coursekit-question").filter(has_text=pattern).first


def _ask_cell(lesson: str, qid: str) -> str:
    return f'coursekit.ask("{lesson}", "{qid}")'


def _run_cells(nb, *sources: str) -> None:
    """Run the cells containing ``sources``, in order (a student running just those)."""
    for source in sources:
        nb.run_cell_containing(source)
    assert not nb.errors(), f"{nb.name}: " + "; ".join(map(str, nb.errors()))
    problems = nb.wait_for_widgets()
    assert not problems, f"{nb.name}: " + "; ".join(problems)


def test_answers_exported_then_imported_into_a_fresh_session_come_back(browser, lab_server, course_copy,
                                                                       fresh_progress, tmp_path):
    l01, l06 = "01_reading_the_article", "06_reading_critically"
    bank01 = load_bank(l01, DATA)
    single = next(q for q in quizzed(bank01) if isinstance(q, qm.SingleQuestion))
    think = _asked_of_type(l01, qm.ReflectionQuestion)
    verdict = _asked_of_type(l06, qm.VerdictQuestion)
    right_verdict = verdict.answer[0]

    # -- session 1 ------------------------------------------------------------------------
    page = new_page(browser)
    opened = []
    try:
        nb = open_lesson(page, lab_server, l01)
        opened.append(nb)
        _run_cells(nb, "import coursekit", f'coursekit.quiz("{l01}")', _ask_cell(l01, think.id))
        box = _box(nb, single)
        box.locator(".widget-radio-box label", has_text=single.answer).first.locator("input").check()
        box.locator("button.coursekit-check").click()
        see(nb, box.locator(".coursekit-feedback"), qm.submit(single, qm.QuestionState(), single.answer).message,
            after=f"answering {single.id}", what="feedback")
        box = _box(nb, think)
        box.locator("textarea").fill(THINK_TEXT)
        nb.wait_for_widget_sync()
        box.locator("button.coursekit-check").click()
        see(nb, box.locator(".coursekit-status"), "answered", after=f"saving the think-prompt {think.id}",
            what="status")

        nb = open_lesson(page, lab_server, l06)
        opened.append(nb)
        _run_cells(nb, "import coursekit", _ask_cell(l06, verdict.id))
        box = _box(nb, verdict)
        box.locator(".widget-radio-box label", has_text=right_verdict).first.locator("input").check()
        box.locator(".coursekit-answer input").fill(WHY_TEXT)
        nb.wait_for_widget_sync()
        box.locator("button.coursekit-check").click()
        expected = qm.submit(verdict, qm.QuestionState(), {"verdict": right_verdict, "why": WHY_TEXT}).message
        see(nb, box.locator(".coursekit-feedback"), expected, after=f"giving the verdict {verdict.id}",
            what="feedback")

        nb = open_lesson(page, lab_server, "08_review")
        opened.append(nb)
        nb.run_all(timeout=120)
        assert not nb.errors(), "08_review: " + "; ".join(map(str, nb.errors()))
        scores_before = " ".join(nb.cell_output("coursekit.my_scores()").inner_text().split())
        assert re.search(r"\b[1-9]\d* of \d+", scores_before), (
            f"08_review: the score table shows nothing answered: {scores_before!r}")
        link = nb.cell_output("export_answers(").locator(".coursekit-export a[download]")
        with page.expect_download(timeout=15_000) as info:
            link.click()
        exported = tmp_path / info.value.suggested_filename
        info.value.save_as(exported)
    finally:
        shut_down_kernels_of(lab_server, opened)
        page.context.close()
    text = exported.read_text(encoding="utf-8")
    assert THINK_TEXT in text and WHY_TEXT in text and single.id in text, (
        f"the exported file {exported.name} lacks an answer given in session 1")

    # -- session 2: a new server, a new copy of the course, no progress file -------------------
    fresh = Path(tempfile.mkdtemp(prefix="coursekit-fresh-"))
    copy_course(fresh)
    progress = fresh / ".progress" / "progress.json"
    try:
        with LabServer(fresh, env={"COURSEKIT_PROGRESS": str(progress)}) as server:
            page = new_page(browser)
            try:
                nb = open_lesson(page, server, "00_start_here")
                _run_cells(nb, "import coursekit", "coursekit.import_answers()")
                # ipywidgets' FileUpload keeps its <input type=file> out of the page and clicks it
                # when its button is clicked: the file is given to the chooser that opens, which is
                # set_input_files on that input.
                button = nb.page.locator(f"{VISIBLE_NOTEBOOK} button.coursekit-import-upload")
                with nb.page.expect_file_chooser(timeout=15_000) as chooser:
                    button.click()
                chooser.value.set_files(str(exported))
                status = nb.page.locator(f"{VISIBLE_NOTEBOOK} .coursekit-import-status")
                try:
                    expect(status).to_contain_text("✔", timeout=15_000)
                except AssertionError:
                    raise _failed(nb, after=f"uploading {exported.name}",
                                  what=f"the import did not succeed: {status.inner_text()!r}") from None

                nb = open_lesson(page, server, "08_review")
                nb.run_all(timeout=120)
                scores_after = " ".join(nb.cell_output("coursekit.my_scores()").inner_text().split())
                assert scores_after == scores_before, (
                    f"08_review after the import shows other scores:\n  before: {scores_before}\n"
                    f"  after:  {scores_after}")

                nb = open_lesson(page, server, l01)
                _run_cells(nb, "import coursekit", f'coursekit.quiz("{l01}")', _ask_cell(l01, think.id))
                step = "importing the file and running lesson 01's cells"
                try:
                    expect(_box(nb, think).locator("textarea")).to_have_value(THINK_TEXT, timeout=10_000)
                except AssertionError:
                    raise _failed(nb, after=step, what=f"the think-prompt {think.id} does not show the "
                                  f"text written before ({THINK_TEXT!r})") from None
                checked = _box(nb, single).locator(".widget-radio-box label", has=page.locator("input:checked"))
                see(nb, checked, single.answer, after=step, what=f"checked option of {single.id}")

                nb = open_lesson(page, server, l06)
                _run_cells(nb, "import coursekit", _ask_cell(l06, verdict.id))
                box = _box(nb, verdict)
                step = "importing the file and running lesson 06's cells"
                checked = box.locator(".widget-radio-box label", has=page.locator("input:checked"))
                see(nb, checked, right_verdict, after=step, what=f"checked verdict of {verdict.id}")
                try:
                    expect(box.locator(".coursekit-answer input")).to_have_value(WHY_TEXT, timeout=10_000)
                except AssertionError:
                    raise _failed(nb, after=step, what=f"the reason given for {verdict.id} is not back") from None
            finally:
                page.context.close()
    finally:
        shutil.rmtree(fresh, ignore_errors=True)
