"""The quiz widgets, driven as a student would: set values, click buttons, read what shows."""
from __future__ import annotations

import json
from pathlib import Path

import ipywidgets as widgets
import pytest

from coursekit.quizzes.widgets import quiz

DATA = Path(__file__).resolve().parents[2] / "data"
EXAMPLE = DATA / "quizzes" / "_example.yaml"


@pytest.fixture(autouse=True)
def own_progress(tmp_path, monkeypatch):
    monkeypatch.setenv("COURSEKIT_PROGRESS", str(tmp_path / "progress.json"))
    monkeypatch.setenv("COURSEKIT_STUDENT", "test-student")
    return tmp_path / "progress.json"


def view(q, qid):
    return next(v for v in q.questions if v.question.id == qid)


def test_quiz_has_labelled_controls_and_css_classes():
    q = quiz(EXAMPLE)
    assert "coursekit-quiz" in q.widget._dom_classes
    assert "coursekit-score" in q.score._dom_classes
    for v in q.questions:
        assert "coursekit-check" in v.check_button._dom_classes
        assert "coursekit-feedback" in v.feedback._dom_classes
        assert "coursekit-hint" in v.hint._dom_classes
        assert "coursekit-explanation" in v.explanation._dom_classes
        for ctl in v.controls:
            assert ctl.description, f"{v.question.id}: a control without a label"
    assert q.score.value.count("0 of 10 answered, 0/11 points") == 1


def test_single_choice_right_answer_symbol_and_words():
    q = quiz(EXAMPLE)
    v = view(q, "example-single")
    v.controls[0].value = "Abdoulaye Diop, Mali's foreign minister"
    v.check_button.click()
    assert "✔ Correct." in v.feedback.value
    assert "he spoke for the government" in v.feedback.value
    assert "Explanation" in v.explanation.value and "article, paragraph 3" in v.explanation.value
    assert "1 of 10 answered, 1/11 points" in q.score.value


@pytest.mark.parametrize("typed, message", [
    ("", "Type a number first."),
    ("abc", "&quot;abc&quot; is not a number"),
    ("12,5", "has a comma: write decimals with a point (12.5)"),
])
def test_numeric_box_bad_input_is_a_message_and_costs_no_try(typed, message):
    q = quiz(EXAMPLE)
    v = view(q, "example-numeric")
    v.controls[0].value = typed
    v.check_button.click()
    assert message in v.feedback.value
    assert v.state.tries == 0


def test_empty_answers_of_every_type_are_messages():
    q = quiz(EXAMPLE)
    for v in q.questions:
        v.check_button.click()
        assert v.feedback.value, v.question.id
        assert v.state.tries == 0, v.question.id


def test_wrong_tries_reveal_hints_then_finish_with_explanation():
    q = quiz(EXAMPLE)
    v = view(q, "example-single")  # tries: 2, two hints
    v.controls[0].value = "Assimi Goïta"
    v.check_button.click()
    assert "✘ Not right." in v.feedback.value and "1 try left" in v.feedback.value
    assert "Hint 1 of 2" in v.hint.value and "Hint 2" not in v.hint.value
    assert v.explanation.value == ""
    v.controls[0].value = "António Guterres"
    v.check_button.click()
    assert "No tries left" in v.feedback.value
    assert "Explanation" in v.explanation.value
    v.controls[0].value = "Abdoulaye Diop, Mali's foreign minister"
    v.check_button.click()  # after the last try
    assert "This question is finished" in v.feedback.value
    assert v.state.tries == 2 and v.state.score == 0


def test_double_click_uses_one_try():
    q = quiz(EXAMPLE)
    v = view(q, "example-text")
    v.controls[0].value = "Keita"
    v.check_button.click()
    v.check_button.click()
    assert v.state.tries == 1
    assert "You already checked this answer" in v.feedback.value


def test_every_type_can_be_answered_right_through_its_controls():
    q = quiz(EXAMPLE)
    answers = {
        "example-multiple": ["Russia", "France", "China"],
        "example-truefalse": True,
        "example-numeric": "15000",
        "example-text": "goita",
        "example-ordering": ["A Tuareg-led rebellion starts in the north", "MINUSMA is created",
                             "Mali asks MINUSMA to leave"],
        "example-matching": {"Abdoulaye Diop": "Mali's foreign minister", "Assimi Goïta": "Junta leader",
                             "António Guterres": "UN Secretary-General"},
        "example-cloze": ["June", "nine"],
    }
    for qid, answer in answers.items():
        v = view(q, qid)
        v.set_answer(answer)
        v.check_button.click()
        assert "✔ Correct." in v.feedback.value, qid
    # set the widgets directly, as a student's clicks do
    v = view(q, "example-multiple")
    assert [c.value for c in v.controls if c.description in ("Russia", "France", "China")] == [True] * 3


