"""A student's path through the lessons, checked by what appears on screen.

Right and wrong answers, hints and explanations come from the lessons' question
banks (``data/quizzes``), so an instructor's edits do not break these tests; the
expected messages come from the grading code the widgets call.
"""
from __future__ import annotations

import json
import re

import pytest
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import expect

from coursekit.quizzes import questions as qm
from coursekit.quizzes.bank import load_bank

from .jupyterlab import ROOT

pytestmark = pytest.mark.browser

DATA = ROOT / "data"


def _norm(text: str) -> str:
    """Text as compared: letters and digits only, so Markdown and HTML escaping do not matter."""
    return " ".join(re.sub(r"[^\w]+", " ", text).split()).lower()


def _excerpt(text: str, words: int = 12) -> str:
    return " ".join(_norm(text).split()[:words])


def _shown_by(pattern_words: list[str]) -> re.Pattern:
    """A pattern found in a text exactly when ``pattern_words`` (joined by spaces) is in its
    ``_norm``: the words in order, anything that is not a letter or a digit between them."""
    return re.compile(r"\W+".join(map(re.escape, pattern_words)), re.IGNORECASE)


def _failed(nb, *, after: str, what: str) -> AssertionError:
    """The failure of a step: the lesson, the step, what went wrong, the error a widget
    callback raised (from the log console), if any, and a screenshot."""
    nb.snap("failed")
    raised = nb.kernel_log_errors()
    return AssertionError(
        f"{nb.name}: after {after}, {what}"
        + (f"; the kernel reported: {raised}" if raised else "")
        + f" (screenshot: screenshots/{nb.name}-failed.png)")


def _text_of(locator) -> str:
    try:
        return " ".join(locator.inner_text(timeout=2000).split())[:300]
    except PlaywrightError:  # not there
        return ""


def see(nb, locator, expected: str, *, after: str, what: str, timeout: float = 15) -> str:
    """Wait until ``locator`` shows ``expected`` (compared by ``_norm``) and return its text;
    fail naming the lesson, the step, what was missing, what was shown and the error a widget
    callback raised, if any."""
    try:
        expect(locator).to_contain_text(_shown_by(_norm(expected).split()), use_inner_text=True,
                                        timeout=timeout * 1000)
    except (AssertionError, PlaywrightError):
        raise _failed(nb, after=after, what=f"the {what} did not show {expected!r}; "
                      f"it showed {_text_of(locator)!r}") from None
    return locator.inner_text()


def _question(nb, number: int):
    return nb.page.locator(".coursekit-quiz .coursekit-question").nth(number - 1)


def _choose(box, option: str) -> None:
    box.locator(".widget-radio-box label", has_text=option).first.locator("input").check()


def _check(box) -> None:
    box.locator("button.coursekit-check").click()


def _run_lesson(open_notebook, name: str):
    nb = open_notebook(name)
    nb.run_all(timeout=120)
    assert not nb.errors(), f"{name}: " + "; ".join(map(str, nb.errors()))
    problems = nb.wait_for_widgets()
    assert not problems, f"{name}: " + "; ".join(problems)
    return nb


def quizzed(bank) -> list:
    """The questions the lesson's quiz shows, in order: the bank's, less those the lesson
    asks in its text (``inline``, shown with ``coursekit.ask``)."""
    return [q for q in bank.questions if not q.inline]


def _first(bank, kind: type, pred=lambda q: True):
    for number, q in enumerate(quizzed(bank), 1):
        if isinstance(q, kind) and pred(q):
            return number, q
    pytest.fail(f"{bank.id}: the bank has no {kind.__name__} this test can use")


# -- lesson 01: wrong, then right ----------------------------------------------------


