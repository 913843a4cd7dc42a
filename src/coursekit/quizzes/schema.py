"""The JSON Schema of question banks, as Python data, and its export to data/quiz.schema.json.

The same pieces serve two uses: :data:`SCHEMA` is the whole schema an editor
reads (through the ``yaml-language-server`` comment at the top of each bank),
and :func:`question_schema` gives the schema of one question type, which
:mod:`coursekit.quizzes.bank` compiles once per type so that validating thousands of
questions stays fast.

Regenerate the file after editing this module::

    python -m coursekit.quizzes.schema
"""
from __future__ import annotations

import copy
import json
from pathlib import Path

from coursekit.quizzes.questions import TYPES

SCHEMA_FILE = "quiz.schema.json"
DRAFT = "http://json-schema.org/draft-07/schema#"

_TEXT = {"type": "string", "minLength": 1}
_TEXTS = {"type": "array", "items": _TEXT}
# One schema for "a text or a list of texts": keywords apply only to their own
# type (minLength to text, items to lists), so no failing anyOf branch is tried.
_ONE_OR_MORE_TEXTS = {"type": ["string", "array"], "minLength": 1, "items": _TEXT, "minItems": 1}

ID_PATTERN = "^[a-z0-9]+(-[a-z0-9]+)*$"

SOURCE = {
    "type": "object",
    "description": "Where the question comes from: {paragraph: 3} (article paragraph, "
                   "counted without the byline and the 'Read:' links), {event: <timeline "
                   "event id>} or {note: \"UN press release SC/15341\"}.",
    "properties": {
        "paragraph": {"type": "integer", "minimum": 1, "description": "Article paragraph number."},
        "event": {**_TEXT, "description": "A timeline event id."},
        "note": {**_TEXT, "description": "Any other reference, in words."},
    },
    "additionalProperties": False,
    "minProperties": 1,
}

FEEDBACK = {
    "type": "object",
    "description": "General feedback shown after a check, by result.",
    "properties": {
        "correct": {**_TEXT, "description": "Shown when the answer is right."},
        "partial": {**_TEXT, "description": "Shown when the answer is partly right."},
        "incorrect": {**_TEXT, "description": "Shown when the answer is wrong."},
    },
    "additionalProperties": False,
}

OPTION = {
    "description": "An option: its text, or {text, feedback}.",
    "type": ["string", "object"],
    "minLength": 1,
    "properties": {
        "text": {**_TEXT, "description": "What the student sees."},
        "feedback": {**_TEXT, "description": "Shown when the student picks this option."},
    },
    "required": ["text"],
    "additionalProperties": False,
}

GAP = {
    "type": "object",
    "description": "One gap of a cloze text: accepted answers, typos allowed, optional choices.",
    "properties": {
        "answer": {**_ONE_OR_MORE_TEXTS, "description": "Accepted answer(s)."},
        "fuzzy": {"type": "integer", "minimum": 0, "maximum": 3,
                  "description": "Typos accepted (0 = exact, ignoring case and accents)."},
        "options": {**_TEXTS, "minItems": 2,
                    "description": "If given, the gap is a drop-down of these choices."},
    },
    "required": ["answer"],
    "additionalProperties": False,
}

#: Properties every question may have, with their descriptions (editors show them).
COMMON = {
    "id": {"type": "string", "pattern": ID_PATTERN,
           "description": "Unique in the whole course: lowercase letters, digits, hyphens."},
    "type": {"enum": list(TYPES), "description": "The question type."},
    "prompt": {**_TEXT, "description": "The question (a little Markdown; HTML is shown as text)."},
    "points": {"type": "number", "minimum": 0, "description": "Points for a full answer (default 1)."},
    "hints": {**_TEXTS, "description": "Tiered hints: each wrong try shows the next one."},
    "explanation": {**_TEXT, "description": "Shown when the question is finished; name the paragraph."},
    "source": SOURCE,
    "tries": {"type": "integer", "minimum": 1,
              "description": "Tries allowed (default: bank default, else hints + 1)."},
    "penalty": {"type": "number", "minimum": 0, "maximum": 1,
                "description": "Fraction of the points lost per wrong try (default 0.25)."},
    "shuffle": {"type": "boolean", "description": "Shuffle options (stable per student)."},
    "feedback": FEEDBACK,
}

