"""coursekit.timeline.events: the data file, its checks, filters, tables, layout and ordering questions."""
from __future__ import annotations

import datetime as dt
import random
import shutil
from pathlib import Path

import pytest

from coursekit import cli
from coursekit.errors import CourseError, DataError
from coursekit.quizzes.questions import QuestionState, submit
from coursekit.timeline.events import (Timeline, assign_lanes, assign_levels, check_timeline, level_crossings,
                                       load_timeline)

ROOT = Path(__file__).resolve().parents[2]

HEADER = ("# a comment line\n"
          "id,kind,start,end,precision,label,description,category,actors,source,"
          "article_paragraphs,article_says\n")
GOOD = ("coup-2020,event,2020-08-18,,day,Coup ousts Keïta,A coup removes the president.,"
        "politics,mali-government,news reports,6,\n")
SECOND = ("moura,event,2022-03,,month,Moura killings,\"Killings at Moura, central Mali.\","
          "conflict,civilians,UN OHCHR report,,\n")


@pytest.fixture
def tl() -> Timeline:
    return load_timeline()


def _write(tmp_path: Path, rows: str) -> Path:
    """A copy of the real data folder in ``tmp_path`` whose timeline holds ``rows``."""
    shutil.copytree(ROOT / "data", tmp_path, dirs_exist_ok=True)
    path = tmp_path / "timeline.csv"
    path.write_text(HEADER + rows, encoding="utf-8")
    return path


# -- the real data -------------------------------------------------------------------

def test_course_timeline_is_valid_and_covers_2012_to_2024(tl, data_dir):
    assert check_timeline(data_dir) == []
    assert len(tl.events) >= 25
    first, last = tl.date_range()
    assert first.year == 2012 and last.year == 2024
    assert {e.category for e in tl.entries} == set(tl.categories)


def test_periods_include_the_mandate_serval_barkhane_and_transitions(tl):
    mandate = tl.get("minusma-mandate")
    assert (mandate.start, mandate.end) == (dt.date(2013, 7, 1), dt.date(2023, 12, 31))
    assert {"serval", "barkhane", "transition-2020", "transition-2021"} <= {p.id for p in tl.periods}


def test_article_errors_are_recorded_not_taken_as_facts(tl):
    salgado = tl.get("salgado-expelled")
    assert salgado.start == dt.date(2022, 7, 20)
    assert "August" in salgado.article_says
    wagner = tl.get("wagner-condemned")
    assert wagner.start == dt.date(2021, 12, 23) and "last year" in wagner.article_says
    assert "week" in tl.get("putin-call").article_says


def test_approximate_dates_keep_their_precision(tl):
    moura = tl.get("moura")
    assert moura.precision == "month" and moura.approximate
    assert moura.date_text == "c. Mar 2022" and moura.plot_label == "c. Moura killings"
    assert moura.latest == dt.date(2022, 3, 31)
    assert not tl.get("coup-2020").approximate


def test_every_row_names_a_known_actor_and_a_source(tl):
    from coursekit.reading.actors import load_actors

    ids = set(load_actors().ids())
    for e in tl.entries:
        assert e.source and set(e.actors) <= ids, e.id


# -- loader errors: one message each, with file, line and field -------------------------

@pytest.mark.parametrize("row, field, message", [
    (GOOD.replace("2020-08-18", "2020-02-30"), "start", "is not a real date"),
    (GOOD.replace("2020-08-18", "18/08/2020"), "start", "must be YYYY-MM-DD"),
    (GOOD.replace("2020-08-18,,day", "2020-08-18,,month"), "start", "must be YYYY-MM, as the precision is month"),
    (GOOD.replace(",day,", ",week,"), "precision", "week"),
    (GOOD.replace("politics", "coups"), "category", "unknown category 'coups'"),
    (GOOD.replace("mali-government", "mali-govt"), "actors", "unknown actor 'mali-govt'"),
    (GOOD.replace("news reports", ""), "source", "missing"),
    (GOOD.replace(",event,", ",period,").replace("2020-08-18,,", "2020-08-18,2019-01-01,"),
     "end", "is before the start"),
    (GOOD.replace(",event,2020-08-18,,", ",event,2020-08-18,2021-01-01,"), "end", "only a period has an end"),
    (GOOD.replace("Coup ousts Keïta", "A label far too long to fit on the timeline plot"), "label", "characters"),
    (GOOD.replace(",6,", ",99,"), "article_paragraphs", "past the article's last paragraph (25)"),
    (GOOD.replace(",6,", ",,").rstrip("\n") + "It says 2021.\n", "article_paragraphs", "missing"),
    (GOOD.replace(",6,", ",six,"), "article_paragraphs", "paragraph numbers"),
    (GOOD.replace("coup-2020", "Coup 2020"), "id", "lowercase letters"),
    (GOOD.replace("mali-government", "mali government"), "actors", "actor ids"),
])
def test_a_bad_field_is_one_problem_naming_file_line_and_field(tmp_path, row, field, message):
    path = _write(tmp_path, SECOND + row)
    problems = check_timeline(tmp_path)
    assert len(problems) == 1, problems
    p = problems[0]
    assert (p.file.endswith("timeline.csv"), p.line, p.field) == (True, 4, field)
    assert message in p.message
    with pytest.raises(DataError) as err:
        load_timeline(path.parent)
    assert str(err.value).startswith(str(p))
    assert "timeline.csv:4: " in str(err.value)


