"""coursekit: a notebook course on UN peacekeeping politics, taught from one news article.

The names below are what a lesson uses. They load their modules on first use, so
``import coursekit`` stays fast and imports neither matplotlib nor pandas.

>>> import coursekit
>>> art = coursekit.load_article()
>>> len(art.paragraphs)
25
"""
from __future__ import annotations

import importlib

__version__ = "0.1.0"

# public name -> module that defines it
_LAZY = {
    "load_article": "coursekit.reading.article",
    "Article": "coursekit.reading.article",
    "load_actors": "coursekit.reading.actors",
    "quiz": "coursekit.quizzes.widgets",
    "export_answers": "coursekit.progress.export",
    "load_timeline": "coursekit.timeline.events",
    "explore_timeline": "coursekit.timeline.widgets",
    "vote_simulator": "coursekit.council.widgets",
    "CourseError": "coursekit.errors",
    "DataError": "coursekit.errors",
}

__all__ = sorted(_LAZY) + ["__version__"]


def __getattr__(name: str):
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'coursekit' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__():
    return sorted(set(globals()) | set(_LAZY))
