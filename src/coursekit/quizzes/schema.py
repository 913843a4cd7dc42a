"""The JSON Schema of question banks, built from the registered question types, and its
export to data/quiz.schema.json.

The same pieces serve two uses: :func:`bank_schema` is the whole schema an editor
reads (through the ``yaml-language-server`` comment at the top of each bank), and
:func:`question_schema` gives the schema of one question type, which
:mod:`coursekit.quizzes.bank` compiles once per type so that validating thousands of
questions stays fast. Each type's fields come from its class
(:data:`~coursekit.quizzes.questions.QUESTION_TYPES`); ``SCHEMA`` and ``ALL_FIELDS`` are
computed from the registry when read, so they always show every registered type.

Regenerate the file after adding a type or editing a field::

    coursekit validate --write-schemas

>>> question_schema("truefalse")["required"]
['id', 'type', 'prompt', 'answer', 'explanation']
"""
from __future__ import annotations

import copy
import json

from coursekit.course import OBJECTIVE_ID
from coursekit.datafiles.schema import ID_PATTERN, record
from coursekit.quizzes.questions import QUESTION_TYPES, TEXT, TEXTS, Question

SCHEMA_FILE = "quiz.schema.json"
DRAFT = "http://json-schema.org/draft-07/schema#"

SOURCE = record(
    [], {
        "paragraph": {"type": "integer", "minimum": 1, "description": "Article paragraph number."},
        "event": {**TEXT, "description": "A timeline event id."},
        "note": {**TEXT, "description": "Any other reference, in words."},
    },
    description="Where the question comes from: {paragraph: 3} (article paragraph, "
                "counted without the byline and the 'Read:' links), {event: <timeline "
                "event id>} or {note: \"UN press release SC/15341\"}.",
    minProperties=1,
)

FEEDBACK = record([], {
    "correct": {**TEXT, "description": "Shown when the answer is right."},
    "partial": {**TEXT, "description": "Shown when the answer is partly right."},
    "incorrect": {**TEXT, "description": "Shown when the answer is wrong."},
}, description="General feedback shown after a check, by result.")


def common_fields() -> dict:
    """Properties every question may have, with their descriptions (editors show them)."""
    return {
        "id": {"type": "string", "pattern": ID_PATTERN,
               "description": "Unique in the whole course: lowercase letters, digits, hyphens."},
        "type": {"enum": list(QUESTION_TYPES), "description": "The question type."},
        "prompt": {**TEXT, "description": "The question (a little Markdown; HTML is shown as text)."},
        "points": {"type": "number", "minimum": 0, "description": "Points for a full answer (default 1)."},
        "hints": {**TEXTS, "description": "Tiered hints: each wrong try shows the next one."},
        "explanation": {**TEXT, "description": "Shown when the question is finished; name the paragraph."},
        "source": SOURCE,
        "tries": {"type": "integer", "minimum": 1,
                  "description": "Tries allowed (default: bank default, else hints + 1)."},
        "penalty": {"type": "number", "minimum": 0, "maximum": 1,
                    "description": "Fraction of the points lost per wrong try (default 0.25)."},
        "shuffle": {"type": "boolean", "description": "Shuffle options (stable per student)."},
        "feedback": FEEDBACK,
        "objective": {"type": "string", "pattern": OBJECTIVE_ID,
                      "description": "The id of the lesson objective (data/course.yaml) this question "
                                     "checks, e.g. 03-article-27; coursekit validate requires it in "
                                     "lesson banks and checks that the objective exists."},
        "inline": {"type": "boolean",
                   "description": "Shown on its own in the lesson's text, where the notebook calls "
                                  "coursekit.ask(\"<bank>\", \"<id>\"); the end-of-lesson quiz leaves it "
                                  "out, the lesson's score counts it (default false)."},
    }


#: What every question needs, whatever its type.
ALWAYS_REQUIRED = ["id", "type"]


def all_fields() -> list[str]:
    """Every field a question of some registered type may have, sorted."""
    return sorted(set(common_fields()) | {k for cls in QUESTION_TYPES.values() for k in cls.schema_fields})


def _merged_properties() -> dict:
    props = common_fields()
    for cls in QUESTION_TYPES.values():
        for name, schema in cls.schema_fields.items():
            # Type-specific shapes are checked in the type's branch; here just allow the key.
            props.setdefault(name, {"description": schema.get("description", "")})
    return props


def _branch(cls: type[Question]) -> dict:
    """The schema a question of type ``cls`` adds: its fields and what it needs."""
    needs = ["prompt", *cls.schema_required] + (["explanation"] if cls.graded else [])
    branch: dict = {"properties": dict(cls.schema_fields)}
    if cls.generated_by:
        # An entry that asks for a drawn question needs nothing else.
        branch.update({"if": {"required": [cls.generated_by]}, "else": {"required": needs}})
    else:
        branch["required"] = needs
    return branch


def question_schema(qtype: str | None = None) -> dict:
    """The schema of one question; with ``qtype``, only that type's branch
    (what the bank loader compiles per type)."""
    base = record(ALWAYS_REQUIRED, _merged_properties())
    if qtype is None:
        base["allOf"] = [{"if": {"properties": {"type": {"const": name}}, "required": ["type"]},
                          "then": _branch(cls)} for name, cls in QUESTION_TYPES.items()]
        return base
    branch = copy.deepcopy(_branch(QUESTION_TYPES[qtype]))
    base["properties"].update(branch.pop("properties"))
    base["required"] += branch.pop("required", [])
    base.update(branch)
    return base


def unknown_type_schema() -> dict:
    """The schema of a question whose type is not registered (or missing): the fields any
    type may have, so its other mistakes are named along with the type."""
    schema = question_schema()
    schema.pop("allOf")
    schema["required"] = ALWAYS_REQUIRED + ["prompt"]
    return schema


DEFAULTS_FIELDS = ("tries", "penalty", "shuffle")


def bank_schema(questions: dict | None = None) -> dict:
    """The schema of a whole bank file; ``questions`` replaces the item schema."""
    common = common_fields()
    return {"$schema": DRAFT, "$id": "https://coursekit.invalid/quiz.schema.json", **record(
        title="coursekit question bank",
        description="One lesson's questions. See data/quizzes/_example.yaml for every type.",
        required=["bank", "title", "questions"],
        properties={
            "bank": {"type": "string", "pattern": "^_?[A-Za-z0-9][A-Za-z0-9_-]*$",
                     "description": "The file's name without .yaml, e.g. 01_reading_the_article."},
            "title": {**TEXT, "description": "The quiz's title."},
            "description": {**TEXT, "description": "A line shown above the quiz."},
            "summative": {"type": "boolean",
                          "description": "Graded by the instructor (default false): the static edition "
                                         "ships no answers for it, records the student's and defers feedback."},
            "defaults": record([], {name: common[name] for name in DEFAULTS_FIELDS},
                               description="Defaults for every question of the bank."),
            "questions": {"type": "array", "minItems": 1,
                          "items": questions if questions is not None else question_schema()},
        },
    )}


def __getattr__(name: str):
    # SCHEMA and ALL_FIELDS follow the registry: a type registered later shows in them.
    if name == "SCHEMA":
        return bank_schema()
    if name == "ALL_FIELDS":
        return all_fields()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def schema_json() -> str:
    """The schema as the JSON text the data file holds."""
    return json.dumps(bank_schema(), indent=2, ensure_ascii=False) + "\n"
