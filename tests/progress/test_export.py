"""The answers export: one JSON file of everything a student saved, and a link to download it."""
from __future__ import annotations

import contextlib
import errno
import json
import os
import re
import stat
import subprocess
import sys
import threading
from datetime import datetime
from types import SimpleNamespace

import pytest

from coursekit.course import load_course
from coursekit.errors import DataError, ExportError, Problem, ProgressError
from coursekit.progress import export
from coursekit.progress.export import (
    EXPORT_FORMAT,
    AnswersExport,
    default_export_path,
    export_answers,
    export_document,
    file_slug,
)
from coursekit.progress.gradebook import read_export
from coursekit.progress.store import ProgressStore
from coursekit.quizzes.bank import load_bank

def first_question(bank_id):
    """The id of a bank's first question (the banks change; the tests should not)."""
    return load_bank(bank_id).questions[0].id


REFLECTION = {"answer": "Consent is what lets the mission stay, act and be trusted by the people there.",
              "tries": 1, "score": 0, "points": 0, "status": "saved", "type": "reflection"}


#: Every test here has its own progress file, student id and exports folder (conftest.py).
pytestmark = pytest.mark.usefixtures("own_progress")


def test_export_answers_writes_one_file_and_a_download_link(own_progress, tmp_path, monkeypatch):
    own_progress.save("_example", "example-reflection", REFLECTION)
    monkeypatch.chdir(tmp_path)
    out = export_answers(tmp_path / "my answers" / "a&b.json")
    doc = json.loads(out.path.read_text(encoding="utf-8"))
    assert doc["format"] == "coursekit-answers" and doc["student"] == "test-student"
    assert doc["banks"]["_example"]["answers"]["example-reflection"]["answer"].startswith("Consent")
    html = out._repr_html_()
    assert '<a href="my answers/a&amp;b.json" download="a&amp;b.json" style="text-decoration: underline">' in html
    assert "Saved 1 answer from 1 quiz." in html
    assert str(out).startswith("Saved 1 answer from 1 quiz to my answers/a&b.json")
    assert repr(out) == str(out)


def test_every_lesson_is_listed_answered_or_not(own_progress, tmp_path):
    own_progress.save("01_reading_the_article", first_question("01_reading_the_article"),
                      {"answer": "25", "tries": 1, "score": 1.0, "points": 1.0, "status": "correct"})
    doc = json.loads(export_answers(tmp_path / "a.json").path.read_text(encoding="utf-8"))
    lesson = doc["banks"]["01_reading_the_article"]
    assert lesson["score"] == 1 and lesson["answered"] == 1 and lesson["points"] > 1
    assert lesson["title"] != "01_reading_the_article"  # the bank's own title
    untouched = doc["banks"]["00_start_here"]
    assert untouched["answers"] == {} and untouched["answered"] == 0 and untouched["points"] > 0


def test_the_wording_counts_answers_and_quizzes(tmp_path):
    many = AnswersExport(tmp_path / "x.json", "ana", answered=3, banks=2)
    assert str(many).startswith("Saved 3 answers from 2 quizzes to ")
    assert "Saved 3 answers from 2 quizzes." in many._repr_html_()
    none = AnswersExport(tmp_path / "x.json", "ana", answered=0, banks=0)
    assert str(none).startswith("Saved 0 answers from 0 quizzes")


def test_default_path_is_a_timestamped_file_in_the_exports_folder(tmp_path, monkeypatch):
    when = datetime(2026, 3, 1, 9, 30, 5)
    assert default_export_path(when) == tmp_path / "exports" / "answers-20260301-093005.json"
    assert default_export_path(when, "Ana Díaz").name == "answers-ana-diaz-20260301-093005.json"
    monkeypatch.delenv("COURSEKIT_EXPORTS")
    path = default_export_path(when)
    assert path.parent.name == "my-answers" and (path.parent.parent / "data" / "course.yaml").is_file()
    monkeypatch.setenv("COURSEKIT_EXPORTS", str(tmp_path / "exports"))
    out = export_answers()  # no path: the folder is made, the file named by the id and the time
    assert out.path.parent == tmp_path / "exports" and out.path.name.startswith("answers-test-student-2")
    assert json.loads(out.path.read_text(encoding="utf-8"))["format"] == EXPORT_FORMAT


