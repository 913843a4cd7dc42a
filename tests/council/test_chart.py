"""coursekit.council.chart: the tally chart's words and bars, without any widget."""
from __future__ import annotations



from coursekit.charts import PALETTE, Chart
from coursekit.council.chart import (
    BAR_COLOURS,
    BAR_HATCHES,
    chart_data,
    chart_description,
    chart_table,
    chart_title,
    draw_tally,
    tally_chart,
)
from coursekit.council.votes import VOTES


def test_chart_words(council):
    outcome = council.outcome_of("china-and-russia-vote-no")
    assert chart_data(outcome) == {"yes": 13, "no": 2, "abstain": 0, "absent": 0}
    assert chart_title(outcome) == "✘ Not adopted: vetoed by China and Russia"
    assert chart_description(outcome) == (
        "Bar chart of the vote: 13 yes, 2 no, 0 abstain, 0 absent; the yes bar reaches the dashed "
        "line at the 9 votes needed, but the draft is not adopted because China and Russia vetoed it.")
    assert chart_title(council.outcome_of("seven-abstain")) == "✘ Not adopted: 8 of 9 votes needed"
    assert "the yes bar stays below the dashed line" in chart_description(council.outcome_of("seven-abstain"))
    assert chart_title(council.outcome_of("resolution-2690")) == "✔ Adopted (substantive vote)"
    assert chart_description(council.outcome_of("resolution-2690")).endswith("so the draft is adopted.")


def test_chart_bars_threshold_and_non_colour_cues(council):
    outcome = council.outcome_of("russia-votes-no")
    fig = draw_tally(outcome)
    ax = fig.axes[0]
    bars = ax.patches
    assert [b.get_height() for b in bars] == [14, 1, 0, 0]
    assert [b.get_hatch() or "" for b in bars] == [BAR_HATCHES[v] for v in VOTES]
    assert len({BAR_HATCHES[v] for v in VOTES}) == 4 and len(set(BAR_COLOURS.values())) == 4
    assert [t.get_text() for t in ax.get_xticklabels()] == ["yes", "no\n(veto)", "abstain", "absent"]
    dashed = [line for line in ax.get_lines() if line.get_linestyle() == "--"]
    assert len(dashed) == 1 and list(dashed[0].get_ydata()) == [9, 9]
    assert "9 needed" in [t.get_text() for t in ax.get_yticklabels()]
    assert ax.get_title(loc="left") == "✘ Not adopted: vetoed by Russia"
    assert sorted(t.get_text() for t in ax.texts) == ["0", "0", "1", "14"]


def test_bar_colours_are_named_from_the_course_palette(council):
    assert set(BAR_COLOURS) == set(VOTES) and set(BAR_COLOURS.values()) <= set(PALETTE)
    from matplotlib.colors import to_hex

    bars = draw_tally(council.outcome_of("resolution-2690")).axes[0].patches
    assert [to_hex(b.get_facecolor()) for b in bars] == [PALETTE[BAR_COLOURS[v]].lower() for v in VOTES]


def test_tally_chart_is_a_chart_that_prints_its_description(council):
    outcome = council.outcome_of("russia-votes-no")
    chart = tally_chart(outcome)
    assert isinstance(chart, Chart) and chart.description == chart_description(outcome)
    assert repr(chart) == f"Chart: {chart_description(outcome)}"
    bundle = chart._repr_mimebundle_()
    assert 'alt="Bar chart of the vote: 14 yes, 1 no' in bundle["text/html"]
    assert bundle["text/plain"] == repr(chart)
    png = chart.png()
    # the size the simulator reserves for it: PNG width and height, big-endian, at bytes 16-24
    assert (int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")) == (460, 340)


def test_the_chart_as_a_table_has_the_bars_counts_and_who_voted_so(council):
    outcome = council.outcome_of("china-and-russia-vote-no")
    table = chart_table(outcome)
    assert table.headings == ("vote", "members", "who")
    assert [row[0] for row in table.rows] == ["yes", "no (veto)", "abstain", "absent"]
    # the same counts as the bars
    assert [int(row[1]) for row in table.rows] == [chart_data(outcome)[v] for v in VOTES]
    assert table.rows[1][2] == "China, Russia" and table.rows[2][2] == "nobody"
    assert sum(len(row[2].split(", ")) for row in table.rows if row[2] != "nobody") == 15
    assert table.caption.endswith(chart_title(outcome))
    html = tally_chart(outcome)._repr_mimebundle_()["text/html"]
    assert html.index("<img ") < html.index("<summary>The figure as a table</summary>")
    assert "<td>China, Russia</td>" in html


def test_an_outcome_without_its_members_votes_gives_a_table_of_counts(council):
    from dataclasses import replace

    outcome = replace(council.outcome_of("seven-abstain"), votes=())
    table = chart_table(outcome)
    assert table.headings == ("vote", "members")
    assert [row[1] for row in table.rows] == ["8", "0", "7", "0"]
