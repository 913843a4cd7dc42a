"""coursekit.course and coursekit.datafiles.paths: the lesson list and finding the data folder."""
from __future__ import annotations

import pytest

from coursekit.course import check_course, load_course
from coursekit.errors import DataNotFoundError
from coursekit.datafiles.paths import data_dir


def test_lessons_are_listed_in_order():
    course = load_course()
    ids = [lesson.id for lesson in course.lessons]
    assert ids == sorted(ids) and ids[0] == "00_start_here"
    assert "01  Reading the article" in str(course)
    assert "href='01_reading_the_article.ipynb'" in course._repr_html_()


def test_bad_lesson_entries_are_reported(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # messages name files relative to here
    (tmp_path / "course.yaml").write_text(
        "id: t\ntitle: T\nlessons:\n  - id: Lesson One\n    title: x\n    summary: y\n    minutes: -3\n",
        encoding="utf-8")
    problems = [str(p) for p in check_course(tmp_path)]
    assert [p.split(": ")[:3] for p in problems] == [
        ["course.yaml:4", 'lesson "Lesson One"', "id"], ["course.yaml:7", 'lesson "Lesson One"', "minutes"]]
    assert "must look like 03_security_council" in problems[0]
    assert problems[1].endswith("must be at least 1 (it is -3)")


def test_missing_title_and_duplicate_lesson(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "course.yaml").write_text(
        "id: t\nlessons:\n  - {id: 00_a, title: A, summary: s, minutes: 5}\n"
        "  - {id: 00_a, title: B, summary: s, minutes: 5}\n", encoding="utf-8")
    problems = [str(p) for p in check_course(tmp_path)]
    assert problems == ["course.yaml:1: title: is missing",
                        'course.yaml:4: lesson "00_a": id: \'00_a\' is used twice (first on line 3)']


def test_the_course_has_an_id_that_exports_carry(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "course.yaml").write_text(
        "title: T\nlessons:\n  - {id: 00_a, title: A, summary: s, minutes: 5}\n", encoding="utf-8")
    assert [str(p) for p in check_course(tmp_path)] == ["course.yaml:1: id: is missing"]
    assert load_course().id == "peacekeeping-mali-minusma"


def test_data_dir_error_lists_where_it_looked(tmp_path, monkeypatch):
    monkeypatch.delenv("COURSEKIT_DATA", raising=False)
    with pytest.raises(DataNotFoundError, match="no course.yaml in it"):
        data_dir(tmp_path)
    monkeypatch.setenv("COURSEKIT_DATA", str(tmp_path))
    with pytest.raises(DataNotFoundError, match="COURSEKIT_DATA="):
        data_dir()
