"""Loading and checking question banks: every bad bank gets one clear line, never a traceback."""
from __future__ import annotations

import re
import shutil
import textwrap
from pathlib import Path

import pytest

from coursekit.quizzes import questions as qm
from coursekit.quizzes.bank import check_banks, load_all_banks, load_bank, question_from_dict
from coursekit.cli import main
from coursekit.errors import DataError, DataNotFoundError
from coursekit.quizzes.schema import schema_json

DATA = Path(__file__).resolve().parents[2] / "data"
HEAD = "# yaml-language-server: $schema=../quiz.schema.json\n"


def make_data(tmp_path: Path, files: dict[str, str | bytes]) -> Path:
    """A data folder holding only the given banks (and an up-to-date schema)."""
    data = tmp_path / "data"
    (data / "quizzes").mkdir(parents=True)
    (data / "quiz.schema.json").write_text(schema_json(), encoding="utf-8")
    for name, text in files.items():
        path = data / "quizzes" / name
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
    return data


def bank(stem: str, questions: str, head: str = HEAD) -> str:
    return head + f"bank: {stem}\ntitle: Test\nquestions:\n" + textwrap.dedent(questions)


GOOD_Q = """\
  - id: good-one
    type: truefalse
    prompt: "Mali asked MINUSMA to leave."
    answer: true
    explanation: "Paragraph 3."
"""


def problems_for(tmp_path, questions, stem="02_test"):
    data = make_data(tmp_path, {f"{stem}.yaml": bank(stem, questions)})
    return [str(p) for p in check_banks(data)]


# --- the real banks ------------------------------------------------------------

def test_real_banks_have_no_problems():
    assert check_banks(DATA) == []


def test_example_bank_shows_every_type():
    example = load_bank(DATA / "quizzes" / "_example.yaml")
    assert {q.type for q in example.questions} == set(qm.TYPES)


def test_load_all_banks_skips_examples_and_loads_lessons():
    ids = [b.id for b in load_all_banks(DATA)]
    assert "_example" not in ids
    assert ids[:2] == ["00_start_here", "01_reading_the_article"]


def test_lesson_01_meets_its_brief():
    b = load_bank("01_reading_the_article", DATA)
    assert len(b.questions) >= 8
    types = {q.type for q in b.questions}
    assert len(types) >= 4 and {"numeric", "text", "cloze"} <= types and types & {"ordering", "matching"}
    assert any(q.type == "text" and q.fuzzy for q in b.questions)
    # Every graded question's explanation names its paragraph (a reflection may be about
    # something else, such as the article's related links, and its explanation is optional).
    for q in b.questions:
        if q.graded:
            assert "paragraph" in q.explanation.lower(), q.id


def test_every_bank_starts_with_the_schema_comment():
    for path in (DATA / "quizzes").glob("*.yaml"):
        assert path.read_text(encoding="utf-8").splitlines()[0] == HEAD.strip(), path.name


def test_load_bank_by_unknown_id_names_the_banks():
    with pytest.raises(DataNotFoundError, match="no question bank \"99_nothing\".*01_reading_the_article"):
        load_bank("99_nothing", DATA)


# --- each bad bank: one line FILE:LINE: question ID: field: message ------------------

#: Two bad questions, each alone in a bank below and again at the end of a big bank.
TOLERANCE_BELOW_ZERO = """\
  - id: troops
    type: numeric
    prompt: "How many troops?"
    answer: 15000
    tolerance: -5
    explanation: "Paragraph 14."
"""

MISSING_PROMPT = """\
  - id: no-prompt
    type: truefalse
    answer: true
    explanation: "Paragraph 1."
"""


