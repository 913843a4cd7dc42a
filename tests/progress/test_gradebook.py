"""The gradebook: exports regraded against the course's banks, and every manipulation caught."""
from __future__ import annotations

import copy
import csv
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coursekit.cli import main
from coursekit.course import load_course
from coursekit.errors import CourseError
from coursekit.progress.gradebook import Regraded, companion_paths, group_exports, read_export, regrade_answer
from coursekit.quizzes import questions as qm
from coursekit.quizzes.bank import load_all_banks


ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def data(tmp_path_factory):
    """A copy of the course's data: the banks these tests grade against stay as they were read."""
    copied = tmp_path_factory.mktemp("course") / "data"
    shutil.copytree(ROOT / "data", copied)
    return copied


@pytest.fixture(scope="module")
def banks(data):
    return load_all_banks(data)


@pytest.fixture(scope="module")
def course(data):
    return load_course(data).id


@pytest.fixture
def grade_exports(data):
    """The gradebook, against the copied data."""
    from coursekit.progress import gradebook

    return lambda files, out, **kw: gradebook.grade_exports(files, out, data_dir=data, **kw)


def graded(banks, bank_id="01_reading_the_article", penalised=False):
    """The graded questions of a bank (those with tries left to lose points on, if ``penalised``)."""
    bank = next(b for b in banks if b.id == bank_id)
    return [q for q in bank.questions if q.graded and q.points > 0
            and (not penalised or (q.max_tries >= 2 and q.penalty_fraction > 0))]


def numeric(banks):
    return next(q for b in banks for q in b.questions if q.type == "numeric")


def _record(question, answer, tries=1):
    """What the quiz saves after ``tries`` tries, the last with ``answer`` (the widgets' own code)."""
    state = qm.QuestionState(tries=tries - 1)
    try:
        counted = qm.submit(question, state, answer).counted
    except ValueError:  # "x" where a matching question wants pairs
        counted = False
    if not counted:  # what a hand-edited file holds
        return {"answer": answer, "tries": tries, "score": 0.0, "points": question.points,
                "saved": "2026-03-01T10:00:00+00:00"}
    return {**state.to_record(question), "saved": "2026-03-01T10:00:00+00:00"}


def honest(banks, course, student="s-ana", name="Ana Díaz", exported="2026-03-01T10:00:00+00:00",
           answer=lambda q: q.correct_answer(), only=None):
    """An export as coursekit.export_answers() writes it, every question answered with ``answer(q)``."""
    out = {}
    for b in banks:
        if only is not None and b.id not in only:
            continue
        records = {q.id: _record(q, answer(q)) for q in b.questions}
        score = sum(r["score"] for r in records.values())
        out[b.id] = {"title": b.title, "score": score, "points": b.points, "answered": len(records),
                     "questions": len(b.questions), "answers": records}
    return {"format": "coursekit-answers", "version": 2, "course": course, "student": student, "name": name,
            "aliases": [], "exported": exported, "banks": out}


def write(path, doc):
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return path


def rows(path):
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.reader(fh))


def by_student(path):
    table = rows(path)
    return {r[0]: dict(zip(table[0], r)) for r in table[1:]}


def grade(tmp_path, data, *docs, **kw):
    from coursekit.progress import gradebook

    files = [d if isinstance(d, os.PathLike) else write(tmp_path / f"e{i}.json", d) for i, d in enumerate(docs)]
    book = gradebook.grade_exports(files, tmp_path / "grades.csv", data_dir=data, **kw)
    return book, by_student(tmp_path / "grades.csv")


def full(banks):
    return sum(b.points for b in banks)


def points(banks, bank_id):
    return next(b.points for b in banks if b.id == bank_id)


def col(banks, bank_id):
    """The gradebook's column of a bank: its id and its points."""
    return next(f"{b.id} (/{b.points:g})" for b in banks if b.id == bank_id)


