"""Grading of every question type, the tries/hints/penalty rules, and their invariants."""
from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coursekit.quizzes import questions as qm
from coursekit.quizzes.bank import load_bank, question_from_dict
from coursekit.errors import AnswerError


DATA = Path(__file__).resolve().parents[2] / "data"


@pytest.fixture(scope="module")
def example():
    return load_bank(DATA / "quizzes" / "_example.yaml")


def q_of(example, qid):
    return example.question(qid)


# --- single / truefalse ------------------------------------------------------

def test_single_right_and_wrong_with_option_feedback(example):
    q = q_of(example, "example-single")
    right = q.check("Abdoulaye Diop, Mali's foreign minister")
    assert right.credit == 1 and "paragraph 3" in right.feedback[0]
    wrong = q.check("Assimi Goïta")
    assert wrong.credit == 0 and "does not quote him" in wrong.feedback[0]


@pytest.mark.parametrize("raw, words", [(None, "Choose an option"), ("", "Choose an option"),
                                        ("Somebody else", "not one of the options")])
def test_single_unreadable_answers_raise_answer_error(example, raw, words):
    with pytest.raises(AnswerError, match=words):
        q_of(example, "example-single").check(raw)


def test_truefalse_accepts_bools_and_words(example):
    q = q_of(example, "example-truefalse")
    assert q.check(True).credit == 1
    assert q.check("false").credit == 0
    assert q.check(False).feedback == ("Read paragraph 8 again.",)
    with pytest.raises(AnswerError, match="True or False"):
        q.check(None)


# --- multiple ----------------------------------------------------------------

def test_multiple_partial_credit_subtracts_wrong_ticks(example):
    q = q_of(example, "example-multiple")  # right: Russia, France, China; wrong: Mali
    assert q.check(["Russia", "France", "China"]).credit == 1
    assert q.check(["Russia", "France"]).credit == pytest.approx(2 / 3)
    assert q.check(["Russia", "Mali"]).credit == 0
    assert q.check(["Mali"]).credit == 0
    assert q.check(["Russia", "France", "China", "Mali"]).credit == pytest.approx(2 / 3)


def test_multiple_all_or_nothing_when_partial_is_false():
    q = question_from_dict({"id": "m", "type": "multiple", "prompt": "p", "explanation": "e",
                            "options": ["a", "b", "c"], "answer": ["a", "b"], "partial": False})
    assert q.check(["a"]).credit == 0
    assert q.check(["b", "a"]).credit == 1


def test_multiple_feedback_only_for_ticked_options(example):
    g = q_of(example, "example-multiple").check(["Mali"])
    assert any("host country" in f for f in g.feedback)
    assert not any(f == "Yes." for f in g.feedback)


def test_multiple_nothing_ticked_is_a_message(example):
    with pytest.raises(AnswerError, match="Tick at least one"):
        q_of(example, "example-multiple").check([])


# --- numeric -----------------------------------------------------------------

@pytest.mark.parametrize("raw, credit", [("15000", 1), ("14500", 1), ("15500", 1), ("15501", 0),
                                         (" 15000.0 ", 1), ("1.5e4", 1), ("0", 0), (15000, 1)])
def test_numeric_tolerance(example, raw, credit):
    assert q_of(example, "example-numeric").check(raw).credit == credit


@pytest.mark.parametrize("raw, words", [
    ("", "Type a number first"), ("   ", "Type a number first"), (None, "Type a number first"),
    ("abc", '"abc" is not a number'), ("12,5", r"comma: write decimals with a point \(12\.5\)"),
    ("15,000", r"\(15000\)"), ("nan", "ordinary number"), ("inf", "ordinary number"),
])
def test_numeric_unreadable_input_messages(example, raw, words):
    with pytest.raises(AnswerError, match=words):
        q_of(example, "example-numeric").check(raw)


def test_numeric_zero_tolerance_exact():
    q = question_from_dict({"id": "n", "type": "numeric", "prompt": "p", "explanation": "e", "answer": 0.3})
    assert q.check("0.3").credit == 1
    assert q.check(str(0.1 + 0.2)).credit == 1  # float noise is not a wrong answer
    assert q.check("0.31").credit == 0


# --- text ----------------------------------------------------------------------

