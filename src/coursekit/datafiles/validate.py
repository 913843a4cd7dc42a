"""Checking instructors' data files: each against its JSON Schema and the few checks a schema
cannot make, the schema files in ``data/`` that editors read, and every file at once (what
``coursekit validate`` runs).

Each data file's module holds its schema as Python data (``SCHEMA``) and a function that
returns the file's problems; :func:`write_schemas` writes the schemas to ``data/`` and
:func:`validate_all` reports a schema file that is missing or out of date. Regenerate them
after editing a schema::

    coursekit validate --write-schemas
"""
from __future__ import annotations

import importlib
import json
from pathlib import Path
from typing import Any, Callable, Iterable

from coursekit.datafiles.paths import checked_file
from coursekit.datafiles.paths import data_dir as find_data_dir
from coursekit.datafiles.schema import record, schema_problems
from coursekit.datafiles.yamlfile import (LineDict, display_path, load_yaml, load_yaml_or_problems,
                                          one_reading, short_repr)
from coursekit.errors import CourseError, DataError, Problem

#: (what it checks, "module:function"); each function takes the data folder and
#: returns a list of :class:`~coursekit.errors.Problem`, never raising for bad data.
CHECKERS = [
    ("course", "coursekit.course:check_course"),
    ("article", "coursekit.reading.article:check_article"),
    ("actors", "coursekit.reading.actors:check_actors"),
    ("timeline", "coursekit.timeline.events:check_timeline"),
    ("quizzes", "coursekit.quizzes.bank:check_banks"),
    ("council", "coursekit.council.votes:check_council"),
    ("mandates", "coursekit.council.mandates:check_mandates"),
    ("claims", "coursekit.reading.claims:check_claims"),
    ("voices", "coursekit.reading.voices:check_voices"),
    ("contributors", "coursekit.reading.voices:check_contributors"),
    ("missions", "coursekit.reading.voices:check_missions"),
    ("glossary", "coursekit.reading.glossary:check_glossary"),
    ("objectives", "coursekit.course:check_objectives"),
]

#: Each schema file of ``data/`` and the "module:attribute" that holds it.
SCHEMAS = {
    "course.schema.json": "coursekit.course:SCHEMA",
    "article.schema.json": "coursekit.reading.article:SCHEMA",
    "actors.schema.json": "coursekit.reading.actors:SCHEMA",
    "timeline.schema.json": "coursekit.timeline.events:SCHEMA",
    "timeline-categories.schema.json": "coursekit.timeline.events:CATEGORIES_SCHEMA",
    "council.schema.json": "coursekit.council.votes:SCHEMA",
    "mandates.schema.json": "coursekit.council.mandates:SCHEMA",
    "claims.schema.json": "coursekit.reading.claims:SCHEMA",
    "voices.schema.json": "coursekit.reading.voices:VOICES_SCHEMA",
    "contributors.schema.json": "coursekit.reading.voices:CONTRIBUTORS_SCHEMA",
    "missions.schema.json": "coursekit.reading.voices:MISSIONS_SCHEMA",
    "glossary.schema.json": "coursekit.reading.glossary:SCHEMA",
    "quiz.schema.json": "coursekit.quizzes.schema:SCHEMA",
}
QUIZ_SCHEMA = "quiz.schema.json"
#: Each data file instructors edit (a path in ``data/``, or a pattern) and its schema file.
DATA_FILES = {
    "course.yaml": "course.schema.json",
    "article/article.yaml": "article.schema.json",
    "actors.yaml": "actors.schema.json",
    "timeline.csv": "timeline.schema.json",
    "timeline-categories.yaml": "timeline-categories.schema.json",
    "council.yaml": "council.schema.json",
    "mandates.yaml": "mandates.schema.json",
    "claims.yaml": "claims.schema.json",
    "voices.yaml": "voices.schema.json",
    "contributors.yaml": "contributors.schema.json",
    "missions.yaml": "missions.schema.json",
    "glossary.yaml": "glossary.schema.json",
    "quizzes/*.yaml": QUIZ_SCHEMA,
}
#: The first line of a YAML data file that lets editors (VS Code's YAML extension...) check
#: it as it is typed; advice, never required.
SCHEMA_COMMENT = "# yaml-language-server: $schema={schema}"
#: The command that writes them.
WRITE_COMMAND = "coursekit validate --write-schemas"
DRAFT = "http://json-schema.org/draft-07/schema#"

