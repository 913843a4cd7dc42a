"""Moodle GIFT export of a question bank, so the same questions can be used in an LMS.

GIFT in brief: ``::title:: [html]question {=right ~wrong#feedback}``; the characters
``~ = # { } :`` and the backslash are escaped with a backslash. Texts are written as the
same safe HTML the widgets show (:mod:`coursekit.quizzes.lms`): an instructor's raw HTML
comes out as text, a ``javascript:`` link defused. Each question type's form is registered
under its name (:func:`gift_form`); ordering and cloze questions have none
(:func:`no_gift_form` says why) and are left out with a warning: Moodle XML
(:mod:`coursekit.quizzes.moodle`) carries every type.

>>> gift_escape("a {b} = c")
'a \\\\{b\\\\} \\\\= c'
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Callable

from coursekit.errors import CourseError
from coursekit.quizzes import questions as qm
from coursekit.quizzes.bank import Bank
from coursekit.quizzes.lms import export_bank, html_block, html_line, number

SPECIAL = "~=#{}:"


def gift_escape(text: str) -> str:
    """Escape GIFT's special characters (and backslashes and line breaks)."""
    out = []
    for ch in str(text):
        if ch == "\\":
            out.append("\\\\")
        elif ch in SPECIAL:
            out.append("\\" + ch)
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\r":
            continue
        else:
            out.append(ch)
    return "".join(out)


def gift_unescape(text: str) -> str:
    """The inverse of :func:`gift_escape` (what Moodle reads back)."""
    out = []
    i = 0
    while i < len(text):
        ch = text[i]
        if ch == "\\" and i + 1 < len(text):
            nxt = text[i + 1]
            out.append("\n" if nxt == "n" else nxt)
            i += 2
        else:
            out.append(ch)
            i += 1
    return "".join(out)


def _pct(x: float) -> str:
    return f"{x:.5f}".rstrip("0").rstrip(".")


def _html(text: str) -> str:
    """A short Markdown text (an option, a feedback) as escaped GIFT of safe HTML."""
    return gift_escape(html_line(text))


def _fb(text: str) -> str:
    return f"#{_html(text)}" if text else ""


def _general(q: qm.Question) -> str:
    return f" ####{gift_escape(html_block(q.explanation))}" if q.explanation else ""


@dataclass(frozen=True)
class GiftAnswer:
    """The answer part of a question in GIFT (what goes between the braces), and what the
    export loses (each becomes a warning)."""

    body: str
    lost: tuple[str, ...] = ()


#: How each question type is written in GIFT, by type name: a function from a question to
#: its :class:`GiftAnswer`, or, for a type GIFT cannot express, the reason it is left out.
GIFT_FORMS: dict[str, Callable[[qm.Question], GiftAnswer] | str] = {}


def gift_form(type_name: str):
    """Function decorator: the function writes the questions of type ``type_name`` in GIFT.

    >>> @gift_form("yes")
    ... def _yes(q):
    ...     return GiftAnswer("=yes")
    >>> del GIFT_FORMS["yes"]
    """
    def add(form: Callable[[qm.Question], GiftAnswer]) -> Callable[[qm.Question], GiftAnswer]:
        GIFT_FORMS[type_name] = form
        return form
    return add


def no_gift_form(type_name: str, reason: str) -> None:
    """Say that GIFT cannot express the type ``type_name``: its questions are left out,
    with ``reason`` in the warning."""
    GIFT_FORMS[type_name] = reason


def _form_of(q: qm.Question) -> Callable[[qm.Question], GiftAnswer] | str:
    try:
        return GIFT_FORMS[q.type]
    except KeyError:
        raise CourseError(f'question type "{q.type}" has no GIFT form: register one with '
                          f'@gift_form("{q.type}"), or say why not with no_gift_form '
                          "(coursekit.quizzes.gift)") from None


@gift_form("single")
def _single(q: qm.SingleQuestion) -> GiftAnswer:
    return GiftAnswer(" ".join(("=" if o.text == q.answer else "~") + _html(o.text) + _fb(o.feedback)
                               for o in q.options))


@gift_form("multiple")
def _multiple(q: qm.MultipleQuestion) -> GiftAnswer:
    n = len(q.answer)
    right, wrong = _pct(100 / n), _pct(-100 / n)
    return GiftAnswer(" ".join(f"~%{right if o.text in q.answer else wrong}%{_html(o.text)}{_fb(o.feedback)}"
                               for o in q.options),
                      () if q.partial else ("all-or-nothing grading is not exported (Moodle gives partial credit)",))


@gift_form("truefalse")
def _truefalse(q: qm.TrueFalseQuestion) -> GiftAnswer:
    fb = q.feedback
    body = "T" if q.answer else "F"
    if fb.get("incorrect") or fb.get("correct"):
        body += f"#{_html(fb.get('incorrect', ''))}#{_html(fb.get('correct', ''))}"
    return GiftAnswer(body)


@gift_form("numeric")
def _numeric(q: qm.NumericQuestion) -> GiftAnswer:
    # The documented form, {#=25:0#feedback}: without "=" an answer cannot carry feedback.
    return GiftAnswer(f"#={number(q.answer)}:{number(q.tolerance)}{_fb(q.feedback.get('correct', ''))}")


