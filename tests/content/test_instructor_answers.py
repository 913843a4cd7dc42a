"""The instructors' page of model answers for lessons 04-08 keeps up with the banks: every
written answer of those lessons is there, with its model answer and every line of its rubric."""
from __future__ import annotations

from pathlib import Path

import pytest

from coursekit.quizzes.bank import load_bank

ROOT = Path(__file__).resolve().parents[2]
PAGE = ROOT / "docs" / "instructor" / "answers-04-08.md"
LESSONS = ["04_actors_and_interests", "05_consent_and_legitimacy", "06_reading_critically",
           "07_names_and_framing", "08_review"]


def _flat(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize("lesson", LESSONS)
def test_every_written_answer_is_on_the_page_with_its_model_answer_and_rubric(lesson):
    page = _flat(PAGE.read_text(encoding="utf-8"))
    written = [q for q in load_bank(lesson).questions if q.type == "reflection"]
    assert written, f"{lesson} has no written answer"
    for q in written:
        assert f"`{q.id}`" in page, f"{q.id} is not on {PAGE.name}"
        assert q.rubric and q.model_answer, f"{q.id}: a written answer needs a rubric and a model answer"
        assert _flat(q.model_answer) in page, f"{q.id}: its model answer on {PAGE.name} is not the bank's"
        for line in q.rubric:
            assert _flat(line) in page, f"{q.id}: rubric line missing from {PAGE.name}: {line!r}"


def test_every_lesson_has_a_section_on_the_page():
    page = PAGE.read_text(encoding="utf-8")
    for lesson in LESSONS:
        assert f"## Lesson {lesson[:2]} " in page, lesson
