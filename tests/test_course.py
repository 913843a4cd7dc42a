"""coursekit.course and coursekit.datafiles.paths: the lesson list and finding the data folder."""
from __future__ import annotations

import pytest

from coursekit.course import check_course, check_objectives, key_points, lesson_frame, load_course
from coursekit.errors import DataNotFoundError
from coursekit.datafiles.paths import data_dir


#: The frame every lesson needs, as block lines and as flow fields.
FRAME = ("    prerequisites: []\n    questions: [Q1?, Q2?]\n    objectives: [{id: 00-x, text: X}]\n"
         "    key_points: [K]\n    further_reading: []\n")
FLOW = ("prerequisites: [], questions: [Q1?, Q2?], objectives: [{id: 00-x, text: X}], key_points: [K], "
        "further_reading: []")


def test_lessons_are_listed_in_order():
    course = load_course()
    ids = [lesson.id for lesson in course.lessons]
    assert ids == sorted(ids) and ids[0] == "00_start_here"
    assert "01  Reading the article" in str(course)
    assert "href='01_reading_the_article.ipynb'" in course._repr_html_()


def test_bad_lesson_entries_are_reported(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # messages name files relative to here
    (tmp_path / "course.yaml").write_text(
        "id: t\ntitle: T\nlessons:\n  - id: Lesson One\n    title: x\n    summary: y\n"
        "    minutes: {low: -3, high: 5}\n" + FRAME,
        encoding="utf-8")
    problems = [str(p) for p in check_course(tmp_path)]
    assert [p.split(": ")[:3] for p in problems] == [
        ["course.yaml:4", 'lesson "Lesson One"', "id"], ["course.yaml:7", 'lesson "Lesson One"', "minutes.low"]]
    assert "must look like 03_security_council" in problems[0]
    assert problems[1].endswith("must be at least 1 (it is -3)")


def test_missing_title_and_duplicate_lesson(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "course.yaml").write_text(
        "id: t\nlessons:\n  - {id: 00_a, title: A, summary: s, minutes: {low: 5, high: 9}, " + FLOW + "}\n"
        "  - {id: 00_a, title: B, summary: s, minutes: {low: 5, high: 9}, " + FLOW.replace("00-x", "00-y") + "}\n",
        encoding="utf-8")
    problems = [str(p) for p in check_course(tmp_path)]
    assert problems == ["course.yaml:1: title: is missing",
                        'course.yaml:4: lesson "00_a": id: \'00_a\' is used twice (first on line 3)']


def test_the_course_has_an_id_that_exports_carry(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "course.yaml").write_text(
        "title: T\nlessons:\n  - {id: 00_a, title: A, summary: s, minutes: {low: 5, high: 9}, " + FLOW + "}\n",
        encoding="utf-8")
    assert [str(p) for p in check_course(tmp_path)] == ["course.yaml:1: id: is missing"]
    assert load_course().id == "peacekeeping-mali-minusma"


def test_data_dir_error_lists_where_it_looked(tmp_path, monkeypatch):
    monkeypatch.delenv("COURSEKIT_DATA", raising=False)
    with pytest.raises(DataNotFoundError, match="no course.yaml in it"):
        data_dir(tmp_path)
    monkeypatch.setenv("COURSEKIT_DATA", str(tmp_path))
    with pytest.raises(DataNotFoundError, match="COURSEKIT_DATA="):
        data_dir()


# --------------------------------------------------------------------------- the lesson frame

FRAMED = """id: t
title: T
lessons:
  - id: 00_a
    title: A
    summary: s
    minutes: {low: 10, high: 20}
    prerequisites: []
    questions: ["Why <b>this</b>?", "How?"]
    objectives:
      - {id: 00-first, text: "Do the first thing."}
    key_points: ["One."]
    further_reading:
      - {title: "Resolution 2690 <2023>", source: "UN, S/RES/2690", url: "https://example.org/a?b=1&c=2",
         why: "It ends it."}
  - id: 01_b
    title: B
    summary: s
    minutes: {low: 30, high: 25}
    prerequisites: ["02_c", "00_a"]
    questions: ["How?", "When?"]
    objectives:
      - {id: 00-first, text: "Twice."}
      - {id: 02-elsewhere, text: "Misnumbered."}
    key_points: ["Two."]
    further_reading: []
  - id: 02_c
    title: C
    summary: s
    minutes: {low: 5, high: 5}
    prerequisites: []
    questions: ["What?", "Why?"]
    objectives: [{id: 02-last, text: "Finish."}]
    key_points: ["Three."]
    further_reading: []
"""

#: FRAMED with its four mistakes put right: a course that checks clean.
FRAMED_RIGHT = (FRAMED.replace("low: 30", "low: 20").replace('"02_c", ', "")
                .replace("00-first, text: \"Twice.\"", "01-second, text: \"Two.\"")
                .replace("02-elsewhere", "01-third"))


def _bank(folder, name, questions):
    (folder / "quizzes").mkdir(exist_ok=True)
    (folder / "quizzes" / f"{name}.yaml").write_text(
        "# yaml-language-server: $schema=../quiz.schema.json\n"
        f"bank: {name}\ntitle: T\nquestions:\n{questions}", encoding="utf-8")


def test_time_range_prerequisites_and_objective_ids_are_checked(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "course.yaml").write_text(FRAMED, encoding="utf-8")
    problems = [str(p) for p in check_course(tmp_path)]
    assert problems == [
        'course.yaml:19: lesson "01_b": minutes: low (30) is above high (25)',
        'course.yaml:20: lesson "01_b": prerequisites[1]: "02_c" is not an earlier lesson',
        'course.yaml:23: lesson "01_b": objectives[1].id: "00-first" is used twice (first on line 11)',
        'course.yaml:24: lesson "01_b": objectives[2].id: "02-elsewhere" should start with the lesson\'s number, "01-"',
    ]


def test_a_single_number_of_minutes_is_no_longer_a_time(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "course.yaml").write_text(
        "id: t\ntitle: T\nlessons:\n  - {id: 00_a, title: A, summary: s, minutes: 15, " + FLOW + "}\n",
        encoding="utf-8")
    (problem,) = check_course(tmp_path)
    assert (problem.item, problem.field) == ('lesson "00_a"', "minutes")


def test_objectives_and_questions_must_meet(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "course.yaml").write_text(FRAMED_RIGHT, encoding="utf-8")
    assert check_course(tmp_path) == []
    _bank(tmp_path, "00_a",
          "  - {id: q1, type: truefalse, prompt: P, answer: true, explanation: E, objective: 00-first}\n"
          "  - {id: q2, type: truefalse, prompt: P, answer: true, explanation: E}\n"
          "  - {id: q3, type: reflection, prompt: P, objective: 00-first}\n"
          "  - {id: q4, type: truefalse, prompt: P, answer: true, explanation: E, objective: 05-nowhere}\n")
    # The last lesson's bank (the review) may serve every lesson's objectives; 01_b's may not.
    _bank(tmp_path, "02_c",
          "  - {id: q5, type: truefalse, prompt: P, answer: true, explanation: E, objective: 02-last}\n"
          "  - {id: q7, type: truefalse, prompt: P, answer: true, explanation: E, objective: 01-second}\n")
    _bank(tmp_path, "01_b",
          "  - {id: q8, type: truefalse, prompt: P, answer: true, explanation: E, objective: 00-first}\n")
    # Examples are not lessons.
    _bank(tmp_path, "_example", "  - {id: q6, type: reflection, prompt: P}\n")
    problems = [str(p) for p in check_objectives(tmp_path)]
    assert problems == [
        'quizzes/00_a.yaml:6: question "q2": objective: is missing: name the objective of data/course.yaml it serves',
        'quizzes/00_a.yaml:7: question "q3": rubric: is missing: say what a good written answer does, '
        "one criterion a line",
        'quizzes/00_a.yaml:8: question "q4": objective: "05-nowhere" is not an objective of any lesson in '
        "data/course.yaml",
        'quizzes/01_b.yaml:5: question "q8": objective: "00-first" is an objective of lesson 00_a, not of 01_b; '
        "only the last lesson's review may serve other lessons",
        'course.yaml:24: lesson "01_b": objectives: "01-third" has no question: give it one in a bank '
        "(objective: 01-third)",
    ]


def test_an_objective_of_the_wrong_type_is_left_to_the_banks_own_check(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "course.yaml").write_text(FRAMED_RIGHT, encoding="utf-8")
    assert check_course(tmp_path) == []
    _bank(tmp_path, "00_a",
          "  - {id: q1, type: truefalse, prompt: P, answer: true, explanation: E, objective: [00-first, 01-b]}\n")
    problems = [str(p) for p in check_objectives(tmp_path)]  # no TypeError: a list is not an id
    assert not any('question "q1"' in p for p in problems)
    assert 'objectives: "00-first" has no question' in " ".join(problems)


def test_the_real_course_frames_every_lesson_and_its_checks_pass():
    from coursekit.datafiles.paths import data_dir as find

    course = load_course()
    assert check_objectives(find()) == []
    first, *rest = course.lessons
    assert first.prerequisites == ()
    for lesson in course.lessons[:4]:
        assert lesson.objectives and lesson.key_points and 2 <= len(lesson.questions) <= 3, lesson.id
        assert lesson.minutes.low <= lesson.minutes.high
    assert all(lesson.prerequisites for lesson in rest[:3])


def test_lesson_frame_prints_as_text_and_escaped_html(tmp_path, monkeypatch):
    (tmp_path / "course.yaml").write_text(FRAMED_RIGHT, encoding="utf-8")
    monkeypatch.setenv("COURSEKIT_DATA", str(tmp_path))
    frame = lesson_frame("01_b")
    assert str(frame).splitlines()[:3] == ["Lesson 01: B", "Time: 20–25 min", "Before this lesson: 00 A"]
    assert "  - Do the first thing." not in str(frame) and "  - Two." in str(frame)
    first = lesson_frame("00")
    assert "Time: 10–20 min" in repr(first) and "Before this lesson: nothing" in str(first)
    html = first._repr_html_()
    assert "Why &lt;b&gt;this&lt;/b&gt;?" in html and "<b>" not in html
    points = key_points("00_a")
    assert "  - Resolution 2690 <2023> (UN, S/RES/2690): It ends it." in str(points)
    assert "    https://example.org/a?b=1&c=2" in str(points)
    html = points._repr_html_()
    assert "href='https://example.org/a?b=1&amp;c=2'" in html and "Resolution 2690 &lt;2023&gt;" in html
    with pytest.raises(DataNotFoundError, match='no lesson "09_x".*the lessons are: 00_a, 01_b, 02_c'):
        lesson_frame("09_x")


def test_the_public_api_shows_the_frame():
    import coursekit

    assert str(coursekit.lesson_frame("03_security_council")).startswith("Lesson 03: The Security Council decides")
    assert "Key points of lesson 03:" in str(coursekit.key_points("03_security_council"))
