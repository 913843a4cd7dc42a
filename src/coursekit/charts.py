"""Accessible figures: the course's one palette, charts that carry their own description
and their data as a table, and the one way a figure is put in a page (an ``<img>`` with
that description as alt text).

matplotlib is imported only when a chart is first drawn or saved.
"""
from __future__ import annotations

import base64
import io
from dataclasses import dataclass
from html import escape
from typing import Iterable, Sequence

#: The course's one palette, by name: the Okabe-Ito colours, distinguishable with the
#: common forms of colour blindness, then the neutrals figures are drawn in. Code and data
#: files name colours by these keys, never by their codes.
PALETTE = {
    "blue": "#0072B2", "orange": "#E69F00", "green": "#009E73", "purple": "#CC79A7",
    "sky": "#56B4E9", "vermillion": "#D55E00", "yellow": "#F0E442", "black": "#000000",
    "grey": "#BBBBBB",
    # Neutrals: grid lines, axes and faded text (mid-grey keeps 4.5:1 contrast on white).
    "white": "#FFFFFF", "pale-grey": "#EBEBEB", "mid-grey": "#737373", "dark-grey": "#333333",
}
#: The colours a data file may give a category of things (the Okabe-Ito eight): the
#: neutrals are for the figure itself.
CATEGORY_COLOURS = ("blue", "orange", "green", "purple", "sky", "vermillion", "yellow", "black")


def _base64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def img_html(data: bytes, alt: str, *, mime: str = "image/png", caption: bool = True,
             width: int | None = None, height: int | None = None) -> str:
    """An image as HTML that carries its description: the ``alt`` text a screen reader
    reads and, with ``caption``, the same words under the image for everyone.

    ``width`` and ``height`` (pixels) reserve the image's place before it loads.

    >>> print(img_html(b"<svg/>", "A dot.", mime="image/svg+xml", caption=False))  # doctest: +NORMALIZE_WHITESPACE
    <figure class="coursekit-figure" style="margin:0"><img src="data:image/svg+xml;base64,PHN2Zy8+"
    alt="A dot." style="max-width:100%"></figure>
    """
    size = "".join(f' {name}="{value}"' for name, value in (("width", width), ("height", height)) if value)
    text = escape(alt, quote=True)
    below = f'<figcaption style="line-height:1.35"><small>{text}</small></figcaption>' if caption else ""
    return (f'<figure class="coursekit-figure" style="margin:0"><img src="data:{mime};base64,{_base64(data)}" '
            f'alt="{text}"{size} style="max-width:100%">{below}</figure>')


@dataclass(frozen=True)
class DataTable:
    """What a figure shows, as a table: its text alternative. A screen reader reads a table
    cell by cell with its headings, and anyone can read the exact values there.

    >>> table = DataTable("Votes", ("vote", "members"), [("yes", "14"), ("no", "1")])
    >>> print(table)
    Votes
    vote  members
    yes   14
    no    1
    >>> html = table.html()
    >>> html.startswith('<details class="coursekit-figure-table"><summary>The figure as a table</summary>')
    True
    >>> '<caption>Votes</caption>' in html and '<th scope="col">vote</th>' in html and '<td>14</td>' in html
    True
    """

    caption: str
    headings: tuple[str, ...]
    rows: Sequence[Sequence[str]]

    def __post_init__(self) -> None:
        object.__setattr__(self, "headings", tuple(map(str, self.headings)))
        object.__setattr__(self, "rows", tuple(tuple(map(str, row)) for row in self.rows))

    def html(self, summary: str = "The figure as a table") -> str:
        """The table, folded under ``summary`` (a ``<details>``: one click or Enter opens it)."""
        head = "".join(f'<th scope="col">{escape(h)}</th>' for h in self.headings)
        body = "".join("<tr>" + "".join(f"<td>{escape(cell)}</td>" for cell in row) + "</tr>"
                       for row in self.rows)
        return (f'<details class="coursekit-figure-table"><summary>{escape(summary)}</summary><table>'
                f"<caption>{escape(self.caption)}</caption><thead><tr>{head}</tr></thead>"
                f"<tbody>{body}</tbody></table></details>")

    def __str__(self) -> str:
        lines = [self.headings, *self.rows]
        widths = [max(len(line[i]) for line in lines) for i in range(len(self.headings))]
        return "\n".join([self.caption, *("  ".join(cell.ljust(w) for cell, w in zip(line, widths)).rstrip()
                                          for line in lines)])


