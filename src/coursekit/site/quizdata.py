"""The quiz banks as the static site's browser engine (``static/quiz.js``) reads them.

:func:`bank_payload` turns one loaded bank into a JSON-ready dict: every question with
what the browser needs to show it (its texts as safe HTML, made here by
:mod:`coursekit.markup` exactly as the widgets make them) and to grade it as
:func:`coursekit.quizzes.questions.submit` does (options, accepted answers, typos
allowed, tries, penalty, points, feedback). :func:`course_payload` gives the course's
id, title, lessons and every bank's title and points (the export lists every bank).

A bank marked ``summative: true`` ships no answer key: no right answers, no accepted
texts, no option feedback, no explanations; the lists a student chooses from are sorted
so their order gives nothing away. Its page records answers and says feedback comes
from the instructor.

How a site page mounts the engine (static files ``quiz.js`` and ``quiz.css`` from
``coursekit/site/static/``, loaded with plain ``<script src>``/``<link>`` tags):

- ``script_json("ck-course", course_payload())`` once per page
  (:func:`coursekit.site.payloads.script_json`, which escapes ``</``);
- ``script_json(f"ck-bank-{bank.id}", bank_payload(bank))`` for every bank the page uses;
- ``<div class="ck-quiz" data-bank="<bank id>"></div>``: the bank's quiz, like
  ``coursekit.quiz(<bank id>)`` (the questions not marked ``inline``);
- ``<div class="ck-quiz" data-bank="<bank id>" data-question="<question id>"></div>``:
  one question on its own, like ``coursekit.ask(<bank id>, <question id>)``;
- ``<div class="ck-progress"></div>``: the student's name, export and import, like
  ``coursekit.my_name()``, ``export_answers()`` and ``import_answers()``;
- ``<div class="ck-scores"></div>`` (or with ``data-call="my_scores"``): the score of every
  lesson, like ``coursekit.my_scores()``; with ``data-by="objective"``, the results per
  objective, like ``coursekit.my_scores(by="objective")``;
- ``<div class="ck-scores" data-call="my_answers" data-bank="<bank id>"></div>``
  (``data-only="inline"`` or ``"quiz"`` optional): the student's answers beside the right
  ones once finished, like ``coursekit.my_answers(<bank id>, only=...)``;
- ``<div class="ck-scores" data-call="review_quiz"></div>`` (``data-per-bank="<n>"``
  optional): the review quiz, like ``coursekit.review_quiz()``: the same questions for the
  same student id, answered and saved under the same bank id (its questions' payloads come
  from the banks' ``ck-bank-<id>`` scripts, which a page with a ``ck-scores`` mount holds).

``quiz.js`` mounts them all when the page has loaded and exposes ``window.CourseKit``
(``submit``, ``grade``, ``parse``, ``normaliseText``, ``shuffledIndices``, ``drawReview``,
``objectiveRows``, ``lessonRows``, ``answerRows``, ...).
Answers are kept in the browser's ``localStorage`` under ``coursekit:<course id>:<student id>``.

>>> from coursekit.quizzes.bank import load_bank
>>> payload = bank_payload(load_bank("_example"))
>>> payload["format"], payload["questions"][0]["prompt_html"].startswith("<p>")
('coursekit-bank', True)
"""
from __future__ import annotations

import dataclasses
from typing import Any, Callable, Sequence

from coursekit.markup import inline_html, to_html
from coursekit.quizzes import questions as qm
from coursekit.quizzes import review

#: What a bank payload says it is, and its version.
PAYLOAD_FORMAT = "coursekit-bank"
PAYLOAD_VERSION = 1

# The fields every question has (its own fields are the type's).
_BASE_FIELDS = {f.name for f in dataclasses.fields(qm.Question)}
# Fields that locate the question in the repository: never shipped.
_NOT_SHIPPED = {"file", "line"}

