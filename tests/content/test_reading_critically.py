"""Lessons 06 and 07, the claims and the glossary: the corrections made to them cannot come back.

Each test fails if a corrected statement returns: the displacement counts, the paragraph-4
claim about the 2021 coup, who signed the 2021 statement on Wagner, what "over 300" counts,
who called MINUSMA's continuation "untenable", and every glossary term's first lesson.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

import coursekit
from coursekit.datafiles.yamlfile import load_yaml
from coursekit.reading import glossary as gl

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "data"
NOTEBOOKS = ROOT / "notebooks"
LESSON = NOTEBOOKS / "06_reading_critically.ipynb"
BANK = DATA / "quizzes" / "06_reading_critically.yaml"
# Lesson 07 checks the rest of the claims (names, slips, paragraph 4's two coups).
LESSON_07 = NOTEBOOKS / "07_names_and_framing.ipynb"
BANK_07 = DATA / "quizzes" / "07_names_and_framing.yaml"
# The files these lessons' corrections live in.
OWN_FILES = [DATA / "claims.yaml", BANK, BANK_07, DATA / "glossary.yaml", LESSON, LESSON_07,
             NOTEBOOKS / "00_start_here.ipynb"]


def _notebook_text(path: Path) -> str:
    """Everything a notebook shows in text: its cells' sources and their stored text outputs."""
    parts = []
    for cell in json.loads(path.read_text(encoding="utf-8"))["cells"]:
        parts.append("".join(cell["source"]))
        for out in cell.get("outputs", []):
            parts.append("".join(out.get("text", "")))
            parts.append("".join(out.get("data", {}).get("text/plain", "")))
    return "\n".join(parts)


def _text(path: Path) -> str:
    return _notebook_text(path) if path.suffix == ".ipynb" else path.read_text(encoding="utf-8")


def _course_files() -> list[Path]:
    """Every data file, bank and notebook of the course."""
    files = [p for p in DATA.rglob("*") if p.suffix in {".yaml", ".csv", ".md", ".txt"}]
    return sorted(files) + sorted(NOTEBOOKS.glob("*.ipynb"))


def _lesson06_markdown(path: Path = LESSON) -> str:
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    return "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")


def _code_sources(path: Path) -> list[str]:
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    return ["".join(c["source"]) for c in cells if c["cell_type"] == "code"]


# --- the displacement counts (IOM DTM) -------------------------------------------------

# "About 392,000 in April 2023" was the September 2023 count; no DTM round gave 440,000.
WRONG_COUNTS = [
    re.compile(r"392,?000[^.\n]{0,60}April|April[^.\n]{0,30}392,?000", re.IGNORECASE),
    re.compile(r"\b440,?000\b"),
]


@pytest.mark.parametrize("path", _course_files(), ids=lambda p: p.relative_to(ROOT).as_posix())
def test_the_wrong_displacement_counts_never_come_back(path):
    text = _text(path)
    found = [m.group(0) for pattern in WRONG_COUNTS for m in pattern.finditer(text)]
    assert not found, f"{path.name} gives a displacement count no IOM round supports: {found}"


def test_the_april_2023_count_is_375539_and_the_ratio_about_sixteen():
    claim = coursekit.load_claims().get("six-million")
    counts = {c.date: c.value for c in claim.numbers.counts}
    assert counts["2023-04"] == 375_539
    assert counts.get("2022-08") == 422_620 and counts.get("2022-12") == 412_287
    (latest, ratio, _), *_ = coursekit.compare_number("six-million").ratios()
    assert latest.value == 375_539 and round(ratio) == 16
    assert "375,539" in claim.record and "375,539" in claim.finding
    assert "sixteen" in claim.finding and "fifteen" not in claim.finding + claim.record


def test_bank_06_cloze_asks_for_375539_and_sixteen():
    cloze = next(q for q in load_yaml(BANK)["questions"] if q["id"] == "critical-six-million-cloze")
    assert [g["answer"] for g in cloze["gaps"]] == ["375,539", "16"]
    assert "April 2023" in cloze["text"]


def test_lesson_06_uses_the_april_count_and_the_ratio_sixteen():
    text = _lesson06_markdown()
    assert "375,539" in text and "about sixteen" in text
    assert not re.search(r"about fifteen|15\.3", text)


