"""The quiz as ipywidgets: a thin display layer over :mod:`coursekit.quizzes.questions`.

Students call :func:`quiz` with a lesson's id and :func:`export_answers` to
download their work. Every check is saved at once to the progress file
(:mod:`coursekit.progress.store`); running the cell again or restarting the kernel
brings the answers back.

Each question type's controls come from its :class:`WidgetAdapter`, registered under
the type's name with :func:`widget_adapter`; nothing else here depends on the type.

>>> import coursekit
>>> q = coursekit.quiz("00_start_here")
>>> q.questions[0].check_button.description
'Check'
"""
from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any, Sequence

import ipywidgets as w

from coursekit.errors import CourseError, DataError, DataNotFoundError, Problem, ProgressError
from coursekit.quizzes import questions as qm
from coursekit.quizzes.bank import Bank, load_bank, question_from_dict
from coursekit.markup import escape, inline_html, to_html
from coursekit.markup import number as shown_number  # "number" names a question's place here
from coursekit.progress.store import ProgressStore, finite

# ---------------------------------------------------------------------------
# Shared layouts and styles: a widget built with its own Layout and Style
# costs three widgets; sharing them makes a 30-question quiz several times
# faster to build. None of these is ever changed after creation.

_SHARED: dict[Any, Any] = {}


def _layout(**kw: str) -> w.Layout:
    key = ("layout", tuple(sorted(kw.items())))
    if key not in _SHARED:
        _SHARED[key] = w.Layout(**kw)
    return _SHARED[key]


def _make(cls: Any, *classes: str, layout: w.Layout | None = None, style: dict | None = None, **kw: Any):
    trait = cls.class_traits().get("style")
    if trait is not None:
        skey = ("style", cls.__name__, tuple(sorted((style or {}).items())))
        if skey not in _SHARED:
            _SHARED[skey] = trait.klass(**(style or {}))
        kw["style"] = _SHARED[skey]
    # Classes given at construction: add_class() afterwards would send one more update each.
    return cls(layout=layout or _layout(), _dom_classes=classes, **kw)


_WIDE = {"description_width": "initial"}

# Words and symbols, never colour alone.
_MARKS = {"correct": "✔", "partly correct": "◐", "wrong": "✘", "in progress": "…",
          "not answered": "○", "answered": "✎"}


_SURROGATE = re.compile("[\ud800-\udfff]")


def _sendable(html: str) -> str:
    """HTML the front end can be sent: a lone surrogate (half an emoji from a broken
    paste, echoed in a message) cannot be encoded, so it becomes U+FFFD."""
    return _SURROGATE.sub("\ufffd", html)


def _feedback_html(message: str, lines: Sequence[str] = ()) -> str:
    parts = [f'<div class="coursekit-message" role="status" aria-live="polite">{escape(message)}</div>']
    parts += [f'<div class="coursekit-feedback-line">{to_html(line)}</div>' for line in lines if line]
    return _sendable("".join(parts))


#: What a student reads when an answer could not be written to the progress file.
NOT_SAVED = ("⚠ Not saved: {why}. Your answer is still in the box, but it is not in your progress "
             "file: copy it somewhere safe, and run coursekit.export_answers() in a cell to download "
             "what has been saved so far.")


def _blank(value: Any) -> bool:
    """Whether a raw answer holds nothing a student typed or chose."""
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, (list, tuple)):
        return all(_blank(v) for v in value)
    if isinstance(value, dict):
        return all(_blank(v) for v in value.values())
    return False


def _plain_data(raw: Any) -> Any:
    """A raw answer as the progress file holds it (lists, not tuples; text keys)."""
    if isinstance(raw, (list, tuple)):
        return [_plain_data(r) for r in raw]
    if isinstance(raw, dict):
        return {str(k): _plain_data(v) for k, v in raw.items()}
    return raw


# ---------------------------------------------------------------------------
# Each question type's widgets


