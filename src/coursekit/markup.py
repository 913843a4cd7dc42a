"""Instructors' text to safe HTML: a small Markdown subset, raw HTML shown as text.

>>> to_html("<img src=x onerror=alert(1)> is **text**")
'<p>&lt;img src=x onerror=alert(1)&gt; is <strong>text</strong></p>'
>>> inline_html("*Minusma*")
'<em>Minusma</em>'
"""
from __future__ import annotations

import html
import math
from decimal import Decimal
from functools import lru_cache
from typing import Callable, Collection, Iterable, Sequence, TypeVar, cast

import mistune


class _SafeRenderer(mistune.HTMLRenderer):
    """mistune's HTML renderer with raw HTML escaped, harmful links defused
    (``javascript:`` and the like become ``#harmful-link``) and images shown
    as their alt text, so an instructor's text never loads or runs anything.

    Links are underlined: JupyterLab shows links in colour only, which a reader who
    does not see that colour difference cannot tell from the text around them (WCAG
    1.4.1; axe-core's rule link-in-text-block)."""

    def __init__(self) -> None:
        super().__init__(escape=True)

    def image(self, text: str, url: str, title: str | None = None) -> str:
        return text

    def link(self, text: str, url: str, title: str | None = None) -> str:
        out = ('<a href="' + self.safe_url(url) + '" rel="noopener noreferrer" target="_blank"'
               ' style="text-decoration:underline"')
        if title:
            out += ' title="' + html.escape(title) + '"'
        return out + ">" + text + "</a>"


T = TypeVar("T")

_MARKDOWN = mistune.create_markdown(renderer=_SafeRenderer(), plugins=["strikethrough"])


def number(x: float) -> str:
    """A number as the course shows it: like ``format(x, "g")`` (six significant digits, no
    trailing zeros), but a large number is written out, never as ``1.5e+07``.
    ``site/static/quiz.js`` (``fmtG``) writes numbers the same way (conformance tests).

    >>> number(2.0), number(2 / 3), number(15_000_000), number(1234567.5)
    ('2', '0.666667', '15000000', '1234567.5')
    """
    if math.isfinite(x) and abs(x) >= 1e6:
        text = format(Decimal(repr(float(x))), "f")
        return text.rstrip("0").rstrip(".") if "." in text else text
    return f"{x:g}"


def escape(text: object) -> str:
    """Plain text for HTML (quotes too), for text that is not Markdown."""
    return html.escape(str(text), quote=True)


@lru_cache(maxsize=4096)
def to_html(text: str) -> str:
    """Markdown to HTML, every raw tag escaped. Paragraphs, emphasis, code,
    lists, links; no images, no raw HTML."""
    # An HTML renderer always gives text (only the AST renderer gives a list).
    return cast(str, _MARKDOWN(str(text or ""))).strip()


@lru_cache(maxsize=4096)
def inline_html(text: str) -> str:
    """Like :func:`to_html` for one short line (an option, a label): no ``<p>``."""
    out = to_html(text)
    if out.startswith("<p>") and out.endswith("</p>") and out.count("<p>") == 1:
        out = out[3:-4]
    return out


class TextAndTable:
    """A result that prints as lines of text and shows as an HTML table in JupyterLab.

    Its ``repr`` is its text, so a cell ending with it shows the same as ``print``
    (a dataclass subclass needs ``repr=False`` to keep this). :meth:`_table` builds the
    table's HTML.
    """

    def __repr__(self) -> str:
        return str(self)

    @staticmethod
    def _table(headers: Iterable[str], rows: str, attributes: str = "") -> str:
        """An HTML table: one header row of ``headers`` (HTML, not escaped) above ``rows``
        (``<tr>`` elements); ``attributes`` go in the ``<table>`` tag.

        >>> TextAndTable._table(["A", "B"], "<tr><td>1</td><td>2</td></tr>")
        '<table><thead><tr><th>A</th><th>B</th></tr></thead><tbody><tr><td>1</td><td>2</td></tr></tbody></table>'
        """
        head = "".join(f"<th>{h}</th>" for h in headers)
        return f"<table{attributes}><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"

    @staticmethod
    def _row(cells: Sequence[str], plain: Collection[int] = ()) -> str:
        """One ``<tr>`` of ``cells`` (HTML, already escaped), left-aligned but for the
        cells whose index is in ``plain`` (numbers and dates keep the table's alignment).

        >>> TextAndTable._row(["1", "a &amp; b"], plain=[0])
        "<tr><td>1</td><td style='text-align:left'>a &amp; b</td></tr>"
        """
        return "<tr>" + "".join(
            f"<td>{c}</td>" if i in plain else f"<td style='text-align:left'>{c}</td>"
            for i, c in enumerate(cells)) + "</tr>"

    @staticmethod
    def _lines(heading: str | None, items: Iterable[T], lines: Callable[[T], Iterable[str]]) -> str:
        """Text: ``heading`` (if any), then the lines each item gives, one string.

        >>> print(TextAndTable._lines("Two:", [1, 2], lambda n: [f"{n}", f"  {n * n}"]))
        Two:
        1
          1
        2
          4
        """
        out = [heading] if heading is not None else []
        for item in items:
            out.extend(lines(item))
        return "\n".join(out)
