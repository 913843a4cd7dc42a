"""The course review: a cumulative quiz drawn from every lesson's bank, and scores per lesson."""
from __future__ import annotations

import hashlib
import random
from dataclasses import dataclass
from html import escape
from typing import Sequence

#: The bank id the review's answers are saved under.
REVIEW_BANK = "07_review"


def draw_review(banks: Sequence, student: str, per_bank: int = 2) -> list:
    """Pick ``per_bank`` graded questions from each lesson bank, the same ones for the
    same student every time (the seed is the student's id), in lesson order.

    ``banks`` are :class:`coursekit.quizzes.bank.Bank` objects (``.id``, ``.questions``);
    reflections, the review's own bank and questions the loader drew from the course
    data are never picked (those change when the data does, and a review must not).

    >>> from coursekit.quizzes.bank import load_all_banks
    >>> banks = load_all_banks()
    >>> picked = draw_review(banks, student="ada")
    >>> [q.id for q in picked] == [q.id for q in draw_review(banks, student="ada")]
    True
    >>> any(q.bank == "02_timeline" for q in picked)
    True
    """
    if per_bank < 1:
        raise ValueError("per_bank must be at least 1")
    picked = []
    for bank in sorted(banks, key=lambda b: b.id):
        if bank.id == REVIEW_BANK:
            continue
        graded = [q for q in bank.questions if q.graded and not q.drawn]
        seed = int(hashlib.sha256(f"{student}:{bank.id}:review".encode()).hexdigest()[:16], 16)
        chosen = random.Random(seed).sample(graded, min(per_bank, len(graded)))
        picked.extend(sorted(chosen, key=graded.index))
    return picked


@dataclass(frozen=True)
class LessonScore:
    lesson: str
    title: str
    score: float
    points: float
    answered: int
    questions: int

    @property
    def percent(self) -> int:
        return round(100 * self.score / self.points) if self.points else 0


class ScoreTable(list):
    """A student's score per lesson; prints as a table, ``plot()`` draws it."""

    def __str__(self) -> str:
        width = max((len(r.title) for r in self), default=6)
        lines = [f"{'lesson':<{width}}  answered  score"]
        for r in self:
            lines.append(f"{r.title:<{width}}  {r.answered:>3} of {r.questions:<3} "
                         f"{_num(r.score)}/{_num(r.points)} ({r.percent}%)")
        total = sum(r.score for r in self), sum(r.points for r in self)
        lines.append(f"{'total':<{width}}  {sum(r.answered for r in self):>3} of "
                     f"{sum(r.questions for r in self):<3} {_num(total[0])}/{_num(total[1])}")
        return "\n".join(lines)

    __repr__ = __str__

    def _repr_html_(self) -> str:
        rows = "".join(
            f"<tr><td>{escape(r.title)}</td><td>{r.answered} of {r.questions}</td>"
            f"<td>{_num(r.score)}/{_num(r.points)} ({r.percent}%)</td></tr>" for r in self)
        return ("<table><thead><tr><th>Lesson</th><th>Answered</th><th>Score</th></tr></thead>"
                f"<tbody>{rows}</tbody></table>")

    def describe(self) -> str:
        if not any(r.answered for r in self):
            return (f"Bar chart of your score in each of {len(self)} lessons: "
                    "no question answered yet, so every bar is at 0%.")
        best = max(self, key=lambda r: r.percent)
        worst = min(self, key=lambda r: r.percent)
        return (f"Bar chart of your score in each of {len(self)} lessons, as a percentage of its "
                f"points: highest {best.title} ({best.percent}%), lowest {worst.title} "
                f"({worst.percent}%); hatched bars are lessons with every question answered.")

    def plot(self):
        from coursekit.charts import bar_chart

        return bar_chart(
            labels=[r.title for r in self], values=[r.percent for r in self],
            marked=[r.questions > 0 and r.answered == r.questions for r in self],
            marked_label="every question answered", unmarked_label="questions left",
            xlabel="score (% of the lesson's points)", title="Your score per lesson",
            description=self.describe())


def _num(x: float) -> str:
    return f"{x:g}"


def score_table(banks: Sequence, scores: dict, course=None) -> ScoreTable:
    """Join lesson banks, saved scores (``progress.scores_by_bank``) and lesson titles."""
    titles = {lesson.id: lesson.title for lesson in course.lessons} if course is not None else {}
    rows = ScoreTable()
    for bank in sorted(banks, key=lambda b: b.id):
        if bank.id == REVIEW_BANK or bank.id.startswith("_"):
            continue
        sc = scores.get(bank.id)
        rows.append(LessonScore(bank.id, titles.get(bank.id, bank.title),
                                sc.score if sc else 0.0,
                                sc.points if sc else sum(q.points for q in bank.questions),
                                sc.answered if sc else 0, len(bank.questions)))
    return rows


def my_scores() -> ScoreTable:
    """Your score in each lesson's quiz, from your saved progress.

    >>> print(my_scores())
    lesson                        answered  score
    Start here                      ... of 4   .../4 (...%)
    ...
    """
    from coursekit.quizzes.bank import load_all_banks
    from coursekit.course import load_course
    from coursekit.progress.store import ProgressStore

    banks = load_all_banks()
    return score_table(banks, ProgressStore().scores_by_bank(banks), load_course())


def review_quiz(per_bank: int = 2):
    """The cumulative quiz: ``per_bank`` questions from every lesson, chosen for you."""
    from coursekit.quizzes.bank import load_all_banks
    from coursekit.progress.store import ProgressStore
    from coursekit.quizzes.widgets import quiz

    questions = draw_review(load_all_banks(), ProgressStore().student(), per_bank)
    return quiz(REVIEW_BANK, questions=questions, title="Review: questions from every lesson")