#: How a summative bank's question of each type leaves out its answer key: the type's
#: own fields (as :func:`_plain` made them) -> the fields shipped. Filled by :func:`summative_form`.
SUMMATIVE_FORMS: dict[str, Callable[[dict], dict]] = {}


def summative_form(type_name: str) -> Callable[[Callable[[dict], dict]], Callable[[dict], dict]]:
    """Register how a question type is shipped without its answer key."""
    def add(fn: Callable[[dict], dict]) -> Callable[[dict], dict]:
        SUMMATIVE_FORMS[type_name] = fn
        return fn
    return add


def _sorted(texts: list[str]) -> list[str]:
    return sorted(texts, key=lambda t: (qm.normalise_text(t), t))


@summative_form("single")
@summative_form("multiple")
def _choices(own: dict) -> dict:
    return {"options": [{"text": o["text"], "feedback": ""} for o in own["options"]]}


@summative_form("truefalse")
def _truefalse(own: dict) -> dict:
    return {}


@summative_form("numeric")
def _numeric(own: dict) -> dict:
    return {"unit": own.get("unit", "")}


@summative_form("text")
def _text(own: dict) -> dict:
    return {}


@summative_form("ordering")
def _ordering(own: dict) -> dict:
    return {"items": _sorted(own["items"])}


@summative_form("matching")
def _matching(own: dict) -> dict:
    return {"lefts": own["lefts"], "rights": _sorted(own["rights"])}


@summative_form("cloze")
def _cloze(own: dict) -> dict:
    return {"text": own["text"], "gaps": [{"options": _sorted(g["options"])} for g in own["gaps"]]}


@summative_form("reflection")
def _reflection(own: dict) -> dict:
    return {"min_words": own.get("min_words", 0)}


@summative_form("verdict")
def _verdict(own: dict) -> dict:
    return {"options": own["options"], "min_words": own.get("min_words", 3)}


