"""The progress file: every checked answer, saved at once, safely, shared by kernels.

Pure file logic: no widgets. The file is JSON::

    {
      "format": "coursekit-progress",
      "version": 1,
      "student": "s-3f9a0c1b2d4e",          # only when COURSEKIT_STUDENT is unset
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
"""
from __future__ import annotations

import contextlib
import copy
import json
import os
import secrets
import tempfile
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import IO, Any, Iterable, Iterator

from coursekit.errors import ProgressError

try:  # POSIX; elsewhere a single kernel at a time is assumed
    import fcntl
except ImportError:  # pragma: no cover
    fcntl = None  # type: ignore[assignment]

FORMAT = "coursekit-progress"
VERSION = 1
PATH_ENV = "COURSEKIT_PROGRESS"
STUDENT_ENV = "COURSEKIT_STUDENT"


def now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def write_atomically(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` so that a reader sees the old file or the new one,
    never half of one: a temporary file beside it, flushed to disk, then renamed."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def default_path() -> Path:
    """``$COURSEKIT_PROGRESS``, else ``<course root>/.coursekit/progress.json``."""
    env = os.environ.get(PATH_ENV)
    if env:
        return Path(env).expanduser()
    from coursekit.datafiles.paths import course_root

    return course_root() / ".coursekit" / "progress.json"


def _empty() -> dict:
    return {"format": FORMAT, "version": VERSION, "created": now(), "banks": {}}


@dataclass(frozen=True)
class BankScore:
    """A student's result on one bank (what lesson 07 charts)."""

    bank: str
    score: float
    points: float
    answered: int
    questions: int

    @property
    def fraction(self) -> float:
        return self.score / self.points if self.points else 0.0


class ProgressStore:
    """Reads and writes one progress file.

    >>> import tempfile, os
    >>> store = ProgressStore(os.path.join(tempfile.mkdtemp(), "p.json"))
    >>> store.save("00_start_here", "q1", {"answer": "x", "score": 1, "points": 1})
    >>> store.bank("00_start_here")["q1"]["answer"]
    'x'
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

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fh = open(self.lock_path, "a+b")
        except OSError as exc:
            raise ProgressError(f"cannot save answers in {self.path.parent}: {exc.strerror}") from None
        try:
            if fcntl is not None:
                fcntl.flock(fh.fileno(), fcntl.LOCK_EX)
            fh.seek(0)
            self._token = fh.read(64).decode("ascii", "replace")
            self._lock_fh = fh
            yield
        finally:
            self._lock_fh = None
            if fcntl is not None:
                fcntl.flock(fh.fileno(), fcntl.LOCK_UN)
            fh.close()

    def _set_aside(self, reason: str) -> None:
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        target = self.path.with_name(f"{self.path.name}.unreadable-{stamp}")
        n = 1
        while target.exists():
            n += 1
            target = self.path.with_name(f"{self.path.name}.unreadable-{stamp}-{n}")
        try:
            os.replace(self.path, target)
        except OSError as exc:
            raise ProgressError(f"{self.path} cannot be read ({reason}) and cannot be moved aside "
                                f"({exc.strerror}); set {PATH_ENV} to another file") from None
        self.notice = (f"Your progress file could not be read ({reason}); it was kept as "
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
        self._cache_key, self._cache_doc, self._bank_text = None, None, {}
        doc = self._parse_unlocked()
        self._cache_doc = doc
        self._cache_key = key if key is not None and self.path.exists() else None
        return doc

    def _parse_unlocked(self) -> dict:
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            return _empty()
        except OSError as exc:
            self._set_aside(f"{exc.strerror}")
            return _empty()
        try:
            doc = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            self._set_aside(f"not valid JSON: {exc.__class__.__name__}")
            return _empty()
        if not isinstance(doc, dict) or doc.get("format") != FORMAT:
            self._set_aside("not a coursekit progress file")
            return _empty()
        if not isinstance(doc.get("version"), int) or doc["version"] > VERSION:
            self._set_aside(f"format version {doc.get('version')!r} is newer than this coursekit")
            return _empty()
        if not isinstance(doc.get("banks"), dict) or not all(
                isinstance(v, dict) for v in doc["banks"].values()):
            self._set_aside("its 'banks' part is damaged")
            return _empty()
        return doc

    def _encode(self, doc: dict, changed: str | None) -> str:
        """The file's text: one line per bank, re-encoding only ``changed``."""
        if changed is None:
            self._bank_text = {}
        banks = doc["banks"]
        lines = []
        for bank_id in sorted(banks):
            text = self._bank_text.get(bank_id) if bank_id != changed else None
            if text is None:
                text = json.dumps(banks[bank_id], ensure_ascii=False, sort_keys=True)
                self._bank_text[bank_id] = text
            lines.append(f"  {json.dumps(bank_id, ensure_ascii=False)}: {text}")
        for gone in set(self._bank_text) - set(banks):
            del self._bank_text[gone]
        head = {k: v for k, v in doc.items() if k != "banks"}
        out = ['{"banks": {', ",\n".join(lines), "},"]
        out.append(json.dumps(head, ensure_ascii=False, sort_keys=True, indent=1)[1:].lstrip("\n"))
        return "\n".join(out) + "\n"

    def _write_unlocked(self, doc: dict, changed: str | None = None) -> None:
        text = self._encode(doc, changed)
        try:
            write_atomically(self.path, text)
        except OSError as exc:
            self._cache_key, self._cache_doc, self._bank_text = None, None, {}
            raise ProgressError(f"could not save answers to {self.path}: {exc.strerror}") from None
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

    # -- public -------------------------------------------------------------
    def read(self) -> dict:
        """A copy of the whole document (a fresh one if there is no file yet)."""
        with self._locked():
            return copy.deepcopy(self._read_unlocked())

    def bank(self, bank_id: str) -> dict[str, dict]:
        """A copy of the saved records of one bank, by question id."""
        with self._locked():
            return copy.deepcopy(self._read_unlocked()["banks"].get(bank_id, {}))

    def save(self, bank_id: str, question_id: str, record: dict) -> None:
        """Save one question's record at once (read, merge, atomic write, under the lock)."""
        with self._locked():
            doc = self._read_unlocked()
            entry = dict(record)
            entry["saved"] = now()
            doc["banks"].setdefault(bank_id, {})[question_id] = entry
            self._write_unlocked(doc, changed=bank_id)

    def reset(self, bank_id: str, question_ids: Iterable[str] | None = None) -> int:
        """Erase the saved answers of a bank (or of some of its questions); returns how many."""
        with self._locked():
            doc = self._read_unlocked()
            records = doc["banks"].get(bank_id, {})
            ids = list(records) if question_ids is None else [q for q in question_ids if q in records]
            for qid in ids:
                del records[qid]
            if not records:
                doc["banks"].pop(bank_id, None)
            self._write_unlocked(doc, changed=bank_id)
            return len(ids)

    def student(self) -> str:
        """The student's id: ``$COURSEKIT_STUDENT``, else a random id created once and kept in the file."""
        env = os.environ.get(STUDENT_ENV)
        if env:
            return env
        with self._locked():
            doc = self._read_unlocked()
            sid = doc.get("student")
            if not isinstance(sid, str) or not sid:
                sid = "s-" + secrets.token_hex(6)
                doc["student"] = sid
                self._write_unlocked(doc)
            return sid

    def scores_by_bank(self, banks: Iterable[Any] | None = None) -> dict[str, BankScore]:
        """Score and points per bank.

        With ``banks`` (objects with ``.id`` and ``.questions``, e.g. from
        :func:`coursekit.quizzes.bank.load_all_banks`), every bank is listed with its
        full points, answered or not; without, only banks with saved answers,
        counting the points of the answered questions.
        """
        saved = self.read()["banks"]
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
    try:
        return float(value)
    except (TypeError, ValueError):
        return 0.0


def scores_by_bank(banks: Iterable[Any] | None = None, path: str | os.PathLike | None = None
                   ) -> dict[str, BankScore]:
    """Score and points per bank from the progress file (see :meth:`ProgressStore.scores_by_bank`).

    >>> from coursekit.progress.store import scores_by_bank
    >>> from coursekit.quizzes.bank import load_all_banks
    >>> scores = scores_by_bank(load_all_banks())
    >>> scores["01_reading_the_article"].points
    13.0
    """
    return ProgressStore(path).scores_by_bank(banks)
