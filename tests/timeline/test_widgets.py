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


def test_every_control_has_a_description_for_keyboard_and_screen_reader_users(ex):
    controls = [ex.years, ex.actor, ex.only_article, ex.highlight, *ex.category_buttons.values()]
    assert all(c.description for c in controls)
    assert isinstance(ex.years, widgets.IntRangeSlider) and not ex.years.continuous_update


def test_the_year_slider_narrows_the_figure(ex):
    before = ex.image.value
    ex.years.value = (2022, 2023)
    assert ex.redraws == 2 and ex.image.value != before
    assert {e.start.year for e in ex.shown.events} == {2022, 2023}
    assert "Jan 2022" not in ex.figure.description and "January 2022 to December 2023" in ex.figure.description


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
