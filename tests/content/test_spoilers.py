"""No lesson before 06 gives away what lessons 06 and 07 ask students to find.

The findings are the article's errors in ``data/claims.yaml`` (every claim that does not
check out). For each one, the key phrases or dates that state it are searched in the
markdown and code of every notebook, and in every question bank, of the lessons that come
before lesson 06 in ``data/course.yaml``. A lesson may quote the article's own (wrong) words;
it may not give the record that corrects them. Stored outputs are not searched: a timeline
or a table printed from the course data is the record a student consults, not a lesson
stating a finding. The one exception is ``data/actors.yaml``'s stances and their evidence,
which state findings of lessons 06 and 07 (the call "three days before", 23 December 2021):
no lesson shows them today, and a lesson before 06 that calls ``stances()`` has them searched
as its own text.
"""
from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest

import coursekit
from coursekit.datafiles.yamlfile import load_yaml

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "data"
NOTEBOOKS = ROOT / "notebooks"
#: The first lesson whose findings these are.
FIRST_CHECKING_LESSON = "06_reading_critically"

#: What states each finding: the record's date, name or count that corrects the article.
#: Every claim that does not check out needs an entry (a test below says so).
KEYS: dict[str, list[str]] = {
    "salgado-date": [r"\b20 July 2022\b", r"Salgado[^.\n]{0,80}\bJuly\b", r"\bJuly\b[^.\n]{0,80}Salgado"],
    "putin-call-week": [r"\b13 June 2023\b", r"three days (before|after|earlier)"],
    "wagner-last-year": [r"\b23 December 2021\b", r"Wagner[^.\n]{0,120}December 2021",
                         r"December 2021[^.\n]{0,120}Wagner"],
    "minusca-drc": [r"MINUSCA[^.\n]{0,80}Central African", r"Central African[^.\n]{0,80}MINUSCA",
                    r"wrong country"],
    "troops-killed": [r"\ball causes\b", r"\b(309|311)\b[^.\n]{0,60}(dead|deaths|killed|personnel)",
                      r"in hostile acts"],
    "six-million": [r"\b375,?539\b", r"\bsixteen times\b", r"Displacement Tracking Matrix"],
    "coup-2021-reasons": [r"\breshuffle", r"insecurity[^.\n]{0,80}reasons?|reasons?[^.\n]{0,80}insecurity"],
    "goitta-spelling": [r"\bGoitta\b"],
    "states-department": [r"States Department"],
    "fermenting": [r"\bfoment"],
}


def _lessons_before(lesson_id: str) -> list[str]:
    lessons = [lesson.id for lesson in coursekit.load_course().lessons]
    return lessons[: lessons.index(lesson_id)]


def _units(lesson_id: str) -> list[tuple[str, str]]:
    """(where, text) for every markdown or code cell of the lesson's notebook and every
    question of its bank (the whole question, every field, as YAML text)."""
    units = []
    notebook = NOTEBOOKS / f"{lesson_id}.ipynb"
    if notebook.exists():
        cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
        units += [(f"{notebook.name} cell {i}", "".join(c["source"])) for i, c in enumerate(cells)]
        code = "".join("".join(c["source"]) for c in cells if c["cell_type"] == "code")
        if re.search(r"\.stances\(", code):
            units += _stance_units()
    bank = DATA / "quizzes" / f"{lesson_id}.yaml"
    if bank.exists():
        for q in load_yaml(bank).get("questions") or []:
            units.append((f"{bank.name} question {q.get('id')}", json.dumps(q, ensure_ascii=False, default=str)))
    return units


def _stance_units() -> list[tuple[str, str]]:
    """What ``load_actors().stances()`` shows: each actor's stance and evidence."""
    return [(f"actors.yaml: stance of {a.id}", " ".join([a.stance or "", *map(str, a.evidence)]))
            for a in coursekit.load_actors() if a.stance]


def spoilers(units: list[tuple[str, str]], keys: dict[str, list[str]] = KEYS) -> list[str]:
    """Each place where a text states a finding: "where: claim id: the words found"."""
    found = []
    for where, text in units:
        flat = " ".join(text.split())
        for claim, patterns in keys.items():
            for pattern in patterns:
                for m in re.finditer(pattern, flat, re.IGNORECASE):
                    found.append(f"{where}: {claim}: {m.group(0)!r}")
    return found


def test_every_finding_has_key_phrases():
    findings = {c.id for c in coursekit.load_claims() if not c.checks_out}
    assert findings, "data/claims.yaml lists no finding"
    assert findings == set(KEYS), (f"findings without key phrases: {sorted(findings - set(KEYS))}; "
                                   f"key phrases for no finding: {sorted(set(KEYS) - findings)}")


