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

_KEPT_TAGS = re.compile(r"^</?kbd>$")
_IPYNB_LINK = re.compile(r"^([\w.-]+)\.ipynb(#.*)?$")


def slug(text: str) -> str:
    """An anchor for a heading: ``"Who is quoted?"`` -> ``"who-is-quoted"``."""
    words = re.sub(r"[^\w\s-]", "", text.lower()).split()
    return "-".join(words) or "section"


class _LessonRenderer(mistune.HTMLRenderer):
    def __init__(self) -> None:
        super().__init__(escape=True)
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
        match = _IPYNB_LINK.match(url)
        if match:
            url = match.group(1) + ".html" + (match.group(2) or "")
        external = url.startswith(("http://", "https://"))
        extra = ' rel="noopener noreferrer"' if external else ""
        title_attr = f' title="{escape(title)}"' if title else ""
        return f'<a href="{self.safe_url(url)}"{title_attr}{extra}>{text}</a>'

    def image(self, text: str, url: str, title: str | None = None) -> str:
        # A lesson's pictures would load from elsewhere; their words stay.
        return escape(text)


def lesson_markdown(text: str, renderer: _LessonRenderer | None = None) -> str:
    """One Markdown cell as HTML. Pass the same ``renderer`` (:func:`new_renderer`) for
    every cell of a page so that heading anchors stay unique on it."""
    md = mistune.create_markdown(renderer=renderer or _LessonRenderer(),
                                 plugins=["table", "strikethrough"])
    return str(md(text))


def new_renderer() -> _LessonRenderer:
    """A renderer for one page (it remembers the anchors already used)."""
    return _LessonRenderer()
