"""Drawing a Timeline with matplotlib, after the gallery's "Timeline with lines, dates, and text".

Stems (``vlines``) rise and fall from a date axis to labels placed with
``annotate(..., textcoords="offset points")``; the y axis is hidden. Periods are shaded
bars under the events. Which level each label takes is decided by the pure functions
:func:`coursekit.timeline.events.assign_levels` and :func:`~coursekit.timeline.events.assign_lanes`,
from label widths measured with the Agg renderer, so labels never overlap.

The figure is laid out in points, not with ``layout="constrained"``: the label levels
depend on the axes' width in points, so the margins are fixed first and the axes' height
follows from the number of levels.
"""
from __future__ import annotations

import datetime as dt

import matplotlib
import matplotlib.dates as mdates
from matplotlib.artist import Artist
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.ticker import NullLocator

from coursekit.charts import PALETTE, Chart, DataTable
from coursekit.timeline.events import Timeline, assign_lanes, assign_levels

#: Default figure width in inches: the width of a JupyterLab notebook cell at 100 % zoom.
WIDTH = 10.0
DPI = 100
LABEL_SIZE = 8.0
PERIOD_SIZE = 7.5
LEVEL_STEP = 15.0   # points between label levels (a label is about 11 points high)
LANE_STEP = 14.0    # points between period lanes
BAR_HEIGHT = 11.0
MARGIN_LEFT = 0.3   # inches
MARGIN_RIGHT = 0.3
MARGIN_TOP = 0.55   # room for the legend
MARGIN_BOTTOM = 0.35  # room for the year labels
# The neutrals, from the course palette: text, faded text, grid, axis and label backing.
_INK, _GREY, _GRID, _AXIS, _PAPER = (PALETTE[name] for name in
                                     ("black", "mid-grey", "pale-grey", "dark-grey", "white"))


class TimelineFigure(Chart):
    """A drawn timeline: a :class:`~coursekit.charts.Chart` (the matplotlib ``figure`` and
    its one-sentence ``description``) with its ``ax`` and the label artists (for tests and
    tweaks).

    A notebook shows it as a PNG image with the description as alt text (a lesson prints
    the description where it wants it) and, folded under it, its ``table``: every event
    and period drawn, as rows a screen reader can read.
    """

    caption = False

    def __init__(self, figure: Figure, ax, description: str, labels=(), table: DataTable | None = None):
        super().__init__(figure, description, table)
        self.ax = ax
        self.labels = list(labels)

    def __repr__(self) -> str:
        return self.description


def _highlighted(timeline: Timeline, highlight) -> set[str] | None:
    if highlight is None or highlight is False:
        return None
    if highlight == "article":
        return {e.id for e in timeline.entries if e.in_article}
    if isinstance(highlight, str):
        return {highlight}
    return set(highlight)


def timeline_table(timeline: Timeline, highlight=None) -> DataTable:
    """The timeline's figure as a table (its text alternative): a row per event and period
    drawn, in the timeline's order, with its date, category and the article's paragraphs
    that mention it; what the figure sets in bold is marked.

    >>> from coursekit.timeline.events import load_timeline
    >>> table = timeline_table(load_timeline().between(2012, 2012))
    >>> table.caption, table.headings
    ("The timeline's 3 events and 0 periods", ('date', 'event or period', 'category', 'article paragraphs'))
    >>> table.rows[0]
    ('17 Jan 2012', 'MNLA rebellion begins', 'Armed conflict', '4, 8')
    """
    chosen = _highlighted(timeline, highlight)
    headings = ["date", "event or period", "category", "article paragraphs"]
    if chosen is not None:
        headings.append("in bold")
    rows = []
    for entry, row in zip(timeline.entries, timeline.rows()):
        rows.append([*row, "yes" if entry.id in chosen else "no"] if chosen is not None else list(row))
    n, m = len(timeline.events), len(timeline.periods)
    caption = (f"The timeline's {n} event{'s' if n != 1 else ''} and {m} period{'s' if m != 1 else ''}")
    return DataTable(caption, tuple(headings), rows)


_WIDTHS: dict[tuple, float] = {}


