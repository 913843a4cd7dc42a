"""The progress file: saved at once, atomically, shared by two kernels, corrupt files set aside."""
from __future__ import annotations

import contextlib
import errno
import json
import multiprocessing
import os
import re
import signal
import stat
import subprocess
import sys
import threading
import time
from types import SimpleNamespace

import pytest

from coursekit.errors import AnswerError, CourseError, ProgressError, ProgressPathError
from coursekit.progress.store import (
    DEAD_GRACE,
    FORMAT,
    NAME_MAX,
    STALE_SECONDS,
    VERSION,
    Identity,
    ProgressStore,
    default_path,
    is_newer,
    name_key,
    remove_stale_temps,
    scores_by_bank,
    unwritable,
    write_file,
)


@pytest.fixture
def store(tmp_path):
    return ProgressStore(tmp_path / "progress.json")


def record(score=1.0, points=1.0, tries=1):
    return {"answer": "x", "tries": tries, "score": score, "points": points, "status": "correct"}


def test_default_path_follows_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("COURSEKIT_PROGRESS", str(tmp_path / "mine.json"))
    assert default_path() == tmp_path / "mine.json"
    monkeypatch.delenv("COURSEKIT_PROGRESS")
    assert default_path().parts[-2:] == (".coursekit", "progress.json")


def test_save_then_read_back_with_format_and_version(store):
    store.save("01", "q1", record())
    doc = json.loads(store.path.read_text(encoding="utf-8"))
    assert doc["format"] == FORMAT and doc["version"] == VERSION
    assert doc["banks"]["01"]["q1"]["answer"] == "x" and "saved" in doc["banks"]["01"]["q1"]
    assert ProgressStore(store.path).bank("01")["q1"]["score"] == 1.0


def test_no_temporary_files_are_left(store):
    for i in range(5):
        store.save("01", f"q{i}", record())
    names = sorted(p.name for p in store.path.parent.iterdir())
    assert names == ["progress.json", "progress.json.lock"]


def test_failed_write_keeps_the_old_file(store, monkeypatch):
    store.save("01", "q1", record())
    before = store.path.read_text(encoding="utf-8")

    def boom(*a, **k):
        raise OSError(28, "No space left on device")
    monkeypatch.setattr("os.replace", boom)
    with pytest.raises(ProgressError, match="could not save answers to .*No space left"):
        store.save("01", "q2", record())
    assert store.path.read_text(encoding="utf-8") == before
    assert not list(store.path.parent.glob("*.tmp"))


@pytest.mark.parametrize("content, reason", [
    (b"{not json", "not valid JSON"),
    (b"\xff\xfe garbage", "not valid JSON"),
    (b'{"format": "something-else", "banks": {}}', "not a coursekit progress file"),
    (b'{"format": "coursekit-progress", "version": 99, "banks": {}}', "format version 99 is newer"),
    (b'{"format": "coursekit-progress", "version": 1, "banks": {"01": 3}}', "'banks' part is damaged"),
])
def test_corrupt_file_is_set_aside_not_deleted(store, content, reason):
    store.path.write_bytes(content)
    store.save("01", "q1", record())
    kept = list(store.path.parent.glob("progress.json.unreadable-*"))
    assert len(kept) == 1 and kept[0].read_bytes() == content
    assert store.notice.startswith("Your progress file could not be read (")
    assert reason in store.notice and kept[0].name in store.notice and "fresh one was started" in store.notice
    assert "\n" not in store.notice
    assert store.bank("01")["q1"]["answer"] == "x"


def test_two_set_asides_get_two_names(store):
    store.path.write_bytes(b"bad")
    store.read()
    store.path.write_bytes(b"bad again")
    store.read()
    assert len(list(store.path.parent.glob("progress.json.unreadable-*"))) == 2