@pytest.mark.parametrize("questions, message", [
    pytest.param(GOOD_Q + """\
  - id: bad-type
    type: essay
    prompt: "p"
    explanation: "e"
""", '02_test.yaml:11: question "bad-type": type: unknown type "essay"; use one of: '
     "single, multiple, truefalse, numeric, text, ordering, matching, cloze, reflection, verdict",
     id="unknown-type"),
    pytest.param(GOOD_Q + GOOD_Q,
                 '02_test.yaml:10: question "good-one": id: is used twice in this bank (first on line 5)',
                 id="duplicate-id-in-one-bank"),
    pytest.param("""\
  - id: p5
    type: multiple
    prompt: "P5?"
    options: ["France", "Russia", "Mali"]
    answer: ["France", "Germany"]
    explanation: "Paragraph 18."
""", ':9: question "p5": answer: "Germany" is not one of the options', id="multiple-answer-not-an-option"),
    pytest.param("""\
  - id: lonely
    type: ordering
    prompt: "Order this."
    items: ["only one"]
    explanation: "Paragraph 1."
""", ':8: question "lonely": items: needs at least 2 items (it has 1)', id="ordering-with-one-item"),
    pytest.param(TOLERANCE_BELOW_ZERO, ':9: question "troops": tolerance: must be at least 0 (it is -5)',
                 id="tolerance-below-zero"),
    pytest.param(MISSING_PROMPT, ':5: question "no-prompt": prompt: is missing', id="missing-prompt"),
    pytest.param("""\
  - id: no-options
    type: single
    prompt: "p"
    answer: "x"
    explanation: "e"
""", ':5: question "no-options": options: is missing (a single question needs it)',
     id="missing-type-specific-field-says-which-type-needs-it"),
])
def test_a_bad_question_is_one_line_naming_its_line_question_and_field(tmp_path, questions, message):
    probs = problems_for(tmp_path, questions)
    assert len(probs) == 1
    assert probs[0].endswith(message)


def test_duplicate_id_across_the_course(tmp_path):
    data = make_data(tmp_path, {"02_a.yaml": bank("02_a", GOOD_Q), "03_b.yaml": bank("03_b", GOOD_Q)})
    probs = [str(p) for p in check_banks(data)]
    assert len(probs) == 1
    assert "03_b.yaml:5: question \"good-one\": id: is already used in" in probs[0]
    assert "02_a.yaml:5; ids must be unique in the course" in probs[0]


def test_correct_answer_not_an_option(tmp_path):
    probs = problems_for(tmp_path, """\
  - id: veto-rule
    type: single
    prompt: "Who can veto?"
    options: ["A permanent member", "Any member"]
    answer: "A permanent membr"
    explanation: "Paragraph 18."
""")
    assert probs == [str(Path(tmp_path, "data/quizzes/02_test.yaml")) +
                     ':9: question "veto-rule": answer: "A permanent membr" is not one of the options '
                     '(did you mean "A permanent member"?)']


def test_unknown_field_suggests_the_right_one(tmp_path):
    probs = problems_for(tmp_path, GOOD_Q + "    explanaton: \"typo\"\n")
    assert any(p.endswith(':10: question "good-one": explanaton: is not a known field; did you mean explanation?')
               for p in probs)


def test_cloze_gap_numbers_must_match(tmp_path):
    probs = problems_for(tmp_path, """\
  - id: gaps
    type: cloze
    prompt: "Fill in."
    text: "A [[1]] and a [[3]]."
    gaps: [{answer: "x"}, {answer: "y"}]
    explanation: "Paragraph 1."
""")
    assert any(p.endswith(':8: question "gaps": text: has no gap [[2]] but gaps has 2 item(s)') for p in probs)
    assert any(p.endswith(':8: question "gaps": text: has gap [[3]] but gaps has only 2 item(s)') for p in probs)


def test_bad_id_and_bank_name(tmp_path):
    data = make_data(tmp_path, {"02_test.yaml": bank("02_other", GOOD_Q.replace("good-one", "Good One"))})
    probs = [str(p) for p in check_banks(data)]
    assert any(p.endswith(':2: bank: "02_other" should be the file\'s name, "02_test"') for p in probs)
    assert any(p.endswith(':5: question "Good One": id: "Good One" is not a valid id: '
                          "use lowercase letters, digits and hyphens")
               for p in probs)


def test_yaml_syntax_error(tmp_path):
    probs = problems_for(tmp_path, GOOD_Q + "  - id: broken\n    prompt: \"unclosed\n")
    assert len(probs) == 1
    assert "02_test.yaml:" in probs[0] and "YAML syntax" in probs[0]


def test_file_not_utf8(tmp_path):
    raw = bank("02_test", GOOD_Q).replace("Mali asked", "Mali demanded é").encode("latin-1")
    data = make_data(tmp_path, {"02_test.yaml": raw})
    probs = [str(p) for p in check_banks(data)]
    assert len(probs) == 1
    assert probs[0].endswith("02_test.yaml:7: is not UTF-8 text (byte 0xe9); save it as UTF-8")


