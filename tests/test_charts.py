"""coursekit.charts: the one palette, the one way to embed a figure, and the bar chart."""
from __future__ import annotations

import base64
import re

import pytest
from matplotlib.colors import to_hex

from coursekit.charts import PALETTE, Chart, DataTable, bar_chart, bar_table, img_html


def _src(html: str) -> tuple[str, bytes]:
    m = re.search(r'<img src="data:([^;]+);base64,([^"]+)"', html)
    assert m, html[:200]
    return m.group(1), base64.b64decode(m.group(2))


def test_the_palette_names_the_okabe_ito_colours():
    okabe_ito = {"#000000", "#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7"}
    assert okabe_ito <= set(PALETTE.values())
    assert len(set(PALETTE.values())) == len(PALETTE)  # no colour under two names
    assert all(re.fullmatch(r"#[0-9A-F]{6}", code) for code in PALETTE.values())


def test_img_html_carries_the_description_as_alt_text_and_caption():
    html = img_html(b"\x89PNG...", 'Bars: "yes" <beats> no & more.', width=460, height=340)
    assert _src(html) == ("image/png", b"\x89PNG...")
    alt = "Bars: &quot;yes&quot; &lt;beats&gt; no &amp; more."
    assert f'alt="{alt}" width="460" height="340"' in html
    assert f"<figcaption style=\"line-height:1.35\"><small>{alt}</small></figcaption>" in html
    assert html.startswith('<figure class="coursekit-figure"') and html.endswith("</figure>")


def test_img_html_without_caption_and_in_another_format():
    html = img_html(b"<svg/>", "A dot.", mime="image/svg+xml", caption=False)
    assert _src(html) == ("image/svg+xml", b"<svg/>")
    assert 'alt="A dot."' in html and "figcaption" not in html and "width=" not in html


@pytest.fixture
def chart():
    return bar_chart(["Mali", "France", "MINUSMA"], [12, 7, 3], marked=[True, False, True],
                     marked_label="quoted", unmarked_label="only named", xlabel="paragraphs",
                     title="Who the article names", description="Mali is named in 12 paragraphs.")


def test_a_chart_shows_as_an_image_with_its_words_and_prints_as_words(chart):
    bundle = chart._repr_mimebundle_()
    assert bundle["text/plain"] == repr(chart) == str(chart) == "Chart: Mali is named in 12 paragraphs."
    mime, png = _src(bundle["text/html"])
    assert mime == "image/png" and png.startswith(b"\x89PNG")
    assert base64.b64decode(bundle["image/png"]).startswith(b"\x89PNG")
    assert 'alt="Mali is named in 12 paragraphs."' in bundle["text/html"]
    assert "<small>Mali is named in 12 paragraphs.</small>" in bundle["text/html"]


def test_the_png_keeps_the_description_and_the_svg_keeps_text_as_text(chart):
    assert b"Mali is named in 12 paragraphs." in chart.png()
    svg = chart.svg()
    assert svg.lstrip().startswith(b"<?xml") and b"Who the article names" in svg
    assert chart.svg() == svg  # the same figure gives the same file


def test_a_subclass_can_show_its_description_as_alt_text_only(chart):
    class Quiet(Chart):
        caption = False

    html = Quiet(chart.figure, "A quiet chart.")._repr_mimebundle_()["text/html"]
    assert 'alt="A quiet chart."' in html and "figcaption" not in html


def test_bar_chart_marks_bars_by_hatching_and_colour_from_the_palette(chart):
    ax = chart.figure.axes[0]
    bars = ax.patches
    assert [b.get_width() for b in bars] == [12, 7, 3]
    assert [b.get_hatch() or "" for b in bars] == ["//", "", "//"]
    assert [to_hex(b.get_facecolor()) for b in bars] == [PALETTE[c].lower() for c in ("orange", "blue", "orange")]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Mali", "France", "MINUSMA"]
    assert sorted(t.get_text() for t in ax.texts) == ["12", "3", "7"]  # every bar labelled with its value
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["quoted", "only named"]


def test_bar_chart_without_marks_has_no_legend_and_an_empty_one_still_draws():
    plain = bar_chart(["A", "B"], [3, 1], description="A has 3, B has 1.")
    assert plain.figure.axes[0].get_legend() is None
    empty = bar_chart([], [], description="Nothing to show yet.")
    assert empty.png().startswith(b"\x89PNG")


def test_a_bar_chart_shows_its_bars_as_a_table_under_the_image(chart):
    table = chart.table
    assert table.headings == ("bar", "paragraphs", "group")
    assert [tuple(row) for row in table.rows] == [("Mali", "12", "quoted"), ("France", "7", "only named"),
                                                  ("MINUSMA", "3", "quoted")]
    assert table.caption == "Who the article names"
    html = chart._repr_mimebundle_()["text/html"]
    assert html.index("</figure>") < html.index('<details class="coursekit-figure-table">')
    assert '<th scope="col">paragraphs</th>' in html and "<td>MINUSMA</td><td>3</td><td>quoted</td>" in html


def test_bar_table_names_its_columns_and_leaves_out_groups_it_has_not():
    table = bar_table(["Lesson 1", "Lesson 2"], [50.0, 12.5], label_heading="lesson", xlabel="score (%)")
    assert table.headings == ("lesson", "score (%)") and table.rows == (("Lesson 1", "50"), ("Lesson 2", "12.5"))
    assert table.caption == "score (%) per lesson"


def test_a_data_table_escapes_its_cells_and_prints_as_text():
    table = DataTable("<b>x</b>", ("a & b",), [("<script>",)])
    html = table.html("Show the data")
    assert "<script>" not in html and "&lt;script&gt;" in html and "<th scope=\"col\">a &amp; b</th>" in html
    assert "<summary>Show the data</summary>" in html and "<caption>&lt;b&gt;x&lt;/b&gt;</caption>" in html
    assert str(table) == "<b>x</b>\na & b\n<script>"


def test_a_chart_without_a_table_shows_none():
    chart = bar_chart(["A"], [1], description="A has 1.")
    assert Chart(chart.figure, "Plain.").table_html() == ""
    assert "<details" not in Chart(chart.figure, "Plain.")._repr_mimebundle_()["text/html"]
