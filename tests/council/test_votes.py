"""The Council's rules (Article 27) and the checks of data/council.yaml."""
from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from coursekit.council.votes import (
    VOTES_NEEDED,
    CouncilError,
    Member,
    Outcome,
    check_council,
    decide,
    describe_votes,
    load_council,
)
from coursekit.errors import CourseError, DataError, DataNotFoundError

ROOT = Path(__file__).resolve().parents[2]


# --------------------------------------------------------------------------- the real data


def test_2023_membership(council):
    assert [m.name for m in council.permanent] == [
        "China", "France", "Russia", "United Kingdom", "United States"]
    assert [m.name for m in council.elected] == [
        "Albania", "Brazil", "Ecuador", "Gabon", "Ghana", "Japan", "Malta", "Mozambique",
        "Switzerland", "United Arab Emirates"]
    assert council.year == 2023


def test_real_vote_on_resolution_2690_is_15_0_0_with_its_source(council):
    preset = council.preset("resolution-2690")
    assert preset.real and preset.source == "UN press release SC/15341"
    assert preset.date == "2023-06-30"
    outcome = council.outcome_of(preset)
    assert outcome.adopted
    assert outcome.tally.as_dict() == {"yes": 15, "no": 0, "abstain": 0, "absent": 0}
    assert outcome.reason == "adopted: 15 votes in favour, 9 needed; unanimous"


def test_hypothetical_presets_say_so(council):
    for preset in council.presets:
        if not preset.real:
            assert "invented" in preset.description.lower(), preset.id


def test_real_data_has_no_problems():
    assert check_council(ROOT / "data") == []


def test_member_lookup_by_id_or_name(council):
    assert council.member("russia") is council.member("Russia")
    assert council.member("UNITED kingdom").id == "united-kingdom"
    with pytest.raises(CouncilError, match="'Rusia' is not a member.*Russia"):
        council.member("Rusia")


# --------------------------------------------------------------------------- Article 27


def test_adopted_unanimously(council):
    outcome = council.decide({})
    assert outcome.adopted and outcome.tally.yes == 15
    assert "unanimous" in outcome.reason


def test_permanent_abstention_is_not_a_veto(council):
    outcome = council.decide({"China": "abstain"})
    assert outcome.adopted
    assert outcome.tally.abstain == 1 and outcome.tally.yes == 14
    assert outcome.reason == ("adopted: 14 votes in favour, 9 needed; China abstained, "
                              "and a permanent member's abstention is not a veto")
    assert outcome.vetoed_by == ()


def test_permanent_absence_is_probably_not_a_veto_and_says_the_precedent_was_contested(council):
    outcome = council.decide({"france": "absent"})
    assert outcome.adopted
    assert outcome.tally.absent == 1
    assert "France was absent" in outcome.reason
    assert ("a permanent member's absence is probably not a veto either "
            "(the precedent, from 1950, was contested)") in outcome.reason
    # abstention, by contrast, is settled: no hedge
    assert "probably" not in council.decide({"china": "abstain"}).reason


def test_vetoed_by_one(council):
    outcome = council.decide({"Russia": "no"})
    assert not outcome.adopted
    assert outcome.vetoed_by == ("Russia",)
    assert outcome.reason == "not adopted: vetoed by Russia, although 14 members voted in favour"


def test_vetoed_by_two_names_both(council):
    outcome = council.decide({"russia": "no", "china": "no"})
    assert outcome.vetoed_by == ("China", "Russia")
    assert outcome.reason.startswith("not adopted: vetoed by China and Russia")


def test_vetoed_by_three_lists_them_all(council):
    outcome = council.decide({"russia": "no", "china": "no", "united-states": "no"})
    assert "vetoed by China, Russia and United States" in outcome.reason


def test_veto_and_too_few_votes_says_both(council):
    votes = {m.id: "no" for m in council.elected}
    votes["russia"] = "no"
    outcome = council.decide(votes)
    assert outcome.reason == "not adopted: vetoed by Russia, and only 4 votes in favour, 9 needed"


