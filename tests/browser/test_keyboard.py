"""A student who uses the keyboard only: lesson 00's quiz answered, checked and exported.

The lesson is run with JupyterLab's Run All Cells command (as the Run menu does); no mouse
click follows, on a widget or anywhere else. From there on every step is a key press
(``page.keyboard``): Tab and Shift+Tab move between controls, Space ticks a radio button,
Space opens a list, the arrow keys move in it and Enter chooses (the arrow keys alone, on a
closed list, are taken by JupyterLab to move between cells); the arrow keys also move between
cells, Enter presses a button or follows a link, Shift+Enter runs a cell, and the text answer
is typed. What each step did is read from
the page, as a sighted student would see it; which control has the focus is read from
``document.activeElement``.

The answers come from the lesson's bank; the expected messages from the grading code.
"""
from __future__ import annotations

import json

import pytest

from coursekit.quizzes import questions as qm
from coursekit.quizzes.bank import load_bank

from .accessibility import THEMES, axe_violations, set_theme
from .jupyterlab import ROOT, VISIBLE_NOTEBOOK
from .test_student_path import _failed, quizzed, see

pytestmark = pytest.mark.browser

LESSON = "00_start_here"
QUIZ = f"{VISIBLE_NOTEBOOK} .coursekit-quiz"

# What has the focus, in words (for failure messages).
_FOCUS = """() => { const a = document.activeElement;
  if (!a || a === document.body) return 'nothing';
  const label = a.closest('label');
  const text = (a.getAttribute('aria-label') || (label && label.innerText) || a.innerText || a.value || '')
      .trim().split('\\n')[0].slice(0, 60);
  return `${a.tagName.toLowerCase()}${a.type ? '[' + a.type + ']' : ''} ${JSON.stringify(text)}`; }"""

# Predicates on the focused element; ``q`` is the question's index in the quiz (from 0).
_QUESTION = f"(q) => document.querySelectorAll('{QUIZ} .coursekit-question')[q]"
_RADIO = f"""([q, text]) => {{ const box = ({_QUESTION})(q), a = document.activeElement;
  return !!box && box.contains(a) && a.type === 'radio' && a.closest('label').innerText.trim() === text; }}"""
_CHECK = f"""([q]) => {{ const box = ({_QUESTION})(q), a = document.activeElement;
  return !!box && box.contains(a) && a.matches('button.coursekit-check'); }}"""
_SELECT = f"""([q, n]) => {{ const box = ({_QUESTION})(q), a = document.activeElement;
  return !!box && [...box.querySelectorAll('select')].indexOf(a) === n; }}"""
_TEXT = f"""([q]) => {{ const box = ({_QUESTION})(q), a = document.activeElement;
  return !!box && box.contains(a) && a.tagName === 'INPUT' && a.type === 'text'; }}"""
_QUIZ_CELL = f"""() => {{ const a = document.activeElement;
  return a.matches('{VISIBLE_NOTEBOOK} .jp-CodeCell') && !!a.querySelector('.coursekit-quiz'); }}"""
_EXPORT_LINK = f"""() => {{ const a = document.activeElement;
  return a.matches('{VISIBLE_NOTEBOOK} .coursekit-export a[download]'); }}"""


class Keyboard:
    """The student's hands: key presses only, each one logged."""

    def __init__(self, nb):
        self.nb = nb
        self.page = nb.page
        self.pressed: list[str] = []

    def press(self, key: str) -> None:
        self.page.keyboard.press(key)
        self.pressed.append(key)

    def type(self, text: str) -> None:
        self.page.keyboard.type(text)
        self.pressed.append(f"type {text!r}")

    def focus(self) -> str:
        return self.page.evaluate(_FOCUS)

    def until(self, predicate: str, arg=None, *, key: str = "Tab", what: str, limit: int = 60) -> None:
        """Press ``key`` until ``predicate`` holds for the focused element, as a student
        tabs until the control they want has the focus; fail after ``limit`` presses."""
        for _ in range(limit):
            self.press(key)
            if self.page.evaluate(predicate, arg):
                return
        raise _failed(self.nb, after=f"pressing {key} {limit} times",
                      what=f"{what} never had the focus (it ended on {self.focus()})")