def test_two_stores_on_one_file_keep_each_others_answers(tmp_path):
    a = ProgressStore(tmp_path / "p.json")
    b = ProgressStore(tmp_path / "p.json")
    a.bank("01")  # both "kernels" have read the file before either writes
    b.bank("02")
    a.save("01", "q1", record())
    b.save("02", "q1", record())
    a.save("01", "q2", record())
    doc = ProgressStore(tmp_path / "p.json").read()["banks"]
    assert set(doc["01"]) == {"q1", "q2"} and set(doc["02"]) == {"q1"}


def _writer(path: str, bank: str, n: int) -> None:
    store = ProgressStore(path)
    for i in range(n):
        store.save(bank, f"q{i}", {"answer": i, "tries": 1, "score": 1, "points": 1})


def test_two_processes_writing_at_once_lose_nothing(tmp_path):
    path = str(tmp_path / "p.json")
    ctx = multiprocessing.get_context("spawn")
    procs = [ctx.Process(target=_writer, args=(path, bank, 25)) for bank in ("kernel-a", "kernel-b")]
    for p in procs:
        p.start()
    for p in procs:
        p.join(60)
        assert p.exitcode == 0
    banks = ProgressStore(path).read()["banks"]
    assert len(banks["kernel-a"]) == 25 and len(banks["kernel-b"]) == 25


def test_student_id_from_env_or_created_once(store, monkeypatch):
    monkeypatch.setenv("COURSEKIT_STUDENT", "ana")
    assert store.student() == "ana"
    monkeypatch.delenv("COURSEKIT_STUDENT")
    first = store.student()
    assert first.startswith("s-") and ProgressStore(store.path).student() == first


def test_reset_erases_only_the_named_bank(store):
    store.save("01", "q1", record())
    store.save("01", "q2", record())
    store.save("02", "q1", record())
    assert store.reset("01") == 2
    assert store.bank("01") == {} and "q1" in store.bank("02")


def test_scores_by_bank_with_and_without_the_banks(store):
    store.save("01", "q1", record(score=0.5, points=1))
    store.save("01", "q2", record(score=2, points=2))
    store.save("02", "gone", record(score=1, points=1))
    plain = store.scores_by_bank()
    assert plain["01"].score == 2.5 and plain["01"].points == 3 and plain["01"].answered == 2
    banks = [SimpleNamespace(id="01", questions=[SimpleNamespace(id=q, points=p) for q, p in
                                                   (("q1", 1), ("q2", 2), ("q3", 3))]),
             SimpleNamespace(id="03", questions=[SimpleNamespace(id="x", points=4)])]
    full = scores_by_bank(banks, path=store.path)
    assert full["01"].points == 6 and full["01"].score == 2.5 and full["01"].questions == 3
    assert full["03"].score == 0 and full["03"].fraction == 0 and "02" not in full


def test_a_change_made_outside_the_store_is_seen(store):
    store.save("01", "q1", record())
    doc = json.loads(store.path.read_text(encoding="utf-8"))
    doc["banks"]["01"]["q1"]["answer"] = "edited by hand"
    store.path.write_text(json.dumps(doc) + "\n" * 3, encoding="utf-8")  # same file, new size
    store.save("01", "q2", record())
    assert store.bank("01")["q1"]["answer"] == "edited by hand"


# -- text a browser can send, and saves that fail for real ----------------------------

def _strict(path):
    """The file parsed as any JSON reader would: no NaN, no Infinity, valid UTF-8."""
    def refuse(name):
        raise AssertionError(f"the file holds {name}")
    return json.loads(path.read_bytes().decode("utf-8"), parse_constant=refuse)


@pytest.mark.parametrize("typed, kept", [
    ("Goïta\ud83d", "Goïta\ufffd"),                   # half an emoji, as a browser may send it
    ("\ud83d\ude00 Diop", "😀 Diop"),                  # both halves, as two code points
    ("\udfff lone low half", "\ufffd lone low half"),
    ("a\x00b", "a\x00b"),                              # NUL
    ("\u202bالبعثة\u200f MINUSMA", "\u202bالبعثة\u200f MINUSMA"),  # right-to-left marks
    ("x" * 1_000_000, "x" * 1_000_000),                # 1 MB of text
])
def test_any_text_a_browser_sends_is_saved(store, typed, kept):
    store.save("05", "reflect", {"answer": typed, "tries": 1, "score": 0, "points": 0})
    assert _strict(store.path)["banks"]["05"]["reflect"]["answer"] == kept
    assert ProgressStore(store.path).bank("05")["reflect"]["answer"] == kept