def _plain(value: Any) -> Any:
    """A question's field as JSON: dataclasses as dicts, tuples as lists."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    return value


def _own_fields(q: qm.Question) -> dict:
    """The type's own fields (options, answer, gaps...), plus the derived lists the
    browser shows (a matching question's left and right items)."""
    own = {f.name: _plain(getattr(q, f.name)) for f in dataclasses.fields(q)
           if f.name not in _BASE_FIELDS and f.name not in _NOT_SHIPPED}
    for derived in ("lefts", "rights"):
        if hasattr(q, derived):
            own[derived] = list(getattr(q, derived))
    return own


def _markdown_lines(q: qm.Question, own: dict) -> list[str]:
    """Every Markdown line grading this question can give as feedback."""
    lines = [v for v in q.feedback.values() if isinstance(v, str)]
    lines += [o["feedback"] for o in own.get("options", []) if isinstance(o, dict) and o.get("feedback")]
    answer = own.get("answer")
    accepted = answer if isinstance(answer, list) else []
    lines += [f"Accepted, but check the spelling: **{a}**." for a in accepted if isinstance(a, str)]
    for i, gap in enumerate(own.get("gaps", []), 1):
        lines += [f"Gap {i} accepted, but check the spelling: **{a}**." for a in gap.get("answer", [])]
    return lines


def question_payload(q: qm.Question, *, summative: bool = False) -> dict:
    """One question as the browser needs it (see :func:`bank_payload`).

    Raises :class:`KeyError` naming the type if a summative bank uses a type with no
    :func:`summative_form`.
    """
    own = _own_fields(q)
    out: dict[str, Any] = {
        "id": q.id, "type": q.type, "graded": q.graded, "points": q.points,
        "prompt_html": to_html(q.prompt), "max_tries": q.max_tries, "penalty": q.penalty_fraction,
        "shuffle": q.shuffle, "inline": q.inline, "summative": summative, "source": str(q.source) if q.source else "",
        "hints": [] if summative else list(q.hints),
        "hints_html": [] if summative else [inline_html(h) for h in q.hints],
    }
    if "text" in own and "gaps" in own:
        # The text with its gaps shown as (n) ____, as the widget shows it.
        out["text_html"] = to_html(qm.GAP_RE.sub(lambda m: f"({m.group(1)}) ____", own["text"]))
    if summative:
        if q.type not in SUMMATIVE_FORMS:
            raise KeyError(f'question type "{q.type}" has no summative form in coursekit.site.quizdata')
        out.update(SUMMATIVE_FORMS[q.type](own))
        out.update(feedback={}, reveal=[], html={}, answer_text="")
        return out
    out.update(own)
    # The right answer in words, as my_answers() shows it once a question is finished.
    out["answer_text"] = q.answer_text()
    out["feedback"] = {k: v for k, v in q.feedback.items() if isinstance(v, str)}
    out["reveal"] = [[heading, to_html(text)] for heading, text in q.reveal()]
    out["html"] = {line: to_html(line) for line in _markdown_lines(q, own)}
    return out


def bank_payload(bank: Any) -> dict:
    """Everything the browser needs to show and grade ``bank`` (a loaded
    :class:`~coursekit.quizzes.bank.Bank`), JSON-ready; no answer key if it is summative."""
    summative = bool(getattr(bank, "summative", False))
    return {
        "format": PAYLOAD_FORMAT, "version": PAYLOAD_VERSION,
        "bank": bank.id, "title": bank.title, "description_html": to_html(bank.description),
        "summative": summative, "points": bank.points,
        "questions": [question_payload(q, summative=summative) for q in bank.questions],
    }


def review_payload(banks: Any) -> dict:
    """What the browser needs to draw the review quiz as
    :func:`coursekit.quizzes.review.draw_review` draws it: the bank its answers are saved
    under, its title, how many questions it takes from each bank
    (:data:`~coursekit.quizzes.review.PER_BANK`), and, in the order it reads them, each
    bank it draws from (:func:`~coursekit.quizzes.review.reviewed_banks`) with the
    questions it may pick (:func:`~coursekit.quizzes.review.candidates`). The seed is the
    student's id, which only the browser knows: ``quiz.js`` ports the draw (SHA-256, then
    ``random.Random.sample``).
    """
    return {
        "bank": review.REVIEW_BANK, "title": review.REVIEW_TITLE, "per_bank": review.PER_BANK,
        "banks": [{"id": b.id, "candidates": [q.id for q in review.candidates(b)]}
                  for b in review.reviewed_banks(banks)],
    }


def course_payload(course: Any = None, banks: Sequence[Any] | None = None, *, data_dir: Any = None) -> dict:
    """The course's id, title and lessons (with their objectives), every bank's id, title,
    points and question ids (an export lists every bank, answered or not) with the
    objective each question serves (``serves``: for ``my_scores(by="objective")``), and
    the review quiz's draw (:func:`review_payload`).

    ``course`` (a loaded :class:`~coursekit.course.Course`) and ``banks`` (every loaded
    bank) are read from ``data_dir`` (default: the course's data folder) when not given.
    """
    if course is None:
        from coursekit.course import load_course

        course = load_course(data_dir)
    if banks is None:
        from coursekit.quizzes.bank import load_all_banks

        banks = load_all_banks(data_dir)
    return {
        "id": course.id, "title": course.title,
        "lessons": [{"id": lesson.id, "title": lesson.title, "summary": lesson.summary,
                     "objectives": [{"id": o.id, "text": o.text} for o in lesson.objectives]}
                    for lesson in course.lessons],
        "banks": [{"id": b.id, "title": b.title, "points": b.points, "summative": bool(getattr(b, "summative", False)),
                   "questions": [q.id for q in b.questions],
                   "serves": [{"question": q.id, "objective": q.objective, "graded": q.graded, "points": q.points}
                              for q in b.questions if q.objective]} for b in banks],
        "review": review_payload(banks),
    }


__all__ = ["bank_payload", "course_payload", "question_payload", "review_payload", "summative_form",
           "SUMMATIVE_FORMS", "PAYLOAD_FORMAT", "PAYLOAD_VERSION"]
