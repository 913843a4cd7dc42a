"""Moodle GIFT export: escaping, each type's form, skipped types named, and every bank's
output read by an independent parser (gift-pegjs, run with Node from tests/node)."""
from __future__ import annotations

import json
import os
import random
import shutil
import subprocess
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coursekit.cli import main
from coursekit.quizzes.bank import bank_files, load_bank, question_from_dict
from coursekit.markup import inline_html, to_html
from coursekit.quizzes.gift import (GIFT_FORMS, bank_to_gift, export_gift, gift_escape, gift_unescape,
                                    question_to_gift)

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "data"
EXAMPLE = DATA / "quizzes" / "_example.yaml"
NODE_DIR = ROOT / "tests" / "node"


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
    assert question_to_gift(q) == r"::odd:: [html]<p>Is 2 \{x\} \= 3\: \#1 \~ yes?</p> {F ####<p>No.</p>}"


def test_example_bank_export(tmp_path):
    out = tmp_path / "example.gift"
    warnings = export_gift(EXAMPLE, out)
    text = out.read_text(encoding="utf-8")
    assert "::example-truefalse::" in text and "{T#Read paragraph 8 again.#Yes, paragraph 8 says so." in text
    assert "{#=15000:500" in text
    assert "=Abdoulaye Diop -> Mali's foreign minister" in text
    assert "~%33.33333%Russia#Yes." in text and "~%-33.33333%Mali#" in text
    assert "::example-reflection:: [html]<p>In two or three sentences" in text
    assert "::example-ordering::" not in text and "::example-cloze::" not in text
    assert ('question "example-ordering" (ordering) skipped: GIFT has no ordering question '
            "(export to Moodle XML: --format moodle)") in warnings
    assert any(w.startswith('question "example-cloze" (cloze) skipped') for w in warnings)
    assert any('"example-text": near-miss spelling' in w for w in warnings)


def test_cli_export_prints_warnings_and_writes(tmp_path, capsys):
    out = tmp_path / "q.gift"
    assert main(["export", "--format", "gift", str(DATA / "quizzes" / "01_reading_the_article.yaml"),
                 "-o", str(out)]) == 0
    captured = capsys.readouterr()
    bank = load_bank(DATA / "quizzes" / "01_reading_the_article.yaml")
    skipped = [q for q in bank.questions if q.type in GIFT_FORMS.reasons]
    for q in skipped:
        assert f'warning: question "{q.id}" ({q.type}) skipped' in captured.err
    text = out.read_text(encoding="utf-8")
    assert [line.split("::")[1] for line in text.splitlines() if line.startswith("::")] == [
        q.id for q in bank.questions if q not in skipped]


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
    bank = load_bank("06_reading_critically")
    warnings = bank_to_gift(bank)[1]
    verdict_ids = [q.id for q in bank.questions if q.type == "verdict"]
    assert len(verdict_ids) > 1
    verdicts = [w for w in warnings if w.startswith("the one-line reasons are not exported")]
    assert verdicts == [f"the one-line reasons are not exported (a GIFT question takes one answer): "
                        f"{', '.join(verdict_ids)}"]
    with_rubric = [q.id for q in bank.questions if getattr(q, "rubric", ()) or getattr(q, "model_answer", "")]
    reflections = [w for w in warnings if "model answers and rubrics are not exported" in w]
    assert len(reflections) == (1 if with_rubric else 0)
    if len(with_rubric) == 1:
        assert reflections[0].startswith(f'question "{with_rubric[0]}": ')
    elif with_rubric:
        assert reflections[0].endswith(", ".join(with_rubric))
    example = bank_to_gift(load_bank(EXAMPLE))[1]
    assert ('question "example-reflection": model answers and rubrics are not exported '
            "(GIFT has no field for them)") in example


def test_numeric_feedback_takes_the_documented_form():
    q = question_from_dict({"id": "paras", "type": "numeric", "prompt": "How many?", "answer": 25,
                            "explanation": "Count.", "feedback": {"correct": "Yes: 25."}})
    assert "{#=25:0#Yes\\: 25. ####<p>Count.</p>}" in question_to_gift(q)


# --- every bank, read back by an independent parser -------------------------------------------

