"""QTI 1.2 export of a question bank for Canvas (Settings > Import course content > "QTI .zip
file"): a zip holding ``imsmanifest.xml`` and the quiz's assessment XML, in Canvas's flavour
(each item names its ``question_type`` and ``points_possible`` in its metadata).

Each type's form is registered under its name with :func:`qti_form`; a type without one is
named when a bank using it is exported. Texts are the same safe HTML the widgets show
(:mod:`coursekit.markup`); plain-text fields are marked ``text/plain``. The forms, and
what Canvas's classic quizzes cannot hold (each a warning):

- single, verdict: ``multiple_choice_question`` (a verdict: every defensible verdict full
  credit; its one-line reason and the lesson's hints are lost); multiple:
  ``multiple_answers_question`` (Canvas's partial credit is the lesson's);
- truefalse, numeric (answer +/- tolerance), text: ``true_false_question``,
  ``numerical_question``, ``short_answer_question``;
- matching: ``matching_question``; ordering: also ``matching_question``, each item matched
  to its position (Canvas has no ordering question; the credit per item in place is the same);
- cloze: ``fill_in_multiple_blanks_question`` (``multiple_dropdowns_question`` when every gap
  has choices; otherwise a gap's choices become typed answers);
- reflection: ``essay_question``, the model answer and rubric in the general feedback.

Canvas has no hints, no penalty per try (tries are a quiz setting) and no all-or-nothing
setting for these types: each is a warning where a bank uses it.

>>> from coursekit.quizzes.bank import question_from_dict
>>> q = question_from_dict({"id": "veto", "type": "truefalse", "prompt": "One member can block it.",
...                         "answer": True, "explanation": "Article 27."})
>>> item, lost = item_element(q, "01")
>>> item.get("ident"), question_type(item)
('01-veto', 'true_false_question')
"""
from __future__ import annotations

import io
import xml.etree.ElementTree as ET
import zipfile
from dataclasses import dataclass, field
from typing import Callable, Sequence

from coursekit.markup import inline_html, to_html
from coursekit.quizzes import questions as qm
from coursekit.quizzes.bank import Bank
from coursekit.quizzes.lms import Forms, general_feedback, lost_by_question, number, xml_bytes

QTI_NS = "http://www.imsglobal.org/xsd/ims_qtiasiv1p2"
CP_NS = "http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1"
MD_NS = "http://www.imsglobal.org/xsd/imsmd_v1p2"


@dataclass
class Item:
    """What a form fills in for one item: its Canvas ``question_type``, the question text (HTML)
    if not the prompt, the ``<presentation>`` responses and the ``<resprocessing>`` conditions
    (built by the form), per-answer feedback by ident, and what the question loses."""

    question_type: str
    presentation: list[ET.Element] = field(default_factory=list)
    conditions: list[ET.Element] = field(default_factory=list)
    feedback: dict[str, str] = field(default_factory=dict)
    text: str | None = None
    lost: tuple[str, ...] = ()


QtiForm = Callable[[qm.Question], Item]

#: How each question type is written in QTI 1.2 for Canvas, by type name.
QTI_FORMS: Forms = Forms("QTI", "qti_form", "coursekit.quizzes.qti")


#: Function decorator: ``@qti_form("single")`` registers the function that writes the
#: questions of that type in QTI (:meth:`~coursekit.quizzes.lms.Forms.register`).
qti_form = QTI_FORMS.register


def _el(tag: str, attrs: dict[str, str] | None = None, text: str | None = None) -> ET.Element:
    # Tags are written without a namespace: the root declares QTI's as the default one.
    el = ET.Element(tag, attrs or {})
    if text is not None:
        el.text = text
    return el


def _sub(parent: ET.Element, tag: str, attrs: dict[str, str] | None = None, text: str | None = None) -> ET.Element:
    el = _el(tag, attrs, text)
    parent.append(el)
    return el


def _material(parent: ET.Element, text: str, html: bool = True) -> ET.Element:
    material = _sub(parent, "material")
    _sub(material, "mattext", {"texttype": "text/html" if html else "text/plain"}, text)
    return material


def _choices(ident: str, rcardinality: str, labels: list[tuple[str, str, bool]], prompt: str | None = None,
             ) -> ET.Element:
    """``<response_lid>`` with a ``<response_label>`` per (ident, text, is HTML)."""
    lid = _el("response_lid", {"ident": ident, "rcardinality": rcardinality})
    if prompt is not None:
        _material(lid, prompt, html=False)
    render = _sub(lid, "render_choice")
    for label_ident, text, html in labels:
        _material(_sub(render, "response_label", {"ident": label_ident}), text, html)
    return lid


