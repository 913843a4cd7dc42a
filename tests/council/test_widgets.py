"""The vote simulator, driven through its controls as a student would."""
from __future__ import annotations


import pytest

from coursekit.council.chart import chart_description
from coursekit.council.votes import VOTES
from coursekit.council.widgets import VoteSimulator, vote_simulator


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
    assert sim.chart_description == chart_description(sim.outcome)
    # the image in the page carries the description as alt text and caption
    assert f'alt="{sim.chart_description}"' in sim.chart.value
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
        "Tally (substantive vote): 14 yes, 1 no, 0 abstain, 0 absent\n"
        "Russia votes no; the other 14 members vote yes.")
    assert repr(sim) == bundle["text/plain"]


def test_the_status_says_who_votes_what_after_each_change(sim):
    # Toggle buttons cannot say which one is pressed to a screen reader; the status, a live
    # region, says every member's vote in words after each change.
    sim.controls["Russia"].value = "no"
    sim.controls["Ghana"].value = "abstain"
    assert 'role="status" aria-live="polite"' in sim.outcome_html.value
    assert "Russia votes no; Ghana abstains; the other 13 members vote yes." in sim.outcome_html.value


def test_vote_simulator_function():
    sim = vote_simulator()
    assert sim.preset_selector.value == "" and sim.outcome.adopted
    with pytest.raises(ValueError, match="no preset '2690'"):
        vote_simulator("2690")


def test_the_chart_shows_with_its_table_which_follows_the_votes(sim):
    sim.controls["Russia"].value = "no"
    assert sim.chart_table is not None and sim.chart_table.rows[1] == ("no (veto)", "1", "Russia")
    value = sim.chart.value
    assert value.index("<img ") < value.index('<details class="coursekit-figure-table">')
    assert "<td>Russia</td>" in value and f'alt="{sim.chart_description}' in value


def test_the_chosen_vote_is_outlined_in_the_text_colour_so_it_shows_in_a_dark_theme(sim):
    style = sim.widget.children[0].value
    assert "outline:2px solid currentColor" in style and "#000" not in style
