"""Checking loaded data files against their JSON Schemas, and turning each schema error
into a :class:`~coursekit.errors.Problem` that names the file, line, item and field.

Every data file of the course (question banks, actors, course, council, claims, timeline,
article) is checked here, so a mistake reads the same whichever file it is in:

>>> schema = {"type": "object", "additionalProperties": False, "required": ["title"],
...           "properties": {"title": {"type": "string"}, "minutes": {"type": "integer", "minimum": 1}}}
>>> for problem in schema_problems({"minutes": 0, "titel": "Consent"}, schema, "course.yaml"):
...     print(problem)
course.yaml: titel: is not a known field; did you mean title?
course.yaml: title: is missing
course.yaml: minutes: must be at least 1 (it is 0)
"""
from __future__ import annotations

import ast
import difflib
import importlib
import sys
from typing import Any, Callable, Iterable

from coursekit.datafiles.yamlfile import LineDict, LineList, excerpt, short_repr
from coursekit.errors import Problem

#: The one pattern of every id an instructor writes (questions, actors, events, claims,
#: council members, presets): lowercase letters and digits in hyphen-separated words.
ID_PATTERN = "^[a-z0-9]+(-[a-z0-9]+)*$"

#: A schema for a text that must hold more than spaces.
TEXT_SCHEMA = {"type": "string", "pattern": r"\S", "description": "must not be empty"}


def record(required: Iterable[str], properties: dict[str, Any], **extra: Any) -> dict[str, Any]:
    """The JSON Schema of a mapping with the fields ``properties`` and no others (an unknown
    key, often a misspelt one, is refused and named), of which ``required`` must be there.

    ``extra`` adds other keywords: a ``title`` or ``description`` (written first, for
    editors) or further rules (``if``/``then``, ``anyOf``, ``minProperties``...).

    >>> record(["low"], {"low": {"type": "integer"}}, description="a range")  # doctest: +NORMALIZE_WHITESPACE
    {'description': 'a range', 'type': 'object', 'required': ['low'], 'additionalProperties': False,
     'properties': {'low': {'type': 'integer'}}}
    """
    notes: dict[str, Any] = {k: extra.pop(k) for k in ("title", "description") if k in extra}
    needed = list(required)
    return {**notes, "type": "object", **({"required": needed} if needed else {}), "additionalProperties": False,
            "properties": properties, **extra}


# ---------------------------------------------------------------------------
# Validators, compiled once per schema
#
# jsonschema writes the messages; it is imported only when a file has a mistake, and
# without its optional format checkers (see _import_jsonschema). Data is first checked by
# fastjsonschema, which compiles each schema to Python once (a few ms) and checks some
# 20 times faster (a bank of 5,000 questions: 1.1 s -> 0.1 s). Both are cached by the
# schema's id, and the cache keeps the schema alive so that id is never reused.

_FAST: dict[int, tuple[dict, Any]] = {}
_FULL: dict[int, tuple[dict, Any]] = {}


def _passes(data: Any, schema: dict) -> bool:
    """True if ``data`` is valid; False means "ask jsonschema for the messages"."""
    import fastjsonschema

    key = id(schema)
    if key not in _FAST:
        _FAST[key] = (schema, fastjsonschema.compile(schema))
    try:
        _FAST[key][1](data)
    except fastjsonschema.JsonSchemaException:
        return False
    return True


#: The optional packages jsonschema imports only to check ``format`` (URIs, dates, colours...),
#: which no course schema uses: one of them (rfc3987_syntax) alone compiles a grammar for
#: over a second, which was most of the time to the first error message.
_FORMAT_ONLY = ("rfc3987_syntax", "rfc3987", "rfc3986_validator", "rfc3339_validator", "isoduration",
                "uri_template", "webcolors", "jsonpointer", "fqdn", "idna")


def _import_jsonschema() -> Any:
    """jsonschema, imported without its ``format`` checkers' packages (0.2 s instead of 1.4 s).

    Only when jsonschema is not imported yet: the packages are hidden while it imports, then
    put back as they were, so a later ``import rfc3987_syntax`` elsewhere still works.
    """
    if "jsonschema" in sys.modules:
        return sys.modules["jsonschema"]
    hidden = [name for name in _FORMAT_ONLY if name not in sys.modules]
    for name in hidden:
        sys.modules[name] = None  # type: ignore[assignment]  # "import name" raises ImportError
    try:
        return importlib.import_module("jsonschema")  # (it ships no type hints)
    finally:
        for name in hidden:
            if sys.modules.get(name, 0) is None:
                del sys.modules[name]