# ipywidgets writes the options' spaces as no-break spaces.
_OPTIONS = "() => [...document.activeElement.options].map(o => o.text.replace(/\\u00a0/g, ' '))"
_CHOSEN = ("() => { const s = document.activeElement; "
           "return s.selectedIndex >= 0 ? s.options[s.selectedIndex].text.replace(/\\u00a0/g, ' ') : null; }")


def choose(keys: Keyboard, item: str, *, what: str) -> None:
    """Choose ``item`` in the focused list: Space opens it, ArrowDown moves to the item,
    Enter chooses it. (ArrowDown on a closed list would not do: JupyterLab takes the arrow
    keys in command mode to move between cells, even from a list; ipywidgets issue 3912.)"""
    options = keys.page.evaluate(_OPTIONS)
    if item not in options:
        raise _failed(keys.nb, after=f"{what}: looking at the list", what=f"{item!r} is not among {options}")
    steps = options.index(item) - options.index(current) if (current := keys.page.evaluate(_CHOSEN)) else (
        options.index(item) + 1)
    keys.press("Space")
    for _ in range(abs(steps)):
        keys.press("ArrowDown" if steps > 0 else "ArrowUp")
    keys.press("Enter")
    if keys.page.evaluate(_CHOSEN) != item:
        raise _failed(keys.nb, after=f"{what}: Space, the arrow keys and Enter in the list",
                      what=f"{item!r} is not chosen (the list shows {keys.page.evaluate(_CHOSEN)!r})")


def _answer(keys: Keyboard, index: int, q: qm.Question) -> object:
    """Answer question ``index`` with the keyboard; return the answer as grading takes it."""
    nb, page = keys.nb, keys.page
    where = f"question {index + 1} ({q.id})"
    if isinstance(q, (qm.SingleQuestion, qm.TrueFalseQuestion)):
        text = q.answer if isinstance(q, qm.SingleQuestion) else str(q.answer)
        keys.until(_RADIO, [index, text], what=f"{where}: the option {text!r}")
        keys.press("Space")
        if not page.evaluate("() => document.activeElement.checked"):
            raise _failed(nb, after=f"Space on {text!r}", what=f"{where}: the radio button is not ticked")
        return q.answer
    if isinstance(q, qm.OrderingQuestion):
        for place, item in enumerate(q.items):
            keys.until(_SELECT, [index, place], what=f"{where}: the list for place {place + 1}")
            choose(keys, item, what=f"{where}, place {place + 1}")
        return list(q.items)
    if isinstance(q, qm.TextQuestion):
        keys.until(_TEXT, [index], what=f"{where}: the answer box")
        keys.type(q.answer[0])
        return q.answer[0]
    pytest.fail(f"{LESSON}: {where} is a {q.type} question; this test does not answer that type yet")


def _what_was_checked(progress, bank_id: str, qid: str, typed) -> str:
    """For a failure: the answer the kernel saved, when it is not what was typed."""
    try:
        saved = json.loads(progress.read_text(encoding="utf-8"))
        record = next(v for k, v in _walk(saved) if k == qid and isinstance(v, dict) and "answer" in v)
    except (OSError, ValueError, StopIteration):
        return ""
    if record["answer"] == typed:
        return ""
    return (f"; the kernel checked {record['answer']!r}, not {typed!r} as shown in the box: the Check "
            "click reached the kernel before the last keystrokes (the answer box sends its value at every "
            "keystroke, and ipywidgets holds back a box's updates while one is in flight)")


def _walk(data):
    if isinstance(data, dict):
        for key, value in data.items():
            yield key, value
            yield from _walk(value)