def test_elected_no_votes_are_not_vetoes(council):
    outcome = council.decide({m.id: "no" for m in council.elected[:6]})
    assert outcome.adopted and outcome.tally.yes == 9 and outcome.vetoed_by == ()


def test_eight_votes_are_not_enough(council):
    outcome = council.outcome_of("seven-abstain")
    assert not outcome.adopted
    assert outcome.tally.yes == 8
    assert outcome.reason == "not adopted: 8 votes in favour, 9 needed"


def test_exactly_nine_votes_are_enough(council):
    outcome = council.decide({m.id: "abstain" for m in council.elected[:6]})
    assert outcome.tally.yes == VOTES_NEEDED == 9
    assert outcome.adopted


def test_absent_members_count_as_not_in_favour(council):
    outcome = council.decide({m.id: "absent" for m in council.elected[:7]})
    assert not outcome.adopted and outcome.reason == "not adopted: 8 votes in favour, 9 needed"


def test_procedural_vote_with_a_permanent_no_is_adopted(council):
    outcome = council.decide({"Russia": "no"}, procedural=True)
    assert outcome.adopted and outcome.procedural
    assert outcome.vetoed_by == ()
    assert "no veto on procedural questions" in outcome.reason
    assert "Russia" in outcome.reason


def test_procedural_vote_with_eight_is_not_adopted(council):
    votes = {m.id: "abstain" for m in council.elected[:7]}
    outcome = council.decide(votes, procedural=True)
    assert not outcome.adopted
    assert outcome.reason == "not adopted: procedural vote, 8 votes in favour, 9 needed"


def test_procedural_preset(council):
    outcome = council.outcome_of("procedural-with-a-permanent-no")
    assert outcome.adopted and outcome.procedural and outcome.tally.no == 1


def test_what_if_changes_a_preset(council):
    outcome = council.what_if("resolution-2690", {"Russia": "no"})
    assert outcome.vetoed_by == ("Russia",)
    five = council.what_if("resolution-2690", {m.id: "abstain" for m in council.elected[:5]})
    assert five.adopted and five.tally.yes == 10
    # the preset itself is unchanged
    assert council.outcome_of("resolution-2690").tally.yes == 15


def test_votes_are_read_forgivingly_but_not_guessed(council):
    assert council.decide({"Russia": " NO "}).vetoed_by == ("Russia",)
    assert council.decide({"Russia": False}).vetoed_by == ("Russia",)  # YAML's bare no
    with pytest.raises(CouncilError, match="'maybe' is not a vote; use one of: yes, no, abstain, absent"):
        council.decide({"Russia": "maybe"})
    with pytest.raises(CouncilError, match="no vote given for"):
        council.decide({"Russia": "no"}, default=None)


def test_decide_works_on_any_member_list():
    members = [Member("p", "P", True)] + [Member(f"e{i}", f"E{i}", False) for i in range(9)]
    outcome = decide([(m, "yes") for m in members])
    assert outcome.adopted and outcome.tally.yes == 10


def test_outcome_prints_well(council):
    outcome = council.decide({"Russia": "no"})
    assert str(outcome) == (
        "✘ Not adopted — vetoed by Russia, although 14 members voted in favour\n"
        "Tally (substantive vote): 14 yes, 1 no, 0 abstain, 0 absent")
    assert repr(outcome).startswith("<Outcome 'not adopted: vetoed by Russia")
    assert "0x" not in repr(outcome)
    page = outcome._repr_html_()
    assert "coursekit-council-outcome" in page and "✘" in page and "Not adopted" in page
    assert outcome.vote_of("russia") == "no" and outcome.vote_of("Japan") == "yes"


def test_outcome_html_is_escaped():
    outcome = Outcome(True, decide([]).tally, "<script>alert(1)</script> & co")
    page = outcome._repr_html_()
    assert "<script>" not in page and "&lt;script&gt;" in page and "&amp; co" in page


def test_council_prints_its_members(council):
    text = str(council)
    assert "Permanent (5): China, France, Russia, United Kingdom, United States" in text
    assert "Elected (10): Albania," in text


# --------------------------------------------------------------------------- bad data

