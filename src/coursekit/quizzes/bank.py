"""Question banks: loading the YAML files of data/quizzes/, checking them, building questions.

Every problem is a :class:`~coursekit.errors.Problem` naming the file, the line,
the question and the field, e.g.::

    data/quizzes/01_reading_the_article.yaml:40: question "who-spoke": answer: "Diopp" is not one of the options

>>> from coursekit.quizzes.bank import load_bank
>>> bank = load_bank("01_reading_the_article")
>>> bank.id
'01_reading_the_article'
"""
from __future__ import annotations

import contextlib
import gc
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from coursekit.datafiles.schema import kind_of, line_along, schema_problems
from coursekit.datafiles.yamlfile import LineDict, display_path, load_yaml
from coursekit.errors import CourseError, DataError, DataNotFoundError, Problem
from coursekit.markup import number
from coursekit.quizzes import questions as qm
from coursekit.quizzes.schema import (ALWAYS_REQUIRED, bank_schema, question_schema,
                                      unknown_type_schema)

QUIZ_FOLDER = "quizzes"
SCHEMA_COMMENT = "# yaml-language-server: $schema=../quiz.schema.json"


@dataclass
class Bank:
    """One lesson's questions, as loaded from ``data/quizzes/<id>.yaml``."""

    id: str
    title: str
    questions: list[qm.Question]
    description: str = ""
    #: Graded by the instructor: the static edition ships no answer key for it.
    summative: bool = False
    defaults: dict = field(default_factory=dict)
    path: Path | None = None

    @property
    def points(self) -> float:
        return sum(q.points for q in self.questions)

    def question(self, qid: str) -> qm.Question:
        """The question with id ``qid`` (KeyError naming the bank otherwise)."""
        for q in self.questions:
            if q.id == qid:
                return q
        raise KeyError(f'bank {self.id} has no question "{qid}"')

    def __str__(self) -> str:
        return f"{self.title} ({self.id}): {len(self.questions)} questions, {number(self.points)} points"

    __repr__ = __str__


# ---------------------------------------------------------------------------
# Checking and building one question

# The schema of each type, built once: the translator compiles a schema once per object.
# The key holds every registered class, so registering a type (a test's) rebuilds them.
_SCHEMAS: dict[tuple, dict] = {}


def _schema_of(cls: type[qm.Question] | None) -> dict:
    key = (cls, *qm.QUESTION_TYPES.values())
    if key not in _SCHEMAS:
        _SCHEMAS[key] = question_schema(cls.type_name) if cls is not None else unknown_type_schema()
    return _SCHEMAS[key]


def _bank_level_schema() -> dict:
    key = ("bank", *qm.QUESTION_TYPES.values())
    if key not in _SCHEMAS:
        _SCHEMAS[key] = bank_schema(questions={})  # each question is checked on its own
    return _SCHEMAS[key]


def _needed_by(entry: Any, name: str) -> str | None:
    """"a single question" when a single question lacks a field its type needs."""
    qtype = entry.get("type") if isinstance(entry, dict) else None
    if name in ALWAYS_REQUIRED + ["prompt"] or not isinstance(qtype, str) or qtype not in qm.QUESTION_TYPES:
        return None
    return f"{'an' if qtype[0] in 'aeiou' else 'a'} {qtype} question"


def _item(d: Any, index: int | None) -> str:
    if isinstance(d, dict) and isinstance(d.get("id"), str) and d.get("id"):
        return f'question "{d["id"]}"'
    return f"question {index + 1}" if index is not None else "question"


def _drawn(cls: type[qm.Question], d: dict, data_dir: Path | None, by: str) -> dict:
    """The whole entry of a question ``d`` asks the loader to draw (with its field ``by``);
    the lines stay those of ``d``, the drawn fields' that of ``by``."""
    drawn = cls.generate(d, data_dir)
    if not isinstance(d, LineDict):
        return drawn
    out = LineDict(drawn)
    out.line = d.line
    out.key_lines = {k: d.key_lines.get(k, d.line_of(by)) for k in drawn}
    return out


