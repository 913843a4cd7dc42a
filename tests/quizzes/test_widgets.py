"""The quiz widgets, driven as a student would: set values, click buttons, read what shows."""
from __future__ import annotations

import json
import re
from pathlib import Path

import ipywidgets as widgets
import pytest

from coursekit.quizzes.bank import load_bank
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


def checked(qid, answer):
    """A new quiz of the example bank, and its question ``qid`` with ``answer`` typed in and checked once."""
    q = quiz(EXAMPLE)
    v = view(q, qid)
    v.controls[0].value = answer
    v.check_button.click()
    return q, v


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
    assert q.score.value.count("0 of 12 answered, 0/13 points") == 1


def test_single_choice_right_answer_symbol_and_words():
    q, v = checked("example-single", "Abdoulaye Diop, Mali's foreign minister")
    assert "✔ Correct." in v.feedback.value
    assert "he spoke for the government" in v.feedback.value
    assert "Explanation" in v.explanation.value and "article, paragraph 3" in v.explanation.value
    assert "1 of 12 answered, 1/13 points" in q.score.value


@pytest.mark.parametrize("typed, message", [
    ("", "Type a number first."),
    ("abc", "&quot;abc&quot; is not a number"),
    ("12,5", "has a comma: write decimals with a point (12.5)"),
])
def test_numeric_box_bad_input_is_a_message_and_costs_no_try(typed, message):
    _, v = checked("example-numeric", typed)
    assert message in v.feedback.value
    assert v.state.tries == 0


def test_empty_answers_of_every_type_are_messages():
    q = quiz(EXAMPLE)
    for v in q.questions:
        v.check_button.click()
        assert v.feedback.value, v.question.id
        assert v.state.tries == 0, v.question.id


def test_wrong_tries_reveal_hints_then_finish_with_explanation():
    _, v = checked("example-single", "Assimi Goïta")  # tries: 2, two hints
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
    _, v = checked("example-text", "Keita")
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
    q, _ = checked("example-numeric", "100")
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
    q, v = checked("example-text", "Goïta")
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
    assert "0 of 12 answered" in q.score.value
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
    assert text.startswith("Quiz: Reading the article (7 questions)")
    assert "[article-tuesday] (numeric, 1 point)" in text
    assert not re.search(r"\b20\b", re.split(r"\n\d+\. ", text.split("[article-tuesday]")[1])[0])
    order = text.split("[article-story-order]")[1]
    # the ordering is listed alphabetically, not in its right order
    assert order.index("A mass demonstration") < order.index("Diop asks")
    bundle = quiz("01_reading_the_article")._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle


def test_generated_questions_are_saved_under_the_given_bank(own_progress):
    q = quiz("08_review", questions=[{"id": "gen-tf", "type": "truefalse", "prompt": "p", "answer": False,
                                      "explanation": "e"}], title="Review")
    q.questions[0].controls[0].value = "False"
    q.questions[0].check_button.click()
    saved = json.loads(own_progress.read_text(encoding="utf-8"))
    assert saved["banks"]["08_review"]["gen-tf"]["status"] == "correct"


def test_bad_generated_question_raises_a_named_error():
    from coursekit.errors import DataError
    with pytest.raises(DataError, match='<08_review>: question "x": answer: is missing'):
        quiz("08_review", questions=[{"id": "x", "type": "numeric", "prompt": "p", "explanation": "e"}])


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
    with pytest.raises(DataError, match='<08_review>: question "same": id: is used twice'):
        quiz("08_review", questions=[tf, dict(tf)])
    with pytest.raises(DataError, match="<08_review>: question 1: should be a Question or a dict, not str"):
        quiz("08_review", questions=["what?"])


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
    first_question = next(line for line in q.text().splitlines() if line.startswith("1. "))
    assert first_question.startswith("1. [tl-order-five] (ordering, 1 point) Put these events")


# --- what a widget shows before and after an answer ---------------------------------------

def _strings(widget) -> list[str]:
    """Every text a widget tree holds in its state (what the front end is sent)."""
    out = []
    for name in ("value", "description", "placeholder", "tooltip", "options"):
        value = getattr(widget, name, None)
        if isinstance(value, str):
            out.append(value)
        elif isinstance(value, (list, tuple)):
            out += [v for v in value if isinstance(v, str)]
    for child in getattr(widget, "children", ()):
        out += _strings(child)
    return out