GOOD_MEMBERS = """\
members:
  - {id: china, name: China, permanent: true}
  - {id: france, name: France, permanent: true}
  - {id: russia, name: Russia, permanent: true}
  - {id: united-kingdom, name: United Kingdom, permanent: true}
  - {id: united-states, name: United States, permanent: true}
  - {id: albania, name: Albania, permanent: false}
  - {id: brazil, name: Brazil, permanent: false}
  - {id: ecuador, name: Ecuador, permanent: false}
  - {id: gabon, name: Gabon, permanent: false}
  - {id: ghana, name: Ghana, permanent: false}
  - {id: japan, name: Japan, permanent: false}
  - {id: malta, name: Malta, permanent: false}
  - {id: mozambique, name: Mozambique, permanent: false}
  - {id: switzerland, name: Switzerland, permanent: false}
  - {id: united-arab-emirates, name: United Arab Emirates, permanent: false}
"""


def write(tmp_path: Path, text: str) -> Path:
    (tmp_path / "council.yaml").write_text(textwrap.dedent(text), encoding="utf-8")
    return tmp_path


def only(problems):
    assert len(problems) == 1, [str(p) for p in problems]
    return problems[0]


def test_minimal_good_file(tmp_path):
    data = write(tmp_path, GOOD_MEMBERS + "presets:\n  - {id: all-yes, title: All yes, default: \"yes\"}\n")
    assert check_council(data) == []
    assert load_council(data).outcome_of("all-yes").adopted


def test_unknown_member_in_a_preset(tmp_path):
    data = write(tmp_path, GOOD_MEMBERS + """\
presets:
  - id: typo
    title: A typo
    default: "yes"
    votes:
      rusia: "no"
""")
    p = only(check_council(data))
    assert p.file.endswith("council.yaml")
    assert p.line == 22
    assert p.item == 'preset "typo"' and p.field == "votes"
    assert "unknown member 'rusia'" in p.message and "russia" in p.message


def test_member_name_instead_of_id_gets_a_hint(tmp_path):
    data = write(tmp_path, GOOD_MEMBERS + """\
presets:
  - {id: named, title: Named, default: "yes", votes: {United Kingdom: "no"}}
""")
    assert "did you mean united-kingdom?" in only(check_council(data)).message


def test_vote_value_not_allowed(tmp_path):
    data = write(tmp_path, GOOD_MEMBERS + """\
presets:
  - id: odd
    title: Odd vote
    default: "yes"
    votes:
      russia: maybe
""")
    p = only(check_council(data))
    assert (p.line, p.item, p.field) == (22, 'preset "odd"', "votes.russia")
    assert "must be a vote" in p.message
    assert str(p).startswith(f"{p.file}:22: preset \"odd\": votes.russia: ")


def test_bad_default(tmp_path):
    data = write(tmp_path, GOOD_MEMBERS + "presets:\n  - {id: d, title: D, default: abstention}\n")
    p = only(check_council(data))
    assert (p.item, p.field) == ('preset "d"', "default") and "must be a vote" in p.message


def test_missing_votes_without_default(tmp_path):
    data = write(tmp_path, GOOD_MEMBERS + "presets:\n  - {id: d, title: D, votes: {russia: 'no'}}\n")
    p = only(check_council(data))
    assert p.field == "votes" and "no vote for china, france" in p.message


def test_wrong_number_of_permanent_members(tmp_path):
    text = GOOD_MEMBERS.replace("{id: albania, name: Albania, permanent: false}",
                                "{id: albania, name: Albania, permanent: true}")
    problems = check_council(write(tmp_path, text))
    messages = [p.message for p in problems]
    assert any("6 permanent members; the Council has exactly 5" in m for m in messages)
    assert any("9 elected members" in m for m in messages)
    assert all(p.field == "members" and p.line == 2 for p in problems)


