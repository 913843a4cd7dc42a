"""The timeline explorer: filter the chronology with widgets and watch the figure redraw.

The figure is redrawn as SVG (text stays text, so it is sharp and quick: well under
0.3 s per change on the full data; see tests/benchmarks/bench_timeline.py) and shown
as an image with its description as alt text and caption, and the events it shows as a
folded table. Every control is a native, labelled form control (lists and tick boxes),
so it is used with the keyboard and named by a screen reader. The state is in plain
attributes and the handlers are methods, so tests drive the controls by setting their
values.

>>> from coursekit import explore_timeline
>>> ex = explore_timeline()
>>> ex.years.value = (2022, 2023)
>>> ex
Timeline explorer: 29 of 42 events shown
"""
from __future__ import annotations

import ipywidgets as widgets
import traitlets

from coursekit.charts import img_html
from coursekit.errors import CourseError
from coursekit.timeline.events import Timeline, load_timeline


def _actor_names(timeline: Timeline) -> list[tuple[str, str]]:
    """(name, id) for every actor the timeline names, by name; ids alone if the actors
    file cannot be read."""
    ids = sorted({a for e in timeline.entries for a in e.actors})
    try:
        from coursekit.reading.actors import load_actors

        actors = load_actors(timeline.data_dir)
        names = {a: actors[a].name if a in actors else a for a in ids}
    except (ImportError, CourseError, FileNotFoundError):
        names = {a: a for a in ids}
    return sorted(((names[a], a) for a in ids), key=lambda p: p[0].lower().removeprefix("the "))


class YearRange(widgets.HBox):
    """The years to show: two labelled lists, "Years from" and "to".

    It stands where a range slider would: ipywidgets' slider handles have no accessible
    name (axe-core's rule aria-input-field-name) and show their state only by position,
    while a list (``<select>``) is named by its label and set with the arrow keys.
    ``value`` is ``(first, last)``, as a range slider's, and changes once per choice;
    choosing a "from" year after the "to" year moves "to" along (and the other way round).
    """

    value = traitlets.Tuple(traitlets.Int(), traitlets.Int())

    def __init__(self, first: int, last: int):
        years = list(range(first, last + 1))
        self.min, self.max = first, last
        self.description = "Years"
        self._syncing = False  # True while the lists are set to match ``value``
        style = {"description_width": "initial"}
        self.first = widgets.Dropdown(options=years, value=first, description="Years from",
                                      style=style, layout=widgets.Layout(width="auto"))
        self.last = widgets.Dropdown(options=years, value=last, description="to", style=style,
                                     layout=widgets.Layout(width="auto"))
        self.first.add_class("coursekit-years-from")
        self.last.add_class("coursekit-years-to")
        super().__init__([self.first, self.last], value=(first, last))
        self.add_class("coursekit-years")
        self.first.observe(self._chosen, names="value")
        self.last.observe(self._chosen, names="value")

    def _chosen(self, change) -> None:
        if self._syncing:
            return
        first, last = self.first.value, self.last.value
        if first > last:  # keep the range in order: move the other end along
            if change["owner"] is self.first:
                first, last = first, first
            else:
                first, last = last, last
        self.value = (first, last)

    @traitlets.validate("value")
    def _clip(self, proposal) -> tuple[int, int]:
        first, last = sorted(max(self.min, min(self.max, int(y))) for y in proposal["value"])
        return (first, last)

    @traitlets.observe("value")
    def _show(self, change) -> None:
        self._syncing = True  # the lists follow the value; they must not set it again
        try:
            self.first.value, self.last.value = change["new"]
        finally:
            self._syncing = False


