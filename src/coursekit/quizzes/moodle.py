"""Moodle XML export of a question bank: every question type, with its feedback, hints,
penalty and partial credit, for Moodle's question bank (Import, format "Moodle XML").

Each type's form is registered under its name with :func:`moodle_form`; a type without one
is named when a bank using it is exported. Texts are the same safe HTML the widgets show
(:mod:`coursekit.markup`). The forms, and what Moodle cannot hold (each a warning):

- single, multiple, verdict: ``multichoice`` (a verdict: every defensible verdict 100 %;
  its one-line reason has no place in Moodle; the record goes in the general feedback);
  a multiple choice with ``partial: false`` still gets Moodle's partial credit;
- truefalse: ``truefalse``; numeric: ``numerical`` (the unit shown after the box);
  text: ``shortanswer`` (typos accepted by ``fuzzy`` are not);
- ordering: ``ordering``, part of Moodle since 4.4 (a plugin before), graded by absolute
  position or all-or-nothing like coursekit;
- matching: ``matching``, distractors as answers without a question;
- cloze: ``cloze``, Moodle's embedded answers (SHORTANSWER, or MULTICHOICE for a gap with
  choices), one mark per gap;
- reflection: ``essay``, the model answer and the rubric as information for graders (and in
  the general feedback, which the student sees after the attempt, as in the lesson).

Every question gets its hints (Moodle's interactive mode shows one per wrong try, as the
lesson does) and its penalty per wrong try.

>>> from coursekit.quizzes.bank import question_from_dict
>>> q = question_from_dict({"id": "veto", "type": "truefalse", "prompt": "One member can block it.",
...                         "answer": True, "explanation": "Article 27."})
>>> element, lost = question_element(q)
>>> element.get("type"), element.findtext("idnumber"), element.findtext("questiontext/text")
('truefalse', 'veto', '<p>One member can block it.</p>')
"""
from __future__ import annotations

import html
import xml.etree.ElementTree as ET
from typing import Callable

from coursekit.markup import inline_html, to_html
from coursekit.quizzes import questions as qm
from coursekit.quizzes.bank import Bank
from coursekit.quizzes.lms import Forms, general_feedback, lost_by_question, number, percent, xml_bytes

#: What a form returns: what the question loses in Moodle (each becomes a warning).
Lost = tuple[str, ...]
MoodleForm = Callable[[qm.Question, ET.Element], Lost]

#: How each question type is written in Moodle XML, by type name: a function that sets the
#: ``type`` of the ``<question>`` element it is given, adds the type's own elements, and
#: returns what the question loses.
MOODLE_FORMS: Forms = Forms("Moodle XML", "moodle_form", "coursekit.quizzes.moodle")


#: Function decorator: ``@moodle_form("single")`` registers the function that writes the
#: questions of that type in Moodle XML (:meth:`~coursekit.quizzes.lms.Forms.register`).
moodle_form = MOODLE_FORMS.register


# ---------------------------------------------------------------------------
# Pieces every type uses


def _text(parent: ET.Element, tag: str, text: str, fmt: str | None = "html", **attrs: str) -> ET.Element:
    """``<tag format="html"><text>text</text></tag>``."""
    el = ET.SubElement(parent, tag, {**({"format": fmt} if fmt else {}), **attrs})
    ET.SubElement(el, "text").text = text
    return el


def _value(parent: ET.Element, tag: str, value: object) -> ET.Element:
    el = ET.SubElement(parent, tag)
    el.text = str(value)
    return el


def _answer(parent: ET.Element, fraction: float, text: str, feedback: str = "", fmt: str = "html") -> ET.Element:
    el = ET.SubElement(parent, "answer", {"fraction": percent(fraction), "format": fmt})
    ET.SubElement(el, "text").text = text
    _text(el, "feedback", inline_html(feedback) if feedback else "")
    return el