def test_duplicate_member(tmp_path):
    text = GOOD_MEMBERS.replace("{id: malta, name: Malta, permanent: false}",
                                "{id: japan, name: Japan, permanent: false}")
    problems = check_council(write(tmp_path, text))
    dup = [p for p in problems if "used twice" in p.message]
    assert dup[0].item == 'member "japan"' and dup[0].field == "id"
    assert dup[0].line == 13 and "first on line 12" in dup[0].message
    # the duplicate is not counted, so the count of elected members is also reported
    assert any("9 elected members" in p.message for p in problems)


def test_member_fields_checked(tmp_path):
    text = GOOD_MEMBERS.replace("{id: gabon, name: Gabon, permanent: false}",
                                "{id: Gabon, name: Gabon, permanant: false}")
    problems = check_council(write(tmp_path, text))
    fields = {(p.item, p.field) for p in problems}
    assert ('member "Gabon"', "permanant") in fields
    assert ('member "Gabon"', "id") in fields
    assert ('member "Gabon"', "permanent") in fields


def test_real_preset_needs_a_date_a_source_and_a_matching_record(tmp_path):
    data = write(tmp_path, GOOD_MEMBERS + """\
presets:
  - id: no-source
    title: No source
    kind: real
    default: "yes"
  - id: wrong-record
    title: Wrong record
    kind: real
    date: "2023-06-30"
    source: a press release
    default: "yes"
    votes: {russia: "no"}
    recorded: {in_favour: 15, against: 0, abstentions: 0, adopted: true}
""")
    problems = check_council(data)
    by_field = {(p.item, p.field): p for p in problems}
    assert {f for i, f in by_field if i == 'preset "no-source"'} == {"source", "date", "recorded"}
    assert by_field[('preset "wrong-record"', "recorded.in_favour")].message == (
        "the record says 15 but the votes listed give 14")
    assert ('preset "wrong-record"', "recorded.against") in by_field
    assert ('preset "wrong-record"', "recorded.adopted") in by_field
    assert len(problems) == 6


def test_duplicate_preset_and_bad_kind(tmp_path):
    data = write(tmp_path, GOOD_MEMBERS + """\
presets:
  - {id: a, title: A, default: "yes"}
  - {id: a, title: A again, default: "yes"}
  - {id: b, title: B, kind: imagined, default: "yes"}
""")
    problems = check_council(data)
    assert {(p.item, p.field) for p in problems} == {('preset "a"', "id"), ('preset "b"', "kind")}


def test_yaml_syntax_error_is_a_problem_not_a_crash(tmp_path):
    data = write(tmp_path, "members: [\n  - oops: {\n")
    p = only(check_council(data))
    assert p.file.endswith("council.yaml") and p.line is not None and "YAML syntax" in p.message


def test_missing_file(tmp_path):
    p = only(check_council(tmp_path))
    assert "not found" in p.message
    with pytest.raises(DataNotFoundError, match="council.yaml: file not found"):
        load_council(tmp_path)


def test_load_raises_data_error_with_every_problem(tmp_path):
    text = GOOD_MEMBERS.replace("{id: malta, name: Malta, permanent: false}",
                                "{id: japan, name: Japan, permanent: false}")
    with pytest.raises(DataError) as info:
        load_council(write(tmp_path, text))
    assert len(info.value.problems) >= 2
    assert "council.yaml:13: member \"japan\": id: 'japan' is used twice" in str(info.value)


def test_validate_runs_the_council_check(tmp_path):
    from coursekit.datafiles.validate import CHECKERS

    assert ("council", "coursekit.council.votes:check_council") in CHECKERS


# --------------------------------------------------------------------------- what a lesson shows


def test_a_mistake_is_a_course_error_and_still_a_value_error(council):
    with pytest.raises(CourseError):
        council.decide({"Mali": "no"})
    assert issubclass(CouncilError, ValueError)  # as these mistakes were before


@pytest.mark.parametrize("typed, meant", [
    ("USA", "United States"), ("US", "United States"), ("U.K.", "United Kingdom"),
    ("UAE", "United Arab Emirates"), ("Rusia", "Russia"), ("switzerland ", None),
])
def test_an_unknown_member_suggests_the_one_meant(council, typed, meant):
    if meant is None:  # not a mistake: names are read in any capitals, spaces trimmed
        assert council.member(typed).name == "Switzerland"
        return
    with pytest.raises(CouncilError) as err:
        council.decide({typed: "no"})
    message = str(err.value)
    assert f'(did you mean "{meant}"?)' in message and "\n" not in message
    assert message.endswith("Switzerland, United Arab Emirates")


