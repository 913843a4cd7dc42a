"""Reading instructors' YAML files safely, keeping the line of every item for messages."""
from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import yaml

from .errors import DataError, DataNotFoundError, Problem


class LineDict(dict):
    """A mapping read from YAML that remembers the line it starts on (``.line``)
    and the line of each key (``.key_lines``), both counted from 1."""

    line: int | None = None
    key_lines: dict

    def line_of(self, key: str) -> int | None:
        """The line of ``key`` if it was in the file, else the mapping's own line."""
        return self.key_lines.get(key, self.line)


class LineList(list):
    """A sequence read from YAML that remembers its line (``.line``) and its items' lines."""

    line: int | None = None
    item_lines: list


# libyaml's C parser where PyYAML has it (many times faster on big banks), else the
# pure-Python one; both construct only plain data.
_SafeBase = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _LineLoader(_SafeBase):
    """A safe loader (no Python objects, nothing executed) that records lines."""


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> LineDict:
    loader.flatten_mapping(node)
    result = LineDict()
    result.line = node.start_mark.line + 1
    result.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        try:
            hash(key)
        except TypeError:
            raise yaml.constructor.ConstructorError(
                None, None, "a key here is not a plain value", key_node.start_mark
            )
        if key in result:
            raise yaml.constructor.ConstructorError(
                None, None, f"key {key!r} appears twice in this mapping", key_node.start_mark
            )
        result[key] = loader.construct_object(value_node, deep=True)
        result.key_lines[key] = key_node.start_mark.line + 1
    return result


def _construct_sequence(loader: _LineLoader, node: yaml.SequenceNode) -> LineList:
    result = LineList(loader.construct_object(child, deep=True) for child in node.value)
    result.line = node.start_mark.line + 1
    result.item_lines = [child.start_mark.line + 1 for child in node.value]
    return result


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)


def display_path(path: str | Path) -> str:
    """``path`` relative to the current folder when it is near it (``data/x.yaml`` or
    ``../data/x.yaml`` from a notebook), else as given, for short messages."""
    p = Path(path)
    try:
        rel = os.path.relpath(p.resolve(), Path.cwd().resolve())
    except ValueError:  # another drive on Windows
        return str(p)
    if not rel.startswith(".."):
        return rel
    # one level up only from inside a course folder (a notebook in notebooks/ -> ../data/...)
    if rel.count("..") == 1 and (Path.cwd().parent / "data" / "course.yaml").is_file():
        return rel
    return str(p)


def read_text(path: str | Path) -> str:
    """Read a UTF-8 text file, raising :class:`DataError` / :class:`DataNotFoundError`
    with the file's name (and the line of a bad byte) instead of a bare traceback."""
    p = Path(path)
    shown = display_path(p)
    try:
        raw = p.read_bytes()
    except FileNotFoundError:
        raise DataNotFoundError(f"{shown}: file not found") from None
    except OSError as exc:
        raise DataError(Problem(shown, None, None, None, f"cannot be read ({exc.strerror})")) from None
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise DataError(
            Problem(shown, line, None, None,
                    f"is not UTF-8 text (byte 0x{raw[exc.start]:02x}); save it as UTF-8")
        ) from None


def load_yaml(path: str | Path) -> Any:
    """Load a YAML file safely. Mappings come back as :class:`LineDict` and lists as
    :class:`LineList`, so checks can name the line of an item.

    Raises :class:`DataError` naming the file and line of a syntax error.

    >>> from coursekit.paths import data_dir
    >>> course = load_yaml(data_dir() / "course.yaml")
    >>> course.line_of("lessons") > 0
    True
    """
    text = read_text(path)
    shown = display_path(path)
    try:
        return yaml.load(text, Loader=_LineLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        what = exc.problem or exc.context or "not valid YAML"
        raise DataError(Problem(shown, line, None, None, f"YAML syntax: {what}")) from None
    except yaml.YAMLError as exc:
        raise DataError(Problem(shown, None, None, None, f"YAML syntax: {exc}")) from None


def load_yaml_or_problems(path: str | Path) -> tuple[Any, list[Problem]]:
    """Like :func:`load_yaml`, for checkers that collect problems instead of raising:
    returns ``(data, [])``, or ``(None, [the problem])`` for a missing file or bad YAML."""
    try:
        return load_yaml(path), []
    except DataError as exc:
        return None, exc.problems
    except DataNotFoundError:
        return None, [Problem(display_path(path), None, None, None, "file not found")]


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

    # The quick check first (see coursekit.bank): jsonschema, slow to import, only writes
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
