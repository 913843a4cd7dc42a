"""coursekit.quizzes.review: the cumulative quiz and the score per lesson."""
from __future__ import annotations

import pytest

from coursekit.quizzes.bank import load_all_banks
from coursekit.progress.store import BankScore
from coursekit.quizzes.review import REVIEW_BANK, draw_review, score_table


@pytest.fixture(scope="module")
def banks():
    return load_all_banks()


def test_review_is_stable_per_student_and_differs_between_students(banks):
    a1 = [q.id for q in draw_review(banks, "ada")]
    assert a1 == [q.id for q in draw_review(banks, "ada")]
    others = {tuple(q.id for q in draw_review(banks, f"student-{i}")) for i in range(10)}
    assert len(others) > 1


def test_review_draws_from_every_lesson_and_no_reflections(banks):
    picked = draw_review(banks, "ada", per_bank=2)
    lesson_banks = [b for b in banks if b.id != REVIEW_BANK]
    assert {q.bank for q in picked} == {b.id for b in lesson_banks if any(
        q.type != "reflection" for q in b.questions)}
    assert all(q.type != "reflection" for q in picked)
    assert len({q.id for q in picked}) == len(picked)
    with pytest.raises(ValueError):
        draw_review(banks, "ada", per_bank=0)


def test_score_table_joins_saved_scores(banks):
    first = sorted(banks, key=lambda b: b.id)[0]
    scores = {first.id: BankScore(first.id, 1.5, 3.0, 2, len(first.questions))}
    table = score_table(banks, scores)
    row = next(r for r in table if r.lesson == first.id)
    assert (row.score, row.points, row.percent) == (1.5, 3.0, 50)
    others = [r for r in table if r.lesson != first.id]
    assert all(r.score == 0 and r.answered == 0 for r in others)
    text = str(table)
    assert "1.5/3 (50%)" in text and text.splitlines()[-1].startswith("total")
    assert "highest" in table.describe()


def test_empty_progress_is_described_in_words(banks):
    table = score_table(banks, {})
    assert "no question answered yet" in table.describe()
    chart = table.plot()
    assert chart.description == table.describe()
