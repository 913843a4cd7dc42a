"""Lesson 03's corrections stay corrected: who said "untenable", what the Council could do in law
and in practice, absence and abstention at a vote, and the real votes as recorded.

Each test reads what a student reads (the lesson's text, its question bank, the Council's and
the mandates' data files) and fails if a corrected statement comes back.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

import coursekit
from coursekit.datafiles.yamlfile import load_yaml

ROOT = Path(__file__).resolve().parents[2]
LESSON = ROOT / "notebooks" / "03_security_council.ipynb"
BANK = ROOT / "data" / "quizzes" / "03_security_council.yaml"
DATA_FILES = [ROOT / "data" / "council.yaml", ROOT / "data" / "mandates.yaml"]


def _strings(value):
    """Every text inside a loaded YAML value."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from _strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v)


def lesson_markdown() -> str:
    cells = json.loads(LESSON.read_text(encoding="utf-8"))["cells"]
    return "\n\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")


def lesson_outputs() -> str:
    cells = json.loads(LESSON.read_text(encoding="utf-8"))["cells"]
    return "\n".join("".join(o.get("text") or o.get("data", {}).get("text/plain", ""))
                     for c in cells if c["cell_type"] == "code" for o in c.get("outputs", []))


def texts() -> dict[str, str]:
    """What a student reads, by where it comes from: the lesson's text and stored outputs,
    each question of bank 03, and the data files behind the lesson."""
    found = {"lesson 03 text": lesson_markdown(), "lesson 03 outputs": lesson_outputs()}
    for q in load_yaml(BANK)["questions"]:
        found[f"bank 03, {q['id']}"] = "\n".join(_strings(dict(q)))
    for path in DATA_FILES:
        found[path.name] = "\n".join(_strings(load_yaml(path)))
    return found


def sentences(text: str) -> list[str]:
    """Sentences, roughly: split after . ! ? or a line break that ends a paragraph or item."""
    flat = re.sub(r"\s*\n\s*", " ", text.replace("*", ""))  # Markdown emphasis is not a word
    return [s for s in re.split(r"(?<=[.!?])\s+(?=[A-Z\"“*(])|\n\n", flat) if s.strip()]


ALL = texts()


# -- "untenable" was the UAE's explanation of vote, not the Council's voice ------------------


@pytest.mark.parametrize("where", sorted(ALL))
def test_untenable_is_never_the_councils_or_its_presidents_word(where):
    for s in sentences(ALL[where]):
        if "untenable" not in s.lower():
            continue
        assert not re.search(r"\bpresident\b", s, re.I), f"{where}: {s!r}"
        assert not re.search(r"\b(the )?(security )?council\b[^,;]{0,20}\b(called|said|declared|found)\b", s, re.I), (
            f"{where}: {s!r}")


def test_untenable_is_attributed_to_the_uae_in_the_lesson_bank_and_data():
    for where in ("lesson 03 text", "bank 03, sc-consent-cloze", "council.yaml"):
        text = ALL[where]
        assert "untenable" in text
        assert re.search(r"United Arab Emirates|UAE|Nusseibeh", text), where
        assert "explanation of vote" in text, where
    cloze = next(q for q in load_yaml(BANK)["questions"] if q["id"] == "sc-consent-cloze")
    assert cloze["gaps"][1]["answer"] == "United Arab Emirates"
    uae = next(s for s in coursekit.load_council().preset("resolution-2690").statements if "untenable" in s.words)
    assert uae.speaker.startswith("Lana Nusseibeh") and "not for the Council" in uae.speaking_for


# -- Consent: "could not in practice", not "could not" ---------------------------------------


@pytest.mark.parametrize("where", sorted(ALL))
def test_the_council_could_not_keep_minusma_only_in_practice(where):
    for s in sentences(ALL[where]):
        # "could not keep", "cannot have kept", "could the Council not keep"
        for m in re.finditer(r"\b(could|couldn't|cannot|can't)\b(?:\s+\w+){0,4}?(\s+not)?\b(?P<rest>[^.;:?]{0,40}?)"
                             r"\b(keep|kept)\b", s, re.I):
            if re.search(r"\bnot\b|n't|cannot", m.group(0), re.I):
                assert "in practice" in m.group(0).lower(), f"{where}: {s!r}"


def test_the_lesson_says_chapter_vii_allowed_it_in_law_and_why_consent_still_decided():
    text = lesson_markdown()
    assert "## Why the Council could not, in practice, keep MINUSMA" in text
    assert re.search(r"Consent is a \*\*principle\*\*, not a legal bar", text)
    assert re.search(r"\*\*in law\*\* it could have renewed", text)
    why = next(q for q in load_yaml(BANK)["questions"] if q["id"] == "sc-why-not-keep")
    assert "in practice" in why["prompt"]
    wrong = next(o for o in why["options"] if "forbids" in o["text"])
    assert "Chapter VII" in wrong["feedback"] and why["answer"] != wrong["text"]


# -- Abstention is settled; absence is "probably not a veto" --------------------------------


@pytest.mark.parametrize("where", sorted(ALL))
def test_absence_is_never_stated_as_certainly_not_a_veto(where):
    for s in sentences(ALL[where]):
        if re.search(r"\babsen(ce|t)\b", s, re.I) and re.search(r"\bnot a veto\b", s, re.I):
            if re.search(r"\babstention is not a veto\b", s, re.I) and not re.search(r"absence is", s, re.I):
                continue  # the sentence is about abstention
            assert re.search(r"probably|contested", s, re.I), f"{where}: {s!r}"


def test_the_rules_say_absence_is_probably_not_a_veto_and_abstention_is_settled():
    council = coursekit.load_council()
    absent = council.decide({"France": "absent"}).reason
    assert "probably not a veto" in absent and "1950" in absent and "contested" in absent
    text = lesson_markdown()
    assert "Namibia opinion (1971)" in text and "Korea in 1950" in text
    bank = "\n".join(_strings(load_yaml(BANK)))
    assert "Namibia" in bank and "contested" in bank


# -- The real votes, as recorded --------------------------------------------------------------


def test_the_lesson_shows_the_real_votes_computed_beside_their_record():
    out = lesson_outputs()
    for line in ("13–0–2, ✔ adopted", "15–0–0, ✔ adopted", "13–1–1, ✘ not adopted: vetoed by Russia",
                 "1–1–13, ✘ not adopted: 1 vote in favour, 9 needed"):
        assert line in out, line
    assert out.count("(the same as the rules give)") >= 4


def test_2640_does_not_name_the_2023_elected_members():
    # The 2022 Council had other elected members; the course names only the permanent ones.
    council = coursekit.load_council()
    scenario = str(council.scenario("resolution-2640"))
    assert not [m.name for m in council.elected if m.name in scenario.split("What they said:")[0]]
