"""Reading instructors' YAML and text files safely, keeping the line of every item for messages.

Safely: no Python objects are built and nothing is executed; aliases (``*name``) that would
blow a file up (an "alias bomb" of 2 KB expanding to billions of items) are refused before
the data is built; what is at a path is checked before it is opened (no FIFO, folder or link
loop); a byte-order mark and Windows line endings are accepted; messages show excerpts of
values, never a whole value.
"""
from __future__ import annotations

import codecs
import contextlib
import os
import re
import reprlib
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Hashable, Iterator

import yaml

from coursekit.datafiles.paths import Cited, display_path, read_file_bytes
from coursekit.errors import DataError, DataNotFoundError, Problem

__all__ = ["LineDict", "LineList", "display_path", "read_text", "load_yaml", "load_yaml_or_problems",
           "MAX_ALIAS_GROWTH", "excerpt", "short_repr",
           "one_reading", "read_once"]


def folded(value: Any) -> str:
    """A text of a data file on one line, as the course shows it: every run of white space
    (a YAML block's line breaks, an instructor's double spaces) as one space.

    >>> folded("  Resolution 2690\\n  ended the mandate. ")
    'Resolution 2690 ended the mandate.'
    """
    return " ".join(str(value).split())


def excerpt(value: Any, width: int = 60, *, quoted: bool = True) -> str:
    """A value as a message shows it: on one line and cut to about ``width`` characters, a
    text in double quotes; never the whole of a big value (``repr`` of a list is bounded).

    >>> excerpt("Mali"), excerpt(["a", "b"]), excerpt("x" * 100, 10), excerpt("two\\nlines")
    ('"Mali"', "['a', 'b']", '"xxxxxxxxx..."', '"two lines"')
    """
    if isinstance(value, str):
        text = " ".join(value[: width * 4].split())
        text = text if len(text) <= width else text[: width - 1] + "..."
        return f'"{text}"' if quoted else text
    text = " ".join(_REPR.repr(value).split())
    return text if len(text) <= width else text[: width - 3] + "..."


def short_repr(value: Any, width: int = 60) -> str:
    """``repr(value)`` cut to about ``width`` characters, never built whole for a big value.

    >>> short_repr("  "), short_repr("x" * 100, 12)
    ("'  '", "'xxxxxxxx...")
    """
    text = repr(value[: width + 1]) if isinstance(value, str) else _REPR.repr(value)
    return text if len(text) <= width else text[: width - 3] + "..."


_REPR = reprlib.Repr()
_REPR.maxlevel, _REPR.maxlist, _REPR.maxdict, _REPR.maxtuple, _REPR.maxset = 3, 6, 6, 6, 6
_REPR.maxstring = _REPR.maxother = 60


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
    """A safe loader (no Python objects, nothing executed) that records lines, and refuses
    aliases that would blow the data up (see :func:`_check_aliases`) before building it."""

    #: Whether the text may hold an anchor (``&name``): only then are aliases counted.
    may_alias = True

    def get_single_data(self) -> Any:
        node = self.get_single_node()
        if node is None:
            return None
        if self.may_alias:
            _check_aliases(node)
        return self.construct_document(node)


#: How much aliases may add to a file: as many items as the file itself holds, or this
#: many, whichever is more. A file's own aliases (``caveat: *klatt``) add a few; an
#: "alias bomb" (``&a [lol, lol...]``, ``&b [*a, *a...]``... 2 KB) would add billions.
MAX_ALIAS_GROWTH = 100_000
# A text holding no anchor can hold no alias; the check is skipped (a quick regex on the text).
_ANCHOR = re.compile(r"(?:^|[\s\[{,?:-])&[^\s\[\]{},]")


class _AliasError(yaml.MarkedYAMLError):
    """Aliases that would expand the data too far, or an alias inside its own anchor;
    ``field`` is the key of the mapping entry where it happens, if any."""

    field: str | None = None


def _weight(node: yaml.Node) -> int:
    """An item counts 1, a long text 1 per 256 characters (a text repeated by aliases costs
    every check that reads it)."""
    return 1 + len(node.value) // 256 if isinstance(node, yaml.ScalarNode) else 1


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.MappingNode):
        return [n for pair in node.value for n in pair]
    return list(node.value) if isinstance(node, yaml.SequenceNode) else []


def _check_aliases(root: yaml.Node) -> None:
    """Raise :class:`_AliasError` (with the line of the field holding it) if aliases would
    make the data much bigger than the file, or if an alias sits inside its own anchor.

    Each distinct node is visited once (aliases are the same node object), so this costs
    as much as the file, never as much as what the aliases would expand to.
    """
    sizes: dict[int, int] = {}
    on_path: set[int] = set()
    own = 0
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, finished = stack.pop()
        key = id(node)
        if finished:
            on_path.discard(key)
            sizes[key] = _weight(node) + sum(sizes[id(c)] for c in _children(node))
            continue
        if key in sizes:
            continue
        if key in on_path:
            raise _AliasError(None, None, "an alias (*name) is used inside its own anchor (&name)",
                              node.start_mark)
        own += _weight(node)
        if isinstance(node, yaml.ScalarNode):
            sizes[key] = _weight(node)
            continue
        on_path.add(key)
        stack.append((node, True))
        stack.extend((child, False) for child in _children(node))
    total = sizes[id(root)]
    allowed = own + max(own, MAX_ALIAS_GROWTH)
    if total > allowed:
        mark, field = _where_it_grows(root, sizes)
        error = _AliasError(None, None, f"aliases (*name) would repeat their anchors (&name) into "
                            f"{total:,} items (at most {allowed:,} for this file); write the values out",
                            mark)
        error.field = field
        raise error


