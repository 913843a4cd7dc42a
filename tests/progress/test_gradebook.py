"""A class's exports turned into a gradebook CSV."""
from __future__ import annotations

import csv
import json

import pytest

from coursekit.cli import main
from coursekit.errors import DataError
from coursekit.progress.gradebook import StudentResult, grade_exports, group_results, read_export


def export(path, student, exported, banks, name=None, aliases=(), tries=1, saved=""):
    answer = {"tries": tries, "saved": saved} if saved else {}
    doc = {"format": "coursekit-answers", "version": 2, "student": student, "exported": exported,
           "name": name, "aliases": list(aliases),
           "banks": {b: {"score": s, "points": p, "answers": {f"q{i}": dict(answer) for i in range(n)}}
                     for b, (s, p, n) in banks.items()}}
    path.write_text(json.dumps(doc), encoding="utf-8")
    return path


def rows(path):
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.reader(fh))


def test_two_students_one_row_each(tmp_path):
    a = export(tmp_path / "a.json", "ana", "2026-01-01T10:00:00", {"00": (3, 4, 4), "01": (6.5, 13, 9)})
    b = export(tmp_path / "b.json", "ben", "2026-01-01T11:00:00", {"01": (13, 13, 9)}, name="Ben Okoro")
    summary = grade_exports([a, b], tmp_path / "grades.csv")
    assert summary.startswith("graded 2 students from 2 files into")
    table = rows(tmp_path / "grades.csv")
    assert table[0] == ["student", "name", "file", "exported", "00 (/4)", "01 (/13)", "total", "out of",
                        "percent", "answers"]
    assert table[1][:2] == ["ben", "Ben Okoro"] and table[1][4:] == ["0", "13", "13", "17", "76.5", "9"]
    assert table[2][:2] == ["ana", ""] and table[2][4:] == ["3", "6.5", "9.5", "17", "55.9", "13"]


def test_latest_export_of_a_student_wins(tmp_path):
    old = export(tmp_path / "old.json", "ana", "2026-01-01T10:00:00", {"01": (2, 13, 2)})
    new = export(tmp_path / "new.json", "ana", "2026-01-02T10:00:00", {"01": (9, 13, 9)})
    summary = grade_exports([new, old], tmp_path / "g.csv")
    assert "1 student(s) had several exports: each got one row" in summary
    table = rows(tmp_path / "g.csv")
    assert len(table) == 2 and table[1][4] == "9"
    assert [f.rsplit("/", 1)[-1] for f in table[1][2].split(" + ")] == ["old.json", "new.json"]


def test_one_student_over_several_sessions_gets_one_row(tmp_path):
    # Session 1 (lessons 00-01, name saved), then a new session without bringing it back and no
    # name (01 again, 02), then one that brought session 2 back (its own id, session 2's as alias)
    # and saved the name again, and one with the name in other letters: one student, one row,
    # each quiz from the session that went furthest.
    s1 = export(tmp_path / "s1.json", "s-1", "2026-01-01T10:00:00", {"00": (4, 4, 4), "01": (9, 13, 9)},
                name="Ana Díaz", tries=1, saved="2026-01-01T09:00:00+00:00")
    s2 = export(tmp_path / "s2.json", "s-2", "2026-01-02T10:00:00", {"01": (1, 13, 1), "02": (3, 10, 3)},
                tries=1, saved="2026-01-02T09:00:00+00:00")
    s3 = export(tmp_path / "s3.json", "s-3", "2026-01-03T10:00:00", {"02": (5, 10, 5), "03": (2, 8, 2)},
                aliases=["s-2"], tries=1, saved="2026-01-03T09:00:00+00:00", name="ana díaz")
    s4 = export(tmp_path / "s4.json", "s-4", "2026-01-04T10:00:00", {"04": (1, 5, 1)}, name="ANA  DIAZ")
    other = export(tmp_path / "ben.json", "s-9", "2026-01-04T10:00:00", {"01": (13, 13, 9)}, name="Ben")
    nameless = export(tmp_path / "s-8.json", "s-8", "2026-01-04T10:00:00", {"01": (1, 13, 1)})
    summary = grade_exports([s4, other, s3, s1, nameless, s2], tmp_path / "g.csv")
    assert summary.startswith("graded 3 students from 6 files into")
    table = {r[0]: r for r in rows(tmp_path / "g.csv")[1:]}
    assert set(table) == {"s-4", "s-9", "s-8"}
    ana = table["s-4"]
    assert ana[1] == "ANA  DIAZ" and ana[3] == "2026-01-04T10:00:00"
    assert ana[4:] == ["4", "9", "5", "2", "1", "21", "40", "52.5", "21"]  # 00, 01 from s1; 02 from s3
    assert [f.rsplit("/", 1)[-1] for f in ana[2].split(" + ")] == ["s1.json", "s2.json", "s3.json", "s4.json"]
    assert "check:" not in summary


def test_the_same_quiz_in_two_sessions_counts_the_one_that_went_further(tmp_path):
    ahead = export(tmp_path / "a.json", "s-1", "2026-01-01T10:00:00", {"01": (3, 13, 3)}, name="Ana",
                   tries=3, saved="2026-01-01T09:00:00+00:00")
    later = export(tmp_path / "b.json", "s-2", "2026-01-02T10:00:00", {"01": (2, 13, 3)}, name="Ana",
                   tries=1, saved="2026-01-02T09:00:00+00:00")
    grade_exports([ahead, later], tmp_path / "g.csv")
    assert rows(tmp_path / "g.csv")[1][4] == "3"


def test_two_names_sharing_an_id_get_one_row_and_a_note(tmp_path):
    typo = export(tmp_path / "a.json", "s-1", "2026-01-01T10:00:00", {"01": (3, 13, 3)}, name="Ana Dias")
    fixed = export(tmp_path / "b.json", "s-1", "2026-01-02T10:00:00", {"01": (5, 13, 5)}, name="Ana Diaz")
    summary = grade_exports([typo, fixed], tmp_path / "g.csv")
    assert "check: “Ana Dias” and “Ana Diaz” share a student id and were given one row" in summary
    assert rows(tmp_path / "g.csv")[1][1] == "Ana Diaz"


def test_group_results_joins_by_name_id_and_alias():
    def r(student, name=None, aliases=()):
        return StudentResult(student, student, "", name=name, aliases=aliases)
    groups = group_results([r("s-1", "Ana"), r("s-2"), r("s-3", aliases=("s-2",)), r("s-4", "ana"),
                            r("s-3"), r("s-5", "Ben")])
    assert sorted(sorted(x.student for x in g) for g in groups) == [["s-1", "s-4"], ["s-2", "s-3", "s-3"], ["s-5"]]


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


def test_scores_that_are_not_finite_numbers_make_a_file_skipped(tmp_path):
    good = export(tmp_path / "good.json", "ana", "t", {"01": (1, 13, 1)})
    bad = tmp_path / "nan.json"
    bad.write_text('{"format": "coursekit-answers", "version": 2, "student": "ben", '
                   '"banks": {"01": {"score": NaN, "points": 13}}}', encoding="utf-8")
    summary = grade_exports([good, bad], tmp_path / "g.csv")
    assert "nan.json: bank 01: score or points is not a number" in summary
