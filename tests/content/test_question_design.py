"""Questions that teach: hints lead without giving the answer, wrong options say why they are
wrong, written answers have a rubric, and every question names the objective it checks.

Run over every lesson bank of ``data/quizzes`` (the example file is not a lesson). A hint
"gives the answer" when it contains, after case, accents and punctuation are set aside, the
text of a right option, a right item of a multiple choice, the number of a numeric question,
an accepted text or gap answer, a verdict, the words true/false of a true-or-false question,
both sides of a matching pair, or two items of an ordering; or when it spells out how the
answer starts ("it starts with B").
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from coursekit.course import load_course
from coursekit.quizzes.bank import bank_files, load_bank
from coursekit.quizzes.questions import normalise_text

ROOT = Path(__file__).resolve().parents[2]
BANKS = bank_files(ROOT / "data", examples=False)
#: Accepted texts shorter than this ("US") are too short to look for as words; the
#: question's longer spellings are checked instead.
SHORTEST = 3
#: "It starts with B", "begins with `export_`", "the first letter": a hint that spells the answer's
#: start. ("Paragraph 2 ends with the reason" points to a place and passes.)
GIVES_THE_START = re.compile(r"\b(starts?|begins?|ends?) with (the letters? )?([`'\"“][^`'\"”]{1,12}[`'\"”]|[A-Z]\b)"
                             r"|\bfirst letters?\b")


def _has(hint: str, text: object) -> bool:
    """Whether ``text`` occurs in ``hint`` as whole words (case, accents, punctuation aside)."""
    needle = normalise_text(str(text))
    if not needle or (len(needle) < SHORTEST and not needle.isdigit()):
        return False
    return f" {needle} " in f" {normalise_text(hint)} "


def _number_in(hint: str, value: float) -> bool:
    shown = f"{value:g}"
    return re.search(rf"(?<![\d.,]){re.escape(shown)}(?![\d]|[.,]\d)", hint) is not None


def giveaways(q) -> list[str]:
    """What each hint of question ``q`` gives away of its answer."""
    found = []
    for hint in q.hints:
        what: list[str] = []
        if GIVES_THE_START.search(hint):
            what.append("says how the answer starts or ends")
        if q.type == "truefalse":
            what += [w for w in ("true", "false") if _has(hint, w)]
        elif q.type == "numeric":
            what += [f"the number {q.answer:g}"] if _number_in(hint, q.answer) else []
        elif q.type in ("single", "text", "verdict"):
            accepted = q.answer if isinstance(q.answer, tuple) else (q.answer,)
            what += [a for a in accepted if _has(hint, a) or (str(a).isdigit() and _number_in(hint, float(a)))]
        elif q.type == "multiple":
            what += [a for a in q.answer if _has(hint, a)]
        elif q.type == "cloze":
            what += [a for gap in q.gaps for a in gap.answer if _has(hint, a)]
        elif q.type == "matching":
            what += [f"{left} -> {right}" for left, right in q.pairs if _has(hint, left) and _has(hint, right)]
        elif q.type == "ordering":
            shown = [item for item in q.items if _has(hint, item)]
            what += shown if len(shown) >= 2 else []
        found += [f"hint {hint!r} gives {w!r}" for w in what]
    return found


def _questions(path: Path):
    return load_bank(path).questions


@pytest.mark.parametrize("path", BANKS, ids=lambda p: p.stem)
def test_no_hint_contains_its_questions_answer(path):
    found = [f"{q.id}: {g}" for q in _questions(path) for g in giveaways(q)]
    assert not found, f"{path.name}:\n  " + "\n  ".join(found)


@pytest.mark.parametrize("path", BANKS, ids=lambda p: p.stem)
def test_every_reflection_has_a_rubric(path):
    missing = [q.id for q in _questions(path) if hasattr(q, "rubric") and not q.rubric]
    assert not missing, f"{path.name}: written answers without a rubric: {missing}"


@pytest.mark.parametrize("path", BANKS, ids=lambda p: p.stem)
def test_every_question_names_an_objective_of_the_course(path):
    objectives = {o.id for lesson in load_course().lessons for o in lesson.objectives}
    wrong = [f"{q.id}: {q.objective or 'no objective'}" for q in _questions(path) if q.objective not in objectives]
    assert not wrong, f"{path.name}: " + "; ".join(wrong)


@pytest.mark.parametrize("path", BANKS, ids=lambda p: p.stem)
def test_every_wrong_option_says_why_it_is_wrong(path):
    silent = []
    for q in _questions(path):
        if q.type not in ("single", "multiple"):
            continue
        right = set(q.answer) if q.type == "multiple" else {q.answer}
        silent += [f"{q.id}: {o.text!r}" for o in q.options if o.text not in right and not o.feedback]
    assert not silent, f"{path.name}: wrong options without feedback:\n  " + "\n  ".join(silent)


# -- the check itself is not vacuous --------------------------------------------------------


@pytest.mark.parametrize("entry, expected", [
    ({"type": "text", "answer": ["Barkhane", "Operation Barkhane"], "hints": ["It starts with B."]},
     "says how the answer starts"),
    ({"type": "text", "answer": ["export_answers"], "hints": ["It starts with `export_`."]}, "starts"),
    ({"type": "numeric", "answer": 15, "hints": ["The resolution passed 15-0-0."]}, "the number 15"),
    ({"type": "single", "options": [{"text": "Consent"}, {"text": "Force"}], "answer": "Consent",
      "hints": ["Think of consent."]}, "Consent"),
    ({"type": "cloze", "text": "The [[1]] of the host.", "gaps": [{"answer": "consent"}],
      "hints": ["Consent of the parties is the first principle."]}, "consent"),
    ({"type": "truefalse", "answer": False, "hints": ["It is false."]}, "false"),
    ({"type": "matching", "pairs": [{"left": "Russia", "right": "vetoed"}, {"left": "China", "right": "abstained"}],
      "hints": ["Russia vetoed it."]}, "Russia -> vetoed"),
])
def test_a_hint_that_gives_the_answer_is_caught(entry, expected):
    from coursekit.quizzes.bank import question_from_dict

    q = question_from_dict({"id": "q", "prompt": "P?", "explanation": "E.", **entry})
    assert any(expected in g for g in giveaways(q)), giveaways(q)


@pytest.mark.parametrize("entry", [
    {"type": "numeric", "answer": 6, "hints": ["How many of the 15 members must vote yes?"]},
    {"type": "single", "options": [{"text": "9"}, {"text": "15"}], "answer": "9",
     "hints": ["Paragraph 18 gives the number."]},
    {"type": "truefalse", "answer": True, "hints": ["Is Japan one of the five permanent members?"]},
])
def test_a_hint_that_leads_passes(entry):
    from coursekit.quizzes.bank import question_from_dict

    assert giveaways(question_from_dict({"id": "q", "prompt": "P?", "explanation": "E.", **entry})) == []


# -- the instructors' page keeps up with the banks of lessons 00-03 -------------------------

ANSWERS = ROOT / "docs" / "instructor" / "answers-00-03.md"
EARLY = ["00_start_here", "01_reading_the_article", "02_timeline", "03_security_council"]


@pytest.mark.parametrize("lesson", EARLY)
def test_the_answers_page_has_every_question_of_lessons_00_to_03(lesson):
    page = " ".join(ANSWERS.read_text(encoding="utf-8").split())
    assert f"## Lesson {lesson[:2]} " in page, lesson
    for q in load_bank(lesson).questions:
        assert f"`{q.id}`" in page, f"{q.id} is not on {ANSWERS.name}"
        if q.type == "reflection":
            assert " ".join(q.model_answer.split()) in page, f"{q.id}: its model answer is not the bank's"
            assert all(" ".join(line.split()) in page for line in q.rubric), f"{q.id}: a rubric line is missing"
