"""One place per question type: its class, its widgets and its GIFT form, found by type name.

A tenth type, defined only here, goes through the schema, the loader, the quiz widgets and
the GIFT export without an edit anywhere else.
"""
from __future__ import annotations

import textwrap
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar

import ipywidgets
import pytest

import coursekit
from coursekit.datafiles.schema import schema_problems
from coursekit.errors import AnswerError, CourseError, DataError
from coursekit.progress.store import ProgressStore
from coursekit.quizzes import gift, moodle, qti
from coursekit.quizzes import questions as qm
from coursekit.quizzes import schema as quiz_schema
from coursekit.quizzes import widgets
from coursekit.quizzes.bank import load_bank
from coursekit.quizzes.lms import export_bank

DATA = Path(__file__).resolve().parents[2] / "data"
HEAD = "# yaml-language-server: $schema=../quiz.schema.json\n"


# --- every registered type is complete ----------------------------------------------------

def test_every_registered_type_has_widgets_and_a_form_in_each_export_format():
    assert list(qm.TYPES), "no question type is registered"
    for name in qm.TYPES:
        assert name in widgets.WIDGET_ADAPTERS, f'question type "{name}" has no widget adapter'
        assert name in gift.GIFT_FORMS, f'question type "{name}" has no GIFT form (or no_gift_form reason)'
        assert name in moodle.MOODLE_FORMS, f'question type "{name}" has no Moodle XML form (@moodle_form)'
        assert name in qti.QTI_FORMS, f'question type "{name}" has no QTI form (@qti_form)'


def test_types_follow_the_registry_in_the_order_the_example_shows_them():
    assert list(qm.TYPES) == ["single", "multiple", "truefalse", "numeric", "text", "ordering",
                              "matching", "cloze", "reflection", "verdict"]
    assert all(qm.QUESTION_TYPES[name].type_name == name for name in qm.TYPES)


def test_a_type_name_cannot_be_taken_twice():
    @dataclass(eq=False)
    class OtherSingle(qm.Question):
        type_name: ClassVar[str] = "single"

    with pytest.raises(ValueError, match='"single" is already registered'):
        qm.register(OtherSingle)
    assert qm.QUESTION_TYPES["single"] is qm.SingleQuestion


# --- a tenth type, defined only in this test ---------------------------------------------

@dataclass(eq=False)
class YearQuestion(qm.Question):
    """The year something happened, a whole number; ``near`` years either side also count."""

    answer: int = 0
    near: int = 0

    type_name: ClassVar[str] = "year"
    schema_fields: ClassVar[dict] = {
        "answer": {"type": "integer", "minimum": 1900, "maximum": 2100, "description": "The year."},
        "near": {"type": "integer", "minimum": 0, "description": "Years either side also accepted."},
    }
    schema_required: ClassVar[tuple] = ("answer",)

    @classmethod
    def fields_from(cls, d: dict) -> dict:
        return {"answer": d["answer"], "near": d.get("near", 0)}

    @classmethod
    def entry_problems(cls, d: dict) -> list[qm.EntryProblem]:
        if d.get("near", 0) > 10:
            return [qm.EntryProblem("near", "is more than 10 years: that is not a date any more", ("near",))]
        return []

    def parse(self, raw: Any) -> int:
        value = qm.parse_number(raw)
        if value != int(value):
            raise AnswerError("Type a whole year, e.g. 2013.")
        return int(value)

    def grade(self, value: int) -> qm.Grade:
        credit = 1.0 if abs(value - self.answer) <= self.near else 0.0
        return qm.Grade(credit, self._general(credit))

    def correct_answer(self) -> str:
        return str(self.answer)


class YearBox(widgets.WidgetAdapter):
    def build(self) -> list:
        return [ipywidgets.Text(description="Year:", placeholder="e.g. 2013")]

    def restore(self, answer: Any) -> None:
        self.controls[0].value = answer if isinstance(answer, str) else ""