class WidgetAdapter:
    """How one question type shows in a quiz: the controls it builds, the answer read
    from them, and a saved answer put back into them. One subclass per type, registered
    under the type's name with :func:`widget_adapter`; a :class:`QuestionView` makes one.

    ``controls`` are the input widgets in order (what tests set); ``intro`` widgets show
    above them (an instruction line); :meth:`rows` is what the question box shows.

    A type where students write (``keeps_drafts``) has what they type kept as a draft
    at every change of a control, so nothing is lost if they forget to click.
    """

    #: Keep what the student types as a draft, before they click Save or Check.
    keeps_drafts: bool = False

    def __init__(self, view: "QuestionView"):
        self.view = view
        self.question = view.question
        self.intro: list[w.Widget] = []
        self.controls: list[w.Widget] = self.build()

    def build(self) -> list[w.Widget]:
        """Make the controls (and any ``intro`` line)."""
        raise NotImplementedError  # pragma: no cover

    def read(self) -> Any:
        """The answer as the controls hold it (raw, as :func:`questions.submit` takes it)."""
        return self.controls[0].value

    def restore(self, answer: Any) -> None:
        """Put a saved ``answer`` into the controls as a student would; ``None`` empties
        them. A part that no longer fits (an option the instructor has since renamed,
        a list where a text was saved) is left empty, never an error."""
        raise NotImplementedError  # pragma: no cover

    def rows(self) -> list[w.Widget]:
        """The widgets the question box shows between the prompt and the Check button."""
        return self.intro + self.controls

    def order(self, n: int, *key: str) -> list[int]:
        """The order ``n`` choices are shown in: shuffled, the same for the same student."""
        q = self.question
        if not q.shuffle:
            return list(range(n))
        return qm.shuffled_indices(n, self.view.quiz.student, self.view.quiz.bank_id, q.id, *key)


#: The widget adapter of each question type, by type name.
WIDGET_ADAPTERS: dict[str, type[WidgetAdapter]] = {}


def widget_adapter(type_name: str):
    """Class decorator: ``cls`` shows the questions of type ``type_name``, e.g.::

        @widget_adapter("year")
        class YearBox(WidgetAdapter):
            def build(self):
                return [ipywidgets.IntText(description="Year:")]

            def restore(self, answer):
                self.controls[0].value = answer if isinstance(answer, int) else 0
    """
    def add(cls: type[WidgetAdapter]) -> type[WidgetAdapter]:
        WIDGET_ADAPTERS[type_name] = cls
        return cls
    return add


def adapter_for(question: qm.Question) -> type[WidgetAdapter]:
    """The adapter of ``question``'s type; a :class:`CourseError` naming a type that has none."""
    try:
        return WIDGET_ADAPTERS[question.type]
    except KeyError:
        raise CourseError(f'question type "{question.type}" has no widgets: register a WidgetAdapter '
                          f'for it with @widget_adapter("{question.type}") (coursekit.quizzes.widgets)') from None


def _as_list(answer: Any) -> list:
    return list(answer) if isinstance(answer, (list, tuple)) else []


def _choose(ctl: w.Widget, value: Any) -> None:
    """Select ``value`` in a list of choices, or nothing if it is not one of them."""
    ctl.value = value if isinstance(value, str) and value in ctl.options else None


def _type_in(ctl: w.Widget, value: Any) -> None:
    """Write ``value`` into a text box, or empty it if it is not text or a number."""
    ctl.value = str(value) if isinstance(value, (str, int, float)) else ""


def _answer_box(cls: type[w.Widget], placeholder: str, **kw: Any) -> w.Widget:
    return _make(cls, "coursekit-answer", description="Your answer:", placeholder=placeholder, style=_WIDE, **kw)


class _TypedAnswer(WidgetAdapter):
    """One box the student types into."""

    def restore(self, answer: Any) -> None:
        _type_in(self.controls[0], answer)


class _Options(WidgetAdapter):
    """The options of a single or multiple choice question, in the student's order."""

    question: qm.ChoiceQuestion

    def texts(self) -> list[str]:
        options = self.question.options
        return [options[i].text for i in self.order(len(options))]


@widget_adapter("single")
class _SingleChoice(_Options):
    def build(self) -> list[w.Widget]:
        return [_make(w.RadioButtons, "coursekit-options", options=self.texts(), value=None,
                      tooltip=f"Answer to question {self.view.number}", description="Your answer:",
                      style=_WIDE, layout=_layout(width="auto"))]

    def restore(self, answer: Any) -> None:
        _choose(self.controls[0], answer)


