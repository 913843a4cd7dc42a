"""The course review: a cumulative quiz drawn from every lesson's bank, scores per lesson and per
objective, and a lesson's answers set beside the right ones (only for the questions a student has
finished)."""
from __future__ import annotations

import hashlib
import random
from dataclasses import dataclass
from html import escape
from typing import Sequence

from coursekit.markup import TextAndTable, number

#: The bank id the review's answers are saved under.
REVIEW_BANK = "08_review"
#: Lessons about how the course works rather than its subject: the review draws nothing
#: from them (their questions still count in the scores).
NOT_REVIEWED = frozenset({"00_start_here"})
#: How many questions the review draws from each lesson's bank, unless told otherwise.
PER_BANK = 2
#: The review quiz's title, in the notebook and on the static site alike.
REVIEW_TITLE = "Review: questions from every lesson"


def reviewed_banks(banks: Sequence) -> list:
    """The banks the review draws from, in the order it reads them (by id): every bank
    but the review's own and those of :data:`NOT_REVIEWED`.

    >>> from coursekit.quizzes.bank import load_all_banks
    >>> [b.id for b in reviewed_banks(load_all_banks())][:2]
    ['01_reading_the_article', '02_timeline']
    """
    return [b for b in sorted(banks, key=lambda b: b.id) if b.id != REVIEW_BANK and b.id not in NOT_REVIEWED]


def candidates(bank) -> list:
    """The questions of ``bank`` the review may pick, in the bank's order: graded ones not
    drawn from the course data (those change when the data does, and a review must not)."""
    return [q for q in bank.questions if q.graded and not q.drawn]