def test_a_duplicate_id_and_a_duplicate_label_are_reported_with_the_first_line(tmp_path):
    _write(tmp_path, GOOD + SECOND + GOOD + GOOD.replace("coup-2020", "coup-again"))
    problems = check_timeline(tmp_path)
    assert [(p.line, p.field) for p in problems] == [(5, "id"), (5, "label"), (6, "label")]
    assert all("is used twice (first on line 3)" in p.message for p in problems)


def test_missing_column_and_wrong_field_count_are_reported(tmp_path):
    _write(tmp_path, "")
    (tmp_path / "timeline.csv").write_text("id,kind,start\nx,event,2020\n", encoding="utf-8")
    [p] = check_timeline(tmp_path)
    assert p.line == 1 and "missing column(s): end, precision" in p.message
    _write(tmp_path, GOOD + "too,few,fields\n")
    [p] = check_timeline(tmp_path)
    assert p.line == 4 and "has 3 fields but the header has 12" in p.message


def test_line_numbers_count_comments_and_multi_line_fields(tmp_path):
    multi = SECOND.replace("Killings at Moura, central Mali.", "Killings at Moura,\ncentral Mali.")
    _write(tmp_path, multi + "# another comment\n" + GOOD.replace("politics", "coups"))
    [p] = check_timeline(tmp_path)
    assert p.line == 6


def test_missing_or_non_utf8_file_is_a_problem_not_a_traceback(tmp_path):
    _write(tmp_path, "")
    (tmp_path / "timeline.csv").unlink()
    [p] = check_timeline(tmp_path)
    assert "not found" in p.message
    (tmp_path / "timeline.csv").write_bytes((HEADER + GOOD).replace("ï", "\xef").encode("latin-1"))
    [p] = check_timeline(tmp_path)
    assert "UTF-8" in p.message and p.line == 3


def test_coursekit_validate_prints_one_line_per_problem(tmp_path, capsys):
    data = tmp_path / "data"
    shutil.copytree(Path(__file__).resolve().parents[2] / "data", data)
    csv_path = data / "timeline.csv"
    text = csv_path.read_text(encoding="utf-8")
    text = (text.replace("2013-04-25,,day", "2013-04-31,,day")
            .replace(",2023-12-31,day,MINUSMA,", ",2012-12-31,day,MINUSMA,"))
    csv_path.write_text(text, encoding="utf-8")
    assert cli.main(["validate", str(data)]) == 1
    out = capsys.readouterr().out.splitlines()
    mine = [line for line in out if line.split(":")[0].endswith("timeline.csv")]
    assert len(mine) == 2
    assert any('event "resolution-2100": start:' in line for line in mine)
    assert any('period "minusma-mandate": end:' in line for line in mine)
    assert all(line.split(":")[1].isdigit() for line in mine)


# -- categories: data an instructor edits --------------------------------------------------

ECONOMY = """\
  - id: economy
    label: Economy and sanctions
    in_sentence: economy and sanctions
    colour: sky
    marker: star
"""
# The course's own ECOWAS rows are diplomacy; an instructor files a copy under a new category.
SANCTIONS = ("ecowas-sanctions-economy,event,2022-01-09,,day,ECOWAS sanctions (economy),"
             "\"ECOWAS closes its members' borders with Mali and freezes its assets.\","
             "economy,ecowas;mali-government,ECOWAS communiqué,,\n")


