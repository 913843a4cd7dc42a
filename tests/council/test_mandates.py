"""MINUSMA's mandates (data/mandates.yaml): the real data, how it prints, and the checks."""
from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

import pytest

import coursekit
from coursekit.council.mandates import Ceiling, MandateError, check_mandates, load_mandates
from coursekit.errors import CourseError, DataError

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "data"


@pytest.fixture(scope="module")
def mandates():
    return load_mandates(DATA)


# --------------------------------------------------------------------------- the real data


def test_the_resolutions_from_creation_to_end(mandates):
    assert [(m.resolution, m.date) for m in mandates] == [
        (2100, "2013-04-25"), (2164, "2014-06-25"), (2295, "2016-06-29"), (2480, "2019-06-28"),
        (2584, "2021-06-29"), (2640, "2022-06-29"), (2690, "2023-06-30")]
    assert all(m.source and m.changed and m.focus for m in mandates)


def test_2100_created_the_mission_under_chapter_vii(mandates):
    m = mandates.show(2100)
    assert m.chapter == "VII" and m.unanimous
    assert m.ceiling == Ceiling(11200, 1440)
    assert "AFISMA on 1 July 2013" in m.changed
    assert any("north" in t for t in m.tasks)


def test_2295_first_asked_for_a_robust_posture_and_raised_the_ceiling(mandates):
    robust = [m.resolution for m in mandates if "robust posture" in m.changed]
    assert robust[0] == 2295
    m = mandates.show(2295)
    assert m.ceiling == Ceiling(13289, 1920) and m.chapter == "VII"
    assert '"more proactive and robust posture"' in m.changed and "11,240" in m.changed
    assert "SC/12426" in m.source


def test_ceilings_kept_are_the_last_given(mandates):
    assert mandates.show(2164).ceiling == Ceiling(11200, 1440, kept=True)
    for number in (2480, 2584, 2640):
        assert mandates.show(number).ceiling == Ceiling(13289, 1920, kept=True)
    assert str(mandates.show(2584).ceiling) == "13,289 military, 1,920 police (unchanged)"
    assert mandates.show(2690).ceiling is None  # not given for the resolution that ended it


def test_priorities_shift_to_central_mali_then_the_transition(mandates):
    assert "central Mali" in mandates.show(2480).focus
    assert "transition" in mandates.show(2584).focus and mandates.show(2584).until == "2022-06-30"


def test_2640_was_not_unanimous_and_gives_each_side_its_words(mandates):
    m = mandates.show(2640)
    assert (m.vote.in_favour, m.vote.against, m.vote.abstentions) == (13, 0, 2)
    assert m.vote_text == "13–0–2 (China and Russia abstaining)"
    assert '"intrusive language"' in m.changed and "Konfourou" in m.changed
    assert "reportedly" in m.changed  # French air support rests on one report
    assert [x.resolution for x in mandates if not x.unanimous] == [2640]


def test_2690_ended_it_with_a_limited_mandate(mandates):
    m = mandates.show(2690)
    assert m.vote_text == "15–0–0 (unanimous)" and m.chapter == "VII"
    assert any("30 September 2023" in t for t in m.tasks) and any("31 December 2023" in t for t in m.tasks)
    assert "SC/15341" in m.source


@pytest.mark.parametrize("number", [2640, 2690])
def test_the_votes_in_both_files_agree(mandates, number):
    m = mandates.show(number)
    council = coursekit.load_council()
    outcome = council.outcome_of(m.council_vote)
    assert (outcome.tally.yes, outcome.tally.no, outcome.tally.abstain) == (
        m.vote.in_favour, m.vote.against, m.vote.abstentions)
    assert outcome.score == m.vote.score
    assert council.preset(m.council_vote).date == m.date


def test_real_data_has_no_problems():
    assert check_mandates(DATA) == []


def test_the_public_name_loads_them():
    assert [m.resolution for m in coursekit.load_mandates()][0] == 2100


# --------------------------------------------------------------------------- what a lesson shows


def test_show_without_a_number_is_the_whole_table(mandates):
    assert mandates.show() is mandates
    text = str(mandates)
    assert text.splitlines()[0].startswith("MINUSMA: the resolutions that created, changed and ended its mandate")
    assert "Resolution 2295 (29 Jun 2016) · 15–0–0 (unanimous) · Chapter: VII · ceiling: 13,289 military" in text
    assert "Chapter: —" in text  # not given for 2164: a dash, not a guess
    page = mandates._repr_html_()
    assert page.count("<tr>") == len(mandates) + 1 and "<th>Source</th>" in page


@pytest.mark.parametrize("typed", [2295, "2295", "resolution 2295", "Resolution-2295", " 2295 "])
def test_show_finds_a_resolution_however_it_is_typed(mandates, typed):
    assert mandates.show(typed).resolution == 2295


def test_an_unknown_resolution_is_a_course_error_with_the_list(mandates):
    with pytest.raises(MandateError) as err:
        mandates.show(2296)
    assert isinstance(err.value, CourseError)
    assert "no resolution 2296 among MINUSMA's mandates" in str(err.value)
    assert "2100, 2164, 2295, 2480, 2584, 2640, 2690" in str(err.value)


def test_one_mandate_prints_every_field_and_escapes_html(mandates):
    text = str(mandates.show(2690)).splitlines()
    assert text[0] == "Resolution 2690 (30 Jun 2023)"
    assert [line.split(":")[0].strip() for line in text[1:]] == [
        "Vote", "Chapter of the Charter", "Ceiling", "Mandate until", "Focus", "Tasks and priorities",
        "What changed", "Source"]
    page = mandates.show(2295)._repr_html_()
    assert "&quot;more proactive and robust posture&quot;" in page and "<script" not in page