def test_odd_question_ids_and_nested_answers_are_saved(store):
    store.save("0\ud8001", "q\ud83d", {"answer": {"Mali\ud83d": ["a\udc00", ("b", 2.5)]}, "tries": 1})
    saved = _strict(store.path)["banks"]["0\ufffd1"]["q\ufffd"]["answer"]
    assert saved == {"Mali\ufffd": ["a\ufffd", ["b", 2.5]]}


def test_numbers_that_are_not_finite_are_saved_as_null(store):
    store.save("01", "q1", {"answer": float("nan"), "tries": 1, "score": float("inf"), "points": 1})
    record = _strict(store.path)["banks"]["01"]["q1"]
    assert record["answer"] is None and record["score"] is None and record["points"] == 1


def test_a_value_that_is_not_text_or_a_number_is_a_progress_error(store):
    with pytest.raises(ProgressError, match="an answer holding a object cannot be saved"):
        store.save("01", "q1", {"answer": object(), "tries": 1})
    assert not store.path.exists()


@pytest.mark.parametrize("error", [OSError(28, "No space left on device"),
                                   PermissionError(13, "Permission denied")])
def test_a_save_that_fails_for_real_is_a_progress_error_and_changes_nothing(store, monkeypatch, error):
    store.save("01", "q1", record())
    before = store.path.read_bytes()

    def fail(*args, **kwargs):
        raise error
    monkeypatch.setattr("coursekit.progress.store.write_atomically", fail)
    with pytest.raises(ProgressError, match=f"could not save answers to .*{error.strerror}"):
        store.save("01", "q2", record())
    with pytest.raises(ProgressError):
        store.set_name("Ana")
    monkeypatch.undo()
    assert store.path.read_bytes() == before  # the file is untouched...
    # ...and nothing is lost: the answer and the name are kept in this session
    assert store.bank("01")["q2"]["answer"] == "x" and store.name() == "Ana" and store.unsaved() == 1
    assert ProgressStore(store.path).bank("01")["q2"]["answer"] == "x"  # any store of this kernel
    store.save("01", "q3", record())  # the next save that works writes them all
    doc = _strict(store.path)
    assert set(doc["banks"]["01"]) == {"q1", "q2", "q3"} and doc["name"] == "Ana" and store.unsaved() == 0


def test_a_folder_that_cannot_hold_the_file_is_a_progress_error(tmp_path):
    (tmp_path / "a-file").write_text("x", encoding="utf-8")
    store = ProgressStore(tmp_path / "a-file" / "progress.json")
    with pytest.raises(ProgressError, match="cannot save answers in"):
        store.save("01", "q1", record())


def test_a_lock_that_cannot_be_taken_is_a_progress_error(store, monkeypatch):
    import fcntl

    def no_locks(*args):
        raise OSError(37, "No locks available")
    monkeypatch.setattr(fcntl, "flock", no_locks)
    with pytest.raises(ProgressError, match="cannot lock .*No locks available"):
        store.save("01", "q1", record())


# -- saved numbers that are not numbers -----------------------------------------------