@widget_adapter("multiple")
class _Checkboxes(_Options):
    def build(self) -> list[w.Widget]:
        self.intro = [_make(w.HTML, value="<em>Tick every right answer.</em>")]
        return [_make(w.Checkbox, "coursekit-option", description=text, value=False, indent=False,
                      layout=_layout(width="auto"))
                for text in self.texts()]

    def read(self) -> list[str]:
        return [ctl.description for ctl in self.controls if ctl.value]

    def restore(self, answer: Any) -> None:
        chosen = _as_list(answer)
        for ctl in self.controls:
            ctl.value = ctl.description in chosen


@widget_adapter("truefalse")
class _TrueFalse(WidgetAdapter):
    def build(self) -> list[w.Widget]:
        return [_make(w.RadioButtons, "coursekit-options", options=["True", "False"], value=None,
                      description="Your answer:", style=_WIDE, layout=_layout(width="auto"))]

    def read(self) -> bool | None:
        value = self.controls[0].value
        return None if value is None else value == "True"

    def restore(self, answer: Any) -> None:
        word = str(answer).strip().capitalize() if isinstance(answer, (bool, str)) else None
        _choose(self.controls[0], word)


@widget_adapter("numeric")
class _NumberBox(_TypedAnswer):
    question: qm.NumericQuestion

    def build(self) -> list[w.Widget]:
        return [_answer_box(w.Text, "a number, e.g. 12.5", continuous_update=False)]

    def rows(self) -> list[w.Widget]:
        unit = self.question.unit
        return [_make(w.HBox, children=[self.controls[0], _make(w.Label, value=unit)])] if unit else self.controls


@widget_adapter("text")
class _TextBox(_TypedAnswer):
    def build(self) -> list[w.Widget]:
        return [_answer_box(w.Text, "type your answer", continuous_update=False)]


@widget_adapter("reflection")
class _WritingBox(_TypedAnswer):
    keeps_drafts = True

    def build(self) -> list[w.Widget]:
        return [_answer_box(w.Textarea, "write here; kept as you type, your answer when you click Save",
                            rows=4, layout=_layout(width="95%"))]


@widget_adapter("ordering")
class _Places(WidgetAdapter):
    question: qm.OrderingQuestion

    def build(self) -> list[w.Widget]:
        q = self.question
        items = [q.items[i] for i in self.order(len(q.items))]
        n = len(items)
        self.intro = [_make(w.HTML, value="<em>Choose the item for each place, first to last.</em>")]
        return [_make(w.Dropdown, "coursekit-order", options=items, value=None,
                      description=f"{i}{' (first)' if i == 1 else ' (last)' if i == n else ''}:",
                      style=_WIDE, layout=_layout(width="auto"))
                for i in range(1, n + 1)]

    def read(self) -> list:
        return [ctl.value for ctl in self.controls]

    def restore(self, answer: Any) -> None:
        values = _as_list(answer)
        for i, ctl in enumerate(self.controls):
            _choose(ctl, values[i] if i < len(values) else None)


@widget_adapter("matching")
class _Matches(WidgetAdapter):
    question: qm.MatchingQuestion

    def build(self) -> list[w.Widget]:
        q = self.question
        rights = q.rights
        rights = [rights[i] for i in self.order(len(rights))]
        return [_make(w.Dropdown, "coursekit-match", options=rights, value=None,
                      description=f"{left} →", style=_WIDE, layout=_layout(width="auto"))
                for left in q.lefts]

    def read(self) -> dict:
        return {left: ctl.value for left, ctl in zip(self.question.lefts, self.controls)}

    def restore(self, answer: Any) -> None:
        chosen = answer if isinstance(answer, dict) else {}
        for left, ctl in zip(self.question.lefts, self.controls):
            _choose(ctl, chosen.get(left))


