"""coursekit.quizzes.review: the cumulative quiz and the score per lesson."""
from __future__ import annotations

import pytest

from coursekit.quizzes.bank import load_all_banks
from coursekit.progress.store import BankScore
from coursekit.quizzes.review import NOT_REVIEWED, REVIEW_BANK, draw_review, objective_table, score_table


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
    lesson_banks = [b for b in banks if b.id != REVIEW_BANK and b.id not in NOT_REVIEWED]
    assert "00_start_here" in NOT_REVIEWED and len(lesson_banks) >= 7
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


# --- results per objective ---------------------------------------------------------------

def _course_and_bank():
    from coursekit.course import load_course
    from coursekit.quizzes.bank import load_bank

    return load_course(), load_bank("05_consent_and_legitimacy")


def test_objective_table_lists_every_objective_in_course_order(banks):
    course, _ = _course_and_bank()
    table = objective_table(banks, {}, course)
    assert [r.objective for r in table] == [o.id for lesson in course.lessons for o in lesson.objectives]
    assert all(r.questions >= 1 and r.answered == 0 and r.score == 0 for r in table)


def test_objective_table_adds_up_the_lesson_and_counts_a_review_answer_once():
    course, bank = _course_and_bank()
    graded = [q for q in bank.questions if q.graded and q.objective == "05-principles"]
    one, two = graded[0], graded[1]
    records = {bank.id: {one.id: {"score": 0.75, "tries": 2}},
               REVIEW_BANK: {one.id: {"score": 1.0, "tries": 1}, two.id: {"score": 0.0, "tries": 1}}}
    row = next(r for r in objective_table([bank], records, course) if r.objective == "05-principles")
    assert row.points == sum(q.points for q in bank.questions if q.graded and q.objective == "05-principles")
    assert row.score == 1.0  # the better of 0.75 (lesson) and 1.0 (review); 0 for the other
    assert row.answered == 2 and row.percent == round(100 / row.points)
    assert "05-principles" in str(objective_table([bank], records, course))


def test_an_objective_served_only_by_written_answers_says_so():
    from coursekit.course import load_course
    from coursekit.quizzes.bank import load_bank

    table = objective_table([load_bank("08_review")], {}, load_course())
    row = next(r for r in table if r.objective == "08-connect")
    assert row.percent is None and row.questions == 1
    assert "written answers" in str(table) and "written answers" in table._repr_html_()


def test_html_of_the_objective_table_is_escaped(banks):
    from dataclasses import replace

    from coursekit.course import load_course
    from coursekit.quizzes.review import ObjectiveTable

    row = objective_table(banks, {}, load_course())[0]
    table = ObjectiveTable([replace(row, text="<b>bold</b>")])
    assert "<b>bold</b>" not in table._repr_html_() and "&lt;b&gt;" in table._repr_html_()


def test_my_scores_by_something_else_is_refused():
    from coursekit.quizzes.review import my_scores

    with pytest.raises(ValueError, match="objective"):
        my_scores(by="week")


def test_the_review_reads_the_lesson_banks_in_order_and_picks_only_candidates(banks):
    from coursekit.quizzes.review import PER_BANK, candidates, reviewed_banks

    read = reviewed_banks(banks)
    assert [b.id for b in read] == sorted(b.id for b in banks if b.id != REVIEW_BANK and b.id not in NOT_REVIEWED)
    for bank in read:
        assert candidates(bank) == [q for q in bank.questions if q.graded and not q.drawn]
    # Questions drawn from the course data (lesson 06's verdicts, lesson 02's ordering) are never picked.
    assert any(q.drawn for b in read for q in b.questions)
    everything = draw_review(banks, "ada", per_bank=1000)
    assert [(q.bank, q.id) for q in everything] == [(b.id, q.id) for b in read for q in candidates(b)]
    assert len(draw_review(banks, "ada")) == sum(min(PER_BANK, len(candidates(b))) for b in read)


def test_the_review_quiz_has_its_title(monkeypatch):
    import coursekit.quizzes.widgets
    from coursekit.quizzes.review import REVIEW_TITLE, review_quiz

    seen = {}
    monkeypatch.setattr(coursekit.quizzes.widgets, "quiz", lambda bank, **kw: seen.update(bank=bank, **kw))
    review_quiz(per_bank=1)
    assert seen["bank"] == REVIEW_BANK and seen["title"] == REVIEW_TITLE == "Review: questions from every lesson"
