"""The vote rules, two implementations proved equal: every preset and random votes give the
same outcome, in the same words, in Python (coursekit.council.votes) and in the static
edition's votes.js, run in Chromium."""
from __future__ import annotations

import random

import pytest

from coursekit.council.chart import chart_description
from coursekit.council.votes import VOTES, Council, Outcome, decide, describe_votes, load_council

from coursekit.site.build import STATIC

pytestmark = pytest.mark.browser

#: Random ballots per run (seeded: a failure can be replayed).
RANDOM_BALLOTS = 400


def _expected(outcome: Outcome) -> dict:
    return {"adopted": outcome.adopted, "reason": outcome.reason, "headline": outcome.headline,
            "kind": outcome.kind, "tallyText": str(outcome.tally), "description": chart_description(outcome),
            "votesText": describe_votes(outcome.votes)}


def _js_outcomes(page, cases: list[dict]) -> list[dict]:
    return page.evaluate(
        """(cases) => cases.map((c) => {
             const out = window.coursekitVotes.decide(c.votes, c.procedural);
             return {adopted: out.adopted, reason: out.reason, headline: out.headline, kind: out.kind,
                     tallyText: out.tallyText, description: window.coursekitVotes.chartDescription(out),
                     votesText: out.votesText};
           })""", cases)


def _case(votes, procedural: bool) -> dict:
    return {"votes": [[{"id": m.id, "name": m.name, "permanent": m.permanent}, v] for m, v in votes],
            "procedural": procedural}


@pytest.fixture
def votes_page(site_page):
    site_page.set_content("<!DOCTYPE html><html lang='en'><head><title>votes</title></head><body></body></html>")
    site_page.add_script_tag(path=str(STATIC / "site.js"))  # what every page loads first
    site_page.add_script_tag(path=str(STATIC / "votes.js"))
    return site_page


@pytest.fixture(scope="module")
def council() -> Council:
    return load_council()


def _presets(council: Council):
    return list(council.presets) + list(council.other_years)


def test_every_preset_has_the_same_outcome_in_the_browser(votes_page, council):
    presets = _presets(council)
    assert len(presets) >= 5
    cases, expected = [], []
    for p in presets:
        outcome = council.outcome_of(p)
        cases.append(_case(outcome.votes, p.procedural))
        expected.append(_expected(outcome))
    got = _js_outcomes(votes_page, cases)
    for p, want, have in zip(presets, expected, got):
        assert have == want, f"preset {p.id}"
    assert votes_page.script_errors == []


def test_random_votes_have_the_same_outcome_in_the_browser(votes_page, council):
    rng = random.Random(20230630)
    members = council.members
    cases, expected = [], []
    for i in range(RANDOM_BALLOTS):
        # Mostly yes with a few others, as real votes are, and some fully random ballots.
        if i % 4 == 0:
            ballot = [(m, rng.choice(VOTES)) for m in members]
        else:
            ballot = [(m, "yes" if rng.random() < 0.75 else rng.choice(VOTES[1:])) for m in members]
        procedural = i % 5 == 0
        cases.append(_case(ballot, procedural))
        expected.append(_expected(decide(ballot, procedural)))
    got = _js_outcomes(votes_page, cases)
    mismatches = [(c, w, h) for c, w, h in zip(cases, expected, got) if w != h]
    assert not mismatches, f"{len(mismatches)} ballots differ; first: {mismatches[0]}"
    # The random ballots reach every branch of the rules.
    reasons = " ".join(w["reason"] for w in expected)
    for words in ("vetoed by", "unanimous", "abstained", "absent", "procedural vote", "no veto on procedural",
                  "not adopted: "):
        assert words in reasons, words


def test_the_simulator_shows_the_outcome_of_the_votes_chosen(votes_page, council):
    from coursekit.site.payloads import council_payload, script_json

    preset = council.presets[0]
    votes_page.set_content(
        "<!DOCTYPE html><html lang='en'><head><title>votes</title></head><body><main>"
        f"<div class='ck-votes' data-preset='{preset.id}'></div></main>"
        + script_json("ck-council-data", council_payload()) + "</body></html>")
    votes_page.add_script_tag(path=str(STATIC / "site.js"))
    votes_page.add_script_tag(path=str(STATIC / "votes.js"))
    status = votes_page.locator(".ck-votes [role=status]")
    assert status.inner_text().startswith(council.outcome_of(preset).headline.split(" — ")[0])
    russia = council.member("russia")
    votes_page.get_by_role("group", name=russia.name, exact=True).get_by_label("no", exact=True).check()
    want = council.what_if(preset, {"russia": "no"})
    assert want.explanation in status.inner_text()
    assert votes_page.locator(".ck-votes select").input_value() == ""  # now the student's own votes