def test_wrong_vote_words_and_shapes_say_what_to_write(council):
    with pytest.raises(CouncilError, match="'abstention' is not a vote \\(did you mean \"abstain\""):
        council.decide({"Ghana": "abstention"})
    with pytest.raises(CouncilError, match="in curly brackets, member then vote"):
        council.decide("Russia no")
    with pytest.raises(CouncilError, match="in curly brackets"):
        council.what_if("resolution-2690", ["Russia", "no"])
    with pytest.raises(CouncilError, match="no preset 'russia-no' \\(did you mean \"russia-votes-no\"\\?\\)"):
        council.scenario("russia-no")


def test_scenario_shows_the_question_the_votes_and_the_outcome(council):
    text = str(council.scenario("five-elected-abstain")).splitlines()
    assert text[0] == "What if five elected members had abstained?"
    assert text[1].startswith("Invented for the exercise")
    assert text[2] == "Albania, Brazil, Ecuador, Gabon and Ghana abstain; the other 10 members vote yes."
    assert text[3:] == str(council.outcome_of("five-elected-abstain")).splitlines()
    real = council.scenario("resolution-2690")
    assert "Source: UN press release SC/15341." in real.note
    assert "All 15 members vote yes." in str(real)
    page = real._repr_html_()
    assert "coursekit-council-outcome" in page and "<strong>Resolution 2690" in page


def test_describe_votes_names_who_differs_from_the_rest(council):
    assert describe_votes(council.decide({"france": "absent"}).votes) == (
        "France is absent; the other 14 members vote yes.")
    assert describe_votes(council.decide({"china": "no", "russia": "no", "ghana": "abstain"}).votes) == (
        "China and Russia vote no; Ghana abstains; the other 12 members vote yes.")
    everyone_but_one = {m.id: "no" for m in council.members if m.id != "malta"}
    assert describe_votes(council.decide(everyone_but_one).votes) == (
        "Malta votes yes; the other 14 members vote no.")
    two = [(Member("a", "A", True), "no"), (Member("b", "B", False), "yes")]
    assert describe_votes(two) == "A votes no; the other member votes yes."


def test_scenarios_side_by_side(council):
    several = council.scenarios("a-permanent-member-abstains", "china-and-russia-vote-no")
    assert str(several).splitlines() == [
        "What if China had abstained?",
        "  ✔ adopted: 14 votes in favour, 9 needed; China abstained, and a permanent member's "
        "abstention is not a veto",
        "What if China and Russia had both voted no?",
        "  ✘ not adopted: vetoed by China and Russia, although 13 members voted in favour",
    ]
    assert several._repr_html_().count("<tr>") == 3
    assert len(council.scenarios()) == len(council.presets)


def test_abstention_table_finds_where_the_draft_fails(council):
    table = council.abstention_table(5, 8)
    assert [(n, o.adopted, o.tally.yes) for n, o in table.rows] == [
        (5, True, 10), (6, True, 9), (7, False, 8), (8, False, 7)]
    assert str(table).splitlines()[1:] == [
        "5 abstain -> adopted: 10 votes in favour, 9 needed",
        "6 abstain -> adopted: 9 votes in favour, 9 needed",
        "7 abstain -> not adopted: 8 votes in favour, 9 needed",
        "8 abstain -> not adopted: 7 votes in favour, 9 needed",
    ]
    assert "no real position is implied" in table.heading
    assert table._repr_html_().count("<tr>") == 5
    # the same as the preset that lets seven abstain
    assert table.rows[2][1].tally == council.outcome_of("seven-abstain").tally


@pytest.mark.parametrize("first, last", [(8, 5), (0, 11), (-1, 3), ("5", 8), (5.0, 8)])
def test_abstention_table_says_which_numbers_it_takes(council, first, last):
    with pytest.raises(CouncilError, match="give two whole numbers from 0 to 10"):
        council.abstention_table(first, last)


