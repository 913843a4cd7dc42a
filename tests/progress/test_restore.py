"""Bringing an earlier export back: merged answer by answer, refused whole when it is not ours."""
from __future__ import annotations

import contextlib
import json
import os
import threading

import pytest

from coursekit.course import load_course
from coursekit.progress.export import export_answers
from coursekit.progress.restore import MAX_BYTES, import_bytes, import_file
from coursekit.progress.store import ProgressStore

COURSE = load_course().id


@pytest.fixture(autouse=True)
def session(tmp_path, monkeypatch):
    """A Binder session: its own progress file, no fixed student id."""
    monkeypatch.setenv("COURSEKIT_PROGRESS", str(tmp_path / "session-1" / "progress.json"))
    monkeypatch.delenv("COURSEKIT_STUDENT", raising=False)
    monkeypatch.setenv("COURSEKIT_EXPORTS", str(tmp_path / "exports"))
    return ProgressStore()


def new_session(tmp_path, monkeypatch, n=2):
    monkeypatch.setenv("COURSEKIT_PROGRESS", str(tmp_path / f"session-{n}" / "progress.json"))
    return ProgressStore()


def answer(answer="x", tries=1, day=1, score=1.0):
    return {"answer": answer, "tries": tries, "score": score, "points": 1.0, "status": "correct",
            "saved": f"2026-01-0{day}T10:00:00+00:00"}


def export_doc(banks, name=None, student="s-then", course=COURSE, version=2, **extra):
    doc = {"format": "coursekit-answers", "version": version, "course": course, "student": student,
           "name": name, "aliases": [], "exported": "2026-01-09T10:00:00+00:00",
           "banks": {b: {"title": b, "score": 1, "points": 4, "answered": len(a), "questions": 4, "answers": a}
                     for b, a in banks.items()}}
    doc.update(extra)
    return json.dumps(doc).encode("utf-8")


def test_a_real_export_comes_back_whole_in_a_new_session(session, tmp_path, monkeypatch):
    from coursekit.quizzes.widgets import quiz

    q = quiz("00_start_here")
    view = q.questions[0]
    view.set_answer(view.question.answer)
    view.check_button.click()
    session.save("05_consent_and_legitimacy", "reflect", {"answer": "Goïta\ud83d", "tries": 1})
    session.set_name("Ana Díaz")
    first_id = session.student()
    exported = export_answers()

    fresh = new_session(tmp_path, monkeypatch)
    result = import_file(exported.path, fresh)
    assert result.ok, result.message
    assert result.message == (f"Brought back 2 answers from 2 quizzes of {exported.path.name}. Your name "
                               "“Ana Díaz” came back too. Run a quiz's cell again to see its restored answers.")
    assert fresh.name() == "Ana Díaz" and fresh.student() == first_id
    assert fresh.bank("05_consent_and_legitimacy")["reflect"]["answer"] == "Goïta\ufffd"
    again = quiz("00_start_here").questions[0]  # a quiz built afterwards shows the answer
    assert again.state.answered and again.get_answer() == view.question.answer
    assert "Restored" in again.feedback.value
    assert "<div" in result._repr_html_() and "✔" in result._repr_html_()


def test_the_later_try_wins_and_nothing_newer_is_overwritten(session):
    session.merge({"01": {"mine-more-tries": answer("mine", tries=3, day=1),
                          "mine-later": answer("mine", day=5),
                          "same": answer("same", day=1),
                          "theirs-later": answer("mine", day=1)}})
    data = export_doc({"01": {"mine-more-tries": answer("theirs", tries=2, day=8),
                              "mine-later": answer("theirs", day=2),
                              "same": answer("same", day=1),
                              "theirs-later": answer("theirs", day=3),
                              "theirs-only": answer("theirs")},
                       "02": {"q": answer("theirs", tries=2)}})
    result = import_bytes(data, "answers-ana.json", session)
    assert result.message == ("Brought back 3 answers from 2 quizzes of answers-ana.json; kept 2 newer answers of "
                              "this session; 1 was already here. Run a quiz's cell again to see its restored "
                              "answers.")
    banks = session.read()["banks"]
    assert {q: r["answer"] for q, r in banks["01"].items()} == {
        "mine-more-tries": "mine", "mine-later": "mine", "same": "same", "theirs-later": "theirs",
        "theirs-only": "theirs"}
    assert banks["02"]["q"]["tries"] == 2
    again = import_bytes(data, "answers-ana.json", session)  # twice is the same as once
    assert again.ok and again.message.startswith("Nothing new to bring back from answers-ana.json; kept 2")
    assert "Run a quiz" not in again.message