@widget_adapter("cloze")
class _Gaps(WidgetAdapter):
    question: qm.ClozeQuestion

    def build(self) -> list[w.Widget]:
        q = self.question
        self.intro = [_make(w.HTML, "coursekit-cloze-text", value=to_html(q.blanked_text()))]
        controls = []
        for i, gap in enumerate(q.gaps, 1):
            if gap.options:
                opts = [gap.options[k] for k in self.order(len(gap.options), str(i))]
                controls.append(_make(w.Dropdown, "coursekit-gap", options=opts, value=None,
                                      description=f"Gap ({i}):", style=_WIDE, layout=_layout(width="auto")))
            else:
                controls.append(_make(w.Text, "coursekit-gap", description=f"Gap ({i}):", style=_WIDE,
                                      placeholder=f"gap {i}", continuous_update=False))
        return controls

    def read(self) -> list[str]:
        return [ctl.value or "" for ctl in self.controls]

    def restore(self, answer: Any) -> None:
        values = _as_list(answer)
        for i, (gap, ctl) in enumerate(zip(self.question.gaps, self.controls)):
            value = values[i] if i < len(values) else None
            (_choose if gap.options else _type_in)(ctl, value)


@widget_adapter("verdict")
class _Verdict(WidgetAdapter):
    """The verdicts as radio buttons (in the bank's order: they are categories, not
    options to shuffle), then a one-line box for the reason."""

    question: qm.VerdictQuestion
    keeps_drafts = True

    def build(self) -> list[w.Widget]:
        return [_make(w.RadioButtons, "coursekit-options", options=list(self.question.options), value=None,
                      description="Your verdict:", style=_WIDE, layout=_layout(width="auto")),
                _make(w.Text, "coursekit-answer", description="Why:", style=_WIDE, continuous_update=False,
                      placeholder="one line: what does the record show?", layout=_layout(width="95%"))]

    def read(self) -> dict:
        return {"verdict": self.controls[0].value, "why": self.controls[1].value}

    def restore(self, answer: Any) -> None:
        chosen = answer if isinstance(answer, dict) else {}
        _choose(self.controls[0], chosen.get("verdict"))
        _type_in(self.controls[1], chosen.get("why"))


# ---------------------------------------------------------------------------
# One question