def test_an_honest_export_gets_full_marks_and_nothing_is_reported(tmp_path, data, banks, course):
    book, table = grade(tmp_path, data, honest(banks, course))
    ana = table["s-ana"]
    assert ana["name"] == "Ana Díaz" and float(ana["total"]) == full(banks) == float(ana["out of"])
    assert ana["percent"] == "100" and ana["flags"] == "0"
    assert book.report().endswith("nothing to report")
    assert rows(tmp_path / "grades-flags.csv") == [["file", "where", "what"]]


def test_self_awarded_marks_are_regraded_to_nothing(tmp_path, data, banks, course):
    # The one-line notebook call: every question saved as "x" with full marks.
    doc = honest(banks, course)
    for b in doc["banks"].values():
        for r in b["answers"].values():
            r.update(answer="x", score=r["points"], credit=1, status="correct")
    book, table = grade(tmp_path, data, doc)
    assert float(table["s-ana"]["total"]) == 0 and table["s-ana"]["percent"] == "0"
    flags = rows(tmp_path / "grades-flags.csv")[1:]
    q = graded(banks)[0]
    assert [f for f in flags if f[1] == f'bank "01_reading_the_article", question "{q.id}"'][0][2].endswith(
        f"claims {q.points:g}; regraded 0/{q.points:g}")
    assert f"… and {len(flags) - 8} more (see " in book.report()
    scored = sum(1 for b in banks for x in b.questions if x.graded and x.points)
    assert sum(1 for f in flags if "; regraded 0/" in f[2]) == scored


def test_a_claimed_score_above_the_answer_is_reported_and_ignored(tmp_path, data, banks, course):
    doc = honest(banks, course, answer=lambda q: q.correct_answer(), only={"01_reading_the_article"})
    q = graded(banks)[0]
    record = doc["banks"]["01_reading_the_article"]["answers"][q.id]
    record.update(answer="x", score=q.points)  # a wrong answer, claimed right
    doc["banks"]["01_reading_the_article"]["score"] = 1e6
    book, table = grade(tmp_path, data, doc)
    assert float(table["s-ana"][col(banks, "01_reading_the_article")]) == \
        points(banks, "01_reading_the_article") - q.points
    assert (f'bank "01_reading_the_article", question "{q.id}": answer cannot be graded' in book.report())
    assert f"claims {q.points:g}; regraded 0/{q.points:g}" in book.report()


def test_inflated_points_never_change_the_out_of(tmp_path, data, banks, course):
    mine = honest(banks, course)
    evil = honest(banks, course, student="s-evil", name="Eve")
    for b in evil["banks"].values():
        b["points"] = b["score"] = 1e6
        for r in b["answers"].values():
            r["points"] = r["score"] = 1e6
    book, table = grade(tmp_path, data, mine, evil)
    assert {r["out of"] for r in table.values()} == {f"{full(banks):g}"}
    assert float(table["s-evil"]["total"]) == full(banks)  # the right answers still earn their points
    header = rows(tmp_path / "grades.csv")[0]
    assert [h for h in header if h.startswith(tuple(b.id for b in banks))] == \
        [f"{b.id} (/{b.points:g})" for b in banks]
    assert f'bank "00_start_here": claims 1e+06 points; the bank has {points(banks, "00_start_here"):g}' \
        in book.report()


NON_FINITE = """{"format": "coursekit-answers", "version": 2, "course": COURSE, "student": "s-nan",
 "exported": "2026-03-01T10:00:00+00:00",
 "banks": {"01_reading_the_article": {"score": NaN, "points": Infinity, "answers": {
    "Q1": {"answer": ANSWER1, "tries": NaN, "score": Infinity},
    "Q2": {"answer": ANSWER2, "tries": 1, "score": -Infinity},
    "Q3": {"answer": "x", "tries": 1""" + "1" * 5000 + """, "score": 1}}}}}"""


