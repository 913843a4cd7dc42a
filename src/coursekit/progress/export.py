"""The file a student downloads: every saved answer in one JSON document, written
atomically to ``my-answers/`` (or the folder named by ``COURSEKIT_EXPORTS``).

The document (version 2)::

    {
      "format": "coursekit-answers",
      "version": 2,
      "course": "peacekeeping-mali-minusma",
      "student": "s-3f9a0c1b2d4e",
      "name": "Ana Diaz",
      "aliases": ["s-77aa01c2d3e4"],
      "exported": "2026-01-01T10:00:00+00:00",
      "banks": {
        "01_reading_the_article": {"title": "...", "score": 6.5, "points": 13.0,
                                   "answered": 9, "questions": 13,
                                   "answers": {"article-paragraphs": {"answer": "25", "tries": 1,
                                                                      "saved": "...", ...}}}
      }
    }

``course`` is the title in ``data/course.yaml`` (so an export of another course is
recognised); ``student`` is the random id kept in the progress file (or
``$COURSEKIT_STUDENT``); ``name`` is the name saved with :func:`coursekit.my_name`,
or ``null``; ``aliases`` are the ids of earlier sessions whose exports were brought
back with :func:`coursekit.import_answers` (the gradebook joins them into one row).
Every answer keeps its ``saved`` time. Version 1 had no ``course``, ``name`` or
``aliases``.

The file is named after the student: ``answers-<name>-<date>-<time>.json``, the name
reduced to safe characters (:func:`file_slug`), or the id when no name is saved (or
the name has no Latin letters or digits).
:mod:`coursekit.progress.gradebook` and :mod:`coursekit.progress.restore` read it back.
"""
from __future__ import annotations

import errno
import json
import os
import re
import unicodedata
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, Iterable

from coursekit.errors import CourseError, ExportError
from coursekit.markup import escape
from coursekit.progress.store import (
    ProgressStore,
    draft_only,
    now,
    reason,
    unwritable,
    write_atomically,
)

#: Environment variable naming the folder where exports are written.
EXPORTS_ENV = "COURSEKIT_EXPORTS"
#: What an export says it is, and the newest version of it this coursekit writes and reads.
EXPORT_FORMAT = "coursekit-answers"
EXPORT_VERSION = 2
#: An export of every lesson is well under 1 MB; a larger file is refused unread (by the
#: gradebook and by :func:`coursekit.import_answers`).
MAX_BYTES = 20 * 1024 * 1024
#: The longest name part of an export's file name.
SLUG_MAX = 40
# The names default_export_path gives (an interrupted export's temporary file is removed
# by a later export, whatever the time in its name).
_DEFAULT_NAMES = r"answers-(?:[a-z0-9-]+-)?[0-9]{8}-[0-9]{6}\.json"
_ELSEWHERE = ('Your answers are still held in this session: export them to a folder you can write, '
              'e.g. coursekit.export_answers("~/answers.json").')
_FREE = "Free some space (delete files you no longer need) and run it again, or export to another disk."


def _plural(n: int, word: str, plural: str) -> str:
    return f"{n} {word if n == 1 else plural}"


def course_id() -> str | None:
    """The course's id (``data/course.yaml``), which every export carries; None if the
    file cannot be read."""
    from coursekit.course import load_course

    try:
        return load_course().id
    except CourseError:
        return None


def file_slug(text: str | None) -> str:
    """``text`` as part of a file name: lowercase ASCII letters and digits joined by
    dashes, accents dropped, at most :data:`SLUG_MAX` characters; ``""`` if nothing is left.

    >>> file_slug("Ana  Díaz"), file_slug("Goïta\\ud83d / ../x"), file_slug("\\u200f")
    ('ana-diaz', 'goita-x', '')
    """
    if not text:
        return ""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", folded.lower()).strip("-")[:SLUG_MAX].strip("-")