def test_an_export_replaces_an_old_file_whole_and_leaves_no_temporary_file(own_progress, tmp_path):
    target = tmp_path / "a.json"
    target.write_text("old and much longer text " * 1000, encoding="utf-8")
    own_progress.save("05", "reflect", REFLECTION)
    export_answers(target)
    assert json.loads(target.read_text(encoding="utf-8"))["banks"]["05"]["answers"]["reflect"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.json", "progress.json", "progress.json.lock"]


def test_saved_answers_are_exported_even_when_a_bank_file_is_broken(own_progress, tmp_path, monkeypatch):
    def broken(data_dir=None):
        raise DataError([Problem("data/quizzes/03.yaml", None, None, None, "is not valid YAML")])

    monkeypatch.setattr("coursekit.quizzes.bank.load_all_banks", broken)
    own_progress.save("03_security_council", "veto", {"answer": "B", "tries": 1, "score": 1, "points": 1})
    out = export_answers(tmp_path / "a.json")
    doc = json.loads(out.path.read_text(encoding="utf-8"))
    assert list(doc["banks"]) == ["03_security_council"] and out.answered == 1


def test_export_document_holds_every_bank_given_and_every_bank_saved(own_progress, monkeypatch):
    monkeypatch.setenv("COURSEKIT_STUDENT", "ana")
    own_progress.save("05", "reflect", {"answer": "My thoughts", "tries": 1, "score": 0, "points": 0})
    banks = [SimpleNamespace(id="02", title="The timeline", questions=[SimpleNamespace(id="q", points=2)])]
    doc = export_document(own_progress, banks)
    assert doc["format"] == "coursekit-answers" and doc["version"] == export.EXPORT_VERSION
    assert doc["student"] == "ana" and doc["exported"]
    assert doc["banks"]["05"]["answers"]["reflect"]["answer"] == "My thoughts"
    assert doc["banks"]["02"] == {"title": "The timeline", "score": 0.0, "points": 2, "answered": 0,
                                  "questions": 1, "answers": {}}


def test_the_gradebook_reads_what_the_export_writes(own_progress, tmp_path):
    own_progress.save("01_reading_the_article", first_question("01_reading_the_article"),
                      {"answer": "25", "tries": 1, "score": 1.0, "points": 1.0})
    result = read_export(export_answers(tmp_path / "ana.json").path)
    assert result.student == "test-student" and "01_reading_the_article" in result.scores
    assert result.answered == 1  # its score is the gradebook's to give (test_gradebook.py)



def test_a_draft_alone_is_not_counted_as_an_answer(own_progress, tmp_path):
    # Text typed into a written answer is kept as a draft before Save; it is not an answer yet.
    own_progress.save("05_consent_and_legitimacy", "consent-reflection-civilians",
                      {"draft": "Half a thought", "tries": 0, "score": 0, "points": 0})
    own_progress.save("01_reading_the_article", first_question("01_reading_the_article"),
                      {"answer": "25", "tries": 1, "score": 1.0, "points": 1.0})
    out = export_answers(tmp_path / "ana.json")
    assert (out.answered, out.banks) == (1, 1)
    result = read_export(out.path)
    assert result.answered == 1 and result.answers["05_consent_and_legitimacy"] == 0

# -- named after the student ----------------------------------------------------------

def test_exports_are_named_after_the_saved_name_and_follow_a_change(own_progress):
    own_progress.set_name("Ana Díaz")
    first = export_answers()
    assert re.fullmatch(r"answers-ana-diaz-\d{8}-\d{6}\.json", first.path.name)
    doc = json.loads(first.path.read_text(encoding="utf-8"))
    assert doc["name"] == "Ana Díaz" and doc["student"] == "test-student"
    assert str(first).startswith("Saved 0 answers from 0 quizzes for Ana Díaz to ")
    assert "Tip:" not in first._repr_html_()
    own_progress.set_name("Ana María Díaz-Keita")
    second = export_answers()
    assert second.path.name.startswith("answers-ana-maria-diaz-keita-")
    assert json.loads(second.path.read_text(encoding="utf-8"))["name"] == "Ana María Díaz-Keita"
    own_progress.set_name("")
    third = export_answers()
    assert third.path.name.startswith("answers-test-student-") and "coursekit.my_name()" in third._repr_html_()


@pytest.mark.parametrize("name, slug", [
    ("Goïta\ud83d", "goita"),
    ("../../etc/passwd", "etc-passwd"),
    ("\u202eAna\u200f <script>", "ana-script"),
    ("C:\\Users\\Ana", "c-users-ana"),
    ("   ", ""),
    ("أحمد", ""),           # no Latin letters: the id names the file
    ("x" * 200, "x" * 40),
])
def test_a_name_becomes_safe_file_name_characters(name, slug):
    assert file_slug(name) == slug
    assert re.fullmatch(r"[a-z0-9-]*", file_slug(name))


def test_a_name_without_latin_letters_names_the_file_by_the_id(own_progress):
    own_progress.set_name("أحمد")
    out = export_answers()
    assert out.path.name.startswith("answers-test-student-")
    assert json.loads(out.path.read_text(encoding="utf-8"))["name"] == "أحمد"


def test_the_document_names_its_course_its_student_and_earlier_ids(own_progress, monkeypatch):
    monkeypatch.delenv("COURSEKIT_STUDENT")
    own_progress.merge({"01": {"q": {"answer": "a", "tries": 1, "saved": "2026-01-01T10:00:00+00:00"}}},
                       name="Ana", student="s-earlier")
    own_progress.merge({}, aliases=["s-first"])
    doc = export_document(own_progress)
    assert doc["version"] == 2 and doc["course"] == load_course().id
    assert (doc["student"], doc["name"], doc["aliases"]) == ("s-earlier", "Ana", ["s-first"])
    assert doc["banks"]["01"]["answers"]["q"]["saved"] == "2026-01-01T10:00:00+00:00"


def test_export_works_when_the_progress_file_cannot_be_written(own_progress, monkeypatch):
    monkeypatch.delenv("COURSEKIT_STUDENT")
    own_progress.save("05", "reflect", REFLECTION)
    own_progress.set_name("Ana")
    own_progress.lock_path.unlink()
    own_progress.lock_path.mkdir()  # nothing can be saved any more
    with pytest.raises(ProgressError):
        own_progress.save("05", "other", REFLECTION)
    out = export_answers()
    doc = json.loads(out.path.read_text(encoding="utf-8"))
    assert doc["banks"]["05"]["answers"]["reflect"]["answer"].startswith("Consent")
    assert doc["banks"]["05"]["answers"]["other"]["answer"].startswith("Consent")  # the one not saved
    assert doc["name"] == "Ana" and doc["student"].startswith("s-") and out.answered == 2
    assert out.unsaved == 1 and str(out).endswith(
        "Of these, 1 answer could not be saved in your progress file: this file is its only copy.")
    assert "this file is its only copy" in out._repr_html_()


def test_an_export_that_cannot_be_written_is_a_progress_error(own_progress, tmp_path):
    (tmp_path / "a-file").write_text("x", encoding="utf-8")
    with pytest.raises(ProgressError, match="could not write your answers to"):
        export_answers(tmp_path / "a-file" / "answers.json")


# -- the rescue: an export never needs the progress file to be writable ----------------

def no_writes_in(monkeypatch, folder, err=errno.EROFS):
    """Every write into ``folder`` fails as on a read-only (EROFS) or full (ENOSPC) disk,
    for root too: opening to write or create, renaming, making folders."""
    folder = os.path.abspath(folder)

    def inside(path):
        where = os.path.abspath(os.fspath(path))
        return where == folder or where.startswith(folder + os.sep)

    def guard(real, *which):
        opens = real is os.open

        def fake(*args, **kwargs):
            flags = args[1] if opens else os.O_CREAT
            if any(inside(args[i]) for i in which) and flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT):
                raise OSError(err, os.strerror(err), os.fspath(args[which[0]]))
            return real(*args, **kwargs)
        return fake
    monkeypatch.setattr(os, "open", guard(os.open, 0))
    monkeypatch.setattr(os, "replace", guard(os.replace, 1))
    monkeypatch.setattr(os, "mkdir", guard(os.mkdir, 0))


