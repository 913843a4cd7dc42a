"""coursekit.datafiles.schema: one translator from schema errors to FILE:LINE: ITEM: FIELD: message."""
from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

from coursekit.datafiles.schema import ID_PATTERN, TEXT_SCHEMA, field_name, record, schema_problems
from coursekit.datafiles.yamlfile import load_yaml
from coursekit.errors import Problem

ACTORS = {
    "type": "object",
    "required": ["actors"],
    "additionalProperties": False,
    "properties": {"actors": {"type": "array", "items": {
        "type": "object",
        "required": ["id", "name"],
        "additionalProperties": False,
        "properties": {
            "id": {"type": "string", "pattern": ID_PATTERN},
            "name": TEXT_SCHEMA,
            "kind": {"enum": ["person", "state", "organisation"]},
            "seats": {"type": "integer", "minimum": 1, "maximum": 15},
            "evidence": {"type": "array", "minItems": 1, "items": {
                "type": "object",
                "additionalProperties": False,
                "properties": {"paragraph": {"type": "integer", "minimum": 1}, "note": TEXT_SCHEMA},
                "anyOf": [{"required": ["paragraph"]}, {"required": ["note"]}],
                "description": "each item needs a paragraph number or a note",
            }},
        },
    }}},
}


def check(tmp_path, text: str, schema: dict = ACTORS, **kw) -> list[str]:
    path = tmp_path / "actors.yaml"
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return [str(p) for p in schema_problems(load_yaml(path), schema, "actors.yaml", ("actors", "actor"), **kw)]


def test_a_valid_file_has_no_problems(tmp_path):
    assert check(tmp_path, """\
        actors:
          - {id: mali, name: Mali, kind: state, evidence: [{paragraph: 3}]}
        """) == []


def test_missing_field_names_the_item_and_the_line_of_its_mapping(tmp_path):
    assert check(tmp_path, """\
        actors:
          - id: mali
            kind: state
        """) == ['actors.yaml:2: actor "mali": name: is missing']


def test_missing_field_says_who_needs_it_when_asked(tmp_path):
    problems = check(tmp_path, "actors:\n  - {id: mali}\n",
                     needed_by=lambda entry, field: f"an actor {entry['id']}" if field == "name" else None)
    assert problems == ['actors.yaml:2: actor "mali": name: is missing (an actor mali needs it)']


def test_wrong_type_says_what_it_should_be_and_what_it_is(tmp_path):
    assert check(tmp_path, "actors: Mali\n") == ["actors.yaml:1: actors: should be a list, not text"]
    assert check(tmp_path, "actors:\n  - {id: mali, name: Mali, seats: many}\n") == [
        'actors.yaml:2: actor "mali": seats: should be a whole number, not text']


def test_unknown_field_suggests_the_closest_known_one_or_lists_them(tmp_path):
    assert check(tmp_path, """\
        actors:
          - id: mali
            name: Mali
            knd: state
            colour: red
        """) == [
        'actors.yaml:4: actor "mali": knd: is not a known field; did you mean kind?',
        'actors.yaml:5: actor "mali": colour: is not a known field; expected one of id, name, kind, seats, evidence',
    ]


def test_enum_lists_the_choices(tmp_path):
    assert check(tmp_path, "actors:\n  - {id: mali, name: Mali, kind: country}\n") == [
        'actors.yaml:2: actor "mali": kind: "country" is not one of: person, state, organisation']


def test_bounds_and_empty_texts(tmp_path):
    assert check(tmp_path, """\
        actors:
          - {id: mali, name: "  ", seats: 20}
          - {id: chad, name: Chad, seats: 0, evidence: []}
        """) == [
        "actors.yaml:2: actor \"mali\": name: '  ': must not be empty",
        'actors.yaml:2: actor "mali": seats: must be at most 15 (it is 20)',
        'actors.yaml:3: actor "chad": evidence: needs at least 1 item (it has 0)',
        'actors.yaml:3: actor "chad": seats: must be at least 1 (it is 0)',
    ]


def test_nested_list_item_names_the_entry_the_field_path_and_its_line(tmp_path):
    assert check(tmp_path, """\
        actors:
          - id: mali
            name: Mali
          - name: No id yet
            evidence:
              - note: said so
              - paragraph: 0
        """) == [
        "actors.yaml:4: actor 2: id: is missing",
        "actors.yaml:7: actor 2: evidence[2].paragraph: must be at least 1 (it is 0)",
    ]


def test_any_of_says_what_is_wrong_in_the_closest_alternative_else_its_description(tmp_path):
    assert check(tmp_path, """\
        actors:
          - id: mali
            name: Mali
            evidence:
              - {}
              - {paragraph: "3"}
        """) == [
        'actors.yaml:5: actor "mali": evidence[1]: each item needs a paragraph number or a note',
        'actors.yaml:6: actor "mali": evidence[2].paragraph: should be a whole number, not text',
    ]


def test_an_id_that_breaks_the_pattern_says_what_ids_look_like(tmp_path):
    assert check(tmp_path, "actors:\n  - {id: Côte d'Ivoire, name: x}\n") == [
        'actors.yaml:2: actor "Côte d\'Ivoire": id: "Côte d\'Ivoire" is not a valid id: '
        "use lowercase letters, digits and hyphens"]


def test_one_item_name_for_every_problem_and_plain_data_without_lines():
    schema = {"type": "object", "properties": {"answer": {"type": "boolean"}}, "required": ["prompt"]}
    assert schema_problems({"answer": "yes"}, schema, "<generated>", item='question "veto"') == [
        Problem("<generated>", None, 'question "veto"', "prompt", "is missing"),
        Problem("<generated>", None, 'question "veto"', "answer", "should be true or false, not text"),
    ]


def test_a_record_refuses_unknown_fields_and_needs_its_required_ones():
    minutes = record(["low", "high"], {"low": {"type": "integer"}, "high": {"type": "integer"}},
                     description="a range")
    said = [str(p) for p in schema_problems({"low": 5, "hgih": 9}, minutes, "course.yaml")]
    assert said == ["course.yaml: high: is missing",
                    "course.yaml: hgih: is not a known field; did you mean high?"]
    assert schema_problems({"low": 5, "high": 9}, minutes, "course.yaml") == []


def test_a_record_without_required_fields_and_with_other_rules():
    source = record([], {"paragraph": {"type": "integer"}, "note": TEXT_SCHEMA}, minProperties=1,
                    title="where it comes from", **{"if": {"required": ["note"]}, "then": {"required": ["paragraph"]}})
    assert list(source)[:2] == ["title", "type"] and "required" not in source
    assert [p.message for p in schema_problems({}, source, "q.yaml")] == ["is empty"]
    assert [p.message for p in schema_problems({"note": "UN"}, source, "q.yaml")] == ["is missing"]
    assert schema_problems({"paragraph": 3}, source, "q.yaml") == []


def test_field_names_count_list_items_from_one():
    assert field_name(["options", 1, "feedback"]) == "options[2].feedback"
    assert field_name([]) is None


@pytest.mark.parametrize("data", [{"actors": []}, {"actors": "x"}])
def test_the_quick_check_imports_jsonschema_only_for_a_file_with_mistakes(data):
    code = ("import sys; from coursekit.datafiles.schema import schema_problems; "
            f"from tests.datafiles.test_schema import ACTORS; p = schema_problems({data!r}, ACTORS, 'a.yaml'); "
            "print(len(p), 'jsonschema' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert out == (["0", "False"] if data["actors"] == [] else ["1", "True"])
