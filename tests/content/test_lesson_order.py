"""Consent is taught before any question tests it.

Walking the lessons in the order of ``data/course.yaml``, cell by cell, the first cell that
teaches the principle (a markdown cell that states it: "**Consent of the parties**") must
come before the first cell that asks a question about it: an ``ask`` cell whose question, or
a ``quiz`` cell whose bank (the questions it shows), mentions consent.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import coursekit
from coursekit.quizzes.bank import load_bank

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = ROOT / "notebooks"

TEACHES = re.compile(r"\*\*Consent of the parties\*\*", re.IGNORECASE)
MENTIONS = re.compile(r"\bconsent", re.IGNORECASE)
ASK = re.compile(r"""coursekit\.ask\(\s*["']([^"']+)["']\s*,\s*["']([^"']+)["']""")
QUIZ = re.compile(r"""coursekit\.quiz\(\s*["']([^"']+)["']""")


def _question_text(q) -> str:
    return " ".join(str(v) for v in vars(q).values())


def _events(notebooks: Path) -> list[tuple[tuple[int, int], str, str]]:
    """``((lesson number, cell number), "teaches" | "asks", where)`` in course order."""
    events = []
    for n, lesson in enumerate(coursekit.load_course().lessons):
        path = notebooks / f"{lesson.id}.ipynb"
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        for i, cell in enumerate(cells):
            text = "".join(cell["source"])
            where = f"{lesson.id} cell {i}"
            if cell["cell_type"] == "markdown" and TEACHES.search(text):
                events.append(((n, i), "teaches", where))
            if cell["cell_type"] != "code":
                continue
            for bank_id, qid in ASK.findall(text):
                if MENTIONS.search(_question_text(load_bank(bank_id).question(qid))):
                    events.append(((n, i), "asks", f"{where} ({qid})"))
            for bank_id in QUIZ.findall(text):
                shown = [q for q in load_bank(bank_id).questions if not q.inline]
                about = [q.id for q in shown if MENTIONS.search(_question_text(q))]
                if about:
                    events.append(((n, i), "asks", f"{where} ({', '.join(about)})"))
    return sorted(events)


def _first_problem(notebooks: Path) -> str | None:
    events = _events(notebooks)
    taught = [e for e in events if e[1] == "teaches"]
    asked = [e for e in events if e[1] == "asks"]
    assert taught and asked, "the course should both teach and test consent"
    if asked[0][0] < taught[0][0]:
        return f"{asked[0][2]} tests consent before {taught[0][2]} teaches it"
    return None


def test_consent_is_taught_before_it_is_tested():
    assert _first_problem(NOTEBOOKS) is None


def test_a_question_moved_before_the_teaching_is_caught(tmp_path):
    for path in NOTEBOOKS.glob("*.ipynb"):
        (tmp_path / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    events = _events(NOTEBOOKS)
    first_teaching = next(e for e in events if e[1] == "teaches")
    lesson_id = first_teaching[2].split(" cell ")[0]
    nb_path = tmp_path / f"{lesson_id}.ipynb"
    nb = json.loads(nb_path.read_text(encoding="utf-8"))
    asking = next(e for e in events if e[1] == "asks" and e[0] > first_teaching[0])
    asking_lesson, asking_cell = asking[2].split(" (")[0].split(" cell ")
    source_nb = json.loads((tmp_path / f"{asking_lesson}.ipynb").read_text(encoding="utf-8"))
    moved = source_nb["cells"][int(asking_cell)]
    nb["cells"].insert(0, moved)  # the question now comes first in the teaching lesson
    nb_path.write_text(json.dumps(nb), encoding="utf-8")
    problem = _first_problem(tmp_path)
    assert problem is not None and "tests consent before" in problem
