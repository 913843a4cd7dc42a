"""The progress file: every checked answer, saved at once, safely, shared by kernels.

Pure file logic: no widgets. The file is JSON::

    {
      "format": "coursekit-progress",
      "version": 1,
      "student": "s-3f9a0c1b2d4e",          # only when COURSEKIT_STUDENT is unset
      "name": "Ana Diaz",                   # optional: the name the instructor knows
      "aliases": ["s-77aa01c2d3e4"],        # optional: ids of earlier sessions brought in
      "created": "2026-01-01T10:00:00+00:00",
      "banks": {
        "01_reading_the_article": {
          "article-paragraphs": {"answer": "25", "tries": 1, "score": 1.0, "points": 1.0,
                                 "credit": 1.0, "finished": true, "status": "correct",
                                 "type": "numeric", "feedback": [], "saved": "..."}
        }
      }
    }

Where: ``$COURSEKIT_PROGRESS`` if set, else ``<course>/.coursekit/progress.json``
(git-ignored). Each save takes an ``fcntl`` lock on a sibling ``.lock`` file,
reads the file again, merges the one answer in, writes a temporary file,
flushes it to disk and renames it over the old one: two notebooks open at once
never lose each other's answers, and a crash never leaves half a file. A file
that cannot be read is renamed (``progress.json.unreadable-<time>``), never
deleted, and a fresh one is started; :attr:`ProgressStore.notice` says so in
one line.

Nothing a browser can send makes a save fail: half of a surrogate pair becomes
U+FFFD, numbers that are not finite become ``null``, and a save that fails for
real (a full disk, a folder that cannot be written) raises :class:`ProgressError`,
never a raw ``OSError`` or ``UnicodeEncodeError``. Saved scores and try counts
that are not finite numbers are ignored when the file is read, and
:attr:`ProgressStore.notice` says so. :meth:`ProgressStore.readable` reads without
writing anything, so an export never depends on being able to write this file.

Nothing a student gives is lost when the file cannot be written (a full disk, a
read-only folder): the answer (and the name, and a new random id) is kept in memory
for the whole kernel, shown by every quiz, included in every export, and written
with the next save that succeeds. What is at the file's path is looked at before it
is opened: a folder, a FIFO (which would make the quiz wait for ever), a device or a
symbolic link loop there is never opened nor replaced, and is named in one line
(:class:`~coursekit.errors.ProgressPathError`). Temporary files a save killed midway
left (``.progress.json.<pid>.<random>.tmp``) are removed by a later save
(:func:`remove_stale_temps`); nothing else is ever removed.
"""
from __future__ import annotations

import contextlib
import copy
import errno
import json
import math
import numbers
import os
import re
import secrets
import stat
import tempfile
import threading
import time
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import IO, Any, Iterable, Iterator

from coursekit.datafiles.paths import SpecialFileError, display_path, path_kind, read_regular
from coursekit.errors import AnswerError, CourseError, ProgressError, ProgressPathError

try:  # POSIX; elsewhere a single kernel at a time is assumed
    import fcntl
except ImportError:  # pragma: no cover
    fcntl = None  # type: ignore[assignment]

FORMAT = "coursekit-progress"
VERSION = 1
PATH_ENV = "COURSEKIT_PROGRESS"
STUDENT_ENV = "COURSEKIT_STUDENT"
#: The longest name :meth:`ProgressStore.set_name` keeps, in characters.
NAME_MAX = 80
#: The numbers of a saved answer; one that is not a finite number is ignored on reading.
NUMBER_FIELDS = ("tries", "score", "points", "credit")
# At most this many earlier ids are remembered (one per session brought in).
_ALIASES_MAX = 50


def now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


#: An interrupted save's temporary file (``.<file>.<pid>.<random>.tmp`` beside the file)
#: is removed by a later save once its process has ended and it is older than this many
#: seconds, ...
DEAD_GRACE = 5
#: ... or, whatever its process, once it is older than this many (a save takes milliseconds).
STALE_SECONDS = 3600
_WRITING: set[str] = set()  # temporary files this process is writing now
_WRITING_LOCK = threading.Lock()

_PLAIN = {errno.ENOSPC: "the disk is full", getattr(errno, "EDQUOT", -1): "the disk quota is used up",
          errno.EROFS: "the disk is read-only", errno.ENOTDIR: "part of the path is a file, not a folder",
          errno.ELOOP: "the path is a symbolic link loop"}
def reason(exc: OSError) -> str:
    """Why a file could not be read or written, in the system's words and, where that
    helps, in plain ones.

    >>> reason(OSError(28, "No space left on device"))
    'No space left on device (the disk is full)'
    >>> reason(PermissionError(13, "Permission denied"))
    'Permission denied'
    """
    text = exc.strerror or str(exc) or type(exc).__name__
    plain = _PLAIN.get(exc.errno) if exc.errno is not None else None
    return f"{text} ({plain})" if plain else text