@pytest.mark.parametrize("raw", ["Goïta", "goita", "  GOÏTA ", "Assimi Goita", "Goïta."])
def test_text_ignores_case_accents_punctuation(example, raw):
    assert q_of(example, "example-text").check(raw).credit == 1


def test_text_near_miss_only_when_allowed(example):
    fuzzy = q_of(example, "example-text")  # fuzzy: 1
    g = fuzzy.check("Goyta")
    assert g.credit == 1 and any("check the spelling" in f and "Goïta" in f for f in g.feedback)
    assert fuzzy.check("Gooyta").credit == 0  # two typos
    strict = question_from_dict({"id": "t", "type": "text", "prompt": "p", "explanation": "e",
                                 "answer": "Goïta"})
    assert strict.check("Goyta").credit == 0


def test_text_fuzzy_never_accepts_very_short_words():
    q = question_from_dict({"id": "t", "type": "text", "prompt": "p", "explanation": "e",
                            "answer": "UN", "fuzzy": 3})
    assert q.check("EU").credit == 0
    assert q.check("un").credit == 1


def test_text_empty_is_a_message(example):
    with pytest.raises(AnswerError, match="Type an answer"):
        q_of(example, "example-text").check(" ... ")


def test_edit_distance():
    assert qm.edit_distance("kitten", "sitting") == 3
    assert qm.edit_distance("diop", "diop") == 0
    assert qm.edit_distance("abc", "abcdef", limit=1) == 2


# --- ordering / matching / cloze -----------------------------------------------

def test_ordering_partial_credit_by_position(example):
    q = q_of(example, "example-ordering")
    items = list(q.items)
    assert q.check(items).credit == 1
    swapped = [items[1], items[0], items[2]]
    g = q.check(swapped)
    assert g.credit == pytest.approx(1 / 3)
    assert "1 of 3 items are in the right place." in g.feedback


@pytest.mark.parametrize("raw, words", [([], "Place every item"), ([None, None, None], "Place every item"),
                                        (["A Tuareg-led rebellion starts in the north"] * 3, "placed twice")])
def test_ordering_incomplete_answers(example, raw, words):
    with pytest.raises(AnswerError, match=words):
        q_of(example, "example-ordering").check(raw)


def test_matching_partial_and_distractors(example):
    q = q_of(example, "example-matching")
    right = dict(q.pairs)
    assert q.check(right).credit == 1
    wrong = dict(right, **{"Abdoulaye Diop": "President of France"})
    assert q.check(wrong).credit == pytest.approx(2 / 3)
    assert "President of France" in q.rights
    with pytest.raises(AnswerError, match='Choose a match for "Assimi Goïta"'):
        q.check({"Abdoulaye Diop": "Junta leader"})


def test_cloze_gaps_graded_separately(example):
    q = q_of(example, "example-cloze")
    assert q.check(["June", "nine"]).credit == 1
    assert q.check(["juen", "nine"]).credit == 1  # fuzzy: 1 on gap 1
    g = q.check(["July", "nine"])
    assert g.credit == pytest.approx(0.5) and "1 of 2 gaps are right." in g.feedback
    with pytest.raises(AnswerError, match="Fill gap 2"):
        q.check(["June", ""])
    assert "(1) ____" in q.blanked_text() and "[[" not in q.blanked_text()


def test_reflection_is_saved_not_graded(example):
    q = q_of(example, "example-reflection")
    assert q.points == 0 and not q.graded
    with pytest.raises(AnswerError, match="at least 10 words"):
        q.check("Too short.")
    state = qm.QuestionState()
    out = qm.submit(q, state, "one two three four five six seven eight nine ten")
    assert out.counted and state.status == "answered" and state.score == 0


# --- tries, hints, penalties ---------------------------------------------------

def make(**kw):
    d = {"id": "q", "type": "numeric", "prompt": "p", "explanation": "e", "answer": 5,
         "hints": ["h1", "h2"], "points": 2}
    d.update(kw)
    return question_from_dict(d)


def test_tries_default_to_hints_plus_one_and_each_wrong_try_shows_next_hint():
    q = make()
    assert q.max_tries == 3
    s = qm.QuestionState()
    first = qm.submit(q, s, "1")
    assert first.counted and first.new_hint == "h1" and "2 tries left" in first.message
    assert s.hints_shown(q) == 1 and not s.finished
    second = qm.submit(q, s, "2")
    assert second.new_hint == "h2" and "1 try left" in second.message
    third = qm.submit(q, s, "3")
    assert s.finished and s.status == "wrong" and "No tries left" in third.message
    assert s.score == 0