class Chart:
    """A matplotlib figure with a one-sentence description for screen readers and, when
    given, its data as a :class:`DataTable`.

    Shows in a notebook as the image with the description as its ``alt`` text and
    caption, and the table folded under it; prints as the description, so a terminal or
    nbval sees words, not pixels.
    """

    #: Whether the notebook shows the description under the image too (it is the alt text always).
    caption = True

    def __init__(self, figure, description: str, table: DataTable | None = None):
        self.figure = figure
        self.description = description
        self.table = table

    def table_html(self) -> str:
        """The figure's data as a folded table (HTML), or "" if it has none."""
        return self.table.html() if self.table is not None else ""

    def png(self, dpi: float | None = None) -> bytes:
        """The figure as PNG bytes, the description kept in the file's metadata."""
        buf = io.BytesIO()
        # Light compression: a third of the time of the default, for a slightly larger file.
        self.figure.savefig(buf, format="png", dpi=dpi or self.figure.dpi,
                            metadata={"Description": self.description}, pil_kwargs={"compress_level": 1})
        return buf.getvalue()

    def svg(self) -> bytes:
        """The figure as SVG bytes, text kept as text: quick to make, sharp at any zoom."""
        import matplotlib

        buf = io.BytesIO()
        with matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": "coursekit"}):
            self.figure.savefig(buf, format="svg", metadata={"Description": self.description, "Date": None})
        return buf.getvalue()

    def savefig(self, path, **kwargs) -> None:
        """Save like :meth:`matplotlib.figure.Figure.savefig`."""
        self.figure.savefig(path, **kwargs)

    def __repr__(self) -> str:
        return f"Chart: {self.description}"

    def _repr_mimebundle_(self, include=None, exclude=None):
        png = self.png()
        return {"text/html": img_html(png, self.description, caption=self.caption) + self.table_html(),
                "image/png": _base64(png), "text/plain": repr(self)}


def _number(value) -> str:
    return f"{value:g}" if isinstance(value, (int, float)) else str(value)


def bar_table(labels: Iterable, values: Iterable, *, marked=None, marked_label="", unmarked_label="",
              label_heading="", xlabel="", title="") -> DataTable:
    """The rows of a bar chart: one per bar, its label, its value and (with ``marked``)
    which group it is in.

    >>> print(bar_table(["Mali", "France"], [12, 7], marked=[True, False], marked_label="quoted",
    ...                 unmarked_label="only named", label_heading="actor", xlabel="paragraphs"))
    paragraphs per actor
    actor   paragraphs  group
    Mali    12          quoted
    France  7           only named
    """
    labels, values = list(labels), list(values)
    value_heading = xlabel or "value"
    label_heading = label_heading or "bar"
    headings = [label_heading, value_heading]
    groups = list(marked) if marked is not None and (marked_label or unmarked_label) else None
    if groups is not None:
        headings.append("group")
    rows = []
    for i, (label, value) in enumerate(zip(labels, values)):
        row = [str(label), _number(value)]
        if groups is not None:
            row.append(marked_label if groups[i] else unmarked_label)
        rows.append(row)
    return DataTable(title or f"{value_heading} per {label_heading}", tuple(headings), rows)


def bar_chart(labels, values, *, marked=None, marked_label="", unmarked_label="",
              xlabel="", title="", description: str, label_heading: str = "") -> Chart:
    """A horizontal bar chart, largest first at the top; ``marked`` bars are hatched and
    coloured differently (never told apart by colour alone) and every bar is labelled
    with its value. Its table (:func:`bar_table`) has a row per bar, under the heading
    ``label_heading`` (what the bars are, e.g. "actor") and ``xlabel``.

    >>> chart = bar_chart(["A", "B"], [3, 1], description="A has 3, B has 1.")
    >>> print(chart)
    Chart: A has 3, B has 1.
    >>> chart.table.rows
    (('A', '3'), ('B', '1'))
    """
    # A Figure of its own, not pyplot's: shown once, through Chart's display, never
    # again by the notebook's backend.
    from matplotlib.figure import Figure
    from matplotlib.patches import Patch

    marked = list(marked) if marked is not None else [False] * len(labels)
    plain, hatched, edge = PALETTE["blue"], PALETTE["orange"], PALETTE["black"]
    fig = Figure(figsize=(8, 0.8 + 0.32 * max(len(labels), 1)), dpi=100, layout="constrained")
    ax = fig.add_subplot()
    ys = list(range(len(labels)))[::-1]
    bars = ax.barh(ys, values, color=[hatched if m else plain for m in marked], edgecolor=edge, linewidth=0.6)
    for bar, m in zip(bars, marked):
        bar.set_hatch("//" if m else "")
    ax.bar_label(bars, padding=3)
    ax.set_yticks(ys, labels)
    ax.set_xlabel(xlabel)
    ax.set_title(title, loc="left")
    ax.spines[["top", "right"]].set_visible(False)
    ax.set_xlim(0, max(values, default=1) * 1.15 + 0.5)
    if any(marked) and marked_label:
        handles = [Patch(facecolor=hatched, hatch="//", edgecolor=edge, label=marked_label)]
        if unmarked_label:
            handles.append(Patch(facecolor=plain, edgecolor=edge, label=unmarked_label))
        ax.legend(handles=handles, loc="lower right", frameon=False)
    table = bar_table(labels, values, marked=marked if any(marked) else None, marked_label=marked_label,
                      unmarked_label=unmarked_label, label_heading=label_heading, xlabel=xlabel, title=title)
    return Chart(fig, description, table)
