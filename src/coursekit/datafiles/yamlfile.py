"""Reading instructors' YAML files safely, keeping the line of every item for messages."""
from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from coursekit.errors import DataError, DataNotFoundError, Problem


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
if TYPE_CHECKING:
    _SafeBase = yaml.SafeLoader
else:
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
            ) from None
        if key in result:
            raise yaml.constructor.ConstructorError(
                None, None, f"key {key!r} appears twice in this mapping", key_node.start_mark
            )
        result[key] = loader.construct_object(value_node, deep=True)
        result.key_lines[key] = key_node.start_mark.line + 1
    return result


def _construct_text(loader: _LineLoader, node: yaml.ScalarNode) -> str:
    return str(loader.construct_scalar(node))


def _construct_sequence(loader: _LineLoader, node: yaml.SequenceNode) -> LineList:
    result = LineList(loader.construct_object(child, deep=True) for child in node.value)
    result.line = node.start_mark.line + 1
    result.item_lines = [child.start_mark.line + 1 for child in node.value]
    return result


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)
# A date stays the text it was written as (2022-07-14), as in JSON and in an editor's YAML
# support: the data files' JSON Schemas check dates as texts, and coursekit.datafiles.dates
# reads them.
_LineLoader.add_constructor("tag:yaml.org,2002:timestamp", _construct_text)


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

    >>> from coursekit.datafiles.paths import data_dir
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
