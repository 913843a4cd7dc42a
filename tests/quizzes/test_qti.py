"""QTI 1.2 export for Canvas: a zip with its manifest and the assessment; every bank's package
parses, holds every question, and reads back (with a small reader of Canvas's QTI, below) to
the same questions with the same right answers and points."""
from __future__ import annotations

import io
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest

from coursekit.errors import CourseError
from coursekit.quizzes import questions as qm
from coursekit.quizzes.bank import Bank, bank_files, load_bank, question_from_dict
from coursekit.markup import inline_html
from coursekit.quizzes.qti import QTI_FORMS, bank_to_qti, item_element, question_type

DATA = Path(__file__).resolve().parents[2] / "data"
BANKS = bank_files(DATA)
QTI = "{http://www.imsglobal.org/xsd/ims_qtiasiv1p2}"
CP = "{http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1}"


def _unpack(data: bytes) -> tuple[ET.Element, ET.Element]:
    """(the manifest, the assessment it names) of a package."""
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        manifest = ET.fromstring(z.read("imsmanifest.xml"))
        (resource,) = manifest.iter(f"{CP}resource")
        assert resource.get("type") == "imsqti_xmlv1p2"
        (file,) = resource.iter(f"{CP}file")
        assert sorted(z.namelist()) == sorted(["imsmanifest.xml", file.get("href")])
        return manifest, ET.fromstring(z.read(file.get("href")))


# --- a reader of Canvas's QTI ---------------------------------------------------------------

def _labels(response: ET.Element) -> dict[str, str]:
    return {label.get("ident"): label.findtext(f"{QTI}material/{QTI}mattext") or ""
            for label in response.iter(f"{QTI}response_label")}


def _scoring(item: ET.Element) -> list[ET.Element]:
    return [c for c in item.iter(f"{QTI}respcondition") if c.find(f"{QTI}setvar") is not None]


def _equals(test: ET.Element, negated: bool = False) -> list[tuple[str, str, bool]]:
    """(respident, value, negated) of every varequal under ``test``."""
    if test.tag == f"{QTI}varequal":
        return [(test.get("respident"), test.text or "", negated)]
    out = []
    for child in test:
        out += _equals(child, negated or test.tag == f"{QTI}not")
    return out


def read_item(item: ET.Element):
    """The right answers of an item, in the form its question type gives them."""
    kind = question_type(item)
    responses = [r for r in item.find(f"{QTI}presentation") if r.tag != f"{QTI}material"]
    labels = {}
    for r in responses:
        labels.update(_labels(r))
    scoring = _scoring(item)
    if kind in ("multiple_choice_question", "true_false_question"):
        return sorted(labels[v] for c in scoring if c.findtext(f"{QTI}setvar") == "100"
                      for _, v, _ in _equals(c.find(f"{QTI}conditionvar")))
    if kind == "multiple_answers_question":
        (c,) = scoring
        return sorted(labels[v] for _, v, neg in _equals(c.find(f"{QTI}conditionvar")) if not neg)
    if kind == "short_answer_question":
        (c,) = scoring
        return sorted(v for _, v, _ in _equals(c.find(f"{QTI}conditionvar")))
    if kind == "numerical_question":
        (c,) = scoring
        low = float(c.find(f".//{QTI}vargte").text)
        high = float(c.find(f".//{QTI}varlte").text)
        exact = float(c.find(f".//{QTI}varequal").text)
        return [(exact, (high - low) / 2)]
    if kind in ("matching_question", "fill_in_multiple_blanks_question", "multiple_dropdowns_question"):
        out = []
        for r in responses:
            prompt = r.findtext(f"{QTI}material/{QTI}mattext")
            rights = [labels[v] for c in scoring for rid, v, _ in _equals(c.find(f"{QTI}conditionvar"))
                      if rid == r.get("ident")]
            out.append((prompt, sorted(rights)))
        return out
    if kind == "essay_question":
        return None
    raise AssertionError(kind)


ORDINALS = ["1st", "2nd", "3rd"] + [f"{n}th" for n in range(4, 21)]

CANVAS_TYPE = {"single": "multiple_choice_question", "multiple": "multiple_answers_question",
               "truefalse": "true_false_question", "numeric": "numerical_question",
               "text": "short_answer_question", "ordering": "matching_question", "matching": "matching_question",
               "reflection": "essay_question", "verdict": "multiple_choice_question"}