def _combined_feedback(q: qm.Question, element: ET.Element) -> None:
    """Moodle's right / partly right / wrong feedback: the lesson shows ``partial`` for partial
    credit, else ``incorrect``."""
    fb = q.feedback
    _text(element, "correctfeedback", to_html(fb.get("correct", "")))
    _text(element, "partiallycorrectfeedback", to_html(fb.get("partial") or fb.get("incorrect", "")))
    _text(element, "incorrectfeedback", to_html(fb.get("incorrect", "")))
    ET.SubElement(element, "shownumcorrect")


#: The hint of a try the lesson gives beyond its hints.
TRY_AGAIN = "<p>Not right yet: try again.</p>"


def question_element(q: qm.Question) -> tuple[ET.Element, Lost]:
    """One question as a Moodle XML ``<question>`` element, and what it loses."""
    form = MOODLE_FORMS.of(q)
    element = ET.Element("question")
    _text(element, "name", q.id, fmt=None)
    _text(element, "questiontext", to_html(q.prompt))
    _text(element, "generalfeedback", general_feedback(q))
    _value(element, "defaultgrade", number(q.points))
    _value(element, "penalty", f"{q.penalty_fraction:.7f}")
    _value(element, "hidden", 0)
    _value(element, "idnumber", q.id)
    lost = form(q, element)
    for hint in q.hints:
        _text(element, "hint", to_html(hint))
    if q.graded and q.max_tries > len(q.hints) + 1:
        # Moodle's interactive mode gives one try per hint plus one: the lesson's extra tries
        # come without a hint, as "try again".
        for _ in range(q.max_tries - len(q.hints) - 1):
            _text(element, "hint", TRY_AGAIN)
    elif q.graded and q.max_tries < len(q.hints) + 1:
        lost += (f"Moodle gives a try per hint: {len(q.hints) + 1} tries, not {q.max_tries}",)
    return element, lost


# ---------------------------------------------------------------------------
# The forms


def _multichoice(element: ET.Element, q: qm.Question, single: bool) -> None:
    element.set("type", "multichoice")
    _value(element, "single", "true" if single else "false")
    _value(element, "shuffleanswers", "true" if q.shuffle else "false")
    _value(element, "answernumbering", "abc")
    _value(element, "showstandardinstruction", 0)
    _combined_feedback(q, element)


@moodle_form("single")
def _single(q: qm.SingleQuestion, element: ET.Element) -> Lost:
    _multichoice(element, q, single=True)
    for o in q.options:
        _answer(element, 1.0 if o.text == q.answer else 0.0, inline_html(o.text), o.feedback)
    return ()


@moodle_form("multiple")
def _multiple(q: qm.MultipleQuestion, element: ET.Element) -> Lost:
    # (right ticks - wrong ticks) / right options, never below 0: exactly Moodle's sum of fractions.
    _multichoice(element, q, single=False)
    n = len(q.answer)
    for o in q.options:
        _answer(element, (1.0 if o.text in q.answer else -1.0) / n, inline_html(o.text), o.feedback)
    return () if q.partial else ("all-or-nothing grading is not exported (Moodle's multiple choice gives "
                                 "partial credit)",)


@moodle_form("truefalse")
def _truefalse(q: qm.TrueFalseQuestion, element: ET.Element) -> Lost:
    element.set("type", "truefalse")
    for value in (True, False):
        right = value == q.answer
        _answer(element, 1.0 if right else 0.0, "true" if value else "false",
                q.feedback.get("correct" if right else "incorrect", ""), fmt="moodle_auto_format")
    return ()


@moodle_form("numeric")
def _numeric(q: qm.NumericQuestion, element: ET.Element) -> Lost:
    element.set("type", "numerical")
    right = _answer(element, 1.0, number(q.answer), q.feedback.get("correct", ""), fmt="moodle_auto_format")
    _value(right, "tolerance", number(q.tolerance))
    if q.feedback.get("incorrect"):
        # "*" is Moodle's "any other number": it carries the feedback for a wrong answer.
        other = _answer(element, 0.0, "*", q.feedback["incorrect"], fmt="moodle_auto_format")
        _value(other, "tolerance", 0)
    if q.unit:
        unit = ET.SubElement(ET.SubElement(element, "units"), "unit")
        _value(unit, "multiplier", 1)
        _value(unit, "unit_name", q.unit)
    # 3: no unit is typed or graded; the first unit is shown after the box.
    _value(element, "unitgradingtype", 0)
    _value(element, "unitpenalty", "0.1000000")
    _value(element, "showunits", 3)
    _value(element, "unitsleft", 0)
    return ()