def test_saved_scores_that_are_not_finite_numbers_are_ignored_with_a_notice(store):
    store.path.write_text(
        '{"format": "coursekit-progress", "version": 1, "banks": {"01": {'
        '"nan": {"answer": "a", "tries": 1, "score": NaN, "points": 1},'
        '"inf": {"answer": "b", "tries": 1, "score": Infinity, "points": -Infinity},'
        '"big": {"answer": "c", "tries": 1, "score": 1e999, "points": 1},'
        '"text": {"answer": "d", "tries": "2", "score": "1.5", "points": 1},'
        '"bool": {"answer": "e", "tries": 1, "score": true, "points": 1},'
        '"fine": {"answer": "f", "tries": 1, "score": 0.5, "points": 1},'
        '"junk": 7}}}', encoding="utf-8")
    scores = store.scores_by_bank()
    assert scores["01"].score == 0.5 and scores["01"].points == 5 and scores["01"].answered == 5
    assert store.notice == "8 saved scores or try counts were not a number and ignored (counted as 0)."
    records = store.bank("01")
    assert "score" not in records["nan"] and "tries" not in records["text"] and "junk" not in records
    assert records["fine"]["score"] == 0.5 and records["text"]["answer"] == "d"
    store.save("02", "q1", record())  # the file written next is valid JSON for any reader
    assert "score" not in _strict(store.path)["banks"]["01"]["inf"]
    assert not list(store.path.parent.glob("*.unreadable-*"))  # ignored, not set aside


def test_text_saved_with_escaped_surrogate_halves_is_cleaned_on_reading(store):
    store.path.write_text('{"format": "coursekit-progress", "version": 1, "name": "Go\\u00efta\\ud83d", '
                          '"banks": {"05": {"r": {"answer": "x\\udc00", "tries": 1}}}}', encoding="utf-8")
    assert store.bank("05")["r"]["answer"] == "x\ufffd"
    store.save("05", "s", record())
    assert _strict(store.path)["banks"]["05"]["r"]["answer"] == "x\ufffd"


def test_readable_reads_what_it_can_without_writing(store):
    store.save("01", "q1", record())
    store.lock_path.unlink()
    store.lock_path.mkdir()  # the lock file cannot be opened: nothing can be saved
    with pytest.raises(ProgressError):
        store.read()
    assert store.readable()["banks"]["01"]["q1"]["answer"] == "x"
    broken = ProgressStore(store.path.parent / "other" / "p.json")
    broken.path.parent.mkdir()
    broken.path.write_bytes(b"{not json")
    broken.lock_path.mkdir()
    assert broken.readable()["banks"] == {} and broken.path.read_bytes() == b"{not json"


# -- the student's name ---------------------------------------------------------------

def test_a_name_is_saved_changed_and_removed(store):
    assert store.name() is None
    assert store.set_name("  Ana \u200f Díaz\n") == "Ana Díaz"
    assert ProgressStore(store.path).name() == "Ana Díaz"
    store.save("01", "q1", record())
    assert store.set_name("Ana María Díaz") == "Ana María Díaz" and store.name() == "Ana María Díaz"
    assert store.set_name("   ") is None and store.name() is None
    assert store.bank("01")["q1"]["answer"] == "x"  # answers are untouched


def test_a_name_with_half_an_emoji_or_too_long(store):
    assert store.set_name("Goïta\ud83d") == "Goïta"
    with pytest.raises(AnswerError, match=f"please keep it under {NAME_MAX + 1}"):
        store.set_name("A" * (NAME_MAX + 1))
    assert store.name() == "Goïta"


def test_names_are_compared_without_case_accents_or_spacing():
    assert name_key("  Ana   DÍAZ ") == name_key("ana diaz") == "ana diaz"
    assert name_key("Ana Diaz") != name_key("Ben Okoro") and name_key(None) == ""


# -- merging answers brought back -----------------------------------------------------

def at(day, tries=1, answer="x"):
    return {"answer": answer, "tries": tries, "score": 1.0, "points": 1.0, "saved": f"2026-01-0{day}T10:00:00+00:00"}


def test_is_newer_compares_tries_then_the_saved_time():
    assert is_newer(at(1, tries=2), at(2, tries=1))          # more tries wins, even if older
    assert not is_newer(at(2, tries=1), at(1, tries=2))
    assert is_newer(at(2), at(1)) and not is_newer(at(1), at(2)) and not is_newer(at(1), at(1))
    assert is_newer(at(1), None) and is_newer(at(1), {"tries": 1}) and not is_newer({"tries": 1}, at(1))
    assert is_newer({"tries": 1, "saved": "2026-01-01T12:00:00"}, {"tries": 1, "saved": "2026-01-01T11:00:00Z"})