def test_missing_schema_comment_is_a_note_and_a_stale_schema_a_problem(tmp_path):
    from coursekit.datafiles.validate import notes, schema_file_problems

    data = make_data(tmp_path, {"02_test.yaml": bank("02_test", GOOD_Q, head="")})
    (data / "quiz.schema.json").write_text("{}", encoding="utf-8")
    assert check_banks(data) == []  # the editors' comment is advice, not a problem
    assert any(n.startswith("note: ") and "02_test.yaml:1: a first line '# yaml-language-server: "
               "$schema=../quiz.schema.json'" in n for n in notes(data))
    stale = [str(p) for p in schema_file_problems(data)]
    assert any(p.endswith("quiz.schema.json: is out of date with the code's schema; "
                          "run `coursekit validate --write-schemas`") for p in stale)


@pytest.mark.parametrize("text", ["", "- just\n- a list\n", "bank: 02_test\n", "questions: 3\n", ":\n:"])
def test_check_banks_never_raises_on_nonsense(tmp_path, text):
    data = make_data(tmp_path, {"02_test.yaml": HEAD + text})
    probs = check_banks(data)
    assert probs and all("02_test.yaml" in str(p) for p in probs)


def test_load_bank_raises_data_error_with_every_problem(tmp_path):
    data = make_data(tmp_path, {"02_test.yaml": bank("02_test", GOOD_Q + GOOD_Q.replace(
        "good-one", "two").replace("answer: true", "answer: maybe"))})
    with pytest.raises(DataError, match=r'question "two": answer: should be true or false, not text') as info:
        load_bank(data / "quizzes" / "02_test.yaml")
    assert len(info.value.problems) == 1


# --- question_from_dict -------------------------------------------------------

def test_question_from_dict_builds_a_question():
    q = question_from_dict({"id": "gen-1", "type": "single", "prompt": "p", "explanation": "e",
                            "options": ["a", "b"], "answer": "b", "source": {"event": "minusma-created"}})
    assert isinstance(q, qm.SingleQuestion) and q.check("b").correct
    assert str(q.source) == "timeline event minusma-created"


def test_question_from_dict_names_the_generated_file_and_field():
    with pytest.raises(DataError) as info:
        question_from_dict({"id": "gen-2", "type": "ordering", "prompt": "p", "explanation": "e",
                            "items": ["one"]}, file="<timeline>")
    assert str(info.value) == '<timeline>: question "gen-2": items: needs at least 2 items (it has 1)'


# --- the command line ------------------------------------------------------------

def test_cli_validate_passes_on_the_course(capsys):
    assert main(["validate", str(DATA)]) == 0
    assert "quizzes" in capsys.readouterr().out


def test_cli_validate_reports_a_broken_bank(tmp_path, capsys):
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    path = data / "quizzes" / "01_reading_the_article.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("tolerance: 0", "tolerance: -1"), encoding="utf-8")
    assert main(["validate", str(data)]) == 1
    out = capsys.readouterr().out.strip().splitlines()
    assert len(out) == 1
    assert 'question "article-tuesday": tolerance: must be at least 0 (it is -1)' in out[0]
    assert out[0].split(":")[0].endswith("01_reading_the_article.yaml")


def test_nested_mistakes_name_the_inner_field(tmp_path):
    probs = problems_for(tmp_path, """\
  - id: nested
    type: single
    prompt: p
    explanation: e
    options:
      - {text: A, feedbak: x}
      - B
    answer: A
    source: {paragrah: 3}
  - id: gap-type
    type: cloze
    prompt: p
    explanation: e
    text: "x [[1]]"
    gaps: [{answer: 3}]
  - just a string
""")
    assert any(p.endswith(':10: question "nested": options[1].feedbak: is not a known field; did you mean feedback?')
               for p in probs)
    assert any(p.endswith(':13: question "nested": source.paragrah: is not a known field; did you mean paragraph?')
               for p in probs)
    assert any(p.endswith(':19: question "gap-type": gaps[1].answer: should be text or a list, not a number')
               for p in probs)
    assert sum("question 3: should be a mapping of fields" in p for p in probs) == 1
    assert len(probs) == 4