def test_penalty_per_wrong_try_and_best_try_kept():
    q = make(penalty=0.25)
    s = qm.QuestionState()
    qm.submit(q, s, "1")
    out = qm.submit(q, s, "5")
    assert out.grade.correct and s.finished and s.status == "correct"
    assert s.score == pytest.approx(2 * (1 - 0.25))


def test_bank_defaults_then_question_override():
    q = question_from_dict({"id": "q", "type": "truefalse", "prompt": "p", "explanation": "e",
                            "answer": True}, defaults={"tries": 4, "penalty": 0.5})
    assert q.max_tries == 4 and q.penalty_fraction == 0.5
    q2 = question_from_dict({"id": "q", "type": "truefalse", "prompt": "p", "explanation": "e",
                             "answer": True, "tries": 1}, defaults={"tries": 4})
    assert q2.max_tries == 1


def test_unreadable_input_same_answer_and_finished_question_use_no_try():
    q = make()
    s = qm.QuestionState()
    assert not qm.submit(q, s, "abc").counted
    assert s.tries == 0
    qm.submit(q, s, "1")
    again = qm.submit(q, s, "1")
    assert not again.counted and "already checked this answer" in again.message and s.tries == 1
    qm.submit(q, s, "5")
    after = qm.submit(q, s, "5")
    assert not after.counted and "finished" in after.message and s.tries == 2


def test_partial_answer_can_be_improved_and_is_not_finished_early(example):
    q = q_of(example, "example-multiple")  # tries 3 from the bank's defaults
    s = qm.QuestionState()
    out = qm.submit(q, s, ["Russia"])
    assert "Partly correct" in out.message and not s.finished and s.status == "in progress"
    qm.submit(q, s, ["Russia", "France", "China"])
    assert s.status == "correct" and s.score == pytest.approx(2 * (1 - 0.25))


def test_state_round_trips_through_a_record(example):
    q = q_of(example, "example-numeric")
    s = qm.QuestionState()
    qm.submit(q, s, "1")
    back = qm.QuestionState.from_record(s.to_record(q))
    assert back == s
    assert qm.QuestionState.from_record({"tries": "x"}) == qm.QuestionState()
    assert qm.QuestionState.from_record(None) == qm.QuestionState()


def test_summary_headline(example):
    qs = example.questions[:3]
    states = {qs[0].id: qm.QuestionState(tries=1, score=1.0, status="correct", finished=True)}
    s = qm.summarise(qs, states)
    assert s.headline() == "1 of 3 answered, 1/4 points"
    assert "example-multiple: not answered (0/2)" in str(s)


# --- properties ------------------------------------------------------------------

def _all_questions():
    from coursekit.quizzes.bank import load_all_banks
    qs = list(load_bank(DATA / "quizzes" / "_example.yaml").questions)
    for b in load_all_banks(DATA):
        qs.extend(b.questions)
    return qs


ALL = _all_questions()


@pytest.mark.parametrize("q", ALL, ids=lambda q: q.id)
def test_right_answer_always_gets_full_points(q):
    s = qm.QuestionState()
    out = qm.submit(q, s, q.correct_answer())
    assert out.counted
    if q.graded:
        assert out.grade.correct and s.score == pytest.approx(q.points) and s.finished


def _raw_answers(q):
    """Answers a student might give to ``q``, good, bad and unreadable."""
    if isinstance(q, (qm.SingleQuestion,)):
        return st.one_of(st.sampled_from([o.text for o in q.options]), st.none(), st.text(max_size=5))
    if isinstance(q, qm.MultipleQuestion):
        return st.lists(st.sampled_from([o.text for o in q.options]), unique=True)
    if isinstance(q, qm.OrderingQuestion):
        return st.permutations(list(q.items)) | st.lists(st.sampled_from(list(q.items)), max_size=len(q.items))
    if isinstance(q, qm.MatchingQuestion):
        return st.fixed_dictionaries({left: st.sampled_from(q.rights) for left in q.lefts})
    if isinstance(q, qm.ClozeQuestion):
        return st.lists(st.text(max_size=8) | st.sampled_from([a for g in q.gaps for a in g.answer]),
                        min_size=len(q.gaps), max_size=len(q.gaps))
    if isinstance(q, qm.TrueFalseQuestion):
        return st.sampled_from([True, False, None, "true"])
    return st.one_of(st.text(max_size=10), st.floats(allow_nan=True), st.integers())