def _merge_into(store, monkeypatch):
    monkeypatch.delenv("COURSEKIT_STUDENT", raising=False)
    raw = json.dumps({"format": FORMAT, "version": 1, "student": "s-now", "banks": {
        "01": {"same": at(1), "mine-newer": at(3, tries=2), "theirs-newer": at(1)},
        "02": {"only-mine": at(1)}}})
    store.path.write_text(raw, encoding="utf-8")


def test_merge_takes_what_is_further_on_and_keeps_what_is_newer_here(store, monkeypatch):
    _merge_into(store, monkeypatch)
    report = store.merge({"01": {"same": at(1), "mine-newer": at(4, tries=1, answer="old"),
                                 "theirs-newer": at(2, answer="new"), "only-theirs": at(1)},
                          "03": {"q": at(1)}}, student="s-then")
    assert (report.brought, report.banks, report.kept, report.same) == (3, 2, 1, 1)
    banks = store.read()["banks"]
    assert banks["01"]["mine-newer"] == at(3, tries=2) and banks["01"]["theirs-newer"]["answer"] == "new"
    assert banks["01"]["theirs-newer"]["saved"] == at(2)["saved"]  # its own time, not now
    assert set(banks) == {"01", "02", "03"} and "only-theirs" in banks["01"]


def test_merge_carries_the_name_and_the_earlier_id_over(store, monkeypatch):
    _merge_into(store, monkeypatch)
    report = store.merge({"01": {"x": at(1)}}, name="Ana Díaz", student="s-then", aliases=["s-before"])
    assert report.name == "Ana Díaz" and store.name() == "Ana Díaz"
    doc = store.read()
    assert store.student() == "s-then" and doc["aliases"] == ["s-before", "s-now"]
    assert store.identity() == Identity("s-then", "Ana Díaz", ("s-before", "s-now"))
    store.merge({}, name="ana diaz", student="s-now")  # the same person: nothing more to change
    assert store.student() == "s-then" and store.read()["aliases"] == ["s-before", "s-now"]


def test_merge_keeps_an_id_fixed_by_the_environment(store, monkeypatch):
    monkeypatch.setenv("COURSEKIT_STUDENT", "ana")
    store.merge({"01": {"x": at(1)}}, student="s-then")
    assert store.student() == "ana" and store.identity().aliases == ("s-then",)


def test_merge_refuses_another_students_answers_and_changes_nothing(store, monkeypatch):
    _merge_into(store, monkeypatch)
    store.set_name("Ana Díaz")
    before = store.path.read_bytes()
    report = store.merge({"01": {"theirs-newer": at(5, tries=3)}}, name="Ben Okoro", student="s-ben")
    assert report.other_name == "Ana Díaz" and report.brought == 0
    assert store.path.read_bytes() == before


# -- a full disk, a read-only folder, paths that are not files, interrupted saves ------