# --------------------------------------------------------------------------- bad data

GOOD = """\
mission: "MINUSMA, the mission"
mandates:
  - id: resolution-2100
    resolution: 2100
    date: "2013-04-25"
    vote: {in_favour: 15, against: 0, abstentions: 0}
    ceiling: {military: 11200, police: 1440}
    focus: "Creates it"
    changed: "Created it."
    source: "a press release"
  - id: resolution-2164
    resolution: 2164
    date: "2014-06-25"
    vote: {in_favour: 15, against: 0, abstentions: 0}
    ceiling: unchanged
    focus: "Renews it"
    changed: "Renewed it."
    source: "a press release"
"""


@pytest.fixture
def folder(tmp_path):
    """A data folder with the course's council.yaml and a mandates.yaml to write."""
    shutil.copy(DATA / "council.yaml", tmp_path / "council.yaml")
    (tmp_path / "course.yaml").write_text((DATA / "course.yaml").read_text(encoding="utf-8"), encoding="utf-8")

    def write(text: str) -> Path:
        (tmp_path / "mandates.yaml").write_text(textwrap.dedent(text), encoding="utf-8")
        return tmp_path
    return write


def problems_of(folder, text):
    return check_mandates(folder(text))


def test_a_good_file(folder):
    data = folder(GOOD)
    assert check_mandates(data) == []
    assert load_mandates(data).show(2164).ceiling == Ceiling(11200, 1440, kept=True)


@pytest.mark.parametrize("old, new, item, field, words", [
    ('date: "2014-06-25"', 'date: "2012-06-25"', 'mandate "resolution-2164"', "date",
     "25 Jun 2012 is not after the mandate before it (25 Apr 2013)"),
    ("in_favour: 15, against: 0, abstentions: 0}\n    ceiling: unchanged",
     "in_favour: 8, against: 0, abstentions: 7}\n    ceiling: unchanged",
     'mandate "resolution-2164"', "vote.in_favour", "8 votes in favour cannot adopt a resolution: it needs 9"),
    ("in_favour: 15, against: 0, abstentions: 0}\n    ceiling: unchanged",
     "in_favour: 13, against: 0, abstentions: 2, abstaining: [China]}\n    ceiling: unchanged",
     'mandate "resolution-2164"', "vote.abstaining", "names 1 members but the vote counts 2 abstentions"),
    ("in_favour: 15, against: 0, abstentions: 0}\n    ceiling: unchanged",
     "in_favour: 15, against: 1, abstentions: 0}\n    ceiling: unchanged",
     'mandate "resolution-2164"', "vote", "counts 16 votes; the Council has 15 members"),
    ("ceiling: {military: 11200, police: 1440}", "chapter: VII", 'mandate "resolution-2164"', "ceiling",
     '"unchanged" needs a ceiling given in numbers by an earlier mandate'),
    ("id: resolution-2164", "id: resolution-2165", 'mandate "resolution-2165"', "id",
     "should be resolution-2164"),
    ('    source: "a press release"\n  - id', '  - id', 'mandate "resolution-2100"', "source", "is missing"),
    ("ceiling: unchanged", "ceiling: same", 'mandate "resolution-2164"', "ceiling",
     'must be {military: N, police: N} or "unchanged"'),
    ('date: "2014-06-25"', 'date: "2014-06"', 'mandate "resolution-2164"', "date", "must be a day"),
])
def test_each_mistake_names_the_mandate_and_field(folder, old, new, item, field, words):
    assert old in GOOD
    problems = problems_of(folder, GOOD.replace(old, new, 1))
    assert any(p.item == item and p.field == field and words in p.message for p in problems), (
        [str(p) for p in problems])
    assert all(p.file.endswith("mandates.yaml") and p.line for p in problems)


def test_the_vote_must_agree_with_council_yaml(folder):
    text = GOOD.replace('source: "a press release"\n  - id', 'source: "a press release"\n'
                        "    council_vote: resolution-2690\n  - id", 1)
    problems = problems_of(folder, text)
    messages = [p.message for p in problems if p.field == "council_vote"]
    assert messages == ["council.yaml dates resolution-2690 2023-06-30, this file 2013-04-25"]
    wrong = text.replace("in_favour: 15, against: 0, abstentions: 0}\n    ceiling: {",
                         "in_favour: 14, against: 0, abstentions: 1}\n    ceiling: {", 1)
    assert any("council.yaml records resolution-2690 as 15–0–0, this file as 14–0–1" in p.message
               for p in problems_of(folder, wrong))
    typo = text.replace("council_vote: resolution-2690", "council_vote: resolution-2609")
    assert any("council.yaml has no vote 'resolution-2609'" in p.message for p in problems_of(folder, typo))


def test_loading_a_bad_file_raises_with_every_problem(folder):
    data = folder(GOOD.replace("resolution: 2164", "resolution: 2000").replace('"2014-06-25"', '"2012-01-01"'))
    with pytest.raises(DataError) as info:
        load_mandates(data)
    assert len(info.value.problems) >= 2


def test_a_missing_file_is_a_problem_not_a_crash(folder, tmp_path):
    folder(GOOD)
    (tmp_path / "mandates.yaml").unlink()
    problems = check_mandates(tmp_path)
    assert len(problems) == 1 and "not found" in problems[0].message


def test_validate_runs_the_mandates_check_and_writes_its_schema():
    from coursekit.datafiles.validate import CHECKERS, SCHEMAS

    assert ("mandates", "coursekit.council.mandates:check_mandates") in CHECKERS
    assert SCHEMAS["mandates.schema.json"] == "coursekit.council.mandates:SCHEMA"