def year_to_gift(q: YearQuestion) -> gift.GiftAnswer:
    return gift.GiftAnswer(f"#{q.answer}:{q.near}")


@pytest.fixture
def year_type():
    """The year type registered in all three places for one test, then forgotten."""
    qm.register(YearQuestion)
    widgets.widget_adapter("year")(YearBox)
    gift.gift_form("year")(year_to_gift)
    yield YearQuestion
    qm.unregister("year")
    del widgets.WIDGET_ADAPTERS["year"]
    del gift.GIFT_FORMS["year"]


@pytest.fixture(autouse=True)
def own_progress(tmp_path, monkeypatch):
    monkeypatch.setenv("COURSEKIT_PROGRESS", str(tmp_path / "progress.json"))
    monkeypatch.setenv("COURSEKIT_STUDENT", "test-student")


YEAR_BANK = HEAD + textwrap.dedent("""\
    bank: 09_years
    title: Years
    questions:
      - id: minusma-year
        type: year
        prompt: "In which year did MINUSMA deploy?"
        answer: 2013
        explanation: "Paragraph 8."
        hints: ["Paragraph 8 gives it."]
      - id: tf-one
        type: truefalse
        prompt: "Mali asked MINUSMA to leave."
        answer: true
        explanation: "Paragraph 3."
    """)


def write_bank(tmp_path: Path, text: str = YEAR_BANK) -> Path:
    (tmp_path / "quizzes").mkdir(exist_ok=True)
    path = tmp_path / "quizzes" / "09_years.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_schema_takes_the_new_type(year_type):
    assert "year" in quiz_schema.question_schema()["properties"]["type"]["enum"]
    assert "near" in quiz_schema.ALL_FIELDS
    branch = next(b["then"] for b in quiz_schema.SCHEMA["properties"]["questions"]["items"]["allOf"]
                  if b["if"]["properties"]["type"]["const"] == "year")
    assert branch["required"] == ["prompt", "answer", "explanation"]
    assert '"year"' in quiz_schema.schema_json()
    good = {"id": "y", "type": "year", "prompt": "p", "answer": 2013, "explanation": "e"}
    assert schema_problems(good, quiz_schema.question_schema("year"), "<test>") == []
    (problem,) = schema_problems({**good, "answer": 1850}, quiz_schema.question_schema("year"), "<test>")
    assert (problem.field, problem.message) == ("answer", "must be at least 1900 (it is 1850)")


def test_a_wrong_field_of_the_new_type_names_file_line_and_field(year_type, tmp_path):
    path = write_bank(tmp_path, YEAR_BANK.replace("answer: 2013", "answer: 2013\n    naer: 2"))
    with pytest.raises(DataError) as info:
        load_bank(path)
    (problem,) = info.value.problems
    assert str(problem).endswith('09_years.yaml:9: question "minusma-year": naer: is not a known field; '
                                 "did you mean near?")
    path = write_bank(tmp_path, YEAR_BANK.replace("answer: 2013", "answer: 2013\n    near: 40"))
    with pytest.raises(DataError, match=r':9: question "minusma-year": near: is more than 10 years'):
        load_bank(path)
    path = write_bank(tmp_path, YEAR_BANK.replace("    answer: 2013\n", ""))
    with pytest.raises(DataError, match=r':5: question "minusma-year": answer: is missing '
                                        r"\(a year question needs it\)"):
        load_bank(path)


def test_the_loader_builds_the_new_type(year_type, tmp_path):
    bank = load_bank(write_bank(tmp_path))
    q = bank.question("minusma-year")
    assert isinstance(q, YearQuestion) and q.line == 5 and q.points == 1
    assert q.check("2013").correct and not q.check(2012).correct