#: Properties of each type, and which of them are required.
TYPE_FIELDS: dict[str, dict] = {
    "single": {
        "properties": {
            "options": {"type": "array", "items": OPTION, "minItems": 2,
                        "description": "The options, in the order you write them."},
            "answer": {**_TEXT, "description": "The text of the right option."},
        },
        "required": ["options", "answer"],
    },
    "multiple": {
        "properties": {
            "options": {"type": "array", "items": OPTION, "minItems": 2},
            "answer": {**_ONE_OR_MORE_TEXTS, "description": "The texts of the right options."},
            "partial": {"type": "boolean", "description": "Partial credit (default true)."},
        },
        "required": ["options", "answer"],
    },
    "truefalse": {
        "properties": {"answer": {"type": "boolean", "description": "true or false."}},
        "required": ["answer"],
    },
    "numeric": {
        "properties": {
            "answer": {"type": "number", "description": "The right number."},
            "tolerance": {"type": "number", "minimum": 0,
                          "description": "Accepted distance from the answer (default 0)."},
            "unit": {**_TEXT, "description": "Shown after the box; say it in the prompt too."},
        },
        "required": ["answer"],
    },
    "text": {
        "properties": {
            "answer": {**_ONE_OR_MORE_TEXTS, "description": "Accepted answers."},
            "fuzzy": {"type": "integer", "minimum": 0, "maximum": 3,
                      "description": "Typos accepted (0 = exact, ignoring case and accents)."},
        },
        "required": ["answer"],
    },
    "ordering": {
        "properties": {
            "items": {**_TEXTS, "minItems": 2, "description": "The items, in the right order."},
            "partial": {"type": "boolean", "description": "Partial credit (default true)."},
        },
        "required": ["items"],
    },
    "matching": {
        "properties": {
            "pairs": {
                "type": "array", "minItems": 2,
                "description": "The right pairs: {left, right}.",
                "items": {
                    "type": "object",
                    "properties": {"left": _TEXT, "right": _TEXT},
                    "required": ["left", "right"],
                    "additionalProperties": False,
                },
            },
            "distractors": {**_TEXTS, "description": "Extra right-hand choices that match nothing."},
            "partial": {"type": "boolean", "description": "Partial credit (default true)."},
        },
        "required": ["pairs"],
    },
    "cloze": {
        "properties": {
            "text": {**_TEXT, "description": "The text, with gaps written [[1]], [[2]]..."},
            "gaps": {"type": "array", "items": GAP, "minItems": 1,
                     "description": "Gap n is the n-th item."},
            "partial": {"type": "boolean", "description": "Partial credit (default true)."},
        },
        "required": ["text", "gaps"],
    },
    "reflection": {
        "properties": {
            "points": {"const": 0, "description": "Reflections are not graded: 0 points."},
            "min_words": {"type": "integer", "minimum": 0,
                          "description": "Words the answer needs at least."},
        },
        "required": [],
    },
}

ALL_FIELDS = sorted(set(COMMON) | {k for t in TYPE_FIELDS.values() for k in t["properties"]})

DEFAULTS = {
    "type": "object",
    "description": "Defaults for every question of the bank.",
    "properties": {
        "tries": COMMON["tries"],
        "penalty": COMMON["penalty"],
        "shuffle": COMMON["shuffle"],
    },
    "additionalProperties": False,
}


def _merged_properties() -> dict:
    props = dict(COMMON)
    for fields in TYPE_FIELDS.values():
        for name, schema in fields["properties"].items():
            # Type-specific shapes are checked in the type's branch; here just allow the key.
            props.setdefault(name, {"description": schema.get("description", "")})
    return props


def question_schema(qtype: str | None = None) -> dict:
    """The schema of one question; with ``qtype``, only that type's branch
    (what the bank loader compiles per type)."""
    base = {
        "type": "object",
        "properties": _merged_properties(),
        "required": ["id", "type", "prompt"],
        "additionalProperties": False,
    }
    if qtype is None:
        branches = []
        for name, fields in TYPE_FIELDS.items():
            branches.append({
                "if": {"properties": {"type": {"const": name}}, "required": ["type"]},
                "then": _branch(name, fields),
            })
        base["allOf"] = branches
        return base
    base = copy.deepcopy(base)
    branch = _branch(qtype, TYPE_FIELDS[qtype])
    base["properties"].update(branch["properties"])
    base["required"] = base["required"] + [r for r in branch["required"] if r not in base["required"]]
    return base


def _branch(name: str, fields: dict) -> dict:
    required = list(fields["required"])
    if name != "reflection":
        required.append("explanation")
    return {"properties": dict(fields["properties"]), "required": required}


def bank_schema(questions: dict | None = None) -> dict:
    """The schema of a whole bank file; ``questions`` replaces the item schema."""
    return {
        "$schema": DRAFT,
        "$id": "https://coursekit.invalid/quiz.schema.json",
        "title": "coursekit question bank",
        "description": "One lesson's questions. See data/quizzes/_example.yaml for every type.",
        "type": "object",
        "properties": {
            "bank": {"type": "string", "pattern": "^_?[A-Za-z0-9][A-Za-z0-9_-]*$",
                     "description": "The file's name without .yaml, e.g. 01_reading_the_article."},
            "title": {**_TEXT, "description": "The quiz's title."},
            "description": {**_TEXT, "description": "A line shown above the quiz."},
            "defaults": DEFAULTS,
            "questions": {"type": "array", "minItems": 1,
                          "items": questions if questions is not None else question_schema()},
        },
        "required": ["bank", "title", "questions"],
        "additionalProperties": False,
    }


#: The whole schema, as written to data/quiz.schema.json.
SCHEMA = bank_schema()


def schema_json() -> str:
    """The schema as the JSON text the data file holds."""
    return json.dumps(SCHEMA, indent=2, ensure_ascii=False) + "\n"


def write_schema(data_dir: str | Path | None = None) -> Path:
    """Write ``quiz.schema.json`` into the data folder; returns its path.

    >>> write_schema()  # doctest: +SKIP
    PosixPath('.../data/quiz.schema.json')
    """
    from coursekit.datafiles.paths import data_dir as find_data

    target = Path(find_data(data_dir)) / SCHEMA_FILE
    target.write_text(schema_json(), encoding="utf-8")
    return target


if __name__ == "__main__":  # pragma: no cover
    print(f"wrote {write_schema()}")
