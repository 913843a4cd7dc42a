"""The README's lesson table is the course's list (data/course.yaml), and its links lead somewhere."""
from __future__ import annotations

import re
from pathlib import Path

import coursekit

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text(encoding="utf-8")

#: A row of the lesson table: | 03 | [title](notebooks/03_x.ipynb) | 65–120 min | summary |
ROW = re.compile(r"^\| (\d\d) \| \[(.+?)\]\((notebooks/[^)]+)\) \| (.+?) \| (.+?) \|$", re.MULTILINE)


def test_the_lesson_table_is_the_courses_list_with_its_times():
    rows = ROW.findall(README)
    lessons = coursekit.load_course().lessons
    assert [r[0] for r in rows] == [lesson.number for lesson in lessons]
    for (number, title, link, time, summary), lesson in zip(rows, lessons):
        assert (title, link, time, summary) == (lesson.title, f"notebooks/{lesson.notebook}",
                                                str(lesson.minutes), lesson.summary), number


def test_every_relative_link_in_the_readme_exists():
    links = re.findall(r"\]\(((?!https?:)[^)#]+)\)", README)
    assert "docs/instructor/answers-04-08.md" in links and "docs/instructor/teaching-plan.md" in links
    missing = [link for link in links if not (ROOT / link).exists()]
    assert not missing, f"README.md links to files that do not exist: {missing}"
