"""Where the course's files are (the data folder, the article, progress and exports), and
opening them safely: links that loop, folders, FIFOs, devices and paths that lead outside the
data folder are refused with one line, before anything is opened."""
from __future__ import annotations

import errno
import functools
import os
import stat
from pathlib import Path

from coursekit.errors import (DataError, DataNotFoundError, LinkLoopError, NotAFileError,
                              OutsideDataError, Problem)

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


def display_path(path: str | os.PathLike) -> str:
    """``path`` relative to the current folder when it is near it (``data/x.yaml`` or
    ``../data/x.yaml`` from a notebook), else as given, for short messages. Never raises:
    a loop of symbolic links is shown as written.

    >>> display_path(Path.cwd() / "data" / "course.yaml")
    'data/course.yaml'
    """
    try:
        here = os.getcwd()
    except OSError:
        return str(path)
    return _shown(str(path), here)


@functools.lru_cache(maxsize=512)
def _shown(path: str, here: str) -> str:
    # cached: checkers name the same file once per item (5,000 questions: 2 s of resolving)
    p = Path(path)
    try:
        try:
            rel = os.path.relpath(p.resolve(), Path(here).resolve())
        except (OSError, RuntimeError):  # a loop of links: their names, not their targets
            rel = os.path.relpath(os.path.abspath(p), here)
    except (OSError, ValueError):  # no current folder; another drive on Windows
        return str(p)
    if not rel.startswith(".."):
        return rel
    # one level up only from inside a course folder (a notebook in notebooks/ -> ../data/...)
    if rel.count("..") == 1 and (Path(here).parent / "data" / MARKER).is_file():
        return rel
    return str(p)


#: Where a path was named: (the data file's shown name, its line, the field), e.g.
#: ``("data/article/article.yaml", 6, "file")``; problems with the path are reported there.
Cited = tuple[str, int | None, str | None]


#: What a path that is not a regular file is, in plain words.
_KINDS = ((stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a named pipe (FIFO)"), (stat.S_ISCHR, "a device"),
          (stat.S_ISBLK, "a device"), (stat.S_ISSOCK, "a socket"))
#: What :func:`path_kind` calls a loop of symbolic links.
LINK_LOOP = "a symbolic link loop"
#: Opening flags that never wait (a FIFO) nor take a terminal (a device).
_NO_WAIT = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0) \
    | getattr(os, "O_BINARY", 0)


def _kind_of(mode: int) -> str | None:
    if stat.S_ISREG(mode):
        return None
    return next((kind for test, kind in _KINDS if test(mode)), "not a regular file")


def path_kind(path: str | os.PathLike) -> str | None:
    """What is at ``path`` when something is there but not a regular file: ``"a folder"``,
    ``"a named pipe (FIFO)"``, ``"a device"``, ``"a socket"`` or ``"a symbolic link loop"``;
    None for a file, or for nothing at all. Only looks (``stat``): never opens it, since
    opening a FIFO waits for a writer for ever.

    >>> path_kind("."), path_kind("no-such-file.json")
    ('a folder', None)
    """
    try:
        mode = os.stat(path).st_mode
    except OSError as exc:
        return LINK_LOOP if exc.errno == errno.ELOOP else None
    except ValueError:  # a NUL in the name: nothing can be there
        return None
    return _kind_of(mode)


class SpecialFileError(OSError):
    """Something that is not a regular file is where a file should be; ``kind`` says what."""

    def __init__(self, kind: str):
        super().__init__(errno.EINVAL, f"it is {kind}, not a file")
        self.kind = kind


def read_regular(path: str | os.PathLike, limit: int = -1) -> bytes:
    """The bytes of the regular file at ``path`` (at most ``limit`` of them, if given),
    never opening anything else. ``FileNotFoundError`` if there is none,
    :class:`SpecialFileError` if what is there is not a file (also when one is swapped in
    between the look and the opening), ``OSError`` if it cannot be read."""
    kind = path_kind(path)
    if kind:
        raise SpecialFileError(kind)
    with os.fdopen(os.open(path, _NO_WAIT), "rb") as fh:
        kind = _kind_of(os.fstat(fh.fileno()).st_mode)
        if kind:
            raise SpecialFileError(kind)
        return fh.read(limit)


def _refuse(cls: type[DataError], path: Path, message: str, cited: Cited | None) -> DataError:
    shown = display_path(path)
    if cited is None:
        return cls(Problem(shown, None, None, None, message))
    file, line, field = cited
    return cls(Problem(file, line, None, field, f"{shown}: {message}"))


def checked_file(path: str | os.PathLike, *, within: str | os.PathLike | None = None,
                 cited: Cited | None = None) -> Path:
    """``path`` if it is a regular file (through any symbolic links) that can be read, and,
    with ``within``, lies inside that folder once every link is followed.

    Looks with ``stat`` only, never opens the file. Raises, each with a one-line
    :class:`~coursekit.errors.Problem` naming the file (or, with ``cited``, the data file and
    field that named it): :class:`~coursekit.errors.DataNotFoundError`,
    :class:`~coursekit.errors.LinkLoopError`, :class:`~coursekit.errors.NotAFileError`
    (a folder, FIFO, device or socket), :class:`~coursekit.errors.OutsideDataError`.

    >>> checked_file(data_dir() / "course.yaml").name
    'course.yaml'
    >>> checked_file(data_dir())  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    coursekit.errors.NotAFileError: ...data: is a folder, not a file
    """
    p = Path(path)
    try:
        mode = os.stat(p).st_mode
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise _refuse(LinkLoopError, p, "is a loop of symbolic links", cited) from None
        if exc.errno in (errno.ENOENT, errno.ENOTDIR):
            where = f"{cited[0]}:{cited[1]}: {cited[2]}: " if cited else ""
            raise DataNotFoundError(f"{where}{display_path(p)}: file not found") from None
        raise _refuse(DataError, p, f"cannot be read ({exc.strerror})", cited) from None
    kind = _kind_of(mode)
    if kind:
        raise _refuse(NotAFileError, p, f"is {kind}, not a file", cited)
    if within is not None:
        try:
            target = p.resolve()
            inside = target.is_relative_to(Path(within).resolve())
        except (OSError, RuntimeError):
            target, inside = p, False
        if not inside:
            raise _refuse(OutsideDataError, p, f"leads to {target}, outside the course's data folder "
                          f"{display_path(within)}; keep the course's files in it", cited)
    return p


def read_file_bytes(path: str | os.PathLike, *, within: str | os.PathLike | None = None,
                    cited: Cited | None = None) -> bytes:
    """The bytes of the data file ``path``, checked by :func:`checked_file` first, then read
    by :func:`read_regular` (a FIFO put there after the check cannot hang the course)."""
    p = checked_file(path, within=within, cited=cited)
    try:
        return read_regular(p)
    except SpecialFileError as exc:
        raise _refuse(NotAFileError, p, f"is {exc.kind}, not a file", cited) from None
    except OSError as exc:
        raise _refuse(DataError, p, f"cannot be read ({exc.strerror})", cited) from None
