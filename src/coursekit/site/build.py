"""``coursekit build-site``: the whole course as a folder of static pages.

The folder holds ``index.html`` (the lesson map), one page per lesson of
``data/course.yaml`` (its text, the outputs of its executed cells, and a mount point
for each widget it calls), ``glossary.html``, ``article.html`` and ``static/`` (the
scripts and stylesheets). Every link is relative and nothing is fetched from elsewhere,
so the folder works opened from disk or copied to any static host.
"""
from __future__ import annotations

import shutil
from html import escape
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from coursekit.course import Course, load_course
from coursekit.datafiles.paths import data_folder
from coursekit.site import pages, quizdata
from coursekit.site.cells import MOUNTS, SiteError, code_cell_html, quiz_bank, source_text
from coursekit.site.markdown import LessonMarkdown
from coursekit.site.payloads import (article_payload, council_payload, glossary_terms, script_json,
                                     timeline_payload)

STATIC = Path(__file__).with_name("static")
#: The script each kind of mount point needs (the quizzes' mount points need quiz.js).
SCRIPTS = {"ck-timeline": "timeline.js", "ck-votes": "votes.js", "ck-article-search": "article.js"}
#: The file that marks a folder as a build, so that the next build may empty it.
MARKER = ".coursekit-site"
_QUIZ_MOUNTS = {"ck-quiz", "ck-progress", "ck-scores"}


@dataclass
class BuildReport:
    """What a build wrote: the folder, its pages, its size in bytes and the seconds it took."""

    out: Path
    pages: list[str] = field(default_factory=list)
    bytes: int = 0
    seconds: float = 0.0
    executed: bool = True

    def __str__(self) -> str:
        how = "executed" if self.executed else "with their stored outputs"
        return (f"wrote {len(self.pages)} pages to {self.out} ({self.bytes / 1e6:.1f} MB, lessons {how}) "
                f"in {self.seconds:.1f} s; open {self.out / 'index.html'}")


def _question_banks(banks: dict[str, Any]) -> dict[str, str]:
    """Question id -> the id of the bank that holds it (the first, if two banks share one)."""
    where: dict[str, str] = {}
    for name, bank in banks.items():
        for q in bank.questions:
            where.setdefault(q.id, name)
    return where


def _lesson_main(nb: dict[str, Any], where: str, question_banks: dict[str, str]) -> tuple[str, set[str], set[str]]:
    """A lesson's cells as HTML, the kinds of mount points on it and the banks they use."""
    markdown = LessonMarkdown()
    parts: list[str] = []
    mounts: set[str] = set()
    banks: set[str] = set()
    searched = False
    for number, cell in enumerate(nb.get("cells", []), start=1):
        kind = cell.get("cell_type")
        if kind == "markdown":
            parts.append(markdown(source_text(cell)))
        elif kind == "code":
            html, calls = code_cell_html(cell, question_banks, f"{where}, cell {number}")
            parts.append(html)
            for call in calls:
                if call.then:  # drawn in the notebook only (cells._notebook_only)
                    continue
                mount = MOUNTS[call.name]
                mounts.add(mount)
                bank = quiz_bank(call, question_banks) if mount in _QUIZ_MOUNTS else ""
                if bank:
                    banks.add(bank)
            # The first keyword search of a lesson gets a search box under it: the same
            # search, any word.
            if not searched and ".find(" in source_text(cell) and "hit(s) for" in html:
                parts.append('<div class="ck-article-search"></div>')
                mounts.add("ck-article-search")
                searched = True
    return "".join(parts), mounts, banks


def _write(path: Path, text: str, report: BuildReport) -> None:
    path.write_text(text, encoding="utf-8")
    report.pages.append(path.name)