def test_reflection_model_answer_and_rubric_only_after_saving():
    q = quiz(EXAMPLE)
    v = view(q, "example-reflection")
    model, rubric = v.question.model_answer, v.question.rubric
    before = " ".join(_strings(q.widget)) + q.text()
    assert "host state's consent: it needs" not in before and rubric[0] not in before
    v.controls[0].value = "Too short."
    v.check_button.click()  # not enough words: not saved, nothing revealed
    assert v.explanation.value == "" and v.state.tries == 0
    v.controls[0].value = "Without consent a mission cannot move, resupply or protect anyone, as Mali showed in 2023."
    v.check_button.click()
    shown = v.explanation.value
    assert "A model answer" in shown and "it needs its permission to deploy" in shown
    assert "What a good answer does" in shown and "<li>Names consent" in shown
    assert model.split()[0] in shown
    assert "Saved." in v.feedback.value and "Not saved" not in v.feedback.value


def test_typing_in_a_reflection_keeps_a_draft_that_is_not_an_answer(own_progress):
    from coursekit.progress.store import ProgressStore

    v = ask_view("_example", "example-reflection")
    v.controls[0].value = "The first words of"
    v.controls[0].value = "The first words of my answer"
    record = ProgressStore().bank("_example")["example-reflection"]
    assert record["draft"] == "The first words of my answer" and record["tries"] == 0
    assert record["answer"] is None and record["status"] == "not answered"
    assert "draft kept" in v.status.value and "not an answer until you click Save" in v.status.value
    bank = load_bank(EXAMPLE)
    assert ProgressStore().scores_by_bank([bank])["_example"].answered == 0
    # The kernel restarts before the student clicks: the draft comes back, still a draft.
    again = ask_view("_example", "example-reflection")
    assert again.controls[0].value == "The first words of my answer" and not again.state.answered
    again.controls[0].value = "The first words of my answer, which is now long enough to save."
    again.check_button.click()
    record = ProgressStore().bank("_example")["example-reflection"]
    assert "draft" not in record and record["tries"] == 1 and record["status"] == "answered"
    assert "draft" not in again.status.value
    # Editing a saved answer keeps the edit as a draft beside the saved answer.
    again.controls[0].value = "An edit I have not saved yet."
    record = ProgressStore().bank("_example")["example-reflection"]
    assert record["answer"].startswith("The first words") and record["draft"] == "An edit I have not saved yet."
    third = ask_view("_example", "example-reflection")
    assert third.controls[0].value == "An edit I have not saved yet." and third.state.answered
    assert "A model answer" in third.explanation.value  # saved once: the model answer stays


def test_emptying_an_unsaved_draft_removes_it(own_progress):
    from coursekit.progress.store import ProgressStore

    v = ask_view("_example", "example-reflection")
    v.controls[0].value = "something"
    v.controls[0].value = "   "
    assert "example-reflection" not in ProgressStore().bank("_example")
    assert "draft" not in v.status.value


# --- inline questions and coursekit.ask -------------------------------------------------

def ask_view(bank, qid):
    from coursekit.quizzes.widgets import ask

    shown = ask(bank, qid)
    assert len(shown.questions) == 1
    return shown.questions[0]


def test_the_quiz_leaves_inline_questions_out_and_says_so():
    q = quiz(EXAMPLE)
    ids = [v.question.id for v in q.questions]
    assert "example-inline" not in ids and len(ids) == 12
    assert "also asks 1 question in its text" in q.header.value
    assert "also asks 1 question in its text" in q.text()
    lesson = quiz("06_reading_critically")
    assert [v.question.id for v in lesson.questions][0] == "critical-relative-date"
    assert not any(v.question.inline for v in lesson.questions)
    assert "also asks 9 questions in its text" in lesson.text()
    assert "also asks 4 questions in its text" in quiz("00_start_here").text()
    plain = quiz("08_review", questions=[{"id": "gen-tf", "type": "truefalse", "prompt": "p", "answer": False,
                                          "explanation": "e"}], title="Review")
    assert "inline" not in plain.header.value  # no note when there is none