@settings(max_examples=30, deadline=None)
@given(data=st.data())
def test_score_never_leaves_zero_to_points(data):
    q = data.draw(st.sampled_from([q for q in ALL if q.graded]))
    s = qm.QuestionState()
    for _ in range(q.max_tries + 2):
        qm.submit(q, s, data.draw(_raw_answers(q)))
        assert 0 <= s.score <= q.points + 1e-9
        assert 0 <= s.credit <= 1
    assert s.tries <= q.max_tries


@settings(max_examples=50, deadline=None)
@given(student=st.text(min_size=1, max_size=12))
def test_shuffling_never_changes_which_answer_is_right(student):
    for q in ALL:
        if isinstance(q, (qm.SingleQuestion, qm.MultipleQuestion)):
            order = qm.shuffled_indices(len(q.options), student, q.bank, q.id)
            assert sorted(order) == list(range(len(q.options)))
            shown = [q.options[i].text for i in order]
            right = [t for t in shown if t in set(q.correct_answer() if isinstance(q.correct_answer(), list)
                                                   else [q.correct_answer()])]
            assert q.check(right if isinstance(q, qm.MultipleQuestion) else right[0]).correct
        elif isinstance(q, qm.OrderingQuestion):
            order = qm.shuffled_indices(len(q.items), student, q.bank, q.id)
            shown = [q.items[i] for i in order]
            assert q.check(sorted(shown, key=list(q.items).index)).correct


def test_shuffle_is_stable_per_student_and_differs_between_students():
    a = qm.shuffled_indices(8, "ana", "01", "q")
    assert a == qm.shuffled_indices(8, "ana", "01", "q")
    others = {tuple(qm.shuffled_indices(8, f"s{i}", "01", "q")) for i in range(10)}
    assert len(others) > 1


# --- reflection: model answer and rubric ---------------------------------------------

REFLECTION = {"id": "why-consent", "type": "reflection", "prompt": "Why does consent matter?",
              "points": 0, "model_answer": "Because a mission needs the host's **permission**.",
              "rubric": ["Names consent.", "Gives an example."]}


def test_reflection_model_answer_and_rubric_are_revealed_not_described():
    q = question_from_dict(REFLECTION)
    assert q.model_answer.startswith("Because") and q.rubric == ("Names consent.", "Gives an example.")
    headings = dict(q.reveal())
    assert "permission" in headings["A model answer"]
    assert headings["What a good answer does"] == "- Names consent.\n- Gives an example."
    assert "permission" not in q.describe() and "Names consent" not in q.describe()


def test_reflection_without_model_answer_reveals_its_explanation_only():
    q = question_from_dict({"id": "r", "type": "reflection", "prompt": "p", "explanation": "e"})
    assert q.reveal() == [("Explanation", "e")]


# --- inline --------------------------------------------------------------------------

def test_inline_is_a_field_of_every_type_default_false(example):
    assert example.question("example-inline").inline is True
    assert not any(q.inline for q in example.questions if q.id != "example-inline")


# --- verdict ---------------------------------------------------------------------------

VERDICT = {"id": "verdict-salgado", "type": "verdict", "claim": "salgado-date"}


@pytest.fixture(scope="module")
def verdict():
    return question_from_dict(VERDICT, file=str(DATA / "quizzes" / "x.yaml"))


def test_verdict_is_drawn_from_its_claim(verdict):
    assert verdict.drawn and verdict.claim == "salgado-date"
    assert verdict.options == ("wrong date", "wrong name or place", "unsupported or unclear number",
                               "wrong count basis", "two events merged into one", "spelling or naming slip",
                               "checks out")
    assert verdict.answer == ("wrong date",)
    assert "In August that same year" in verdict.prompt
    assert "20 July 2022" in verdict.record and verdict.source.paragraph == 17
    assert verdict.max_tries == 2 and "timeline" in verdict.hints[0]


