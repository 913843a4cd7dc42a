"""The file a student downloads: every saved answer in one JSON document, written
atomically to ``my-answers/`` (or the folder named by ``COURSEKIT_EXPORTS``)."""
from __future__ import annotations

import json
import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from coursekit.errors import CourseError
from coursekit.markup import escape
from coursekit.progress.store import ProgressStore, write_atomically

#: Environment variable naming the folder where exports are written.
EXPORTS_ENV = "COURSEKIT_EXPORTS"



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
        return (f"Saved {self.answered} answer{'s' if self.answered != 1 else ''} from {self.banks} "
                f"quiz{'zes' if self.banks != 1 else ''} to {self.href}. Download this file and keep it: "
                "it is your work.")

    __repr__ = __str__

    def _repr_html_(self) -> str:
        answers = f"{self.answered} answer{'s' if self.answered != 1 else ''}"
        quizzes = f"{self.banks} quiz{'zes' if self.banks != 1 else ''}"
        return (f'<div class="coursekit-export">✔ Saved {answers} from {quizzes}. '
                f'<a href="{escape(self.href)}" download="{escape(self.path.name)}">'
                f"⬇ Download your answers ({escape(self.path.name)})</a> and keep the file: "
                "this session will not keep it.</div>")


def export_answers(path: str | os.PathLike | None = None) -> AnswersExport:
    """Write all your answers (every quiz, reflections too) to one JSON file
    and show a link to download it. Put it last in a cell.

    ``path`` defaults to ``my-answers/answers-<date>-<time>.json`` in the course folder
    (or in the folder named by the ``COURSEKIT_EXPORTS`` environment variable).

    >>> import coursekit
    >>> coursekit.export_answers()  # doctest: +SKIP
    """
    from coursekit.datafiles.paths import course_root
    from coursekit.quizzes.bank import load_all_banks

    store = ProgressStore()
    try:
        banks = load_all_banks()
    except CourseError:
        banks = None  # still export every saved answer
    doc = store.export_document(banks)
    if path is None:
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        folder = os.environ.get(EXPORTS_ENV)
        target = (Path(folder) if folder else course_root() / "my-answers") / f"answers-{stamp}.json"
    else:
        target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    write_atomically(target, json.dumps(doc, ensure_ascii=False, indent=1, sort_keys=True))
    answered = sum(len(b["answers"]) for b in doc["banks"].values())
    with_answers = sum(1 for b in doc["banks"].values() if b["answers"])
    return AnswersExport(target, doc["student"], answered, with_answers)



__all__ = ["export_answers", "AnswersExport", "EXPORTS_ENV"]