def test_an_instructor_adds_a_category_from_data_alone(tmp_path):
    from coursekit.charts import PALETTE
    from coursekit.datafiles.validate import validate_all

    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    categories = data / "timeline-categories.yaml"
    categories.write_text(categories.read_text(encoding="utf-8") + ECONOMY, encoding="utf-8")
    timeline = data / "timeline.csv"
    timeline.write_text(timeline.read_text(encoding="utf-8") + SANCTIONS, encoding="utf-8")

    assert validate_all(data)[0] == []
    tl = load_timeline(data)
    economy = tl.categories["economy"]
    assert list(tl.categories)[-1] == "economy" and (economy.colour, economy.marker) == (PALETTE["sky"], "*")
    assert tl.get("ecowas-sanctions-economy").category == "economy"
    assert [e.id for e in tl.in_category("Economy and sanctions")] == ["ecowas-sanctions-economy"]
    assert "1 economy and sanctions" in tl.describe()
    assert "Economy and sanctions" in str(tl.between("2022-01", "2022-01"))
    figure = tl.plot()
    assert "Economy and sanctions" in [t.get_text() for t in figure.figure.legends[0].get_texts()]
    stars = [line for line in figure.ax.lines if line.get_marker() == "*"]
    assert len(stars) == 1 and stars[0].get_markeredgecolor() == PALETTE["sky"]


def test_categories_file_mistakes_name_file_line_category_and_field(tmp_path):
    _write(tmp_path, GOOD)
    categories = tmp_path / "timeline-categories.yaml"
    text = categories.read_text(encoding="utf-8")
    categories.write_text(text + ECONOMY.replace("marker: star", "marker: diamond")
                          .replace("colour: sky", "colour: teal"), encoding="utf-8")
    problems = {(p.item, p.field): p for p in check_timeline(tmp_path)}
    assert set(problems) == {('category "economy"', "colour"), ('category "economy"', "marker")}
    assert "teal" in problems['category "economy"', "colour"].message
    first = text.splitlines().index("    marker: diamond") + 1
    assert problems['category "economy"', "marker"].message == f"'diamond' is used twice (first on line {first})"
    assert all(p.file.endswith("timeline-categories.yaml") and p.line for p in problems.values())


def test_a_row_must_name_a_category_of_the_categories_file(tmp_path):
    _write(tmp_path, GOOD.replace("politics", "economy"))
    [p] = check_timeline(tmp_path)
    assert (p.line, p.field) == (3, "category")
    assert p.message == ("unknown category 'economy'; the categories (timeline-categories.yaml) are: "
                         "conflict, politics, un, foreign-forces, diplomacy")


# -- filters and tables -------------------------------------------------------------------

def test_between_keeps_overlapping_periods_and_sets_the_range(tl):
    sub = tl.between(2022, "2022-07")
    assert [e.id for e in sub.events] == [
        "ecowas-sanctions", "moura", "sweden-withdrawal", "benin-withdrawal", "resolution-2640",
        "ecowas-sanctions-lifted", "ivorians-arrested", "rotations-suspended", "salgado-expelled"]
    assert {"minusma-mandate", "barkhane", "transition-2021"} == {p.id for p in sub.periods}
    assert sub.date_range() == (dt.date(2022, 1, 1), dt.date(2022, 7, 31))
    with pytest.raises(CourseError, match="end is before the start; give the earlier date first"):
        tl.between(2023, 2022)
    with pytest.raises(CourseError, match="'June 2023' is not a date .*such as \"2022-07\""):
        tl.between("June 2023", 2024)


def test_filters_by_category_actor_and_article(tl):
    assert {e.category for e in tl.in_category("un", "Diplomacy")} == {"un", "diplomacy"}
    with pytest.raises(CourseError, match="unknown category 'war'; categories are: conflict,"):
        tl.in_category("war")
    with pytest.raises(CourseError, match='unknown category \'diplomatic\' \\(did you mean "diplomacy"\\?\\)'):
        tl.in_category("diplomatic")
    assert tl.in_category("UN").entries == tl.in_category("un").entries
    france = tl.involving("france")
    assert france.events and all("france" in e.actors for e in france)
    mentioned, left_out = tl.mentioned(), tl.mentioned(False)
    assert len(mentioned) + len(left_out) == len(tl)
    assert all(e.paragraphs for e in mentioned) and not any(e.paragraphs for e in left_out)
    both = tl.filter(start=2023, end=2023, categories=["un"], in_article=True)
    assert [e.id for e in both.events] == ["rights-chief-expelled", "diop-demand", "resolution-2690"]


def test_plain_and_html_tables(tl):
    text = str(tl.between("2023-06", "2023-06").in_category("un"))
    assert text.splitlines()[0].split() == ["date", "what", "category", "article", "¶"]
    assert "16 Jun 2023" in text and "Mali demands MINUSMA leave" in text
    assert repr(tl.between(2005, 2010)) == "(no events match)"
    html = tl._repr_html_()
    assert html.startswith("<table") and "Goïta" in html and "&#x27;Azawad&#x27;" in html


