"""The course review: a cumulative quiz drawn from every lesson's bank, scores per lesson, and a
lesson's answers set beside the right ones (only for the questions a student has finished)."""
from __future__ import annotations

import hashlib
import random
from dataclasses import dataclass
from html import escape
from typing import Sequence

from coursekit.markup import TextAndTable

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


class ScoreTable(TextAndTable, list):
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

    def _repr_html_(self) -> str:
        rows = "".join(
            f"<tr><td>{escape(r.title)}</td><td>{r.answered} of {r.questions}</td>"
            f"<td>{_num(r.score)}/{_num(r.points)} ({r.percent}%)</td></tr>" for r in self)
        return self._table(["Lesson", "Answered", "Score"], rows)

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


@dataclass(frozen=True)
class AnswerRow:
    """One question in :func:`my_answers`: the student's answer and, once the question is
    finished, the right one (``key``); both "" when there is nothing to show."""

    question: str
    status: str
    yours: str
    key: str


#: Width of a column in the plain-text table (the HTML shows everything).
_COLUMN = 48


class MyAnswers(TextAndTable, list):
    """A student's answers to a lesson, each beside the right one once finished; prints
    as a table. ``title`` names the lesson."""

    title = ""

    def __str__(self) -> str:
        if not self:
            return f"{self.title}: no questions"
        width = max(len("question"), *(len(r.question) for r in self))
        lines = [self.title, f"{'question':<{width}}  {'status':<14}  {'your answer':<{_COLUMN}}  the record"]
        for r in self:
            lines.append(f"{r.question:<{width}}  {r.status:<14}  {_cut(r.yours or '-'):<{_COLUMN}}  "
                         f"{_cut(r.key or '-')}")
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        rows = "".join(
            f"<tr><td><code>{escape(r.question)}</code></td><td>{escape(r.status)}</td>"
            f"<td style='text-align:left'>{escape(r.yours) or '–'}</td>"
            f"<td style='text-align:left'>{escape(r.key) or '–'}</td></tr>" for r in self)
        return (f"<p><strong>{escape(self.title)}</strong></p>"
                + self._table(["Question", "Status", "Your answer", "The record"], rows,
                              " class='coursekit-my-answers'"))


def _cut(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= _COLUMN else text[: _COLUMN - 1] + "…"


def answer_rows(questions: Sequence, records: dict) -> list[AnswerRow]:
    """The rows of :func:`my_answers` from questions and the saved records by question id.
    The right answer is shown only for a finished question: never before the student has
    answered, nor while they still have tries.

    >>> from coursekit.quizzes.bank import question_from_dict
    >>> q = question_from_dict({"id": "veto", "type": "truefalse", "answer": True,
    ...     "prompt": "One permanent member can block a resolution.", "explanation": "Art. 27."})
    >>> answer_rows([q], {})[0]
    AnswerRow(question='veto', status='not answered', yours='', key='')
    >>> answer_rows([q], {"veto": {"answer": False, "tries": 1, "finished": True, "status": "wrong"}})[0].key
    'True'
    """
    from coursekit.quizzes.questions import QuestionState

    rows = []
    for q in questions:
        st = QuestionState.from_record(records.get(q.id))
        yours = q.given_text(st.answer) if st.answered else ""
        rows.append(AnswerRow(q.id, st.status, yours, q.answer_text() if st.finished else ""))
    return rows


def my_answers(bank: str, only: str | None = None) -> MyAnswers:
    """Your answers to a lesson's questions, each beside the right one (the record) once
    you have finished it; nothing is shown for a question you have not answered.

    ``only="inline"`` keeps the questions the lesson asks in its text (lesson 06: your
    verdicts on the article's claims), ``only="quiz"`` those of its end-of-lesson quiz.

    >>> print(my_answers("06_reading_critically", only="inline"))
    Your answers: Reading critically
    question                 status        your answer    the record
    verdict-salgado-date     not answered  -              -
    ...
    """
    from coursekit.quizzes.bank import load_bank
    from coursekit.progress.store import ProgressStore

    if only not in (None, "inline", "quiz"):
        raise ValueError(f'only should be "inline", "quiz" or None, not {only!r}')
    loaded = load_bank(bank)
    questions = [q for q in loaded.questions if only is None or q.inline == (only == "inline")]
    out = MyAnswers(answer_rows(questions, ProgressStore().bank(loaded.id)))
    out.title = f"Your answers: {loaded.title}"
    return out


def review_quiz(per_bank: int = 2):
    """The cumulative quiz: ``per_bank`` questions from every lesson, chosen for you."""
    from coursekit.quizzes.bank import load_all_banks
    from coursekit.progress.store import ProgressStore
    from coursekit.quizzes.widgets import quiz

    questions = draw_review(load_all_banks(), ProgressStore().student(), per_bank)
    return quiz(REVIEW_BANK, questions=questions, title="Review: questions from every lesson")
