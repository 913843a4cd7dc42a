"""The progress file: saved at once, atomically, shared by two kernels, corrupt files set aside."""
from __future__ import annotations

import json
import multiprocessing
from types import SimpleNamespace

import pytest

from coursekit.progress.store import FORMAT, VERSION, ProgressStore, default_path, scores_by_bank


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
    from coursekit.errors import ProgressError
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