def test_ask_shows_one_question_compact_and_saves_it_under_the_bank(own_progress):
    from coursekit.quizzes.widgets import ask

    shown = ask("_example", "example-inline")
    assert "coursekit-ask" in shown.widget._dom_classes
    assert shown.widget.children == (shown.notice, shown.questions[0].box)  # no title, score or reset
    v = shown.questions[0]
    assert "<strong>Question</strong>" in v.prompt.value and "Question 1" not in v.prompt.value
    assert shown.text().startswith("[example-inline] (truefalse, 1 point)")
    assert shown._repr_mimebundle_()["text/plain"] == shown.text()
    v.controls[0].value = "True"
    v.check_button.click()
    assert "✔ Correct." in v.feedback.value
    saved = json.loads(own_progress.read_text(encoding="utf-8"))
    assert saved["banks"]["_example"]["example-inline"]["status"] == "correct"
    assert ask_view("_example", "example-inline").state.status == "correct"


def test_inline_questions_count_in_the_lesson_score_and_the_export(own_progress):
    from coursekit.progress.export import export_document
    from coursekit.progress.store import ProgressStore

    v = ask_view("_example", "example-inline")
    v.controls[0].value = "True"
    v.check_button.click()
    bank = load_bank(EXAMPLE)
    score = ProgressStore().scores_by_bank([bank])["_example"]
    assert (score.score, score.points, score.answered, score.questions) == (1.0, 14.0, 1, 13)
    doc = export_document(ProgressStore(), [bank])
    assert doc["banks"]["_example"]["answers"]["example-inline"]["answer"] is True


@pytest.mark.parametrize("bank, qid, expected", [
    ("_example", "no-such-id",
     '_example has no question "no-such-id"; its questions are: example-single, example-multiple'),
    ("no-such-bank", "x", 'no question bank "no-such-bank"'),
])
def test_ask_for_what_does_not_exist_is_one_line_naming_what_does(bank, qid, expected):
    from coursekit.quizzes.widgets import ask

    shown = ask(bank, qid)
    assert expected in repr(shown) and "\n" not in repr(shown)
    assert "06_reading_critically" in repr(shown) or bank == "_example"
    assert 'role="alert"' in shown._repr_html_() and "⚠" in shown._repr_html_()


def test_ask_is_public_api():
    import coursekit

    assert "ask" in coursekit.__all__ and "my_answers" in coursekit.__all__
    assert coursekit.ask("_example", "example-inline").questions[0].question.id == "example-inline"


# --- verdicts ---------------------------------------------------------------------------

def test_verdict_reveals_the_record_only_after_it_is_answered(own_progress):
    v = ask_view("06_reading_critically", "verdict-salgado-date")
    record, finding = v.question.record, v.question.explanation
    before = " ".join(_strings(v.box))
    assert record not in before and finding not in before and "communiqué" not in before
    assert v.controls[0].options == v.question.options and v.controls[0].value is None
    v.set_answer({"verdict": "wrong date", "why": ""})
    v.check_button.click()
    assert "Say why in one line" in v.feedback.value and v.state.tries == 0
    assert v.explanation.value == ""
    v.set_answer({"verdict": "checks out", "why": "August 2022 seems right to me."})
    v.check_button.click()
    assert "1 try left" in v.feedback.value and "Hint 1 of 1" in v.hint.value
    assert record[:40] not in v.explanation.value and v.explanation.value == ""
    v.set_answer({"verdict": "wrong date", "why": "The record says 20 July 2022, not August."})
    v.check_button.click()
    assert "✔ Correct." in v.feedback.value and v.state.score == 0.75
    shown = v.explanation.value
    assert "The record" in shown and "20 July 2022" in shown
    assert "Malian foreign ministry communiqué, 20 July 2022" in shown
    assert "What a careful reader concludes" in shown


def test_a_verdict_and_its_reason_are_saved_restored_and_exported(own_progress):
    from coursekit.progress.export import export_document
    from coursekit.progress.store import ProgressStore

    v = ask_view("07_names_and_framing", "verdict-states-department")
    v.controls[0].value = "spelling or naming slip"
    v.controls[1].value = "It is the State Department, not States."
    v.check_button.click()
    assert v.state.status == "correct"
    again = ask_view("07_names_and_framing", "verdict-states-department")
    assert [c.value for c in again.controls] == ["spelling or naming slip", "It is the State Department, not States."]
    assert "Restored: correct" in again.feedback.value and "The record" in again.explanation.value
    doc = export_document(ProgressStore())
    saved = doc["banks"]["07_names_and_framing"]["answers"]["verdict-states-department"]
    assert saved["answer"] == {"verdict": "spelling or naming slip", "why": "It is the State Department, not States."}
    assert saved["type"] == "verdict" and saved["score"] == 1.0