def test_verdict_prompt_and_plain_text_never_give_the_record_away(verdict):
    text = verdict.prompt + verdict.describe()
    assert "20 July" not in text and "July" not in verdict.prompt
    assert verdict.record not in text and verdict.explanation not in text


def test_verdict_grading_needs_a_reason(verdict):
    right = {"verdict": "wrong date", "why": "The record says 20 July 2022, not August."}
    assert verdict.check(right).credit == 1.0
    assert verdict.check({**right, "verdict": "checks out"}).credit == 0.0
    for why, message in [("", "Say why in one line"), ("   ", "Say why in one line"),
                         ("July", "at least 3"), (None, "Say why in one line")]:
        with pytest.raises(AnswerError, match=message):
            verdict.check({**right, "why": why})
    with pytest.raises(AnswerError, match="Choose a verdict first"):
        verdict.check({"verdict": None, "why": "The record says July."})
    with pytest.raises(AnswerError, match="not one of the verdicts"):
        verdict.check({"verdict": "false", "why": "The record says July."})
    with pytest.raises(AnswerError, match="Say why"):
        verdict.check("wrong date")  # a verdict alone, without its reason


def test_verdict_also_accepted_gets_full_credit():
    q = question_from_dict({"id": "v-six", "type": "verdict", "claim": "six-million"})
    assert q.answer == ("unsupported or unclear number", "wrong count basis")
    for v in q.answer:
        assert q.check({"verdict": v, "why": "The IOM counted 392,000 in Mali."}).correct
    assert not q.check({"verdict": "checks out", "why": "The IOM counted 392,000."}).correct


def test_verdict_tries_hints_and_penalty_like_other_types(verdict):
    state = qm.QuestionState()
    out = qm.submit(verdict, state, {"verdict": "checks out", "why": "Looks right to me."})
    assert out.counted and "1 try left" in out.message and out.new_hint == verdict.hints[0]
    # The same verdict with another reason is not a new try.
    again = qm.submit(verdict, state, {"verdict": "checks out", "why": "Still looks right to me."})
    assert not again.counted and state.tries == 1
    out = qm.submit(verdict, state, {"verdict": "wrong date", "why": "The record says 20 July 2022."})
    assert out.grade.correct and state.finished and state.score == pytest.approx(0.75)
    assert state.answer == {"verdict": "wrong date", "why": "The record says 20 July 2022."}


def test_verdict_reveals_record_and_finding_sections(verdict):
    sections = dict(verdict.reveal())
    assert sections["The record"] == verdict.record
    assert sections["What a careful reader concludes"] == verdict.explanation


def test_verdict_record_round_trips_with_its_reason(verdict):
    state = qm.QuestionState()
    qm.submit(verdict, state, {"verdict": "wrong date", "why": "20 July 2022, per the communiqué."})
    back = qm.QuestionState.from_record(state.to_record(verdict))
    assert back == state and back.answer["why"] == "20 July 2022, per the communiqué."
    assert verdict.given_text(back.answer) == "wrong date; why: 20 July 2022, per the communiqué."
    assert verdict.answer_text() == "wrong date"


def test_a_hand_written_verdict_checks_its_answer_among_its_options():
    from coursekit.errors import DataError

    d = {"id": "v", "type": "verdict", "prompt": "p", "options": ["a", "b"], "answer": "c", "explanation": "e"}
    with pytest.raises(DataError, match='answer: "c" is not one of the options'):
        question_from_dict(d)
    with pytest.raises(DataError, match="cannot draw this question: no claim 'nope'"):
        question_from_dict({"id": "v", "type": "verdict", "claim": "nope"})


def test_drafts_are_kept_in_the_record_and_are_not_answers():
    q = question_from_dict(REFLECTION)
    state = qm.QuestionState(draft="half a thought")
    record = state.to_record(q)
    assert record["draft"] == "half a thought" and record["tries"] == 0
    back = qm.QuestionState.from_record(record)
    assert back.draft == "half a thought" and not back.answered and back.status == "not answered"
    qm.submit(q, back, "a whole thought now")
    assert back.draft is None and "draft" not in back.to_record(q)
    assert "draft" not in qm.QuestionState().to_record(q)


