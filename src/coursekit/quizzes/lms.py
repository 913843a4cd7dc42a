"""What the LMS exports (GIFT, Moodle XML, QTI for Canvas) share: a registry of each type's
form per format, the general feedback, numbers written without exponents, warnings grouped
by what is lost, and writing the output file with one-line errors. Instructors' text is
written as the same safe HTML the widgets show (:mod:`coursekit.markup`).

>>> number(15000.0), number(0.1), number(-2.5e-7)
('15000', '0.1', '-0.00000025')
"""
from __future__ import annotations

import importlib
import os
import xml.etree.ElementTree as ET
from decimal import Decimal
from pathlib import Path
from typing import Any, Callable, Sequence, TypeVar

from coursekit import markup
from coursekit.errors import CourseError
from coursekit.quizzes import questions as qm
from coursekit.quizzes.bank import load_bank

F = TypeVar("F", bound=Callable[..., Any])


def number(x: float) -> str:
    """A number as an LMS reads it: no exponent, no trailing zeros."""
    text = format(Decimal(repr(float(x))), "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def percent(fraction: float) -> str:
    """A fraction of the credit (0.5) as the percentage an LMS writes (``50``, ``33.33333``)."""
    return f"{fraction * 100:.5f}".rstrip("0").rstrip(".")


class Forms:
    """The registry of one export format: for each question type, by its name, the function
    that writes its questions, or (for a format that may refuse a type: ``refusal`` names the
    function that says so) the reason its questions are left out. A type with neither is
    named when a bank using it is exported.

    >>> forms = Forms("GIFT", "gift_form", "coursekit.quizzes.gift", refusal="no_gift_form")
    >>> @forms.register("yes")
    ... def _yes(q):
    ...     return "yes"
    >>> forms.refuse("no", "GIFT cannot say no")
    >>> "yes" in forms, "no" in forms, forms.reasons
    (True, True, {'no': 'GIFT cannot say no'})
    """

    def __init__(self, format_name: str, decorator: str, module: str, refusal: str | None = None) -> None:
        self.format_name, self.decorator, self.module, self.refusal = format_name, decorator, module, refusal
        self.by_type: dict[str, Callable[..., Any]] = {}
        self.reasons: dict[str, str] = {}

    def register(self, type_name: str) -> Callable[[F], F]:
        """Function decorator: the function writes the questions of type ``type_name`` in this
        format (it replaces a reason given with :meth:`refuse`). Each format names it after
        itself: ``gift_form``, ``moodle_form``, ``qti_form``."""
        def add(form: F) -> F:
            self.reasons.pop(type_name, None)
            self.by_type[type_name] = form
            return form
        return add

    def refuse(self, type_name: str, reason: str) -> None:
        """Say that the format cannot hold the type ``type_name``, and why."""
        self.by_type.pop(type_name, None)
        self.reasons[type_name] = reason

    def __contains__(self, type_name: object) -> bool:
        return type_name in self.by_type or type_name in self.reasons

    def __delitem__(self, type_name: str) -> None:
        if self.reasons.pop(type_name, None) is None:
            del self.by_type[type_name]

    def of(self, q: qm.Question) -> Callable[..., Any]:
        """The form of ``q``'s type; :class:`CourseError` saying how to add one if none."""
        try:
            return self.by_type[q.type]
        except KeyError:
            or_not = f", or say why not with {self.refusal}" if self.refusal else ""
            raise CourseError(f'question "{q.id}": question type "{q.type}" has no {self.format_name} form: '
                              f'register one with @{self.decorator}("{q.type}"){or_not} ({self.module})') from None


def general_feedback(q: qm.Question) -> str:
    """The explanation and whatever else the lesson reveals once a question is finished, as
    HTML: the explanation alone as it is, several parts each under its heading.

    >>> from coursekit.quizzes.bank import question_from_dict
    >>> general_feedback(question_from_dict({"id": "veto", "type": "truefalse", "answer": True,
    ...     "prompt": "One member can block a resolution.", "explanation": "Article 27."}))
    '<p>Article 27.</p>'
    """
    parts = [(heading, body) for heading, body in q.reveal() if body]
    if len(parts) == 1 and parts[0][0] == "Explanation":
        return markup.to_html(parts[0][1])
    return "\n".join(f"<h4>{markup.escape(heading)}</h4>\n{markup.to_html(body)}" for heading, body in parts)


def lost_by_question(found: Sequence[tuple[str | None, str]]) -> list[str]:
    """Warnings from (question id, what it loses) pairs: what one question loses is named with
    it, what several lose is said once with their ids, in the order first met. A note without
    a question id (None) is a warning as it stands (it names its question itself).

    >>> lost_by_question([("a", "hints"), (None, 'question "c" left out'), ("b", "hints"), ("b", "rubric")])
    ['hints: a, b', 'question "c" left out', 'question "b": rubric']
    """
    order: dict[str, list[str]] = {}
    for qid, note in found:
        ids = order.setdefault(note, [])
        if qid is not None and qid not in ids:
            ids.append(qid)
    return [note if not ids else f'question "{ids[0]}": {note}' if len(ids) == 1 else f"{note}: {', '.join(ids)}"
            for note, ids in order.items()]


def xml_bytes(root: ET.Element) -> bytes:
    """An XML document as UTF-8 bytes, indented, with its declaration. (Serialising to text
    and encoding once is several times quicker than ElementTree's own UTF-8 output.)

    >>> xml_bytes(ET.Element("quiz"))
    b'<?xml version="1.0" encoding="UTF-8"?>\\n<quiz />\\n'
    """
    ET.indent(root)
    return ('<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n").encode("utf-8")


def write_output(out_path: str | os.PathLike, data: bytes | str) -> Path:
    """Write ``data`` (text as UTF-8) at ``out_path`` atomically; a missing folder, a folder,
    FIFO or device in the way or a file that cannot be written is a :class:`CourseError` of
    one line naming the path (:func:`coursekit.progress.store.write_file`)."""
    from coursekit.progress.store import write_file

    return write_file(out_path, data, CourseError)


#: The export formats: name -> (the function that turns a bank into the file's contents and
#: the warnings, as "module:function"; the file suffix).
FORMATS = {
    "gift": ("coursekit.quizzes.gift:bank_to_gift", ".gift"),
    "moodle": ("coursekit.quizzes.moodle:bank_to_moodle", ".xml"),
    "qti": ("coursekit.quizzes.qti:bank_to_qti", ".zip"),
}


def export_bank(bank: str | os.PathLike, fmt: str, out_path: str | os.PathLike | None = None,
                ) -> tuple[Path, list[str]]:
    """Export the bank ``bank`` (a path, or a lesson's bank name) in the format ``fmt`` (one of
    :data:`FORMATS`) to ``out_path`` (default: the bank's path with the format's suffix).
    Returns the path written and the warnings (what the format cannot hold).

    >>> import tempfile, pathlib
    >>> out, warnings = export_bank("01_reading_the_article", "moodle",
    ...                             pathlib.Path(tempfile.mkdtemp()) / "01.xml")
    >>> out.name
    '01.xml'
    """
    if fmt not in FORMATS:
        raise CourseError(f'"{fmt}" is not an export format; choose one of {", ".join(FORMATS)}')
    target, suffix = FORMATS[fmt]
    module, function = target.split(":")
    convert = getattr(importlib.import_module(module), function)
    out = Path(out_path) if out_path is not None else Path(bank).with_suffix(suffix)
    if out.exists() and out.resolve() == Path(bank).resolve():
        raise CourseError(f"{out}: is the bank itself; give another file name")
    data, warnings = convert(load_bank(bank))
    write_output(out, data)
    return out, warnings