BIG = "01_reading_the_article"


@pytest.mark.parametrize("err", [errno.EROFS, errno.ENOSPC])
def test_with_no_id_saved_and_no_writable_progress_folder_the_quiz_and_export_hold_every_answer(
        tmp_path, monkeypatch, err):
    from coursekit.quizzes.widgets import quiz

    progress = tmp_path / "course" / ".coursekit" / "progress.json"
    monkeypatch.setenv("COURSEKIT_PROGRESS", str(progress))
    ids = [q.id for q in quiz(BIG).items]
    for qid in ids[:-1]:  # saved while COURSEKIT_STUDENT is set: no id in the file
        ProgressStore().save(BIG, qid, {"answer": "A", "tries": 1, "score": 1, "points": 1,
                                        "status": "correct", "finished": True})
    assert "student" not in json.loads(progress.read_text(encoding="utf-8"))
    progress.with_name("progress.json.lock").unlink()
    monkeypatch.delenv("COURSEKIT_STUDENT")
    no_writes_in(monkeypatch, progress.parent, err)
    shown = quiz(BIG)  # every saved answer shown, and why new ones cannot be saved
    assert f"{len(ids) - 1} of {len(ids)} answered" in shown.score.value
    assert "Your answers cannot be saved" in shown.notice.value
    assert "coursekit.export_answers()" in shown.notice.value
    with pytest.raises(ProgressError):  # an answer given now is kept in memory
        ProgressStore().save(BIG, ids[-1], {"answer": "B", "tries": 1, "score": 0, "points": 1})
    out = export_answers(tmp_path / "elsewhere" / "answers.json")
    doc = json.loads(out.path.read_text(encoding="utf-8"))
    assert set(doc["banks"][BIG]["answers"]) == set(ids) and out.answered == len(ids) and out.unsaved == 1
    assert doc["student"].startswith("s-") and doc["student"] == shown.student
    assert not progress.with_name("progress.json.lock").exists()  # nothing was written there