# --------------------------------------------------------------------------- real votes on Mali

# The tallies the UN recorded: (date, in favour, against, abstentions, adopted); sources in
# data/council.yaml (SC/14953, SC/15341, the UN press release of 30 August 2023).
RECORDED = {
    "resolution-2640": ("2022-06-29", 13, 0, 2, True),
    "resolution-2690": ("2023-06-30", 15, 0, 0, True),
    "mali-sanctions-veto-2023": ("2023-08-30", 13, 1, 1, False),
    "mali-sanctions-russian-draft-2023": ("2023-08-30", 1, 1, 13, False),
}


@pytest.mark.parametrize("preset_id", sorted(RECORDED))
def test_each_real_vote_gives_the_recorded_tally_and_outcome(council, preset_id):
    date, yes, no, abstain, adopted = RECORDED[preset_id]
    preset = council.preset(preset_id)
    assert preset.real and preset.date == date and preset.source
    outcome = council.outcome_of(preset)
    assert (outcome.tally.yes, outcome.tally.no, outcome.tally.abstain, outcome.tally.absent) == (yes, no, abstain, 0)
    assert outcome.adopted is adopted
    r = preset.recorded
    assert (r.in_favour, r.against, r.abstentions, r.adopted) == (yes, no, abstain, adopted)


def test_the_real_votes_are_every_real_preset_by_date_each_matching_its_record(council):
    real = council.real_votes()
    assert [s.preset.id for s in real] == [
        "resolution-2640", "resolution-2690", "mali-sanctions-veto-2023", "mali-sanctions-russian-draft-2023"]
    assert all("(the same as the rules give)" in s.record for s in real)
    text = str(real)
    assert "13–1–1, ✘ not adopted: vetoed by Russia, although 13 members voted in favour" in text
    assert "1–1–13, ✘ not adopted: 1 vote in favour, 9 needed" in text
    assert "Permanent members: Russia voted no; China abstained." in text
    page = real._repr_html_()
    assert page.count("<tr>") == len(RECORDED) + 1 and "SC/14953" in page


def test_the_sanctions_veto_is_russias_no_not_chinas_abstention(council):
    outcome = council.outcome_of("mali-sanctions-veto-2023")
    assert outcome.vetoed_by == ("Russia",)
    assert outcome.vote_of("China") == "abstain"
    # Had Russia abstained too, 13 votes would have adopted it.
    assert council.what_if("mali-sanctions-veto-2023", {"Russia": "abstain"}).adopted


def test_japans_no_on_russias_draft_was_not_a_veto(council):
    outcome = council.outcome_of("mali-sanctions-russian-draft-2023")
    assert outcome.vote_of("Japan") == "no" and outcome.vetoed_by == ()
    assert outcome.reason == "not adopted: 1 vote in favour, 9 needed"
    assert "Japan is an elected member" in council.preset("mali-sanctions-russian-draft-2023").description


def test_resolution_2640_names_only_the_permanent_members_of_2022(council):
    preset = council.preset("resolution-2640")
    assert preset.year == 2022 and preset in council.other_years and preset not in council.presets
    voters = council.members_of(preset)
    assert [m.name for m in voters if m.permanent] == [m.name for m in council.permanent]
    assert not {m.name for m in voters} & {m.name for m in council.elected}  # not the 2023 members
    outcome = council.outcome_of(preset)
    assert outcome.reason == ("adopted: 13 votes in favour, 9 needed; China and Russia abstained, "
                              "and a permanent member's abstention is not a veto")
    assert describe_votes(outcome.votes) == "China and Russia abstain; the other 13 members vote yes."
    assert council.what_if(preset, {"Russia": "no"}).vetoed_by == ("Russia",)
    with pytest.raises(CouncilError, match="Ghana was not on the Council in 2022"):
        council.what_if(preset, {"Ghana": "no"})