Check = Callable[[Any, str], "list[Problem]"]


# --------------------------------------------------------------------------- one file


def check_yaml(path: Path, check: Check) -> tuple[Any, list[Problem]]:
    """Read the YAML file ``path`` and run ``check(data, shown name)`` on it.

    Returns the data (``None`` when the file cannot be read) and every problem; never
    raises for bad data: what a file's ``check_...`` function for ``coursekit validate`` uses.
    """
    raw, problems = load_yaml_or_problems(path)
    return (None, problems) if problems else (raw, check(raw, display_path(path)))


def load_checked(path: Path, check: Check) -> Any:
    """Like :func:`check_yaml`, for loaders: returns the data when it has no problem; raises
    :class:`~coursekit.errors.DataNotFoundError` for a missing file and
    :class:`~coursekit.errors.DataError` listing every problem."""
    raw = load_yaml(path)
    problems = check(raw, display_path(path))
    if problems:
        raise DataError(problems)
    return raw


def list_schema(title: str, key: str, item: dict) -> dict:
    """The JSON Schema of a file that is one list of items under ``key`` (``actors: [...]``)."""
    return record([key], {key: {"type": "array", "minItems": 1, "items": item}}, title=title)


_PARTS: dict[int, tuple[dict, list]] = {}


def schema_check(data: Any, schema: dict, shown: str, lists: dict[str, str] | None = None) -> list[Problem]:
    """:func:`~coursekit.datafiles.schema.schema_problems` for a file with several lists:
    ``lists`` maps each list's key to the word for its items (``{"members": "member",
    "presets": "preset"}``), so that every problem inside an item names it."""
    lists = lists or {}
    pairs = list(lists.items())
    problems = schema_problems(data, schema, shown, pairs[0] if pairs else None)
    if len(pairs) < 2 or not problems:
        return problems
    if id(schema) not in _PARTS:  # split once: the rest of the file, then each list alone
        props = schema["properties"]
        rest = {**schema, "properties": {k: {} if k in lists else v for k, v in props.items()}}
        parts = [(rest, None)] + [({"properties": {k: props[k]}}, (k, label)) for k, label in pairs]
        _PARTS[id(schema)] = (schema, parts)
    return [p for part, items in _PARTS[id(schema)][1] for p in schema_problems(data, part, shown, items)]


def named_items(data: Any, key: str, label: str) -> list[tuple[str, LineDict]]:
    """The mappings in the list ``data[key]``, each with the name problems give it:
    ``member "russia"`` after its id, or ``member 3`` without one."""
    items = data.get(key) if isinstance(data, dict) else None
    return [(f'{label} "{d["id"]}"' if isinstance(d.get("id"), str) and d["id"] else f"{label} {i}", d)
            for i, d in enumerate(items if isinstance(items, list) else [], 1) if isinstance(d, LineDict)]


def repeats(named: Iterable[tuple[str, LineDict]], field: str, shown: str,
            fold: Callable[[str], Any] = str) -> list[Problem]:
    """A problem for each item whose text ``field`` repeats an earlier item's (compared
    after ``fold``, e.g. ``str.casefold``), naming the line where it was first used."""
    first: dict = {}
    problems = []
    for item, entry in named:
        value = entry.get(field)
        if not isinstance(value, str):
            continue
        line = entry.line_of(field)
        if fold(value) in first:
            problems.append(Problem(shown, line, item, field,
                                    f"{short_repr(value)} is used twice (first on line {first[fold(value)]})"))
        first.setdefault(fold(value), line)
    return problems


# --------------------------------------------------------------------------- schema files


def schema_texts() -> dict[str, str]:
    """Each schema file's name and the JSON text it must hold."""
    from coursekit.quizzes.schema import schema_json

    texts = {}
    for name, target in SCHEMAS.items():
        module, attribute = target.split(":")
        schema = getattr(importlib.import_module(module), attribute)
        texts[name] = (schema_json() if name == QUIZ_SCHEMA else
                       json.dumps({"$schema": DRAFT, **schema}, indent=2, ensure_ascii=False) + "\n")
    return texts


