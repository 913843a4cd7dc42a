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
    assert {line.get_marker() for line in hollow} == {tl.categories[c].marker for c in ("conflict", "politics")}
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