def test_lesson01_wrong_answer_shows_feedback_and_first_hint_then_right_answer_explains_and_scores(
        open_notebook, fresh_progress):
    lesson = "01_reading_the_article"
    bank = load_bank(lesson, DATA)
    number, q = _first(bank, qm.SingleQuestion,
                       lambda q: q.hints and q.explanation and q.max_tries > 1
                       and any(o.text != q.answer for o in q.options))
    wrong = next(o for o in q.options if o.text != q.answer)
    state = qm.QuestionState()
    wrong_outcome = qm.submit(q, state, wrong.text)
    wrong_headline = qm.summarise(quizzed(bank), {q.id: state}).headline()
    right_outcome = qm.submit(q, state, q.answer)
    right_headline = qm.summarise(quizzed(bank), {q.id: state}).headline()

    nb = _run_lesson(open_notebook, lesson)
    box, score = _question(nb, number), nb.page.locator(".coursekit-score")
    box.scroll_into_view_if_needed()
    before = see(nb, score, qm.summarise(quizzed(bank), {}).headline(),
                 after="running all cells", what="quiz score")

    step = f"answering question {number} ({q.id}) wrongly with {wrong.text!r}"
    _choose(box, wrong.text)
    _check(box)
    see(nb, box.locator(".coursekit-feedback"), wrong_outcome.message, after=step,
        what="feedback")
    if wrong.feedback:
        see(nb, box.locator(".coursekit-feedback"), wrong.feedback, after=step,
            what="feedback")
    see(nb, box.locator(".coursekit-hint"), f"Hint 1 of {len(q.hints)}", after=step,
        what="hint")
    see(nb, box.locator(".coursekit-hint"), _excerpt(q.hints[0]), after=step, what="hint")
    see(nb, score, wrong_headline, after=step, what="quiz score")
    assert not _norm(box.locator(".coursekit-explanation").inner_text()), (
        f"{lesson}: after {step}, the explanation is already shown")
    nb.snap("wrong-answer")

    step = f"answering question {number} ({q.id}) rightly with {q.answer!r}"
    _choose(box, q.answer)
    _check(box)
    see(nb, box.locator(".coursekit-feedback"), right_outcome.message, after=step,
        what="feedback")
    see(nb, box.locator(".coursekit-explanation"), _excerpt(q.explanation), after=step,
        what="explanation")
    after = see(nb, score, right_headline, after=step, what="quiz score")
    assert _norm(after) != _norm(before), f"{lesson}: the score did not change ({after!r})"
    nb.snap("right-answer")


def test_lesson01_numeric_question_explains_abc_then_accepts_the_number(open_notebook, fresh_progress):
    lesson = "01_reading_the_article"
    bank = load_bank(lesson, DATA)
    number, q = _first(bank, qm.NumericQuestion)
    with pytest.raises(qm.AnswerError) as not_a_number:
        qm.parse_number("abc")
    state = qm.QuestionState()
    right_outcome = qm.submit(q, state, f"{q.answer:g}")
    right_headline = qm.summarise(quizzed(bank), {q.id: state}).headline()

    nb = _run_lesson(open_notebook, lesson)
    box, score = _question(nb, number), nb.page.locator(".coursekit-score")
    box.scroll_into_view_if_needed()
    before = score.inner_text()
    field = box.locator(".coursekit-answer input")

    step = f'typing "abc" into question {number} ({q.id}) and clicking Check'
    field.fill("abc")
    _check(box)
    see(nb, box.locator(".coursekit-feedback"), str(not_a_number.value), after=step,
        what="feedback")
    assert _norm(score.inner_text()) == _norm(before), (
        f"{lesson}: after {step}, the score changed: {score.inner_text()!r}")
    assert not nb.errors(), f"{lesson}: after {step}: " + "; ".join(map(str, nb.errors()))

    step = f"typing {q.answer:g} into question {number} ({q.id}) and clicking Check"
    field.fill(f"{q.answer:g}")
    _check(box)
    see(nb, box.locator(".coursekit-feedback"), right_outcome.message, after=step,
        what="feedback")
    see(nb, score, right_headline, after=step, what="quiz score")
    nb.snap("numeric")


