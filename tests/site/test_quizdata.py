"""The banks as the browser's quiz engine reads them (coursekit.site.quizdata)."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

from coursekit.markup import to_html
from coursekit.quizzes import questions as qm
from coursekit.quizzes.bank import SCHEMA_COMMENT, bank_files, load_all_banks, load_bank
from coursekit.site.quizdata import SUMMATIVE_FORMS, bank_payload, course_payload

BANKS = [load_bank(p) for p in bank_files(examples=True)]

HOSTILE = '<script>alert(1)</script> <img src=x onerror=alert(2)> [click](javascript:alert(3))'

#: One hand-written question of every type (a bank made in a test needs no course data).
QUESTIONS = [
    {"id": "t-single", "type": "single", "prompt": "Which? " + HOSTILE, "explanation": "Because A. " + HOSTILE,
     "options": [{"text": "Right <b>A</b>", "feedback": "Yes, A. " + HOSTILE}, "Wrong B", "Wrong C"],
     "answer": "Right <b>A</b>", "hints": ["Think of A. " + HOSTILE], "feedback": {"correct": "Well done " + HOSTILE}},
    {"id": "t-multiple", "type": "multiple", "prompt": "Which two?", "explanation": "A and C.",
     "options": ["Alpha option", "Beta option", "Gamma option"], "answer": ["Alpha option", "Gamma option"]},
    {"id": "t-truefalse", "type": "truefalse", "prompt": "True?", "explanation": "It is false.", "answer": False},
    {"id": "t-numeric", "type": "numeric", "prompt": "How many?", "explanation": "Exactly 4217.",
     "answer": 4217, "tolerance": 3, "unit": "troops"},
    {"id": "t-text", "type": "text", "prompt": "Who?", "explanation": "Goïta.",
     "answer": ["Zanzibarquux", "Quuxanzibar"], "fuzzy": 1},
    {"id": "t-ordering", "type": "ordering", "prompt": "Order them.", "explanation": "In time.",
     "items": ["Zulu first", "Mike second", "Alpha third"]},
    {"id": "t-matching", "type": "matching", "prompt": "Match.", "explanation": "As paired.",
     "pairs": [{"left": "Left one", "right": "Yankee right"}, {"left": "Left two", "right": "Bravo right"}],
     "distractors": ["Xray distractor"]},
    {"id": "t-cloze", "type": "cloze", "prompt": "Fill in.", "explanation": "As written.",
     "text": "The [[1]] asked in [[2]].", "gaps": [{"answer": "Hoopoebird"},
                                                   {"answer": "June", "options": ["September", "June", "April"]}]},
    {"id": "t-reflection", "type": "reflection", "prompt": "Why?", "model_answer": "Model: Kestrelwing consent.",
     "rubric": ["Names Kestrelwing"]},
    {"id": "t-verdict", "type": "verdict", "prompt": "“In August”", "explanation": "Careful: July.",
     "options": ["wrong date", "checks out"], "answer": "wrong date", "record": "Recorded Plovermoon 20 July."},
]


def write_bank(folder: Path, name: str, **extra) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    doc = {"bank": name, "title": "A test bank " + HOSTILE, "description": "Read " + HOSTILE, **extra,
           "questions": QUESTIONS}
    path = folder / f"{name}.yaml"
    path.write_text(SCHEMA_COMMENT + "\n" + yaml.safe_dump(doc, allow_unicode=True, sort_keys=False),
                    encoding="utf-8")
    return path


@pytest.mark.parametrize("bank", BANKS, ids=lambda b: b.id)
def test_every_question_of_every_bank_is_in_its_payload(bank):
    payload = json.loads(json.dumps(bank_payload(bank), allow_nan=False))
    assert payload["bank"] == bank.id and payload["points"] == bank.points and not payload["summative"]
    assert [q["id"] for q in payload["questions"]] == [q.id for q in bank.questions]
    for q, shipped in zip(bank.questions, payload["questions"]):
        assert shipped["type"] == q.type and shipped["max_tries"] == q.max_tries
        assert shipped["penalty"] == q.penalty_fraction and shipped["points"] == q.points
        assert shipped["prompt_html"] == to_html(q.prompt)
        assert shipped["hints"] == list(q.hints) and len(shipped["hints_html"]) == len(q.hints)
        assert [heading for heading, _ in shipped["reveal"]] == [heading for heading, _ in q.reveal()]
        # Every feedback line grading can give from the bank's own text has its HTML.
        for line in q.feedback.values():
            assert shipped["html"][line] == to_html(line)


def test_the_course_payload_lists_every_bank_with_its_points():
    course = course_payload()
    assert course["id"] and course["title"] and course["lessons"]
    lesson_banks = [b for b in BANKS if not b.id.startswith("_")]
    assert [(b["id"], b["points"], b["questions"]) for b in course["banks"]] == \
        [(b.id, b.points, [q.id for q in b.questions]) for b in lesson_banks]


def test_the_course_payload_holds_the_objectives_and_the_questions_serving_them():
    from coursekit.course import load_course

    course, payload = load_course(), course_payload()
    assert [[(o["id"], o["text"]) for o in lesson["objectives"]] for lesson in payload["lessons"]] == \
        [[(o.id, o.text) for o in lesson.objectives] for lesson in course.lessons]
    lesson_banks = [b for b in BANKS if not b.id.startswith("_")]
    serves = {(b["id"], s["question"]): (s["objective"], s["graded"], s["points"])
              for b in payload["banks"] for s in b["serves"]}
    assert serves == {(b.id, q.id): (q.objective, q.graded, q.points)
                      for b in lesson_banks for q in b.questions if q.objective}
    # Every question of the course serves an objective, reflections too.
    assert len(serves) == sum(len(b.questions) for b in lesson_banks)


def test_the_review_payload_lists_what_draw_review_may_pick():
    from coursekit.quizzes.review import NOT_REVIEWED, REVIEW_BANK, draw_review, review_quiz
    import inspect

    review = course_payload()["review"]
    assert review["bank"] == REVIEW_BANK
    assert review["per_bank"] == inspect.signature(review_quiz).parameters["per_bank"].default
    lesson_banks = sorted((b for b in BANKS if not b.id.startswith("_")), key=lambda b: b.id)
    assert [b["id"] for b in review["banks"]] == [b.id for b in lesson_banks
                                                   if b.id != REVIEW_BANK and b.id not in NOT_REVIEWED]
    # Drawing everything draws exactly the candidates, in their order.
    everything = [(q.bank, q.id) for q in draw_review(lesson_banks, "anyone", per_bank=1000)]
    assert everything == [(b["id"], qid) for b in review["banks"] for qid in b["candidates"]]
    from coursekit.quizzes.review import PER_BANK, REVIEW_TITLE

    assert (review["per_bank"], review["title"]) == (PER_BANK, REVIEW_TITLE)


def test_the_course_payload_of_what_a_build_loaded_is_the_one_it_would_load():
    from coursekit.course import load_course

    assert course_payload(load_course(), load_all_banks()) == course_payload()


def test_instructor_text_comes_out_escaped(tmp_path):
    bank = load_bank(write_bank(tmp_path / "quizzes", "_hostile"))
    payload = bank_payload(bank)
    html_fields = [payload["description_html"]]
    for q in payload["questions"]:
        html_fields += [q["prompt_html"], *q["hints_html"], *q["html"].values(),
                        *(section for _, section in q["reveal"]), q.get("text_html", "")]
    joined = "".join(html_fields)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in joined
    assert "<script" not in joined and "<img" not in joined and "javascript:" not in joined
    assert "onerror=alert(2)" not in re.sub(r"&lt;.*?&gt;", "", joined)
    # Option texts stay plain text: the page puts them in as text, never as HTML.
    assert payload["questions"][0]["options"][0]["text"] == "Right <b>A</b>"


def test_a_summative_bank_ships_no_answer_key(tmp_path):
    bank = load_bank(write_bank(tmp_path / "quizzes", "_exam", summative=True))
    assert bank.summative
    payload = bank_payload(bank)
    text = json.dumps(payload, ensure_ascii=False)
    assert payload["summative"] and all(q["summative"] for q in payload["questions"])
    for secret in ["Because A", "Yes, A", "Well done", "Think of A", "4217", "Zanzibarquux", "Quuxanzibar",
                   "Hoopoebird", "Kestrelwing", "Plovermoon", "Careful: July", "Yankee right\", \"Bravo",
                   "It is false", "Exactly"]:
        assert secret not in text, secret
    shipped = {q["id"]: q for q in payload["questions"]}
    for q in shipped.values():
        assert not {"answer", "pairs", "tolerance", "fuzzy", "record", "model_answer", "rubric"} & set(q)
        assert q["reveal"] == [] and q["feedback"] == {} and q["hints"] == []
    # What a student chooses from is still there, in an order that gives nothing away.
    assert shipped["t-ordering"]["items"] == ["Alpha third", "Mike second", "Zulu first"]
    assert shipped["t-matching"]["rights"] == ["Bravo right", "Xray distractor", "Yankee right"]
    assert shipped["t-cloze"]["gaps"][1]["options"] == ["April", "June", "September"]
    assert [o["text"] for o in shipped["t-single"]["options"]] == ["Right <b>A</b>", "Wrong B", "Wrong C"]


def test_every_type_can_be_summative():
    assert set(qm.TYPES) <= set(SUMMATIVE_FORMS)


def test_a_formative_bank_keeps_its_key(tmp_path):
    payload = bank_payload(load_bank(write_bank(tmp_path / "quizzes", "_quiz")))
    shipped = {q["id"]: q for q in payload["questions"]}
    assert shipped["t-numeric"]["answer"] == 4217 and shipped["t-text"]["answer"] == ["Zanzibarquux", "Quuxanzibar"]
    assert shipped["t-matching"]["lefts"] == ["Left one", "Left two"]
    assert shipped["t-cloze"]["text_html"] == "<p>The (1) ____ asked in (2) ____.</p>"
