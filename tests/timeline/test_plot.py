"""coursekit.timeline.plot: the drawn timeline, measured with the Agg renderer."""
from __future__ import annotations

import itertools

import pytest
from matplotlib.patches import Rectangle

from coursekit.charts import PALETTE
from coursekit.timeline.events import load_timeline
from coursekit.timeline.plot import WIDTH, label_boxes


@pytest.fixture(scope="module")
def tl():
    return load_timeline()


def _overlaps(tf):
    boxes = label_boxes(tf)
    return [(a, b) for (a, ba), (b, bb) in itertools.combinations(boxes, 2) if ba.overlaps(bb)]


def _outside(tf):
    fig = tf.figure.bbox
    return [gid for gid, b in label_boxes(tf)
            if b.x0 < fig.x0 or b.x1 > fig.x1 or b.y0 < fig.y0 or b.y1 > fig.y1]


def test_no_two_labels_overlap_on_the_full_timeline_at_the_default_width(tl):
    tf = tl.plot(highlight="article")
    assert tf.figure.get_size_inches()[0] == WIDTH == 10
    assert len(tf.labels) == len(tl.entries)
    assert _overlaps(tf) == []
    assert _outside(tf) == []


def test_the_overlap_measure_does_catch_overlapping_labels(tl):
    tf = tl.plot()
    first, second = tf.labels[0], tf.labels[1]
    second.set_position(first.get_position())
    second.xy = first.xy
    assert _overlaps(tf)


@pytest.mark.parametrize("kwargs", [
    {"start": 2022, "end": 2023},
    {"start": "2023-06", "end": "2023-07"},
    {"categories": ["un"]},
    {"in_article": True},
    {"actors": ["mali-government"]},
])
def test_no_overlap_on_filtered_timelines_nor_at_a_narrow_width(tl, kwargs):
    sub = tl.filter(**kwargs)
    for width in (10, 7):
        tf = sub.plot(highlight="article", width=width)
        assert _overlaps(tf) == [] and _outside(tf) == []


def test_approximate_dates_are_hollow_and_labelled_c(tl):
    tf = tl.plot()
    texts = {t.get_gid(): t.get_text() for t in tf.labels}
    assert texts["moura"] == "c. Moura killings" and texts["coup-2020"] == "Coup ousts President Keïta"
    hollow = [line for line in tf.ax.lines if line.get_markerfacecolor() == PALETTE["white"]]
    assert {line.get_marker() for line in hollow} == {tl.categories[e.category].marker for e in tl.events
                                                      if e.approximate}
    assert sum(len(line.get_xdata()) for line in hollow) == sum(e.approximate for e in tl.events)


def test_categories_differ_by_marker_as_well_as_colour_and_are_in_the_legend(tl):
    categories = tl.categories
    assert len({c.marker for c in categories.values()}) == len(categories)
    assert len({c.colour for c in categories.values()}) == len(categories)
    tf = tl.plot()
    legend = tf.figure.legends[0]
    texts = [t.get_text() for t in legend.get_texts()]
    assert [c.label for c in categories.values()] == texts[:len(categories)]
    assert "c. = approximate date" in texts and "period" in texts
    legend = tl.in_category("un", "diplomacy").plot().figure.legends[0]
    assert [t.get_text() for t in legend.get_texts()][:3] == ["UN and Security Council", "Diplomacy",
                                                             "c. = approximate date"]


def test_highlight_makes_the_chosen_labels_bold_and_fades_the_others(tl):
    tf = tl.plot(highlight="article")
    weights = {t.get_gid(): t.get_fontweight() for t in tf.labels}
    assert weights["diop-demand"] == "bold" and weights["barkhane-launch"] == "normal"
    tf = tl.plot(highlight=["barkhane-launch"])
    weights = {t.get_gid(): t.get_fontweight() for t in tf.labels}
    assert weights["barkhane-launch"] == "bold" and weights["diop-demand"] == "normal"
    assert all(t.get_fontweight() == "normal" for t in tl.plot().labels)


