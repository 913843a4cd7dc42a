"""The exported JSON Schema: up to date, valid, and in agreement with the loader."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from jsonschema import Draft7Validator

from coursekit.datafiles.yamlfile import load_yaml
from coursekit.quizzes.questions import TYPES
from coursekit.quizzes.schema import SCHEMA, SCHEMA_FILE, schema_json

DATA = Path(__file__).resolve().parents[2] / "data"


def test_schema_file_is_up_to_date():
    assert (DATA / SCHEMA_FILE).read_text(encoding="utf-8") == schema_json(), \
        "data/quiz.schema.json is stale: run `coursekit validate --write-schemas`"


def test_schema_is_a_valid_draft7_schema():
    Draft7Validator.check_schema(json.loads(schema_json()))


def _plain(value):
    return json.loads(json.dumps(value))


@pytest.mark.parametrize("path", sorted((DATA / "quizzes").glob("*.yaml")), ids=lambda p: p.name)
def test_whole_schema_accepts_every_bank(path):
    errors = list(Draft7Validator(SCHEMA).iter_errors(_plain(load_yaml(path))))
    assert errors == []


def test_whole_schema_rejects_what_the_loader_rejects():
    bank = _plain(load_yaml(DATA / "quizzes" / "_example.yaml"))
    validator = Draft7Validator(SCHEMA)
    numeric = next(q for q in bank["questions"] if q["type"] == "numeric")
    numeric["tolerance"] = -1
    single = next(q for q in bank["questions"] if q["type"] == "single")
    del single["answer"]
    messages = sorted(e.message for e in validator.iter_errors(bank))
    assert messages == ["'answer' is a required property", "-1 is less than the minimum of 0"]


def test_every_type_has_a_branch_and_fields_have_descriptions():
    branches = SCHEMA["properties"]["questions"]["items"]["allOf"]
    assert [b["if"]["properties"]["type"]["const"] for b in branches] == list(TYPES)
    props = SCHEMA["properties"]["questions"]["items"]["properties"]
    assert all(p.get("description") for p in props.values())


@pytest.mark.parametrize("field, value, message", [
    ("model_answer", 42, "42 is not of type 'string'"),
    ("model_answer", "", "should be non-empty"),
    ("rubric", "one criterion", "'one criterion' is not of type 'array'"),
    ("rubric", [], "should be non-empty"),
    ("rubric", ["fine", 3], "3 is not of type 'string'"),
    ("inline", "yes", "'yes' is not of type 'boolean'"),
])
def test_written_answer_fields_of_the_wrong_type_are_refused(field, value, message):
    from coursekit.errors import DataError
    from coursekit.quizzes.bank import question_from_dict

    entry = {"id": "why", "type": "reflection", "prompt": "Why?", "points": 0, field: value}
    assert not Draft7Validator(SCHEMA).is_valid({"bank": "x", "title": "t", "questions": [_plain(entry)]})
    with pytest.raises(DataError) as err:
        question_from_dict(entry)
    assert f'question "why": {field}' in str(err.value)


def test_inline_is_a_common_field_and_the_written_answer_fields_are_described():
    props = SCHEMA["properties"]["questions"]["items"]["properties"]
    assert "coursekit.ask" in props["inline"]["description"]
    branch = next(b["then"] for b in SCHEMA["properties"]["questions"]["items"]["allOf"]
                  if b["if"]["properties"]["type"]["const"] == "reflection")
    assert "never before" in branch["properties"]["model_answer"]["description"]
    assert branch["properties"]["rubric"]["items"]["type"] == "string"


def test_a_verdict_needs_only_its_claim_or_else_its_options_and_answer():
    validator = Draft7Validator(SCHEMA)
    bank = {"bank": "x", "title": "t", "questions": [{"id": "v", "type": "verdict", "claim": "salgado-date"}]}
    assert validator.is_valid(bank)
    bank["questions"] = [{"id": "v", "type": "verdict", "prompt": "p", "explanation": "e"}]
    messages = sorted(e.message for e in validator.iter_errors(bank))
    assert messages == ["'answer' is a required property", "'options' is a required property"]


@pytest.mark.parametrize("field", ["prompt", "explanation", "model_answer"])
def test_a_text_of_spaces_only_is_refused_like_an_empty_one(field):
    from coursekit.errors import DataError
    from coursekit.quizzes.bank import question_from_dict

    entry = {"id": "why", "type": "reflection", "prompt": "Why?", "explanation": "Because.", "points": 0,
             field: "   "}
    assert not Draft7Validator(SCHEMA).is_valid({"bank": "x", "title": "t", "questions": [_plain(entry)]})
    with pytest.raises(DataError) as err:
        question_from_dict(entry)
    assert f'question "why": {field}' in str(err.value)
