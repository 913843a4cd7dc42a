"""What the LMS exports (GIFT, Moodle XML, QTI for Canvas) share: instructors' text as the
same safe HTML the widgets show, a registry of each type's form per format, numbers written
without exponents, and writing the output file with one-line errors.

>>> html_block("<script>alert(1)</script>")
'<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>'
>>> html_line("[a link](javascript:alert(1))")[:30]
'<a href="#harmful-link" rel="n'
>>> number(15000.0), number(0.1), number(-2.5e-7)
('15000', '0.1', '-0.00000025')
"""
from __future__ import annotations

import importlib
import os
import xml.etree.ElementTree as ET
from decimal import Decimal
from pathlib import Path
from typing import Any, Callable, TypeVar

from coursekit import markup
from coursekit.errors import CourseError
from coursekit.quizzes import questions as qm
from coursekit.quizzes.bank import load_bank

F = TypeVar("F", bound=Callable[..., Any])


def html_block(text: str) -> str:
    """An instructor's Markdown (a prompt, an explanation, a feedback) as the safe HTML the
    widgets show: raw tags escaped, ``javascript:`` links defused, images as their alt text."""
    return markup.to_html(text)


def html_line(text: str) -> str:
    """Like :func:`html_block` for one short line (an option, a matching item): no ``<p>``."""
    return markup.inline_html(text)


def html_plain(text: str) -> str:
    """Plain text (a student's typed answer, a verdict label) as HTML text, nothing parsed."""
    return markup.escape(text)


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
    that writes its questions. A type without one is named when a bank using it is exported.

    >>> forms = Forms("Moodle XML", "moodle_form", "coursekit.quizzes.moodle")
    >>> @forms.register("yes")
    ... def _yes(q):
    ...     return "yes"
    >>> "yes" in forms
    True
    """

    def __init__(self, format_name: str, decorator: str, module: str) -> None:
        self.format_name, self.decorator, self.module = format_name, decorator, module
        self.by_type: dict[str, Callable[..., Any]] = {}

    def register(self, type_name: str) -> Callable[[F], F]:
        def add(form: F) -> F:
            self.by_type[type_name] = form
            return form
        return add

    def __contains__(self, type_name: object) -> bool:
        return type_name in self.by_type

    def __delitem__(self, type_name: str) -> None:
        del self.by_type[type_name]

    def of(self, q: qm.Question) -> Callable[..., Any]:
        """The form of ``q``'s type; :class:`CourseError` saying how to add one if none."""
        try:
            return self.by_type[q.type]
        except KeyError:
            raise CourseError(f'question "{q.id}": question type "{q.type}" has no {self.format_name} form: '
                              f'register one with @{self.decorator}("{q.type}") ({self.module})') from None


def lost_by_question(found: list[tuple[str, str]]) -> list[str]:
    """Warnings from (question id, what it loses) pairs: what one question loses is named with
    it, what several lose is said once with their ids, in the order first met.

    >>> lost_by_question([("a", "hints"), ("b", "hints"), ("b", "rubric")])
    ['hints: a, b', 'question "b": rubric']
    """
    order: dict[str, list[str]] = {}
    for qid, note in found:
        ids = order.setdefault(note, [])
        if qid not in ids:
            ids.append(qid)
    return [f'question "{ids[0]}": {note}' if len(ids) == 1 else f"{note}: {', '.join(ids)}"
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
    """Write ``data`` (text as UTF-8) at ``out_path``; a missing folder, a folder in the way or
    a file that cannot be written is a :class:`CourseError` of one line naming the path."""
    out = Path(out_path)
    if out.is_dir():
        raise CourseError(f"{out}: is a folder; give a file name, e.g. {out / 'quiz.xml'}")
    if out.parent.exists() and not out.parent.is_dir():
        raise CourseError(f"{out}: {out.parent} is not a folder")
    if not out.parent.is_dir():
        raise CourseError(f"{out}: the folder {out.parent} does not exist; create it first")
    try:
        with open(out, "wb") as fh:
            fh.write(data.encode("utf-8") if isinstance(data, str) else data)
    except OSError as exc:
        raise CourseError(f"{out}: cannot be written ({exc.strerror or exc})") from None
    return out


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