def _where_it_grows(node: yaml.Node, sizes: dict[int, int]) -> tuple[yaml.Mark, str | None]:
    """The mark and the key of the deepest field through which the data grows most: follow
    the biggest child (the last of equals: an alias comes after its anchor) down to a text."""
    mark, field = node.start_mark, None
    while isinstance(node, (yaml.MappingNode, yaml.SequenceNode)) and node.value:
        if isinstance(node, yaml.MappingNode):
            key, node = max(reversed(node.value), key=lambda pair: sizes[id(pair[1])])
            mark, field = key.start_mark, excerpt(key.value, 40, quoted=False)
        else:
            node = max(reversed(node.value), key=lambda child: sizes[id(child)])
    return mark, field


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
                None, None, f"key {short_repr(key)} appears twice in this mapping", key_node.start_mark
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


def read_text(path: str | Path, *, within: str | Path | None = None, cited: Cited | None = None) -> str:
    """Read a UTF-8 text file, raising :class:`DataError` / :class:`DataNotFoundError`
    with the file's name (and the line of a bad byte) instead of a bare traceback.

    What is at ``path`` is checked before it is opened
    (:func:`~coursekit.datafiles.paths.checked_file`: ``within`` and ``cited`` are passed on).
    The byte-order mark that spreadsheet programs and Notepad write ("CSV UTF-8") is
    dropped, and Windows line endings (CRLF) are read as plain ones.
    """
    p = Path(path)
    raw = read_file_bytes(p, within=within, cited=cited)
    if raw.startswith(codecs.BOM_UTF8):
        raw = raw[len(codecs.BOM_UTF8):]
    elif raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise DataError(Problem(display_path(p), 1, None, None,
                                "is UTF-16 text (Notepad's \"Unicode\"); save it as UTF-8"))
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise DataError(
            Problem(display_path(p), line, None, None,
                    f"is not UTF-8 text (byte 0x{raw[exc.start]:02x}); save it as UTF-8")
        ) from None
    return text.replace("\r\n", "\n") if "\r" in text else text


# While `coursekit validate` runs, each file is read once however many checkers read it (a
# bank of 5,000 questions takes some 1.5 s to parse; three checkers read the banks).
_ONE_READING: dict | None = None


@contextlib.contextmanager
def one_reading() -> Iterator[None]:
    """Within this block, :func:`load_yaml` parses each unchanged file once and gives every
    caller the same data (or raises the same error): for checkers, which only read it."""
    global _ONE_READING
    outer = _ONE_READING
    _ONE_READING = {} if outer is None else outer
    try:
        yield
    finally:
        _ONE_READING = outer


def read_once(path: str | Path, what: Hashable, compute: Callable[[], Any]) -> Any:
    """``compute()``, computed once per unchanged file ``path`` and ``what`` within
    :func:`one_reading` (every time outside it): what a loader builds from a big file (a
    timeline of 50 MB) is then built once however many checkers ask for it."""
    if _ONE_READING is None:
        return compute()
    try:
        st = os.stat(path)
    except OSError:
        return compute()
    key = (os.path.abspath(path), st.st_ino, st.st_size, st.st_mtime_ns, what)
    if key not in _ONE_READING:
        try:
            _ONE_READING[key] = (compute(), None)
        except (DataError, DataNotFoundError) as exc:
            _ONE_READING[key] = (None, exc)
    value, error = _ONE_READING[key]
    if error is not None:
        raise error
    return value


def load_yaml(path: str | Path) -> Any:
    """Load a YAML file safely (see :func:`_load_yaml`), once per file within :func:`one_reading`.

    >>> from coursekit.datafiles.paths import data_dir
    >>> course = load_yaml(data_dir() / "course.yaml")
    >>> course.line_of("lessons") > 0
    True
    """
    return read_once(path, "yaml", lambda: _load_yaml(path))


def _load_yaml(path: str | Path) -> Any:
    """Load a YAML file safely. Mappings come back as :class:`LineDict` and lists as
    :class:`LineList`, so checks can name the line of an item.

    Raises :class:`DataError` naming the file and line of a syntax error, of aliases that
    would blow the data up, or of a path that is not a readable file.
    """
    text = read_text(path)
    shown = display_path(path)
    loader = _LineLoader(text)
    loader.may_alias = _ANCHOR.search(text) is not None
    try:
        return loader.get_single_data()
    except _AliasError as exc:
        line = exc.problem_mark.line + 1 if exc.problem_mark else None
        raise DataError(Problem(shown, line, None, exc.field, str(exc.problem))) from None
    except RecursionError:
        raise DataError(Problem(shown, None, None, None, "is nested too deeply to be read")) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        what = exc.problem or exc.context or "not valid YAML"
        raise DataError(Problem(shown, line, None, None, f"YAML syntax: {what}")) from None
    except yaml.YAMLError as exc:
        said = excerpt(str(exc), 200, quoted=False)
        raise DataError(Problem(shown, None, None, None, f"YAML syntax: {said}")) from None
    finally:
        loader.dispose()


def load_yaml_or_problems(path: str | Path) -> tuple[Any, list[Problem]]:
    """Like :func:`load_yaml`, for checkers that collect problems instead of raising:
    returns ``(data, [])``, or ``(None, [the problem])`` for a missing file or bad YAML."""
    try:
        return load_yaml(path), []
    except DataError as exc:
        return None, exc.problems
    except DataNotFoundError:
        return None, [Problem(display_path(path), None, None, None, "file not found")]