class TimelineExplorer(widgets.VBox):
    """The years (from, to), category tick boxes, an actor filter and an "only what the
    article mentions" switch above the timeline figure and its table.

    ``shown`` is the filtered :class:`~coursekit.timeline.events.Timeline` on display and
    ``figure`` the last drawn :class:`~coursekit.timeline.plot.TimelineFigure`.
    """

    def __init__(self, timeline: Timeline | None = None, *, highlight_article: bool = True,
                 width: float | None = None):
        self.timeline = timeline if timeline is not None else load_timeline()
        self.width = width
        lo, hi = self.timeline.date_range()
        self.years = YearRange(lo.year, hi.year)
        # Tick boxes, not toggle buttons: a toggle button shows its state only by its shade
        # (and ipywidgets gives it no aria-pressed), a tick box by its tick, to everyone.
        self.category_buttons = {
            cid: widgets.Checkbox(value=True, description=c.label, indent=False,
                                  layout=widgets.Layout(width="auto", margin="0 1.2em 0 0"))
            for cid, c in self.timeline.categories.items()
        }
        for cid, button in self.category_buttons.items():
            button.add_class(f"coursekit-category-{cid}")
        self.actor = widgets.Dropdown(options=[("All actors", "")] + _actor_names(self.timeline),
                                      value="", description="Actor", tooltip="Only events involving this actor")
        self.only_article = widgets.Checkbox(value=False, description="Only what the article mentions",
                                             indent=False)
        self.highlight = widgets.Checkbox(value=highlight_article, description="Bold what the article mentions",
                                          indent=False)
        self.status = widgets.HTML()
        self.status.add_class("coursekit-explorer-status")
        # An <img> in HTML rather than an ipywidgets Image: it carries real alt text
        # (and Image views break in ipywidgets 8 when given a tooltip).
        self.image = widgets.HTML(layout=widgets.Layout(width="100%"))
        self.image.add_class("coursekit-explorer-figure")

        controls = [self.years, *self.category_buttons.values(), self.actor, self.only_article, self.highlight]
        for control in controls:
            control.observe(self._changed, names="value")
        categories = widgets.HBox(list(self.category_buttons.values()),
                                  layout=widgets.Layout(flex_flow="row wrap"))
        categories.add_class("coursekit-explorer-categories")
        super().__init__([
            widgets.HBox([self.years, self.actor], layout=widgets.Layout(flex_flow="row wrap")),
            widgets.HTML("<span>Categories shown (tick or untick):</span>"),
            categories,
            widgets.HBox([self.only_article, self.highlight]),
            self.status,
            self.image,
        ])
        self.add_class("coursekit-explorer")
        self.shown: Timeline = self.timeline
        self.figure = None
        self.redraws = 0
        self.redraw()

    # -- state -> figure ------------------------------------------------------------
    def selection(self) -> Timeline:
        """The timeline filtered by the controls' current values."""
        first, last = self.years.value
        if (first, last) == (self.years.min, self.years.max):
            first = last = None  # the whole timeline, with its own margins
        categories = [cid for cid, b in self.category_buttons.items() if b.value]
        return self.timeline.filter(start=first, end=last, categories=categories,
                                    actors=[self.actor.value] if self.actor.value else None,
                                    in_article=True if self.only_article.value else None)

    def _changed(self, change) -> None:
        self.redraw()

    def redraw(self) -> None:
        """Filter, draw and show the figure (and say what is shown, in words)."""
        self.shown = self.selection()
        highlight = "article" if self.highlight.value else None
        self.figure = figure = self.shown.plot(highlight=highlight, width=self.width)
        self.image.value = img_html(figure.svg(), figure.description, mime="image/svg+xml") + figure.table_html()
        total = len(self.timeline.events)
        n = len(self.shown.events)
        # A status region: a screen reader says the new count after each change.
        self.status.value = ('<div role="status">'
                             f"<b>{n}</b> of {total} events and <b>{len(self.shown.periods)}</b> of "
                             f"{len(self.timeline.periods)} periods shown." +
                             ("" if n else " <i>Nothing matches: widen the years or tick a category.</i>")
                             + "</div>")
        self.redraws += 1

    def __repr__(self) -> str:
        return f"Timeline explorer: {len(self.shown.events)} of {len(self.timeline.events)} events shown"


def explore_timeline(timeline: Timeline | None = None, **kwargs) -> TimelineExplorer:
    """An interactive explorer of the timeline (the whole course timeline by default).

    >>> import coursekit
    >>> coursekit.explore_timeline()
    Timeline explorer: 42 of 42 events shown
    """
    return TimelineExplorer(timeline, **kwargs)


#: The same, for ``from coursekit.timeline.widgets import explore``.
explore = explore_timeline