def _condition(test: ET.Element, score: float | None, action: str = "Set", feedback: str | None = None,
               go_on: bool = False) -> ET.Element:
    cond = _el("respcondition", {"continue": "Yes" if go_on else "No"})
    var = _sub(cond, "conditionvar")
    var.append(test)
    if score is not None:
        _sub(cond, "setvar", {"action": action, "varname": "SCORE"}, number(score))
    if feedback:
        _sub(cond, "displayfeedback", {"feedbacktype": "Response", "linkrefid": feedback})
    return cond


def _equal(respident: str, value: str) -> ET.Element:
    return _el("varequal", {"respident": respident}, value)


def _all_of(*tests: ET.Element) -> ET.Element:
    both = _el("and")
    both.extend(tests)
    return both


def _any_of(*tests: ET.Element) -> ET.Element:
    either = _el("or")
    either.extend(tests)
    return either


def _not(test: ET.Element) -> ET.Element:
    el = _el("not")
    el.append(test)
    return el


def _typed_box(ident: str = "response1", fibtype: str | None = None) -> ET.Element:
    box = _el("response_str", {"ident": ident, "rcardinality": "Single"})
    render = _sub(box, "render_fib", {"fibtype": fibtype} if fibtype else {})
    _sub(render, "response_label", {"ident": "answer1", "rshuffle": "No"})
    return box


# ---------------------------------------------------------------------------
# The forms


def _choice_labels(q: qm.Question, texts: list[str]) -> list[tuple[str, str, bool]]:
    return [(f"{q.id}-{i}", inline_html(t), True) for i, t in enumerate(texts, 1)]


def _option_feedback(item: Item, labels: list[tuple[str, str, bool]], options: Sequence[qm.Option]) -> None:
    """Each option's own feedback, shown when it is chosen (scoring goes on past it)."""
    for (ident, _, _), o in zip(labels, options):
        if o.feedback:
            item.feedback[f"{ident}_fb"] = inline_html(o.feedback)
            item.conditions.append(_condition(_equal("response1", ident), None, feedback=f"{ident}_fb", go_on=True))


@qti_form("single")
def _single(q: qm.SingleQuestion) -> Item:
    labels = _choice_labels(q, [o.text for o in q.options])
    item = Item("multiple_choice_question", [_choices("response1", "Single", labels)])
    _option_feedback(item, labels, q.options)
    right = labels[[o.text for o in q.options].index(q.answer)][0]
    item.conditions.append(_condition(_equal("response1", right), 100, feedback="correct_fb"))
    return item


@qti_form("multiple")
def _multiple(q: qm.MultipleQuestion) -> Item:
    labels = _choice_labels(q, [o.text for o in q.options])
    item = Item("multiple_answers_question", [_choices("response1", "Multiple", labels)])
    _option_feedback(item, labels, q.options)
    tests = [_equal("response1", ident) if o.text in q.answer else _not(_equal("response1", ident))
             for (ident, _, _), o in zip(labels, q.options)]
    item.conditions.append(_condition(_all_of(*tests), 100, feedback="correct_fb"))
    # Canvas's classic multiple answers: points / right options per right tick, minus as much
    # per wrong tick, never below 0, which is the lesson's partial credit.
    if not q.partial:
        item.lost = ("all-or-nothing grading is not exported (Canvas gives partial credit)",)
    return item


@qti_form("truefalse")
def _truefalse(q: qm.TrueFalseQuestion) -> Item:
    labels = [(f"{q.id}-true", "True", False), (f"{q.id}-false", "False", False)]
    item = Item("true_false_question", [_choices("response1", "Single", labels)])
    right = labels[0][0] if q.answer else labels[1][0]
    item.conditions.append(_condition(_equal("response1", right), 100, feedback="correct_fb"))
    return item


@qti_form("numeric")
def _numeric(q: qm.NumericQuestion) -> Item:
    item = Item("numerical_question", [_typed_box(fibtype="Decimal")])
    exact = _equal("response1", number(q.answer))
    near = _all_of(_el("vargte", {"respident": "response1"}, number(q.answer - q.tolerance)),
                   _el("varlte", {"respident": "response1"}, number(q.answer + q.tolerance)))
    item.conditions.append(_condition(_any_of(exact, near), 100, feedback="correct_fb"))
    if q.unit:
        item.lost = (f'the unit ("{q.unit}") is not shown after the box (say it in the prompt)',)
    return item


@qti_form("text")
def _text(q: qm.TextQuestion) -> Item:
    item = Item("short_answer_question", [_typed_box()])
    item.conditions.append(_condition(_any_of(*[_equal("response1", a) for a in q.answer]), 100,
                                      feedback="correct_fb"))
    if q.fuzzy:
        item.lost = (f"near-miss spelling (fuzzy: {q.fuzzy}) is not exported; Canvas accepts the listed "
                     "answers only",)
    return item