def test_big_banks_take_the_fast_check_and_still_name_every_mistake(tmp_path):
    filler = "".join(
        f"""\
  - id: filler-{i}
    type: truefalse
    prompt: "Statement {i}."
    answer: true
    explanation: "Paragraph 1."
""" for i in range(150))
    probs = problems_for(tmp_path, filler + TOLERANCE_BELOW_ZERO + MISSING_PROMPT)
    assert len(probs) == 2
    assert probs[0].endswith('question "troops": tolerance: must be at least 0 (it is -5)')
    assert probs[1].endswith('question "no-prompt": prompt: is missing')


# --- questions drawn from the timeline ----------------------------------------------

def copy_data(tmp_path: Path, questions: str, stem: str = "09_drawn") -> Path:
    """The course's data folder with one more bank holding ``questions``."""
    data = tmp_path / "data"
    shutil.copytree(DATA, data)
    (data / "quizzes" / f"{stem}.yaml").write_text(bank(stem, questions), encoding="utf-8")
    return data / "quizzes" / f"{stem}.yaml"


def test_lesson_02_declares_its_drawn_ordering_question_first():
    from coursekit.timeline.events import load_timeline

    b = load_bank("02_timeline", DATA)
    q = b.questions[0]
    expected = question_from_dict(load_timeline().ordering_question(5, seed=2, qid="tl-order-five"))
    assert q.id == "tl-order-five" and q.drawn and not b.questions[1].drawn
    assert (q.items, q.prompt, q.hints, q.explanation, q.source, q.points) == (
        expected.items, expected.prompt, expected.hints, expected.explanation, expected.source, expected.points)
    assert q.line == 17 and q.file.endswith("02_timeline.yaml")


def test_a_drawn_question_takes_the_fields_written_beside_it(tmp_path):
    path = copy_data(tmp_path, """\
  - id: drawn-four
    type: ordering
    from_timeline: {count: 4, seed: 7}
    points: 2
    hints: ["Start with 2012."]
""")
    q = load_bank(path).questions[0]
    assert (q.points, q.hints, len(q.items)) == (2, ("Start with 2012.",), 4)
    assert q.check(list(q.items)).correct


@pytest.mark.parametrize("entry, message", [
    ("from_timeline: {count: 1}", ":7: question \"drawn\": from_timeline.count: must be at least 2 (it is 1)"),
    ("from_timeline: {cout: 5}", ":7: question \"drawn\": from_timeline.cout: is not a known field; "
                                 "did you mean count?"),
    ("from_timeline: {count: 60}", ":7: question \"drawn\": from_timeline: cannot draw this question: only "),
    ("from_timeline: 5", ":7: question \"drawn\": from_timeline: should be a mapping (key: value lines), "
                         "not a number"),
    ("prompt: Order these.", ":5: question \"drawn\": items: is missing (an ordering question needs it)"),
])
def test_a_bad_drawn_question_is_one_clear_line(tmp_path, entry, message):
    path = copy_data(tmp_path, f"""\
  - id: drawn
    type: ordering
    {entry}
""")
    with pytest.raises(DataError) as info:
        load_bank(path)
    problems = [str(p) for p in info.value.problems]
    assert any(message in p for p in problems), problems


# A hint or feedback that asks a student to write code: a code span, or a call like timeline.get(.
ASKS_FOR_CODE = re.compile(r"`|\b\w+\.\w+\(")


@pytest.mark.parametrize("bank", ["06_reading_critically", "07_names_and_framing", "_example"])
def test_hints_and_feedback_never_ask_for_code(bank):
    for q in load_bank(DATA / "quizzes" / f"{bank}.yaml").questions:
        for text in (*q.hints, *q.feedback.values()):
            assert not ASKS_FOR_CODE.search(text), f"{q.id}: {text}"


def test_lessons_06_and_07_ask_a_verdict_on_every_claim_and_their_questions_to_think_about_inline():
    from coursekit.reading.claims import load_claims

    banks = [load_bank(lesson, DATA) for lesson in ("06_reading_critically", "07_names_and_framing")]
    inline = [q for bank in banks for q in bank.questions if q.inline]
    claims = [q.claim for q in inline if q.type == "verdict"]
    assert sorted(claims) == sorted(load_claims(DATA).ids())
    assert all(q.id == f"verdict-{q.claim}" and q.drawn for q in inline if q.type == "verdict")
    thinking = [q for q in inline if q.type == "reflection"]
    assert len(thinking) == 3 and all(q.model_answer and q.rubric for q in thinking)
    assert not any(q.inline for bank in banks for q in bank.questions if q.id.startswith("critical-"))
