"""The course as a whole, read from data/course.yaml: its title and lessons, and each lesson's
frame (framing questions, objectives, time as a range, prerequisites, key points, further reading).

A lesson opens with :func:`lesson_frame` and ends with :func:`key_points`; both print as text
and show as HTML in JupyterLab:

>>> print(lesson_frame("00_start_here"))  # doctest: +ELLIPSIS
Lesson 00: Start here
Time: ...
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from coursekit.datafiles.paths import data_folder
from coursekit.datafiles.schema import ID_PATTERN, TEXT_SCHEMA, line_along, record
from coursekit.datafiles.validate import check_yaml, load_checked, named_items, repeats, schema_check
from coursekit.datafiles.yamlfile import LineDict, display_path, load_yaml_or_problems
from coursekit.errors import DataNotFoundError, Problem

FILE_NAME = "course.yaml"
#: A lesson's id is its notebook's name: two digits, an underscore, lowercase words.
LESSON_ID = r"^\d\d_[a-z0-9_]+$"
#: An objective's id: its lesson's two digits, a hyphen, lowercase words (``03-article-27``).
OBJECTIVE_ID = r"^\d\d-" + ID_PATTERN.lstrip("^")


@dataclass(frozen=True)
class Minutes:
    """How long a lesson takes, as a range measured by working through it as a student."""

    low: int
    high: int

    def __str__(self) -> str:
        """``"40–70 min"``, or ``"45 min"`` when both ends are the same."""
        return f"{self.low}–{self.high} min" if self.low != self.high else f"{self.low} min"

    def __add__(self, other: Minutes) -> Minutes:
        """The time of two stretches one after the other (the whole course: ``sum(times, Minutes(0, 0))``)."""
        return Minutes(self.low + other.low, self.high + other.high)

    def in_hours(self) -> str:
        """A long time (the whole course's) in hours and minutes.

        >>> Minutes(380, 700).in_hours(), Minutes(45, 120).in_hours(), Minutes(75, 75).in_hours()
        ('6 h 20 min – 11 h 40 min', '45 min – 2 h', '1 h 15 min')
        """
        def spelled(total: int) -> str:
            hours, minutes = divmod(total, 60)
            if not hours:
                return f"{minutes} min"
            return f"{hours} h {minutes:02d} min" if minutes else f"{hours} h"

        return spelled(self.low) if self.low == self.high else f"{spelled(self.low)} – {spelled(self.high)}"


@dataclass(frozen=True)
class Objective:
    """What a student can do after the lesson; ``id`` is what bank questions name."""

    id: str
    text: str


@dataclass(frozen=True)
class Reading:
    """A primary document to read further: title, who published it, link and why read it."""

    title: str
    source: str
    url: str = ""
    why: str = ""


@dataclass(frozen=True)
class Lesson:
    """One lesson: its notebook id (``01_reading_the_article``), title, summary, time range,
    and its frame (prerequisites, framing questions, objectives, key points, further reading)."""

    id: str
    title: str
    summary: str
    minutes: Minutes
    prerequisites: tuple[str, ...] = ()
    questions: tuple[str, ...] = ()
    objectives: tuple[Objective, ...] = ()
    key_points: tuple[str, ...] = ()
    further_reading: tuple[Reading, ...] = ()

    @property
    def notebook(self) -> str:
        return f"{self.id}.ipynb"

    @property
    def number(self) -> str:
        """The lesson's two digits (``"03"``)."""
        return self.id[:2]

    def __str__(self) -> str:
        return f"{self.number}  {self.title} ({self.minutes}): {self.summary}"


@dataclass(frozen=True)
class Course:
    title: str
    lessons: tuple[Lesson, ...]
    #: The course's id: exports carry it, so answers are only brought back into this course.
    id: str = ""

    def __str__(self) -> str:
        return "\n".join([self.title, "", *map(str, self.lessons)])

    __repr__ = __str__

    def _repr_html_(self) -> str:
        from coursekit.markup import escape

        items = "".join(
            f"<li><a href='{escape(lesson.notebook)}' style='text-decoration: underline'>{escape(lesson.title)}</a> "
            f"<small>({escape(lesson.minutes)})</small>: {escape(lesson.summary)}</li>"
            for lesson in self.lessons
        )
        return f"<p><strong>{escape(self.title)}</strong></p><ol start='0'>{items}</ol>"

    def lesson(self, lesson_id: str) -> Lesson:
        """The lesson ``lesson_id`` (``"03_security_council"``, or just ``"03"``).

        Raises :class:`~coursekit.errors.DataNotFoundError` naming the lessons there are.
        """
        for lesson in self.lessons:
            if lesson_id in (lesson.id, lesson.number):
                return lesson
        raise DataNotFoundError(f'no lesson "{lesson_id}" in data/{FILE_NAME}; the lessons are: '
                                + ", ".join(lesson.id for lesson in self.lessons))


# --------------------------------------------------------------------------- the schema

_TEXTS = {"type": "array", "items": TEXT_SCHEMA}

#: What data/course.yaml must look like (written to data/course.schema.json).
SCHEMA = record(
    title="data/course.yaml: the course's title and its lessons, in order",
    required=["id", "title", "lessons"],
    properties={
        "id": {"type": "string", "pattern": ID_PATTERN,
               "description": "the course's id (lowercase words and hyphens); exports carry it"},
        "title": TEXT_SCHEMA,
        "lessons": {"type": "array", "minItems": 1, "items": record(
            required=["id", "title", "summary", "minutes", "prerequisites", "questions", "objectives",
                      "key_points", "further_reading"],
            properties={
                "id": {"type": "string", "pattern": LESSON_ID,
                       "description": "must look like 03_security_council (two digits, "
                                      "underscore, lowercase): the notebook's name"},
                "title": TEXT_SCHEMA,
                "summary": TEXT_SCHEMA,
                "minutes": record(
                    ["low", "high"], {
                        "low": {"type": "integer", "minimum": 1, "description": "a quick student, in minutes"},
                        "high": {"type": "integer", "minimum": 1, "description": "a careful student, in minutes"},
                    },
                    description="how long the lesson takes a student, as a range measured by "
                                "working through it (reading, running, answering every question): "
                                "{low: 55, high: 100}; low must not be above high",
                ),
                "prerequisites": {
                    "type": "array", "items": {"type": "string", "pattern": LESSON_ID},
                    "description": "the ids of earlier lessons to take first ([] for the first lesson)",
                },
                "questions": {**_TEXTS, "minItems": 2, "maxItems": 3,
                              "description": "two or three framing questions the lesson answers"},
                "objectives": {
                    "type": "array", "minItems": 1,
                    "description": "what a student can do after the lesson; every objective needs at "
                                   "least one bank question naming it (objective: <id>)",
                    "items": record(["id", "text"], {
                        "id": {"type": "string", "pattern": OBJECTIVE_ID,
                               "description": "the lesson's two digits, a hyphen, lowercase words "
                                              "(03-article-27); unique in the course"},
                        "text": {**TEXT_SCHEMA, "description": "a verb a student can be checked on: "
                                                               "Apply, Explain, Judge, Place..."},
                    }),
                },
                "key_points": {**_TEXTS, "minItems": 1,
                               "description": "what to remember, shown at the end of the lesson"},
                "further_reading": {
                    "type": "array",
                    "description": "primary documents to read further (resolutions, UN press releases, reports)",
                    "items": record(["title", "source"], {
                        "title": TEXT_SCHEMA,
                        "source": {**TEXT_SCHEMA, "description": "who published it, with its symbol"},
                        "url": {"type": "string", "pattern": "^https://",
                                "description": "optional link (https)"},
                        "why": {**TEXT_SCHEMA, "description": "one line: why read it"},
                    }),
                },
            },
        )},
    },
)


def _lesson_problems(raw: Any, shown: str) -> list[Problem]:
    """What the schema cannot say: a time range upside down, a prerequisite that is not an
    earlier lesson, an objective id used twice or not numbered after its lesson."""
    problems: list[Problem] = []
    earlier: set[str] = set()
    objectives: dict[str, int | None] = {}
    for item, lesson in named_items(raw, "lessons", "lesson"):
        minutes = lesson.get("minutes")
        if (isinstance(minutes, dict) and isinstance(minutes.get("low"), int)
                and isinstance(minutes.get("high"), int) and minutes["low"] > minutes["high"]):
            problems.append(Problem(shown, lesson.line_of("minutes"), item, "minutes",
                                    f"low ({minutes['low']}) is above high ({minutes['high']})"))
        prerequisites = lesson.get("prerequisites")
        for i, needed in enumerate(prerequisites if isinstance(prerequisites, list) else []):
            if isinstance(needed, str) and needed not in earlier:
                problems.append(Problem(shown, line_along(lesson, ["prerequisites", i]), item,
                                        f"prerequisites[{i + 1}]",
                                        f'"{needed}" is not an earlier lesson'))
        lesson_id = lesson.get("id")
        number = lesson_id[:2] if isinstance(lesson_id, str) and re.match(LESSON_ID, lesson_id) else ""
        listed = lesson.get("objectives")
        for i, objective in enumerate(listed if isinstance(listed, list) else []):
            oid = objective.get("id") if isinstance(objective, dict) else None
            if not isinstance(oid, str):
                continue
            line = line_along(lesson, ["objectives", i, "id"])
            where = f"objectives[{i + 1}].id"
            if oid in objectives:
                problems.append(Problem(shown, line, item, where,
                                        f'"{oid}" is used twice (first on line {objectives[oid]})'))
            elif number and not oid.startswith(number + "-"):
                problems.append(Problem(shown, line, item, where,
                                        f'"{oid}" should start with the lesson\'s number, "{number}-"'))
            objectives.setdefault(oid, line)
        if isinstance(lesson.get("id"), str):
            earlier.add(lesson["id"])
    return problems


def _problems(raw, shown: str) -> list[Problem]:
    # What the schema cannot say: each lesson once, and the checks above.
    problems = (schema_check(raw, SCHEMA, shown, {"lessons": "lesson"})
                + repeats(named_items(raw, "lessons", "lesson"), "id", shown))
    return problems + _lesson_problems(raw, shown)


def _lesson(d: dict) -> Lesson:
    return Lesson(
        d["id"], d["title"].strip(), d["summary"].strip(), Minutes(d["minutes"]["low"], d["minutes"]["high"]),
        prerequisites=tuple(d.get("prerequisites", ())),
        questions=tuple(q.strip() for q in d.get("questions", ())),
        objectives=tuple(Objective(o["id"], o["text"].strip()) for o in d.get("objectives", ())),
        key_points=tuple(p.strip() for p in d.get("key_points", ())),
        further_reading=tuple(Reading(r["title"].strip(), r["source"].strip(), r.get("url", ""),
                                      r.get("why", "").strip()) for r in d.get("further_reading", ())),
    )


def load_course(data_dir: str | os.PathLike | None = None) -> Course:
    """Read ``course.yaml`` from the data folder ``data_dir`` (found when ``None``).

    Raises :class:`~coursekit.errors.DataError` naming the file, line, lesson and field.

    >>> course = load_course()
    >>> course.lessons[0].id
    '00_start_here'
    """
    raw = load_checked(data_folder(data_dir) / FILE_NAME, _problems)
    return Course(raw["title"].strip(), tuple(_lesson(d) for d in raw["lessons"]), raw["id"])


def check_course(data_dir: Path) -> list[Problem]:
    """Every problem in ``course.yaml`` of the data folder ``data_dir`` (for ``coursekit validate``)."""
    return check_yaml(Path(data_dir) / FILE_NAME, _problems)[1]


# --------------------------------------------------------------------------- objectives <-> questions


def check_objectives(data_dir: Path) -> list[Problem]:
    """Whether the lessons' objectives and the banks' questions meet (for ``coursekit validate``):
    a question without an objective or naming one no lesson has, a lesson's question serving
    another lesson's objective (only the last lesson's review may), an objective no question
    serves, and a question whose type has a rubric field (a reflection) but gives none.

    Only the lesson banks count (``_example.yaml`` and the like are left out); a bank or
    course file that cannot be read is reported by its own check, not here.
    """
    from coursekit.quizzes.bank import bank_files
    from coursekit.quizzes.questions import QUESTION_TYPES

    course, course_problems = check_yaml(Path(data_dir) / FILE_NAME, _problems)
    if course_problems or not isinstance(course, dict):
        return []
    defined: dict[str, tuple[str, int | None]] = {}
    owner: dict[str, str] = {}  # objective id -> its lesson's id
    lessons = named_items(course, "lessons", "lesson")
    for item, lesson in lessons:
        for i, objective in enumerate(lesson.get("objectives") or []):
            defined[objective["id"]] = (item, line_along(lesson, ["objectives", i, "id"]))
            owner[objective["id"]] = lesson["id"]
    # A lesson's bank serves its own objectives; the last lesson (the review) may serve any.
    own_lessons = {lesson["id"] for _, lesson in lessons[:-1]}
    problems: list[Problem] = []
    served: set[str] = set()
    for path in bank_files(data_dir, examples=False):
        data, unreadable = load_yaml_or_problems(path)
        questions = data.get("questions") if not unreadable and isinstance(data, dict) else None
        shown = display_path(path)
        for i, q in enumerate(questions if isinstance(questions, list) else []):
            if not isinstance(q, LineDict):
                continue
            item = f'question "{q.get("id")}"' if isinstance(q.get("id"), str) else f"question {i + 1}"
            objective = q.get("objective")
            if objective is None:
                problems.append(Problem(shown, q.line, item, "objective",
                                        f"is missing: name the objective of data/{FILE_NAME} it serves"))
            elif not isinstance(objective, str):
                pass  # the bank's own check names a value of the wrong type
            elif objective not in defined:
                problems.append(Problem(shown, q.line_of("objective"), item, "objective",
                                        f'"{objective}" is not an objective of any lesson in data/{FILE_NAME}'))
            else:
                served.add(objective)
                if path.stem in own_lessons and owner[objective] != path.stem:
                    problems.append(Problem(shown, q.line_of("objective"), item, "objective",
                                            f'"{objective}" is an objective of lesson {owner[objective]}, not of '
                                            f"{path.stem}; only the last lesson's review may serve other lessons"))
            kind = q.get("type")
            cls = QUESTION_TYPES.get(kind) if isinstance(kind, str) else None
            if cls is not None and "rubric" in cls.schema_fields and not q.get("rubric"):
                problems.append(Problem(shown, q.line, item, "rubric",
                                        "is missing: say what a good written answer does, one criterion a line"))
    shown_course = display_path(Path(data_dir) / FILE_NAME)
    for oid, (item, line) in defined.items():
        if oid not in served:
            problems.append(Problem(shown_course, line, item, "objectives",
                                    f'"{oid}" has no question: give it one in a bank (objective: {oid})'))
    return problems


# --------------------------------------------------------------------------- the frame in a lesson


class LessonFrame:
    """What a lesson opens with: title, time, prerequisites, framing questions, objectives."""

    def __init__(self, lesson: Lesson, course: Course) -> None:
        self.lesson = lesson
        self._titles = {other.id: other.title for other in course.lessons}

    def _prerequisites(self) -> list[str]:
        return [f"{pid[:2]} {self._titles.get(pid, pid)}" for pid in self.lesson.prerequisites]

    def __str__(self) -> str:
        lesson = self.lesson
        lines = [f"Lesson {lesson.number}: {lesson.title}", f"Time: {lesson.minutes}",
                 "Before this lesson: " + ("; ".join(self._prerequisites()) or "nothing")]
        if lesson.questions:
            lines += ["", "Questions this lesson answers:", *(f"  - {q}" for q in lesson.questions)]
        if lesson.objectives:
            lines += ["", "By the end you can:", *(f"  - {o.text}" for o in lesson.objectives)]
        return "\n".join(lines)

    __repr__ = __str__

    def _repr_html_(self) -> str:
        from coursekit.markup import escape, inline_html

        lesson = self.lesson
        parts = [f"<p><strong>Lesson {escape(lesson.number)}: {escape(lesson.title)}</strong><br>"
                 f"Time: {escape(lesson.minutes)} · Before this lesson: "
                 f"{escape('; '.join(self._prerequisites()) or 'nothing')}</p>"]
        if lesson.questions:
            items = "".join(f"<li>{inline_html(q)}</li>" for q in lesson.questions)
            parts.append(f"<p><strong>Questions this lesson answers</strong></p><ul>{items}</ul>")
        if lesson.objectives:
            items = "".join(f"<li>{inline_html(o.text)}</li>" for o in lesson.objectives)
            parts.append(f"<p><strong>By the end you can</strong></p><ul>{items}</ul>")
        return "<div class='coursekit-frame' role='note'>" + "".join(parts) + "</div>"


class KeyPoints:
    """What a lesson ends with: its key points and further reading (with links)."""

    def __init__(self, lesson: Lesson) -> None:
        self.lesson = lesson

    def __str__(self) -> str:
        lines = [f"Key points of lesson {self.lesson.number}:", *(f"  - {p}" for p in self.lesson.key_points)]
        if self.lesson.further_reading:
            lines += ["", "Further reading:"]
            for r in self.lesson.further_reading:
                lines.append(f"  - {r.title} ({r.source})" + (f": {r.why}" if r.why else ""))
                if r.url:
                    lines.append(f"    {r.url}")
        lines += ["", "Words you met: coursekit.glossary()"]
        return "\n".join(lines)

    __repr__ = __str__

    def _repr_html_(self) -> str:
        from coursekit.markup import escape, inline_html

        points = "".join(f"<li>{inline_html(p)}</li>" for p in self.lesson.key_points)
        html = f"<p><strong>Key points</strong></p><ul>{points}</ul>"
        if self.lesson.further_reading:
            items = []
            for r in self.lesson.further_reading:
                title = (f"<a href='{escape(r.url)}' rel='noopener noreferrer' target='_blank' "
                         f"style='text-decoration: underline'>{escape(r.title)}</a>" if r.url else escape(r.title))
                items.append(f"<li>{title} <small>({escape(r.source)})</small>"
                             + (f": {escape(r.why)}" if r.why else "") + "</li>")
            html += f"<p><strong>Further reading</strong></p><ul>{''.join(items)}</ul>"
        html += "<p>Words you met: run <code>coursekit.glossary()</code>.</p>"
        return "<div class='coursekit-key-points' role='note'>" + html + "</div>"


def lesson_frame(lesson_id: str) -> LessonFrame:
    """The frame a lesson opens with: title, time range, prerequisites, framing questions and
    objectives, from ``data/course.yaml``.

    >>> frame = lesson_frame("03_security_council")
    >>> str(frame).splitlines()[0]
    'Lesson 03: The Security Council decides'
    """
    course = load_course()
    return LessonFrame(course.lesson(lesson_id), course)


def key_points(lesson_id: str) -> KeyPoints:
    """What a lesson ends with: its key points and further reading, from ``data/course.yaml``.

    >>> str(key_points("00_start_here")).splitlines()[0]
    'Key points of lesson 00:'
    """
    return KeyPoints(load_course().lesson(lesson_id))