def test_not_finite_numbers_are_reported_and_the_rest_is_graded(tmp_path, data, banks, course):
    count = graded(banks, penalised=True)[0]
    q, other = [x for x in graded(banks) if x is not count][:2]
    text = NON_FINITE.replace("COURSE", json.dumps(course))
    for key, value in (("Q1", count.id), ("Q2", q.id), ("Q3", other.id), ("ANSWER1", count.correct_answer()),
                       ("ANSWER2", q.correct_answer())):
        text = text.replace(key, json.dumps(value) if key.startswith("ANSWER") else value)
    path = tmp_path / "nan.json"
    path.write_text(text, encoding="utf-8")
    book, table = grade(tmp_path, data, path)
    report = book.report()
    assert 'bank "01_reading_the_article": claims Infinity points' in report
    assert "try count NaN is not a whole number from 1 up; graded as the last allowed try" in report
    assert "claimed score Infinity is not a number" in report and "claimed score -Infinity" in report
    # A 5,000-digit count does not stop the file being read.
    assert f'question "{other.id}": try count Infinity is not a whole number' in report
    last = count.max_tries
    expected = count.points * max(0.0, 1 - count.penalty_fraction * (last - 1)) + q.points
    assert float(table["s-nan"][col(banks, "01_reading_the_article")]) == pytest.approx(expected, abs=1e-4)


def test_invented_banks_and_questions_are_ignored_and_reported(tmp_path, data, banks, course):
    doc = honest(banks, course, only={"00_start_here"})
    doc["banks"]["99_congo"] = {"score": 50, "points": 50, "answers": {"q": {"answer": "x", "tries": 1, "score": 50}}}
    doc["banks"]["00_start_here"]["answers"]["made-up"] = {"answer": "x", "tries": 1, "score": 10, "points": 10}
    book, table = grade(tmp_path, data, doc)
    assert float(table["s-ana"]["total"]) == points(banks, "00_start_here")
    assert float(table["s-ana"]["out of"]) == full(banks)
    assert not any("99_congo" in h for h in rows(tmp_path / "grades.csv")[0])
    assert 'bank "99_congo": not a bank of this course; ignored' in book.report()
    assert 'bank "00_start_here", question "made-up": not a question of this bank; ignored' in book.report()


def test_an_export_of_another_course_is_refused(tmp_path, data, banks, course, grade_exports):
    other = honest(banks, "congo-monusco", student="s-other", name="Other")
    book, table = grade(tmp_path, data, honest(banks, course), other)
    assert set(table) == {"s-ana"}
    assert 'course: is an export of another course ("congo-monusco", not "peacekeeping-mali-minusma")' \
        in book.report()
    with pytest.raises(CourseError, match="no export could be graded: .*another course"):
        grade_exports([write(tmp_path / "o.json", other)], tmp_path / "g.csv")


def test_a_forged_name_with_a_later_date_never_replaces_the_real_row(tmp_path, data, banks, course):
    real = honest(banks, course, exported="2026-03-01T10:00:00+00:00")
    forged = honest(banks, course, student="s-forger", name="ana diaz", exported="2026-12-31T23:59:59+00:00",
                    answer=lambda q: "x")
    book, table = grade(tmp_path, data, real, forged)
    assert set(table) == {"s-ana", "s-forger"}
    assert float(table["s-ana"]["total"]) == full(banks) and float(table["s-forger"]["total"]) == 0
    assert table["s-ana"]["flags"] == "1"
    assert "“Ana Díaz” is also the name on another student id: s-forger" in book.report()


def _hostile_files(banks, course):
    """What a classmate who knows the format, the name and the course can send."""
    base = honest(banks, course, student="s-evil", name="Ana Díaz", exported="2099-01-01T00:00:00+00:00",
                  answer=lambda q: "x")
    inflated = copy.deepcopy(base)
    for b in inflated["banks"].values():
        b["points"] = b["score"] = 1e6
        for r in b["answers"].values():
            r.update(points=1e6, score=1e6, tries=0.5)
    invented = copy.deepcopy(base)
    invented["banks"]["99_congo"] = {"score": 1e6, "points": 1e6, "answers": {"q": {"answer": 1, "tries": 1}}}
    other_course = {**copy.deepcopy(base), "course": "another"}
    alias_claim = {**copy.deepcopy(base), "aliases": ["s-someone-else"], "name": "Ben"}
    return {"forged name, later date": base, "inflated points": inflated, "invented bank": invented,
            "another course": other_course, "claims another session": alias_claim,
            "not JSON": "{{{", "NaN everywhere": '{"format": "coursekit-answers", "version": 2, '
            '"course": ' + json.dumps(course) + ', "student": "s-nan", "banks": {"00_start_here": '
            '{"score": NaN, "points": NaN, "answers": {"start-export-function": {"answer": NaN, "tries": NaN}}}}}'}