def _shortanswer_text(text: str) -> str:
    # "*" is Moodle's wildcard in a short answer.
    return text.replace("*", "\\*")


@moodle_form("text")
def _text_answer(q: qm.TextQuestion, element: ET.Element) -> Lost:
    element.set("type", "shortanswer")
    _value(element, "usecase", 0)
    for a in _with_plain_spellings(q.answer):
        _answer(element, 1.0, _shortanswer_text(a), q.feedback.get("correct", ""), fmt="moodle_auto_format")
    if q.feedback.get("incorrect"):
        _answer(element, 0.0, "*", q.feedback["incorrect"], fmt="moodle_auto_format")
    if q.fuzzy:
        return (f"near-miss spelling (fuzzy: {q.fuzzy}) is not exported; Moodle accepts the listed "
                "answers only",)
    return ()


def _with_plain_spellings(answers: tuple[str, ...]) -> list[str]:
    """The accepted answers, and each one without accents and punctuation when that differs:
    the lesson ignores them, Moodle ignores only case.

    >>> _with_plain_spellings(("Goïta", "Goita", "Côte d’Ivoire"))
    ['Goïta', 'Goita', 'Côte d’Ivoire', 'cote divoire']
    """
    out = list(answers)
    for a in answers:
        plain = qm.normalise_text(a)
        if plain and plain not in {o.casefold() for o in out}:
            out.append(plain)
    return out


@moodle_form("ordering")
def _ordering(q: qm.OrderingQuestion, element: ET.Element) -> Lost:
    element.set("type", "ordering")
    _value(element, "layouttype", "VERTICAL")
    _value(element, "selecttype", "ALL")
    _value(element, "selectcount", len(q.items))
    # Absolute position: the share of items in their place, as the lesson grades.
    _value(element, "gradingtype", "ABSOLUTE_POSITION" if q.partial else "ALL_OR_NOTHING")
    _value(element, "showgrading", "SHOW")
    _value(element, "numberingstyle", "none")
    _combined_feedback(q, element)
    for position, item in enumerate(q.items, 1):
        # An ordering answer's "fraction" is its place in the right order.
        answer = ET.SubElement(element, "answer", {"fraction": str(position), "format": "html"})
        ET.SubElement(answer, "text").text = inline_html(item)
    return ()


@moodle_form("matching")
def _matching(q: qm.MatchingQuestion, element: ET.Element) -> Lost:
    element.set("type", "matching")
    _value(element, "shuffleanswers", "true")
    _combined_feedback(q, element)
    # The left items are HTML, the right ones plain text (Moodle shows them in a drop-down).
    for left, right in q.pairs:
        sub = _text(element, "subquestion", inline_html(left))
        ET.SubElement(ET.SubElement(sub, "answer"), "text").text = right
    for extra in q.distractors:
        sub = _text(element, "subquestion", "")
        ET.SubElement(ET.SubElement(sub, "answer"), "text").text = extra
    return () if q.partial else ("all-or-nothing grading is not exported (Moodle's matching gives partial "
                                 "credit)",)


#: The characters an embedded answer escapes with a backslash.
_CLOZE_SPECIAL = "\\}#~/\"{"


def cloze_escape(text: str) -> str:
    """A gap's answer as Moodle's embedded answers write it: HTML-escaped (it sits in the
    question's HTML) and ``} # ~ / " \\`` escaped with a backslash.

    >>> cloze_escape('a/b <c>')
    'a\\\\/b &lt;c&gt;'
    """
    out = html.escape(text, quote=False)
    return "".join("\\" + ch if ch in _CLOZE_SPECIAL else ch for ch in out)