def test_ordering_dropdowns_say_their_place_and_reject_repeats():
    q = quiz(EXAMPLE)
    v = view(q, "example-ordering")
    assert v.controls[0].description.startswith("1 (first)")
    for ctl in v.controls:
        ctl.value = "MINUSMA is created"
    v.check_button.click()
    assert "is placed twice" in v.feedback.value and v.state.tries == 0


def test_reflection_saves_and_can_be_edited():
    q = quiz(EXAMPLE)
    v = view(q, "example-reflection")
    assert v.check_button.description == "Save"
    v.controls[0].value = "Consent matters because without it the mission cannot work or stay safely."
    v.check_button.click()
    v.controls[0].value = "Changed my mind: consent is what makes a mission lawful and workable on the ground."
    v.check_button.click()
    assert v.state.tries == 2 and v.state.status == "answered"


def test_answers_come_back_after_a_rerun(own_progress):
    q = quiz(EXAMPLE)
    v = view(q, "example-numeric")
    v.controls[0].value = "100"
    v.check_button.click()
    view(q, "example-cloze").set_answer(["June", "five"])
    view(q, "example-cloze").check_button.click()
    again = quiz(EXAMPLE)  # a new cell run or a restarted kernel
    v2 = view(again, "example-numeric")
    assert v2.controls[0].value == "100" and v2.state.tries == 1
    assert "Restored" in v2.feedback.value
    assert [c.value for c in view(again, "example-cloze").controls] == ["June", "five"]
    assert again.score.value == q.score.value
    saved = json.loads(own_progress.read_text(encoding="utf-8"))
    assert saved["banks"]["_example"]["example-numeric"]["answer"] == "100"


def test_reset_asks_before_it_erases():
    q = quiz(EXAMPLE)
    v = view(q, "example-text")
    v.controls[0].value = "Goïta"
    v.check_button.click()
    q.reset_button.click()
    assert "Erase your 1 saved answer to this quiz?" in q.confirm_text.value
    assert v.state.tries == 1  # nothing erased yet
    q.cancel_button.click()
    assert v.state.tries == 1 and quiz(EXAMPLE).questions[4].state.tries == 1
    q.confirm_button.click()  # not offered any more: does nothing
    assert v.state.tries == 1 and "first" in q.confirm_text.value
    q.reset_button.click()
    q.confirm_button.click()
    assert v.state.tries == 0 and v.controls[0].value == "" and v.feedback.value == ""
    assert "0 of 10 answered" in q.score.value
    assert view(quiz(EXAMPLE), "example-text").state.tries == 0


def test_instructor_html_is_shown_as_text():
    q = quiz("generated", questions=[{
        "id": "xss", "type": "single", "prompt": "<img src=x onerror=alert(1)> Who?",
        "options": ["<b>A</b>", "B"], "answer": "<b>A</b>", "explanation": "<script>x</script>"}])
    v = q.questions[0]
    assert "<img" not in v.prompt.value and "&lt;img src=x onerror=alert(1)&gt;" in v.prompt.value
    v.controls[0].value = "<b>A</b>"
    v.check_button.click()
    assert "<script" not in v.explanation.value
    assert "<img src=x onerror=alert(1)> Who?" in q._repr_mimebundle_()["text/plain"]


def test_text_plain_lists_questions_without_answers_and_is_deterministic(monkeypatch):
    text = quiz("01_reading_the_article")._repr_mimebundle_()["text/plain"]
    monkeypatch.setenv("COURSEKIT_STUDENT", "someone-else")
    assert quiz("01_reading_the_article")._repr_mimebundle_()["text/plain"] == text
    assert text.startswith("Quiz: Quiz: reading the article (9 questions)")
    assert "[article-paragraph-count] (numeric, 1 point)" in text
    assert "25" not in text.split("article-paragraph-count")[1].split("\n2.")[0]
    order = text.split("[article-story-order]")[1]
    # the ordering is listed alphabetically, not in its right order
    assert order.index("A mass demonstration") < order.index("Diop asks")
    bundle = quiz("01_reading_the_article")._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle


def test_generated_questions_are_saved_under_the_given_bank(own_progress):
    q = quiz("07_review", questions=[{"id": "gen-tf", "type": "truefalse", "prompt": "p", "answer": False,
                                      "explanation": "e"}], title="Review")
    q.questions[0].controls[0].value = "False"
    q.questions[0].check_button.click()
    saved = json.loads(own_progress.read_text(encoding="utf-8"))
    assert saved["banks"]["07_review"]["gen-tf"]["status"] == "correct"