# --- paragraph 4: two coups told as one -----------------------------------------------


def test_the_paragraph_4_claim_sets_the_two_coups_reasons_apart():
    claim = coursekit.load_claims().get("coup-2021-reasons")
    assert claim.paragraph == 4 and claim.kind == "merged-events" and not claim.checks_out
    assert "overthrow a civilian government in 2021" in claim.quote
    for fact in ("18 August 2020", "24 May 2021", "reshuffle", "Sadio Camara", "Modibo Koné",
                 "retired colonel", "transition charter"):
        assert fact in claim.record, fact
    assert set(claim.events) == {"coup-2020", "coup-2021"}
    assert "coursekit" not in claim.how_to_check  # in words: students write no code


def test_the_paragraph_4_claim_has_an_inline_verdict_question_asked_in_lesson_07():
    questions = {q["id"]: q for q in load_yaml(BANK_07)["questions"]}
    q = questions["verdict-coup-2021-reasons"]
    assert (q["type"], q["claim"], q.get("inline")) == ("verdict", "coup-2021-reasons", True)
    calls = [s for s in _code_sources(LESSON_07) if "coursekit.ask(" in s]
    ask = 'coursekit.ask("07_names_and_framing", "verdict-coup-2021-reasons")'
    assert calls.count(ask) == 1
    # among the guided checks: after the mission put in the wrong country, before the slips
    order = [re.search(r'"(verdict-[a-z0-9-]+)"', s).group(1) for s in calls if "verdict-" in s]
    position = order.index("verdict-coup-2021-reasons")
    assert order.index("verdict-minusca-drc") < position < order.index("verdict-goitta-spelling")


@pytest.mark.parametrize("lesson, bank", [(LESSON, BANK), (LESSON_07, BANK_07)], ids=["06", "07"])
def test_every_inline_question_of_the_bank_is_asked_once_in_its_lesson(lesson, bank):
    inline = sorted(q["id"] for q in load_yaml(bank)["questions"] if q.get("inline"))
    asked = sorted(qid for s in _code_sources(lesson)
                   for qid in re.findall(rf'coursekit\.ask\("{lesson.stem}", "([^"]+)"\)', s))
    assert inline and asked == inline


@pytest.mark.parametrize("lesson", [LESSON, LESSON_07], ids=["06", "07"])
def test_lessons_06_and_07_never_show_a_finding_before_the_verdict(lesson):
    # The record and the finding of each claim appear only in the verdict box, after an answer:
    # neither the lesson's text nor its stored outputs may hold them.
    shown = _notebook_text(lesson)
    for claim in coursekit.load_claims():
        assert claim.finding[:80] not in shown, claim.id
        assert claim.record[:80] not in shown, claim.id
    assert not any(re.search(r"\bfindings\(|\bcheck\(", s) for s in _code_sources(lesson))


# --- other records set right ----------------------------------------------------------


def test_wagner_statement_was_published_by_france_and_not_signed_by_the_us():
    record = coursekit.load_claims().get("wagner-last-year").record
    assert "published by France's foreign ministry" in record
    assert "United States did not sign" in record
    assert "December 2021" in record


def test_over_300_is_every_personnel_death_from_all_causes():
    record = coursekit.load_claims().get("troops-killed").record
    assert "309" in record and "311" in record and "180" in record and "all causes" in record


OVERSTATED = [
    re.compile(r"the UN calls (it|MINUSMA)( its)? (the )?deadliest", re.IGNORECASE),
    re.compile(r"France, Germany, the UK, Canada and other partners", re.IGNORECASE),
]


@pytest.mark.parametrize("path", OWN_FILES, ids=lambda p: p.name)
def test_overstated_wording_never_comes_back(path):
    text = _text(path)
    found = [m.group(0) for pattern in OVERSTATED for m in pattern.finditer(text)]
    assert not found, f"{path.name}: {found}"


# "Untenable" was the UAE's explanation of vote (its ambassador then held the presidency),
# not the Council speaking.
UNTENABLE_FOR_THE_COUNCIL = [re.compile(pattern, re.IGNORECASE) for pattern in (
    r"(council'?s president|president of the council|council president|the council)\s+"
    r"(called|calls|said|says|described|judged|found|deemed|declared)\b[^.]{0,80}untenable",
    r"untenable[^.]{0,60}(council'?s president|council president'?s|president of the council|"
    r"the council'?s word|in the council'?s view)",
)]