def _text_width(renderer, text: str, size: float, weight: str, dpi: float) -> float:
    """Width of ``text`` in points, as the Agg renderer will draw it (cached: the
    explorer redraws the same labels again and again)."""
    key = (text, size, weight, dpi, matplotlib.rcParams["font.family"][0])
    if key not in _WIDTHS:
        prop = FontProperties(size=size, weight=weight)
        w, _, _ = renderer.get_text_width_height_descent(text, prop, ismath=False)
        _WIDTHS[key] = w * 72.0 / dpi
    return _WIDTHS[key]


def plot_timeline(timeline: Timeline, *, highlight=None, width: float | None = None,
                  dpi: float | None = None, title: str | None = None, zoom_from=None, zoom_to=None,
                  _into: Figure | None = None, _zoomed: Timeline | None = None) -> TimelineFigure:
    """Draw ``timeline``; see :meth:`coursekit.timeline.events.Timeline.plot`.

    ``_into`` and ``_zoomed`` are for :func:`_plot_zoomed`: draw a panel into that figure,
    leaving the legend to it; with ``_zoomed``, that sub-timeline's events get a marker but
    no stem or label (the zoomed panel labels them), and its stretch is shaded.
    """
    if zoom_from is not None or zoom_to is not None:
        return _plot_zoomed(timeline, zoom_from, zoom_to, highlight=highlight, width=width, dpi=dpi, title=title)
    width = width or WIDTH
    dpi = dpi or DPI
    chosen = _highlighted(timeline, highlight)
    banded = {e.id for e in _zoomed.events} if _zoomed is not None else set()
    events, periods = tuple(e for e in timeline.events if e.id not in banded), timeline.periods
    lo, hi = timeline.date_range()
    span_days = max((hi - lo).days, 30)
    pad = dt.timedelta(days=max(15, span_days // 60))
    x0, x1 = lo - pad, hi + pad
    axis_pts = (width - MARGIN_LEFT - MARGIN_RIGHT) * 72.0
    per_day = axis_pts / (x1 - x0).days

    def x_pts(d: dt.date) -> float:
        return (d - x0).days * per_day

    fig = _into if _into is not None else Figure(figsize=(width, 3), dpi=dpi)
    renderer = (fig.canvas if isinstance(fig.canvas, FigureCanvasAgg) else FigureCanvasAgg(fig)).get_renderer()

    def weight(e) -> str:
        return "bold" if chosen is not None and e.id in chosen else "normal"

    widths = [_text_width(renderer, e.plot_label, LABEL_SIZE, weight(e), dpi) for e in events]
    levels = assign_levels([x_pts(e.when) for e in events], widths, axis_width=axis_pts)
    p_ends = [p.end or x1 for p in periods]
    p_labels = [p.label + ("" if p.end else " →") for p in periods]
    p_widths = [_text_width(renderer, t, PERIOD_SIZE, weight(p), dpi) for t, p in zip(p_labels, periods)]
    lanes = assign_lanes([x_pts(max(p.start, x0)) for p in periods], [x_pts(min(e, x1)) for e in p_ends],
                         p_widths, axis_width=axis_pts)

    n_up = max([lv for lv, _ in levels if lv > 0], default=0)
    n_down = max([-lv for lv, _ in levels if lv < 0], default=0)
    n_lanes = max([ln for ln, _, _ in lanes], default=-1) + 1
    top = n_up * LEVEL_STEP + 18 if n_up else 12
    below_labels = n_down * LEVEL_STEP + 16 if n_down else 10
    lanes_top = -below_labels
    bottom = lanes_top - n_lanes * LANE_STEP - 6
    axes_pts = top - bottom
    height = axes_pts / 72.0 + MARGIN_TOP + MARGIN_BOTTOM
    if _into is None:
        fig.set_size_inches(width, height)
    ax = fig.add_axes((MARGIN_LEFT / width, MARGIN_BOTTOM / height,
                       (width - MARGIN_LEFT - MARGIN_RIGHT) / width, axes_pts / 72.0 / height))
    # Dates as matplotlib's numbers (days), which is what its type hints accept.
    ax.set_xlim(mdates.date2num(x0), mdates.date2num(x1))
    ax.set_ylim(bottom, top)

    # The date axis: years when the range is long, concise dates when short.
    if span_days > 3 * 365:
        ax.xaxis.set_major_locator(mdates.YearLocator())
        ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))
    else:
        locator = mdates.AutoDateLocator(minticks=4, maxticks=10)
        ax.xaxis.set_major_locator(locator)
        ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
    ax.tick_params(axis="x", labelsize=8)
    ax.grid(axis="x", color=_GRID, linewidth=0.8, zorder=0)
    ax.yaxis.set_major_locator(NullLocator())  # no y ticks at all: hidden, and cheaper to draw
    ax.yaxis.set_visible(False)
    ax.spines[["left", "top", "right"]].set_visible(False)
    ax.axhline(0, color=_AXIS, linewidth=1.0, zorder=2)

    labels = []
    # One collection for all stems and one marker set per category and fill: fewer artists,
    # faster redraws in the explorer.
    faded_of = [chosen is not None and e.id not in chosen for e in events]
    if events:
        ax.vlines(mdates.date2num([e.when for e in events]), 0, [lv * LEVEL_STEP for lv, _ in levels],
                  colors=[timeline.categories[e.category].colour for e in events],
                  alpha=None, linewidth=0.9, zorder=1)
        ax.collections[-1].set_alpha([0.35 if f else 0.8 for f in faded_of])
    for cat in timeline.categories.values():
        for approximate in (False, True):
            group = [e.when for e in timeline.events if e.category == cat.id and e.approximate == approximate]
            if group:
                ax.plot(mdates.date2num(group), [0] * len(group), marker=cat.marker, markersize=6.5, linestyle="none",
                        markeredgecolor=cat.colour, markeredgewidth=1.4,
                        markerfacecolor=_PAPER if approximate else cat.colour, zorder=3)
    for e, (level, align), faded in zip(events, levels, faded_of):
        y = level * LEVEL_STEP
        text = ax.annotate(
            e.plot_label, xy=(e.when, y), xytext=(2 if align == "left" else -2, 2 if level > 0 else -2),
            textcoords="offset points", ha=align, va="bottom" if level > 0 else "top",
            fontsize=LABEL_SIZE, fontweight=weight(e), color=_GREY if faded else _INK,
            bbox=dict(boxstyle="square,pad=0.1", facecolor=_PAPER, edgecolor="none", alpha=0.85),
            zorder=4,
        )
        text.set_gid(e.id)
        labels.append(text)

    for p, end, label, (lane, lx, align) in zip(periods, p_ends, p_labels, lanes):
        cat = timeline.categories[p.category]
        yc = lanes_top - lane * LANE_STEP - BAR_HEIGHT / 2 - 2
        start = max(p.start, x0)
        stop = min(end, x1)
        faded = chosen is not None and p.id not in chosen
        ax.barh(yc, (stop - start).days, left=mdates.date2num(start), height=BAR_HEIGHT, color=cat.colour,
                alpha=0.12 if faded else 0.25, edgecolor=cat.colour, linewidth=0.8, zorder=1)
        text = ax.annotate(label, xy=(x0, yc), xytext=(lx, 0), textcoords="offset points",
                           ha=align, va="center", fontsize=PERIOD_SIZE, fontweight=weight(p),
                           color=_GREY if faded else _AXIS, zorder=4)
        text.set_gid(p.id)
        labels.append(text)

    if not timeline.entries:
        ax.text(0.5, 0.5, "No events match these filters.", transform=ax.transAxes,
                ha="center", va="center", fontsize=10, color=_GREY)

    if _zoomed is not None:  # the stretch the panel below enlarges
        zlo, zhi = _zoomed.date_range()
        ax.axvspan(mdates.date2num(zlo), mdates.date2num(zhi), facecolor=_GRID, alpha=0.6, edgecolor="none",
                   zorder=0).set_gid("zoomed-stretch")
    if _into is not None:  # a panel of a larger figure, which draws the legend
        return TimelineFigure(fig, ax, timeline.describe(highlight if isinstance(highlight, str) else None),
                              labels, timeline_table(timeline, highlight))
    present = {e.category for e in timeline.entries}
    handles: list[Artist] = [Line2D([], [], marker=c.marker, linestyle="none", markersize=6.5, color=c.colour,
                      label=c.label) for c in timeline.categories.values() if c.id in present or not present]
    handles.append(Line2D([], [], marker="o", linestyle="none", markersize=6.5, markeredgecolor=_AXIS,
                          markerfacecolor=_PAPER, label="c. = approximate date"))
    handles.append(Patch(facecolor=_GRID, edgecolor=_GREY, label="period"))
    if chosen is not None:
        handles.append(Line2D([], [], linestyle="none",
                              label="bold = " + ("in the article" if highlight == "article" else "highlighted")))
    fig.legend(handles=handles, loc="upper center", ncols=min(len(handles), 8), fontsize=7.5,
               frameon=False, handletextpad=0.3, columnspacing=1.0,
               bbox_to_anchor=(0.5, 1 - 0.04 / height))
    if title:
        fig.suptitle(title, fontsize=10, x=MARGIN_LEFT / width, ha="left")
    return TimelineFigure(fig, ax, timeline.describe(highlight if isinstance(highlight, str) else None), labels,
                          timeline_table(timeline, highlight))