@dataclass
class AnswersExport:
    """The file :func:`export_answers` wrote; shows as a download link."""

    path: Path
    student: str
    answered: int
    banks: int
    name: str | None = None
    #: How many of the answers could not be saved to the progress file (kept in memory).
    unsaved: int = 0

    @property
    def href(self) -> str:
        """The file's path relative to the notebook's folder, with forward slashes."""
        try:
            return Path(os.path.relpath(self.path, Path.cwd())).as_posix()
        except (ValueError, OSError):  # another drive on Windows; a folder since removed
            return self.path.as_posix()

    def _who(self) -> str:
        return f" for {self.name}" if self.name else ""

    def _unsaved(self) -> str:
        if not self.unsaved:
            return ""
        n = self.unsaved
        return (f" Of these, {_plural(n, 'answer', 'answers')} could not be saved in your progress file: "
                f"this file is {'its' if n == 1 else 'their'} only copy.")

    def __str__(self) -> str:
        return (f"Saved {_plural(self.answered, 'answer', 'answers')} from "
                f"{_plural(self.banks, 'quiz', 'quizzes')}{self._who()} to {self.href}. Download this file and "
                f"keep it: it is your work.{self._unsaved()}")

    __repr__ = __str__

    def _repr_html_(self) -> str:
        tip = ("" if self.name else " Tip: <code>coursekit.my_name()</code> puts your name on the file.")
        return (f'<div class="coursekit-export">✔ Saved {_plural(self.answered, "answer", "answers")} from '
                f'{_plural(self.banks, "quiz", "quizzes")}{escape(self._who())}. '
                f'<a href="{escape(self.href)}" download="{escape(self.path.name)}" style="text-decoration: underline">'
                f"⬇ Download your answers ({escape(self.path.name)})</a> and keep the file: "
                f"this session will not keep it.{escape(self._unsaved())}{tip}</div>")


def export_document(store: ProgressStore, banks: Iterable[Any] | None = None) -> dict:
    """Everything a student hands in: every bank's answers (reflections too) and scores,
    in one JSON-ready dict. Made from what the progress file holds as far as it can be
    read; it never needs to write that file.

    With ``banks`` (e.g. from :func:`coursekit.quizzes.bank.load_all_banks`) every bank is
    listed with its title and full points, answered or not; without, only the banks with
    saved answers.

    >>> import os, tempfile
    >>> store = ProgressStore(os.path.join(tempfile.mkdtemp(), "p.json"))
    >>> store.save("05", "reflect", {"answer": "My thoughts", "tries": 1, "score": 0, "points": 0})
    >>> doc = export_document(store)
    >>> doc["format"], doc["banks"]["05"]["answers"]["reflect"]["answer"]
    ('coursekit-answers', 'My thoughts')
    """
    progress = store.readable()
    who = store.identity(progress)
    saved = progress["banks"]
    banks = list(banks) if banks is not None else None
    scores = store.scores_by_bank(banks, progress)
    titles = {b.id: getattr(b, "title", b.id) for b in banks or []}
    out = {}
    for bank_id in sorted(set(scores) | set(saved)):
        sc = scores.get(bank_id)
        out[bank_id] = {
            "title": titles.get(bank_id, bank_id),
            "score": round(sc.score, 6) if sc else 0.0,
            "points": sc.points if sc else 0.0,
            "answered": sc.answered if sc else 0,
            "questions": sc.questions if sc else 0,
            "answers": saved.get(bank_id, {}),
        }
    return {"format": EXPORT_FORMAT, "version": EXPORT_VERSION, "course": course_id(),
            "student": who.student, "name": who.name, "aliases": list(who.aliases),
            "exported": now(), "banks": out}


def default_export_path(when: datetime | None = None, who: str | None = None) -> Path:
    """Where :func:`export_answers` writes when given no path: ``answers-<who>-<date>-<time>.json``
    (``who`` made safe by :func:`file_slug`, left out when empty) in ``$COURSEKIT_EXPORTS``
    if set, else in the course's ``my-answers/`` folder.

    >>> default_export_path(datetime(2026, 3, 1, 9, 30), who="Ana Díaz").name
    'answers-ana-diaz-20260301-093000.json'
    >>> default_export_path(datetime(2026, 3, 1, 9, 30)).name
    'answers-20260301-093000.json'
    """
    slug = file_slug(who)
    name = f"answers-{slug + '-' if slug else ''}{(when or datetime.now()):%Y%m%d-%H%M%S}.json"
    folder = os.environ.get(EXPORTS_ENV)
    if folder:
        return Path(folder).expanduser() / name
    from coursekit.datafiles.paths import course_root

    return course_root() / "my-answers" / name


