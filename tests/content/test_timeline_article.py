"""Corrections to the timeline, the article's actors and lessons 01-02, held in place.

Each test fails if a corrected statement comes back: a wrong wording in the lessons' text, the
question banks or the data files, a wrong mapping of the article's words to actors, or a row of
the timeline without its source.
"""
from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest

from coursekit.datafiles.yamlfile import load_yaml
from coursekit.reading.actors import load_actors
from coursekit.reading.article import load_article
from coursekit.timeline.events import load_timeline

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "data"
LESSONS = ("01_reading_the_article", "02_timeline")


@pytest.fixture(scope="module")
def article():
    return load_article()


@pytest.fixture(scope="module")
def actors():
    return load_actors()


@pytest.fixture(scope="module")
def tl():
    return load_timeline()


def _markdown(lesson: str) -> str:
    nb = json.loads((ROOT / "notebooks" / f"{lesson}.ipynb").read_text(encoding="utf-8"))
    return "\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "markdown")


def _bank(lesson: str) -> str:
    return (DATA / "quizzes" / f"{lesson}.yaml").read_text(encoding="utf-8")


def _our_texts() -> dict[str, str]:
    """The text this part of the course owns: lessons 01-02, their banks, actors and timeline."""
    texts = {f"notebooks/{lesson}.ipynb": _markdown(lesson) for lesson in LESSONS}
    texts |= {f"data/quizzes/{lesson}.yaml": _bank(lesson) for lesson in LESSONS}
    texts["data/actors.yaml"] = (DATA / "actors.yaml").read_text(encoding="utf-8")
    texts["data/timeline.csv"] = (DATA / "timeline.csv").read_text(encoding="utf-8")
    return texts


def _unquoted(text: str) -> str:
    """``text`` without what stands in quotation marks (the article's words, a headline)."""
    return re.sub(r'"[^"]*"|“[^”]*”', "", text)


