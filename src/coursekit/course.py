"""The course as a whole: its title and lesson list, read from data/course.yaml."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from coursekit.datafiles.paths import data_folder
from coursekit.datafiles.schema import ID_PATTERN, TEXT_SCHEMA
from coursekit.datafiles.validate import check_yaml, load_checked, named_items, repeats, schema_check
from coursekit.errors import Problem

FILE_NAME = "course.yaml"
#: A lesson's id is its notebook's name: two digits, an underscore, lowercase words.
LESSON_ID = r"^\d\d_[a-z0-9_]+$"


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

    def __str__(self) -> str:
        return f"{self.id[:2]}  {self.title} ({self.minutes} min): {self.summary}"


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
        from html import escape

        items = "".join(
            f"<li><a href='{escape(lesson.notebook)}' style='text-decoration: underline'>{escape(lesson.title)}</a> "
            f"<small>({lesson.minutes} min)</small>: {escape(lesson.summary)}</li>"
            for lesson in self.lessons
        )
        return f"<p><strong>{escape(self.title)}</strong></p><ol start='0'>{items}</ol>"


#: What data/course.yaml must look like (written to data/course.schema.json).
SCHEMA = {
    "title": "data/course.yaml: the course's title and its lessons, in order",
    "type": "object",
    "required": ["id", "title", "lessons"],
    "additionalProperties": False,
    "properties": {
        "id": {"type": "string", "pattern": ID_PATTERN,
               "description": "the course's id (lowercase words and hyphens); exports carry it"},
        "title": TEXT_SCHEMA,
        "lessons": {"type": "array", "minItems": 1, "items": {
            "type": "object",
            "required": ["id", "title", "summary", "minutes"],
            "additionalProperties": False,
            "properties": {
                "id": {"type": "string", "pattern": LESSON_ID,
                       "description": "must look like 03_security_council (two digits, "
                                      "underscore, lowercase): the notebook's name"},
                "title": TEXT_SCHEMA,
                "summary": TEXT_SCHEMA,
                "minutes": {"type": "integer", "minimum": 1, "description": "how long it takes"},
            },
        }},
    },
}


def _problems(raw, shown: str) -> list[Problem]:
    # What the schema cannot say: each lesson once.
    return (schema_check(raw, SCHEMA, shown, {"lessons": "lesson"})
            + repeats(named_items(raw, "lessons", "lesson"), "id", shown))


def load_course(data_dir: str | Path | None = None) -> Course:
    """Read ``course.yaml`` from the data folder ``data_dir`` (found when ``None``).

    Raises :class:`~coursekit.errors.DataError` naming the file, line, lesson and field.

    >>> course = load_course()
    >>> course.lessons[0].id
    '00_start_here'
    """
    raw = load_checked(data_folder(data_dir) / FILE_NAME, _problems)
    lessons = tuple(Lesson(d["id"], d["title"].strip(), d["summary"].strip(), d["minutes"]) for d in raw["lessons"])
    return Course(raw["title"].strip(), lessons, raw["id"])


def check_course(data_dir: Path) -> list[Problem]:
    """Every problem in ``course.yaml`` of the data folder ``data_dir`` (for ``coursekit validate``)."""
    return check_yaml(Path(data_dir) / FILE_NAME, _problems)[1]