def _errors(data: Any, schema: dict) -> Iterable:
    key = id(schema)
    if key not in _FULL:
        _FULL[key] = (schema, _import_jsonschema().Draft7Validator(schema))
    return _FULL[key][1].iter_errors(data)


# ---------------------------------------------------------------------------
# Where: line, item and field


def line_along(data: Any, path: Iterable) -> int | None:
    """The line of the deepest item of ``path`` that exists in ``data`` (from
    :func:`~coursekit.datafiles.yamlfile.load_yaml`; None for plain data). A key
    that is missing gives the line of the mapping that should hold it."""
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


def field_name(path: Iterable) -> str | None:
    """A path into an item as an instructor reads it: ``options[2].feedback`` (counted from 1).

    >>> field_name(["gaps", 0, "answer"])
    'gaps[1].answer'
    """
    parts: list[str] = []
    for step in path:
        parts.append(f"[{step + 1}]" if isinstance(step, int)
                     else ("." if parts else "") + excerpt(str(step), 40, quoted=False))
    return "".join(parts) or None


def _item_name(data: Any, path: list, items: tuple[str, str] | None) -> str | None:
    """``actor "mali"`` (or ``actor 3`` without an id) for a path into ``data[list_key]``."""
    if (items is None or len(path) < 2 or path[0] != items[0] or not isinstance(path[1], int)
            or not isinstance(data, dict)):
        return None
    entry = data[items[0]][path[1]]
    eid = entry.get("id") if isinstance(entry, dict) else None
    return f'{items[1]} "{eid}"' if isinstance(eid, str) and eid else f"{items[1]} {path[1] + 1}"


# ---------------------------------------------------------------------------
# What: the message


def kind_of(value: Any) -> str:
    """What a value is, in an instructor's words ("text", "a list"...).

    >>> kind_of(3), kind_of("3"), kind_of(None)
    ('a number', 'text', 'empty')
    """
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


_EXPECTED = {"string": "text", "number": "a number", "integer": "a whole number",
             "boolean": "true or false", "array": "a list", "object": "a mapping (key: value lines)",
             "null": "empty"}


def _short(value: Any) -> str:
    return excerpt(value)


def _expected(types: str | list) -> str:
    words: list[str] = []
    for t in [types] if isinstance(types, str) else types:
        if _EXPECTED.get(t, t) not in words:
            words.append(_EXPECTED.get(t, t))
    return " or ".join(words)


def _missing(error) -> str:
    """The property a ``required`` error is about (jsonschema yields one error per property)."""
    try:
        return str(ast.literal_eval(error.message.split(" is a required property")[0]))
    except (ValueError, SyntaxError):
        inst = error.instance
        missing = [r for r in error.validator_value if not (isinstance(inst, dict) and r in inst)]
        return missing[0] if missing else "?"


#: Who needs a missing field, for "is missing (a numeric question needs it)": given the
#: mapping that lacks it and the field's name, words like "a numeric question", or None.
NeededBy = Callable[[Any, str], "str | None"]


def _message(error, needed_by: NeededBy | None = None) -> tuple[list, str]:
    """(path of the field, message) for one jsonschema error."""
    path = list(error.absolute_path)
    v, inst, schema, value = error.validator, error.instance, error.schema, error.validator_value
    if v == "required":
        name = _missing(error)
        who = needed_by(inst, name) if needed_by else None
        return path + [name], f"is missing ({who} needs it)" if who else "is missing"
    if v == "additionalProperties":
        return _unknown_fields(error)[0]
    if v == "enum":
        choices = ", ".join(str(c) for c in value)
        if path and path[-1] == "type":
            return path, f"unknown type {_short(inst)}; use one of: {choices}"
        return path, f"{_short(inst)} is not one of: {choices}"
    if v == "type":
        return path, f"should be {_expected(value)}, not {kind_of(inst)}"
    if v in ("minimum", "exclusiveMinimum"):
        return path, f"must be at least {value} (it is {inst})"
    if v in ("maximum", "exclusiveMaximum"):
        return path, f"must be at most {value} (it is {inst})"
    if v == "minItems":
        has = len(inst) if isinstance(inst, list) else 0
        return path, f"needs at least {value} item{'s' if value != 1 else ''} (it has {has})"
    if v in ("minLength", "minProperties"):
        what = "characters" if v == "minLength" else "fields"
        return path, "is empty" if value == 1 else f"needs at least {value} {what}"
    if v == "pattern":
        if value == ID_PATTERN:
            return path, f"{_short(inst)} is not a valid id: use lowercase letters, digits and hyphens"
        if schema.get("description"):
            return path, f"{short_repr(inst)}: {schema['description']}"
        return path, f"{_short(inst)} does not match {value}"
    if v == "const":
        return path, f"must be {short_repr(value)} (it is {_short(inst)})"
    if v in ("anyOf", "oneOf"):
        return _best_alternative(error, path, needed_by)
    return path, excerpt(error.message, 200, quoted=False)


