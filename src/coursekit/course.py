"""The course as a whole: its title and lesson list, read from data/course.yaml."""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from coursekit.datafiles.schema import TEXT_SCHEMA, schema_problems
from coursekit.datafiles.yamlfile import LineDict, display_path, load_yaml, load_yaml_or_problems
from coursekit.errors import DataError, Problem
from coursekit.datafiles.paths import data_dir

_ID = re.compile(r"^\d\d_[a-z0-9_]+$")


@dataclass(frozen=True)
class Lesson:
    """One lesson: its notebook id (``01_reading_the_article``), title, summary, minutes."""

    id: str
    title: str
    summary: str
    minutes: int

    @property
    def notebook(self) -> str:
        return f"{self.id}.ipynb"


@dataclass(frozen=True)
class Course:
    title: str
    lessons: tuple[Lesson, ...]

    def __str__(self) -> str:
        rows = [self.title, ""]
        rows += [f"{l.id[:2]}  {l.title} ({l.minutes} min): {l.summary}" for l in self.lessons]
        return "\n".join(rows)

    __repr__ = __str__

    def _repr_html_(self) -> str:
        from html import escape

        items = "".join(
            f"<li><a href='{escape(l.notebook)}'>{escape(l.title)}</a> "
            f"<small>({l.minutes} min)</small>: {escape(l.summary)}</li>"
            for l in self.lessons
        )
        return f"<p><strong>{escape(self.title)}</strong></p><ol start='0'>{items}</ol>"


#: What data/course.yaml must look like (checked with jsonschema).
SCHEMA = {
    "type": "object",
    "required": ["title", "lessons"],
    "properties": {
        "title": TEXT_SCHEMA,
        "article": {"type": "string"},
        "lessons": {"type": "array", "minItems": 1, "items": {
            "type": "object",
            "required": ["id", "title", "summary", "minutes"],
            "additionalProperties": False,
            "properties": {
                "id": {"type": "string", "pattern": _ID.pattern,
                       "description": "must look like 03_security_council (two digits, "
                                      "underscore, lowercase)"},
                "title": TEXT_SCHEMA,
                "summary": TEXT_SCHEMA,
                "minutes": {"type": "integer", "minimum": 1},
            },
        }},
    },
}


def _check(raw, shown: str) -> list[Problem]:
    lessons = raw.get("lessons") if isinstance(raw, dict) else None
    problems = schema_problems(raw, SCHEMA, shown, ("lessons", "lesson"))
    seen: set[str] = set()
    for lesson in lessons if isinstance(lessons, list) else []:
        if isinstance(lesson, LineDict) and isinstance(lesson.get("id"), str):
            if lesson["id"] in seen:
                problems.append(Problem(shown, lesson.line_of("id"), f'lesson "{lesson["id"]}"',
                                        "id", "appears twice"))
            seen.add(lesson["id"])
    return problems


def load_course(data: str | Path | None = None) -> Course:
    """Read ``data/course.yaml``.

    >>> course = load_course()
    >>> course.lessons[0].id
    '00_start_here'
    """
    path = data_dir(data) / "course.yaml"
    shown = display_path(path)
    raw = load_yaml(path)
    problems = _check(raw, shown)
    if problems:
        raise DataError(problems)
    lessons = tuple(
        Lesson(l["id"], l["title"].strip(), l["summary"].strip(), l["minutes"]) for l in raw["lessons"]
    )
    return Course(raw["title"].strip(), lessons)


def check_course(data: Path) -> list[Problem]:
    """Every problem in ``data/course.yaml`` (for ``coursekit validate``)."""
    path = Path(data) / "course.yaml"
    raw, problems = load_yaml_or_problems(path)
    return problems or _check(raw, display_path(path))
