"""coursekit: a notebook course on UN peacekeeping politics, taught from one news article.

This module is the course's public API: the names below are all a lesson (or an
instructor's notebook) needs, so notebooks only ever ``import coursekit``. Each name
loads its module on first use, so ``import coursekit`` stays fast and imports neither
matplotlib, pandas nor ipywidgets.

The library behind it is grouped by capability:

- ``coursekit.datafiles``: finds the ``data/`` folder, reads its files safely, checks
  them against their JSON Schemas (what ``coursekit validate`` runs);
- ``coursekit.reading``: the article, its actors and the claims lessons 06 and 07 check;
- ``coursekit.timeline``: the events, their layout, the figure and the explorer;
- ``coursekit.council``: Article 27's voting rule, the scenarios and the simulator;
- ``coursekit.quizzes``: question types, banks, the quiz widgets, the review, GIFT;
- ``coursekit.progress``: the saved answers, the export file and the gradebook.

>>> import coursekit
>>> art = coursekit.load_article()
>>> len(art.paragraphs)
25
>>> coursekit.load_council().outcome_of("resolution-2690").verdict
'adopted'
"""
from __future__ import annotations

import importlib
import sys

__version__ = "0.1.0"

#: public name -> "module:attribute" that defines it, grouped as in the lessons.
_LAZY = {
    # The course and its data
    "load_course": "coursekit.course:load_course",
    "lesson_frame": "coursekit.course:lesson_frame",
    "key_points": "coursekit.course:key_points",
    "validate": "coursekit.datafiles.validate:validate",
    # Reading the article (lessons 01, 04, 06, 07)
    "load_article": "coursekit.reading.article:load_article",
    "Article": "coursekit.reading.article:Article",
    "load_actors": "coursekit.reading.actors:load_actors",
    "voices": "coursekit.reading.actors:voices",
    # Every side in its own words, contributors, other missions (lessons 04, 05)
    "in_their_words": "coursekit.reading.voices:in_their_words",
    "load_voices": "coursekit.reading.voices:load_voices",
    "load_contributors": "coursekit.reading.voices:load_contributors",
    "load_missions": "coursekit.reading.voices:load_missions",
    "load_claims": "coursekit.reading.claims:load_claims",
    "compare_date": "coursekit.reading.claims:compare_date",
    "compare_number": "coursekit.reading.claims:compare_number",
    "glossary": "coursekit.reading.glossary:glossary",
    # The timeline (lesson 02)
    "load_timeline": "coursekit.timeline.events:load_timeline",
    "explore_timeline": "coursekit.timeline.widgets:explore_timeline",
    # The Security Council (lesson 03)
    "load_council": "coursekit.council.votes:load_council",
    "load_mandates": "coursekit.council.mandates:load_mandates",
    "vote_simulator": "coursekit.council.widgets:vote_simulator",
    # Quizzes, the review and the instructor's tools (every lesson, 08, the guide)
    "quiz": "coursekit.quizzes.widgets:quiz",
    "ask": "coursekit.quizzes.widgets:ask",
    "load_bank": "coursekit.quizzes.bank:load_bank",
    "question_from_dict": "coursekit.quizzes.bank:question_from_dict",
    "export_gift": "coursekit.quizzes.gift:export_gift",
    "my_scores": "coursekit.quizzes.review:my_scores",
    "review_quiz": "coursekit.quizzes.review:review_quiz",
    "my_answers": "coursekit.quizzes.review:my_answers",
    # A student's work
    "export_answers": "coursekit.progress.export:export_answers",
    "my_name": "coursekit.progress.widgets:my_name",
    "import_answers": "coursekit.progress.widgets:import_answers",
    # Errors an instructor may catch
    "CourseError": "coursekit.errors:CourseError",
    "DataError": "coursekit.errors:DataError",
}

__all__ = sorted(_LAZY) + ["__version__"]


def __getattr__(name: str):
    target = _LAZY.get(name)
    if target is None:
        raise AttributeError(f"module 'coursekit' has no attribute {name!r}")
    if "IPython" in sys.modules:  # in a notebook, a CourseError prints as one line
        importlib.import_module("coursekit.notebook").install()
    module, attribute = target.split(":")
    value = getattr(importlib.import_module(module), attribute)
    globals()[name] = value
    return value


def __dir__():
    return sorted(set(globals()) | set(_LAZY))