def test_periods_are_shaded_bars_and_the_axes_look_like_the_gallery(tl):
    tf = tl.plot()
    bars = [p for p in tf.ax.patches if isinstance(p, Rectangle)]
    assert len(bars) == len(tl.periods)
    assert all(0 < bar.get_alpha() < 1 for bar in bars)
    assert not tf.ax.yaxis.get_visible()
    assert not tf.ax.spines["left"].get_visible() and tf.ax.spines["bottom"].get_visible()
    years = [t.get_text() for t in tf.ax.get_xticklabels()]
    assert "2012" in years and "2023" in years


def test_the_figure_has_alt_text_and_shows_as_an_image(tl):
    tf = tl.plot(highlight="article")
    assert repr(tf) == tf.description == tl.describe("article")
    assert tf.png().startswith(b"\x89PNG") and tf.svg().lstrip().startswith(b"<?xml")
    bundle = tf._repr_mimebundle_()
    html = bundle["text/html"]
    assert 'alt="Timeline from January 2012' in html and "data:image/png;base64," in html
    # the lesson prints the description itself, so the figure shows it only as alt text
    assert "<figcaption" not in html
    assert bundle["text/plain"] == tf.description and bundle["image/png"]


def test_the_figure_is_drawn_in_the_course_palette(tl):
    from matplotlib.colors import to_hex

    tf = tl.plot(highlight="article")
    used = {to_hex(c) for line in tf.ax.lines for c in (line.get_markerfacecolor(), line.get_markeredgecolor())}
    used |= {to_hex(t.get_color()) for t in tf.labels}
    used |= {to_hex(c) for coll in tf.ax.collections for c in coll.get_edgecolor()}
    assert used <= {to_hex(c) for c in PALETTE.values()}, used - {to_hex(c) for c in PALETTE.values()}


def test_an_empty_selection_draws_a_message_not_an_error(tl):
    tf = tl.between(2005, 2008).plot()
    assert tf.labels == []
    assert any("No events match" in t.get_text() for t in tf.ax.texts)


def test_the_figure_has_every_entry_it_draws_as_a_table_under_it(tl):
    sub = tl.between(2022, 2023)
    tf = sub.plot(highlight="article")
    html = tf._repr_mimebundle_()["text/html"]
    assert html.index("<img ") < html.index('<details class="coursekit-figure-table">')
    table = tf.table
    assert table.headings == ("date", "event or period", "category", "article paragraphs", "in bold")
    assert table.caption == f"The timeline's {len(sub.events)} events and {len(sub.periods)} periods"
    # a row per event and period, from the same timeline, in its order
    assert [row[0] for row in table.rows] == [e.date_text for e in sub.entries]
    assert [row[1].removesuffix(" (period)") for row in table.rows] == [e.label for e in sub.entries]
    assert [row[2] for row in table.rows] == [sub.categories[e.category].label for e in sub.entries]
    # what the figure sets in bold is what the table marks "yes"
    bold = {t.get_gid() for t in tf.labels if t.get_fontweight() == "bold"}
    assert {e.id for e, row in zip(sub.entries, table.rows) if row[-1] == "yes"} == bold
    assert '<th scope="col">date</th>' in html


def test_without_highlight_the_table_has_no_bold_column(tl):
    table = tl.between(2012, 2012).plot().table
    assert table.headings[-1] == "article paragraphs" and len(table.rows) == len(tl.between(2012, 2012).entries)


# -- the zoomed panel: the crowded stretch enlarged below the whole timeline ----------------

ZOOM = {"zoom_from": "2021-12", "zoom_to": "2024-01"}


