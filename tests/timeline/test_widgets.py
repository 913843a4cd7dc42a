"""coursekit.timeline.widgets: the explorer redraws when its controls change."""
from __future__ import annotations

import base64
import re
from html import escape

import ipywidgets as widgets
import pytest

from coursekit.timeline.events import load_timeline
from coursekit.timeline.widgets import TimelineExplorer, explore_timeline


@pytest.fixture
def ex() -> TimelineExplorer:
    return explore_timeline()


def svg_of(ex: TimelineExplorer) -> bytes:
    """The SVG the explorer's <img> shows."""
    src = re.search(r'src="data:image/svg\+xml;base64,([^"]+)"', ex.image.value)
    assert src, ex.image.value[:200]
    return base64.b64decode(src.group(1))


def test_the_explorer_starts_with_everything_and_has_css_classes(ex):
    tl = load_timeline()
    assert len(ex.shown) == len(tl) and ex.redraws == 1
    assert "coursekit-explorer" in ex._dom_classes
    assert "coursekit-explorer-figure" in ex.image._dom_classes
    # the figure is an SVG <img> whose alt text and caption are the figure's description
    assert svg_of(ex).lstrip().startswith(b"<?xml")
    assert f'alt="{escape(ex.figure.description)}"' in ex.image.value
    assert f"<small>{escape(ex.figure.description)}</small></figcaption>" in ex.image.value
    assert f"<b>{len(tl.events)}</b> of {len(tl.events)} events" in ex.status.value


def test_every_control_is_a_labelled_native_control_for_keyboard_and_screen_reader_users(ex):
    controls = [ex.years.first, ex.years.last, ex.actor, ex.only_article, ex.highlight,
                *ex.category_buttons.values()]
    assert all(c.description for c in controls)
    # <select> and tick boxes: named by their labels, used with the keyboard, their state
    # (the chosen year, ticked or not) told without colour. No slider (its handles have no
    # accessible name) and no toggle button (its state is only a shade).
    assert all(isinstance(c, (widgets.Dropdown, widgets.Checkbox)) for c in controls)
    assert all(isinstance(b, widgets.Checkbox) for b in ex.category_buttons.values())
    assert not any(isinstance(w, (widgets.IntRangeSlider, widgets.ToggleButton)) for w in _all_widgets(ex))


def _all_widgets(widget):
    yield widget
    for child in getattr(widget, "children", ()):
        yield from _all_widgets(child)


def test_choosing_the_years_narrows_the_figure_with_one_redraw(ex):
    before = ex.image.value
    ex.years.value = (2022, 2023)
    assert ex.redraws == 2 and ex.image.value != before
    assert (ex.years.first.value, ex.years.last.value) == (2022, 2023)
    assert {e.start.year for e in ex.shown.events} == {2022, 2023}
    assert "Jan 2022" not in ex.figure.description and "January 2022 to December 2023" in ex.figure.description


def test_the_year_lists_as_a_student_uses_them(ex):
    lo, hi = ex.years.min, ex.years.max
    ex.years.first.value = 2020
    assert ex.years.value == (2020, hi) and ex.redraws == 2
    ex.years.last.value = 2021
    assert ex.years.value == (2020, 2021) and ex.redraws == 3
    assert {e.start.year for e in ex.shown.events} <= {2020, 2021}
    # a "from" after the "to" moves "to" along, never an empty or reversed range
    ex.years.first.value = 2023
    assert ex.years.value == (2023, 2023) and ex.years.last.value == 2023
    ex.years.last.value = lo
    assert ex.years.value == (lo, lo) and ex.years.first.value == lo
    # out of range: clipped to the timeline's years
    ex.years.value = (1990, 2090)
    assert ex.years.value == (lo, hi) and len(ex.shown) == len(load_timeline())


def test_the_figure_has_its_events_as_a_table_under_it(ex):
    ex.years.value = (2022, 2023)
    html = ex.image.value
    table = ex.figure.table
    assert html.index("<img ") < html.index('<details class="coursekit-figure-table">')
    assert "<summary>The figure as a table</summary>" in html
    # one row per entry drawn, from the same filtered timeline as the figure
    assert len(table.rows) == len(ex.shown.entries)
    assert [row[1].removesuffix(" (period)") for row in table.rows] == [e.label for e in ex.shown.entries]
    for entry in ex.shown.entries:
        assert f"<td>{escape(entry.label)}" in html and f"<td>{escape(entry.date_text)}</td>" in html
    assert table.headings[-1] == "in bold"  # the explorer bolds what the article mentions
    assert {row[-1] for row in table.rows} == {"yes", "no"}


def test_the_status_is_announced(ex):
    ex.category_buttons["un"].value = False
    assert ex.status.value.startswith('<div role="status">')


def test_category_toggles_hide_and_show_a_category(ex):
    ex.category_buttons["un"].value = False
    assert ex.shown.events and all(e.category != "un" for e in ex.shown)
    ex.category_buttons["un"].value = True
    assert any(e.category == "un" for e in ex.shown)


def test_the_actor_filter_and_the_article_switch(ex):
    ex.actor.value = "france"
    assert ex.shown.events and all("france" in e.actors for e in ex.shown)
    ex.only_article.value = True
    assert all(e.in_article and "france" in e.actors for e in ex.shown)
    assert "Coup ousts" not in svg_of(ex).decode()
    ex.actor.value = ""
    assert len(ex.shown) == len(load_timeline().mentioned())


def test_switching_highlight_changes_the_drawing_not_the_selection(ex):
    n = len(ex.shown)
    ex.highlight.value = False
    assert len(ex.shown) == n and all(t.get_fontweight() == "normal" for t in ex.figure.labels)


def test_nothing_matching_says_so(ex):
    for button in ex.category_buttons.values():
        button.value = False
    assert len(ex.shown) == 0
    assert "Nothing matches" in ex.status.value


def test_the_explorer_is_reachable_from_coursekit_and_from_a_timeline():
    import coursekit

    assert coursekit.explore_timeline is explore_timeline
    sub = load_timeline().between(2012, 2013).explore()
    assert isinstance(sub, TimelineExplorer) and sub.years.value == (2012, 2013)
    assert sub.years.first.options == (2012, 2013)