def test_a_fifo_at_the_progress_path_stops_neither_the_quiz_nor_the_export(own_progress, tmp_path):
    from coursekit.quizzes.widgets import quiz

    os.mkfifo(own_progress.path)
    waited = threading.Event()

    def release():  # should anything open the FIFO and wait, let it go on: the test fails below
        waited.set()
        for flags in (os.O_RDONLY | os.O_NONBLOCK, os.O_WRONLY | os.O_NONBLOCK):
            with contextlib.suppress(OSError):
                os.close(os.open(own_progress.path, flags))
    timer = threading.Timer(5, release)
    timer.start()
    try:
        shown = quiz(BIG)
        with pytest.raises(ProgressError):
            own_progress.save("05", "reflect", REFLECTION)
        out = export_answers(tmp_path / "answers.json")
    finally:
        timer.cancel()
    assert not waited.is_set() and out.answered == 1
    assert "progress.json is a named pipe (FIFO), not a file" in shown.notice.value
    assert json.loads(out.path.read_text(encoding="utf-8"))["banks"]["05"]["answers"]["reflect"]["tries"] == 1


@pytest.mark.parametrize("make, kind", [
    (lambda p: p.mkdir(), "a folder"),
    (lambda p: os.mkfifo(p), r"a named pipe \(FIFO\)"),
    (lambda p: (p.with_name("loop").symlink_to(p), p.symlink_to(p.with_name("loop"))), "a symbolic link loop"),
])
def test_an_export_path_that_is_not_a_file_is_one_line_and_left_alone(own_progress, tmp_path, make, kind):
    own_progress.save("05", "reflect", REFLECTION)
    target = tmp_path / "answers.json"
    make(target)
    before = os.lstat(target)
    with pytest.raises(ExportError, match=f"could not write your answers to .*answers.json: it is {kind}, not a file"):
        export_answers(target)
    after = os.lstat(target)
    assert (after.st_ino, after.st_mode) == (before.st_ino, before.st_mode)


