"""Bringing an earlier export back into a new session: the file read strictly, then
merged answer by answer into the progress file.

On Binder every session starts with an empty progress file. A student who exported
their answers (``coursekit.export_answers()``) uploads that file in the next session
(``coursekit.import_answers()``), or names it. For each quiz and question, the answer
further on wins (:func:`coursekit.progress.store.is_newer`: more tries, then the later
``saved`` time), so nothing newer in this session is overwritten. The saved name and
the student id carry over (see :meth:`ProgressStore.merge`), so the gradebook gets one
row per student.

A file that is not an export of this course, that is damaged (not JSON, wrong shapes,
numbers that are not finite) or that holds another student's name changes nothing;
:class:`ImportResult` says why in one line.
"""
from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from coursekit.errors import AnswerError, CourseError, ProgressError
from coursekit.markup import escape
from coursekit.progress.export import EXPORT_FORMAT, EXPORT_VERSION, EXPORTS_ENV, MAX_BYTES, _plural, course_id
from coursekit.datafiles.paths import path_kind, read_regular
from coursekit.progress.store import (
    NUMBER_FIELDS,
    MergeReport,
    ProgressStore,
    clean_name,
    clean_text,
    finite,
    reason,
)

_KEPT = "nothing was changed"


class _Refused(Exception):
    """Why a file is not taken (one line, without the file's name)."""


@dataclass
class ImportResult:
    """What :func:`import_bytes` or :func:`import_file` did, as one line for the student.

    ``ok`` is false when nothing was changed because the file was refused; ``report``
    holds the counts when it was merged."""

    ok: bool
    message: str
    report: MergeReport | None = None

    def __post_init__(self) -> None:
        self.message = clean_text(self.message)  # a file name typed with half an emoji

    def __str__(self) -> str:
        return self.message

    __repr__ = __str__

    def _repr_html_(self) -> str:
        mark = "✔" if self.ok else "✘"
        return (f'<div class="coursekit-import-result" role="status">{mark} '
                f"{escape(self.message)}</div>")


def _reject_constant(name: str) -> Any:
    raise _Refused(f"it holds a number that is not finite ({name})")


def _finite_float(text: str) -> float:
    value = float(text)
    if not finite(value):
        raise _Refused(f"it holds a number too large to be a score ({text[:20]})")
    return value


def _where(bank: str, question: str | None = None) -> str:
    return f'quiz "{bank}"' + (f', question "{question}"' if question is not None else "")


def _check_record(bank: str, qid: str, record: Any) -> None:
    if not isinstance(record, dict):
        raise _Refused(f"it is damaged ({_where(bank, qid)} is not a saved answer)")
    for key in NUMBER_FIELDS:
        if key in record and not finite(record[key]):
            raise _Refused(f"it is damaged ({_where(bank, qid)}: {key} is not a number)")
    if finite(record.get("tries")) and record["tries"] < 0:
        raise _Refused(f"it is damaged ({_where(bank, qid)}: tries is below 0)")
    if "saved" in record and not isinstance(record["saved"], str):
        raise _Refused(f"it is damaged ({_where(bank, qid)}: saved is not a time)")


def read_export_bytes(data: bytes, course: str | None, lessons: set[str] | None = None) -> dict:
    """The export in ``data``, checked: format, version, course, every shape and number.

    ``course`` is this course's id (an export's ``course`` must match it);
    ``lessons`` its lesson ids (a version 1 export, which names no course, must hold
    answers to these only). Raises ``_Refused`` with a one-line reason."""
    if not data:
        raise _Refused("it is empty")
    if len(data) > MAX_BYTES:
        raise _Refused(f"it is too large ({len(data) / 1e6:.0f} MB) to be an answers export")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise _Refused("it is not a text file (an export is JSON text)") from None
    try:
        doc = json.loads(text, parse_constant=_reject_constant, parse_float=_finite_float)
    except json.JSONDecodeError as exc:
        raise _Refused(f"it is not readable JSON (line {exc.lineno}: {exc.msg})") from None
    except (RecursionError, ValueError):  # nested too deep, an integer of thousands of digits
        raise _Refused("it is not readable JSON (nested too deep or a number too long)") from None
    if not isinstance(doc, dict) or doc.get("format") != EXPORT_FORMAT:
        raise _Refused("it is not a coursekit answers export")
    version = doc.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise _Refused("it is damaged (its version is not a number)")
    if version > EXPORT_VERSION:
        raise _Refused(f"it was made by a newer coursekit (export version {version}; this one reads "
                       f"up to {EXPORT_VERSION})")
    banks = doc.get("banks")
    if not isinstance(banks, dict):
        raise _Refused('it is damaged (no "banks" part)')
    for bank_id, entry in banks.items():
        if not isinstance(entry, dict):
            raise _Refused(f"it is damaged ({_where(bank_id)} is not a quiz)")
        for key in ("score", "points"):
            if key in entry and not finite(entry[key]):
                raise _Refused(f"it is damaged ({_where(bank_id)}: {key} is not a number)")
        answers = entry.get("answers", {})
        if not isinstance(answers, dict):
            raise _Refused(f"it is damaged ({_where(bank_id)}: its answers are not a list of answers)")
        for qid, record in answers.items():
            _check_record(bank_id, qid, record)
    for key in ("student", "name", "course"):
        if doc.get(key) is not None and not isinstance(doc[key], str):
            raise _Refused(f"it is damaged ({key} is not text)")
    aliases = doc.get("aliases", [])
    if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
        raise _Refused("it is damaged (aliases is not a list of ids)")
    if doc.get("name"):
        try:
            clean_name(doc["name"])
        except AnswerError:
            raise _Refused("it is damaged (the name in it is too long)") from None
    if version >= 2:
        if course is None:
            raise _Refused("this course's data/course.yaml cannot be read, so the file cannot be checked")
        theirs = doc.get("course")
        if not theirs or theirs != course:
            raise _Refused(f"it holds answers to another course (“{theirs or 'no course named'}”), "
                           f"not “{course}”")
    elif lessons is not None:
        strangers = sorted(b for b, e in banks.items() if e.get("answers") and b not in lessons)
        if strangers:
            raise _Refused(f"it holds answers to quizzes this course does not have ({', '.join(strangers[:3])})")
    return doc