def no_writes_in(monkeypatch, folder, err=errno.EROFS):
    """Make every write into ``folder`` fail as on a read-only (EROFS) or full (ENOSPC)
    disk, for root too (chmod does not stop root): opening to write or create, renaming,
    making folders. Reading still works."""
    folder = os.path.abspath(folder)

    def inside(path):
        where = os.path.abspath(os.fspath(path))
        return where == folder or where.startswith(folder + os.sep)

    def refuse(path):
        raise OSError(err, os.strerror(err), os.fspath(path))

    real_open, real_replace, real_mkdir = os.open, os.replace, os.mkdir

    def fake_open(path, flags, *args, **kwargs):
        if inside(path) and flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT):
            refuse(path)
        return real_open(path, flags, *args, **kwargs)

    def fake_replace(src, dst, *args, **kwargs):
        if inside(dst):
            refuse(dst)
        return real_replace(src, dst, *args, **kwargs)

    def fake_mkdir(path, *args, **kwargs):
        if inside(path):
            refuse(path)
        return real_mkdir(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", fake_open)
    monkeypatch.setattr(os, "replace", fake_replace)
    monkeypatch.setattr(os, "mkdir", fake_mkdir)


@contextlib.contextmanager
def must_not_hang(fifo, seconds=5.0):
    """Fail, rather than hang, if the block opens ``fifo`` and waits: after ``seconds``
    the FIFO's other end is opened, which releases a blocked open or read."""
    fired = threading.Event()

    def release():
        fired.set()
        for flags in (os.O_RDONLY | os.O_NONBLOCK, os.O_WRONLY | os.O_NONBLOCK):
            with contextlib.suppress(OSError):
                os.close(os.open(fifo, flags))

    timer = threading.Timer(seconds, release)
    timer.start()
    try:
        yield
    finally:
        timer.cancel()
    assert not fired.is_set(), f"waited on the FIFO {fifo} for {seconds} s"


def dead_pid():
    """The id of a process that has ended."""
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def test_a_full_disk_keeps_the_answer_in_memory_and_removes_the_temporary_file(store, monkeypatch):
    store.save("01", "q1", record())

    def full(fd):  # the temporary file is made and written; the disk refuses to keep it
        raise OSError(errno.ENOSPC, "No space left on device")
    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(ProgressError, match=r"could not save answers to .*No space left on device \(the disk is full"):
        store.save("01", "q2", record(score=0.5))
    monkeypatch.undo()
    assert sorted(p.name for p in store.path.parent.iterdir()) == ["progress.json", "progress.json.lock"]
    assert "q2" not in _strict(store.path)["banks"]["01"]  # not in the file...
    assert store.bank("01")["q2"]["score"] == 0.5 and store.unsaved() == 1  # ...but not lost
    assert "1 answer of this session could not be saved" in store.notice
    assert "coursekit.export_answers()" in store.notice


def test_a_read_only_folder_still_shows_every_saved_answer_and_never_fails_for_an_id(tmp_path, monkeypatch):
    monkeypatch.delenv("COURSEKIT_STUDENT", raising=False)
    path = tmp_path / "course" / "progress.json"
    path.parent.mkdir()
    path.write_text(json.dumps({"format": FORMAT, "version": VERSION, "banks": {
        "01": {f"q{i}": record() for i in range(3)}}}), encoding="utf-8")  # no student id yet
    no_writes_in(monkeypatch, path.parent)
    store = ProgressStore(path)
    assert len(store.bank("01")) == 3 and store.scores_by_bank()["01"].answered == 3
    assert "Your answers cannot be saved" in store.notice and "Read-only file system" in store.notice
    sid = store.student()
    assert sid.startswith("s-") and ProgressStore(path).student() == sid  # one id for the kernel
    assert store.identity().student == sid and store.problem().startswith("cannot save answers in")
    with pytest.raises(ProgressError):
        store.save("01", "q3", record())
    with pytest.raises(ProgressError):
        store.set_name("Ana")
    assert len(store.readable()["banks"]["01"]) == 4 and store.name() == "Ana"
    monkeypatch.undo()  # the folder can be written again: the next save writes everything
    ProgressStore(path).save("02", "q1", record())
    doc = _strict(path)
    assert len(doc["banks"]["01"]) == 4 and doc["name"] == "Ana" and doc["student"] == sid


def test_a_fifo_at_the_progress_path_is_never_opened(tmp_path, monkeypatch):
    monkeypatch.delenv("COURSEKIT_STUDENT", raising=False)
    fifo = tmp_path / "progress.json"
    os.mkfifo(fifo)
    store = ProgressStore(fifo)
    with must_not_hang(fifo):
        assert store.bank("01") == {} and store.readable()["banks"] == {} and store.name() is None
        assert "is a named pipe (FIFO), not a file" in store.notice and "COURSEKIT_PROGRESS" in store.notice
        with pytest.raises(ProgressPathError, match=r"progress.json is a named pipe \(FIFO\), not a file"):
            store.save("01", "q1", record())
        with pytest.raises(ProgressPathError):
            store.read()
        assert store.student().startswith("s-")
        assert store.bank("01")["q1"]["answer"] == "x"  # held in memory
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)  # left as it was, never set aside or replaced
    assert sorted(p.name for p in tmp_path.iterdir()) == ["progress.json"]


