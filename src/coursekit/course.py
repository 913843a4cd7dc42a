"""The course as a whole: its title and lesson list, read from data/course.yaml."""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .datafiles import LineDict, display_path, load_yaml, load_yaml_or_problems
from .errors import DataError, Problem
from .paths import data_dir

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


def _check(raw, shown: str) -> list[Problem]:
    problems: list[Problem] = []
    if not isinstance(raw, LineDict):
        return [Problem(shown, None, None, None, "must be a mapping with `title` and `lessons`")]
    if not isinstance(raw.get("title"), str) or not raw.get("title", "").strip():
        problems.append(Problem(shown, raw.line_of("title"), None, "title", "is missing or empty"))
    lessons = raw.get("lessons")
    if not isinstance(lessons, list) or not lessons:
        problems.append(Problem(shown, raw.line_of("lessons"), None, "lessons", "must be a non-empty list"))
        return problems
    seen: set[str] = set()
    for i, lesson in enumerate(lessons, 1):
        line = getattr(lesson, "line", None)
        if not isinstance(lesson, dict):
            problems.append(Problem(shown, line, f"lesson {i}", None, "must be a mapping"))
            continue
        item = f'lesson "{lesson.get("id", i)}"'
        lid = lesson.get("id")
        if not isinstance(lid, str) or not _ID.match(lid):
            problems.append(Problem(shown, lesson.line_of("id"), item, "id",
                                    "must look like 03_security_council (two digits, underscore, lowercase)"))
        elif lid in seen:
            problems.append(Problem(shown, lesson.line_of("id"), item, "id", "appears twice"))
        else:
            seen.add(lid)
        for field in ("title", "summary"):
            if not isinstance(lesson.get(field), str) or not lesson.get(field, "").strip():
                problems.append(Problem(shown, lesson.line_of(field), item, field, "is missing or empty"))
        minutes = lesson.get("minutes")
        if not isinstance(minutes, int) or isinstance(minutes, bool) or minutes <= 0:
            problems.append(Problem(shown, lesson.line_of("minutes"), item, "minutes",
                                    "must be a whole number of minutes above 0"))
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