# --- hostile input: never an exception, grading still works ------------------------------

HOSTILE = ["Goïta\ud83d", "Go\x00ïta", "\u200fGoïta\u200e", "\u202eGoïta", "x" * 1_000_000]


@pytest.mark.parametrize("raw", HOSTILE, ids=["surrogate", "nul", "rtl-marks", "rtl-override", "1MB"])
def test_hostile_text_never_raises_anything_but_answer_error(example, verdict, raw):
    for qid in ("example-text", "example-numeric", "example-cloze", "example-reflection"):
        q = example.question(qid)
        value = [raw, raw] if qid == "example-cloze" else raw
        try:
            q.check(value)
        except AnswerError as exc:
            assert len(str(exc)) < 300, qid  # a message quotes a short part of the text, never 1 MB
    try:
        verdict.check({"verdict": "wrong date", "why": raw})
    except AnswerError:
        pass


def test_hostile_marks_around_a_right_answer_still_grade_it(example, verdict):
    assert example.question("example-text").check("\u200fGoïta\ud83d\x00").correct
    assert example.question("example-numeric").check("\u200f15000\u200e").correct
    assert example.question("example-numeric").check("15000\x00").correct
    assert example.question("example-cloze").check(["Jun\u200fe", "nine"]).credit >= 0.5
    assert verdict.check({"verdict": "wrong date", "why": "July \ud83d not August \x00 here"}).correct


def test_a_numeric_message_quotes_only_a_short_visible_part():
    with pytest.raises(AnswerError) as err:
        qm.parse_number("1" * 500 + "abc\ud83d")
    assert "…" in str(err.value) and "\ud83d" not in str(err.value) and len(str(err.value)) < 120


@pytest.mark.parametrize("qid, raw", [
    ("example-matching", "x"), ("example-matching", 5), ("example-cloze", 5), ("example-multiple", 5),
    ("example-ordering", 5), ("example-matching", [["only one"]]),
])
def test_an_answer_of_the_wrong_shape_is_a_message_not_an_exception(example, qid, raw):
    q, state = q_of(example, qid), qm.QuestionState()
    out = qm.submit(q, state, raw)
    assert (out.counted, out.message, state.tries) == (False, qm.UNREADABLE, 0)


def test_a_summative_answer_is_recorded_not_graded(example):
    q, state = q_of(example, "example-numeric"), qm.QuestionState()
    out = qm.submit(q, state, "123456", summative=True)
    assert (out.counted, out.message, out.grade, out.new_hint) == (True, qm.DEFERRED, None, None)
    assert (state.tries, state.status, state.score, state.finished) == (1, "answered", 0.0, False)
    assert state.answer == "123456"
    assert qm.submit(q, state, "abc", summative=True).counted is False  # unreadable: still a message, no try


def test_a_worse_later_try_keeps_the_earlier_one_as_the_best(example):
    q, state = q_of(example, "example-multiple"), qm.QuestionState()
    qm.submit(q, state, ["Russia", "France"])  # 2 of 3 right: partial credit on the first try
    assert state.best is None  # the last try is the best
    qm.submit(q, state, ["Mali"])  # worse
    record = state.to_record(q)
    assert record["answer"] == ["Mali"] and record["best"] == {"answer": ["Russia", "France"], "try": 1}
    assert record["score"] == pytest.approx(q.points * 2 / 3)
    assert qm.QuestionState.from_record(record).best == state.best
    qm.submit(q, state, ["Russia", "France", "China"])  # right at last, but the penalty of two tries
    assert state.best == {"answer": ["Russia", "France"], "try": 1}  # makes it worth less than the first
    assert state.score == pytest.approx(q.points * 2 / 3)


def test_an_answer_nested_deeper_than_any_box_gives_is_refused_not_walked(example):
    deep: list = []
    for _ in range(5000):  # far past Python's recursion limit
        deep = [deep]
    for qid in ("example-text", "example-matching", "example-ordering"):
        q, state = q_of(example, qid), qm.QuestionState()
        out = qm.submit(q, state, deep)
        assert (out.counted, out.message, state.tries) == (False, qm.UNREADABLE, 0)
    ok = [[["a", "b"]]]  # three deep, like the boxes at most
    assert not qm._too_deep(ok) and qm._too_deep(deep)