def _alive(pid: int) -> bool:
    """Whether process ``pid`` runs on this machine (elsewhere than POSIX: assumed)."""
    if os.name != "posix":
        return True
    try:
        os.kill(pid, 0)
    except (ProcessLookupError, OverflowError, ValueError):  # ended, or never a pid
        return False
    except OSError:  # someone else's process
        return True
    return True


def _temp_pattern(names: str) -> re.Pattern[str]:
    return re.compile(rf"\.(?:{names})\.(?:(\d{{1,10}})\.)?[a-z0-9_]{{8}}\.tmp")


def remove_stale_temps(folder: str | Path, names: str) -> list[str]:
    """Remove the temporary files that interrupted saves (a kernel killed mid-save) left in
    ``folder``; returns their names.

    Only files named as :func:`write_atomically` names them, for a file whose name
    matches the regular expression ``names`` (``.<name>.<pid>.<random>.tmp``), are
    looked at, and only regular files are removed: those of a process that has ended,
    older than :data:`DEAD_GRACE` seconds, and any older than :data:`STALE_SECONDS`.
    Nothing else in the folder is ever touched.
    """
    pattern = _temp_pattern(names)
    removed: list[str] = []
    try:
        entries = list(os.scandir(os.fspath(folder)))
    except (OSError, ValueError):
        return removed
    me = os.getpid()
    for entry in entries:
        found = pattern.fullmatch(entry.name)
        if not found:
            continue
        with _WRITING_LOCK:
            if os.path.abspath(entry.path) in _WRITING:
                continue
            try:
                st = entry.stat(follow_symlinks=False)
            except OSError:
                continue
            if not stat.S_ISREG(st.st_mode):
                continue
            age = time.time() - st.st_mtime
            pid = int(found.group(1)) if found.group(1) else None
            ended = pid is not None and (pid == me or not _alive(pid))  # this process's own are all in _WRITING
            if age > STALE_SECONDS or (ended and age > DEAD_GRACE):
                with contextlib.suppress(OSError):
                    os.unlink(entry.path)
                    removed.append(entry.name)
    return removed


def write_atomically(path: str | os.PathLike, data: str | bytes, *, names: str | None = None) -> None:
    """Write ``data`` (text as UTF-8) to ``path`` so that a reader sees the old file or the
    new one, never half of one: a temporary file beside it, flushed to disk, then renamed
    (a full disk leaves the old file as it was).

    First removes what interrupted saves left (:func:`remove_stale_temps`, for files
    named like ``path``, or matching the regular expression ``names``), which also
    frees space on a full disk. :class:`SpecialFileError` (an ``OSError``) if ``path`` is
    a folder, a FIFO, a device or a symbolic link loop: nothing is written over it.
    """
    path = Path(path)
    kind = path_kind(path)
    if kind:
        raise SpecialFileError(kind)
    remove_stale_temps(path.parent, names or re.escape(path.name))
    with _WRITING_LOCK:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.{os.getpid()}.", suffix=".tmp", dir=path.parent)
        tmp = os.path.abspath(tmp)
        _WRITING.add(tmp)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data.encode("utf-8") if isinstance(data, str) else data)
            fh.flush()
            os.fsync(fh.fileno())
        kind = path_kind(path)
        if kind:  # made while this was written: still never written over
            raise SpecialFileError(kind)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    finally:
        with _WRITING_LOCK:
            _WRITING.discard(tmp)


def unwritable(path: str | os.PathLike) -> str | None:
    """Why no file can be written at ``path``, in a few words; None if nothing stands in
    the way. Only looks: opens nothing (a FIFO there is never waited on) and writes nothing.

    >>> unwritable("."), unwritable("no-such-folder/x.csv")
    ('it is a folder, not a file', 'the folder no-such-folder does not exist; create it first')
    """
    path = Path(path)
    kind = path_kind(path)
    if kind:
        return f"it is {kind}, not a file"
    try:
        os.stat(path)
    except (FileNotFoundError, NotADirectoryError):
        pass
    except OSError as exc:  # a name too long, no permission to look...
        return f"cannot be written ({reason(exc)})"
    except ValueError:
        return "cannot be written (a file name cannot hold a NUL character)"
    folder = path.parent
    if not folder.is_dir():
        blocker = next((p for p in (folder, *folder.parents) if p.exists()), None)
        if blocker is not None and not blocker.is_dir():
            return f"{display_path(blocker)} is not a folder"
        return f"the folder {display_path(folder)} does not exist; create it first"
    if not os.access(folder, os.W_OK | os.X_OK):
        return f"the folder {display_path(folder)} is not writable"
    if path.exists() and not os.access(path, os.W_OK):
        return "cannot be written (the file is read-only)"
    return None


def check_writable(path: str | os.PathLike, error: type[Exception] = CourseError) -> None:
    """Raise ``error`` with one line (``<path>: why``) if no file can be written at
    ``path`` (:func:`unwritable`): call it before the work whose result is written.

    >>> check_writable(".")
    Traceback (most recent call last):
    coursekit.errors.CourseError: .: it is a folder, not a file
    """
    why = unwritable(path)
    if why:
        raise error(f"{display_path(path)}: {why}")


