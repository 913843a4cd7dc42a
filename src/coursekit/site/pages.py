"""The static edition's pages as HTML strings: the frame every page shares (a skip link,
the course's navigation, the stylesheets and scripts it needs, all by relative links),
the index with the lesson map, the glossary and the article.

Nothing here reads files: :mod:`coursekit.site.build` gives each function its data.

>>> html = frame("Glossary", "<p>x</p>", course_title="A <course>", scripts=["glossary.js"])
>>> '<title>Glossary · A &lt;course&gt;</title>' in html and 'src="static/glossary.js"' in html
True
"""
from __future__ import annotations

from html import escape
from typing import Any, Iterable, Sequence

from coursekit.course import Course, Lesson, Minutes

#: The stylesheets every page links (and print.css, for printing only).
STYLESHEETS = ("site.css", "quiz.css")


def frame(title: str, main: str, *, course_title: str, scripts: Sequence[str] = (),
          styles: Sequence[str] = STYLESHEETS, data: Iterable[str] = (), pager: str = "",
          current: str = "") -> str:
    """A whole page: ``main`` in the page's ``<main>``, ``data`` (``<script
    type="application/json">`` elements) and ``scripts`` (file names in ``static/``) at
    the end. ``current`` is the navigation link to mark as the page shown."""
    e = escape
    nav = [("index.html", "Lessons"), ("article.html", "The article"), ("glossary.html", "Glossary")]
    marked = ' aria-current="page"'
    links = "".join(f'<li><a href="{href}"{marked if href == current else ""}>{e(text)}</a></li>'
                    for href, text in nav)
    css = "".join(f'<link rel="stylesheet" href="static/{e(s)}">' for s in styles)
    # site.js first: the other scripts use what it shares (deferred scripts run in order)
    js = "".join(f'<script src="static/{e(s)}" defer></script>' for s in ["site.js", *scripts])
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<meta name="color-scheme" content="light dark">'
        f"<title>{e(title)} · {e(course_title)}</title>{css}"
        '<link rel="stylesheet" href="static/print.css" media="print"></head>\n'
        '<body><a class="ck-skip" href="#main">Skip to the content</a>'
        f'<header class="ck-header"><p class="ck-course-title"><a href="index.html">{e(course_title)}</a></p>'
        f'<nav aria-label="Course"><ul>{links}</ul></nav></header>\n'
        f'<main id="main" tabindex="-1">{main}</main>\n{pager}'
        '<footer class="ck-footer"><p>The static edition of the course: it works without Python, '
        "in any browser, from disk or any web host. Your answers stay in this browser until you "
        "export them.</p></footer>\n"
        + "".join(data) + js + "</body></html>\n"
    )


def lesson_label(lesson: Lesson) -> str:
    """``"Lesson 01"`` for ``01_reading_the_article``."""
    return f"Lesson {lesson.id[:2]}"


def index_main(course: Course) -> str:
    """The index: the course's title and the lesson map, each lesson with its time and a
    link to its page."""
    e = escape
    total = sum((lesson.minutes for lesson in course.lessons), Minutes(0, 0)).in_hours()
    items = []
    for lesson in course.lessons:
        items.append(
            f'<li class="ck-lesson-card"><p class="ck-lesson-number">{e(lesson_label(lesson))}'
            f' · {e(str(lesson.minutes))}</p><h2><a href="{e(lesson.id)}.html">{e(lesson.title)}</a></h2>'
            f'<p>{e(lesson.summary)}</p></li>')
    return (f"<h1>{e(course.title)}</h1>"
            f"<p>{len(course.lessons)} lessons, about {e(total)} in all. Read them in order; "
            "every quiz can be answered here, your progress is kept in this browser, and you can "
            "download your answers as a file for your teacher.</p>"
            f'<ol class="ck-lesson-map" aria-label="The lessons">{"".join(items)}</ol>')