class QuestionView:
    """The widgets of one question.

    Attributes for tests and browser tests: ``box`` (class
    ``coursekit-question``), ``prompt``, ``controls`` (the input widgets, in
    order), ``check_button`` (``coursekit-check``), ``feedback``
    (``coursekit-feedback``), ``hint`` (``coursekit-hint``), ``explanation``
    (``coursekit-explanation``), ``status`` (``coursekit-status``). Set an
    answer as a student would with :meth:`set_answer` (or by setting the
    controls' ``value``), then ``check_button.click()``. ``adapter`` is the
    type's :class:`WidgetAdapter`, which built the controls.

    ``label`` replaces "Question <number>" in the head (a question shown on its own).
    What the question reveals once answered (:meth:`Question.reveal
    <coursekit.quizzes.questions.Question.reveal>`: the explanation, a model answer, a
    record) fills ``explanation`` only then. ``not_saved`` says why the last save
    failed (``None`` when what the widget shows is saved); the status then says so.
    """

    def __init__(self, quiz: "Quiz", question: qm.Question, state: qm.QuestionState, number: int,
                 label: str | None = None):
        self.quiz = quiz
        self.question = question
        self.state = state
        self.number = number
        self.not_saved: str | None = None
        q = question
        pts = "not graded" if not q.graded else f"{shown_number(q.points)} point{'s' if q.points != 1 else ''}"
        self.prompt = _make(w.HTML, "coursekit-prompt", value=(
            f'<div class="coursekit-qhead"><strong>{escape(label or f"Question {number}")}</strong> '
            f'<span>({escape(pts)})</span></div>{to_html(q.prompt)}'))
        self.adapter = adapter_for(q)(self)
        self.controls: list[w.Widget] = self.adapter.controls
        verb = "Save" if not q.graded or quiz.summative else "Check"
        which = "this question" if label else f"question {number}"
        self.check_button = _make(w.Button, "coursekit-check", description=verb,
                                  tooltip=f"{verb} your answer to {which}",
                                  icon="check", layout=_layout(width="auto"))
        self.check_button.on_click(self._on_check)
        self.status = _make(w.HTML, "coursekit-status")
        self.feedback = _make(w.HTML, "coursekit-feedback")
        self.hint = _make(w.HTML, "coursekit-hint")
        self.explanation = _make(w.HTML, "coursekit-explanation")
        self.box = _make(w.VBox, "coursekit-question", children=[
            self.prompt, *self.adapter.rows(), _make(w.HBox, children=[self.check_button, self.status]),
            self.feedback, self.hint, self.explanation,
        ], layout=_layout(border="1px solid var(--jp-border-color2, #999)", padding="6px", margin="6px 0"))
        self._restoring = True
        try:
            if state.answered:
                self.set_answer(state.answer)
            if state.draft is not None:
                self.set_answer(state.draft)
        finally:
            self._restoring = False
        if self.adapter.keeps_drafts:
            for ctl in self.controls:
                ctl.observe(self._on_edit, names="value")
        self._render()

    # -- answers ------------------------------------------------------------
    def get_answer(self) -> Any:
        """The answer as the controls hold it now (raw, as :func:`questions.submit` takes it)."""
        return self.adapter.read()

    def set_answer(self, answer: Any) -> None:
        """Put ``answer`` into the controls as a student would (leaves empty what does not fit)."""
        self.adapter.restore(answer)

    # -- drafts -----------------------------------------------------------------
    def _on_edit(self, _change: Any = None) -> None:
        """A control changed: keep what the student has written as a draft.

        Saved at every change (a save takes a few milliseconds), so a student who never
        clicks loses nothing; a draft is marked as one in the progress file and is never
        an answer: no try, no points, not "answered"."""
        if self._restoring:
            return
        q, st = self.question, self.state
        if q.graded and st.finished:
            return
        raw = _plain_data(self.get_answer())
        draft = None if raw == st.answer or (_blank(raw) and not st.answered) else raw
        if draft == st.draft:
            return
        st.draft = draft
        try:
            if draft is None and not st.answered:
                self.quiz.store.reset(self.quiz.bank_id, [q.id])
            else:
                self.quiz.store.save(self.quiz.bank_id, q.id, st.to_record(q))
        except Exception as exc:  # a failed save is told in the widget, never raised
            self.not_saved = _why(exc)
        else:
            self.not_saved = None
        self._render_status()

    # -- checking -------------------------------------------------------------
    def _catch_up(self) -> bool:
        """Take the saved record if it is further on than this view's (answers brought back
        with ``import_answers()``, or given in another window, after this quiz was shown),
        so a click here never overwrites them. True if it did."""
        try:
            saved = self.quiz.store.bank(self.quiz.bank_id).get(self.question.id)
        except Exception:  # an unreadable file is told by the store's notice
            return False
        # Tries only grow: a saved record with more of them than this view is further on.
        if not isinstance(saved, dict) or not finite(saved.get("tries")) or saved["tries"] <= self.state.tries:
            return False
        self.state = qm.QuestionState.from_record(saved)
        self.set_answer(self.state.answer)
        return True

    def check(self) -> qm.Outcome:
        """What clicking Check does; returns the outcome (tests may call it)."""
        if self._catch_up():
            outcome = qm.Outcome(False, "Your saved answer to this question is further on than what this "
                                        "cell showed (brought back from your file, or given in another "
                                        "window): it is shown now. Change it and check again if you like.")
            self._render(outcome)
            self.quiz._update_score()
            return outcome
        try:
            outcome = qm.submit(self.question, self.state, self.get_answer(), summative=self.quiz.summative)
        except Exception as exc:  # student input never raises into the notebook
            outcome = qm.Outcome(False, f"Sorry, that answer could not be checked ({exc}).")
        if outcome.counted:
            try:
                self.quiz.store.save(self.quiz.bank_id, self.question.id, self.state.to_record(self.question))
            except Exception as exc:  # a failed save is told in the widget, never raised
                self.not_saved = _why(exc)
            else:
                self.not_saved = None
            self.quiz._show_notice()
        self._render(outcome)
        self.quiz._update_score()
        return outcome

    def _on_check(self, _button: w.Button) -> None:
        self.check()

    def _render(self, outcome: qm.Outcome | None = None) -> None:
        q, st = self.question, self.state
        if outcome is not None:
            lines = outcome.grade.feedback if outcome.grade else ()
            message = outcome.message
            if outcome.counted and self.not_saved:
                # Never "Saved." when it was not: say so, and how to keep the work.
                warning = NOT_SAVED.format(why=self.not_saved)
                message = warning if not q.graded else f"{message} {warning}"
            self.feedback.value = _feedback_html(message, lines)
        elif st.answered:
            self.feedback.value = _feedback_html(f"{_MARKS.get(st.status, '')} Restored: {st.status}.",
                                                 st.feedback)
        else:
            self.feedback.value = ""
        shown = st.hints_shown(q) if q.graded and not self.quiz.summative else 0
        self.hint.value = "".join(
            f'<div><strong>Hint {i} of {len(q.hints)}:</strong> {inline_html(h)}</div>'
            for i, h in enumerate(q.hints[:shown], 1))
        # What the question reveals (explanation, model answer, record) only once it is
        # finished or, for an ungraded one, saved: never in the first display.
        if (st.finished or (not q.graded and st.answered)) and not self.quiz.summative:
            parts = [f"<div><strong>{escape(heading)}:</strong></div>{to_html(text)}"
                     for heading, text in q.reveal()]
            if q.source:
                parts.append(f'<div><em>Source: {escape(q.source)}</em></div>')
            self.explanation.value = _sendable("".join(parts))
        else:
            self.explanation.value = ""
        self._render_status()

    def _render_status(self) -> None:
        q, st = self.question, self.state
        if not q.graded:
            text = f"{_MARKS[st.status] if st.status in _MARKS else ''} {st.status}"
        else:
            left = max(0, q.max_tries - st.tries)
            tries = "" if st.finished else f"; {left} {'try' if left == 1 else 'tries'} left"
            text = (f"{_MARKS.get(st.status, '')} {st.status}: "
                    f"{shown_number(st.score)}/{shown_number(q.points)} points{tries}")
        if st.draft is not None:
            text += (f"; draft kept as you type (not an answer until you click "
                     f"{'Save' if not q.graded else 'Check'})")
        if self.not_saved:
            text = f"⚠ not saved ({self.not_saved}); {text}"
        self.status.value = _sendable(escape(text))

    def reset(self) -> None:
        self.state = qm.QuestionState()
        self.not_saved = None
        self._restoring = True
        try:
            self.set_answer(None)
        finally:
            self._restoring = False
        self._render()