# -- persistence and export (lesson 00) ----------------------------------------------


def test_lesson00_answer_survives_a_kernel_restart_and_export_offers_a_download(
        open_notebook, fresh_progress):
    lesson = "00_start_here"
    bank = load_bank(lesson, DATA)
    number, q = _first(bank, qm.SingleQuestion)
    state = qm.QuestionState()
    outcome = qm.submit(q, state, q.answer)
    headline = qm.summarise(quizzed(bank), {q.id: state}).headline()

    nb = _run_lesson(open_notebook, lesson)
    box, score = _question(nb, number), nb.page.locator(".coursekit-score")
    box.scroll_into_view_if_needed()
    step = f"answering question {number} ({q.id}) with {q.answer!r}"
    _choose(box, q.answer)
    _check(box)
    see(nb, box.locator(".coursekit-feedback"), outcome.message, after=step, what="feedback")
    see(nb, score, headline, after=step, what="quiz score")

    # The quiz cell needs the lesson's imports: after a restart a student runs the
    # lesson again from the top (Run > Run All Cells), which runs the quiz cell again.
    step = "Kernel > Restart Kernel, then Run All Cells again"
    nb.restart_kernel()
    nb.run_all(timeout=120)
    assert not nb.errors(), f"{lesson}: after {step}: " + "; ".join(map(str, nb.errors()))
    problems = nb.wait_for_widgets()
    assert not problems, f"{lesson}: after {step}: " + "; ".join(problems)
    box = _question(nb, number)
    box.scroll_into_view_if_needed()
    see(nb, score, headline, after=step, what="quiz score")
    see(nb, box.locator(".coursekit-feedback"), f"Restored: {state.status}", after=step,
        what="feedback")
    checked = box.locator(".widget-radio-box label", has=nb.page.locator("input:checked"))
    see(nb, checked, q.answer, after=step, what="checked option")
    nb.snap("restored")

    step = "running the export_answers() cell"
    nb.run_cell_containing("export_answers(")
    out = nb.cell_output("export_answers(")
    link = out.locator(".coursekit-export a[download]")
    see(nb, out, "Download your answers", after=step, what="export output")
    try:
        expect(link).to_have_count(1, timeout=15_000)
    except AssertionError:
        shown = link.count()
        raise _failed(nb, after=step, what=f"{shown} download links are shown, not one"
                      if shown else "no download link is shown") from None
    nb.snap("export")

    step = "clicking the download link"
    with nb.page.expect_download(timeout=15_000) as info:
        link.click()
    saved = json.loads(open(info.value.path(), encoding="utf-8").read())
    assert q.id in json.dumps(saved), (
        f"{lesson}: after {step}, the downloaded file {info.value.suggested_filename} "
        f"has no answer to {q.id}")


# -- lesson 02: the timeline explorer ------------------------------------------------


def _figure_image(explorer):
    """The explorer's figure: an image widget (an <img>), or a box around one."""
    return explorer.locator(
        "img.coursekit-explorer-figure, .coursekit-explorer-figure img").first


def wait_for_image(nb, img, *, after: str, what: str, not_src: str = "",
                   timeout: float = 15) -> str:
    """Wait until ``img`` shows a loaded picture whose source is not ``not_src``; return the
    source, or fail as ``see`` does."""
    try:
        if not_src:
            expect(img).not_to_have_js_property("src", not_src, timeout=timeout * 1000)
        expect(img).to_have_js_property("complete", True, timeout=timeout * 1000)
        expect(img).not_to_have_js_property("naturalWidth", 0, timeout=timeout * 1000)
        src = img.evaluate("(el) => el.src")
    except (AssertionError, PlaywrightError):
        raise _failed(nb, after=after, what=what) from None
    if not src or src == not_src:  # the picture changed again in between
        raise _failed(nb, after=after, what=what)
    return src