def test_describe_is_one_sentence(tl):
    text = tl.describe("article")
    assert text.count(". ") == 0 and text.endswith(".")
    assert "42 events" in text and "bold" in text and "MINUSMA" in text


# -- layout ----------------------------------------------------------------------------

def _overlap(spans):
    return any(a[1] > b[0] and b[1] > a[0] for i, a in enumerate(spans) for b in spans[i + 1:])


def test_assign_levels_never_overlaps_labels_of_a_level():
    rng = random.Random(7)
    for _ in range(50):
        xs = [rng.uniform(0, 700) for _ in range(30)]
        ws = [rng.uniform(30, 120) for _ in range(30)]
        placed = assign_levels(xs, ws, axis_width=720, gap=4)
        by_level = {}
        for x, w, (level, align) in zip(xs, ws, placed):
            assert level != 0
            span = (x + 2, x + 2 + w) if align == "left" else (x - 2 - w, x - 2)
            assert span[1] <= 720 or align == "left" and x - 2 - w < 0
            by_level.setdefault(level, []).append((span[0] - 2, span[1] + 2))
        assert not any(_overlap(spans) for spans in by_level.values())


def test_assign_levels_alternates_when_sparse_and_stacks_when_dense():
    assert [lv for lv, _ in assign_levels([0, 200, 400, 600], [50] * 4, axis_width=800)] == [1, -1, 1, -1]
    # a dense cluster stacks into peaks (labels pointing left climb, labels pointing right
    # descend): no stem rises through a label, and it stays low
    dense = assign_levels([100, 101, 102, 103], [50] * 4, axis_width=800)
    assert dense == [(1, "left"), (-1, "right"), (-2, "left"), (-1, "left")]
    assert level_crossings([100, 101, 102, 103], [50] * 4, dense) == 0
    many = assign_levels([100 + i for i in range(8)], [50] * 8, axis_width=800)
    assert level_crossings([100 + i for i in range(8)], [50] * 8, many) == 0
    assert max(abs(level) for level, _ in many) <= 4
    assert assign_levels([790], [50], axis_width=800) == [(1, "right")]


def test_level_crossings_counts_a_stem_rising_through_a_lower_label():
    # the old staircase: the later stem climbs through the earlier label
    assert level_crossings([0, 10], [50, 50], [(1, "left"), (2, "left")]) == 1
    assert level_crossings([0, 10], [50, 50], [(2, "left"), (1, "left")]) == 0
    # a label on the other side of the axis, or behind its own stem, is not crossed
    assert level_crossings([0, 10], [50, 50], [(1, "left"), (-2, "left")]) == 0
    assert level_crossings([0, 0], [50, 50], [(1, "left"), (2, "left")]) == 0


def test_assign_levels_keeps_every_stem_clear_on_random_crowded_timelines():
    rng = random.Random(11)
    for _ in range(40):
        xs = [rng.uniform(0, 700) for _ in range(35)]
        ws = [rng.uniform(60, 140) for _ in range(35)]
        placed = assign_levels(xs, ws, axis_width=720)
        assert level_crossings(xs, ws, placed) == 0


def _spans(xs, ws, placed):
    return [(x + 2, x + 2 + w) if al == "left" else (x - 2 - w, x - 2) for x, w, (_, al) in zip(xs, ws, placed)]


@pytest.mark.parametrize("xs", [[100, 110, 120], [600, 610, 620, 630], [100, 300, 310, 320, 500]])
def test_assign_levels_keeps_stems_out_of_labels_when_there_is_room(xs):
    # With every label left of its stem (the old layout), a later stem would cross an earlier label.
    ws = [80] * len(xs)
    placed = assign_levels(xs, ws, axis_width=640)
    spans = _spans(xs, ws, placed)
    for x, (level, _) in zip(xs, placed):
        for (a, b), (level2, _) in zip(spans, placed):
            if level2 * level > 0 and abs(level2) < abs(level):
                assert not a < x < b, f"the stem at {x} crosses a label at level {level2}"
    assert not any(a < 0 or b > 640 for a, b in spans)


def test_assign_lanes_puts_labels_inside_beside_or_on_a_new_lane():
    # fits inside; touching bars share a lane; a short bar's label goes left of it
    assert assign_lanes([0, 100], [100, 200], [30, 30], axis_width=300) == [(0, 3.0, "left"), (0, 103.0, "left")]
    assert assign_lanes([100], [110], [30], axis_width=300) == [(0, 97.0, "right")]
    lanes = assign_lanes([0, 50, 60], [300, 200, 90], [20, 20, 20], axis_width=300)
    assert [lane for lane, _, _ in lanes] == [0, 1, 2]