def label_boxes(tf: TimelineFigure):
    """The drawn labels' bounding boxes in pixels (Agg renderer), for overlap checks."""
    renderer = tf.figure.canvas.get_renderer()
    tf.figure.canvas.draw()
    return [(t.get_gid(), t.get_window_extent(renderer)) for t in tf.labels]


# ---------------------------------------------------------------------------
# Two panels: the whole story, and its crowded stretch enlarged below

#: Inches between the two panels: the upper panel's years, then the lower panel's heading.
ZOOM_GAP = 0.55


class ZoomedTimelineFigure(TimelineFigure):
    """A timeline in two panels: the whole story above (``ax``), where one stretch is shaded
    and its events are marked on the axis without stems or labels, and that stretch
    enlarged below (``zoom_ax``), where every one of them is labelled."""

    def __init__(self, figure: Figure, ax, zoom_ax, description: str, labels=(),
                 table: DataTable | None = None):
        super().__init__(figure, ax, description, labels, table)
        self.zoom_ax = zoom_ax


def _plot_zoomed(timeline: Timeline, zoom_from, zoom_to, *, highlight=None, width: float | None = None,
                 dpi: float | None = None, title: str | None = None) -> ZoomedTimelineFigure:
    """The whole ``timeline`` above, and its stretch from ``zoom_from`` to ``zoom_to``
    enlarged in a second axes below; each panel laid out as :func:`plot_timeline` lays out one."""
    zoomed = timeline.zoom(zoom_from, zoom_to)
    upper = plot_timeline(timeline, highlight=highlight, width=width, dpi=dpi, title=title, _zoomed=zoomed)
    fig = upper.figure
    lower = plot_timeline(zoomed, highlight=highlight, width=width, dpi=dpi, _into=fig)
    width, above = fig.get_size_inches()
    upper_in, lower_in = ((ax.get_ylim()[1] - ax.get_ylim()[0]) / 72.0 for ax in (upper.ax, lower.ax))
    height = above + ZOOM_GAP + lower_in
    fig.set_size_inches(width, height)
    left, across = MARGIN_LEFT / width, (width - MARGIN_LEFT - MARGIN_RIGHT) / width
    lower.ax.set_position((left, MARGIN_BOTTOM / height, across, lower_in / height))
    upper.ax.set_position((left, (MARGIN_BOTTOM + lower_in + ZOOM_GAP) / height, across, upper_in / height))
    for legend in fig.legends:  # keep the legend at the top of the taller figure
        legend.set_bbox_to_anchor((0.5, 1 - 0.04 / height))
    lo, hi = zoomed.date_range()
    fig.text(left, (MARGIN_BOTTOM + lower_in) / height + 6 / 72.0 / height,
             f"Enlarged: {lo:%B %Y} to {hi:%B %Y}, the shaded stretch above",
             fontsize=8.5, fontweight="bold", color=_INK, ha="left", va="bottom")
    description = timeline.describe(highlight if isinstance(highlight, str) else None,
                                    zoom_from=zoom_from, zoom_to=zoom_to)
    return ZoomedTimelineFigure(fig, upper.ax, lower.ax, description, upper.labels + lower.labels, upper.table)


__all__ = ["TimelineFigure", "ZoomedTimelineFigure", "plot_timeline", "timeline_table", "label_boxes"]