def _strings(value) -> list[str]:
    """Every text in a YAML document (question ids left out)."""
    if isinstance(value, dict):
        return [s for k, v in value.items() if k != "id" for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return [value] if isinstance(value, str) else []


# Wordings that were wrong once, each with why.
WRONG = [
    (r"no (member|one) of the (UN )?Security Council (speaks|is quoted)",
     "the United States, a permanent member, is quoted (its State Department, paragraph 23)"),
    (r"three of the four .read:. links", "all four links have Mali or its authorities as their subject"),
    (r"rebels and jihadist groups held", "in 2013 the northern towns were held by the Islamist groups alone"),
    (r"partners condemn wagner|mali's western partners (jointly )?condemn",
     "Canada and European states signed; the United States did not"),
    (r"(its|the council'?s?) president (called|said)[^.]{0,80}untenable",
     "\"untenable\" was the UAE's explanation of vote, not the Council's or its president's"),
    (r"came to call it its deadliest mission",
     "deadliest by hostile-act deaths only; UNIFIL has more deaths from all causes"),
    (r"deployed alongside mali's army since late 2021",
     "Wagner's presence is reported, and Mali's government never acknowledged it"),
]


@pytest.mark.parametrize("pattern, why", WRONG, ids=[w for _, w in WRONG])
def test_no_corrected_wording_comes_back(pattern, why):
    found = [name for name, text in _our_texts().items() if re.search(pattern, text, re.IGNORECASE)]
    assert not found, f"{found}: {why}"


def test_the_wrong_wordings_would_be_caught():
    # the scan is not vacuous: each pattern matches the sentence it was written against
    old = ["no member of the Security Council speaks in it",
           "Three of the four \"Read:\" links are about Mali's government",
           "at a time when rebels and jihadist groups held Mali's north",
           "Partners condemn Wagner",
           "Its president called continuing the mission without Mali's consent \"untenable\".",
           "the UN came to call it its deadliest mission",
           "Deployed alongside Mali's army since late 2021"]
    assert [bool(re.search(p, text, re.IGNORECASE)) for (p, _), text in zip(WRONG, old)] == [True] * len(WRONG)


# -- who the article quotes, and who its words point to ------------------------------------------

def test_the_united_states_is_a_quoted_member_of_the_security_council(article, actors):
    import coursekit

    speakers = {q.speaker_id for q in article.quotations()}
    assert speakers == {"diop", "us-state-department"}
    council = {m.name for m in coursekit.load_council().members}
    # the State Department speaks for the United States, a permanent member
    assert "United States" in council and "permanent member" in actors["us-state-department"].description
    bank = load_yaml(DATA / "quizzes" / "01_reading_the_article.yaml")
    question = next(q for q in bank["questions"] if q["id"] == "article-council-member-quoted")
    assert "United States" in question["answer"] and "France" not in question["answer"]
    assert "one member of the\nCouncil is heard" in _markdown("01_reading_the_article")


def test_the_rebels_of_paragraph_8_are_the_islamist_groups_not_the_mnla(article, actors, tl):
    assert "rebels" not in actors["mnla"].aliases
    spans = article.actor_spans(article.paragraph(8).text)
    named = {article.paragraph(8).text[a:b]: who for a, b, who in spans}
    assert named["rebels"] == "islamist-groups" and named["Tuareg"] == "mnla"
    assert {"Ansar Dine", "MUJAO", "AQIM"} <= set(re.findall(r"Ansar Dine|MUJAO|AQIM", actors["islamist-groups"].name))
    serval = tl.get("serval-launch")
    assert "islamist-groups" in serval.actors and "mnla" not in serval.actors
    assert "Islamist groups" in serval.article_says and serval.paragraphs == (8,)


def test_the_civilians_of_paragraph_15_are_not_counted_as_malians(article, actors):
    mentions = {m.actor_id: m.paragraphs for m in article.mentions()}
    assert 15 not in mentions["civilians"] and mentions["drc-civilians"] == (15,)
    assert 12 in mentions["civilians"]
    assert actors["drc-civilians"].description.startswith("Not Malians")


def test_all_four_read_links_have_mali_as_their_subject_as_the_lesson_says(article):
    assert len(article.related) == 4 and all(r.title.startswith(("Mali", "UN: Mali")) for r in article.related)
    assert "All four \"Read:\" links have Mali or its authorities as their subject" in _bank("01_reading_the_article")


# -- the actors: dated, attributed, in the same words for every side ---------------------------------

def test_untenable_is_the_uae_s_word(actors):
    notes = [(a.id, e) for a in actors for e in a.evidence if "untenable" in e.note]
    assert [a for a, _ in notes] == ["uae"]
    _, evidence = notes[0]
    assert "Nusseibeh" in evidence.source and "SC/15341" in evidence.source
    assert "untenable" not in " ".join(e.note for e in actors["security-council"].evidence)


def test_wagner_is_dated_and_attributed(actors):
    wagner = actors["wagner"]
    for words in ("December 2021", "never\nacknowledged", "instructors", "June 2025", "Africa Corps"):
        assert words.replace("\n", " ") in wagner.description, words
    moura = next(e for e in wagner.evidence if "Moura" in (e.source or ""))
    assert "does not name Wagner" in moura.note


def test_goita_is_described_with_his_later_rank_and_term_dated(actors):
    goita = actors["goita"]
    assert goita.name == "Assimi Goïta"
    for words in ("général d'armée", "October 2024", "July 2025", "five-year term", "without an election"):
        assert words in goita.description, words


def test_the_us_did_not_sign_the_joint_statement_on_wagner(actors, tl):
    row = tl.get("wagner-condemned")
    assert row.label == "Joint statement on Wagner"
    assert "the United States does not sign it" in row.description
    assert "15 or 16" in row.description
    assert "the United States did not sign" in actors["germany-uk-partners"].description
    assert any("Did not sign" in e.note for e in actors["united-states"].evidence)


def test_mali_s_government_has_one_neutral_name_and_junta_is_only_the_article_s_word(actors, tl):
    government = actors["mali-government"]
    assert government.name == "Mali's transitional government"
    for actor in actors:
        fields = [actor.name, actor.description, actor.stance or ""] + [e.note for e in actor.evidence]
        assert "junta" not in _unquoted(" ".join(fields)).lower(), actor.id
    for e in tl.entries:
        assert "junta" not in (e.label + e.description).lower(), e.id
    for lesson in LESSONS:
        assert "junta" not in _unquoted(_markdown(lesson)).lower(), lesson
        bank = load_yaml(DATA / "quizzes" / f"{lesson}.yaml")
        for text in _strings(bank):
            assert "junta" not in _unquoted(text).lower(), (lesson, text)


# -- the timeline's new rows, each with its source ------------------------------------------------------

NEW_ROWS = {
    "ecowas-sanctions": ("2022-01-09", "day", "news reports"),
    "ecowas-sanctions-lifted": ("2022-07-03", "day", "news reports"),
    "sweden-withdrawal": ("2022-03-01", "month", "Riksdag"),
    "benin-withdrawal": ("2022-05-19", "day", "Reuters"),
    "resolution-2640": ("2022-06-29", "day", "SC/14953"),
    "egypt-suspension": ("2022-08-15", "day", "15 July 2022"),
    "cote-divoire-withdrawal": ("2022-11-11", "day", "note verbale"),
    "uk-withdrawal": ("2022-11-14", "day", "House of Commons"),
    "germany-withdrawal": ("2022-11-22", "day", "German government"),
    "ber-handover": ("2023-08-13", "day", "AFP"),
    "sanctions-veto": ("2023-08-30", "day", "UN press release"),
    "election-postponed": ("2023-09-25", "day", "news reports"),
    "kidal-left": ("2023-10-31", "day", "AFP"),
    "kidal-taken": ("2023-11-14", "day", "Associated Press"),
}


@pytest.mark.parametrize("row_id", NEW_ROWS)
def test_every_new_row_has_its_date_precision_and_source(tl, row_id):
    start, precision, source = NEW_ROWS[row_id]
    row = tl.get(row_id)
    assert (row.start, row.precision) == (dt.date.fromisoformat(start), precision)
    assert source in row.source


def test_the_end_of_the_mission_and_the_handover_from_afisma_name_their_sources(tl):
    end = tl.get("withdrawal-complete")
    assert end.start == dt.date(2023, 12, 31)
    assert "Secretary-General's spokesperson (30 December 2023)" in end.source and "S/RES/2690" in end.source
    assert "311" in end.description
    handover = tl.get("minusma-deploys")
    assert handover.start == dt.date(2013, 7, 1) and "afisma" in handover.actors and "S/RES/2100" in handover.source


def test_resolution_2640_and_the_veto_carry_their_votes(tl):
    assert "13 votes to none, China and Russia abstaining" in tl.get("resolution-2640").description
    veto = tl.get("sanctions-veto").description
    assert "13 in favour, Russia against, China abstaining" in veto and "13 abstentions" in veto


def test_the_timeline_keeps_its_range_and_leaves_2025_to_the_actors(tl):
    first, last = tl.date_range()
    assert (first, last) == (dt.date(2012, 1, 17), dt.date(2024, 1, 28))
    assert not any(e.start.year > 2024 for e in tl.entries)


def test_every_row_names_a_source(tl):
    assert all(e.source.strip() for e in tl.entries)


def test_lesson_02_draws_the_crowded_years_in_a_zoomed_panel_and_describes_both():
    nb = json.loads((ROOT / "notebooks" / "02_timeline.ipynb").read_text(encoding="utf-8"))
    code = ["".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code"]
    assert any('tl.plot(highlight="article", zoom_from="2021-12", zoom_to="2024-01")' in c for c in code)
    described = next(c for c in nb["cells"] if c["cell_type"] == "code"
                     and "tl.describe(" in "".join(c["source"]))
    assert "nbval-check-output" in described["metadata"]["tags"]
    assert "".join(described["outputs"][0]["text"]).startswith("Two panels. Above, timeline")