def test_the_simulator_offers_only_votes_of_its_own_members(council):
    ids = [p.id for p in council.presets]
    assert "resolution-2640" not in ids
    assert {"resolution-2690", "mali-sanctions-veto-2023", "mali-sanctions-russian-draft-2023"} <= set(ids)


def test_real_votes_carry_who_drafted_them_and_each_speaker_in_their_own_words(council):
    assert council.preset("resolution-2690").drafted_by == ("France",)
    assert council.preset("mali-sanctions-veto-2023").drafted_by == ("France", "United Arab Emirates")
    assert "Drafted by France and the United Arab Emirates." in str(council.scenario("mali-sanctions-veto-2023"))
    said = {s.speaker.split(",")[0]: s for s in council.preset("resolution-2690").statements}
    assert {"Lana Nusseibeh", "Ghana's representative", "Anna Evstigneeva", "Issa Konfourou"} <= set(said)
    assert all(s.source for s in said.values())
    uae = said["Lana Nusseibeh"]
    assert '"untenable"' in uae.words and "explanation of vote" in uae.speaking_for
    assert "not for the Council" in uae.speaking_for
    a3 = said["Ghana's representative"]
    assert "Gabon, Ghana and Mozambique" in a3.speaking_for
    konfourou = council.preset("resolution-2640").statements[1]
    assert "freedom of movement" in konfourou.words and "SC/14953" in konfourou.source
    text = str(council.scenario("resolution-2690"))
    assert "What they said:" in text and "(Source: UN press release SC/15341.)" in text
    assert "<script" not in council.scenario("resolution-2690")._repr_html_()


ANOTHER_YEAR = """\
presets:
  - id: old-vote
    title: An old vote
    kind: real
    year: 2022
    date: "2022-06-29"
    source: a press release
    votes: {china: abstain, russia: abstain, france: "yes", united-kingdom: "yes", united-states: "yes"}
    elected: {"yes": 10}
    recorded: {in_favour: 13, against: 0, abstentions: 2, adopted: true}
"""


def test_a_vote_of_another_year_is_checked_against_its_record(tmp_path):
    assert check_council(write(tmp_path, GOOD_MEMBERS + ANOTHER_YEAR)) == []
    wrong = ANOTHER_YEAR.replace("in_favour: 13", "in_favour: 12")
    p = only(check_council(write(tmp_path, GOOD_MEMBERS + wrong)))
    assert (p.item, p.field) == ('preset "old-vote"', "recorded.in_favour")
    assert p.message == "the record says 12 but the votes listed give 13"


@pytest.mark.parametrize("old, new, field, words", [
    ('    elected: {"yes": 10}\n', "", "elected", "is missing: a vote of 2022 gives the elected members' votes"),
    ('{"yes": 10}', '{"yes": 9}', "elected", "counts 9 elected members; the Council has exactly 10"),
    ('united-states: "yes"}', 'united-states: "yes", ghana: "yes"}', "votes",
     "'ghana' was not on the Council in 2022"),
    ("    year: 2022\n", "", "elected", "is only for a vote of another year"),
])
def test_a_vote_of_another_year_names_only_the_permanent_members(tmp_path, old, new, field, words):
    text = GOOD_MEMBERS + "year: 2023\n" + ANOTHER_YEAR.replace(old, new)
    problems = check_council(write(tmp_path, text))
    assert any(p.field == field and words in p.message for p in problems), [str(p) for p in problems]


def test_drafted_by_must_name_members(tmp_path):
    text = GOOD_MEMBERS + 'presets:\n  - {id: d, title: D, default: "yes", drafted_by: [frnace]}\n'
    p = only(check_council(write(tmp_path, text)))
    assert (p.item, p.field) == ('preset "d"', "drafted_by") and "'frnace' is not a member" in p.message


def test_a_statement_needs_its_speaker_words_and_source(tmp_path):
    text = GOOD_MEMBERS + ('presets:\n  - {id: d, title: D, default: "yes", '
                           'statements: [{speaker: Someone, words: "said \\"so\\""}]}\n')
    p = only(check_council(write(tmp_path, text)))
    assert p.item == 'preset "d"' and p.field.startswith("statements") and "source" in p.field + p.message