def test_an_honest_grade_never_changes_when_another_file_is_added(tmp_path, banks, course, grade_exports):
    ana = honest(banks, course, answer=lambda q: q.correct_answer() if len(q.id) % 2 else "x")
    ben = honest(banks, course, student="s-ben", name="Ben", exported="2026-03-02T10:00:00+00:00")
    hostile = _hostile_files(banks, course)
    kept = ["student", "name", "exported", "total", "out of", "percent", "answers"] + \
        [f"{b.id} (/{b.points:g})" for b in banks]

    def honest_rows(extra, folder):
        folder.mkdir()
        files = [write(folder / "ana.json", ana), write(folder / "ben.json", ben)]
        for i, doc in enumerate(extra):
            path = folder / f"h{i}.json"
            path.write_text(doc if isinstance(doc, str) else json.dumps(doc), encoding="utf-8")
            files.append(path)
        grade_exports(files, folder / "g.csv")
        table = by_student(folder / "g.csv")
        return {s: {k: table[s][k] for k in kept} for s in ("s-ana", "s-ben")}

    alone = honest_rows([], tmp_path / "alone")
    assert 0 < float(alone["s-ana"]["total"]) < full(banks)
    for i, (what, doc) in enumerate(hostile.items()):
        assert honest_rows([doc], tmp_path / f"one{i}") == alone, what
    assert honest_rows(list(hostile.values()), tmp_path / "all") == alone
    # Even a file that knows Ana's random id (her own, or as an earlier session) and was
    # exported later can only add to her row, never lower it: each question keeps its best.
    knows_id = {**copy.deepcopy(hostile["inflated points"]), "student": "s-ana"}
    continues = {**copy.deepcopy(hostile["forged name, later date"]), "aliases": ["s-ana"]}
    scores = [k for k in kept if k not in ("exported", "answers")]
    for i, doc in enumerate((knows_id, continues)):
        with_it = honest_rows([doc], tmp_path / f"id{i}")
        assert {k: with_it["s-ana"][k] for k in scores} == {k: alone["s-ana"][k] for k in scores}


def test_tries_are_the_students_claim_within_the_questions_rules(tmp_path, banks):
    q = graded(banks, penalised=True)[0]
    right = q.correct_answer()
    notes: list[str] = []
    assert regrade_answer(q, {"answer": right, "tries": 1}, notes.append) == q.points
    assert regrade_answer(q, {"answer": right, "tries": 2}, notes.append) == pytest.approx(
        q.points * (1 - q.penalty_fraction))
    assert not notes
    for claimed in (0, -1, 1.5, "1", True, None, float("nan")):
        notes.clear()
        assert regrade_answer(q, {"answer": right, "tries": claimed}, notes.append) == pytest.approx(
            q.points * max(0.0, 1 - q.penalty_fraction * (q.max_tries - 1))), claimed
        assert "is not a whole number from 1 up; graded as the last allowed try" in notes[0]
    notes.clear()
    regrade_answer(q, {"answer": right, "tries": 99}, notes.append)
    assert notes == [f"claims 99 tries, the question allows {q.max_tries}; graded as try {q.max_tries}"]


def test_a_summative_bank_is_graded_as_the_first_try(tmp_path, banks, course):
    # The web edition records a summative bank's answers ungraded; every save counts a try.
    from types import SimpleNamespace

    from coursekit.progress.gradebook import regrade_export

    real = next(b for b in banks if b.id == "01_reading_the_article")
    summative = SimpleNamespace(id=real.id, title=real.title, questions=real.questions, points=real.points,
                                summative=True)
    doc = honest(banks, course, only={real.id})
    for q in graded(banks):
        doc["banks"][real.id]["answers"][q.id].update(tries=q.max_tries + 5, score=0)
    path = write(tmp_path / "a.json", doc)
    result = regrade_export(path, [summative], course)
    assert sum(result.scores.values()) == real.points and not result.flags
    assert sum(regrade_export(path, [real], course).scores.values()) < real.points  # not summative: penalised