def _matching_item(q: qm.Question, pairs: list[tuple[str, str]], rights: list[str]) -> Item:
    """A ``matching_question``: each left text (plain) with a drop-down of ``rights``."""
    labels = [(f"{q.id}-r{i}", r, False) for i, r in enumerate(rights, 1)]
    ident_of = {text: ident for ident, text, _ in labels}
    item = Item("matching_question")
    share = 100 / len(pairs)
    for i, (left, right) in enumerate(pairs, 1):
        respident = f"response_{q.id}-l{i}"
        item.presentation.append(_choices(respident, "Single", labels, prompt=left))
        item.conditions.append(_condition(_equal(respident, ident_of[right]), share, action="Add", go_on=True))
    return item


def _ordinal(n: int) -> str:
    """>>> [_ordinal(n) for n in (1, 2, 3, 4, 11, 12, 13, 21, 22)]
    ['1st', '2nd', '3rd', '4th', '11th', '12th', '13th', '21st', '22nd']
    """
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


@qti_form("matching")
def _matching(q: qm.MatchingQuestion) -> Item:
    item = _matching_item(q, list(q.pairs), q.rights)
    if not q.partial:
        item.lost = ("all-or-nothing grading is not exported (Canvas gives partial credit)",)
    return item


@qti_form("ordering")
def _ordering(q: qm.OrderingQuestion) -> Item:
    positions = [_ordinal(i) for i in range(1, len(q.items) + 1)]
    item = _matching_item(q, list(zip(q.items, positions)), positions)
    item.lost = ("Canvas has no ordering question: each item is matched to its position",)
    if not q.partial:
        item.lost += ("all-or-nothing grading is not exported (Canvas gives partial credit)",)
    return item


@qti_form("cloze")
def _cloze(q: qm.ClozeQuestion) -> Item:
    dropdowns = all(g.options for g in q.gaps)
    item = Item("multiple_dropdowns_question" if dropdowns else "fill_in_multiple_blanks_question")
    item.text = to_html(q.prompt) + "\n" + qm.GAP_RE.sub(lambda m: f"[gap{m.group(1)}]", to_html(q.text))
    share = 100 / len(q.gaps)
    for n, gap in enumerate(q.gaps, 1):
        shown = gap.options if dropdowns else gap.answer
        labels = [(f"{q.id}-g{n}-{i}", text, False) for i, text in enumerate(shown, 1)]
        respident = f"response_gap{n}"
        item.presentation.append(_choices(respident, "Single", labels, prompt=f"gap{n}"))
        rights = [ident for ident, text, _ in labels if text in gap.answer]
        item.conditions.append(_condition(_any_of(*[_equal(respident, r) for r in rights]), share,
                                          action="Add", go_on=True))
    lost = []
    if not dropdowns and any(g.options for g in q.gaps):
        lost.append("a gap's choices become typed answers (Canvas cannot mix drop-downs and blanks)")
    if not q.partial:
        lost.append("all-or-nothing grading is not exported (Canvas gives partial credit)")
    if any(g.fuzzy for g in q.gaps):
        lost.append("near-miss spelling in gaps is not exported; Canvas accepts the listed answers only")
    item.lost = tuple(lost)
    return item


@qti_form("reflection")
def _reflection(q: qm.ReflectionQuestion) -> Item:
    item = Item("essay_question", [_typed_box()])
    item.conditions.append(_condition(_el("other"), None))
    if q.min_words:
        item.lost = (f"the minimum of {q.min_words} words is not checked (Canvas has no word limit)",)
    return item


@qti_form("verdict")
def _verdict(q: qm.VerdictQuestion) -> Item:
    labels = _choice_labels(q, list(q.options))
    item = Item("multiple_choice_question", [_choices("response1", "Single", labels)])
    for (ident, _, _), option in zip(labels, q.options):
        if option in q.answer:
            item.conditions.append(_condition(_equal("response1", ident), 100, feedback="correct_fb"))
    item.lost = ("the one-line reasons are not asked (a Canvas multiple choice has no text box); the record is "
                 "in the general feedback",)
    return item


# ---------------------------------------------------------------------------
# Items, the assessment and the package


def _metadata(parent: ET.Element, fields: dict[str, str]) -> None:
    meta = _sub(parent, "qtimetadata")
    for label, entry in fields.items():
        f = _sub(meta, "qtimetadatafield")
        _sub(f, "fieldlabel", text=label)
        _sub(f, "fieldentry", text=entry)


def question_type(item: ET.Element) -> str:
    """The Canvas ``question_type`` an item's metadata names."""
    fields = [f for f in item.iter() if f.tag.rpartition("}")[2] == "qtimetadatafield"]
    for f in fields:
        label, entry = list(f)[:2]
        if label.text == "question_type":
            return entry.text or ""
    return ""