def test_the_quiz_shows_and_grades_the_new_type(year_type, tmp_path):
    path = write_bank(tmp_path)
    shown = coursekit.quiz(path)
    v = shown.questions[0]
    assert v.controls[0].description == "Year:" and "coursekit-check" in v.check_button._dom_classes
    v.set_answer("2012")
    v.check_button.click()
    assert "✘ Not right." in v.feedback.value
    v.set_answer("2013")
    v.check_button.click()
    assert "✔ Correct." in v.feedback.value and v.state.score == pytest.approx(0.75)
    again = coursekit.quiz(path)  # the saved answer comes back through the adapter
    assert again.questions[0].controls[0].value == "2013" and "Restored" in again.questions[0].feedback.value


def test_the_gift_export_writes_the_new_type(year_type, tmp_path):
    out = tmp_path / "years.gift"
    warnings = gift.export_gift(write_bank(tmp_path), out)
    assert "::minusma-year:: [html]<p>In which year did MINUSMA deploy?</p> {#2013:0 ####<p>Paragraph 8.</p>}" \
        in out.read_text(encoding="utf-8")
    assert warnings == ["hints are not exported (GIFT has no field for them): minusma-year"]


def test_registering_in_a_test_leaves_nothing_behind():
    assert "year" not in qm.TYPES and "year" not in widgets.WIDGET_ADAPTERS and "year" not in gift.GIFT_FORMS
    assert "year" not in moodle.MOODLE_FORMS and "year" not in qti.QTI_FORMS
    assert (DATA / quiz_schema.SCHEMA_FILE).read_text(encoding="utf-8") == quiz_schema.schema_json()
    assert '"year"' not in quiz_schema.schema_json()


# --- a type that is not complete fails loudly ----------------------------------------------

@pytest.fixture
def year_model_only():
    qm.register(YearQuestion)
    yield YearQuestion
    qm.unregister("year")


def test_a_type_without_widgets_is_named_when_the_quiz_is_built(year_model_only, tmp_path):
    with pytest.raises(CourseError, match=r'question type "year" has no widgets: .*@widget_adapter\("year"\)'):
        coursekit.quiz(write_bank(tmp_path))


def test_a_type_without_a_gift_form_is_named_when_exported(year_model_only, tmp_path):
    with pytest.raises(CourseError, match=r'question type "year" has no GIFT form'):
        gift.export_gift(write_bank(tmp_path), tmp_path / "years.gift")
    with pytest.raises(CourseError, match=r'question type "year" has no Moodle XML form'):
        export_bank(write_bank(tmp_path), "moodle", tmp_path / "years.xml")
    with pytest.raises(CourseError, match=r'question type "year" has no QTI form'):
        export_bank(write_bank(tmp_path), "qti", tmp_path / "years.zip")


def test_the_gift_error_says_how_to_add_a_form_or_a_reason(year_model_only, tmp_path):
    with pytest.raises(CourseError, match=r'question "minusma-year": question type "year" has no GIFT form: '
                                          r'register one with @gift_form\("year"\), or say why not with '
                                          r'no_gift_form \(coursekit.quizzes.gift\)'):
        gift.export_gift(write_bank(tmp_path), tmp_path / "years.gift")


def test_a_type_gift_cannot_express_is_left_out_with_its_reason(year_model_only, tmp_path):
    gift.no_gift_form("year", "GIFT has no year question")
    try:
        out = tmp_path / "years.gift"
        warnings = gift.export_gift(write_bank(tmp_path), out)
    finally:
        del gift.GIFT_FORMS["year"]
    assert "minusma-year" not in out.read_text(encoding="utf-8")
    assert warnings == ['question "minusma-year" (year) skipped: GIFT has no year question']
    assert "year" not in gift.GIFT_FORMS


class BrokenYearBox(YearBox):
    def restore(self, answer: Any) -> None:
        raise RuntimeError("a bug in restore")


def test_a_bug_in_an_adapter_is_not_swallowed(year_type, tmp_path):
    widgets.WIDGET_ADAPTERS["year"] = BrokenYearBox
    ProgressStore().save("09_years", "minusma-year", {"answer": "2013", "tries": 1, "status": "correct"})
    with pytest.raises(RuntimeError, match="a bug in restore"):
        coursekit.quiz(write_bank(tmp_path))