def test_written_answers_are_listed_with_their_rubric_and_never_flagged_for_tries(tmp_path, data, banks, course):
    doc = honest(banks, course, only={"01_reading_the_article"})
    reflection = next(q for q in next(b for b in banks if b.id == "01_reading_the_article").questions
                      if not q.graded)
    text = reflection.correct_answer() + "edited."
    doc["banks"]["01_reading_the_article"]["answers"][reflection.id].update(answer=text, tries=4)
    book, _ = grade(tmp_path, data, doc)
    assert book.report().endswith("nothing to report")
    table = rows(tmp_path / "grades-written.csv")
    assert table[0][:9] == ["student", "name", "bank", "question", "prompt", "rubric", "model answer",
                            "answer", "words"]
    mine = next(r for r in table if r[3] == reflection.id)
    assert mine[7] == text and mine[8] == str(len(text.split()))
    assert reflection.rubric and mine[5].startswith("• " + reflection.rubric[0])


def test_one_students_sessions_join_each_question_at_its_best(tmp_path, data, banks, course):
    first = honest(banks, course, only={"00_start_here"}, exported="2026-03-01T10:00:00+00:00")
    later = honest(banks, course, student="s-ana-2", exported="2026-03-02T10:00:00+00:00",
                   only={"00_start_here", "01_reading_the_article"}, answer=lambda q: "x")
    later["aliases"] = ["s-ana"]  # brought the first session back
    same_id = honest(banks, course, exported="2026-03-03T10:00:00+00:00", only={"02_timeline"})
    book, table = grade(tmp_path, data, later, same_id, first)
    assert set(table) == {"s-ana"}  # one row, under the first session's id
    ana = table["s-ana"]
    assert float(ana[col(banks, "00_start_here")]) == points(banks, "00_start_here")  # the best, from e2
    assert float(ana[col(banks, "01_reading_the_article")]) == 0 < float(ana[col(banks, "02_timeline")])
    assert [f.rsplit("/", 1)[-1] for f in ana["files"].split(" + ")] == ["e2.json", "e0.json", "e1.json"]
    assert ana["exported"] == "2026-03-03T10:00:00+00:00" and "name:" not in book.report()


def test_group_exports_joins_by_id_and_alias_never_by_name_alone():
    a = Regraded("a.json", "s-1", "Ana")
    b = Regraded("b.json", "s-1", "Ana")
    c = Regraded("c.json", "s-2", "ana", aliases=("s-1",))
    d = Regraded("d.json", "s-3", "Ana")
    e = Regraded("e.json", "s-4", "Ben", aliases=("s-3",))
    groups = group_exports([a, b, c, d, e])
    assert sorted(sorted(r.file for r in g) for g in groups) == [["a.json", "b.json", "c.json"], ["d.json"],
                                                                  ["e.json"]]
    assert "not joined" in str(e.flags[0])


def test_an_export_the_web_edition_writes_is_graded_the_same(tmp_path, data, banks, course):
    # A browser writes times with "Z", numbers typed in a box as numbers, counts as 1.0.
    q = numeric(banks)
    doc = honest(banks, course, only={q.bank})
    doc["exported"] = "2026-03-01T10:00:00.000Z"
    doc["banks"][q.bank]["answers"][q.id].update(answer=float(q.correct_answer()), tries=1.0,
                                                 saved="2026-03-01T09:59:00.000Z")
    book, table = grade(tmp_path, data, doc)
    assert float(table["s-ana"][col(banks, q.bank)]) == points(banks, q.bank)
    assert book.report().endswith("nothing to report")