def export_answers(path: str | os.PathLike | None = None) -> AnswersExport:
    """Write all your answers (every quiz, reflections too) to one JSON file
    and show a link to download it. Put it last in a cell.

    ``path`` defaults to ``my-answers/answers-<your name>-<date>-<time>.json`` in the
    course folder (or in the folder named by the ``COURSEKIT_EXPORTS`` environment
    variable); without a saved name (:func:`coursekit.my_name`), your student id
    stands in for it. ``~`` stands for your home folder.

    It never needs the progress file to be writable: every answer this session holds
    is written, those a full disk kept from being saved too. Raises
    :class:`~coursekit.errors.ExportError` (a :class:`~coursekit.errors.ProgressError`),
    one line saying what to do, if the file cannot be written there (a folder that
    cannot be written, a full disk, a folder, FIFO or device at ``path``); nothing is
    lost, so export again to another folder.

    >>> import coursekit
    >>> print(coursekit.export_answers())
    Saved ... from ... to .../answers-....json. Download this file and keep it: it is your work.
    """
    from coursekit.quizzes.bank import load_all_banks

    store = ProgressStore()
    try:
        banks = load_all_banks()
    except CourseError:
        banks = None  # still export every saved answer
    doc = export_document(store, banks)
    who = doc["name"] if file_slug(doc["name"]) else doc["student"]
    target = Path(os.fspath(path)).expanduser() if path is not None else default_export_path(who=who)
    text = json.dumps(doc, ensure_ascii=False, indent=1, sort_keys=True, allow_nan=False)
    write_export(target, text, names=None if path is not None else _DEFAULT_NAMES)
    counts = [_answered(b["answers"]) for b in doc["banks"].values()]
    answered, with_answers = sum(counts), sum(1 for n in counts if n)
    return AnswersExport(target, doc["student"], answered, with_answers, doc["name"], store.unsaved())


def write_export(target: Path, text: str, names: str | None = None) -> None:
    """Write ``text`` to ``target`` atomically, or raise :class:`ExportError` with one line
    that names the file, why, and what to do. What is at ``target`` is looked at first:
    a folder, FIFO or device there is never opened nor replaced. ``names``: the regular
    expression of the file names whose leftover temporary files may be removed.
    Why it cannot be written is :func:`~coursekit.progress.store.unwritable`'s (or the
    system's) words; this adds what a student can do about it."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        blocker = next((p for p in reversed(target.parents) if p.exists() and not p.is_dir()), None)
        why = f"{blocker} is a file, not a folder" if blocker else f"its folder cannot be made: {reason(exc)}"
        raise ExportError(f"could not write your answers to {target}: {why}. {_ELSEWHERE}") from None
    except ValueError as exc:  # a NUL in the name
        raise ExportError(f"could not write your answers to {target!r}: {exc}. {_ELSEWHERE}") from None
    problem = unwritable(target)
    if problem:
        hint = "; give a file name, such as answers.json" if problem.startswith("it is ") else ""
        raise ExportError(f"could not write your answers to {target}: {problem}{hint}. {_ELSEWHERE}")
    try:
        write_atomically(target, text, names=names)
    except OSError as exc:
        full = exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", -1))
        advice = f"{_FREE} {_ELSEWHERE}" if full else _ELSEWHERE
        raise ExportError(f"could not write your answers to {target}: {reason(exc)}. {advice}") from None


def _answered(records: dict) -> int:
    """How many of a bank's saved records are answers (a draft alone is not)."""
    return sum(1 for r in records.values() if isinstance(r, dict) and not draft_only(r))


__all__ = ["export_answers", "export_document", "default_export_path", "file_slug", "course_id",
           "write_export", "AnswersExport", "EXPORTS_ENV", "EXPORT_FORMAT", "EXPORT_VERSION",
           "MAX_BYTES"]