def expected(q: qm.Question):
    if q.type == "single":
        return [inline_html(q.answer)]
    if q.type in ("multiple", "verdict"):
        return sorted(inline_html(a) for a in q.answer)
    if q.type == "truefalse":
        return ["True" if q.answer else "False"]
    if q.type == "numeric":
        return [(q.answer, q.tolerance)]
    if q.type == "text":
        return sorted(q.answer)
    if q.type == "matching":
        return [(left, [right]) for left, right in q.pairs]
    if q.type == "ordering":
        return [(item, [ORDINALS[n - 1]]) for n, item in enumerate(q.items, 1)]
    if q.type == "cloze":
        return [(f"gap{n}", sorted(g.answer)) for n, g in enumerate(q.gaps, 1)]
    if q.type == "reflection":
        return None
    raise AssertionError(q.type)


@pytest.mark.parametrize("path", BANKS, ids=lambda p: p.stem)
def test_every_bank_reads_back_with_every_question_and_its_right_answers(path):
    bank = load_bank(path)
    data, _ = bank_to_qti(bank)
    manifest, assessment = _unpack(data)
    assert manifest.findtext(".//{http://www.imsglobal.org/xsd/imsmd_v1p2}string") == bank.title
    (section,) = assessment.iter(f"{QTI}section")
    items = section.findall(f"{QTI}item")
    assert [i.get("title") for i in items] == [q.id for q in bank.questions]
    assert len({i.get("ident") for i in items}) == len(items)
    for q, item in zip(bank.questions, items):
        kind = question_type(item)
        if q.type == "cloze":
            assert kind in ("fill_in_multiple_blanks_question", "multiple_dropdowns_question"), q.id
        else:
            assert kind == CANVAS_TYPE[q.type], q.id
        points = [f.findtext(f"{QTI}fieldentry") for f in item.iter(f"{QTI}qtimetadatafield")
                  if f.findtext(f"{QTI}fieldlabel") == "points_possible"]
        assert [float(p) for p in points] == [q.points], q.id
        assert read_item(item) == expected(q), q.id


@pytest.mark.parametrize("path", BANKS, ids=lambda p: p.stem)
def test_scores_add_up_to_full_credit(path):
    # Canvas's SCORE is out of 100: what a right answer adds up to.
    bank = load_bank(path)
    _, assessment = _unpack(bank_to_qti(bank)[0])
    for q, item in zip(bank.questions, assessment.iter(f"{QTI}item")):
        scoring = _scoring(item)
        adds = [float(c.findtext(f"{QTI}setvar")) for c in scoring if c.find(f"{QTI}setvar").get("action") == "Add"]
        sets = [float(c.findtext(f"{QTI}setvar")) for c in scoring if c.find(f"{QTI}setvar").get("action") == "Set"]
        if adds:
            assert sum(adds) == pytest.approx(100), q.id
        elif q.graded:
            assert sets and max(sets) == 100, q.id


def test_a_cloze_with_choices_in_every_gap_is_multiple_dropdowns():
    q = question_from_dict({"id": "c", "type": "cloze", "prompt": "Fill.", "text": "[[1]] and [[2]]",
                            "gaps": [{"answer": "a", "options": ["a", "b"]}, {"answer": "d", "options": ["c", "d"]}],
                            "explanation": "e"})
    data, warnings = bank_to_qti(Bank(id="b", title="B", questions=[q]))
    assert not any("choices" in w for w in warnings)
    (item,) = _unpack(data)[1].iter(f"{QTI}item")
    assert question_type(item) == "multiple_dropdowns_question"
    assert "[gap1] and [gap2]" in item.findtext(f"{QTI}presentation/{QTI}material/{QTI}mattext")
    assert read_item(item) == [("gap1", ["a"]), ("gap2", ["d"])]


def test_what_canvas_cannot_hold_is_said():
    q = question_from_dict({"id": "o", "type": "ordering", "prompt": "Order.", "items": ["a", "b", "c"],
                            "hints": ["First a."], "explanation": "e"})
    _, lost = item_element(q, "b")
    assert "Canvas has no ordering question: each item is matched to its position" in lost
    assert "hints are not exported (Canvas has no hints)" in lost


def test_the_package_is_the_same_for_the_same_bank():
    bank = load_bank(BANKS[0])
    assert bank_to_qti(bank)[0] == bank_to_qti(bank)[0]


def test_every_registered_type_has_a_qti_form_and_a_missing_one_is_named():
    assert all(name in QTI_FORMS for name in qm.TYPES)
    q = question_from_dict({"id": "veto", "type": "truefalse", "prompt": "p", "answer": True, "explanation": "e"})
    form = QTI_FORMS.by_type.pop("truefalse")
    try:
        with pytest.raises(CourseError, match=r'question type "truefalse" has no QTI form: register one '
                                              r'with @qti_form\("truefalse"\)'):
            item_element(q, "b")
    finally:
        QTI_FORMS.by_type["truefalse"] = form