def item_element(q: qm.Question, bank_id: str) -> tuple[ET.Element, tuple[str, ...]]:
    """One question as a QTI ``<item>`` (ident ``<bank>-<question>``), and what it loses."""
    form = QTI_FORMS.of(q)
    built = form(q)
    item = _el("item", {"ident": f"{bank_id}-{q.id}", "title": q.id})
    _metadata(_sub(item, "itemmetadata"), {"question_type": built.question_type,
                                           "points_possible": number(q.points)})
    presentation = _sub(item, "presentation")
    _material(presentation, built.text if built.text is not None else to_html(q.prompt))
    presentation.extend(built.presentation)
    processing = _sub(item, "resprocessing")
    outcomes = _sub(processing, "outcomes")
    _sub(outcomes, "decvar", {"maxvalue": "100", "minvalue": "0", "varname": "SCORE", "vartype": "Decimal"})
    general = general_feedback(q)
    fb = q.feedback
    feedback = {"general_fb": general, "correct_fb": to_html(fb.get("correct", "")),
                "general_incorrect_fb": to_html(fb.get("incorrect", "")), **built.feedback}
    if general:
        processing.append(_condition(_el("other"), None, feedback="general_fb", go_on=True))
    processing.extend(built.conditions)
    if feedback["general_incorrect_fb"]:
        processing.append(_condition(_el("other"), None, feedback="general_incorrect_fb"))
    for ident, text in feedback.items():
        if text:
            flow = _sub(_sub(item, "itemfeedback", {"ident": ident}), "flow_mat")
            _material(flow, text)
    lost = built.lost
    if q.hints and q.graded:
        lost += ("hints are not exported (Canvas has no hints)",)
    if fb.get("partial") and fb.get("partial") != fb.get("incorrect"):
        lost += ("the feedback for a partly right answer is not exported (Canvas has right and wrong only)",)
    if q.graded and (q.max_tries > 1 or q.penalty_fraction):
        lost += ("tries and the penalty per try are not exported (set attempts on the Canvas quiz)",)
    return item, lost


def assessment_xml(bank: Bank) -> tuple[bytes, list[str]]:
    """The QTI 1.2 assessment of a bank (UTF-8 bytes) and the warnings."""
    root = _el("questestinterop", {"xmlns": QTI_NS})
    assessment = _sub(root, "assessment", {"ident": bank.id, "title": bank.title})
    _metadata(assessment, {"cc_maxattempts": "1"})
    section = _sub(assessment, "section", {"ident": "root_section"})
    found: list[tuple[str, str]] = []
    for q in bank.questions:
        item, lost = item_element(q, bank.id)
        section.append(item)
        found += [(q.id, note) for note in lost]
    return xml_bytes(root), lost_by_question(found)


def manifest_xml(bank: Bank) -> bytes:
    """The package's ``imsmanifest.xml``: one QTI resource, the assessment file."""
    manifest = ET.Element("manifest", {"identifier": f"{bank.id}-manifest", "xmlns": CP_NS, "xmlns:imsmd": MD_NS})
    metadata = ET.SubElement(manifest, "metadata")
    ET.SubElement(metadata, "schema").text = "IMS Content"
    ET.SubElement(metadata, "schemaversion").text = "1.1.3"
    title = ET.SubElement(metadata, "imsmd:lom")
    for tag in ("imsmd:general", "imsmd:title", "imsmd:string"):
        title = ET.SubElement(title, tag)
    title.text = bank.title
    ET.SubElement(manifest, "organizations")
    resource = ET.SubElement(ET.SubElement(manifest, "resources"), "resource",
                             {"identifier": bank.id, "type": "imsqti_xmlv1p2", "href": assessment_path(bank)})
    ET.SubElement(resource, "file", {"href": assessment_path(bank)})
    return xml_bytes(manifest)


def assessment_path(bank: Bank) -> str:
    """Where the assessment sits in the package: ``<bank>/<bank>.xml``, as Canvas writes it."""
    return f"{bank.id}/{bank.id}.xml"


def bank_to_qti(bank: Bank) -> tuple[bytes, list[str]]:
    """The QTI package (zip bytes) of a bank and the warnings."""
    assessment, warnings = assessment_xml(bank)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        # A fixed date: the same bank gives the same package.
        for name, data in (("imsmanifest.xml", manifest_xml(bank)), (assessment_path(bank), assessment)):
            z.writestr(zipfile.ZipInfo(name, date_time=(2024, 1, 1, 0, 0, 0)), data, zipfile.ZIP_DEFLATED)
    return buffer.getvalue(), warnings