def test_a_verdict_reason_is_kept_as_a_draft_while_typing():
    from coursekit.progress.store import ProgressStore

    v = ask_view("07_names_and_framing", "verdict-fermenting")
    v.controls[0].value = "spelling or naming slip"
    v.controls[1].value = "Fomenting is the word"
    record = ProgressStore().bank("07_names_and_framing")["verdict-fermenting"]
    assert record["draft"] == {"verdict": "spelling or naming slip", "why": "Fomenting is the word"}
    assert record["tries"] == 0
    again = ask_view("07_names_and_framing", "verdict-fermenting")
    assert again.controls[1].value == "Fomenting is the word" and not again.state.answered
    again.check_button.click()
    assert again.state.status == "correct" and again.state.draft is None
    again.controls[1].value = "A finished question keeps no draft."
    assert "draft" not in ProgressStore().bank("07_names_and_framing")["verdict-fermenting"]


@pytest.mark.parametrize("lesson", ["06_reading_critically", "07_names_and_framing"])
def test_no_inline_question_of_lessons_06_and_07_shows_what_it_reveals_before_an_answer(lesson):
    bank = load_bank(lesson)
    for q in [q for q in bank.questions if q.inline]:
        shown = ask_view(bank.id, q.id)
        text = " ".join(_strings(shown.box)) + q.describe()
        for _, secret in q.reveal():
            for line in secret.splitlines():
                if len(line) > 30:
                    assert line not in text, (q.id, line)


def test_my_answers_shows_the_record_only_for_finished_questions():
    from coursekit.quizzes.review import my_answers

    v = ask_view("06_reading_critically", "verdict-salgado-date")
    v.set_answer({"verdict": "checks out", "why": "August looks right to me."})
    v.check_button.click()  # one try left: not finished
    rows = {r.question: r for r in my_answers("06_reading_critically", only="inline")}
    assert rows["verdict-salgado-date"].yours == "checks out; why: August looks right to me."
    assert rows["verdict-salgado-date"].key == ""
    assert rows["verdict-two-coups"].yours == "" and rows["verdict-two-coups"].key == ""
    v.set_answer({"verdict": "wrong name or place", "why": "Salgado is not the name."})
    v.check_button.click()  # out of tries: finished
    table = my_answers("06_reading_critically", only="inline")
    rows = {r.question: r for r in table}
    assert rows["verdict-salgado-date"].key == "wrong date"
    assert "critical-order" not in rows and len(rows) == 9
    assert "wrong date" in str(table) and "<table" in table._repr_html_()
    with pytest.raises(ValueError):
        my_answers("06_reading_critically", only="everything")


# --- a save that fails, and input a browser may send -------------------------------------

@pytest.fixture
def failing_saves(monkeypatch):
    from coursekit.errors import ProgressError
    from coursekit.progress.store import ProgressStore

    def fail(self, *args, **kwargs):
        raise ProgressError("could not save answers to progress.json: No space left on device")

    monkeypatch.setattr(ProgressStore, "save", fail)


@pytest.mark.parametrize("qid, answer", [
    ("example-reflection", "Consent lets a mission move and resupply; without it, as in Mali, it must leave."),
    ("example-text", "Goïta"),
])
def test_a_failed_save_never_shows_the_answer_as_saved(failing_saves, qid, answer):
    _, v = checked(qid, answer)
    feedback = v.feedback.value
    assert "Not saved" in feedback and "No space left on device" in feedback
    assert "coursekit.export_answers()" in feedback and "copy it somewhere safe" in feedback
    assert "Saved." not in feedback
    assert v.status.value.startswith("⚠ not saved")
    assert v.controls[0].value == answer  # the work stays in the box


def test_a_failed_draft_save_is_told_in_the_status(failing_saves):
    v = ask_view("_example", "example-reflection")
    v.controls[0].value = "typing while the disk is full"
    assert v.status.value.startswith("⚠ not saved") and "No space left" in v.status.value