def _stem_crossings(tf):
    """(label, stem x) pairs where a stem runs through a label's box, in pixels, in every panel."""
    renderer = tf.figure.canvas.get_renderer()
    tf.figure.canvas.draw()
    found = []
    for ax in {t.axes for t in tf.labels}:
        stems = []
        for collection in ax.collections:
            for (x, y0), (_, y1) in collection.get_segments():
                (px, py0), (_, py1) = ax.transData.transform([(x, y0), (x, y1)])
                stems.append((px, min(py0, py1), max(py0, py1)))
        for t in (t for t in tf.labels if t.axes is ax):
            box = t.get_window_extent(renderer)
            found += [(t.get_gid(), round(x)) for x, low, high in stems
                      if box.x0 < x < box.x1 and low < box.y1 and high > box.y0]
    return found


@pytest.mark.parametrize("zoom", [ZOOM, {}], ids=["zoomed", "whole"])
@pytest.mark.parametrize("width", [10, 7])
def test_the_zoomed_figure_keeps_every_label_apart_and_every_stem_clear(tl, width, zoom):
    tf = tl.plot(highlight="article", width=width, **zoom)
    assert _overlaps(tf) == [] and _outside(tf) == []
    assert _stem_crossings(tf) == []


def test_the_stem_measure_does_catch_a_stem_through_a_label(tl):
    tf = tl.plot(**ZOOM)
    label = next(t for t in tf.labels if t.axes is tf.zoom_ax)
    box = label.get_window_extent(tf.figure.canvas.get_renderer())
    x, _ = tf.zoom_ax.transData.inverted().transform(((box.x0 + box.x1) / 2, box.y0))
    tf.zoom_ax.vlines([x], 0, 1000, colors=[PALETTE["black"]])
    assert _stem_crossings(tf)


def test_the_zoomed_panel_labels_the_crowded_stretch_and_the_upper_panel_the_rest(tl):
    tf = tl.plot(highlight="article", **ZOOM)
    zoomed = tl.zoom(ZOOM["zoom_from"], ZOOM["zoom_to"])
    below = [t.get_gid() for t in tf.labels if t.axes is tf.zoom_ax]
    above = [t.get_gid() for t in tf.labels if t.axes is tf.ax]
    # every event labelled once: the stretch below, the others above; periods in both
    assert sorted(e.id for e in zoomed.events) == sorted(g for g in below if g in {e.id for e in tl.events})
    assert {e.id for e in tl.events} - {e.id for e in zoomed.events} == {g for g in above
                                                                         if g in {e.id for e in tl.events}}
    # ... and marked on both axes: the upper panel's markers count every event
    markers = [line for line in tf.ax.lines if line.get_linestyle() == "None"]
    assert sum(len(line.get_xdata()) for line in markers) == len(tl.events)
    # the stretch is shaded above, and the lower axis spans it
    lo, hi = zoomed.date_range()
    import matplotlib.dates as mdates
    band, = [patch for patch in tf.ax.patches if patch.get_gid() == "zoomed-stretch"]
    assert (band.get_x(), band.get_x() + band.get_width()) == (mdates.date2num(lo), mdates.date2num(hi))
    left, right = tf.zoom_ax.get_xlim()
    assert left <= mdates.date2num(lo) and right >= mdates.date2num(hi)
    # the lower panel sits below the upper one
    assert tf.zoom_ax.get_position().y1 < tf.ax.get_position().y0


def test_the_zoomed_figure_has_a_description_for_each_panel(tl):
    tf = tl.plot(highlight="article", **ZOOM)
    assert tf.description == tl.describe("article", **ZOOM)
    assert tf.description.startswith("Two panels. Above, timeline from January 2012 to January 2024")
    zoomed = tl.zoom(ZOOM["zoom_from"], ZOOM["zoom_to"])
    assert (f"the {len(zoomed.events)} events from December 2021 to January 2024 are marked on the axis "
            "without labels; the panel below enlarges that stretch: timeline from December 2021 to "
            "January 2024") in tf.description
    html = tf._repr_mimebundle_()["text/html"]
    assert 'alt="Two panels.' in html