def _why(exc: BaseException) -> str:
    """A failed save's reason in a few words."""
    text = str(exc).strip() or type(exc).__name__
    return text if isinstance(exc, (ProgressError, OSError)) else f"{type(exc).__name__}: {text}"


# ---------------------------------------------------------------------------
# A whole quiz


class Quiz:
    """A bank shown as one quiz, or one of its questions shown on its own.

    ``questions`` holds a :class:`QuestionView` per question; ``score`` (class
    ``coursekit-score``) reads like "3 of 8 answered, 6.5/10 points";
    ``summary_html`` (``coursekit-summary``) lists each question's status;
    ``reset_button`` (``coursekit-reset``) asks first: ``confirm_button``
    (``coursekit-reset-confirm``) erases, ``cancel_button`` keeps;
    ``notice`` (``coursekit-notice``) tells of a progress file set aside.
    The whole quiz is ``widget`` (class ``coursekit-quiz``).

    ``inline_count`` is the number of the bank's questions the lesson asks in its text
    (:func:`ask`), which this quiz leaves out; its header says so. ``compact`` shows one
    question alone (what :func:`ask` makes): no title, score, summary or reset, and the
    widget has the class ``coursekit-ask``.
    """

    def __init__(self, bank_id: str, title: str, questions: list[qm.Question], *,
                 description: str = "", store: ProgressStore | None = None,
                 inline_count: int = 0, compact: bool = False, summative: bool = False):
        self.bank_id = bank_id
        self.summative = summative
        self.title = title
        self.description = description
        self.items = questions
        self.inline_count = inline_count
        self.compact = compact
        self.store = store or ProgressStore()
        try:
            saved = self.store.bank(bank_id)
            self.student = self.store.student()
        except ProgressError as exc:
            saved, self.student = {}, os.environ.get("COURSEKIT_STUDENT", "anonymous")
            self.store.notice = f"Your answers cannot be saved: {exc}."
        header = f"<h3>{escape(title)}</h3>" + (to_html(description) if description else "")
        if inline_count:
            header += (f'<p class="coursekit-inline-note">{escape(self._inline_note())}</p>')
        if summative:
            header += f'<p class="coursekit-summative">{escape(SUMMATIVE_NOTE)}</p>'
        self.header = _make(w.HTML, "coursekit-title", value=header)
        self.notice = _make(w.HTML, "coursekit-notice")
        self.score = _make(w.HTML, "coursekit-score")
        self.questions = [QuestionView(self, q, qm.QuestionState.from_record(saved.get(q.id)), i,
                                       label="Question" if compact else None)
                          for i, q in enumerate(questions, 1)]
        self.summary_html = _make(w.HTML, "coursekit-summary")
        self.reset_button = _make(w.Button, "coursekit-reset", description="Reset this quiz…",
                                  tooltip="Erase your answers to this quiz (asks first)",
                                  icon="undo", layout=_layout(width="auto"))
        self.confirm_button = _make(w.Button, "coursekit-reset-confirm", description="Yes, erase my answers",
                                    button_style="danger", icon="trash", layout=_layout(width="auto"))
        self.cancel_button = _make(w.Button, "coursekit-reset-cancel", description="No, keep them",
                                   layout=_layout(width="auto"))
        self.confirm_text = _make(w.HTML, "coursekit-reset-question")
        self.confirm_box = w.HBox(children=[])
        self.reset_button.on_click(lambda _b: self.ask_reset())
        self.confirm_button.on_click(lambda _b: self.confirm_reset())
        self.cancel_button.on_click(lambda _b: self.cancel_reset())
        if compact:
            self.widget = _make(w.VBox, "coursekit-ask", children=[
                self.notice, *[v.box for v in self.questions]])
        else:
            self.widget = _make(w.VBox, "coursekit-quiz", children=[
                self.header, self.notice, self.score,
                *[v.box for v in self.questions],
                self.summary_html, self.reset_button, self.confirm_text, self.confirm_box,
            ])
        self._show_notice()
        self._update_score()

    def _inline_note(self) -> str:
        n = self.inline_count
        return (f"This lesson also asks {n} question{'s' if n != 1 else ''} in its text, not repeated "
                "here; your lesson score (coursekit.my_scores()) counts them too.")

    # -- state ------------------------------------------------------------
    def summary(self) -> qm.Summary:
        """Score and status of every question."""
        return qm.summarise(self.items, {v.question.id: v.state for v in self.questions})

    def _update_score(self) -> None:
        if self.compact:
            return
        s = self.summary()
        if self.summative:  # no score to show: the instructor grades the answers
            self.score.value = (f'<div role="status"><strong>{s.answered} of {s.total} answered; '
                                'graded by your instructor</strong></div>')
            self.summary_html.value = ""
            return
        self.score.value = f'<div role="status"><strong>{escape(s.headline())}</strong></div>'
        rows = "".join(
            f"<tr><td>{i}</td><td>{escape(qid)}</td><td>{_MARKS.get(status, '')} {escape(status)}</td>"
            f"<td>{shown_number(score)}/{shown_number(points)}</td></tr>"
            for i, (qid, status, score, points) in enumerate(s.rows, 1))
        self.summary_html.value = (
            "<details><summary>Summary: " + escape(s.headline()) + "</summary>"
            "<table><thead><tr><th>#</th><th>question</th><th>status</th><th>points</th></tr></thead>"
            f"<tbody>{rows}</tbody></table></details>")

    def _show_notice(self) -> None:
        if self.store.notice:
            self.notice.value = _sendable(f'<div role="alert">⚠ {escape(self.store.notice)}</div>')

    # -- reset ----------------------------------------------------------------
    def ask_reset(self) -> None:
        """First click on Reset: ask before erasing."""
        n = sum(v.state.answered for v in self.questions)
        self.confirm_text.value = (f"<strong>Erase your {n} saved answer{'s' if n != 1 else ''} "
                                   f"to this quiz?</strong> This cannot be undone.")
        self.confirm_box.children = [self.confirm_button, self.cancel_button]

    def cancel_reset(self) -> None:
        self.confirm_text.value = "Nothing was erased."
        self.confirm_box.children = []

    def confirm_reset(self) -> None:
        """Erase this quiz's answers (file and widgets); only after :meth:`ask_reset`."""
        if not self.confirm_box.children:
            self.confirm_text.value = "Click “Reset this quiz…” first."
            return
        try:
            self.store.reset(self.bank_id, [v.question.id for v in self.questions])
        except (ProgressError, OSError) as exc:
            self.confirm_text.value = escape(f"Could not erase: {exc}")
            return
        for v in self.questions:
            v.reset()
        self.confirm_box.children = []
        self.confirm_text.value = "Your answers to this quiz were erased."
        self._update_score()

    # -- display ------------------------------------------------------------
    def text(self) -> str:
        """The quiz as plain text: questions and options in bank order, no answers."""
        if self.compact:
            return "\n".join(q.describe() for q in self.items)
        lines = [f"Quiz: {self.title} ({len(self.items)} questions)"]
        if self.inline_count:
            lines.append(self._inline_note())
        for i, q in enumerate(self.items, 1):
            lines.append(f"{i}. " + q.describe())
        return "\n".join(lines)

    def __repr__(self) -> str:
        return self.text()

    def _repr_mimebundle_(self, include=None, exclude=None) -> dict:
        bundle = self.widget._repr_mimebundle_()
        bundle["text/plain"] = self.text()
        return bundle