@pytest.mark.parametrize("wording, wrong", [
    ("the Council's president called the mission \"untenable\"", True),
    ("The Council found the mission untenable without consent.", True),
    ("\"untenable\", in the Council president's word", True),
    ("the UAE's ambassador, whose country then held the Council's presidency, called it \"untenable\"", False),
])
def test_the_untenable_check_tells_the_council_from_the_uae(wording, wrong):
    assert any(p.search(wording) for p in UNTENABLE_FOR_THE_COUNCIL) is wrong


@pytest.mark.parametrize("path", OWN_FILES, ids=lambda p: p.name)
def test_untenable_is_never_put_in_the_councils_mouth(path):
    text = _text(path)
    found = [m.group(0) for pattern in UNTENABLE_FOR_THE_COUNCIL for m in pattern.finditer(text)]
    assert not found, f"{path.name}: {found}"


def test_the_glossary_attributes_untenable_to_the_uae():
    definition = coursekit.glossary("explanation of vote").terms[0].definition
    assert "untenable" in definition and "United Arab Emirates" in definition and "Nusseibeh" in definition
    assert "not for the Council" in definition


def test_lessons_06_and_07_use_the_article_label_for_malis_government_only_in_quotation():
    # The course's own words are "transitional government/president"; "junta" is the article's.
    text = _lesson06_markdown() + _lesson06_markdown(LESSON_07)
    assert not re.search(r"the junta leader'?s", text, re.IGNORECASE)
    for claim in coursekit.load_claims():
        assert not re.search(r"^(Mali's )?(the )?junta\b", claim.says, re.IGNORECASE), claim.id


# --- the glossary ---------------------------------------------------------------------

REQUIRED_TERMS = [
    "mandate", "chapter-vii", "chapter-vi", "consent", "impartiality", "non-use-of-force", "robust-mandate",
    "penholder", "veto", "abstention", "article-27", "substantive-vote", "persona-non-grata", "junta",
    "transitional-government", "afisma", "ecowas", "mnla", "algiers-agreement", "aes",
    "troop-contributing-country", "special-political-mission", "srsg", "protection-of-civilians",
    "sanctions-regime", "a3", "explanation-of-vote", "drawdown", "wagner", "ohchr", "serval-barkhane",
    "coup", "idp",
]


def test_the_glossary_has_at_least_30_terms_including_the_required_ones():
    ids = {t.id for t in gl.load_glossary()}
    assert len(ids) >= 30
    assert not set(REQUIRED_TERMS) - ids


@pytest.mark.parametrize("term", gl.load_glossary(), ids=lambda t: t.id)
def test_each_term_is_first_used_in_its_lesson(term):
    texts = gl.lesson_texts(NOTEBOOKS)
    first = gl.first_lesson(term, texts)
    assert term.used_in(texts[term.lesson]), (
        f"{term.id}: lesson {term.lesson} does not use {' / '.join(term.names)}; "
        f"the first lesson that does is {first}")
    assert first == term.lesson, (
        f"{term.id}: {first} uses {' / '.join(term.names)} before lesson {term.lesson}; set `lesson: {first}`")


def test_the_glossary_facts_match_the_corrected_records():
    terms = {t.id: t for t in gl.load_glossary()}
    assert "375,539" in terms["idp"].definition and "April 2023" in terms["idp"].definition
    assert "published by France" in terms["wagner"].source
    assert "in practice" in terms["consent"].definition  # a principle, not a legal bar


def test_an_unknown_term_gives_a_one_line_message_with_close_matches():
    text = str(coursekit.glossary("penholdr"))
    assert "\n" not in text and "is not in the glossary" in text and '"Penholder"' in text


def test_lesson_00_shows_the_glossary_and_lesson_06_its_new_words():
    assert "coursekit.glossary()" in _code_sources(NOTEBOOKS / "00_start_here.ipynb")
    sources = _code_sources(LESSON)
    position = sources.index('coursekit.glossary(lesson="06_reading_critically")')
    assert position < next(i for i, s in enumerate(sources) if "coursekit.ask(" in s)