def test_moodle_and_canvas_formats(tmp_path, banks, course, grade_exports):
    roster = tmp_path / "roster.csv"
    roster.write_text("\ufeffname,Email address,SIS Login ID,Section\nana díaz,ana@uni.example,ana1,A\n",
                      encoding="utf-8")
    files = [write(tmp_path / "a.json", honest(banks, course)),
             write(tmp_path / "b.json", honest(banks, course, student="s-ben", name="Ben"))]
    book = grade_exports(files, tmp_path / "moodle.csv", fmt="moodle", roster=roster)
    table = rows(tmp_path / "moodle.csv")
    assert table[0][:4] == ["Email address", "ID number", "Username", "Full name"]
    assert table[0][4:-1] == [f"{b.title} ({b.id})" for b in banks]
    ana = next(r for r in table if r[3] == "Ana Díaz")
    assert ana[:3] == ["ana@uni.example", "", ""] and ana[4:-1] == [f"{b.points:g}" for b in banks]
    assert "“Ben” is not in the roster; left out of the Moodle file" in book.report()
    assert not any(r[3] == "Ben" for r in table)  # Moodle stops the whole import at a user it cannot find
    grade_exports(files, tmp_path / "canvas.csv", fmt="canvas", roster=roster)
    table = rows(tmp_path / "canvas.csv")
    assert table[0] == ["Student", "ID", "SIS User ID", "SIS Login ID", "Section"] + [b.title for b in banks]
    assert table[1] == ["Points Possible", "", "", "", ""] + [f"{b.points:g}" for b in banks]
    assert next(r for r in table if r[0] == "Ana Díaz")[:5] == ["Ana Díaz", "", "", "ana1", "A"]
    assert next(r for r in table if r[0] == "Ben")[1:5] == ["", "", "", ""]  # Canvas matches him by name
    assert main(["grade", str(files[0]), "--out", str(tmp_path / "c2.csv"), "--format", "canvas"]) == 0


def test_bad_files_are_reported_and_never_hang(tmp_path, banks, course, grade_exports):
    good = write(tmp_path / "good.json", honest(banks, course, only={"00_start_here"}))
    (tmp_path / "notes.txt").write_text("hello", encoding="utf-8")
    (tmp_path / "progress.json").write_text('{"format": "coursekit-progress"}', encoding="utf-8")
    (tmp_path / "v9.json").write_text('{"format": "coursekit-answers", "version": 9}', encoding="utf-8")
    os.mkfifo(tmp_path / "fifo.json")
    (tmp_path / "loop.json").symlink_to(tmp_path / "loop.json")
    names = ["notes.txt", "progress.json", "v9.json", "fifo.json", "loop.json", "nope.json"]
    book = grade_exports([good, *(tmp_path / n for n in names)], tmp_path / "g.csv")
    report = book.report()
    assert "notes.txt: is not a readable JSON export (JSONDecodeError)" in report
    assert 'progress.json: is not a coursekit answers export (no "format": "coursekit-answers")' in report
    assert "v9.json: version: 9 is not an export version this coursekit reads (1 to 2)" in report
    assert "fifo.json: is not a regular file" in report and "loop.json: cannot be read" in report
    assert "nope.json: file not found" in report


def test_a_folder_stands_for_the_exports_in_it(tmp_path, banks, course, grade_exports):
    folder = tmp_path / "exports"
    folder.mkdir()
    write(folder / "a.json", honest(banks, course))
    write(folder / "b.json", honest(banks, course, student="s-ben", name="Ben"))
    (folder / "notes.txt").write_text("not an export", encoding="utf-8")
    book = grade_exports([folder], tmp_path / "g.csv")
    assert len(book.rows) == 2 and book.files == 2 and book.report().endswith("nothing to report")


def test_spreadsheet_formulas_are_neutralised(tmp_path, data, banks, course):
    doc = honest(banks, course, student='=HYPERLINK("http://x")', name="@SUM(A1)", only={"00_start_here"})
    grade(tmp_path, data, doc)
    row = rows(tmp_path / "grades.csv")[1]
    assert row[0].startswith("'=") and row[1].startswith("'@")