def write_schemas(data_dir: str | Path | None = None) -> list[Path]:
    """Write every schema file into the data folder; returns their paths.

    From the command line: ``coursekit validate --write-schemas``.
    """
    folder = find_data_dir(data_dir)
    written = []
    for name, text in schema_texts().items():
        (folder / name).write_text(text, encoding="utf-8")
        written.append(folder / name)
    return written


def schema_file_problems(data: Path) -> list[Problem]:
    """A problem for each schema file of ``data`` that is missing or out of date."""
    problems = []
    for name, text in schema_texts().items():
        path = Path(data) / name
        if not path.is_file():
            problems.append(Problem(display_path(path), None, None, None, f"is missing; run `{WRITE_COMMAND}`"))
        elif path.read_text(encoding="utf-8") != text:
            problems.append(Problem(display_path(path), None, None, None,
                                    f"is out of date with the code's schema; run `{WRITE_COMMAND}`"))
    return problems


# --------------------------------------------------------------------------- notes


def data_files(data: str | Path) -> list[tuple[Path, str]]:
    """Every data file of the folder ``data`` that :data:`DATA_FILES` names, with its schema
    file's name, in the registry's order."""
    folder = Path(data)
    return [(path, schema) for pattern, schema in DATA_FILES.items()
            for path in sorted(folder.glob(pattern))]


def schema_comment(rel: str, schema: str) -> str:
    """The first line that points editors at ``schema`` from the data file ``rel`` (a path
    in ``data/``).

    >>> schema_comment("quizzes/01.yaml", "quiz.schema.json")
    '# yaml-language-server: $schema=../quiz.schema.json'
    """
    return SCHEMA_COMMENT.format(schema="../" * rel.count("/") + schema)


def notes(data: str | Path) -> list[str]:
    """Advice that is not a problem: each YAML data file whose first line does not name its
    schema for editors (:func:`schema_comment`)."""
    out = []
    for path, schema in data_files(data):
        if path.suffix not in (".yaml", ".yml"):
            continue
        try:
            with open(checked_file(path), "rb") as fh:
                first = fh.readline(500).decode("utf-8", "replace").lstrip("\ufeff").strip()
        except (OSError, CourseError):
            continue  # the checker reports the file itself
        wanted = schema_comment(path.relative_to(data).as_posix(), schema)
        if first != wanted:
            out.append(f"note: {display_path(path)}:1: a first line '{wanted}' would let editors "
                       "check the file as you type")
    return out


# --------------------------------------------------------------------------- every file


def validate_all(data: Path) -> tuple[list[Problem], list[str]]:
    """Run every checker over the data folder ``data``, then check its schema files.

    Returns the problems found and the names of what was checked.
    """
    problems: list[Problem] = []
    checked: list[str] = []
    with one_reading():  # each file parsed once, however many checkers read it
        for name, target in CHECKERS:
            module, func = target.split(":")
            problems.extend(getattr(importlib.import_module(module), func)(Path(data)))
            checked.append(name)
    return problems + schema_file_problems(Path(data)), checked


def report(data: Path) -> tuple[list[str], bool]:
    """The lines ``coursekit validate`` prints for the data folder ``data``, and whether it is
    ready: notes (advice, never a failure), then one line per problem and a count, or "OK"."""
    problems, checked = validate_all(data)
    shown = display_path(data)
    advice = notes(data)
    if problems:
        return advice + [str(p) for p in problems] + [f"{len(problems)} problem(s) found in {shown}"], False
    return advice + [f"OK: {shown} is ready for class (checked {', '.join(checked)})"], True


def validate(data_dir: str | Path | None = None) -> None:
    """Check every data file and print one line per problem, or that the data is ready.

    >>> validate()  # doctest: +ELLIPSIS
    OK: ...data is ready for class (checked course, article, actors, ...)
    """
    lines, _ = report(find_data_dir(data_dir))
    print("\n".join(lines))