def test_the_key_phrases_find_the_record_each_claim_gives():
    # A key phrase that matched nothing the record says would protect nothing.
    claims = {c.id: c for c in coursekit.load_claims()}
    for claim, patterns in KEYS.items():
        record = " ".join((claims[claim].record + " " + claims[claim].finding).split())
        assert any(re.search(p, record, re.IGNORECASE) for p in patterns), claim


def test_the_lessons_before_06_come_first_in_the_course():
    before = _lessons_before(FIRST_CHECKING_LESSON)
    assert before[0] == "00_start_here" and "05_consent_and_legitimacy" in before
    assert "07_names_and_framing" not in before and FIRST_CHECKING_LESSON not in before


@pytest.mark.parametrize("lesson", _lessons_before(FIRST_CHECKING_LESSON))
def test_no_lesson_before_06_states_a_finding(lesson):
    units = _units(lesson)
    assert units, f"{lesson}: no notebook and no bank to search"
    found = spoilers(units)
    assert not found, (f"{lesson} gives away what lessons 06 and 07 ask students to find:\n  "
                       + "\n  ".join(found))


@pytest.mark.parametrize("text, claim", [
    ("Mali expelled the spokesman, Olivier Salgado, on 20 July 2022.", "salgado-date"),
    ("Goïta and Putin spoke by phone three days before Diop's demand.", "putin-call-week"),
    ("Mali's partners condemned the Wagner deployment in December 2021.", "wagner-last-year"),
    ("MINUSCA serves the Central African Republic.", "minusca-drc"),
    ("The UN counted 311 of its personnel dead from all causes.", "troops-killed"),
    ("The IOM counted 375,539 displaced people.", "six-million"),
    ("The 2021 coup followed a cabinet reshuffle.", "coup-2021-reasons"),
    ("The article spells his name Goitta.", "goitta-spelling"),
    ("the article calls it \"the States Department\"", "states-department"),
    ("accused Russia of fomenting insecurity", "fermenting"),
])
def test_a_stated_finding_is_caught(text, claim):
    assert any(f": {claim}: " in hit for hit in spoilers([("a cell", text)]))


@pytest.mark.parametrize("text", [
    "Mali suspended the rotation of MINUSMA's troops on 14 July 2022.",
    "Paragraph 17 reports the expulsion of the mission's spokesman; lesson 06 checks its date.",
    "The article quotes Diop twice (¶3, ¶13).",
    "Resolution 2690 was adopted on 30 June 2023, 15-0-0.",
])
def test_what_is_no_finding_passes(text):
    assert spoilers([("a cell", text)]) == []


def test_a_spoiler_written_into_a_lesson_before_06_fails(tmp_path, monkeypatch):
    # A copy of lesson 04 with one finding added to a markdown cell: the check must see it.
    source = NOTEBOOKS / "04_actors_and_interests.ipynb"
    nb = json.loads(source.read_text(encoding="utf-8"))
    nb["cells"].append({"cell_type": "markdown", "metadata": {},
                        "source": ["Salgado was in fact expelled on 20 July 2022."]})
    (tmp_path / "notebooks").mkdir()
    (tmp_path / "notebooks" / source.name).write_text(json.dumps(nb), encoding="utf-8")
    monkeypatch.setattr(sys.modules[__name__], "NOTEBOOKS", tmp_path / "notebooks")
    found = spoilers(_units("04_actors_and_interests"))
    assert any("salgado-date" in hit and "cell" in hit for hit in found)


def test_a_lesson_before_06_that_shows_the_actors_stances_has_them_searched(tmp_path, monkeypatch):
    # The stances' evidence dates the Putin call and the Wagner statement: shown before 06, it
    # would give lesson 06 away, so a lesson that calls stances() is checked against it.
    source = NOTEBOOKS / "04_actors_and_interests.ipynb"
    nb = json.loads(source.read_text(encoding="utf-8"))
    (tmp_path / "notebooks").mkdir()
    monkeypatch.setattr(sys.modules[__name__], "NOTEBOOKS", tmp_path / "notebooks")
    (tmp_path / "notebooks" / source.name).write_text(json.dumps(nb), encoding="utf-8")
    assert not any(w.startswith("actors.yaml") for w, _ in _units("04_actors_and_interests"))
    nb["cells"].append({"cell_type": "code", "metadata": {}, "outputs": [], "execution_count": None,
                        "source": ["actors.stances()"]})
    (tmp_path / "notebooks" / source.name).write_text(json.dumps(nb), encoding="utf-8")
    shown = [text for where, text in _units("04_actors_and_interests") if where == "actors.yaml: stance of goita"]
    assert shown and "Putin" in shown[0]