def _check_question(d: Any, file: str, line: int | None, index: int | None, defaults: dict, bank: str,
                    data_dir: Path | None = None) -> tuple[qm.Question | None, list[Problem]]:
    """Check one bank entry and build its question: (question, []) or (None, problems)."""
    item = _item(d, index)
    if not isinstance(d, dict):
        return None, [Problem(file, line, item, None,
                              f"should be a mapping of fields (id, type, prompt...), not {kind_of(d)}")]
    qtype = d.get("type")
    cls = qm.QUESTION_TYPES.get(qtype) if isinstance(qtype, str) else None
    problems = schema_problems(d, _schema_of(cls), file, item=item, needed_by=_needed_by)
    if problems or cls is None:
        return None, problems
    by = cls.generated_by if cls.generated_by in d else None  # the field asking to draw it
    if by is not None:
        try:
            d = _drawn(cls, d, data_dir, by)
        except CourseError as exc:
            return None, [Problem(file, line_along(d, [by]), item, by, f"cannot draw this question: {exc}")]
        problems = schema_problems(d, _schema_of(cls), file, item=item, needed_by=_needed_by)
    problems += [Problem(file, line_along(d, path), item, fieldname, message)
                 for fieldname, message, path in ([] if problems else cls.entry_problems(d))]
    if problems:
        return None, problems
    return cls.from_bank(d, defaults=defaults, bank=bank, file=file, drawn=by is not None), []


def question_from_dict(d: dict, *, file: str = "<generated>", bank: str = "",
                       defaults: dict | None = None) -> qm.Question:
    """Check one question written as a plain dict in the bank format and build it.

    Raises :class:`DataError` listing every problem.

    >>> q = question_from_dict({"id": "veto", "type": "truefalse", "answer": True,
    ...     "prompt": "A permanent member's no vote blocks a resolution.",
    ...     "explanation": "That is the veto (Charter, Article 27)."})
    >>> q.check(True).credit
    1.0
    """
    question, problems = _check_question(d, file, getattr(d, "line", None), None, defaults or {}, bank)
    if problems or question is None:
        raise DataError(problems)
    return question


def _check_bank_data(data: Any, path: Path, shown: str, text_first_line: str | None
                     ) -> tuple[Bank | None, list[Problem]]:
    if not isinstance(data, dict):
        return None, [Problem(shown, 1, None, None,
                              f"should be a mapping with bank, title and questions, not {kind_of(data)}")]
    problems: list[Problem] = []
    # (the first line naming the schema, SCHEMA_COMMENT, is advice: `coursekit validate` notes it)
    problems += schema_problems(data, _bank_level_schema(), shown)
    stem = path.stem
    if isinstance(data.get("bank"), str) and data["bank"] != stem:
        problems.append(Problem(shown, line_along(data, ["bank"]), None, "bank",
                                f'"{data["bank"]}" should be the file\'s name, "{stem}"'))
    defaults: dict = data["defaults"] if isinstance(data.get("defaults"), dict) else {}
    bank_id = stem
    built: list[qm.Question] = []
    raw_questions = data.get("questions")
    if isinstance(raw_questions, list):
        with _no_cyclic_gc():
            _check_questions(raw_questions, data, shown, defaults, bank_id, problems, built,
                             path.parent.parent if path.parent.name == QUIZ_FOLDER else None)
    if problems:
        return None, problems
    bank = Bank(id=bank_id, title=data["title"], questions=built,
                description=data.get("description", ""), defaults=dict(defaults), path=path,
                summative=bool(data.get("summative", False)))
    return bank, []