def test_the_id_carries_over_so_the_gradebook_sees_one_student(session, tmp_path, monkeypatch):
    now_id = session.student()  # a quiz made an id before the import
    result = import_bytes(export_doc({"01": {"q": answer()}}, student="s-then", aliases=["s-first"]),
                          "a.json", session)
    assert result.ok and session.student() == "s-then"
    assert session.identity().aliases == ("s-first", now_id)


def _unchanged(store, check):
    before = store.path.read_bytes() if store.path.exists() else None
    result = check()
    assert not result.ok and "; nothing was changed." in result.message
    assert "\n" not in result.message
    assert (store.path.read_bytes() if store.path.exists() else None) == before
    return result


@pytest.mark.parametrize("course", ["Another course: the Congo", None, ""])
def test_an_export_of_another_course_changes_nothing(session, course):
    session.save("01", "q", answer("mine"))
    result = _unchanged(session, lambda: import_bytes(export_doc({"01": {"q": answer("x", tries=5)}},
                                                                 course=course), "other.json", session))
    assert "other.json: it holds answers to another course" in result.message and COURSE in result.message


def test_a_version_1_export_is_taken_if_its_quizzes_are_this_courses(session):
    ok = import_bytes(export_doc({"01_reading_the_article": {"q": answer()}}, version=1, course=None),
                      "old.json", session)
    assert ok.ok and ok.report.brought == 1
    result = _unchanged(session, lambda: import_bytes(
        export_doc({"09_congo": {"q": answer()}}, version=1, course=None), "old.json", session))
    assert "quizzes this course does not have (09_congo)" in result.message


def _doc_with(record_text):
    return (b'{"format": "coursekit-answers", "version": 2, "course": ' + json.dumps(COURSE).encode()
            + b', "student": "s-1", "banks": {"01": {"answers": {"q": ' + record_text + b'}}}}')


@pytest.mark.parametrize("data, says", [
    (b"", "it is empty"),
    (b"{not json", "it is not readable JSON (line 1"),
    (b"\xff\xfe\x00garbage", "it is not a text file"),
    (b"[1, 2]", "it is not a coursekit answers export"),
    (b'{"format": "coursekit-progress", "version": 1, "banks": {}}', "it is not a coursekit answers export"),
    (b'{"format": "coursekit-answers", "version": 99, "banks": {}}', "made by a newer coursekit (export version 99"),
    (b'{"format": "coursekit-answers", "version": "2", "banks": {}}', "its version is not a number"),
    (b'{"format": "coursekit-answers", "version": 2, "banks": []}', 'no "banks" part'),
    (_doc_with(b'{"tries": NaN}'), "a number that is not finite (NaN)"),
    (_doc_with(b'{"tries": 1, "score": Infinity}'), "a number that is not finite (Infinity)"),
    (_doc_with(b'{"tries": 1, "score": -Infinity}'), "a number that is not finite (-Infinity)"),
    (_doc_with(b'{"tries": 1, "score": 1e999}'), "a number too large to be a score"),
    (_doc_with(b'{"tries": 1, "score": "1"}'), 'quiz "01", question "q": score is not a number'),
    (_doc_with(b'{"tries": true}'), 'quiz "01", question "q": tries is not a number'),
    (_doc_with(b'{"tries": -1}'), "tries is below 0"),
    (_doc_with(b'{"tries": 1, "saved": 5}'), "saved is not a time"),
    (_doc_with(b'"just text"'), 'question "q" is not a saved answer'),
    (_doc_with(b'{"tries": 1' + b"0" * 5000 + b"}"), "a number too long"),
    (_doc_with(b"[" * 100_000 + b"]" * 100_000), "it is not readable JSON"),
    (_doc_with(b'{"tries": 1}').replace(b'"student": "s-1"', b'"student": 7'), "student is not text"),
    (_doc_with(b'{"tries": 1}').replace(b'"student": "s-1"', b'"name": "' + b"A" * 200 + b'"'),
     "name in it is too long"),
    (_doc_with(b'{"tries": 1}').replace(b'"student": "s-1"', b'"aliases": "s-0"'), "aliases is not a list"),
    (_doc_with(b"{}").replace(b'{"answers"', b'{"score": NaN, "answers"'), "not finite (NaN)"),
])
def test_a_damaged_file_gets_one_line_and_changes_nothing(session, data, says):
    session.save("01", "q", answer("mine"))
    result = _unchanged(session, lambda: import_bytes(data, "my answers.json", session))
    assert result.message.startswith("my answers.json: ") and says in result.message, result.message


def test_a_file_too_large_or_with_no_answers_changes_nothing(session):
    result = _unchanged(session, lambda: import_bytes(b" " * (MAX_BYTES + 1), "big.json", session))
    assert "it is too large (21 MB)" in result.message
    result = _unchanged(session, lambda: import_bytes(export_doc({"01": {}}), "empty.json", session))
    assert result.message == "empty.json: it holds no answers; nothing was changed."