def write_file(path: str | os.PathLike, data: str | bytes, error: type[Exception] = CourseError) -> Path:
    """Write ``data`` (text as UTF-8) at ``path`` atomically (:func:`write_atomically`), or
    raise ``error`` with one line naming the path and why (:func:`check_writable` first).
    Never opens a FIFO or a device, never leaves half a file in place of a good one."""
    path = Path(path)
    check_writable(path, error)
    try:
        write_atomically(path, data)
    except OSError as exc:
        raise error(f"{display_path(path)}: cannot be written ({reason(exc)})") from None
    return path


def default_path() -> Path:
    """``$COURSEKIT_PROGRESS``, else ``<course root>/.coursekit/progress.json``."""
    env = os.environ.get(PATH_ENV)
    if env:
        return Path(env).expanduser()
    from coursekit.datafiles.paths import course_root

    return course_root() / ".coursekit" / "progress.json"


def _empty() -> dict:
    return {"format": FORMAT, "version": VERSION, "created": now(), "banks": {}}


# -- text and numbers a browser can send ------------------------------------------

_SURROGATE = re.compile("[\ud800-\udfff]")
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]")


def clean_text(text: str) -> str:
    """``text`` as UTF-8 can store it: a surrogate pair split in two is joined again and
    half of one (what a browser sends when an emoji is cut in two) becomes U+FFFD.

    >>> clean_text("Goïta\\ud83d")
    'Goïta\\ufffd'
    >>> clean_text("fine") == "fine"
    True
    """
    if not _SURROGATE.search(text):
        return text
    return text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")


