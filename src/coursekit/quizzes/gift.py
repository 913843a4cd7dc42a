"""Moodle GIFT export of a question bank, so the same questions can be used in an LMS.

GIFT in brief: ``::title:: [html]question {=right ~wrong#feedback}``; the characters
``~ = # { } :`` and the backslash are escaped with a backslash. Texts are written as the
same safe HTML the widgets show (:mod:`coursekit.markup`): an instructor's raw HTML
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

from coursekit.markup import inline_html, to_html
from coursekit.quizzes import questions as qm
from coursekit.quizzes.bank import Bank
from coursekit.quizzes.lms import Forms, export_bank, lost_by_question, number, percent

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


def _html(text: str) -> str:
    """A short Markdown text (an option, a feedback) as escaped GIFT of safe HTML."""
    return gift_escape(inline_html(text))


def _fb(text: str) -> str:
    return f"#{_html(text)}" if text else ""


def _general(q: qm.Question) -> str:
    return f" ####{gift_escape(to_html(q.explanation))}" if q.explanation else ""


@dataclass(frozen=True)
class GiftAnswer:
    """The answer part of a question in GIFT (what goes between the braces), and what the
    export loses (each becomes a warning)."""

    body: str
    lost: tuple[str, ...] = ()


GiftForm = Callable[[qm.Question], GiftAnswer]

#: How each question type is written in GIFT, by type name: a function from a question to
#: its :class:`GiftAnswer`, or, for a type GIFT cannot express, the reason it is left out.
GIFT_FORMS: Forms = Forms("GIFT", "gift_form", "coursekit.quizzes.gift", refusal="no_gift_form")


#: Function decorator: ``@gift_form("single")`` registers the function that writes the
#: questions of that type in GIFT (:meth:`~coursekit.quizzes.lms.Forms.register`).
gift_form = GIFT_FORMS.register


#: ``no_gift_form("ordering", reason)`` says GIFT cannot express a type: its questions are
#: left out, with ``reason`` in the warning.
no_gift_form = GIFT_FORMS.refuse


@gift_form("single")
def _single(q: qm.SingleQuestion) -> GiftAnswer:
    return GiftAnswer(" ".join(("=" if o.text == q.answer else "~") + _html(o.text) + _fb(o.feedback)
                               for o in q.options))


@gift_form("multiple")
def _multiple(q: qm.MultipleQuestion) -> GiftAnswer:
    n = len(q.answer)
    right, wrong = percent(1 / n), percent(-1 / n)
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
    reason = GIFT_FORMS.reasons.get(q.type)
    if reason is not None:
        return None, (reason,)
    form: GiftForm = GIFT_FORMS.of(q)
    answer = form(q)
    head = f"::{gift_escape(q.id)}:: [html]{gift_escape(to_html(q.prompt))}"
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
    found: list[tuple[str | None, str]] = []
    blocks = [f"// {bank.title} ({bank.id}), exported by coursekit", "$CATEGORY: $course$/" + bank.id, ""]
    lost_hints = []
    for q in bank.questions:
        text, notes = _gift(q)
        if text is None:
            found.append((None, f'question "{q.id}" ({q.type}) skipped: {notes[0]}'))
            continue
        found += [(q.id, note) for note in notes]
        if q.hints:
            lost_hints.append(q.id)
        blocks += [f"// {q.type}, {q.points:g} point(s)" + (f"; source: {q.source}" if q.source else ""),
                   text, ""]
    warnings = lost_by_question(found)
    # Hints are said last, with their ids even for one question.
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