def test_a_device_at_the_export_path_is_never_written_over(own_progress, tmp_path, monkeypatch):
    target = tmp_path / "answers.json"
    target.write_text("stands for a device", encoding="utf-8")
    real_stat = os.stat

    def device(path, *args, **kwargs):
        result = real_stat(path, *args, **kwargs)
        if os.fspath(path) == str(target):
            return os.stat_result((stat.S_IFCHR | 0o666,) + tuple(result)[1:])
        return result
    monkeypatch.setattr(os, "stat", device)
    with pytest.raises(ExportError, match="answers.json: it is a device, not a file"):
        export_answers(target)
    monkeypatch.undo()
    assert target.read_text(encoding="utf-8") == "stands for a device"


@pytest.mark.parametrize("err, words", [
    (errno.EROFS, r"Read-only file system \(the disk is read-only\)"),
    (errno.EACCES, "Permission denied"),
    (errno.ENOSPC, r"No space left on device \(the disk is full\)\. Free some space"),
])
def test_an_export_folder_that_cannot_be_written_is_one_line_saying_what_to_do(own_progress, tmp_path,
                                                                               monkeypatch, err, words):
    own_progress.save("05", "reflect", REFLECTION)
    (tmp_path / "exports").mkdir()
    with monkeypatch.context() as patched:
        no_writes_in(patched, tmp_path / "exports", err)
        with pytest.raises(ExportError, match=f"could not write your answers to .*exports.*{words}") as caught:
            export_answers()
    assert "\n" not in str(caught.value) and 'coursekit.export_answers("~/answers.json")' in str(caught.value)
    assert list((tmp_path / "exports").iterdir()) == []  # no temporary file left either
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    out = export_answers("~/answers.json")  # what the message says to do works
    assert out.path == tmp_path / "home" / "answers.json" and out.answered == 1


def test_an_export_folder_that_is_a_file_or_cannot_be_made_is_one_line(own_progress, tmp_path):
    (tmp_path / "a-file").write_text("x", encoding="utf-8")
    with pytest.raises(ExportError, match="a-file is a file, not a folder"):
        export_answers(tmp_path / "a-file" / "sub" / "answers.json")
    with pytest.raises(ExportError, match="could not write your answers to"):
        export_answers(tmp_path / "a-file" / "answers.json")


def test_an_interrupted_export_is_cleaned_up_by_the_next_one(own_progress, tmp_path):
    folder = tmp_path / "exports"
    folder.mkdir()
    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True,
                          text=True, check=True).stdout.strip()
    old = datetime.now().timestamp() - 60
    left = folder / f".answers-ana-20260101-100000.json.{gone}.abcd1234.tmp"
    mine = folder / f".notes.json.{gone}.abcd1234.tmp"
    for p in (left, mine):
        p.write_text("{", encoding="utf-8")
        os.utime(p, (old, old))
    out = export_answers()
    assert sorted(p.name for p in folder.iterdir()) == sorted([out.path.name, mine.name])
