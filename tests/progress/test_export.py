"""The answers export: one JSON file of everything a student saved, and a link to download it."""
from __future__ import annotations

import json
import re
from datetime import datetime
from types import SimpleNamespace

import pytest

from coursekit.course import load_course
from coursekit.errors import DataError, Problem, ProgressError
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

REFLECTION = {"answer": "Consent is what lets the mission stay, act and be trusted by the people there.",
              "tries": 1, "score": 0, "points": 0, "status": "saved", "type": "reflection"}


@pytest.fixture(autouse=True)
def own_progress(tmp_path, monkeypatch):
    monkeypatch.setenv("COURSEKIT_PROGRESS", str(tmp_path / "progress.json"))
    monkeypatch.setenv("COURSEKIT_STUDENT", "test-student")
    monkeypatch.setenv("COURSEKIT_EXPORTS", str(tmp_path / "exports"))
    return ProgressStore()


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
    own_progress.save("01_reading_the_article", "article-paragraph-count",
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
    own_progress.save("01_reading_the_article", "article-paragraph-count",
                      {"answer": "25", "tries": 1, "score": 1.0, "points": 1.0})
    result = read_export(export_answers(tmp_path / "ana.json").path)
    assert result.student == "test-student" and result.scores["01_reading_the_article"] == 1
    assert result.answered == 1



def test_a_draft_alone_is_not_counted_as_an_answer(own_progress, tmp_path):
    # Text typed into a written answer is kept as a draft before Save; it is not an answer yet.
    own_progress.save("05_consent_and_legitimacy", "consent-reflection-civilians",
                      {"draft": "Half a thought", "tries": 0, "score": 0, "points": 0})
    own_progress.save("01_reading_the_article", "article-paragraph-count",
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
    assert doc["name"] == "Ana" and doc["student"].startswith("s-") and out.answered == 1


def test_an_export_that_cannot_be_written_is_a_progress_error(own_progress, tmp_path):
    (tmp_path / "a-file").write_text("x", encoding="utf-8")
    with pytest.raises(ProgressError, match="could not write your answers to"):
        export_answers(tmp_path / "a-file" / "answers.json")
