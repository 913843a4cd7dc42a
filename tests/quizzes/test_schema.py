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