def test_another_students_file_changes_nothing(session):
    session.set_name("Ana Díaz")
    session.save("01", "q", answer("mine"))
    result = _unchanged(session, lambda: import_bytes(
        export_doc({"01": {"q": answer("theirs", tries=4)}}, name="Ben Okoro"), "ben.json", session))
    assert result.message == ("ben.json: it holds the answers of “Ben Okoro”, not of “Ana Díaz” (the name saved "
                              "here); nothing was changed. If both are you, change your name with "
                              "coursekit.my_name() first.")
    same = import_bytes(export_doc({"01": {"q": answer("theirs", tries=4)}}, name="ana  DIAZ"), "a.json", session)
    assert same.ok and session.name() == "Ana Díaz"  # the name saved here stays as written


def test_a_file_with_hostile_text_is_brought_back_cleaned(session):
    data = export_doc({"05": {"r\ud83d": answer("Goïta\ud83d\x00\u202e")}}, name="Goïta\ud83d")
    result = import_bytes(data, "a.json", session)
    assert result.ok and session.name() == "Goïta"
    assert session.bank("05")["r\ufffd"]["answer"] == "Goïta\ufffd\x00\u202e"


def test_a_path_is_found_from_the_lesson_or_the_course_folder(session, tmp_path, monkeypatch):
    session.save("01", "q", answer())
    out = export_answers()
    fresh = new_session(tmp_path, monkeypatch)
    elsewhere = tmp_path / "notebooks"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    result = import_file(f"my-answers/{out.path.name}", fresh)  # as the lesson shows it
    assert result.ok and fresh.bank("01")["q"]["answer"] == "x"


def test_a_path_that_is_not_a_file_changes_nothing(session, tmp_path):
    result = _unchanged(session, lambda: import_file("my-answers/answers-nobody.json", session))
    assert result.message.startswith("my-answers/answers-nobody.json: there is no such file; nothing was changed.")
    assert "coursekit.import_answers() without a name" in result.message
    result = _unchanged(session, lambda: import_file(tmp_path, session))
    assert "it is a folder, not a file" in result.message
    result = _unchanged(session, lambda: import_file("answers-Goïta\ud83d\x00.json", session))
    assert result.message.startswith("answers-Goïta\ufffd\x00.json: there is no such file")


def test_a_fifo_or_a_link_loop_given_as_the_file_is_one_line_and_never_opened(session, tmp_path):
    fifo = tmp_path / "answers.json"
    os.mkfifo(fifo)
    waited = threading.Event()

    def release():  # should the import open the FIFO and wait, let it go on: the test fails below
        waited.set()
        with contextlib.suppress(OSError):
            os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
    timer = threading.Timer(5, release)
    timer.start()
    try:
        result = _unchanged(session, lambda: import_file(fifo, session))
    finally:
        timer.cancel()
    assert not waited.is_set() and "answers.json: it is a named pipe (FIFO), not a file" in result.message
    (tmp_path / "a.json").symlink_to(tmp_path / "b.json")
    (tmp_path / "b.json").symlink_to(tmp_path / "a.json")
    result = _unchanged(session, lambda: import_file(tmp_path / "a.json", session))
    assert "a.json: it is a symbolic link loop, not a file; nothing was changed." in result.message


def test_answers_brought_back_where_nothing_can_be_saved_are_kept_in_the_session(session, tmp_path,
                                                                                 monkeypatch):
    monkeypatch.delenv("COURSEKIT_STUDENT", raising=False)
    (tmp_path / "a-file").write_text("x", encoding="utf-8")
    monkeypatch.setenv("COURSEKIT_PROGRESS", str(tmp_path / "a-file" / "progress.json"))
    blocked = ProgressStore()
    result = import_bytes(export_doc({"01": {"q": answer()}}, name="Ana"), "a.json", blocked)
    assert result.ok and result.message.startswith("Brought back 1 answer from 1 quiz of a.json.")
    assert ("They could not be saved to your progress file (cannot save answers in" in result.message
            and "a-file is a file, not a folder): they are kept in this session only, so run "
                "coursekit.export_answers() before you leave." in result.message)
    assert blocked.bank("01")["q"]["answer"] == "x" and blocked.name() == "Ana"
    again = import_bytes(export_doc({"01": {"q": answer()}}, name="Ana"), "a.json", blocked)
    assert again.message.startswith("Nothing new to bring back from a.json; 1 was already here.")
    monkeypatch.setenv("COURSEKIT_EXPORTS", str(tmp_path / "exports"))
    doc = json.loads(export_answers().path.read_text(encoding="utf-8"))
    assert doc["banks"]["01"]["answers"]["q"]["answer"] == "x"
    assert (doc["name"], doc["student"]) == ("Ana", "s-then")  # the earlier id: one row in the gradebook
