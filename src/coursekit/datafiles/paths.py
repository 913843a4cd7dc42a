"""Where the course's files are: the data folder, the article, progress and exports."""
from __future__ import annotations

import os
from pathlib import Path

from coursekit.errors import DataNotFoundError

#: Environment variable naming the course's ``data/`` folder.
DATA_ENV = "COURSEKIT_DATA"
#: A file every course data folder has; it marks the folder when searching.
MARKER = "course.yaml"


def _candidates(start: Path) -> list[Path]:
    start = start.resolve()
    return [p / "data" for p in (start, *start.parents)]


def data_dir(path: str | os.PathLike | None = None) -> Path:
    """Return the course's ``data/`` folder.

    Looks, in order, at ``path`` if given, the ``COURSEKIT_DATA`` environment
    variable, the current folder and its parents (a notebook runs in
    ``notebooks/``, so ``../data`` is found), then the folders above the
    installed package. Raises :class:`DataNotFoundError` naming every place
    it looked.

    >>> data_dir().name
    'data'
    """
    looked: list[str] = []
    if path is not None:
        p = Path(path)
        if (p / MARKER).is_file():
            return p
        raise DataNotFoundError(f"{p}: not a course data folder (no {MARKER} in it)")
    env = os.environ.get(DATA_ENV)
    if env:
        p = Path(env)
        if (p / MARKER).is_file():
            return p
        raise DataNotFoundError(
            f"{DATA_ENV}={env}: not a course data folder (no {MARKER} in it)"
        )
    seen: set[Path] = set()
    for start in (Path.cwd(), Path(__file__).parent):
        for cand in _candidates(start):
            if cand in seen:
                continue
            seen.add(cand)
            if (cand / MARKER).is_file():
                return cand
            looked.append(str(cand))
    raise DataNotFoundError(
        "could not find the course's data folder (a folder 'data' holding "
        f"{MARKER}). Looked in: {', '.join(looked)}. Run from inside the course "
        f"folder or set {DATA_ENV} to the data folder."
    )


def data_folder(path: str | os.PathLike | None = None) -> Path:
    """The data folder a loader or a checker works on: ``path`` when given (a checker
    reports the files missing from it), else the course's, found by :func:`data_dir`.

    >>> data_folder("other-course/data").parent.name
    'other-course'
    """
    return Path(path) if path is not None else data_dir()


def course_root(path: str | os.PathLike | None = None) -> Path:
    """The course folder: the parent of ``data/``."""
    return data_dir(path).resolve().parent