def cloze_code(gap: qm.Gap) -> str:
    """One gap as an embedded answer: ``{1:SHORTANSWER:=Goïta~=Goita}``, or MULTICHOICE (a
    drop-down) for a gap with choices; each gap is worth one mark.

    >>> cloze_code(qm.Gap(("July",), options=("June", "July")))
    '{1:MULTICHOICE:~June~=July}'
    """
    if gap.options:
        body = "".join(("~=" if o in gap.answer else "~") + cloze_escape(o) for o in gap.options)
        return "{1:MULTICHOICE:" + body + "}"
    return "{1:SHORTANSWER:" + "~".join("=" + cloze_escape(a) for a in gap.answer) + "}"


@moodle_form("cloze")
def _cloze(q: qm.ClozeQuestion, element: ET.Element) -> Lost:
    element.set("type", "cloze")
    text = qm.GAP_RE.sub(lambda m: cloze_code(q.gaps[int(m.group(1)) - 1]), to_html(q.text))
    qtext = element.find("questiontext/text")
    if qtext is not None:
        qtext.text = f"{to_html(q.prompt)}\n{text}"
    lost = []
    if not q.partial:
        lost.append("all-or-nothing grading is not exported (Moodle gives one mark per gap)")
    if any(g.fuzzy for g in q.gaps):
        lost.append("near-miss spelling in gaps is not exported; Moodle accepts the listed answers only")
    if any(q.feedback.get(k) for k in ("correct", "partial", "incorrect")):
        lost.append("right/wrong feedback is not exported (Moodle's embedded answers have none)")
    return tuple(lost)


@moodle_form("reflection")
def _reflection(q: qm.ReflectionQuestion, element: ET.Element) -> Lost:
    element.set("type", "essay")
    _value(element, "responseformat", "editor")
    _value(element, "responserequired", 1)
    _value(element, "responsefieldlines", 10)
    if q.min_words:
        _value(element, "minwordlimit", q.min_words)
    _value(element, "attachments", 0)
    _value(element, "attachmentsrequired", 0)
    info = []
    if q.model_answer:
        info.append(f"<h4>A model answer</h4>\n{to_html(q.model_answer)}")
    if q.rubric:
        items = "".join(f"<li>{inline_html(c)}</li>" for c in q.rubric)
        info.append(f"<h4>What a good answer does</h4>\n<ul>{items}</ul>")
    _text(element, "graderinfo", "\n".join(info))
    _text(element, "responsetemplate", "")
    return ()


@moodle_form("verdict")
def _verdict(q: qm.VerdictQuestion, element: ET.Element) -> Lost:
    # A choice among the verdicts; every verdict a careful reader could defend gets full credit.
    _multichoice(element, q, single=True)
    for o in q.options:
        _answer(element, 1.0 if o in q.answer else 0.0, inline_html(o))
    return ("the one-line reasons are not asked (a Moodle multiple choice has no text box); the record is in "
            "the general feedback",)


# ---------------------------------------------------------------------------
# A bank


def bank_to_moodle(bank: Bank) -> tuple[bytes, list[str]]:
    """The Moodle XML of a bank (UTF-8 bytes) and the warnings (what questions lose)."""
    quiz = ET.Element("quiz")
    quiz.append(ET.Comment(f" {bank.title} ({bank.id}), exported by coursekit "))
    category = ET.SubElement(quiz, "question", {"type": "category"})
    _text(category, "category", f"$course$/top/{bank.title}", fmt=None)
    _text(category, "info", to_html(bank.description))
    _value(category, "idnumber", bank.id)
    found: list[tuple[str, str]] = []
    for q in bank.questions:
        element, lost = question_element(q)
        quiz.append(ET.Comment(f" {q.type}, {number(q.points)} point(s)"
                               + (f"; source: {q.source}" if q.source else "") + " "))
        quiz.append(element)
        found += [(q.id, note) for note in lost]
    return xml_bytes(quiz), lost_by_question(found)