def test_an_unexpected_store_error_is_a_message_too(monkeypatch):
    from coursekit.progress.store import ProgressStore

    def broken(self, *args, **kwargs):
        raise UnicodeEncodeError("utf-8", "x", 0, 1, "surrogates not allowed")

    monkeypatch.setattr(ProgressStore, "save", broken)
    _, v = checked("example-text", "Goïta")
    assert "Not saved" in v.feedback.value and "UnicodeEncodeError" in v.feedback.value


HOSTILE = {"surrogate": "Goïta\ud83d", "nul": "Goïta\x00", "rtl": "\u200fGoïta\u200e",
           "1MB": "Goïta " + "x" * 1_000_000}


@pytest.mark.parametrize("kind", HOSTILE)
def test_hostile_input_in_every_typed_control_is_graded_and_saved(kind, own_progress):
    from coursekit.progress.store import ProgressStore

    raw = HOSTILE[kind]
    q = quiz(EXAMPLE)
    reflection = raw + " because consent matters to every mission in the world"
    boxes = {"example-text": [raw], "example-numeric": [raw.replace("Goïta", "15000")],
             "example-cloze": [raw.replace("Goïta", "June"), None], "example-reflection": [reflection]}
    for qid, values in boxes.items():
        v = view(q, qid)
        for ctl, value in zip(v.controls, values):
            if value is not None:
                ctl.value = value
        if qid == "example-cloze":
            v.controls[1].value = "nine"
        v.check_button.click()  # never raises
        assert v.feedback.value, qid
        assert "\ud83d" not in v.feedback.value + v.status.value + v.explanation.value, qid
    verdict = ask_view("07_names_and_framing", "verdict-goitta-spelling")
    verdict.controls[0].value = "spelling or naming slip"
    verdict.controls[1].value = raw + " is spelled two ways"
    verdict.check_button.click()
    assert verdict.state.status == "correct"
    if kind != "1MB":  # a million x's is no number and no word; the others are right answers
        assert view(q, "example-text").state.status == "correct"
        assert view(q, "example-numeric").state.status == "correct"
        assert view(q, "example-cloze").state.status == "correct"
    # Saved, not "not saved" (the store makes any text storable).
    for v in [*q.questions, verdict]:
        assert "not saved" not in v.status.value, v.question.id
        assert "Not saved" not in v.feedback.value, v.question.id
    saved = ProgressStore().bank("_example")
    assert saved["example-reflection"]["tries"] == 1
    assert ProgressStore().bank("07_names_and_framing")["verdict-goitta-spelling"]["status"] == "correct"


def test_a_quiz_shown_before_an_import_never_overwrites_what_the_import_brought_back(tmp_path, monkeypatch):
    monkeypatch.setenv("COURSEKIT_PROGRESS", str(tmp_path / "progress.json"))
    shown = quiz("01_reading_the_article")
    view = shown.questions[0]
    q = view.question
    # Meanwhile the student's file from an earlier session is brought back: answered right.
    from coursekit.progress.store import ProgressStore
    from coursekit.quizzes import questions as qm

    earlier = qm.QuestionState()
    qm.submit(q, earlier, q.correct_answer())
    ProgressStore().save(shown.bank_id, q.id, earlier.to_record(q))
    outcome = view.check()
    assert not outcome.counted and "further on" in outcome.message
    assert view.state.tries == earlier.tries and view.state.status == earlier.status
    assert ProgressStore().bank(shown.bank_id)[q.id]["tries"] == earlier.tries


def test_a_summative_bank_records_answers_without_feedback(tmp_path, own_progress):
    text = re.sub(r"(?m)^summative: false", "summative: true", EXAMPLE.read_text(encoding="utf-8"), count=1)
    assert "summative: true" in text
    bank = tmp_path / "_example.yaml"
    bank.write_text(text, encoding="utf-8")
    q = quiz(bank)
    assert "your instructor grades this quiz" in q.header.value.lower()
    v = view(q, "example-single")
    assert v.check_button.description == "Save"
    v.controls[0].value = next(o.text for o in v.question.options if o.text != v.question.answer)  # a wrong answer
    v.check_button.click()
    v.check_button.click()  # saving again is allowed: nothing is ever finished
    assert "Your instructor grades this quiz" in v.feedback.value
    assert "Not right" not in v.feedback.value and "Correct" not in v.feedback.value
    assert v.hint.value == "" and v.explanation.value == ""
    assert "1 of 12 answered; graded by your instructor" in q.score.value
    assert q.store.bank(q.bank_id)["example-single"]["status"] == "answered"