def draw_review(banks: Sequence, student: str, per_bank: int = PER_BANK) -> list:
    """Pick ``per_bank`` graded questions from each lesson bank, the same ones for the
    same student every time (the seed is the student's id), in lesson order.

    ``banks`` are :class:`coursekit.quizzes.bank.Bank` objects (``.id``, ``.questions``);
    reflections, the review's own bank, lesson 00 (how the course works, not what it
    teaches) and questions the loader drew from the course data are never picked (those
    change when the data does, and a review must not).

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
    for bank in reviewed_banks(banks):
        graded = candidates(bank)
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
                         f"{number(r.score)}/{number(r.points)} ({r.percent}%)")
        total = sum(r.score for r in self), sum(r.points for r in self)
        lines.append(f"{'total':<{width}}  {sum(r.answered for r in self):>3} of "
                     f"{sum(r.questions for r in self):<3} {number(total[0])}/{number(total[1])}")
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        rows = "".join(self._row([escape(r.title), f"{r.answered} of {r.questions}",
                                  f"{number(r.score)}/{number(r.points)} ({r.percent}%)"], plain=(0, 1, 2))
                       for r in self)
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


@dataclass(frozen=True)
class ObjectiveScore:
    """A student's result on one lesson objective: the graded questions that serve it
    (``score`` of ``points``), and how many of all its questions, written ones included,
    are answered."""

    objective: str
    text: str
    score: float
    points: float
    answered: int
    questions: int

    @property
    def percent(self) -> int | None:
        """The score as a percentage, or None for an objective served by written answers only."""
        return round(100 * self.score / self.points) if self.points else None


def _objective_score(r: ObjectiveScore) -> str:
    """``"3/4 (75%)"``, or what an objective served by written answers only has instead."""
    return f"{number(r.score)}/{number(r.points)} ({r.percent}%)" if r.percent is not None else "written answers"


class ObjectiveTable(TextAndTable, list):
    """A student's results per objective, in the course's order; prints as a table."""

    def __str__(self) -> str:
        width = max((len(r.objective) for r in self), default=9)
        lines = [f"{'objective':<{width}}  answered  score"]
        for r in self:
            lines.append(f"{r.objective:<{width}}  {r.answered:>3} of {r.questions:<3} {_objective_score(r)}")
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        rows = "".join(self._row([f"<code>{escape(r.objective)}</code>", escape(r.text),
                                  f"{r.answered} of {r.questions}", _objective_score(r)], plain=(0, 2, 3))
                       for r in self)
        return self._table(["Objective", "You can…", "Answered", "Score"], rows)


def objective_table(banks: Sequence, records: dict, course) -> ObjectiveTable:
    """Results per objective of ``course`` from saved ``records`` (by bank id, then question
    id). A question answered in the review quiz as well as in its lesson counts once, with
    the better of the two scores.

    >>> from coursekit.course import load_course
    >>> from coursekit.quizzes.bank import question_from_dict
    >>> class Bank:
    ...     id, questions = "03_security_council", [question_from_dict({"id": "veto",
    ...         "type": "truefalse", "prompt": "p", "answer": True, "explanation": "e",
    ...         "objective": "03-article-27"})]
    >>> table = objective_table([Bank()], {"08_review": {"veto": {"score": 1, "tries": 1}}},
    ...                         load_course())
    >>> [(r.objective, r.score, r.points, r.answered) for r in table if r.questions]
    [('03-article-27', 1.0, 1.0, 1)]
    """
    from coursekit.quizzes.questions import QuestionState

    by_objective: dict[str, list] = {}
    for bank in banks:
        if bank.id.startswith("_"):
            continue
        for q in bank.questions:
            if q.objective:
                by_objective.setdefault(q.objective, []).append((bank.id, q))
    review = records.get(REVIEW_BANK, {})
    table = ObjectiveTable()
    for lesson in course.lessons:
        for objective in lesson.objectives:
            score = points = 0.0
            answered = 0
            served = by_objective.get(objective.id, [])
            for bank_id, q in served:
                states = [QuestionState.from_record(records.get(bank_id, {}).get(q.id)),
                          QuestionState.from_record(review.get(q.id) if q.graded else None)]
                points += q.points if q.graded else 0
                score += max(st.score for st in states) if q.graded else 0
                answered += any(st.answered for st in states)
            table.append(ObjectiveScore(objective.id, objective.text, score, points, answered, len(served)))
    return table


def my_scores(by: str = "lesson") -> ScoreTable | ObjectiveTable:
    """Your score in each lesson's quiz, from your saved progress; ``by="objective"``
    gives it per lesson objective instead (the review quiz's answers counted too).

    >>> print(my_scores())
    lesson...answered  score
    Start here ... of ... .../... (...%)
    ...
    >>> print(my_scores(by="objective"))
    objective...answered  score
    00-...
    """
    from coursekit.quizzes.bank import load_all_banks
    from coursekit.course import load_course
    from coursekit.progress.store import ProgressStore

    if by not in ("lesson", "objective"):
        raise ValueError(f'by should be "lesson" or "objective", not {by!r}')
    banks = load_all_banks()
    store = ProgressStore()
    if by == "objective":
        records = {bank.id: store.bank(bank.id) for bank in banks}
        records[REVIEW_BANK] = store.bank(REVIEW_BANK)
        return objective_table(banks, records, load_course())
    return score_table(banks, store.scores_by_bank(banks), load_course())


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
        rows = "".join(self._row([f"<code>{escape(r.question)}</code>", escape(r.status), escape(r.yours) or '–',
                                  escape(r.key) or '–'], plain=(0, 1)) for r in self)
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

    ``only="inline"`` keeps the questions the lesson asks in its text (lessons 06 and 07:
    your verdicts on the article's claims), ``only="quiz"`` those of its end-of-lesson quiz.

    >>> print(my_answers("06_reading_critically", only="inline"))
    Your answers: Reading critically: dates and numbers
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


def review_quiz(per_bank: int = PER_BANK):
    """The cumulative quiz: ``per_bank`` questions from every lesson, chosen for you."""
    from coursekit.quizzes.bank import load_all_banks
    from coursekit.progress.store import ProgressStore
    from coursekit.quizzes.widgets import quiz

    questions = draw_review(load_all_banks(), ProgressStore().student(), per_bank)
    return quiz(REVIEW_BANK, questions=questions, title=REVIEW_TITLE)
