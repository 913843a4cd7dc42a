"""A class's exports turned into a gradebook CSV."""
from __future__ import annotations

import csv
import json

import pytest

from coursekit.cli import main
from coursekit.errors import DataError
from coursekit.progress.gradebook import grade_exports, read_export


def export(path, student, exported, banks):
    doc = {"format": "coursekit-answers", "version": 1, "student": student, "exported": exported,
           "banks": {b: {"score": s, "points": p, "answers": {f"q{i}": {} for i in range(n)}}
                     for b, (s, p, n) in banks.items()}}
    path.write_text(json.dumps(doc), encoding="utf-8")
    return path


def rows(path):
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.reader(fh))


def test_two_students_one_row_each(tmp_path):
    a = export(tmp_path / "a.json", "ana", "2026-01-01T10:00:00", {"00": (3, 4, 4), "01": (6.5, 13, 9)})
    b = export(tmp_path / "b.json", "ben", "2026-01-01T11:00:00", {"01": (13, 13, 9)})
    summary = grade_exports([a, b], tmp_path / "grades.csv")
    assert summary.startswith("graded 2 students from 2 files into")
    table = rows(tmp_path / "grades.csv")
    assert table[0] == ["student", "file", "exported", "00 (/4)", "01 (/13)", "total", "out of", "percent", "answers"]
    assert table[1][0] == "ana" and table[1][3:] == ["3", "6.5", "9.5", "17", "55.9", "13"]
    assert table[2][0] == "ben" and table[2][3:] == ["0", "13", "13", "17", "76.5", "9"]


def test_latest_export_of_a_student_wins(tmp_path):
    old = export(tmp_path / "old.json", "ana", "2026-01-01T10:00:00", {"01": (2, 13, 2)})
    new = export(tmp_path / "new.json", "ana", "2026-01-02T10:00:00", {"01": (9, 13, 9)})
    summary = grade_exports([new, old], tmp_path / "g.csv")
    assert "1 older export(s) of the same student were replaced" in summary
    assert rows(tmp_path / "g.csv")[1][3] == "9"


def test_bad_files_are_skipped_and_named(tmp_path):
    good = export(tmp_path / "good.json", "ana", "t", {"01": (1, 13, 1)})
    (tmp_path / "notes.txt").write_text("hello", encoding="utf-8")
    (tmp_path / "progress.json").write_text('{"format": "coursekit-progress"}', encoding="utf-8")
    summary = grade_exports([good, tmp_path / "notes.txt", tmp_path / "progress.json", tmp_path / "nope.json"],
                            tmp_path / "g.csv")
    assert "notes.txt: is not a readable JSON export (JSONDecodeError)" in summary
    assert 'progress.json: is not a coursekit answers export (no "format": "coursekit-answers")' in summary
    assert "nope.json: file not found" in summary


def test_no_usable_export_is_an_error(tmp_path):
    (tmp_path / "x.json").write_text("[]", encoding="utf-8")
    with pytest.raises(DataError, match="x.json: is not a coursekit answers export"):
        grade_exports([tmp_path / "x.json"], tmp_path / "g.csv")
    assert main(["grade", str(tmp_path / "x.json"), "--out", str(tmp_path / "g.csv")]) == 1


def test_spreadsheet_formulas_are_neutralised(tmp_path):
    bad = export(tmp_path / "e.json", "=HYPERLINK(\"http://x\")", "t", {"01": (1, 13, 1)})
    grade_exports([bad], tmp_path / "g.csv")
    assert rows(tmp_path / "g.csv")[1][0].startswith("'=")


def test_real_export_round_trip(tmp_path, monkeypatch):
    monkeypatch.setenv("COURSEKIT_PROGRESS", str(tmp_path / "p.json"))
    monkeypatch.setenv("COURSEKIT_STUDENT", "ana")
    from coursekit.progress.export import export_answers
    from coursekit.quizzes.widgets import quiz
    q = quiz("01_reading_the_article")
    v = next(v for v in q.questions if v.question.id == "article-paragraph-count")
    v.controls[0].value = "25"
    v.check_button.click()
    out = export_answers(tmp_path / "ana.json")
    r = read_export(out.path)
    assert r.student == "ana" and r.scores["01_reading_the_article"] == 1
    assert r.points["01_reading_the_article"] == 13 and r.points["00_start_here"] == 4
    assert main(["grade", str(out.path), "--out", str(tmp_path / "g.csv")]) == 0