@gift_form("text")
def _text(q: qm.TextQuestion) -> GiftAnswer:
    lost = (f"near-miss spelling (fuzzy: {q.fuzzy}) is not exported; Moodle accepts the listed answers only",)
    return GiftAnswer(" ".join(f"={gift_escape(a)}{_fb(q.feedback.get('correct', ''))}" for a in q.answer),
                      lost if q.fuzzy else ())


@gift_form("matching")
def _matching(q: qm.MatchingQuestion) -> GiftAnswer:
    # The right-hand items are plain text in Moodle (a drop-down), the left ones HTML.
    return GiftAnswer(" ".join(f"={_html(left)} -> {gift_escape(right)}" for left, right in q.pairs),
                      ("distractors are not exported",) if q.distractors else ())


@gift_form("reflection")
def _reflection(q: qm.ReflectionQuestion) -> GiftAnswer:
    # An essay question; GIFT has no field for a model answer or a rubric.
    lost = ("model answers and rubrics are not exported (GIFT has no field for them)",)
    return GiftAnswer("", lost if q.model_answer or q.rubric else ())


@gift_form("verdict")
def _verdict(q: qm.VerdictQuestion) -> GiftAnswer:
    # A choice among the verdicts; several defensible verdicts each get full credit.
    if len(q.answer) == 1:
        body = " ".join(("=" if o in q.answer else "~") + _html(o) for o in q.options)
    else:
        body = " ".join(f"~%{100 if o in q.answer else 0}%{_html(o)}" for o in q.options)
    lost = ["the one-line reasons are not exported (a GIFT question takes one answer)"]
    if q.record:
        lost.append("the records are not exported (only the explanation is, as general feedback)")
    return GiftAnswer(body, tuple(lost))


no_gift_form("ordering", "GIFT has no ordering question (export to Moodle XML: --format moodle)")
no_gift_form("cloze", "GIFT cannot hold several gaps in one question (export to Moodle XML: --format moodle)")


def _gift(q: qm.Question) -> tuple[str | None, tuple[str, ...]]:
    """(the question in GIFT, what it loses), or (None, (why it is left out,))."""
    form = _form_of(q)
    if isinstance(form, str):
        return None, (form,)
    answer = form(q)
    head = f"::{gift_escape(q.id)}:: [html]{gift_escape(html_block(q.prompt))}"
    return f"{head} {{{answer.body}{_general(q)}}}", answer.lost


def question_to_gift(q: qm.Question) -> str | None:
    """One question as GIFT, or None if GIFT cannot express its type.

    >>> from coursekit.quizzes.bank import question_from_dict
    >>> question_to_gift(question_from_dict({"id": "veto", "type": "truefalse", "answer": True,
    ...     "prompt": "One permanent member can block a resolution.", "explanation": "Article 27."}))
    '::veto:: [html]<p>One permanent member can block a resolution.</p> {T ####<p>Article 27.</p>}'
    """
    return _gift(q)[0]


def bank_to_gift(bank: Bank) -> tuple[str, list[str]]:
    """The GIFT text of a bank and the warnings (questions left out, features lost)."""
    # Each warning is (what is lost or why skipped, the questions): what one question loses
    # is named with it, what several lose once with their ids, where it first occurs.
    found: list[tuple[str, list[str]]] = []
    lost: dict[str, list[str]] = {}
    blocks = [f"// {bank.title} ({bank.id}), exported by coursekit", "$CATEGORY: $course$/" + bank.id, ""]
    lost_hints = []
    for q in bank.questions:
        text, notes = _gift(q)
        if text is None:
            found.append((f'question "{q.id}" ({q.type}) skipped: {notes[0]}', []))
            continue
        for note in notes:
            if note not in lost:
                lost[note] = []
                found.append((note, lost[note]))
            lost[note].append(q.id)
        if q.hints:
            lost_hints.append(q.id)
        blocks += [f"// {q.type}, {q.points:g} point(s)" + (f"; source: {q.source}" if q.source else ""),
                   text, ""]
    warnings = [note if not ids else f'question "{ids[0]}": {note}' if len(ids) == 1
                else f"{note}: {', '.join(ids)}" for note, ids in found]
    if lost_hints:
        warnings.append(f"hints are not exported (GIFT has no field for them): {', '.join(lost_hints)}")
    return "\n".join(blocks), warnings


def export_gift(bank_path: str | os.PathLike, out_path: str | os.PathLike) -> list[str]:
    """Write ``bank_path`` as a GIFT file at ``out_path`` (its folder must exist); returns
    warnings. A path that cannot be written is a :class:`CourseError` of one line. (What
    :func:`~coursekit.quizzes.lms.export_bank` does for every format, as notebooks call it.)

    >>> import tempfile, pathlib
    >>> from coursekit.quizzes.bank import bank_path
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "quiz01.gift"
    >>> warnings = export_gift(bank_path("01_reading_the_article"), out)
    >>> out.read_text(encoding="utf-8").splitlines()[0]
    '// Reading the article (01_reading_the_article), exported by coursekit'
    """
    return export_bank(bank_path, "gift", out_path)[1]