class Message:
    """A one-line message a cell shows instead of a traceback (a question that does not
    exist, a bank with a problem)."""

    def __init__(self, text: str):
        self.text = text

    def __repr__(self) -> str:
        return self.text

    def _repr_html_(self) -> str:
        return f'<div class="coursekit-message" role="alert">⚠ {escape(self.text)}</div>'


#: What a summative quiz says above its questions.
SUMMATIVE_NOTE = ("Your instructor grades this quiz: your answers are saved, and feedback comes "
                  "from your instructor, not from the quiz.")


def quiz(bank: str | os.PathLike, *, questions: Sequence[Any] | None = None,
         title: str | None = None) -> Quiz:
    """Show a lesson's quiz: every question of its bank but those the lesson asks in its
    text (``inline: true``, shown with :func:`ask`).

    ``bank`` is a lesson id such as ``"01_reading_the_article"`` or a bank's
    path. With ``questions`` (Question objects or dicts in the bank format),
    those are shown instead, all of them, and answers are saved under ``bank``.

    >>> import coursekit
    >>> print(coursekit.quiz("01_reading_the_article").text().splitlines()[0])  # doctest: +ELLIPSIS
    Quiz: Reading the article (... questions)
    """
    if questions is not None:
        bank_id = Path(str(bank)).stem if str(bank).endswith((".yaml", ".yml")) else str(bank)
        where = f"<{bank_id}>"
        items: list[qm.Question] = []
        for i, item in enumerate(questions):
            if isinstance(item, qm.Question):
                items.append(item)
            elif isinstance(item, dict):
                items.append(question_from_dict(item, file=where, bank=bank_id))
            else:
                raise DataError(Problem(where, None, f"question {i + 1}", None,
                                        f"should be a Question or a dict, not {type(item).__name__}"))
        seen: set[str] = set()
        for q in items:
            if q.id in seen:
                raise DataError(Problem(where, None, f'question "{q.id}"', "id", "is used twice"))
            seen.add(q.id)
        return Quiz(bank_id, title or bank_id, items)
    loaded: Bank = load_bank(bank)
    shown = [q for q in loaded.questions if not q.inline]
    return Quiz(loaded.id, title or loaded.title, shown, description=loaded.description,
                inline_count=len(loaded.questions) - len(shown), summative=loaded.summative)


def ask(bank: str, question: str) -> Quiz | Message:
    """Show one question of a lesson's bank on its own, where the lesson's text asks it
    (a question the bank marks ``inline: true``; any question works). It is the quiz's
    widget for that one question, saved under the lesson's bank like the quiz.

    A bank or question that does not exist is a one-line message naming those that do.

    >>> import coursekit
    >>> print(coursekit.ask("01_reading_the_article", "no-such-question"))  # doctest: +ELLIPSIS
    01_reading_the_article has no question "no-such-question"; its questions are: ...
    """
    try:
        loaded = load_bank(str(bank))
    except DataNotFoundError as exc:
        return Message(str(exc))
    except DataError as exc:
        return Message(f"{bank} cannot be shown: {exc}")
    try:
        found = loaded.question(str(question))
    except KeyError:
        ids = ", ".join(q.id for q in loaded.questions)
        return Message(f'{loaded.id} has no question "{question}"; its questions are: {ids}')
    return Quiz(loaded.id, loaded.title, [found], compact=True, summative=loaded.summative)


__all__ = ["quiz", "ask", "Quiz", "QuestionView", "Message"]