def build_site(out: str | Path = "site", *, data_dir: str | Path | None = None,
               notebooks: str | Path | None = None, execute: bool = True,
               progress: Callable[[str], None] | None = None) -> BuildReport:
    """Build the static edition into the folder ``out`` (emptied first if it holds an
    earlier build) and return what it wrote.

    ``execute=False`` uses the notebooks' stored outputs instead of running them (quick,
    but only the checked cells have outputs in git). ``notebooks`` is the folder of the
    lessons (``notebooks/`` beside ``data/`` when ``None``).
    """
    started = time.perf_counter()
    say = progress or (lambda message: None)
    data = data_folder(data_dir).resolve()
    folder = Path(notebooks) if notebooks is not None else data.parent / "notebooks"
    course: Course = load_course(data)
    paths = []
    for lesson in course.lessons:
        path = folder / lesson.notebook
        if not path.is_file():
            raise SiteError(f"data/course.yaml lists the lesson {lesson.id!r}, but {path} does not exist")
        paths.append(path)

    out = Path(out)
    if out.exists():
        if not (out / MARKER).is_file() and any(out.iterdir()):
            raise SiteError(f"{out} is not empty and holds no earlier build; choose another folder")
        shutil.rmtree(out)
    (out / "static").mkdir(parents=True)
    (out / MARKER).write_text("A folder written by coursekit build-site: the next build replaces it.\n",
                              encoding="utf-8")
    report = BuildReport(out, executed=execute)

    if execute:
        from coursekit.site.execute import execute_notebooks

        say(f"executing {len(paths)} lessons")
        notebooks_by_path = execute_notebooks(paths)
    else:
        from coursekit.site.execute import read_notebook

        notebooks_by_path = {p: read_notebook(p) for p in paths}

    from coursekit.quizzes.bank import load_all_banks

    all_banks = load_all_banks(data)
    banks_by_id = {bank.id: bank for bank in all_banks}
    question_banks = _question_banks(banks_by_id)
    bank_payloads = {name: quizdata.bank_payload(bank) for name, bank in banks_by_id.items()}
    course_json = quizdata.course_payload(course, all_banks)
    for path in sorted(STATIC.iterdir()):
        if path.is_file():
            shutil.copyfile(path, out / "static" / path.name)
    title = course.title

    timeline_json = council_json = None
    article = article_payload(data)
    for index, (lesson, path) in enumerate(zip(course.lessons, paths)):
        say(f"page {lesson.id}")
        main, mounts, banks = _lesson_main(notebooks_by_path[path], f"notebooks/{path.name}", question_banks)
        if "ck-scores" in mounts:
            banks = set(banks_by_id)
        data_scripts = []
        if mounts & _QUIZ_MOUNTS:
            data_scripts += [script_json(f"ck-bank-{b}", bank_payloads[b]) for b in sorted(banks) if b in bank_payloads]
            data_scripts.append(script_json("ck-course", course_json))
        if "ck-timeline" in mounts:
            timeline_json = timeline_json or timeline_payload(data)
            data_scripts.append(script_json("ck-timeline-data", timeline_json))
        if "ck-votes" in mounts:
            council_json = council_json or council_payload(data)
            data_scripts.append(script_json("ck-council-data", council_json))
        if "ck-article-search" in mounts:
            data_scripts.append(script_json("ck-article-data", article))
        scripts = sorted(SCRIPTS[m] for m in mounts if m in SCRIPTS)
        if mounts & _QUIZ_MOUNTS:
            scripts.append("quiz.js")
        body = (f'<article class="ck-lesson" id="lesson-{lesson.id}">'
                f"{pages.lesson_intro(lesson, index, len(course.lessons))}{main}</article>")
        if "<h1" not in main:
            body = f"<h1>{escape(lesson.title)}</h1>" + body
        _write(out / f"{lesson.id}.html",
               pages.frame(f"{pages.lesson_label(lesson)}: {lesson.title}", body, course_title=title,
                           scripts=scripts, data=data_scripts,
                           pager=pages.pager(course.lessons, index)), report)

    _write(out / "index.html", pages.frame("Lessons", pages.index_main(course), course_title=title,
                                           current="index.html"), report)
    titles = {lesson.id: lesson.title for lesson in course.lessons}
    _write(out / "glossary.html", pages.frame("Glossary", pages.glossary_main(glossary_terms(data), titles),
                                              course_title=title, scripts=["glossary.js"],
                                              current="glossary.html"), report)
    intro = (f"{article['title']}, {article['date']}. Quoted unchanged, with attribution, for teaching; "
             "the lessons check it against the record, and it has errors.")
    _write(out / "article.html",
           pages.frame("The article", pages.article_main(article, "The article", intro), course_title=title,
                       scripts=["article.js"], data=[script_json("ck-article-data", article)],
                       current="article.html"), report)
    report.bytes = sum(p.stat().st_size for p in out.rglob("*") if p.is_file())
    report.seconds = time.perf_counter() - started
    return report