def test_a_fifo_at_the_lock_path_is_never_opened(store):
    os.mkfifo(store.lock_path)
    with must_not_hang(store.lock_path):
        with pytest.raises(ProgressPathError, match=r"progress.json.lock is a named pipe \(FIFO\)"):
            store.save("01", "q1", record())
        assert store.bank("01")["q1"]["answer"] == "x"


def test_a_folder_at_the_progress_path_is_a_message_and_is_not_set_aside(store):
    store.path.mkdir()
    with pytest.raises(ProgressPathError, match="progress.json is a folder, not a file"):
        store.save("01", "q1", record())
    assert store.path.is_dir() and not list(store.path.parent.glob("*.unreadable-*"))


def test_a_device_at_the_progress_path_is_never_opened_nor_replaced(store, monkeypatch):
    store.path.write_text("stands for a device", encoding="utf-8")
    real_stat = os.stat

    def device(path, *args, **kwargs):
        result = real_stat(path, *args, **kwargs)
        if os.fspath(path) == str(store.path):
            return os.stat_result((stat.S_IFCHR | 0o666,) + tuple(result)[1:])
        return result
    monkeypatch.setattr(os, "stat", device)
    with pytest.raises(ProgressPathError, match="progress.json is a device, not a file"):
        store.save("01", "q1", record())
    assert store.bank("01")["q1"]["answer"] == "x"
    monkeypatch.undo()
    assert store.path.read_text(encoding="utf-8") == "stands for a device"


def test_a_symlink_loop_at_the_progress_path_is_one_line(tmp_path):
    (tmp_path / "a.json").symlink_to(tmp_path / "b.json")
    (tmp_path / "b.json").symlink_to(tmp_path / "a.json")
    store = ProgressStore(tmp_path / "a.json")
    with pytest.raises(ProgressPathError, match="a.json is a symbolic link loop, not a file"):
        store.save("01", "q1", record())
    assert store.readable()["banks"]["01"]["q1"]["answer"] == "x"


def test_a_save_killed_midway_leaves_a_temporary_file_the_next_save_removes(store):
    store.save("01", "q0", record())
    code = ("import os, sys, time\n"
            "from coursekit.progress.store import ProgressStore\n"
            "def stuck(fd):\n"
            "    print('writing', flush=True)\n"
            "    time.sleep(120)\n"
            "os.fsync = stuck\n"
            "ProgressStore(sys.argv[1]).save('01', 'big', {'answer': 'x' * 200000, 'tries': 1})\n")
    proc = subprocess.Popen([sys.executable, "-c", code, str(store.path)], stdout=subprocess.PIPE)
    guard = threading.Timer(60, proc.kill)
    guard.start()
    try:
        assert proc.stdout.readline() == b"writing\n"  # mid-save: written, not yet renamed
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        proc.stdout.close()
    finally:
        guard.cancel()
    left = list(store.path.parent.glob(f".progress.json.{proc.pid}.*.tmp"))
    assert len(left) == 1 and left[0].stat().st_size > 200000
    old = time.time() - DEAD_GRACE - 1
    os.utime(left[0], (old, old))
    store.save("01", "q1", record())
    assert sorted(p.name for p in store.path.parent.iterdir()) == ["progress.json", "progress.json.lock"]
    assert set(_strict(store.path)["banks"]["01"]) == {"q0", "q1"}