def _gift_parser() -> list[str]:
    """The command that runs gift-pegjs; skips when Node or the package is missing, except
    under CI, where .ci/run installs them and their absence is a failure."""
    node = shutil.which("node")
    ready = node is not None and (NODE_DIR / "node_modules" / "gift-pegjs" / "package.json").is_file()
    if not ready:
        if os.environ.get("CI"):
            pytest.fail("Node.js or gift-pegjs is missing: run `npm ci` in tests/node (.ci/run does)")
        pytest.skip("Node.js or gift-pegjs is missing (`npm ci` in tests/node installs it)")
    return [str(node), str(NODE_DIR / "parse.js")]


def _parse_with_gift_pegjs(paths: list[Path]) -> list[dict]:
    proc = subprocess.run(_gift_parser() + [str(p) for p in paths], capture_output=True, text=True,
                          timeout=120, check=False)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


# gift-pegjs's name for each GIFT question form.
PARSED_TYPE = {"single": "MC", "multiple": "MC", "truefalse": "TF", "numeric": "Numerical", "text": "Short",
               "matching": "Matching", "reflection": "Essay", "verdict": "MC"}


def test_every_bank_parses_with_gift_pegjs(tmp_path):
    banks = [load_bank(path) for path in bank_files(DATA)]
    paths = []
    for bank in banks:
        out = tmp_path / f"{bank.id}.gift"
        export_gift(DATA / "quizzes" / f"{bank.id}.yaml", out)
        paths.append(out)
    results = _parse_with_gift_pegjs(paths)
    assert [r["file"] for r in results] == [str(p) for p in paths]
    for bank, result in zip(banks, results):
        assert result["ok"], f"{bank.id}: gift-pegjs rejects the export: {result.get('error')}"
        exported = [q for q in bank.questions if q.type not in GIFT_FORMS.reasons]
        parsed = result["questions"]
        assert [p["title"] for p in parsed] == [q.id for q in exported], bank.id
        for q, p in zip(exported, parsed):
            assert p["type"] == PARSED_TYPE.get(q.type, p["type"]), (bank.id, q.id)
            if q.type == "numeric":
                (choice,) = p["choices"]
                assert choice["isCorrect"] and choice["text"]["number"] == q.answer, q.id
                assert choice["text"]["range"] == q.tolerance, q.id
            if q.type == "truefalse":
                assert p["isTrue"] is q.answer, q.id


def test_gift_pegjs_rejects_the_old_numeric_form(tmp_path):
    # The parser is strict enough to catch the form this export used to write.
    bad = tmp_path / "bad.gift"
    bad.write_text("::n:: How many? {#25:0#Yes.}\n", encoding="utf-8")
    good = tmp_path / "good.gift"
    good.write_text("::n:: How many? {#=25:0#Yes.}\n", encoding="utf-8")
    rejected, accepted = _parse_with_gift_pegjs([bad, good])
    assert not rejected["ok"] and accepted["ok"]


def test_odd_texts_parse_with_gift_pegjs_and_come_back(tmp_path):
    # GIFT's special characters, Markdown, HTML and line breaks in every text of a question.
    rng = random.Random(13)
    alphabet = list("~=#{}:\\\n\r*_`[]()<>&\"' -%/é€") + ["->", "####", "\\n", "{#", "::", "[html]"]

    def odd(n: int = 12) -> str:
        text = "".join(rng.choice(alphabet + list("abcdef")) for _ in range(n)).strip()
        return "x" + text + "y"  # never blank

    questions = []
    for i in range(60):
        options = list(dict.fromkeys(odd() for _ in range(3)))
        questions.append(question_from_dict({"id": f"q-{i}", "type": "single", "prompt": odd(40),
                                             "options": [{"text": o, "feedback": odd()} for o in options],
                                             "answer": options[0], "explanation": odd(30)}))
    out = tmp_path / "odd.gift"
    out.write_text("\n\n".join(question_to_gift(q) or "" for q in questions) + "\n", encoding="utf-8")
    (result,) = _parse_with_gift_pegjs([out])
    assert result["ok"], result.get("error")
    assert [p["title"] for p in result["questions"]] == [q.id for q in questions]
    for q, p in zip(questions, result["questions"]):
        assert p["stem"]["text"] == to_html(q.prompt), q.id
        assert [c["text"]["text"] for c in p["choices"]] == [inline_html(o.text) for o in q.options], q.id
        assert [c["isCorrect"] for c in p["choices"]] == [o.text == q.answer for o in q.options], q.id
