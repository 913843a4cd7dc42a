"""The vote simulator, driven through its controls as a student would."""
from __future__ import annotations

from pathlib import Path

import pytest

from coursekit.council.votes import VOTES, load_council
from coursekit.council.widgets import (
    BAR_COLOURS,
    BAR_HATCHES,
    VoteSimulator,
    chart_data,
    chart_description,
    chart_title,
    draw_tally,
    vote_simulator,
)

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def council():
    return load_council(ROOT / "data")


@pytest.fixture
def sim(council):
    return VoteSimulator(council, preset="resolution-2690")


def test_one_labelled_control_per_member_grouped(sim, council):
    assert list(sim.controls) == [m.name for m in council.members]
    for member in council.members:
        control = sim.controls[member.name]
        assert control.description == member.name
        assert list(control.options) == list(VOTES)
        assert f"coursekit-vote-{member.id}" in control._dom_classes
        assert len(control.tooltips) == 4 and member.name in control.tooltips[1]
    assert "coursekit-council" in sim.widget._dom_classes
    assert "coursekit-council-outcome" in sim.outcome_html._dom_classes
    assert "coursekit-council-chart" in sim.chart._dom_classes


def test_starts_from_the_real_vote(sim):
    assert sim.preset_selector.value == "resolution-2690"
    assert sim.outcome.adopted and sim.outcome.tally.yes == 15
    assert "✔ Adopted" in sim.outcome_html.value
    assert "UN press release SC/15341" in sim.preset_note.value
    assert sim.chart_data == {"yes": 15, "no": 0, "abstain": 0, "absent": 0}


def test_russia_votes_no_and_the_outcome_says_vetoed(sim):
    png_before = sim.chart_png
    sim.controls["Russia"].value = "no"
    assert not sim.outcome.adopted
    assert sim.outcome.vetoed_by == ("Russia",)
    assert "✘ Not adopted</strong> — vetoed by Russia" in sim.outcome_html.value
    assert sim.chart_data == {"yes": 14, "no": 1, "abstain": 0, "absent": 0}
    assert sim.chart_png != png_before and sim.chart_png.startswith(b"\x89PNG")
    assert sim.chart_description.startswith("Bar chart of the vote: 14 yes, 1 no")
    assert sim.chart_description.endswith("because Russia vetoed it.")
    # the image in the page carries the description as alt text and caption
    assert f"alt='{sim.chart_description}'" in sim.chart.value
    assert f"<small>{sim.chart_description}</small></figcaption>" in sim.chart.value
    assert "data:image/png;base64," in sim.chart.value
    # the votes are now the student's own, not the preset's
    assert sim.preset_selector.value == ""


def test_changing_back_and_forth(sim):
    sim.controls["China"].value = "abstain"
    assert sim.outcome.adopted and "China abstained" in sim.outcome.reason
    sim.controls["China"].value = "absent"
    assert sim.outcome.adopted and "China was absent" in sim.outcome.reason
    sim.set_vote("china", "no")
    assert sim.outcome.vetoed_by == ("China",)
    sim.set_vote("Russia", "no")
    assert "vetoed by China and Russia" in sim.outcome_html.value


def test_choosing_a_preset_changes_the_controls(sim):
    sim.preset_selector.value = "seven-abstain"
    abstaining = [name for name, c in sim.controls.items() if c.value == "abstain"]
    assert abstaining == ["Albania", "Brazil", "Ecuador", "Gabon", "Ghana", "Japan", "Malta"]
    assert sim.outcome.reason == "not adopted: 8 votes in favour, 9 needed"
    assert sim.chart_data == {"yes": 8, "no": 0, "abstain": 7, "absent": 0}
    assert "hypothetical" in sim.preset_note.value.lower()

    sim.apply_preset("resolution-2690")
    assert all(c.value == "yes" for c in sim.controls.values())
    assert sim.chart_data["yes"] == 15


def test_procedural_preset_and_checkbox(sim):
    sim.preset_selector.value = "procedural-with-a-permanent-no"
    assert sim.procedural.value is True
    assert sim.controls["Russia"].value == "no"
    assert sim.outcome.adopted and sim.outcome.procedural
    sim.procedural.value = False  # the same votes on a substantive question
    assert sim.outcome.vetoed_by == ("Russia",)
    assert sim.preset_selector.value == ""


def test_undoing_a_change_does_not_reselect_but_keeps_outcome_right(sim):
    sim.controls["Ghana"].value = "abstain"
    assert sim.preset_selector.value == ""
    sim.controls["Ghana"].value = "yes"
    assert sim.outcome.tally.yes == 15


def test_text_plain_states_the_outcome(sim):
    sim.controls["Russia"].value = "no"
    bundle = sim._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle
    assert bundle["text/plain"] == (
        "Security Council vote simulator (your own votes)\n"
        "✘ Not adopted — vetoed by Russia, although 14 members voted in favour\n"
        "Tally (substantive vote): 14 yes, 1 no, 0 abstain, 0 absent")
    assert repr(sim) == bundle["text/plain"]


def test_vote_simulator_function():
    sim = vote_simulator()
    assert sim.preset_selector.value == "" and sim.outcome.adopted
    with pytest.raises(ValueError, match="no preset '2690'"):
        vote_simulator("2690")


def test_chart_pure_parts(council):
    outcome = council.outcome_of("china-and-russia-vote-no")
    assert chart_data(outcome) == {"yes": 13, "no": 2, "abstain": 0, "absent": 0}
    assert chart_title(outcome) == "✘ Not adopted: vetoed by China and Russia"
    assert chart_description(outcome).endswith("because China and Russia vetoed it.")
    assert chart_title(council.outcome_of("seven-abstain")) == "✘ Not adopted: 8 of 9 votes needed"
    assert chart_title(council.outcome_of("resolution-2690")) == "✔ Adopted (substantive vote)"


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