@contextlib.contextmanager
def _no_cyclic_gc():
    """Pause the cycle collector: schema validation allocates many short-lived
    objects, and with a big bank in memory each collection walks all of it.
    Reference counting still frees everything; collection resumes after."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _check_questions(raw_questions: list, data: Any, shown: str, defaults: dict, bank_id: str,
                     problems: list[Problem], built: list[qm.Question], data_dir: Path | None) -> None:
    seen: dict[str, int | None] = {}
    lines = getattr(raw_questions, "item_lines", None) or [None] * len(raw_questions)
    for i, d in enumerate(raw_questions):
        question, found = _check_question(d, shown, lines[i], i, defaults, bank_id, data_dir)
        problems.extend(found)
        if isinstance(d, dict) and isinstance(d.get("id"), str):
            qid = d["id"]
            line = line_along(d, ["id"])
            if qid in seen:
                problems.append(Problem(shown, line, f'question "{qid}"', "id",
                                        f"is used twice in this bank (first on line {seen[qid]})"))
            else:
                seen[qid] = line
        if question is not None:
            built.append(question)


def _check_file(path: Path) -> tuple[Bank | None, list[Problem], Any]:
    shown = display_path(path)
    try:
        data = load_yaml(path)
    except DataError as exc:
        return None, exc.problems, None
    bank, problems = _check_bank_data(data, path, shown, None)
    return bank, problems, data


def quiz_folder(data_dir: str | os.PathLike | None = None) -> Path:
    """The folder of the banks, ``data/quizzes``."""
    if data_dir is not None:
        return Path(data_dir) / QUIZ_FOLDER
    from coursekit.datafiles.paths import data_dir as find_data

    return Path(find_data()) / QUIZ_FOLDER


def bank_path(bank: str | os.PathLike, data_dir: str | os.PathLike | None = None) -> Path:
    """The file of a bank given by lesson id (``"01_reading_the_article"``) or path."""
    text = str(bank)
    if text.endswith((".yaml", ".yml")) or os.sep in text or "/" in text:
        return Path(bank)
    folder = quiz_folder(data_dir)
    path = folder / f"{text}.yaml"
    if not path.is_file():
        known = sorted(p.stem for p in folder.glob("*.yaml") if not p.stem.startswith("_"))
        raise DataNotFoundError(f'no question bank "{text}" in {display_path(folder)}; '
                                f"the banks are: {', '.join(known) or 'none'}")
    return path


def load_bank(path: str | os.PathLike, data_dir: str | os.PathLike | None = None) -> Bank:
    """Load and check one bank, by path or lesson id.

    Raises :class:`DataError` (every problem, each naming file, line, question
    and field) or :class:`DataNotFoundError`.
    """
    p = bank_path(path, data_dir)
    if not p.is_file():
        raise DataNotFoundError(f"{display_path(p)}: file not found")
    bank, problems, _ = _check_file(p)
    if problems or bank is None:
        raise DataError(problems)
    return bank


def bank_files(data_dir: str | os.PathLike | None = None, *, examples: bool = True) -> list[Path]:
    """Every bank file, sorted; ``examples=False`` leaves out ``_*.yaml``."""
    folder = quiz_folder(data_dir)
    files = sorted([*folder.glob("*.yaml"), *folder.glob("*.yml")])
    return [f for f in files if examples or not f.name.startswith("_")]


def load_all_banks(data_dir: str | os.PathLike | None = None) -> list[Bank]:
    """Every lesson's bank (example files starting with ``_`` left out), in file order.

    Raises :class:`DataError` with the problems of every bad bank.
    """
    banks, problems = [], []
    for path in bank_files(data_dir, examples=False):
        bank, found, _ = _check_file(path)
        problems.extend(found)
        if bank is not None:
            banks.append(bank)
    if problems:
        raise DataError(problems)
    return banks


def check_banks(data_dir: str | os.PathLike) -> list[Problem]:
    """Every problem of every bank in ``data_dir/quizzes`` (examples included),
    ids used twice in the course, and a stale ``quiz.schema.json``. Never raises
    for bad data: what `coursekit validate` runs."""
    data_dir = Path(data_dir)
    problems: list[Problem] = []
    folder = data_dir / QUIZ_FOLDER
    if not folder.is_dir():
        return [Problem(display_path(folder), None, None, None, "folder not found")]
    ids: dict[str, str] = {}
    for path in bank_files(data_dir):
        try:
            bank, found, data = _check_file(path)
        except Exception as exc:  # a checker must never crash `coursekit validate`
            found, data = [Problem(display_path(path), None, None, None,
                                   f"could not be checked ({type(exc).__name__}: {exc})")], None
        problems.extend(found)
        raw = data.get("questions") if isinstance(data, dict) else None
        if isinstance(raw, list):
            for i, d in enumerate(raw):
                qid = d.get("id") if isinstance(d, dict) else None
                if not isinstance(qid, str):
                    continue
                where = f"{display_path(path)}:{line_along(data, ['questions', i, 'id'])}"
                if qid in ids and not ids[qid].startswith(display_path(path) + ":"):
                    problems.append(Problem(display_path(path), line_along(data, ["questions", i, "id"]),
                                            f'question "{qid}"', "id",
                                            f"is already used in {ids[qid]}; ids must be unique in the course"))
                ids.setdefault(qid, where)
    return problems


__all__ = ["Bank", "load_bank", "load_all_banks", "check_banks", "question_from_dict",
           "bank_path", "bank_files", "quiz_folder"]