def pager(lessons: Sequence[Lesson], index: int) -> str:
    """Links to the previous and next lesson."""
    e = escape
    links = []
    if index > 0:
        prev = lessons[index - 1]
        links.append(f'<a rel="prev" href="{e(prev.id)}.html">← {e(lesson_label(prev))}: {e(prev.title)}</a>')
    if index + 1 < len(lessons):
        nxt = lessons[index + 1]
        links.append(f'<a rel="next" href="{e(nxt.id)}.html">{e(lesson_label(nxt))}: {e(nxt.title)} →</a>')
    return f'<nav class="ck-pager" aria-label="Previous and next lesson">{"".join(links)}</nav>\n'


#: What a reader of a lesson page needs to know that a reader of the notebook does not: the
#: lessons speak of cells to run and of calls to type, which need Python (HTML, as shown).
READING_HERE = ('This page is the lesson with its code already run: where it says “the next cell”, read '
                'the box that follows. The questions work here, and your answers stay in this browser. '
                'Calls to type, such as <code>coursekit.glossary("veto")</code>, need the notebooks; here, '
                'use the <a href="glossary.html">Glossary</a> and <a href="article.html">The article</a>.')


def lesson_intro(lesson: Lesson, position: int, count: int) -> str:
    """The lines above a lesson's text: its number, length and place in the course, and how
    to read a lesson without a kernel (:data:`READING_HERE`)."""
    return (f'<p class="ck-lesson-number">{escape(lesson_label(lesson))} of {count - 1:02d} · '
            f"{escape(str(lesson.minutes))}</p>"
            f'<aside class="ck-reading-here" aria-label="Reading this page"><p>{READING_HERE}</p></aside>')


def glossary_main(terms: Sequence[dict[str, Any]], lesson_titles: dict[str, str]) -> str:
    """The glossary page: a filter box (glossary.js) and every term with its definition,
    source and the lesson that first uses it (linked)."""
    e = escape
    rows = []
    for t in terms:
        also = f' <span class="ck-aliases">(also: {e(", ".join(t["aliases"]))})</span>' if t["aliases"] else ""
        lesson = t["lesson"]
        where = (f'<a href="{e(lesson)}.html">lesson {e(lesson[:2])}, {e(lesson_titles[lesson])}</a>'
                 if lesson in lesson_titles else f"lesson {e(lesson[:2])}")
        names = " ".join([t["term"], *t["aliases"]]).lower()
        rows.append(f'<div class="ck-term" id="{e(t["anchor"])}" data-names="{e(names, quote=True)}">'
                    f'<dt>{e(t["term"])}{also}</dt><dd><p>{t["definition"]}</p>'
                    f'<p class="ck-source">Source: {e(t["source"])}. First used in {where}.</p></dd></div>')
    return ("<h1>Glossary</h1>"
            f"<p>{len(terms)} words of peacekeeping politics, in plain language, each with its source.</p>"
            '<div class="ck-glossary-filter" hidden><label for="ck-glossary-q">Find a term</label> '
            '<input id="ck-glossary-q" type="search" autocomplete="off">'
            '<p class="ck-glossary-count" role="status" aria-live="polite"></p></div>'
            f'<dl class="ck-glossary">{"".join(rows)}</dl>')


def article_main(article: dict[str, Any], title: str, intro: str) -> str:
    """The article page: its byline, a keyword search (article.js) and every paragraph,
    numbered as the lessons cite them."""
    e = escape
    paragraphs = "".join(
        f'<p id="p{p["number"]}"><span class="ck-para-number">¶{p["number"]}</span> {e(p["text"])}</p>'
        for p in article["paragraphs"])
    return (f"<h1>{e(title)}</h1><p>{e(intro)}</p><p><em>{e(article['byline'])}</em></p>"
            '<div class="ck-article-search"></div>'
            f'<h2 id="the-text">The text, paragraph by paragraph</h2><div class="ck-article">{paragraphs}</div>')