def test_lesson02_switching_a_category_off_redraws_the_explorer_figure(open_notebook, fresh_progress):
    from coursekit.timeline.events import load_timeline

    lesson = "02_timeline"
    tl = load_timeline(DATA)
    categories = tl.categories
    counts = {cid: len(tl.filter(categories=[cid]).events) for cid in categories}
    off = max(counts, key=counts.get)  # the category whose absence shows most
    kept = tl.filter(categories=[c for c in categories if c != off])
    remaining = len(kept.events)

    nb = _run_lesson(open_notebook, lesson)
    explorer = nb.page.locator(".coursekit-explorer").first
    explorer.scroll_into_view_if_needed()
    figure = _figure_image(explorer)
    status = explorer.locator(".coursekit-explorer-status")
    see(nb, status, f"{len(tl.events)} of {len(tl.events)} events",
        after="running all cells", what="explorer's status")
    before = wait_for_image(nb, figure, after="running all cells",
                            what="the explorer shows no figure")

    rows = explorer.locator(".coursekit-figure-table tbody tr")
    expect(rows).to_have_count(len(tl.entries))
    step = f"unticking the category {categories[off].label!r} in the explorer"
    explorer.locator(f".coursekit-category-{off} input[type=checkbox]").uncheck()
    see(nb, status, f"{remaining} of {len(tl.events)} events", after=step,
        what="explorer's status")
    wait_for_image(nb, figure, not_src=before, after=step, what="the figure was not redrawn")
    # The figure's table, under it, follows: a row per event and period still shown.
    try:
        expect(rows).to_have_count(len(kept.entries), timeout=15_000)
    except AssertionError:
        raise _failed(nb, after=step, what=f"the figure's table has {rows.count()} rows, "
                      f"not {len(kept.entries)}") from None
    assert not nb.errors(), f"{lesson}: after {step}: " + "; ".join(map(str, nb.errors()))
    nb.snap("explorer-filtered")


# -- lesson 03: the vote simulator ---------------------------------------------------


def test_lesson03_a_permanent_member_voting_no_shows_vetoed(open_notebook, fresh_progress):
    from coursekit.council.votes import load_council
    from coursekit.council.chart import chart_description

    lesson = "03_security_council"
    council = load_council(DATA)
    member = next((m for m in council.permanent if m.id == "russia"), council.permanent[0])
    nb = _run_lesson(open_notebook, lesson)
    sim = nb.page.locator(".coursekit-council").first
    sim.scroll_into_view_if_needed()
    outcome = sim.locator(".coursekit-council-outcome")
    start = outcome.inner_text()
    assert "veto" not in start.lower(), f"{lesson}: the simulator starts vetoed: {start!r}"

    step = f"setting {member.name}'s vote to \"no\" in the vote simulator"
    sim.locator(f".coursekit-vote-{member.id} button",
                has_text=re.compile(r"^\s*no\s*$")).first.click()
    see(nb, outcome, "vetoed", after=step, what="simulator's outcome")
    see(nb, outcome, f"vetoed by {member.name}", after=step, what="simulator's outcome")
    # The bar chart follows: its caption describes the new tally.
    # The lesson's simulator starts from a preset (or from every member voting yes).
    preset = next((m.group(1) for c in nb.cells()
                   if (m := re.search(r"vote_simulator\(\s*[\"']([^\"']+)", c["source"]))), None)
    expected = chart_description(
        council.what_if(preset, {member.name: "no"}) if preset
        else council.decide({member.id: "no"}))
    see(nb, sim.locator(".coursekit-council-chart"), expected, after=step,
        what="simulator's chart caption")
    # The chart's table, under it, names who vetoed (opened as a student opens it).
    table = sim.locator(".coursekit-council-chart .coursekit-figure-table")
    table.locator("summary").click()
    see(nb, table.locator("tbody tr").nth(1), f"no (veto) 1 {member.name}", after=step,
        what="chart's table, row \"no\"")
    assert not nb.errors(), f"{lesson}: after {step}: " + "; ".join(map(str, nb.errors()))
    nb.snap("council-veto")
