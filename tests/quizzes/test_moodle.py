"""Moodle XML export: every bank's file parses, holds every question, and reads back (with a
small reader of Moodle's format, below) to the same questions with the same right answers,
hints, penalties, points and feedback."""
from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from coursekit.errors import CourseError
from coursekit.quizzes import questions as qm
from coursekit.quizzes.bank import Bank, bank_files, load_bank, question_from_dict
from coursekit.markup import inline_html, to_html
from coursekit.quizzes.moodle import MOODLE_FORMS, TRY_AGAIN, bank_to_moodle, cloze_code, question_element

DATA = Path(__file__).resolve().parents[2] / "data"
BANKS = bank_files(DATA)


# --- a reader of Moodle XML, as Moodle's importer reads it ----------------------------------

def _answers(q: ET.Element) -> list[tuple[float, str]]:
    return [(float(a.get("fraction", "0")), a.findtext("text") or "") for a in q.findall("answer")]


_CODE = re.compile(r"\{1:(SHORTANSWER|MULTICHOICE):((?:\\.|[^\\}])*)\}")


def _cloze_gaps(text: str) -> list[tuple[str, list[str], list[str]]]:
    """(kind, right answers, every answer) of each embedded answer, unescaped."""
    gaps = []
    for kind, body in _CODE.findall(text):
        alternatives = re.split(r"(?<!\\)~", body)
        every, right = [], []
        for alt in alternatives:
            if not alt:
                continue
            value = html.unescape(re.sub(r"\\(.)", r"\1", alt.lstrip("=")))
            every.append(value)
            if alt.startswith("="):
                right.append(value)
        gaps.append((kind, right, every))
    return gaps


def read_moodle(data: bytes) -> dict[str, dict]:
    """Each question of a Moodle XML file by its idnumber: its Moodle type, its right answers
    (the form depends on the type), hints, penalty and points."""
    out = {}
    for q in ET.fromstring(data).findall("question"):
        kind = q.get("type")
        if kind == "category":
            continue
        answers = _answers(q)
        if kind in ("multichoice", "truefalse", "shortanswer"):
            right = sorted(text for fraction, text in answers if fraction > 0)
        elif kind == "numerical":
            right = [(float(a.findtext("text") or "nan"), float(a.findtext("tolerance") or "nan"))
                     for a in q.findall("answer") if float(a.get("fraction", "0")) == 100]
        elif kind == "ordering":
            right = [text for _, text in sorted(answers)]
        elif kind == "matching":
            right = [(s.findtext("text") or "", s.findtext("answer/text") or "") for s in q.findall("subquestion")]
        elif kind == "cloze":
            right = [r for _, r, _ in _cloze_gaps(q.findtext("questiontext/text") or "")]
        elif kind == "essay":
            right = q.findtext("graderinfo/text") or ""
        else:
            raise AssertionError(f"unknown Moodle type {kind}")
        out[q.findtext("idnumber") or ""] = {
            "type": kind, "right": right, "name": q.findtext("name/text"),
            "hints": [h.findtext("text") for h in q.findall("hint")],
            "penalty": float(q.findtext("penalty") or "nan"), "points": float(q.findtext("defaultgrade") or "nan"),
            "fractions": [fraction for fraction, _ in answers], "element": q,
        }
    return out


# --- what the reader should find, from the bank --------------------------------------------

MOODLE_TYPE = {"single": "multichoice", "multiple": "multichoice", "truefalse": "truefalse",
               "numeric": "numerical", "text": "shortanswer", "ordering": "ordering", "matching": "matching",
               "cloze": "cloze", "reflection": "essay", "verdict": "multichoice"}


def expected_right(q: qm.Question):
    if q.type == "single":
        return [inline_html(q.answer)]
    if q.type in ("multiple", "verdict"):
        return sorted(inline_html(a) for a in q.answer)
    if q.type == "truefalse":
        return ["true" if q.answer else "false"]
    if q.type == "numeric":
        return [(q.answer, q.tolerance)]
    if q.type == "ordering":
        return [inline_html(item) for item in q.items]
    if q.type == "matching":
        return [(inline_html(left), right) for left, right in q.pairs] + [("", d) for d in q.distractors]
    if q.type == "cloze":
        return [sorted(g.answer) for g in q.gaps]
    raise AssertionError(q.type)


def _bank(path: Path) -> Bank:
    return load_bank(path)


@pytest.mark.parametrize("path", BANKS, ids=lambda p: p.stem)
def test_every_bank_reads_back_with_every_question_and_its_right_answers(path):
    bank = _bank(path)
    data, _ = bank_to_moodle(bank)
    read = read_moodle(data)
    assert list(read) == [q.id for q in bank.questions]
    for q in bank.questions:
        got = read[q.id]
        assert got["type"] == MOODLE_TYPE[q.type], q.id
        assert got["name"] == q.id
        assert got["points"] == pytest.approx(q.points), q.id
        assert got["penalty"] == pytest.approx(q.penalty_fraction), q.id
        assert got["hints"][: len(q.hints)] == [to_html(h) for h in q.hints], q.id
        assert all(h == TRY_AGAIN for h in got["hints"][len(q.hints):]), q.id
        if q.graded:
            assert len(got["hints"]) + 1 == max(q.max_tries, len(q.hints) + 1), q.id
        if q.type == "text":
            accepted = [a.replace("\\*", "*") for a in got["right"]]
            assert set(q.answer) <= set(accepted), q.id
            assert all(qm.match_text(a, q.answer)[0] for a in accepted), q.id
        elif q.type == "cloze":
            assert [sorted(r) for r in got["right"]] == expected_right(q), q.id
        elif q.type == "reflection":
            assert (to_html(q.model_answer) if q.model_answer else "") in got["right"], q.id
        else:
            assert got["right"] == expected_right(q), q.id