def test_bad_generated_question_raises_a_named_error():
    from coursekit.errors import DataError
    with pytest.raises(DataError, match='<07_review>: question "x": answer: is missing'):
        quiz("07_review", questions=[{"id": "x", "type": "numeric", "prompt": "p", "explanation": "e"}])


def test_corrupt_progress_file_is_told_in_one_line(own_progress):
    own_progress.write_text("{{{ not json", encoding="utf-8")
    q = quiz(EXAMPLE)
    assert "Your progress file could not be read" in q.notice.value
    assert list(own_progress.parent.glob("progress.json.unreadable-*"))


def test_unsaveable_progress_is_a_message_not_a_traceback(tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("x", encoding="utf-8")
    monkeypatch.setenv("COURSEKIT_PROGRESS", str(blocker / "progress.json"))
    q = quiz(EXAMPLE)
    assert "cannot be saved" in q.notice.value
    v = view(q, "example-text")
    v.controls[0].value = "Goïta"
    v.check_button.click()
    assert "✔ Correct." in v.feedback.value and "Not saved" in v.feedback.value


def test_widget_classes_are_real_ipywidgets():
    q = quiz("00_start_here")
    assert isinstance(q.widget, widgets.VBox)
    assert all(isinstance(v.check_button, widgets.Button) for v in q.questions)


def test_generated_questions_with_a_repeated_id_or_bad_item_are_refused():
    from coursekit.errors import DataError
    tf = {"id": "same", "type": "truefalse", "prompt": "p", "answer": True, "explanation": "e"}
    with pytest.raises(DataError, match='<07_review>: question "same": id: is used twice'):
        quiz("07_review", questions=[tf, dict(tf)])
    with pytest.raises(DataError, match="<07_review>: question 1: should be a Question or a dict, not str"):
        quiz("07_review", questions=["what?"])


def test_a_saved_answer_that_no_longer_fits_comes_back_empty_not_as_an_error():
    from coursekit.progress.store import ProgressStore

    store = ProgressStore()
    saved = {"tries": 1, "status": "in progress", "score": 0, "credit": 0}
    stale = {
        "example-single": "Abdoulaye Diop",  # the option's text has changed since
        "example-multiple": ["Russia", "Germany"],
        "example-truefalse": "maybe",
        "example-numeric": ["100"],  # a list where a text belongs
        "example-ordering": {"first": "MINUSMA is created"},
        "example-matching": ["Junta leader"],
        "example-cloze": ["June", "ten"],  # "ten" is not one of gap 2's options
    }
    for qid, answer in stale.items():
        store.save("_example", qid, {**saved, "answer": answer})
    q = quiz(EXAMPLE)
    assert view(q, "example-single").controls[0].value is None
    assert [c.description for c in view(q, "example-multiple").controls if c.value] == ["Russia"]
    assert view(q, "example-truefalse").controls[0].value is None
    assert view(q, "example-numeric").controls[0].value == ""
    assert [c.value for c in view(q, "example-ordering").controls] == [None, None, None]
    assert [c.value for c in view(q, "example-matching").controls] == [None, None, None]
    assert [c.value for c in view(q, "example-cloze").controls] == ["June", None]
    for qid in stale:
        assert "Restored: in progress" in view(q, qid).feedback.value, qid


def test_reset_empties_every_control():
    q = quiz(EXAMPLE)
    answers = {"example-ordering": ["MINUSMA is created", "Mali asks MINUSMA to leave",
                                     "A Tuareg-led rebellion starts in the north"],
               "example-multiple": ["Mali"], "example-cloze": ["May", "five"]}
    for qid, answer in answers.items():
        view(q, qid).set_answer(answer)
        view(q, qid).check_button.click()
    q.reset_button.click()
    q.confirm_button.click()
    assert [c.value for c in view(q, "example-ordering").controls] == [None, None, None]
    assert not any(c.value for c in view(q, "example-multiple").controls)
    assert [c.value for c in view(q, "example-cloze").controls] == ["", None]


def test_lesson_02_quiz_opens_with_the_ordering_question_drawn_from_the_timeline():
    from coursekit.timeline.events import load_timeline

    q = quiz("02_timeline")
    first = q.questions[0]
    drawn = load_timeline().ordering_question(5, seed=2, qid="tl-order-five")
    assert first.question.id == "tl-order-five" and first.question.items == tuple(drawn["items"])
    assert sorted(first.controls[0].options) == sorted(drawn["items"])
    first.set_answer(drawn["items"])
    first.check_button.click()
    assert "✔ Correct." in first.feedback.value
    assert q.text().splitlines()[1].startswith("1. [tl-order-five] (ordering, 1 point) Put these events")
