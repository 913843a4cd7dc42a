"""The course's glossary (data/glossary.yaml): each term in plain words, its source, and the
lesson that first uses it.

Pure Python: nothing here imports IPython or ipywidgets. What :func:`glossary` returns prints
as plain text (a terminal, a screen reader, nbval) and shows as an HTML definition list in a
notebook, each term with an anchor (``#glossary-veto``) so a lesson can link to it.

>>> print(glossary("veto").terms[0].term)
Veto
>>> print(glossary("vetto"))
“vetto” is not in the glossary (did you mean "Veto"?). See every term with coursekit.glossary().
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from coursekit.course import LESSON_ID
from coursekit.datafiles.paths import data_folder
from coursekit.datafiles.schema import ID_PATTERN, TEXT_SCHEMA, record
from coursekit.datafiles.validate import (check_yaml, list_schema, load_checked, named_items, repeats,
                                          schema_check)
from coursekit.datafiles.yamlfile import LineDict, folded
from coursekit.errors import CourseError, Problem
from coursekit.markup import escape, inline_html
from coursekit.notebook import did_you_mean, suggestion

FILE_NAME = "glossary.yaml"
#: Lesson 00 previews the whole course (and shows the whole glossary), so a term's lesson is
#: the first lesson after it that uses the term.
PREVIEW_LESSON = "00_start_here"
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'"})


@dataclass(frozen=True)
class Term:
    """One glossary entry: the term, other spellings lessons use, a plain definition, where
    it comes from, and the lesson that first uses it."""

    id: str
    term: str
    definition: str
    source: str
    lesson: str
    aliases: tuple[str, ...] = ()
    #: The line it was read from, for messages: where an item stands is not part of its value.
    line: int | None = field(default=None, compare=False)

    @property
    def names(self) -> tuple[str, ...]:
        """The term and its aliases: every spelling that counts as using it."""
        return (self.term, *self.aliases)

    @property
    def anchor(self) -> str:
        """The HTML anchor of the term: ``glossary-veto``."""
        return f"glossary-{self.id}"

    def used_in(self, text: str) -> bool:
        """True if ``text`` uses the term or one of its aliases, as whole words. Acronyms
        written in capitals (``AES``, ``A3``) must be in capitals; other words in any case.

        >>> Term("aes", "Alliance of Sahel States", "-", "-", "04_x", ("AES",)).used_in("the aes")
        False
        >>> Term("veto", "Veto", "-", "-", "03_x").used_in("a VETO, not a vetoed text")
        True
        """
        text = text.translate(_APOSTROPHES)
        return any(_pattern(name).search(text) for name in self.names)

    def __str__(self) -> str:
        also = f" (also: {', '.join(self.aliases)})" if self.aliases else ""
        return (f"{self.term}{also}: {self.definition}\n"
                f"    Source: {self.source}. First used in lesson {self.lesson[:2]}.")

    def _html(self) -> str:
        also = (f" <small>(also: {', '.join(escape(a) for a in self.aliases)})</small>"
                if self.aliases else "")
        return (f"<dt id='{escape(self.anchor)}'><strong>{escape(self.term)}</strong>{also}</dt>"
                f"<dd>{inline_html(self.definition)}<br><small>Source: {escape(self.source)}. "
                f"First used in lesson {escape(self.lesson[:2])}.</small></dd>")


def _pattern(name: str) -> re.Pattern:
    words = re.escape(name.translate(_APOSTROPHES)).replace(r"\ ", r"\s+")
    acronym = name.upper() == name and any(ch.isalpha() for ch in name)
    return re.compile(rf"(?<!\w){words}(?!\w)", 0 if acronym else re.IGNORECASE)


@dataclass(frozen=True)
class Glossary:
    """Terms to show, alphabetical, under a heading; prints as plain text, shows as an HTML
    definition list."""

    terms: tuple[Term, ...]
    heading: str = "Glossary"
    empty: str = "(no terms)"
    note: str = ""

    def __len__(self) -> int:
        return len(self.terms)

    def __iter__(self):
        return iter(self.terms)

    def ids(self) -> list[str]:
        return [t.id for t in self.terms]

    def __str__(self) -> str:
        if not self.terms:
            return f"{self.heading}\n{self.empty}"
        return "\n".join([self.heading, *([self.note] if self.note else []), *(str(t) for t in self.terms)])

    __repr__ = __str__

    def _repr_html_(self) -> str:
        if not self.terms:
            body = f"<p>{escape(self.empty)}</p>"
        else:
            body = f"<dl>{''.join(t._html() for t in self.terms)}</dl>"
        note = f"<p>{escape(self.note)}</p>" if self.note else ""
        return (f"<div class='coursekit-glossary'><p><strong>{escape(self.heading)}</strong></p>"
                f"{note}{body}</div>")


@dataclass(frozen=True)
class GlossaryMessage:
    """A one-line answer instead of terms (an unknown term or lesson): never an exception."""

    text: str

    def __str__(self) -> str:
        return self.text

    __repr__ = __str__

    def _repr_html_(self) -> str:
        return f"<p class='coursekit-glossary-message' role='status'>{escape(self.text)}</p>"


class Terms(list):
    """Every term of data/glossary.yaml, in file order."""

    def get(self, name: str) -> Term | None:
        """The term whose id, name or alias is ``name`` (any case; a plural "s" may be left
        off or added), or ``None``."""
        key = " ".join(str(name).translate(_APOSTROPHES).split()).casefold()
        for candidate in (key, key.rstrip("s"), key + "s"):
            for t in self:
                if candidate in (t.id, *(n.translate(_APOSTROPHES).casefold() for n in t.names)):
                    return t
        return None

    def names(self) -> list[str]:
        return [n for t in self for n in t.names]

    def alphabetical(self) -> tuple[Term, ...]:
        return tuple(sorted(self, key=lambda t: t.term.casefold()))

    def for_lesson(self, lesson: str) -> tuple[Term, ...]:
        """The terms first used in ``lesson``, alphabetical."""
        return tuple(t for t in self.alphabetical() if t.lesson == lesson)


# ---------------------------------------------------------------------------
# Reading and checking the file

#: What data/glossary.yaml must look like (written to data/glossary.schema.json).
SCHEMA = list_schema("data/glossary.yaml: the course's terms, in plain words, with their sources", "terms", record(
    required=["id", "term", "definition", "source", "lesson"],
    properties={
        "id": {"type": "string", "pattern": ID_PATTERN},
        "term": {**TEXT_SCHEMA, "description": "the term as a heading shows it"},
        "aliases": {"type": "array", "minItems": 1, "items": TEXT_SCHEMA,
                    "description": "other spellings the lessons use (plurals, acronyms, short forms)"},
        "definition": {**TEXT_SCHEMA, "description": "one or two sentences in plain words"},
        "source": {**TEXT_SCHEMA, "description": "where the definition and its facts come from"},
        "lesson": {"type": "string", "pattern": LESSON_ID,
                   "description": "the lesson that first uses the term, e.g. 03_security_council"},
    },
))


def _problems(raw: Any, shown: str, lessons: list[str] | None) -> list[Problem]:
    named = named_items(raw, "terms", "term")
    problems = schema_check(raw, SCHEMA, shown, {"terms": "term"}) + repeats(named, "id", shown)
    problems += repeats(named, "term", shown, str.casefold)
    owner: dict[str, str] = {}
    for item, d in named:
        names = [d.get("term")] + list(d.get("aliases") or [])
        for name in names:
            if not isinstance(name, str):
                continue
            key = name.casefold()
            if key in owner and owner[key] != item:
                field = "term" if name is d.get("term") else "aliases"
                problems.append(Problem(shown, d.line_of(field), item, field,
                                        f"{name!r} already names {owner[key]}"))
            owner.setdefault(key, item)
        lesson = d.get("lesson")
        if lessons is not None and isinstance(lesson, str) and re.match(LESSON_ID, lesson) and lesson not in lessons:
            problems.append(Problem(shown, d.line_of("lesson"), item, "lesson",
                                    f"{lesson!r} is not a lesson in data/course.yaml{suggestion(lesson, lessons)}"))
    return problems


def _lessons(data: Path) -> list[str] | None:
    from coursekit.course import load_course

    try:
        return [lesson.id for lesson in load_course(data).lessons]
    except (CourseError, FileNotFoundError):
        return None  # course.yaml's own checker reports it


def check_glossary(data_dir: Path) -> list[Problem]:
    """Every problem in ``glossary.yaml`` of the data folder ``data_dir`` (for ``coursekit validate``)."""
    data = Path(data_dir)
    lessons = _lessons(data)
    return check_yaml(data / FILE_NAME, lambda raw, shown: _problems(raw, shown, lessons))[1]


def _term(d: LineDict) -> Term:
    return Term(id=d["id"], term=d["term"].strip(), definition=folded(d["definition"]),
                source=folded(d["source"]), lesson=d["lesson"],
                aliases=tuple(a.strip() for a in d.get("aliases", ())), line=d.line)


def load_glossary(data_dir: str | Path | None = None) -> Terms:
    """Load ``glossary.yaml`` from the data folder ``data_dir`` (found when ``None``).

    Raises :class:`~coursekit.errors.DataError` naming the file, line, term and field.

    >>> len(load_glossary()) >= 30
    True
    """
    data = data_folder(data_dir)
    lessons = _lessons(data)
    raw = load_checked(data / FILE_NAME, lambda r, shown: _problems(r, shown, lessons))
    return Terms(_term(d) for d in raw["terms"])


# ---------------------------------------------------------------------------
# Where a term is first used


def lesson_texts(notebooks: str | Path | None = None) -> dict[str, str]:
    """The text a student reads in each lesson (its Markdown cells), by lesson id, in the
    lessons' order; ``notebooks`` is the folder of the ``.ipynb`` files (the course's
    ``notebooks/`` when ``None``). Lessons whose notebook is missing are left out."""
    from coursekit.course import load_course

    folder = Path(notebooks) if notebooks is not None else data_folder().resolve().parent / "notebooks"
    texts = {}
    for lesson in load_course().lessons:
        path = folder / lesson.notebook
        if path.is_file():
            cells = json.loads(path.read_text(encoding="utf-8")).get("cells", [])
            texts[lesson.id] = "\n\n".join(
                "".join(c["source"]) if isinstance(c.get("source"), list) else str(c.get("source", ""))
                for c in cells if c.get("cell_type") == "markdown")
    return texts


def first_lesson(term: Term, texts: dict[str, str]) -> str | None:
    """The first lesson (after lesson 00, which previews the course) whose text uses ``term``,
    or ``None``; ``texts`` as :func:`lesson_texts` gives them.

    >>> t = Term("veto", "Veto", "-", "-", "03_security_council", ("vetoes",))
    >>> first_lesson(t, {"00_start_here": "the veto", "01_a": "no", "03_b": "two vetoes", "04_c": "veto"})
    '03_b'
    """
    for lesson, text in texts.items():
        if lesson != PREVIEW_LESSON and term.used_in(text):
            return lesson
    return None


# ---------------------------------------------------------------------------
# The public function


def glossary(term: str | None = None, *, lesson: str | None = None,
             data_dir: str | Path | None = None) -> Glossary | GlossaryMessage:
    """The course's glossary: every term (alphabetical), one term, or the words a lesson
    uses first.

    - ``coursekit.glossary()``: every term, with its definition and source;
    - ``coursekit.glossary("veto")``: one term (its name, an alias or its id, any case);
      an unknown term gives a one-line message with the closest terms;
    - ``coursekit.glossary(lesson="03_security_council")``: "Words used in this lesson".

    >>> print(glossary("Chapter VII").terms[0].id)
    chapter-vii
    >>> glossary(lesson="06_reading_critically").heading
    'Words used in this lesson'
    """
    terms = load_glossary(data_dir)
    if term is not None and str(term).strip():
        found = terms.get(term)
        if found is None:
            close = did_you_mean(term, terms.names())
            hint = (" (did you mean " + " or ".join(f'"{c}"' for c in close) + "?)") if close else ""
            return GlossaryMessage(f"“{str(term).strip()}” is not in the glossary{hint}. "
                                   "See every term with coursekit.glossary().")
        return Glossary((found,), heading=found.term)
    if lesson is not None:
        lessons = _lessons(data_folder(data_dir)) or []
        if lesson not in lessons:
            return GlossaryMessage(f"“{lesson}” is not a lesson of this course{suggestion(lesson, lessons)}; "
                                   f"the lessons are {', '.join(lessons)}.")
        return Glossary(terms.for_lesson(lesson), heading="Words used in this lesson",
                        note=("The terms this lesson uses for the first time. Look up any other "
                              "with coursekit.glossary(\"term\")."),
                        empty="No new terms in this lesson; see every term with coursekit.glossary().")
    return Glossary(terms.alphabetical(), heading=f"Glossary: {len(terms)} terms, A to Z")
