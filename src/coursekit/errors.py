"""The named exceptions of coursekit, and the one shape every data problem takes."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One thing wrong in an instructor's file.

    Prints as ``FILE:LINE: ITEM: FIELD: what is wrong`` (parts that are unknown
    are left out), the form ``coursekit validate`` prints.

    >>> print(Problem("data/quizzes/01.yaml", 12, 'question "veto"', "answer", "is not an option"))
    data/quizzes/01.yaml:12: question "veto": answer: is not an option
    """

    file: str
    line: int | None
    item: str | None
    field: str | None
    message: str

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        parts = [where] + [p for p in (self.item, self.field) if p] + [self.message]
        return ": ".join(parts)


class CourseError(Exception):
    """Base of every error coursekit raises on purpose."""


class DataNotFoundError(CourseError, FileNotFoundError):
    """A course file could not be found; the message says where it looked."""


class DataError(CourseError, ValueError):
    """One or more problems in an instructor's data file.

    ``problems`` holds every :class:`Problem`; the message is the first one,
    plus a count of the others.
    """

    def __init__(self, problems: list[Problem] | Problem):
        if isinstance(problems, Problem):
            problems = [problems]
        self.problems = list(problems)
        text = str(self.problems[0]) if self.problems else "invalid course data"
        if len(self.problems) > 1:
            text += f" (and {len(self.problems) - 1} more; run `coursekit validate`)"
        super().__init__(text)


class DataPathError(DataError):
    """A data file's path cannot be read as a course file; never opened. One of:"""


class LinkLoopError(DataPathError):
    """The path is a loop of symbolic links."""


class NotAFileError(DataPathError):
    """The path is a folder, a FIFO, a device or a socket, not a regular file."""


class OutsideDataError(DataPathError):
    """A path named in a data file leads outside the course's data folder."""


class AnswerError(CourseError, ValueError):
    """A student's answer could not be read (e.g. "abc" in a numeric box).

    Never reaches the notebook as a traceback: widgets show its message.
    """


class ProgressError(CourseError):
    """The progress file could not be read or written."""


class ProgressPathError(ProgressError):
    """What is at the progress file's path is not a file (a folder, a FIFO, a device,
    a symbolic link loop): it is never opened, and answers are kept in the session."""


class ExportError(ProgressError):
    """The answers file could not be written (a folder that cannot be written, a full
    disk, a path that is not a file); the answers stay in the session."""