def _unknown_fields(error) -> list[tuple[list, str]]:
    """One (path, message) per field the schema does not know, with the closest known one."""
    allowed = list(error.schema.get("properties", {}))
    extras = [str(k) for k in error.instance if k not in allowed] if isinstance(error.instance, dict) else ["?"]
    out = []
    for name in extras:
        close = difflib.get_close_matches(name, allowed, n=1)
        hint = f"did you mean {close[0]}?" if close else f"expected one of {', '.join(allowed)}"
        out.append((list(error.absolute_path) + [name], f"is not a known field; {hint}"))
    return out


def _best_alternative(error, path: list, needed_by: NeededBy | None) -> tuple[list, str]:
    """Say what is wrong inside the closest alternative of an anyOf, not just "no match"."""
    context = list(error.context or ())
    deeper = [e for e in context if len(e.absolute_path) > len(path)]
    if deeper:
        best_match = importlib.import_module("jsonschema.exceptions").best_match
        return _message(best_match(deeper), needed_by)
    if error.schema.get("description"):
        return path, error.schema["description"]
    others = [e for e in context if e.validator != "type"]
    if others:
        return _message(others[0], needed_by)
    if context:
        return path, f"should be {_expected([t for e in context for t in _listed(e.validator_value)])}, " \
                     f"not {kind_of(error.instance)}"
    return path, f"{_short(error.instance)} is not valid here"


def _listed(value: Any) -> list:
    return [value] if isinstance(value, str) else list(value)


# ---------------------------------------------------------------------------
# The one entry point


def schema_problems(data: Any, schema: dict, shown: str, items: tuple[str, str] | None = None, *,
                    item: str | None = None, needed_by: NeededBy | None = None) -> list[Problem]:
    """Check ``data`` (from :func:`load_yaml`) against a JSON Schema and turn each error
    into a :class:`Problem` with the file (``shown``), line, item and field; [] if valid.

    ``items`` is ``(list key, item label)``, e.g. ``("actors", "actor")``: an error inside
    ``data["actors"][2]`` is then named after that entry's ``id`` (``actor "mali"``, or
    ``actor 3`` without one) and its field from inside the entry (``evidence[1].paragraph``).
    ``item`` names every problem after one item instead (a bank checks each question on
    its own: ``question "veto-rule"``). ``needed_by`` says who needs a missing field.

    A schema's ``description`` is the message where the rule alone would not explain
    itself (a ``pattern`` or an ``anyOf``).

    >>> schema = {"type": "object", "properties": {"actors": {"type": "array", "items": {
    ...     "type": "object", "properties": {"id": {"type": "string"}, "kind": {"enum": ["person", "state"]}}}}}}
    >>> print(*schema_problems({"actors": [{"id": "mali", "kind": "country"}]}, schema, "actors.yaml",
    ...                        ("actors", "actor")))
    actors.yaml: actor "mali": kind: "country" is not one of: person, state
    """
    if _passes(data, schema):
        return []
    problems = []
    for error in sorted(_errors(data, schema), key=lambda e: [str(p) for p in e.absolute_path]):
        said = _unknown_fields(error) if error.validator == "additionalProperties" else [_message(error, needed_by)]
        for path, message in said:
            name = item
            inside = path
            if name is None:
                name = _item_name(data, path, items)
                inside = path[2:] if name is not None else path
            problems.append(Problem(shown, line_along(data, path), name, field_name(inside), message))
    return problems