def test_lesson00_quiz_answered_checked_and_exported_with_the_keyboard_only(open_notebook, fresh_progress):
    bank = load_bank(LESSON, ROOT / "data")
    nb = open_notebook(LESSON)
    nb.command("notebook:run-all-cells", wait=False)  # Run > Run All Cells; no click
    nb.wait_until_idle(120, command="notebook:run-all-cells")
    assert not nb.errors(), f"{LESSON}: " + "; ".join(map(str, nb.errors()))
    problems = nb.wait_for_widgets()
    assert not problems, f"{LESSON}: " + "; ".join(problems)

    keys = Keyboard(nb)
    # Run All leaves the last cell selected, with the focus; the quiz's cell is above it.
    # From the cell, Tab goes into the quiz, first control first.
    keys.until(_QUIZ_CELL, key="Shift+Tab", what="the quiz's cell")

    states: dict[str, qm.QuestionState] = {}
    score = nb.page.locator(f"{QUIZ} .coursekit-score")
    for index, q in enumerate(quizzed(bank)):
        answer = _answer(keys, index, q)
        # As a student looks at their answer before checking it: the answer reaches the kernel
        # first. (Typed and checked within a few milliseconds, the Check click can overtake the
        # last keystrokes: ipywidgets holds back a text box's updates while one is in flight.)
        nb.wait_for_widget_sync()
        keys.until(_CHECK, [index], what=f"question {index + 1}'s Check button")
        keys.press("Enter")
        state = states.setdefault(q.id, qm.QuestionState())
        outcome = qm.submit(q, state, answer)
        box = nb.page.locator(f"{QUIZ} .coursekit-question").nth(index)
        step = f"answering question {index + 1} ({q.id}) with the keyboard and pressing Enter on Check"
        try:
            see(nb, box.locator(".coursekit-feedback"), outcome.message, after=step, what="feedback")
        except AssertionError as err:
            raise AssertionError(f"{err}{_what_was_checked(fresh_progress, bank.id, q.id, answer)}") from None
    headline = qm.summarise(quizzed(bank), states).headline()
    see(nb, score, headline, after="answering every question with the keyboard", what="quiz score")
    assert all(s.finished and s.score == q.points for q, s in zip(quizzed(bank), states.values())), (
        f"{LESSON}: the bank's own answers did not all score full points: {headline}")

    # Export: back to the quiz's cell, up to the export cell, run it, follow its link.
    keys.until(_QUIZ_CELL, key="Shift+Tab", what="the quiz's cell")
    source = "() => window.jupyterapp.shell.currentWidget.content.activeCell.model.sharedModel.getSource()"
    for _ in range(len(nb.cells()) * 2 + 5):
        if "export_answers(" in nb.page.evaluate(source):
            break
        keys.press("ArrowUp")
    else:
        raise _failed(nb, after="ArrowUp from the quiz's cell", what="no cell above runs export_answers()")
    prompt = nb.cell_output("export_answers(").locator("xpath=ancestor::div[contains(@class,'jp-CodeCell')]"
                                                       ).locator(".jp-InputPrompt")
    before = prompt.inner_text()
    keys.press("Shift+Enter")
    nb.page.wait_for_function(
        "([el, before]) => el.innerText !== before && !el.innerText.includes('*')",
        arg=[prompt.element_handle(), before], timeout=30_000)
    nb.wait_until_idle(30)
    keys.until(_EXPORT_LINK, key="Shift+Tab", what="the export's download link")
    with nb.page.expect_download(timeout=15_000) as info:
        keys.press("Enter")
    saved = json.loads(open(info.value.path(), encoding="utf-8").read())
    exported = json.dumps(saved)
    missing = [q.id for q in quizzed(bank) if q.id not in exported]
    assert not missing, (f"{LESSON}: the file downloaded with Enter ({info.value.suggested_filename}) "
                         f"has no answer to {missing}")
    nb.snap("keyboard-exported")

    # What the answered quiz now shows (feedback, explanations) passes axe in both themes.
    found = {}
    try:
        for theme in THEMES:
            set_theme(nb, theme)
            found[theme] = axe_violations(nb, include=[f"{QUIZ}"])
    finally:
        set_theme(nb, THEMES[0])
    lines = [f"{theme}: {v}" for theme, vs in found.items() for v in vs]
    assert not lines, f"{LESSON}: the answered quiz, checked with axe-core:\n  " + "\n  ".join(lines)
    allowed = {"Tab", "Shift+Tab", "Space", "Enter", "Shift+Enter", "ArrowUp", "ArrowDown"}
    assert {k for k in keys.pressed if not k.startswith("type ")} <= allowed, keys.pressed