@pytest.mark.parametrize("path", BANKS, ids=lambda p: p.stem)
def test_partial_credit_is_the_lessons(path):
    # Moodle adds the fractions of the ticked options and keeps the result in [0, 1]: the
    # lesson's (right ticks - wrong ticks) / right options, never below 0.
    bank = _bank(path)
    read = read_moodle(bank_to_moodle(bank)[0])
    for q in bank.questions:
        if q.type == "multiple":
            fractions = read[q.id]["fractions"]
            for ticked in ([o.text for o in q.options], list(q.answer[:1]), [q.options[0].text]):
                moodle = min(1.0, max(0.0, sum(f for f, o in zip(fractions, q.options) if o.text in ticked) / 100))
                assert moodle == pytest.approx(q.grade(tuple(ticked)).credit) or not q.partial, (q.id, ticked)
        if q.type == "ordering":
            grading = read[q.id]["element"].findtext("gradingtype")
            assert grading == ("ABSOLUTE_POSITION" if q.partial else "ALL_OR_NOTHING")


def test_every_bank_counts_every_question_as_xml():
    total = 0
    for path in BANKS:
        bank = _bank(path)
        root = ET.fromstring(bank_to_moodle(bank)[0])
        questions = [q for q in root.findall("question") if q.get("type") != "category"]
        assert len(questions) == len(bank.questions), bank.id
        (category,) = [q for q in root.findall("question") if q.get("type") == "category"]
        assert category.findtext("idnumber") == bank.id
        total += len(questions)
    assert total == sum(len(_bank(p).questions) for p in BANKS) > 0


def test_feedback_of_each_kind_is_kept():
    q = question_from_dict({"id": "m", "type": "multiple", "prompt": "Which?", "options": [
        {"text": "a", "feedback": "A is right."}, "b", "c"], "answer": ["a", "b"], "explanation": "Because.",
        "feedback": {"correct": "All right.", "partial": "Some right.", "incorrect": "Wrong."}})
    element, lost = question_element(q)
    assert lost == ()
    assert element.findtext("correctfeedback/text") == "<p>All right.</p>"
    assert element.findtext("partiallycorrectfeedback/text") == "<p>Some right.</p>"
    assert element.findtext("incorrectfeedback/text") == "<p>Wrong.</p>"
    assert element.findtext("generalfeedback/text") == "<p>Because.</p>"
    assert element.find("answer/feedback/text").text == "A is right."
    assert [a.get("fraction") for a in element.findall("answer")] == ["50", "50", "-50"]


def test_numeric_wrong_feedback_and_unit():
    q = question_from_dict({"id": "n", "type": "numeric", "prompt": "How many?", "answer": 15000, "tolerance": 500,
                            "unit": "troops", "explanation": "p14",
                            "feedback": {"correct": "Yes.", "incorrect": "Paragraph 14."}})
    element, _ = question_element(q)
    answers = element.findall("answer")
    assert [(a.findtext("text"), a.get("fraction"), a.findtext("tolerance")) for a in answers] == [
        ("15000", "100", "500"), ("*", "0", "0")]
    assert answers[1].findtext("feedback/text") == "Paragraph 14."
    assert element.findtext("units/unit/unit_name") == "troops"


def test_a_reflection_is_an_essay_with_the_grader_information():
    q = question_from_dict({"id": "r", "type": "reflection", "prompt": "Why?", "points": 0, "min_words": 30,
                            "model_answer": "Because consent.", "rubric": ["Names consent", "Gives an example"]})
    element, lost = question_element(q)
    assert element.get("type") == "essay" and lost == ()
    assert element.findtext("minwordlimit") == "30" and element.findtext("defaultgrade") == "0"
    info = element.findtext("graderinfo/text")
    assert "<p>Because consent.</p>" in info and "<li>Names consent</li><li>Gives an example</li>" in info
    # The student sees them after the attempt, as in the lesson.
    assert "Because consent." in element.findtext("generalfeedback/text")


def test_a_cloze_gap_is_escaped_for_embedded_answers():
    gap = qm.Gap(("a}b", "c#d~e/f\\g"))
    assert cloze_code(gap) == "{1:SHORTANSWER:=a\\}b~=c\\#d\\~e\\/f\\\\g}"
    assert _cloze_gaps(cloze_code(gap)) == [("SHORTANSWER", ["a}b", "c#d~e/f\\g"], ["a}b", "c#d~e/f\\g"])]


def test_what_moodle_cannot_hold_is_said():
    q = question_from_dict({"id": "t", "type": "text", "prompt": "Who?", "answer": "Goïta", "fuzzy": 1,
                            "explanation": "p4"})
    _, lost = question_element(q)
    assert lost == ("near-miss spelling (fuzzy: 1) is not exported; Moodle accepts the listed answers only",)
    v = question_from_dict({"id": "v", "type": "verdict", "prompt": "p", "options": ["x", "y"], "answer": "x",
                            "explanation": "e"})
    assert "one-line reasons are not asked" in question_element(v)[1][0]


def test_every_registered_type_has_a_moodle_form_and_a_missing_one_is_named():
    assert all(name in MOODLE_FORMS for name in qm.TYPES)
    q = question_from_dict({"id": "veto", "type": "truefalse", "prompt": "p", "answer": True, "explanation": "e"})
    form = MOODLE_FORMS.by_type.pop("truefalse")
    try:
        with pytest.raises(CourseError, match=r'question "veto": question type "truefalse" has no Moodle XML '
                                              r'form: register one with @moodle_form\("truefalse"\)'):
            question_element(q)
    finally:
        MOODLE_FORMS.by_type["truefalse"] = form