@pytest.mark.parametrize("where", ["missing folder", "a folder", "name too long", "an input"])
def test_a_bad_out_path_is_one_line_and_nothing_is_written(tmp_path, banks, course, capsys, where):
    good = write(tmp_path / "good.json", honest(banks, course, only={"00_start_here"}))
    out = {"missing folder": tmp_path / "nope" / "g.csv", "a folder": tmp_path,
           "name too long": tmp_path / ("x" * 300 + ".csv"), "an input": good}[where]
    assert main(["grade", str(good), "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("coursekit grade: ") and err.count("\n") == 1 and "Traceback" not in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["good.json"]


def test_an_unwritable_folder_is_one_line(tmp_path, banks, course, capsys, monkeypatch):
    good = write(tmp_path / "good.json", honest(banks, course, only={"00_start_here"}))
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o500)
    if os.geteuid() == 0:  # root writes anywhere: the folder answers as it would to anyone else
        real = os.access
        monkeypatch.setattr(os, "access", lambda p, mode, **kw: False if Path(p) == locked else real(p, mode, **kw))
    assert main(["grade", str(good), "--out", str(locked / "g.csv")]) == 1
    assert "is not writable" in capsys.readouterr().err


def test_a_bad_out_path_from_the_shell_has_no_traceback(tmp_path, banks, course):
    good = write(tmp_path / "good.json", honest(banks, course, only={"00_start_here"}))
    proc = subprocess.run([sys.executable, "-m", "coursekit.cli", "grade", str(good), "--out",
                           str(tmp_path / "nope" / "g.csv")], capture_output=True, text=True)
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    assert proc.stderr.strip().endswith("does not exist; create it first") and proc.stderr.count("\n") == 1


def test_companion_files_sit_beside_the_gradebook(tmp_path):
    assert companion_paths(tmp_path / "g.csv") == (tmp_path / "g-written.csv", tmp_path / "g-flags.csv")


def test_read_export_regrades_one_file(tmp_path, data, banks, course):
    path = write(tmp_path / "a.json", honest(banks, course, only={"00_start_here"}))
    summary = read_export(path, data)
    assert summary.student == "s-ana" and summary.scores["00_start_here"] == points(banks, "00_start_here")
    assert summary.answered == len(next(b for b in banks if b.id == "00_start_here").questions)
    with pytest.raises(CourseError, match="not a coursekit answers export"):
        read_export(write(tmp_path / "b.json", {"format": "other"}), data)


def test_real_export_round_trip(tmp_path, monkeypatch):
    # Answered in the quiz widget, exported with export_answers(): graded as the quiz scored it.
    monkeypatch.setenv("COURSEKIT_PROGRESS", str(tmp_path / "p.json"))
    monkeypatch.setenv("COURSEKIT_STUDENT", "ana")
    from coursekit.progress import gradebook
    from coursekit.progress.export import export_answers
    from coursekit.quizzes.widgets import quiz
    banks = load_all_banks()
    q = numeric(banks)
    view = next(v for v in quiz(q.bank).questions if v.question.id == q.id)
    view.controls[0].value = str(q.correct_answer())
    view.check_button.click()
    out = export_answers(tmp_path / "ana.json")
    assert read_export(out.path).scores[q.bank] == q.points
    book = gradebook.grade_exports([out.path], tmp_path / "g.csv")
    assert book.report().endswith("nothing to report")
    assert by_student(tmp_path / "g.csv")["ana"][col(banks, q.bank)] == f"{q.points:g}"


def test_every_flag_is_one_line_whatever_the_file_holds(tmp_path, data, banks, course):
    doc = honest(banks, course, student="s-x\nforged: line", name="Ana\nDíaz", only={"00_start_here"})
    doc["banks"]["01\nforged"] = {"answers": {}}
    doc["banks"]["00_start_here"]["answers"]["q\nforged"] = {"answer": "x", "tries": 1}
    second = honest(banks, course, student="s-y", name="Ana Díaz", only={"00_start_here"})
    book, table = grade(tmp_path, data, doc, second)
    lines = book.report().splitlines()
    assert lines[0].startswith("graded 2 students") and lines[1].endswith("flags:")
    assert all(line.startswith(f"  {tmp_path}") for line in lines[2:]), lines
    assert "s-x?forged: line" in table


def test_review_answers_drawn_from_the_lessons_are_regraded_but_add_nothing(tmp_path, data, banks, course):
    # The review quiz saves the lesson questions it drew under the review bank's id.
    from coursekit.quizzes.review import NOT_REVIEWED, REVIEW_BANK

    doc = honest(banks, course)
    lesson = next(b for b in banks if b.id not in NOT_REVIEWED and b.id != REVIEW_BANK)
    drawn = [q for q in lesson.questions if q.graded][:2]
    review = doc["banks"][REVIEW_BANK]["answers"]
    review.update({q.id: _record(q, q.correct_answer()) for q in drawn})
    book, table = grade(tmp_path, data, doc)
    assert float(table["s-ana"]["total"]) == full(banks) and table["s-ana"]["flags"] == "0"
    review[drawn[0].id] = {**review[drawn[0].id], "answer": "x"}  # a claim the answer does not earn
    book, table = grade(tmp_path, data, doc)
    assert float(table["s-ana"]["total"]) == full(banks)
    assert any(drawn[0].id in str(f) and "regraded 0" in str(f) for f in book.flags)


def test_a_best_try_before_a_worse_last_one_is_graded_and_not_flagged(tmp_path, data, banks, course):
    doc = honest(banks, course, only={"00_start_here"})
    bank = next(b for b in banks if b.id == "00_start_here")
    q = next(q for q in bank.questions if q.graded and q.max_tries >= 2)
    state = qm.QuestionState()
    qm.submit(q, state, q.correct_answer())
    state.finished = False  # a later, worse try (the widget would stop at a right answer; a partial one goes on)
    wrong = next(o.text for o in q.options if o.text != q.answer) if hasattr(q, "options") else "x"
    qm.submit(q, state, wrong)
    record = state.to_record(q)
    assert "best" in record and record["score"] == q.points
    doc["banks"]["00_start_here"]["answers"][q.id] = record
    book, table = grade(tmp_path, data, doc)
    assert table["s-ana"]["flags"] == "0" and float(table["s-ana"]["total"]) == bank.points
    del record["best"]  # without it, the last answer alone earns nothing: the claim is flagged
    book, table = grade(tmp_path, data, doc)
    assert float(table["s-ana"]["total"]) == bank.points - q.points and table["s-ana"]["flags"] != "0"


# -- regrading never raises, whatever shape an answer has ------------------------

_JSON = st.recursive(st.none() | st.booleans() | st.integers() | st.floats() | st.text(),
                     lambda inner: st.lists(inner, max_size=6) | st.dictionaries(st.text(max_size=5), inner,
                                                                                 max_size=6),
                     max_leaves=30)


def _nested(depth, make):
    value: object = "x"
    for _ in range(depth):
        value = make(value)
    return value


_HOSTILE = [None, True, 0, -1, 2**80, 1e308, float("nan"), float("inf"), "", "\x00", "\ud800", "x" * 2_000_000,
            "1e999", [], [None], [[1]], [[[]]], [1, 2, 3] * 3000, [{}], {}, {"a": 1}, {"0": "x"},
            _nested(900, lambda v: [v]), _nested(900, lambda v: {"a": v})]


@pytest.mark.parametrize("answer", _HOSTILE, ids=range(len(_HOSTILE)))
def test_every_question_regrades_a_hostile_answer_without_raising(banks, answer):
    for bank in banks:
        for q in bank.questions:
            notes: list[str] = []
            for tries in (1, 2, "x"):
                score = regrade_answer(q, {"answer": answer, "tries": tries}, notes.append)
                assert 0.0 <= score <= q.points, (bank.id, q.id)
    deep = _nested(900, lambda v: {"a": v})
    assert json.loads(json.dumps(deep)) == deep  # a file can hold it: the export reader hands it on


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.data(), _JSON, st.integers(-2, 6))
def test_regrading_any_json_answer_never_raises(banks, data, answer, tries):
    every = [(b.id, q) for b in banks for q in b.questions]
    bank_id, q = data.draw(st.sampled_from(every))
    notes: list[str] = []
    best = {"answer": answer, "try": 1}
    score = regrade_answer(q, {"answer": answer, "tries": tries, "best": best}, notes.append)
    assert 0.0 <= score <= q.points, (bank_id, q.id)
