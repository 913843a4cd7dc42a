"""Checking loaded data files against their JSON Schemas, and turning each schema error
into a :class:`~coursekit.errors.Problem` that names the file, line, item and field."""
from __future__ import annotations

from typing import Any

from coursekit.datafiles.yamlfile import LineDict, LineList
from coursekit.errors import Problem

#: The one pattern of every id an instructor writes (questions, actors, events, claims,
#: council members, presets): lowercase letters and digits in hyphen-separated words.
ID_PATTERN = "^[a-z0-9]+(-[a-z0-9]+)*$"

_FAST: dict[int, tuple] = {}
_TYPE_WORDS = {"string": "a text", "array": "a list", "object": "a mapping of fields",
               "integer": "a whole number", "number": "a number", "boolean": "true or false"}


def _line_along(data: Any, path: list) -> int | None:
    """The line of the deepest item of ``path`` that exists in ``data``."""
    node, line = data, getattr(data, "line", None)
    for key in path:
        if isinstance(node, LineDict) and key in node:
            line = node.line_of(key)
        elif isinstance(node, LineList) and isinstance(key, int) and key < len(node.item_lines):
            line = node.item_lines[key]
        else:
            break
        node = node[key]
    return line


#: A schema for a text that must hold more than spaces.
TEXT_SCHEMA = {"type": "string", "pattern": r"\S", "description": "must not be empty"}


def _item_name(data: Any, path: list, items: tuple[str, str] | None) -> str | None:
    """``actor "mali"`` (or ``actor 3`` without an id) for a path into ``data[list_key]``."""
    if items is None or len(path) < 2 or path[0] != items[0] or not isinstance(data, dict):
        return None
    entry = data[items[0]][path[1]]
    eid = entry.get("id") if isinstance(entry, dict) else None
    return f'{items[1]} "{eid}"' if isinstance(eid, str) else f"{items[1]} {path[1] + 1}"


def schema_problems(data: Any, schema: dict, shown: str,
                    items: tuple[str, str] | None = None) -> list[Problem]:
    """Check ``data`` (from :func:`load_yaml`) against a JSON Schema and turn each error
    into a :class:`Problem` with the file, line, item and field.

    ``items`` is ``(list key, item label)``, e.g. ``("actors", "actor")``: an error inside
    ``data["actors"][2]`` is then named after that entry's ``id`` (``actor "mali"``).
    A schema's ``description`` is used as the message where the rule alone would not
    explain itself (a ``pattern`` or an ``anyOf``).
    """
    import fastjsonschema

    # The quick check first (see coursekit.quizzes.bank): jsonschema, slow to import, only writes
    # the messages of a file that has mistakes.
    key = id(schema)
    if key not in _FAST:
        _FAST[key] = (schema, fastjsonschema.compile(schema))
    try:
        _FAST[key][1](data)
        return []
    except fastjsonschema.JsonSchemaException:
        pass
    from jsonschema import Draft7Validator

    problems = []
    errors = Draft7Validator(schema).iter_errors(data)
    for err in sorted(errors, key=lambda e: [str(p) for p in e.absolute_path]):
        path = list(err.absolute_path)
        field = next((str(k) for k in reversed(path) if isinstance(k, str)), None)
        line = _line_along(data, path)
        if err.validator == "required":
            field = err.message.split("'")[1] if "'" in err.message else field
            message = "is missing"
        elif err.validator == "type":
            wanted = err.validator_value if isinstance(err.validator_value, list) else [err.validator_value]
            message = f"must be {' or '.join(_TYPE_WORDS.get(t, t) for t in wanted)}"
        elif err.validator == "enum":
            message = f"is {err.instance!r}; must be one of {', '.join(map(str, err.validator_value))}"
        elif err.validator == "additionalProperties":
            extra = sorted(set(err.instance) - set(err.schema.get("properties", {})))
            field = str(extra[0]) if extra else field
            line = _line_along(data, path + [field])
            message = f"is not a known field; expected one of {', '.join(err.schema.get('properties', {}))}"
        elif err.validator in ("pattern", "anyOf", "minLength") and err.schema.get("description"):
            message = f"{err.instance!r}: {err.schema['description']}" if err.validator != "anyOf" \
                else err.schema["description"]
        elif err.validator == "minimum":
            message = f"must be at least {err.validator_value} (it is {err.instance})"
        else:
            message = err.message
        problems.append(Problem(shown, line, _item_name(data, path, items), field, message))
    return problems