def _this_course() -> tuple[str | None, set[str] | None]:
    from coursekit.course import load_course

    try:
        course = load_course()
    except CourseError:
        return course_id(), None
    return course.id, {lesson.id for lesson in course.lessons}


def _message(report: MergeReport, source: str) -> str:
    if report.brought:
        parts = [f"Brought back {_plural(report.brought, 'answer', 'answers')} from "
                 f"{_plural(report.banks, 'quiz', 'quizzes')} of {source}"]
    else:
        parts = [f"Nothing new to bring back from {source}"]
    if report.kept:
        parts.append(f"kept {_plural(report.kept, 'newer answer', 'newer answers')} of this session")
    if report.same:
        parts.append(f"{report.same} {'was' if report.same == 1 else 'were'} already here")
    text = "; ".join(parts) + "."
    if report.name:
        text += f" Your name “{report.name}” came back too."
    if report.brought:
        text += " Run a quiz's cell again to see its restored answers."
    if report.unsaved:
        text += (f" They could not be saved to your progress file ({report.unsaved}): they are kept in "
                 "this session only, so run coursekit.export_answers() before you leave.")
    return text


def import_bytes(data: bytes, filename: str = "the file", store: ProgressStore | None = None) -> ImportResult:
    """Merge the export in ``data`` (the bytes of an uploaded file called ``filename``)
    into the progress file. Never raises: a refused file changes nothing and the
    result says why.

    >>> import os, tempfile
    >>> store = ProgressStore(os.path.join(tempfile.mkdtemp(), "p.json"))
    >>> print(import_bytes(b"[1, 2]", "answers.json", store))
    answers.json: it is not a coursekit answers export; nothing was changed.
    """
    source = os.path.basename(filename) or "the file"
    course, lessons = _this_course()
    try:
        doc = read_export_bytes(bytes(data), course, lessons)
    except _Refused as why:
        return ImportResult(False, f"{source}: {why}; {_KEPT}.")
    banks = {bank_id: entry.get("answers", {}) for bank_id, entry in doc["banks"].items()}
    if not any(banks.values()):
        return ImportResult(False, f"{source}: it holds no answers; {_KEPT}.")
    store = store or ProgressStore()
    try:
        report = store.merge(banks, name=doc.get("name"), student=doc.get("student"),
                             aliases=doc.get("aliases", []))
    except (ProgressError, AnswerError) as exc:
        return ImportResult(False, f"{source}: your answers could not be brought back ({exc}); {_KEPT}.")
    if report.other_name:
        return ImportResult(False, (
            f"{source}: it holds the answers of “{doc.get('name')}”, not of “{report.other_name}” "
            f"(the name saved here); {_KEPT}. If both are you, change your name with "
            "coursekit.my_name() first."), report)
    return ImportResult(True, _message(report, source), report)


def _find(path: Path) -> Path | None:
    """``path`` as given, else from the course folder (``my-answers/…`` works from a
    lesson's folder), else in the exports folder."""
    candidates = [path]
    if not path.is_absolute():
        from coursekit.datafiles.paths import course_root

        try:
            candidates.append(course_root() / path)
        except CourseError:
            pass
        folder = os.environ.get(EXPORTS_ENV)
        if folder:
            candidates.append(Path(folder).expanduser() / path.name)
    return next((c for c in candidates if c.is_file()), None)


def import_file(path: str | os.PathLike, store: ProgressStore | None = None) -> ImportResult:
    """Merge the export at ``path`` into the progress file (see :func:`import_bytes`).
    A relative path is looked for from the notebook's folder, then from the course
    folder, so ``"my-answers/answers-ana-….json"`` works from any lesson."""
    given = Path(os.fspath(path)).expanduser()
    found = _find(given)
    if found is None:
        kind = path_kind(given)
        what = f"it is {kind}, not a file" if kind else "there is no such file"
        return ImportResult(False, f"{given.as_posix()}: {what}; {_KEPT}. Check its name in the file "
                                   "browser, or run coursekit.import_answers() without a name to upload it.")
    try:
        data = read_regular(found, MAX_BYTES + 1)  # never opens a FIFO or a device
    except OSError as exc:
        return ImportResult(False, f"{given.as_posix()}: it cannot be read ({reason(exc)}); {_KEPT}.")
    return import_bytes(data, found.name, store)


__all__ = ["import_bytes", "import_file", "read_export_bytes", "ImportResult", "MAX_BYTES"]