def test_only_our_own_stale_temporary_files_are_removed(store):
    folder, gone, me = store.path.parent, dead_pid(), os.getpid()
    old, ancient = time.time() - DEAD_GRACE - 1, time.time() - STALE_SECONDS - 1
    files = {  # name: (age, removed?)
        f".progress.json.{gone}.abcd1234.tmp": (old, True),  # its process ended
        f".progress.json.{me}.abcd1234.tmp": (old, True),  # this process's, not being written
        ".progress.json.abcd_123.tmp": (ancient, True),  # an older coursekit's, long stale
        f".progress.json.{os.getppid()}.abcd1234.tmp": (ancient, True),  # a live process, long stale
        f".progress.json.{os.getppid()}.wxyz9876.tmp": (old, False),  # a live process, recent
        f".progress.json.{gone}.efgh5678.tmp": (time.time(), False),  # ended a moment ago
        ".progress.json.abcd_123.tmp.keep": (ancient, False),  # other names, never
        f".other.json.{gone}.abcd1234.tmp": (ancient, False),
        f".progress.json.{gone}.abcd12345.tmp": (ancient, False),
        "progress.json.unreadable-20260101-100000": (ancient, False),
        "notes.txt": (ancient, False),
    }
    for name, (age, _) in files.items():
        (folder / name).write_text("x", encoding="utf-8")
        os.utime(folder / name, (age, age))
    link = folder / f".progress.json.{gone}.link1234.tmp"
    link.symlink_to(folder / "notes.txt")  # not a regular file: never removed
    os.utime(link, (ancient, ancient), follow_symlinks=False)
    store.save("01", "q1", record())
    left = {p.name for p in folder.iterdir()}
    assert {n for n, (_, removed) in files.items() if removed} & left == set()
    assert {n for n, (_, removed) in files.items() if not removed} | {link.name} <= left
    assert remove_stale_temps(folder, re.escape("progress.json")) == []


# -- one way to write an output file ---------------------------------------------

def test_unwritable_says_why_in_a_few_words_and_only_looks(tmp_path, monkeypatch):
    (tmp_path / "a-file").write_text("x", encoding="utf-8")
    os.mkfifo(tmp_path / "pipe")
    assert unwritable(tmp_path) == "it is a folder, not a file"
    assert unwritable(tmp_path / "pipe") == "it is a named pipe (FIFO), not a file"
    assert unwritable(tmp_path / "a-file" / "sub" / "out.csv") == f"{tmp_path / 'a-file'} is not a folder"
    assert unwritable(tmp_path / "no" / "out.csv") == f"the folder {tmp_path / 'no'} does not exist; create it first"
    assert unwritable(tmp_path / ("x" * 300)) == "cannot be written (File name too long)"
    assert unwritable(tmp_path / "a\x00b") == "cannot be written (a file name cannot hold a NUL character)"
    assert unwritable(tmp_path / "a-file") is None and unwritable(tmp_path / "new.csv") is None
    real = os.access  # root may write anywhere: the answers of a locked folder and file
    monkeypatch.setattr(os, "access",
                        lambda p, mode, **kw: False if str(p).startswith(str(tmp_path)) else real(p, mode, **kw))
    assert unwritable(tmp_path / "new.csv") == f"the folder {tmp_path} is not writable"
    monkeypatch.setattr(os, "access", lambda p, mode, **kw: os.fspath(p) != str(tmp_path / "a-file"))
    assert unwritable(tmp_path / "a-file") == "cannot be written (the file is read-only)"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a-file", "pipe"]


def test_write_file_raises_the_error_asked_for_and_writes_bytes_or_text(tmp_path):
    with pytest.raises(ProgressError, match=r"^.*: it is a folder, not a file$"):
        write_file(tmp_path, b"x", ProgressError)
    with pytest.raises(CourseError, match="does not exist; create it first$"):
        write_file(tmp_path / "no" / "x.csv", "x")
    assert write_file(tmp_path / "t.csv", "é").read_bytes() == "é".encode("utf-8")
    assert write_file(tmp_path / "b.bin", b"\xff").read_bytes() == b"\xff"