def jsonable(value: Any) -> Any:
    """``value`` as the progress file can hold it: text cleaned (:func:`clean_text`),
    tuples as lists, keys as text, numbers that are not finite as ``None``.

    :class:`ProgressError` for a value that is neither text, a number, a list nor a dict.

    >>> jsonable({"answer": ("a\\ud800", float("nan")), 1: True})
    {'answer': ['a\\ufffd', None], '1': True}
    """
    if value is None or isinstance(value, (bool, int)):
        return value
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, dict):
        return {clean_text(str(k)): jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [jsonable(v) for v in value]
    if isinstance(value, numbers.Real):  # e.g. a numpy number
        number = float(value)
        return number if math.isfinite(number) else None
    raise ProgressError(f"an answer holding a {type(value).__name__} cannot be saved")


def draft_only(record: dict) -> bool:
    """Whether a saved record holds only a draft: text typed into a written answer and
    kept, but never saved as an answer (no try counted).

    >>> draft_only({"draft": "half a thought", "tries": 0}), draft_only({"answer": "x", "tries": 1})
    (True, False)
    """
    return "draft" in record and not (finite(record.get("tries")) and record["tries"] > 0)


def finite(value: Any) -> bool:
    """Whether ``value`` is a finite number (``True`` and ``"1"`` are not).

    >>> finite(2), finite(float("inf")), finite("2"), finite(True)
    (True, False, False, False)
    """
    if not isinstance(value, (int, float)) or isinstance(value, bool):
        return False
    try:
        return math.isfinite(value)
    except OverflowError:  # an int too large for a float
        return False


def clean_name(name: str) -> str:
    """The name as it is saved: control characters and direction marks removed, spaces
    collapsed, halves of surrogate pairs dropped. :class:`AnswerError` if longer than
    :data:`NAME_MAX` characters.

    >>> clean_name("  Ana \\u200f  Díaz\\n")
    'Ana Díaz'
    """
    text = unicodedata.normalize("NFC", clean_text(str(name)).replace("\ufffd", ""))
    text = " ".join(_CONTROL.sub(" ", text).split())
    if len(text) > NAME_MAX:
        raise AnswerError(f"That name is {len(text)} characters long; please keep it under {NAME_MAX + 1}.")
    return text


def name_key(name: str | None) -> str:
    """What two names are compared by: case, accents, spacing and direction marks aside.

    >>> name_key("Ana  DÍAZ") == name_key("ana diaz")
    True
    """
    if not name:
        return ""
    text = unicodedata.normalize("NFKD", clean_text(str(name)))
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(_CONTROL.sub(" ", text).casefold().split())


def _when(record: dict) -> datetime | None:
    saved = record.get("saved")
    if not isinstance(saved, str):
        return None
    try:
        moment = datetime.fromisoformat(saved)
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


def is_newer(record: dict, than: dict | None) -> bool:
    """Whether saved answer ``record`` is further on than ``than``: more tries wins; with
    as many tries, the later ``saved`` time wins; otherwise ``than`` stays.

    >>> is_newer({"tries": 2}, {"tries": 1}), is_newer({"tries": 1}, {"tries": 2})
    (True, False)
    >>> is_newer({"tries": 1, "saved": "2026-01-02T10:00:00+00:00"},
    ...          {"tries": 1, "saved": "2026-01-01T10:00:00+00:00"})
    True
    >>> is_newer({"tries": 1}, {"tries": 1})
    False
    """
    if not isinstance(than, dict):
        return True
    mine, theirs = record.get("tries", 0), than.get("tries", 0)
    mine, theirs = (mine if finite(mine) else 0), (theirs if finite(theirs) else 0)
    if mine != theirs:
        return mine > theirs
    a, b = _when(record), _when(than)
    return a is not None and (b is None or a > b)


# -- the store ------------------------------------------------------------------


@dataclass(frozen=True)
class BankScore:
    """A student's result on one bank (what lesson 08 charts)."""

    bank: str
    score: float
    points: float
    answered: int
    questions: int

    @property
    def fraction(self) -> float:
        return self.score / self.points if self.points else 0.0


@dataclass(frozen=True)
class Identity:
    """Who the answers are from: the student id, the saved name (or None) and the ids of
    earlier sessions brought in with :meth:`ProgressStore.merge`."""

    student: str
    name: str | None
    aliases: tuple[str, ...] = ()


@dataclass
class MergeReport:
    """What :meth:`ProgressStore.merge` did.

    ``brought``: answers taken from the file, in ``banks`` quizzes; ``kept``: answers of
    this session further on than the file's, kept; ``same``: answers already here;
    ``name``: the file's name, when it became the saved name; ``other_name``: the name
    saved here when the file is another student's (then nothing was changed);
    ``unsaved``: why what was brought back could not be saved to the file (it is kept
    in memory for this session), else None.
    """

    brought: int = 0
    banks: int = 0
    kept: int = 0
    same: int = 0
    name: str | None = None
    other_name: str | None = None
    brought_banks: list[str] = field(default_factory=list)
    unsaved: str | None = None


@dataclass
class _Held:
    """What this kernel could not write to one progress file, kept in memory until a
    save succeeds: answers, the random id, the name."""

    banks: dict[str, dict[str, dict]] = field(default_factory=dict)
    student: str | None = None
    name: str | None = None  # the name to save ("" removes it), when has_name
    has_name: bool = False
    why: str = ""

    def count(self) -> int:
        return sum(len(records) for records in self.banks.values())


# By progress file (absolute path): what could not be written to it. Kernel-wide, so that
# every store on the file (a quiz's, the export's) sees the same answers.
_HELD: dict[str, _Held] = {}


def _overlay(records: dict[str, dict], held: dict[str, dict]) -> bool:
    """Put the held records into ``records`` where they are further on; True if any."""
    took = False
    for qid, record in held.items():
        if is_newer(record, records.get(qid)):
            records[qid] = copy.deepcopy(record)
            took = True
    return took


class ProgressStore:
    """Reads and writes one progress file.

    >>> import tempfile, os
    >>> store = ProgressStore(os.path.join(tempfile.mkdtemp(), "p.json"))
    >>> store.save("00_start_here", "q1", {"answer": "x", "score": 1, "points": 1})
    >>> store.bank("00_start_here")["q1"]["answer"]
    'x'
    >>> store.set_name(" Ana  Díaz ")
    'Ana Díaz'
    >>> store.name()
    'Ana Díaz'
    """

    def __init__(self, path: str | os.PathLike | None = None):
        self.path = Path(path) if path is not None else default_path()
        #: One line for the student when the file had to be set aside, else None.
        self.notice: str | None = None
        # What this store last read or wrote, so a save need not parse the file
        # again when no other kernel wrote since (checked by the lock file's
        # token and the file's identity), and each bank's JSON text, so a save
        # re-encodes only the bank that changed.
        self._cache_key: tuple | None = None
        self._cache_doc: dict | None = None
        self._bank_text: dict[str, str] = {}
        self._token = ""
        self._lock_fh: IO[bytes] | None = None  # the lock file, while it is held

    # -- low level ------------------------------------------------------------
    @property
    def lock_path(self) -> Path:
        return self.path.with_name(self.path.name + ".lock")

    @property
    def _key(self) -> str:
        return os.path.abspath(self.path)

    def _not_a_file(self, target: Path, kind: str) -> ProgressPathError:
        return ProgressPathError(f"{target} is {kind}, not a file, so your answers are neither read from it "
                                 f"nor saved to it; remove it, or set {PATH_ENV} to another file")

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        for target in (self.path, self.lock_path):  # looked at first: a FIFO is never opened
            kind = path_kind(target)
            if kind:
                raise self._not_a_file(target, kind)
        flags = (os.O_RDWR | os.O_CREAT | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
                 | getattr(os, "O_CLOEXEC", 0))
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(self.lock_path, flags, 0o644)
        except FileExistsError as exc:  # mkdir: a file where a folder should be
            raise ProgressError(f"cannot save answers in {self.path.parent}: {exc.filename} is a file, "
                                "not a folder") from None
        except OSError as exc:
            raise ProgressError(f"cannot save answers in {self.path.parent}: {reason(exc)}") from None
        fh = os.fdopen(fd, "r+b")
        try:
            if not stat.S_ISREG(os.fstat(fh.fileno()).st_mode):  # swapped since it was looked at
                raise self._not_a_file(self.lock_path, "not a regular file")
            if fcntl is not None:
                try:
                    fcntl.flock(fh.fileno(), fcntl.LOCK_EX)
                except OSError as exc:  # e.g. a network disk without locks
                    raise ProgressError(f"cannot lock {self.lock_path}: {reason(exc)}") from None
            fh.seek(0)
            self._token = fh.read(64).decode("ascii", "replace")
            self._lock_fh = fh
            yield
        finally:
            self._lock_fh = None
            if fcntl is not None:
                with contextlib.suppress(OSError):
                    fcntl.flock(fh.fileno(), fcntl.LOCK_UN)
            fh.close()

    def _set_aside(self, why: str) -> None:
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        target = self.path.with_name(f"{self.path.name}.unreadable-{stamp}")
        n = 1
        while target.exists():
            n += 1
            target = self.path.with_name(f"{self.path.name}.unreadable-{stamp}-{n}")
        try:
            os.replace(self.path, target)
        except OSError as exc:
            raise ProgressError(f"{self.path} cannot be read ({why}) and cannot be moved aside "
                                f"({reason(exc)}); set {PATH_ENV} to another file") from None
        self.notice = (f"Your progress file could not be read ({why}); it was kept as "
                       f"{target.name} and a fresh one was started.")

    def _identity(self) -> tuple | None:
        try:
            st = os.stat(self.path)
        except OSError:
            return None
        return (self._token, st.st_ino, st.st_size, st.st_mtime_ns)

    def _read_unlocked(self) -> dict:
        key = self._identity()
        if key is not None and key == self._cache_key and self._cache_doc is not None:
            return self._cache_doc
        self._forget()
        doc = self._parse_unlocked()
        self._cache_doc = doc
        self._cache_key = key if key is not None and self.path.exists() else None
        return doc

    def _forget(self) -> None:
        self._cache_key, self._cache_doc, self._bank_text = None, None, {}

    def _parse_unlocked(self) -> dict:
        try:
            raw = read_regular(self.path)
        except FileNotFoundError:
            return _empty()
        except SpecialFileError as exc:
            raise self._not_a_file(self.path, exc.kind) from None
        except OSError as exc:
            self._set_aside(reason(exc))
            return _empty()
        doc, why = self._decode(raw)
        if doc is None:
            self._set_aside(why)
            return _empty()
        return doc

    def _read_as_is(self) -> dict:
        """The file read without the lock and without writing anything (a copy); empty
        when it cannot be read (or is not a file)."""
        try:
            raw = read_regular(self.path)
        except OSError:
            return _empty()
        doc, _why = self._decode(raw)
        return doc if doc is not None else _empty()

    def _current(self) -> dict:
        """The file's document as far as it can be read (never change it): under the lock,
        else as it is, writing nothing, and :attr:`notice` says the answers cannot be saved."""
        try:
            with self._locked():
                return self._read_unlocked()
        except ProgressError as exc:
            if self.notice is None:
                self.notice = (f"Your answers cannot be saved: {exc}. Answers you give are kept in this "
                               "session only: run coursekit.export_answers() to download them.")
        return self._read_as_is()

    # -- what could not be written, kept in memory ------------------------------
    def _hold(self, exc: Exception) -> _Held:
        held = _HELD.setdefault(self._key, _Held())
        held.why = str(exc)
        return held

    def _flush_held(self, doc: dict) -> bool:
        """Put what this kernel holds unsaved into ``doc``, which is about to be written
        (the held part is forgotten once the write succeeds). True if it changed ``doc``."""
        held = _HELD.get(self._key)
        if held is None:
            return False
        changed = False
        for bank_id, records in held.banks.items():
            if _overlay(doc["banks"].setdefault(bank_id, {}), records):
                self._bank_text.pop(bank_id, None)
                changed = True
        if held.student and not doc.get("student"):
            doc["student"] = held.student
            changed = True
        if held.has_name:
            if held.name:
                doc["name"] = held.name
            else:
                doc.pop("name", None)
            changed = True
        return changed or bool(held.banks)

    def _with_held(self, doc: dict) -> dict:
        """``doc`` (a copy) with what this kernel holds unsaved; :attr:`notice` says so."""
        held = _HELD.get(self._key)
        if held is None:
            return doc
        for bank_id, records in held.banks.items():
            _overlay(doc["banks"].setdefault(bank_id, {}), records)
        if held.student and not doc.get("student"):
            doc["student"] = held.student
        if held.has_name:
            if held.name:
                doc["name"] = held.name
            else:
                doc.pop("name", None)
        self._tell_held(held)
        return doc

    def _tell_held(self, held: _Held) -> None:
        n = held.count()
        if n and self.notice is None:
            self.notice = (f"{n} {'answer' if n == 1 else 'answers'} of this session could not be saved to "
                           f"your progress file ({held.why}); {'it is' if n == 1 else 'they are'} kept in "
                           "this session only: run coursekit.export_answers() to download "
                           f"{'it' if n == 1 else 'them'}.")

    def problem(self) -> str | None:
        """Why answers cannot be saved to the file now (one line), or None when they can
        (as far as taking the lock and reading it tell: a full disk shows at the first save)."""
        try:
            with self._locked():
                self._read_unlocked()
        except ProgressError as exc:
            return str(exc)
        return None

    def unsaved(self) -> int:
        """How many answers this kernel holds that could not be saved to the file (a full
        disk, a folder that cannot be written): they are shown, and exported, all the same."""
        held = _HELD.get(self._key)
        return held.count() if held else 0

    def _decode(self, raw: bytes) -> tuple[dict | None, str]:
        """The document in ``raw``, checked and cleaned, or None and why not."""
        try:
            doc = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
            return None, f"not valid JSON: {exc.__class__.__name__}"
        if not isinstance(doc, dict) or doc.get("format") != FORMAT:
            return None, "not a coursekit progress file"
        if not isinstance(doc.get("version"), int) or doc["version"] > VERSION:
            return None, f"format version {doc.get('version')!r} is newer than this coursekit"
        if not isinstance(doc.get("banks"), dict) or not all(
                isinstance(v, dict) for v in doc["banks"].values()):
            return None, "its 'banks' part is damaged"
        ignored = 0
        for records in doc["banks"].values():
            for qid in list(records):
                record = records[qid]
                if not isinstance(record, dict):
                    del records[qid]
                    ignored += 1
                    continue
                for key in NUMBER_FIELDS:
                    if key in record and not finite(record[key]):
                        del record[key]
                        ignored += 1
        for key, ok in (("student", lambda v: isinstance(v, str) and v),
                        ("name", lambda v: isinstance(v, str)),
                        ("aliases", lambda v: isinstance(v, list) and all(isinstance(a, str) for a in v))):
            if key in doc and not ok(doc[key]):
                del doc[key]
        if ignored:
            what = "score or try count was" if ignored == 1 else "scores or try counts were"
            self.notice = f"{ignored} saved {what} not a number and ignored (counted as 0)."
        return jsonable(doc), ""

    def _encode(self, doc: dict, changed: str | None) -> str:
        """The file's text: one line per bank, re-encoding only ``changed``."""
        if changed is None:
            self._bank_text = {}
        banks = doc["banks"]
        lines = []
        for bank_id in sorted(banks):
            text = self._bank_text.get(bank_id) if bank_id != changed else None
            if text is None:
                text = json.dumps(banks[bank_id], ensure_ascii=False, sort_keys=True, allow_nan=False)
                self._bank_text[bank_id] = text
            lines.append(f"  {json.dumps(bank_id, ensure_ascii=False)}: {text}")
        for gone in set(self._bank_text) - set(banks):
            del self._bank_text[gone]
        head = {k: v for k, v in doc.items() if k != "banks"}
        out = ['{"banks": {', ",\n".join(lines), "},"]
        out.append(json.dumps(head, ensure_ascii=False, sort_keys=True, indent=1,
                              allow_nan=False)[1:].lstrip("\n"))
        return "\n".join(out) + "\n"

    def _write_unlocked(self, doc: dict, changed: str | None = None) -> None:
        try:
            write_atomically(self.path, self._encode(doc, changed))
        except SpecialFileError as exc:
            self._forget()
            raise self._not_a_file(self.path, exc.kind) from None
        except OSError as exc:
            self._forget()
            raise ProgressError(f"could not save answers to {self.path}: {reason(exc)}") from None
        except (ValueError, TypeError) as exc:  # cannot happen to cleaned data; never a traceback
            self._forget()
            raise ProgressError(f"could not save answers to {self.path}: {exc}") from None
        # A new token tells other kernels' stores that the file changed.
        fh = self._lock_fh
        if fh is not None:
            self._token = secrets.token_hex(8)
            with contextlib.suppress(OSError):
                fh.seek(0)
                fh.truncate()
                fh.write(self._token.encode("ascii"))
                fh.flush()
        self._cache_doc = doc
        self._cache_key = self._identity()
        _HELD.pop(self._key, None)  # every caller put it into doc first (_flush_held)

    # -- public -------------------------------------------------------------
    def read(self) -> dict:
        """A copy of the whole document (a fresh one if there is no file yet), with what
        this kernel holds unsaved; :class:`ProgressError` if the file cannot be locked."""
        with self._locked():
            doc = copy.deepcopy(self._read_unlocked())
        return self._with_held(doc)

    def readable(self) -> dict:
        """The whole document as far as it can be read, writing nothing, with every answer
        this kernel holds that could not be saved: when the file cannot be locked or set
        aside (a read-only folder), it is read as it is; one that cannot be read, or is
        not a file (a FIFO is never opened), counts as empty. Never raises
        :class:`ProgressError`. What an export is made from."""
        return self._with_held(copy.deepcopy(self._current()))

    def bank(self, bank_id: str) -> dict[str, dict]:
        """A copy of the saved records of one bank, by question id, with this kernel's
        unsaved ones; read as :meth:`readable` reads (never raises :class:`ProgressError`)."""
        records = copy.deepcopy(self._current()["banks"].get(bank_id, {}))
        held = _HELD.get(self._key)
        if held is not None:
            _overlay(records, held.banks.get(bank_id, {}))
            self._tell_held(held)
        return records

    def save(self, bank_id: str, question_id: str, record: dict) -> None:
        """Save one question's record at once (read, merge, atomic write, under the lock).

        Any text is saved (half an emoji becomes U+FFFD); :class:`ProgressError` if the
        file cannot be written (a full disk, a folder that cannot be written, a FIFO at
        its path): the answer is then kept in memory, shown by :meth:`bank` and exported,
        and written with the next save that succeeds."""
        entry = jsonable(dict(record))
        entry["saved"] = now()
        bank_id, question_id = clean_text(str(bank_id)), clean_text(str(question_id))
        try:
            with self._locked():
                doc = self._read_unlocked()
                self._flush_held(doc)
                doc["banks"].setdefault(bank_id, {})[question_id] = entry
                self._write_unlocked(doc, changed=bank_id)
        except ProgressError as exc:
            self._hold(exc).banks.setdefault(bank_id, {})[question_id] = entry
            raise

    def reset(self, bank_id: str, question_ids: Iterable[str] | None = None) -> int:
        """Erase the saved answers of a bank (or of some of its questions); returns how many."""
        with self._locked():
            doc = self._read_unlocked()
            self._flush_held(doc)
            records = doc["banks"].get(bank_id, {})
            ids = list(records) if question_ids is None else [q for q in question_ids if q in records]
            for qid in ids:
                del records[qid]
            if not records:
                doc["banks"].pop(bank_id, None)
            self._write_unlocked(doc, changed=bank_id)
            return len(ids)

    def student(self) -> str:
        """The student's id: ``$COURSEKIT_STUDENT``, else a random id created once and kept
        in the file. Never fails: when the file cannot be written, the new id is kept in
        memory (the same for the whole kernel) and saved with the next save that succeeds."""
        env = os.environ.get(STUDENT_ENV)
        if env:
            return env
        try:
            with self._locked():
                doc = self._read_unlocked()
                sid = doc.get("student")
                if isinstance(sid, str) and sid:
                    return sid
                self._flush_held(doc)
                sid = doc.get("student") or "s-" + secrets.token_hex(6)
                doc["student"] = sid
                self._write_unlocked(doc)
                return sid
        except ProgressError as exc:
            held = _HELD.get(self._key)
            if held is not None and held.student:
                return held.student
            sid = self._read_as_is().get("student")
            if isinstance(sid, str) and sid:
                return sid
            held = self._hold(exc)
            held.student = "s-" + secrets.token_hex(6)
            return held.student

    def name(self) -> str | None:
        """The saved name (what :func:`coursekit.my_name` saved, or one kept in memory
        because it could not be saved), or None."""
        return self.readable().get("name") or None

    def set_name(self, name: str | None) -> str | None:
        """Save the name the instructor knows the student by (cleaned with :func:`clean_name`);
        an empty name (or None) removes it. Returns the saved name, or None.

        :class:`AnswerError` for a name too long, :class:`ProgressError` if the file
        cannot be written (the name is then kept in memory and goes into the export)."""
        cleaned = clean_name(name) if name is not None else ""
        try:
            with self._locked():
                doc = self._read_unlocked()
                self._flush_held(doc)
                if cleaned:
                    doc["name"] = cleaned
                else:
                    doc.pop("name", None)
                self._write_unlocked(doc)
        except ProgressError as exc:
            held = self._hold(exc)
            held.name, held.has_name = cleaned, True
            raise
        return cleaned or None

    def identity(self, doc: dict | None = None) -> Identity:
        """Who the answers are from, writing only the new random id (and going on without
        saving it if it cannot be written). ``doc``: a document already read."""
        if doc is None:
            doc = self.readable()
        sid = self.student()
        name = doc.get("name") or None
        aliases = tuple(a for a in doc.get("aliases", []) if a != sid)
        return Identity(sid, name, aliases)

    def merge(self, banks: dict[str, dict[str, dict]], *, name: str | None = None,
              student: str | None = None, aliases: Iterable[str] = ()) -> MergeReport:
        """Bring saved answers back (from an export), answer by answer, in one write.

        Each answer of ``banks`` (bank id -> question id -> record) replaces the one
        saved here only if it :func:`is_newer`; nothing further on is overwritten. The
        ``name`` is saved if none is; ``student``, the id of the earlier sessions,
        becomes the id (the one it replaces, and ``aliases``, are kept as aliases)
        unless ``$COURSEKIT_STUDENT`` fixes it or it already is one of the aliases.
        When both this file and ``name`` hold a name and they differ
        (:func:`name_key`), nothing is changed and ``other_name`` says so.
        When the file cannot be written, what is brought back is kept in memory (like an
        answer a full disk kept from being saved) and ``unsaved`` says why.
        """
        incoming_name = clean_name(name) if name else ""
        banks = jsonable(banks)
        report = MergeReport()
        try:
            with self._locked():
                doc = copy.deepcopy(self._read_unlocked())
                held_changed = self._flush_held(doc)
                changed, _taken = self._merge_doc(doc, report, banks, incoming_name, student, aliases)
                if report.other_name is None and (changed or held_changed):
                    self._write_unlocked(doc)
            return report
        except ProgressError as exc:
            report = MergeReport()
            doc = self.readable()
            _changed, taken = self._merge_doc(doc, report, banks, incoming_name, student, aliases)
            if report.other_name is not None or not (taken or report.name):
                return report
            held = self._hold(exc)
            for bank_id, records in taken.items():
                held.banks.setdefault(bank_id, {}).update(records)
            if report.name:
                held.name, held.has_name = report.name, True
            if student and not os.environ.get(STUDENT_ENV) and not held.student:
                held.student = clean_text(student)  # the earlier id, so the gradebook joins the rows
            report.unsaved = str(exc)
            return report

    def _merge_doc(self, doc: dict, report: MergeReport, banks: dict[str, dict[str, dict]],
                   incoming_name: str, student: str | None, aliases: Iterable[str]
                   ) -> tuple[bool, dict[str, dict[str, dict]]]:
        """Merge into ``doc`` as :meth:`merge` says, counting in ``report``; returns whether
        ``doc`` changed and the records taken, by bank. Changes nothing for another name."""
        taken: dict[str, dict[str, dict]] = {}
        mine = doc.get("name") or ""
        if mine and incoming_name and name_key(mine) != name_key(incoming_name):
            report.other_name = mine
            return False, taken
        changed = False
        for bank_id, records in banks.items():
            here = doc["banks"].get(bank_id, {})
            took = 0
            for qid, record in records.items():
                current = here.get(qid)
                if is_newer(record, current):
                    here[qid] = record
                    taken.setdefault(bank_id, {})[qid] = record
                    took += 1
                elif record == current:
                    report.same += 1
                else:
                    report.kept += 1
            if took:
                doc["banks"][bank_id] = here
                report.brought += took
                report.brought_banks.append(bank_id)
                changed = True
        report.banks = len(report.brought_banks)
        if incoming_name and not mine:
            doc["name"] = report.name = incoming_name
            changed = True
        env = os.environ.get(STUDENT_ENV)
        current_id = doc.get("student") or ""
        known = list(doc.get("aliases", []))
        others = [clean_text(a) for a in aliases if isinstance(a, str)]
        if student and not env and student != current_id and student not in known:
            doc["student"] = clean_text(student)  # the id of the earlier sessions
            others.append(current_id)
            changed = True
        elif student:
            others.append(clean_text(student))
        primary = env or doc.get("student")
        merged = list(dict.fromkeys(a for a in known + others if a and a != primary))[-_ALIASES_MAX:]
        if merged != known:
            doc["aliases"] = merged
            changed = True
        return changed, taken

    def scores_by_bank(self, banks: Iterable[Any] | None = None, doc: dict | None = None
                       ) -> dict[str, BankScore]:
        """Score and points per bank.

        With ``banks`` (objects with ``.id`` and ``.questions``, e.g. from
        :func:`coursekit.quizzes.bank.load_all_banks`), every bank is listed with its
        full points, answered or not; without, only banks with saved answers,
        counting the points of the answered questions. ``doc``: a document already
        read (by :meth:`readable`), else the file is read.
        """
        saved = (doc if doc is not None else self.readable())["banks"]
        out: dict[str, BankScore] = {}
        if banks is not None:
            for b in banks:
                records = saved.get(b.id, {})
                ids = {q.id for q in b.questions}
                score = sum(_num(r.get("score")) for q, r in records.items() if q in ids)
                answered = sum(1 for q, r in records.items() if q in ids and _num(r.get("tries")) > 0)
                out[b.id] = BankScore(b.id, score, sum(q.points for q in b.questions), answered,
                                      len(b.questions))
            return out
        for bank_id, records in saved.items():
            out[bank_id] = BankScore(
                bank_id, sum(_num(r.get("score")) for r in records.values()),
                sum(_num(r.get("points")) for r in records.values()),
                sum(1 for r in records.values() if _num(r.get("tries")) > 0), len(records))
        return out


def _num(value: Any) -> float:
    return float(value) if finite(value) else 0.0


def scores_by_bank(banks: Iterable[Any] | None = None, path: str | os.PathLike | None = None
                   ) -> dict[str, BankScore]:
    """Score and points per bank from the progress file (see :meth:`ProgressStore.scores_by_bank`).

    >>> from coursekit.progress.store import scores_by_bank
    >>> from coursekit.quizzes.bank import load_all_banks
    >>> banks = load_all_banks()
    >>> scores = scores_by_bank(banks)
    >>> scores[banks[1].id].points == sum(q.points for q in banks[1].questions)
    True
    """
    return ProgressStore(path).scores_by_bank(banks)
