"""Checking every instructor's file at once: what `coursekit validate` runs."""
from __future__ import annotations

import importlib
from pathlib import Path

from coursekit.errors import Problem

#: (what it checks, "module:function"); each function takes the data folder and
#: returns a list of :class:`~coursekit.errors.Problem`, never raising for bad data.
CHECKERS = [
    ("course", "coursekit.course:check_course"),
    ("article", "coursekit.reading.article:check_article"),
    ("actors", "coursekit.reading.actors:check_actors"),
    ("timeline", "coursekit.timeline.events:check_timeline"),
    ("quizzes", "coursekit.quizzes.bank:check_banks"),
    ("council", "coursekit.council.votes:check_council"),
    ("claims", "coursekit.reading.claims:check_claims"),
]


def validate_all(data: Path) -> tuple[list[Problem], list[str]]:
    """Run every checker over the data folder ``data``.

    Returns the problems found and the names of what was checked.
    """
    problems: list[Problem] = []
    checked: list[str] = []
    for name, target in CHECKERS:
        module, func = target.split(":")
        problems.extend(getattr(importlib.import_module(module), func)(Path(data)))
        checked.append(name)
    return problems, checked
