"""The lessons' Markdown as HTML for the static edition: headings with anchors, tables,
links to other lessons pointed at their pages, and raw HTML shown as text (only ``<kbd>``
is kept, the one tag the lessons use for keys).

>>> print(lesson_markdown("# Votes\\nPress <kbd>Tab</kbd>; type <your name>. See [lesson 3](03_x.ipynb#top).").strip())
<h1 id="votes">Votes</h1>
<p>Press <kbd>Tab</kbd>; type &lt;your name&gt;. See <a href="03_x.html#top">lesson 3</a>.</p>
"""
from __future__ import annotations

import re
from html import escape

import mistune

from coursekit.markup import _SafeRenderer

_KEPT_TAGS = re.compile(r"^</?kbd>$")
_NOTEBOOK = re.compile(r"^([\w.-]+)\.ipynb(#.*)?$")


def lesson_url(url: str) -> str:
    """A link to a lesson's notebook pointed at its page; any other link as it is.

    >>> lesson_url("03_x.ipynb#top"), lesson_url("glossary.html"), lesson_url("https://un.org/x.ipynb")
    ('03_x.html#top', 'glossary.html', 'https://un.org/x.ipynb')
    """
    match = _NOTEBOOK.match(url)
    return match.group(1) + ".html" + (match.group(2) or "") if match else url


def slug(text: str) -> str:
    """An anchor for a heading: ``"Who is quoted?"`` -> ``"who-is-quoted"``."""
    words = re.sub(r"[^\w\s-]", "", text.lower()).split()
    return "-".join(words) or "section"


class _LessonRenderer(_SafeRenderer):
    """The notebooks' safe renderer (raw HTML escaped, harmful links defused, images as
    their words) with what a page adds: heading anchors, ``<kbd>`` kept, and links for a
    web page: a lesson's notebook pointed at its page, opened in the same tab, and styled
    by the site's stylesheet."""

    def __init__(self) -> None:
        super().__init__()
        self.seen: dict[str, int] = {}

    def heading(self, text: str, level: int, **attrs) -> str:
        base = slug(re.sub(r"<[^>]+>", "", text))
        n = self.seen.get(base, 0)
        self.seen[base] = n + 1
        anchor = base if n == 0 else f"{base}-{n}"
        return f'<h{level} id="{anchor}">{text}</h{level}>\n'

    def inline_html(self, html: str) -> str:
        return html if _KEPT_TAGS.match(html.strip()) else escape(html)

    def link(self, text: str, url: str, title: str | None = None) -> str:
        url = lesson_url(url)
        external = url.startswith(("http://", "https://"))
        extra = ' rel="noopener noreferrer"' if external else ""
        title_attr = f' title="{escape(title)}"' if title else ""
        return f'<a href="{self.safe_url(url)}"{title_attr}{extra}>{text}</a>'


class LessonMarkdown:
    """A page's Markdown cells as HTML, one call per cell: one parser for the whole page,
    whose renderer remembers the anchors already used so that they stay unique on it.

    >>> page = LessonMarkdown()
    >>> page("## Votes"), page("## Votes")
    ('<h2 id="votes">Votes</h2>\\n', '<h2 id="votes-1">Votes</h2>\\n')
    """

    def __init__(self) -> None:
        self._parse = mistune.create_markdown(renderer=_LessonRenderer(), plugins=["table", "strikethrough"])

    def __call__(self, text: str) -> str:
        return str(self._parse(text))


def lesson_markdown(text: str) -> str:
    """One Markdown text on its own as HTML (its anchors unique within it only)."""
    return LessonMarkdown()(text)
