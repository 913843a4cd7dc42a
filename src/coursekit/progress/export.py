"""The file a student downloads: every saved answer in one JSON document, written
atomically to ``my-answers/`` (or the folder named by ``COURSEKIT_EXPORTS``).

The document::

    {
      "format": "coursekit-answers",
      "version": 1,
      "student": "ana",
      "exported": "2026-01-01T10:00:00+00:00",
      "banks": {
        "01_reading_the_article": {"title": "...", "score": 6.5, "points": 13.0,
                                   "answered": 9, "questions": 13,
                                   "answers": {"article-paragraphs": {"answer": "25", ...}}}
      }
    }

:mod:`coursekit.progress.gradebook` reads it back.
"""
from __future__ import annotations

import json
import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, Iterable

from coursekit.errors import CourseError
from coursekit.markup import escape
from coursekit.progress.store import ProgressStore, now, write_atomically

#: Environment variable naming the folder where exports are written.
EXPORTS_ENV = "COURSEKIT_EXPORTS"
#: What an export says it is, and the newest version of it this coursekit writes and reads.
EXPORT_FORMAT = "coursekit-answers"
EXPORT_VERSION = 1


def _plural(n: int, word: str, plural: str) -> str:
    return f"{n} {word if n == 1 else plural}"


@dataclass
class AnswersExport:
    """The file :func:`export_answers` wrote; shows as a download link."""

    path: Path
    student: str
    answered: int
    banks: int

    @property
    def href(self) -> str:
        """The file's path relative to the notebook's folder, with forward slashes."""
        try:
            return Path(os.path.relpath(self.path, Path.cwd())).as_posix()
        except ValueError:  # another drive on Windows
            return self.path.as_posix()

    def __str__(self) -> str:
        return (f"Saved {_plural(self.answered, 'answer', 'answers')} from "
                f"{_plural(self.banks, 'quiz', 'quizzes')} to {self.href}. Download this file and keep it: "
                "it is your work.")

    __repr__ = __str__

    def _repr_html_(self) -> str:
        return (f'<div class="coursekit-export">✔ Saved {_plural(self.answered, "answer", "answers")} from '
                f'{_plural(self.banks, "quiz", "quizzes")}. '
                f'<a href="{escape(self.href)}" download="{escape(self.path.name)}">'
                f"⬇ Download your answers ({escape(self.path.name)})</a> and keep the file: "
                "this session will not keep it.</div>")


def export_document(store: ProgressStore, banks: Iterable[Any] | None = None) -> dict:
    """Everything a student hands in: every bank's answers (reflections too) and scores,
    in one JSON-ready dict.

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
    saved = store.read()["banks"]
    banks = list(banks) if banks is not None else None
    scores = store.scores_by_bank(banks)
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
    return {"format": EXPORT_FORMAT, "version": EXPORT_VERSION, "student": store.student(),
            "exported": now(), "banks": out}


def default_export_path(when: datetime | None = None) -> Path:
    """Where :func:`export_answers` writes when given no path: ``answers-<date>-<time>.json``
    in ``$COURSEKIT_EXPORTS`` if set, else in the course's ``my-answers/`` folder.

    >>> default_export_path(datetime(2026, 3, 1, 9, 30)).name
    'answers-20260301-093000.json'
    """
    name = f"answers-{(when or datetime.now()):%Y%m%d-%H%M%S}.json"
    folder = os.environ.get(EXPORTS_ENV)
    if folder:
        return Path(folder).expanduser() / name
    from coursekit.datafiles.paths import course_root

    return course_root() / "my-answers" / name


def export_answers(path: str | os.PathLike | None = None) -> AnswersExport:
    """Write all your answers (every quiz, reflections too) to one JSON file
    and show a link to download it. Put it last in a cell.

    ``path`` defaults to ``my-answers/answers-<date>-<time>.json`` in the course folder
    (or in the folder named by the ``COURSEKIT_EXPORTS`` environment variable).

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
    target = Path(path) if path is not None else default_export_path()
    target.parent.mkdir(parents=True, exist_ok=True)
    write_atomically(target, json.dumps(doc, ensure_ascii=False, indent=1, sort_keys=True))
    answered = sum(len(b["answers"]) for b in doc["banks"].values())
    with_answers = sum(1 for b in doc["banks"].values() if b["answers"])
    return AnswersExport(target, doc["student"], answered, with_answers)


__all__ = ["export_answers", "export_document", "default_export_path", "AnswersExport", "EXPORTS_ENV",
           "EXPORT_FORMAT", "EXPORT_VERSION"]
