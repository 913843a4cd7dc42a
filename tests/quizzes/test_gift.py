"""Moodle GIFT export: escaping, each type's form, and skipped types named."""
from __future__ import annotations

from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from coursekit.quizzes.bank import question_from_dict
from coursekit.cli import main
from coursekit.quizzes.gift import bank_to_gift, export_gift, gift_escape, gift_unescape, question_to_gift

DATA = Path(__file__).resolve().parents[2] / "data"
EXAMPLE = DATA / "quizzes" / "_example.yaml"


@given(st.text())
def test_escaping_round_trips(text):
    assert gift_unescape(gift_escape(text)) == text.replace("\r", "")


@given(st.text())
def test_escaped_text_has_no_bare_special_character(text):
    escaped = gift_escape(text)
    i = 0
    while i < len(escaped):
        if escaped[i] == "\\":
            i += 2
            continue
        assert escaped[i] not in "~=#{}:\n"
        i += 1


def test_special_characters_in_a_prompt_are_escaped():
    q = question_from_dict({"id": "odd", "type": "truefalse", "prompt": "Is 2 {x} = 3: #1 ~ yes?",
                            "answer": False, "explanation": "No."})
    assert question_to_gift(q) == r"::odd:: [markdown]Is 2 \{x\} \= 3\: \#1 \~ yes? {F ####No.}"


def test_example_bank_export(tmp_path):
    out = tmp_path / "example.gift"
    warnings = export_gift(EXAMPLE, out)
    text = out.read_text(encoding="utf-8")
    assert "::example-truefalse::" in text and "{T#Read paragraph 8 again.#Yes, paragraph 8 says so." in text
    assert "{#15000:500" in text
    assert "=Abdoulaye Diop -> Mali's foreign minister" in text
    assert "~%33.33333%Russia#Yes." in text and "~%-33.33333%Mali#" in text
    assert "::example-reflection:: [markdown]In two or three sentences" in text
    assert "::example-ordering::" not in text and "::example-cloze::" not in text
    assert 'question "example-ordering" (ordering) skipped: GIFT has no ordering question' in warnings
    assert any(w.startswith('question "example-cloze" (cloze) skipped') for w in warnings)
    assert any('"example-text": near-miss spelling' in w for w in warnings)


def test_cli_export_prints_warnings_and_writes(tmp_path, capsys):
    out = tmp_path / "q.gift"
    assert main(["export", "--format", "gift", str(DATA / "quizzes" / "01_reading_the_article.yaml"),
                 "-o", str(out)]) == 0
    captured = capsys.readouterr()
    assert "warning: question \"article-story-order\" (ordering) skipped" in captured.err
    assert out.read_text(encoding="utf-8").count("::article-") == 7


def test_bank_header_names_the_bank():
    from coursekit.quizzes.bank import load_bank
    text, _ = bank_to_gift(load_bank(EXAMPLE))
    assert text.splitlines()[1] == "$CATEGORY: $course$/_example"


def test_a_verdict_is_a_choice_among_the_verdicts_and_says_what_it_loses():
    from coursekit.quizzes.gift import _gift

    one = question_from_dict({"id": "v-salgado", "type": "verdict", "claim": "salgado-date"})
    text, lost = _gift(one)
    assert "{=wrong date ~wrong name or place ~unsupported or unclear number" in text
    assert any("one-line reasons are not exported" in note for note in lost)
    assert any("records are not exported" in note for note in lost)
    two = question_from_dict({"id": "v-six", "type": "verdict", "claim": "six-million"})
    text = question_to_gift(two)
    assert "~%100%unsupported or unclear number" in text and "~%100%wrong count basis" in text
    assert "~%0%checks out" in text


def test_what_several_questions_lose_is_one_warning_naming_them():
    from coursekit.quizzes.bank import load_bank

    warnings = bank_to_gift(load_bank("06_reading_critically"))[1]
    verdicts = [w for w in warnings if w.startswith("the one-line reasons are not exported")]
    assert len(verdicts) == 1 and "verdict-salgado-date, verdict-putin-call-week" in verdicts[0]
    reflections = [w for w in warnings if w.startswith("model answers and rubrics are not exported")]
    assert len(reflections) == 1 and reflections[0].endswith(
        "think-argument, think-plausible-details, think-where-errors-came-from")
    example = bank_to_gift(load_bank(EXAMPLE))[1]
    assert ('question "example-reflection": model answers and rubrics are not exported '
            "(GIFT has no field for them)") in example