# -- ordering questions ----------------------------------------------------------------

def test_ordering_question_is_a_bank_question_in_date_order(tl):
    q = tl.ordering_question(5, seed=3)
    assert q["type"] == "ordering" and len(q["items"]) == 5
    events = {e.label: e for e in tl.events}
    dates = [events[item].start for item in q["items"]]
    assert dates == sorted(dates)
    for item in q["items"]:
        e = events[item]
        assert e.date_text in q["explanation"] and e.source in q["explanation"]
    assert tl.ordering_question(5, seed=3) == q and tl.ordering_question(5, seed=4) != q


def test_ordering_question_never_pairs_events_that_could_be_confused(tl):
    for seed in range(40):
        q = tl.ordering_question(6, seed=seed)
        chosen = sorted((e for e in tl.events if e.label in q["items"]), key=lambda e: e.start)
        for a, b in zip(chosen, chosen[1:]):
            assert (b.start - a.latest).days >= 30


def test_ordering_question_grades_through_the_quiz_engine(tl):
    bank = pytest.importorskip("coursekit.quizzes.bank")
    q = bank.question_from_dict(tl.ordering_question(4, seed=1))
    right = list(tl.ordering_question(4, seed=1)["items"])
    state = QuestionState()
    wrong = list(reversed(right))
    assert submit(q, state, wrong).grade.credit < 1
    assert submit(q, state, right).grade.credit == 1
    assert state.status == "correct"


def test_ordering_question_asks_for_too_many_events_clearly(tl):
    with pytest.raises(CourseError, match="ask for fewer"):
        tl.between("2023-06", "2023-06").ordering_question(4)
    with pytest.raises(ValueError):
        tl.ordering_question(1)


# -- what a lesson shows with one call, and mistakes told in one line ---------------------------

def test_summary_is_one_sentence(tl):
    assert tl.summary() == "42 events and 5 periods, from January 2012 to January 2024"
    assert tl.between(2022, 2022).summary().endswith("from January 2022 to December 2022")


def test_mentioned_and_left_out_tables_split_the_events(tl):
    mentioned, left_out = tl.mentioned_table(), tl.left_out_table()
    assert len(mentioned) + len(left_out) == len(tl.events)
    text = str(mentioned).splitlines()
    assert text[0] == f"{len(mentioned)} of {len(tl.events)} events are mentioned in the article:"
    assert "  20 Jul 2022  Spokesman Salgado expelled  (paragraph 17)" in text
    assert str(left_out).splitlines()[0].endswith("events are not mentioned in the article:")
    assert "  c. Mar 2022  Moura killings" in str(left_out).splitlines()
    html = mentioned._repr_html_()
    assert html.count("<tr>") == len(mentioned) + 1 and "<th style='text-align:left'>Article paragraphs</th>" in html
    assert repr(left_out) == str(left_out)


def test_article_differences_give_the_record_then_the_article(tl):
    diffs = tl.article_differences()
    lines = str(diffs).splitlines()
    assert lines[0] == f"{len(diffs)} entries where the article differs from the record:"
    salgado = lines.index("Spokesman Salgado expelled: 20 Jul 2022 (Malian foreign ministry communiqué)")
    assert lines[salgado + 1] == "  the article: It dates the expulsion to August 2022."
    assert "It dates the expulsion to August 2022." in diffs._repr_html_()
    one = Timeline([tl.get("salgado-expelled")])
    assert str(one.article_differences()).startswith("1 entry where")


def test_an_unknown_entry_names_the_closest_ids_or_all_of_them(tl):
    with pytest.raises(CourseError, match=r'^no timeline entry \'salgado\' \(did you mean "salgado-expelled"\?\)$'):
        tl.get("salgado")
    with pytest.raises(CourseError, match=r'no timeline entry \'Moura killings\' \(did you mean "moura"\?\)'):
        tl.get("Moura killings")  # a label leads to its id
    with pytest.raises(CourseError, match=r"no timeline entry 'the moon'; the ids are: mnla-rebellion, "):
        tl.get("the moon")


def test_involving_an_unknown_actor_names_the_closest(tl):
    with pytest.raises(CourseError, match=r'no actor \'frnace\'.*did you mean "france"'):
        tl.involving("frnace")
    # an actor of data/actors.yaml that no entry involves is not a mistake: just no entries
    assert all("algeria" in e.actors for e in tl.involving("algeria"))
