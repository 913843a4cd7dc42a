"""Question models and their grading: pure logic, no IPython, no widgets.

A :class:`Question` reads a student's raw answer (``parse``), grades it
(``grade``) and lists itself as plain text without giving the answer away
(``describe``). :func:`submit` applies the "interactive with multiple tries"
rules to a :class:`QuestionState`: each wrong try reveals the next hint and
costs a penalty, the question finishes when it is right or out of tries.

Each question type is one class, registered with :func:`register` under the name a
bank's ``type`` field gives. The class says everything the rest of the engine needs
about the type: its fields and their JSON Schema (:mod:`coursekit.quizzes.schema`
builds the bank schema from them), how it is built from a bank entry and what a
schema cannot check in one (:mod:`coursekit.quizzes.bank`), and its grading. Its widgets
and its GIFT form are registered under the same name in :mod:`coursekit.quizzes.widgets`
and :mod:`coursekit.quizzes.gift`.

>>> q = NumericQuestion(id="paras", type="numeric", prompt="How many paragraphs?",
...                     answer=25, tolerance=0, explanation="Count them.")
>>> state = QuestionState()
>>> submit(q, state, "25").grade.credit
1.0
>>> state.status
'correct'
"""
from __future__ import annotations

import difflib
import hashlib
import math
import random
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar, NamedTuple

from coursekit.datafiles.schema import ID_PATTERN, TEXT_SCHEMA, record
from coursekit.errors import AnswerError
from coursekit.markup import number

#: Every question type a bank may use, by its ``type`` name, in the order the example
#: bank shows them. Filled by :func:`register`.
QUESTION_TYPES: dict[str, type["Question"]] = {}

#: The names of the registered types (a live view of :data:`QUESTION_TYPES`).
TYPES = QUESTION_TYPES.keys()

#: Fraction of a question's points lost per wrong try when neither the question
#: nor its bank sets ``penalty``.
DEFAULT_PENALTY = 0.25

_EPS = 1e-9

# ---------------------------------------------------------------------------
# Small value types


@dataclass(frozen=True)
class Source:
    """Where a question comes from: an article paragraph, a timeline event or a note."""

    paragraph: int | None = None
    event: str | None = None
    note: str | None = None

    def __str__(self) -> str:
        parts = []
        if self.paragraph is not None:
            parts.append(f"article, paragraph {self.paragraph}")
        if self.event:
            parts.append(f"timeline event {self.event}")
        if self.note:
            parts.append(self.note)
        return "; ".join(parts)


@dataclass(frozen=True)
class Option:
    """One choice of a single or multiple choice question."""

    text: str
    feedback: str = ""


@dataclass(frozen=True)
class Gap:
    """One blank of a cloze text: accepted answers, allowed typos, optional choices."""

    answer: tuple[str, ...]
    fuzzy: int = 0
    options: tuple[str, ...] = ()


@dataclass(frozen=True)
class Grade:
    """The result of grading one answer: credit in [0, 1] and feedback lines (Markdown)."""

    credit: float
    feedback: tuple[str, ...] = ()

    @property
    def correct(self) -> bool:
        return self.credit >= 1 - _EPS


# ---------------------------------------------------------------------------
# Text matching


_PUNCT = re.compile(r"[^\w\s]", re.UNICODE)


def normalise_text(text: str) -> str:
    """Lower case, accents and punctuation removed, spaces collapsed.

    >>> normalise_text("  Goïta ")
    'goita'
    >>> normalise_text("Côte d’Ivoire")
    'cote divoire'
    """
    decomposed = unicodedata.normalize("NFKD", str(text))
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    bare = _PUNCT.sub("", bare.casefold()).replace("_", "")
    return " ".join(bare.split())


def edit_distance(a: str, b: str, limit: int | None = None) -> int:
    """Edit distance between ``a`` and ``b``, counting a swap of two neighbouring
    letters as one typo (optimal string alignment); stops early above ``limit``.

    >>> edit_distance("diop", "dioop"), edit_distance("june", "juen")
    (1, 1)
    """
    if a == b:
        return 0
    if limit is not None and abs(len(a) - len(b)) > limit:
        return limit + 1
    before: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            cost = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb))
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                cost = min(cost, before[j - 2] + 1)
            current.append(cost)
        if limit is not None and min(current) > limit:
            return limit + 1
        before, previous = previous, current
    return previous[-1]


def match_text(given: str, accepted: tuple[str, ...] | list[str], fuzzy: int = 0) -> tuple[bool, str | None]:
    """Whether ``given`` matches one of ``accepted`` (case, accents and
    punctuation ignored; up to ``fuzzy`` typos). Returns (matched, the accepted
    spelling when it was a near miss, else None)."""
    g = normalise_text(given)
    if not g:
        return False, None
    norms = [(normalise_text(a), a) for a in accepted]
    if any(g == n for n, _ in norms):
        return True, None
    if fuzzy > 0:
        for n, original in norms:
            # A typo budget larger than half the word would accept anything.
            budget = min(fuzzy, max(0, len(n) // 3))
            if budget and edit_distance(g, n, budget) <= budget:
                return True, original
    return False, None


def _invisible_removed(text: str) -> str:
    """``text`` without the characters a student cannot see or mean: direction marks and
    other format characters, control characters other than line breaks and tabs, and
    lone surrogates (half of an emoji, from a broken paste).

    >>> _invisible_removed(chr(0x200F) + "25" + chr(0))
    '25'
    """
    return "".join(c for c in text if c in "\n\t" or unicodedata.category(c) not in ("Cf", "Cc", "Cs"))


def _quoted(text: str, width: int = 40) -> str:
    """A student's text as a message quotes it: visible characters only, and short."""
    text = " ".join(_invisible_removed(text).split())
    return text if len(text) <= width else text[: width - 1] + "…"


def parse_number(raw: Any) -> float:
    """Read a number typed by a student; raises :class:`AnswerError` with a helpful message.

    >>> parse_number(" 12.5 ")
    12.5
    >>> parse_number("12,5")
    Traceback (most recent call last):
    ...
    coursekit.errors.AnswerError: "12,5" has a comma: write decimals with a point (12.5) and no thousands separators.
    """
    if isinstance(raw, bool):
        raise AnswerError("Type a number.")
    if isinstance(raw, (int, float)):
        value = float(raw)
    else:
        text = _invisible_removed("" if raw is None else str(raw)).strip()
        if not text:
            raise AnswerError("Type a number first.")
        if "," in text:
            decimal = text.count(",") == 1 and len(text.split(",")[1]) != 3
            fixed = text.replace(",", ".") if decimal else text.replace(",", "")
            raise AnswerError(f'"{_quoted(text)}" has a comma: write decimals with a point '
                              f"({_quoted(fixed)}) and no thousands separators.")
        try:
            value = float(text.replace(" ", "").replace("\u00a0", ""))
        except ValueError:
            raise AnswerError(f'"{_quoted(text)}" is not a number: type digits, e.g. 42 or 3.5.') from None
    if not math.isfinite(value):
        raise AnswerError("Type an ordinary number.")
    return value


# ---------------------------------------------------------------------------
# JSON-Schema pieces the types' fields share (see coursekit.quizzes.schema)

#: A text that is not empty.
TEXT = TEXT_SCHEMA  # a string with something other than spaces in it
#: A list of texts.
TEXTS = {"type": "array", "items": TEXT}
#: A text or a list of texts. One schema, not an anyOf: keywords apply only to their
#: own type (pattern to text, items to lists), so no failing alternative is tried.
ONE_OR_MORE_TEXTS = {"type": ["string", "array"], "pattern": TEXT["pattern"], "items": TEXT, "minItems": 1}
#: Partial credit, for the types that give it.
PARTIAL = {"type": "boolean", "description": "Partial credit (default true)."}


def _texts(value: Any) -> tuple[str, ...]:
    """A bank's "one text or a list of texts" as a tuple."""
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    return tuple(value)


def _twice(values: list, field_name: str, what: str = "") -> list["EntryProblem"]:
    """An :class:`EntryProblem` for each value that repeats an earlier one."""
    return [EntryProblem(field_name, f'{what}"{v}" appears twice', (field_name, i))
            for i, v in enumerate(values) if v in values[:i]]


# ---------------------------------------------------------------------------
# Questions


class EntryProblem(NamedTuple):
    """A mistake in a bank entry that its schema cannot see: the field the message
    names, what is wrong, and the path (into the entry) whose line the message gives."""

    field: str
    message: str
    path: tuple = ()


@dataclass(eq=False)
class Question:
    """What every question has. Subclasses add their own fields and grading.

    ``tries`` and ``penalty`` are the resolved values (question, else bank
    defaults, else hints + 1 and :data:`DEFAULT_PENALTY`). ``drawn`` is true for a
    question the loader drew from the course data (see ``generated_by``). ``inline``
    questions are shown on their own in the lesson's text (``coursekit.ask``) and left
    out of the end-of-lesson quiz; they count in the lesson's score all the same.

    A subclass registered with :func:`register` describes its bank entries with the
    class attributes ``type_name``, ``schema_fields`` (JSON Schema of its own fields,
    each with a description editors show), ``schema_required`` and, for a type a bank
    may ask the loader to draw, ``generated_by``; and with the class methods
    :meth:`fields_from`, :meth:`entry_problems` and :meth:`generate`.
    """

    id: str
    type: str
    prompt: str
    points: float = 1.0
    hints: tuple[str, ...] = ()
    explanation: str = ""
    source: Source | None = None
    tries: int | None = None
    penalty: float | None = None
    shuffle: bool = True
    feedback: dict = field(default_factory=dict)
    inline: bool = False
    #: The lesson objective (an id of data/course.yaml) the question checks.
    objective: str = ""
    bank: str = ""
    file: str = ""
    line: int | None = None
    drawn: bool = False

    #: Graded questions earn points and need an explanation; the others are only saved.
    graded: ClassVar[bool] = True
    shuffles: ClassVar[bool] = False

    #: The name a bank's ``type`` field gives.
    type_name: ClassVar[str] = ""
    #: JSON Schema of the type's own fields, by field name.
    schema_fields: ClassVar[dict[str, dict]] = {}
    #: The type's own fields a bank entry must give (``id``, ``type``, ``prompt`` and,
    #: for a graded type, ``explanation`` are required anyway).
    schema_required: ClassVar[tuple[str, ...]] = ()
    #: A field of ``schema_fields`` that asks the loader to draw the question (see
    #: :meth:`generate`): an entry with it needs no other field but ``id`` and ``type``.
    generated_by: ClassVar[str | None] = None

    # -- built from a bank entry --------------------------------------------------
    @classmethod
    def fields_from(cls, d: dict) -> dict:
        """The type's own constructor arguments, from a bank entry the schema passed."""
        return {}

    @classmethod
    def entry_problems(cls, d: dict) -> list[EntryProblem]:
        """What is wrong in a bank entry the schema passed but cannot fully check
        (an answer that is not one of the options, a gap without its ``[[n]]``...)."""
        return []

    @classmethod
    def generate(cls, d: dict, data_dir: Path | None = None) -> dict:
        """The whole bank entry of a question ``d`` only declares with its
        ``generated_by`` field, drawn from the course data in ``data_dir`` (default:
        the course's data folder); the fields ``d`` writes replace the drawn ones.
        Raises :class:`~coursekit.errors.CourseError` if it cannot be drawn."""
        raise NotImplementedError(f"{cls.__name__} has no generated form")  # pragma: no cover

    @classmethod
    def from_bank(cls, d: dict, *, defaults: dict | None = None, bank: str = "", file: str = "",
                  drawn: bool = False) -> "Question":
        """The question of a bank entry ``d`` that the schema and :meth:`entry_problems`
        passed; ``defaults`` are the bank's (tries, penalty, shuffle); ``drawn`` if
        :meth:`generate` wrote ``d``."""
        defaults = defaults or {}
        return cls(
            id=d["id"], type=cls.type_name, prompt=d["prompt"],
            points=float(d.get("points", 1 if cls.graded else 0)),
            hints=tuple(d.get("hints", ()) or ()),
            explanation=d.get("explanation", ""),
            source=Source(**dict(d["source"])) if d.get("source") else None,
            tries=d.get("tries", defaults.get("tries")),
            penalty=d.get("penalty", defaults.get("penalty")),
            shuffle=bool(d.get("shuffle", defaults.get("shuffle", True))),
            feedback=dict(d.get("feedback", {}) or {}),
            inline=bool(d.get("inline", False)),
            objective=d.get("objective", ""),
            bank=bank, file=file, line=getattr(d, "line", None), drawn=drawn,
            **cls.fields_from(d),
        )

    # -- rules -------------------------------------------------------------
    @property
    def max_tries(self) -> int:
        return self.tries if self.tries is not None else len(self.hints) + 1

    @property
    def penalty_fraction(self) -> float:
        return self.penalty if self.penalty is not None else DEFAULT_PENALTY

    # -- to override -------------------------------------------------------
    def parse(self, raw: Any) -> Any:
        """Turn a raw answer (as a widget or the progress file holds it) into
        the value :meth:`grade` takes; :class:`AnswerError` if it cannot be read."""
        return raw

    def grade(self, value: Any) -> Grade:  # pragma: no cover - abstract
        raise NotImplementedError

    def correct_answer(self) -> Any:
        """A raw answer that earns full credit (for tests and instructors)."""
        raise NotImplementedError  # pragma: no cover

    def choices_text(self) -> list[str]:
        """Plain-text lines listing what a student chooses from, without the answer."""
        return []

    def reveal(self) -> list[tuple[str, str]]:
        """What the student sees once the question is finished (a graded question) or
        saved (the others), never before: (heading, Markdown) sections. The explanation by
        default; a type adds its own (a reflection's model answer, a verdict's record)."""
        return [("Explanation", self.explanation)] if self.explanation else []

    def answer_text(self) -> str:
        """The right answer in words, for a student who has finished the question
        ("" for a question that has none)."""
        return _words(self.correct_answer())

    def given_text(self, answer: Any) -> str:
        """A saved answer in words ("" for none)."""
        return _words(answer)

    def same_answer(self, earlier: Any, raw: Any) -> bool:
        """Whether ``raw`` repeats the ``earlier`` answer already checked (no try is
        counted for it). A type whose answer holds a free text beside what is graded
        compares the graded part only."""
        return _same(earlier, _jsonable(raw))

    # -- shared --------------------------------------------------------------
    def check(self, raw: Any) -> Grade:
        """Parse then grade; raises :class:`AnswerError` for unreadable input."""
        return self.grade(self.parse(raw))

    def _general(self, credit: float) -> tuple[str, ...]:
        key = "correct" if credit >= 1 - _EPS else ("partial" if credit > _EPS else "incorrect")
        text = self.feedback.get(key) or (self.feedback.get("incorrect") if key == "partial" else None)
        return (text,) if text else ()

    def describe(self) -> str:
        """The question as plain text, without its answer (the quiz's text/plain)."""
        pts = "no points" if not self.points else f"{number(self.points)} point{'s' if self.points != 1 else ''}"
        lines = [f"[{self.id}] ({self.type}, {pts}) {_plain(self.prompt)}"]
        lines += [f"    {line}" for line in self.choices_text()]
        return "\n".join(lines)


def register(cls: type[Question]) -> type[Question]:
    """Class decorator: make ``cls`` a question type banks may use, as ``cls.type_name``.

    The type also needs its widgets (:func:`coursekit.quizzes.widgets.widget_adapter`)
    and its GIFT form (:func:`coursekit.quizzes.gift.gift_form`, or ``no_gift_form``).

    >>> @register
    ... @dataclass(eq=False)
    ... class YesQuestion(Question):
    ...     type_name: ClassVar[str] = "yes"
    ...     def grade(self, value):
    ...         return Grade(1.0 if value == "yes" else 0.0)
    >>> "yes" in TYPES
    True
    >>> unregister("yes")
    """
    name = cls.type_name
    if not re.fullmatch(r"[a-z][a-z0-9]*", name or ""):
        raise ValueError(f"{cls.__name__}.type_name should be a lowercase word, not {name!r}")
    if QUESTION_TYPES.get(name, cls) is not cls:
        raise ValueError(f'question type "{name}" is already registered ({QUESTION_TYPES[name].__name__})')
    QUESTION_TYPES[name] = cls
    return cls


def unregister(name: str) -> None:
    """Forget the question type ``name`` (a test that registered its own)."""
    QUESTION_TYPES.pop(name, None)


def _words(value: Any) -> str:
    """An answer (text, number, list, pairs) as one line of words."""
    if value is None:
        return ""
    if isinstance(value, dict):
        return "; ".join(f"{_words(k)} → {_words(v)}" for k, v in value.items())
    if isinstance(value, (list, tuple)):
        return "; ".join(_words(v) for v in value)
    if isinstance(value, float):
        return number(value)
    return _plain(str(value))


def _plain(text: str) -> str:
    return " ".join(str(text).split())


def _seed(*parts: str) -> int:
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big")


def shuffled_indices(n: int, *key: str) -> list[int]:
    """A permutation of ``range(n)`` fixed by ``key`` (student, bank, question):
    the same student sees the same order after every restart.

    >>> shuffled_indices(4, "ana", "01", "q") == shuffled_indices(4, "ana", "01", "q")
    True
    """
    order = list(range(n))
    random.Random(_seed(*key)).shuffle(order)
    return order


#: An option of a single or multiple choice question, in a bank.
OPTION = {
    **record(["text"], {
        "text": {**TEXT, "description": "What the student sees."},
        "feedback": {**TEXT, "description": "Shown when the student picks this option."},
    }, description="An option: its text, or {text, feedback}."),
    "type": ["string", "object"],  # a text alone, or that record
    "minLength": 1,
}


@dataclass(eq=False)
class ChoiceQuestion(Question):
    """What single and multiple choice questions share: options, and answers among them."""

    options: tuple[Option, ...] = ()
    shuffles: ClassVar[bool] = True

    @classmethod
    def fields_from(cls, d: dict) -> dict:
        return {"options": tuple(Option(o) if isinstance(o, str) else Option(o["text"], o.get("feedback", ""))
                                 for o in d["options"])}

    @classmethod
    def entry_problems(cls, d: dict) -> list[EntryProblem]:
        texts = [o if isinstance(o, str) else o["text"] for o in d["options"]]
        out = _twice(texts, "options")
        for a in _texts(d["answer"]):
            if a not in texts:
                close = difflib.get_close_matches(a, texts, n=1)
                tip = f' (did you mean "{close[0]}"?)' if close else ""
                out.append(EntryProblem("answer", f'"{a}" is not one of the options{tip}', ("answer",)))
        return out


@register
@dataclass(eq=False)
class SingleQuestion(ChoiceQuestion):
    """One right option among several. Raw answer: the option's text."""

    answer: str = ""

    type_name: ClassVar[str] = "single"
    schema_fields: ClassVar[dict] = {
        "options": {"type": "array", "items": OPTION, "minItems": 2,
                    "description": "The options, in the order you write them."},
        "answer": {**TEXT, "description": "The text of the right option."},
    }
    schema_required: ClassVar[tuple] = ("options", "answer")

    @classmethod
    def fields_from(cls, d: dict) -> dict:
        return {**super().fields_from(d), "answer": d["answer"]}

    def parse(self, raw: Any) -> str:
        if raw is None or raw == "":
            raise AnswerError("Choose an option first.")
        texts = [o.text for o in self.options]
        if raw not in texts:
            raise AnswerError("That is not one of the options; choose one from the list.")
        return raw

    def grade(self, value: str) -> Grade:
        credit = 1.0 if value == self.answer else 0.0
        option = next(o for o in self.options if o.text == value)
        fb = ((option.feedback,) if option.feedback else ()) + self._general(credit)
        return Grade(credit, fb)

    def correct_answer(self) -> str:
        return self.answer

    def choices_text(self) -> list[str]:
        return [f"( ) {_plain(o.text)}" for o in self.options]


@register
@dataclass(eq=False)
class MultipleQuestion(ChoiceQuestion):
    """Several right options. Raw answer: a list of option texts.

    Partial credit (unless ``partial`` is false): (right ticks - wrong ticks) /
    number of right options, never below 0.
    """

    answer: tuple[str, ...] = ()
    partial: bool = True

    type_name: ClassVar[str] = "multiple"
    schema_fields: ClassVar[dict] = {
        "options": {"type": "array", "items": OPTION, "minItems": 2},
        "answer": {**ONE_OR_MORE_TEXTS, "description": "The texts of the right options."},
        "partial": PARTIAL,
    }
    schema_required: ClassVar[tuple] = ("options", "answer")

    @classmethod
    def fields_from(cls, d: dict) -> dict:
        return {**super().fields_from(d), "answer": _texts(d["answer"]), "partial": d.get("partial", True)}

    @classmethod
    def entry_problems(cls, d: dict) -> list[EntryProblem]:
        out = super().entry_problems(d)
        answers = _texts(d["answer"])
        if len(set(answers)) != len(answers):
            out.append(EntryProblem("answer", "names an option twice", ("answer",)))
        return out

    def parse(self, raw: Any) -> tuple[str, ...]:
        if not raw:
            raise AnswerError("Tick at least one option first.")
        if isinstance(raw, str):
            raw = [raw]
        texts = [o.text for o in self.options]
        unknown = [r for r in raw if r not in texts]
        if unknown:
            raise AnswerError(f'"{unknown[0]}" is not one of the options.')
        return tuple(t for t in texts if t in set(raw))

    def grade(self, value: tuple[str, ...]) -> Grade:
        right = set(self.answer)
        ticked = set(value)
        hits = len(ticked & right)
        misses = len(ticked - right)
        if ticked == right:
            credit = 1.0
        elif self.partial:
            credit = max(0.0, (hits - misses) / len(right))
        else:
            credit = 0.0
        fb = tuple(o.feedback for o in self.options if o.text in ticked and o.feedback)
        return Grade(credit, fb + self._general(credit))

    def correct_answer(self) -> list[str]:
        return list(self.answer)

    def choices_text(self) -> list[str]:
        return [f"[ ] {_plain(o.text)}" for o in self.options]


@register
@dataclass(eq=False)
class TrueFalseQuestion(Question):
    """A statement that is true or false. Raw answer: ``True``/``False`` (or "true"/"false")."""

    answer: bool = True

    type_name: ClassVar[str] = "truefalse"
    schema_fields: ClassVar[dict] = {"answer": {"type": "boolean", "description": "true or false."}}
    schema_required: ClassVar[tuple] = ("answer",)

    @classmethod
    def fields_from(cls, d: dict) -> dict:
        return {"answer": d["answer"]}

    def parse(self, raw: Any) -> bool:
        if isinstance(raw, bool):
            return raw
        if isinstance(raw, str) and raw.strip().lower() in ("true", "false"):
            return raw.strip().lower() == "true"
        raise AnswerError("Choose True or False first.")

    def grade(self, value: bool) -> Grade:
        credit = 1.0 if value == self.answer else 0.0
        return Grade(credit, self._general(credit))

    def correct_answer(self) -> bool:
        return self.answer

    def choices_text(self) -> list[str]:
        return ["( ) True", "( ) False"]


@register
@dataclass(eq=False)
class NumericQuestion(Question):
    """A number, right within ``tolerance``. Raw answer: what the student typed."""

    answer: float = 0.0
    tolerance: float = 0.0
    unit: str = ""

    type_name: ClassVar[str] = "numeric"
    schema_fields: ClassVar[dict] = {
        "answer": {"type": "number", "description": "The right number."},
        "tolerance": {"type": "number", "minimum": 0,
                      "description": "Accepted distance from the answer (default 0)."},
        "unit": {**TEXT, "description": "Shown after the box; say it in the prompt too."},
    }
    schema_required: ClassVar[tuple] = ("answer",)

    @classmethod
    def fields_from(cls, d: dict) -> dict:
        return {"answer": float(d["answer"]), "tolerance": float(d.get("tolerance", 0)), "unit": d.get("unit", "")}

    def parse(self, raw: Any) -> float:
        return parse_number(raw)

    def grade(self, value: float) -> Grade:
        credit = 1.0 if abs(value - self.answer) <= self.tolerance + _EPS * max(1.0, abs(self.answer)) else 0.0
        return Grade(credit, self._general(credit))

    def correct_answer(self) -> str:
        return number(self.answer)

    def answer_text(self) -> str:
        return f"{number(self.answer)} {self.unit}".rstrip()

    def choices_text(self) -> list[str]:
        return [f"Answer: ____ {self.unit}".rstrip()]


#: Typos a text answer accepts.
FUZZY = {"type": "integer", "minimum": 0, "maximum": 3,
         "description": "Typos accepted (0 = exact, ignoring case and accents)."}


@register
@dataclass(eq=False)
class TextQuestion(Question):
    """A short typed answer; case, accents and punctuation are ignored, and up
    to ``fuzzy`` typos are accepted. Raw answer: the text typed."""

    answer: tuple[str, ...] = ()
    fuzzy: int = 0

    type_name: ClassVar[str] = "text"
    schema_fields: ClassVar[dict] = {
        "answer": {**ONE_OR_MORE_TEXTS, "description": "Accepted answers."},
        "fuzzy": FUZZY,
    }
    schema_required: ClassVar[tuple] = ("answer",)

    @classmethod
    def fields_from(cls, d: dict) -> dict:
        return {"answer": _texts(d["answer"]), "fuzzy": int(d.get("fuzzy", 0))}

    def parse(self, raw: Any) -> str:
        text = "" if raw is None else str(raw)
        if not normalise_text(text):
            raise AnswerError("Type an answer first.")
        return text

    def grade(self, value: str) -> Grade:
        ok, near = match_text(value, self.answer, self.fuzzy)
        credit = 1.0 if ok else 0.0
        fb = self._general(credit)
        if near:
            fb = fb + (f"Accepted, but check the spelling: **{near}**.",)
        return Grade(credit, fb)

    def correct_answer(self) -> str:
        return self.answer[0]

    def choices_text(self) -> list[str]:
        return ["Answer: ____"]


#: How a bank asks for an ordering question drawn from the timeline.
FROM_TIMELINE = record(
    ["count"], {
        "count": {"type": "integer", "minimum": 2, "description": "How many events to put in order."},
        "seed": {"type": "integer", "minimum": 0,
                 "description": "Which draw (default 0): another number picks other events."},
    },
    description="Draw the question from data/timeline.csv instead of writing it: `count` events "
                "at least 30 days apart, picked by `seed`. The prompt, items, hint, explanation "
                "(each event's date and source) and source are written for you; a field you "
                "write beside from_timeline replaces the drawn one.",
)


@register
@dataclass(eq=False)
class OrderingQuestion(Question):
    """Put ``items`` (given in the right order) in order. Raw answer: the list of
    item texts in the student's order. Partial credit: share of items in place.

    A bank may write ``from_timeline: {count: 5, seed: 2}`` instead of the items: the
    loader draws the question from the timeline (:meth:`Timeline.ordering_question
    <coursekit.timeline.events.Timeline.ordering_question>`)."""

    items: tuple[str, ...] = ()
    partial: bool = True
    shuffles: ClassVar[bool] = True

    type_name: ClassVar[str] = "ordering"
    schema_fields: ClassVar[dict] = {
        "items": {**TEXTS, "minItems": 2, "description": "The items, in the right order."},
        "partial": PARTIAL,
        "from_timeline": FROM_TIMELINE,
    }
    schema_required: ClassVar[tuple] = ("items",)
    generated_by: ClassVar[str | None] = "from_timeline"

    @classmethod
    def fields_from(cls, d: dict) -> dict:
        return {"items": tuple(d["items"]), "partial": d.get("partial", True)}

    @classmethod
    def entry_problems(cls, d: dict) -> list[EntryProblem]:
        return _twice(list(d["items"]), "items")

    @classmethod
    def generate(cls, d: dict, data_dir: Path | None = None) -> dict:
        from coursekit.timeline.events import load_timeline

        draw = d[cls.generated_by]
        timeline = load_timeline(data_dir)
        drawn = timeline.ordering_question(draw["count"], seed=draw.get("seed", 0), qid=d["id"])
        return {**drawn, **{k: v for k, v in d.items() if k != cls.generated_by}}

    def parse(self, raw: Any) -> tuple[str, ...]:
        raw = list(raw or [])
        if len(raw) != len(self.items) or any(r in (None, "") for r in raw):
            raise AnswerError(f"Place every item: choose one for each of the {len(self.items)} positions.")
        seen = set()
        for r in raw:
            if r not in self.items:
                raise AnswerError(f'"{r}" is not one of the items.')
            if r in seen:
                raise AnswerError(f'"{_plain(r)}" is placed twice: use each item once.')
            seen.add(r)
        return tuple(raw)

    def grade(self, value: tuple[str, ...]) -> Grade:
        in_place = sum(a == b for a, b in zip(value, self.items))
        credit = 1.0 if in_place == len(self.items) else (in_place / len(self.items) if self.partial else 0.0)
        fb = self._general(credit)
        if 0 < credit < 1:
            fb = fb + (f"{in_place} of {len(self.items)} items are in the right place.",)
        return Grade(credit, fb)

    def correct_answer(self) -> list[str]:
        return list(self.items)

    def choices_text(self) -> list[str]:
        # Alphabetical, so the plain text never shows the answer.
        return [f"- {_plain(t)}" for t in sorted(self.items, key=normalise_text)]


@register
@dataclass(eq=False)
class MatchingQuestion(Question):
    """Match each left item to a right item. Raw answer: {left: right}.
    ``distractors`` are extra right items that match nothing."""

    pairs: tuple[tuple[str, str], ...] = ()
    distractors: tuple[str, ...] = ()
    partial: bool = True
    shuffles: ClassVar[bool] = True

    type_name: ClassVar[str] = "matching"
    schema_fields: ClassVar[dict] = {
        "pairs": {
            "type": "array", "minItems": 2,
            "description": "The right pairs: {left, right}.",
            "items": record(["left", "right"], {"left": TEXT, "right": TEXT}),
        },
        "distractors": {**TEXTS, "description": "Extra right-hand choices that match nothing."},
        "partial": PARTIAL,
    }
    schema_required: ClassVar[tuple] = ("pairs",)

    @classmethod
    def fields_from(cls, d: dict) -> dict:
        return {"pairs": tuple((p["left"], p["right"]) for p in d["pairs"]),
                "distractors": tuple(d.get("distractors", ()) or ()), "partial": d.get("partial", True)}

    @classmethod
    def entry_problems(cls, d: dict) -> list[EntryProblem]:
        out = _twice([p["left"] for p in d["pairs"]], "pairs", "left item ")
        rights = {p["right"] for p in d["pairs"]}
        out += [EntryProblem("distractors", f'"{text}" is also a right answer', ("distractors", i))
                for i, text in enumerate(d.get("distractors", []) or []) if text in rights]
        return out

    @property
    def lefts(self) -> list[str]:
        return [left for left, _ in self.pairs]

    @property
    def rights(self) -> list[str]:
        out: list[str] = []
        for r in [r for _, r in self.pairs] + list(self.distractors):
            if r not in out:
                out.append(r)
        return out

    def parse(self, raw: Any) -> dict:
        raw = dict(raw or {})
        rights = self.rights
        for left in self.lefts:
            choice = raw.get(left)
            if choice in (None, ""):
                raise AnswerError(f'Choose a match for "{_plain(left)}".')
            if choice not in rights:
                raise AnswerError(f'"{choice}" is not one of the choices.')
        return {left: raw[left] for left in self.lefts}

    def grade(self, value: dict) -> Grade:
        right = sum(value.get(left) == r for left, r in self.pairs)
        n = len(self.pairs)
        credit = 1.0 if right == n else (right / n if self.partial else 0.0)
        fb = self._general(credit)
        if 0 < credit < 1:
            fb = fb + (f"{right} of {n} matches are right.",)
        return Grade(credit, fb)

    def correct_answer(self) -> dict:
        return dict(self.pairs)

    def choices_text(self) -> list[str]:
        lines = [f"{i}. {_plain(left)} -> ____" for i, left in enumerate(self.lefts, 1)]
        rights = sorted(self.rights, key=normalise_text)
        return lines + ["Choices: " + "; ".join(_plain(r) for r in rights)]


GAP_RE = re.compile(r"\[\[(\d+)\]\]")

#: One gap of a cloze text, in a bank.
GAP = record(
    ["answer"], {
        "answer": {**ONE_OR_MORE_TEXTS, "description": "Accepted answer(s)."},
        "fuzzy": FUZZY,
        "options": {**TEXTS, "minItems": 2,
                    "description": "If given, the gap is a drop-down of these choices."},
    },
    description="One gap of a cloze text: accepted answers, typos allowed, optional choices.",
)


@register
@dataclass(eq=False)
class ClozeQuestion(Question):
    """A text with numbered gaps ``[[1]]``, ``[[2]]``... Raw answer: list of
    strings, one per gap. Partial credit: share of gaps right."""

    text: str = ""
    gaps: tuple[Gap, ...] = ()
    partial: bool = True

    type_name: ClassVar[str] = "cloze"
    schema_fields: ClassVar[dict] = {
        "text": {**TEXT, "description": "The text, with gaps written [[1]], [[2]]..."},
        "gaps": {"type": "array", "items": GAP, "minItems": 1, "description": "Gap n is the n-th item."},
        "partial": PARTIAL,
    }
    schema_required: ClassVar[tuple] = ("text", "gaps")

    @classmethod
    def fields_from(cls, d: dict) -> dict:
        return {"text": d["text"], "partial": d.get("partial", True),
                "gaps": tuple(Gap(_texts(g["answer"]), int(g.get("fuzzy", 0)), tuple(g.get("options", ()) or ()))
                              for g in d["gaps"])}

    @classmethod
    def entry_problems(cls, d: dict) -> list[EntryProblem]:
        out = []
        found = [int(n) for n in GAP_RE.findall(d["text"])]
        n = len(d["gaps"])
        for k in range(1, n + 1):
            if found.count(k) == 0:
                out.append(EntryProblem("text", f"has no gap [[{k}]] but gaps has {n} item(s)", ("text",)))
            elif found.count(k) > 1:
                out.append(EntryProblem("text", f"has gap [[{k}]] more than once", ("text",)))
        for k in sorted(set(found)):
            if not 1 <= k <= n:
                out.append(EntryProblem("text", f"has gap [[{k}]] but gaps has only {n} item(s)", ("text",)))
        for i, gap in enumerate(d["gaps"]):
            for a in _texts(gap["answer"]) if gap.get("options") else ():
                if a not in gap["options"]:
                    out.append(EntryProblem(f"gaps[{i + 1}].answer", f'"{a}" is not one of the gap\'s options',
                                            ("gaps", i, "answer")))
        return out

    def parse(self, raw: Any) -> tuple[str, ...]:
        raw = list(raw or [])
        raw += [""] * (len(self.gaps) - len(raw))
        for i, value in enumerate(raw[: len(self.gaps)], 1):
            if not normalise_text("" if value is None else str(value)):
                raise AnswerError(f"Fill gap {i} first.")
        return tuple(str(v) for v in raw[: len(self.gaps)])

    def grade(self, value: tuple[str, ...]) -> Grade:
        oks = []
        notes = []
        for i, (gap, given) in enumerate(zip(self.gaps, value), 1):
            ok, near = match_text(given, gap.answer, gap.fuzzy)
            oks.append(ok)
            if near:
                notes.append(f"Gap {i} accepted, but check the spelling: **{near}**.")
        right = sum(oks)
        n = len(self.gaps)
        credit = 1.0 if right == n else (right / n if self.partial else 0.0)
        fb = self._general(credit) + tuple(notes)
        if 0 < right < n:
            fb = fb + (f"{right} of {n} gaps are right.",)
        return Grade(credit, fb)

    def correct_answer(self) -> list[str]:
        return [g.answer[0] for g in self.gaps]

    def blanked_text(self) -> str:
        """The text with each gap shown as ``(n) ____``."""
        return GAP_RE.sub(lambda m: f"({m.group(1)}) ____", self.text)

    def choices_text(self) -> list[str]:
        lines = [_plain(self.blanked_text())]
        for i, gap in enumerate(self.gaps, 1):
            if gap.options:
                lines.append(f"Gap {i} choices: " + "; ".join(sorted(gap.options, key=normalise_text)))
        return lines


@register
@dataclass(eq=False)
class ReflectionQuestion(Question):
    """An open written answer: saved and exported, never graded (0 points).

    ``model_answer`` (Markdown) and ``rubric`` (what a good answer does, one criterion per
    item) are shown with the explanation once the student has saved an answer of their own,
    never before: they are not in the question's plain text nor in the quiz's first display.
    Raw answer: the text written.

    >>> q = ReflectionQuestion(id="r", type="reflection", prompt="Why?",
    ...                        model_answer="Because consent.", rubric=("Names consent",))
    >>> [heading for heading, _ in q.reveal()]
    ['A model answer', 'What a good answer does']
    >>> "consent" in q.describe().lower()
    False
    """

    min_words: int = 0
    model_answer: str = ""
    rubric: tuple[str, ...] = ()
    graded: ClassVar[bool] = False

    type_name: ClassVar[str] = "reflection"
    schema_fields: ClassVar[dict] = {
        "points": {"const": 0, "description": "Reflections are not graded: 0 points."},
        "min_words": {"type": "integer", "minimum": 0, "description": "Words the answer needs at least."},
        "model_answer": {**TEXT, "description": "A model answer (Markdown), shown with the explanation "
                                                "once the student has saved their own, never before."},
        "rubric": {**TEXTS, "minItems": 1,
                   "description": "What a good answer does, one criterion per item; shown after "
                                  "the student saves, with the model answer."},
    }

    @classmethod
    def fields_from(cls, d: dict) -> dict:
        return {"min_words": int(d.get("min_words", 0)), "model_answer": d.get("model_answer", ""),
                "rubric": tuple(d.get("rubric", ()) or ())}

    def parse(self, raw: Any) -> str:
        text = "" if raw is None else str(raw)
        words = len(text.split())
        if not words:
            raise AnswerError("Write your answer first.")
        if words < self.min_words:
            raise AnswerError(f"Write at least {self.min_words} words (you have {words}).")
        return text

    def grade(self, value: str) -> Grade:
        return Grade(1.0, self._general(1.0))

    def correct_answer(self) -> str:
        return "My thoughts. " * max(1, self.min_words)

    def choices_text(self) -> list[str]:
        return ["Your answer: ____ (saved, not graded)"]

    def answer_text(self) -> str:
        return ""

    def reveal(self) -> list[tuple[str, str]]:
        out = super().reveal()
        if self.model_answer:
            out.append(("A model answer", self.model_answer))
        if self.rubric:
            out.append(("What a good answer does", "\n".join(f"- {c}" for c in self.rubric)))
        return out


#: How a bank asks for a verdict question drawn from data/claims.yaml.
FROM_CLAIM = {
    **TEXT, "pattern": ID_PATTERN,
    "description": "A claim id in data/claims.yaml: the prompt (the article's words), the verdicts "
                   "to choose from, the right one, the hint (how to check), the record, the finding "
                   "and the source are drawn from it; a field you write beside it replaces the drawn one.",
}


@register
@dataclass(eq=False)
class VerdictQuestion(Question):
    """A verdict on one of the article's claims, with a one-line reason: the student
    chooses what the record shows (one of ``options``) and says why.

    The verdict is graded (full credit for one of ``answer``); the reason is required,
    saved and exported with it, never graded. What the record says (``record``), the
    explanation and the source are shown once the question is finished, never before.
    Raw answer: ``{"verdict": <option>, "why": <text>}``.

    A bank writes ``claim: <claim id>`` and the loader draws the rest from
    data/claims.yaml (:meth:`Claims.verdict_question
    <coursekit.reading.claims.Claims.verdict_question>`).

    >>> q = VerdictQuestion(id="v", type="verdict", prompt="“In August”", options=("wrong date", "checks out"),
    ...                     answer=("wrong date",), record="20 July 2022.", explanation="July.")
    >>> q.check({"verdict": "wrong date", "why": "The record says July"}).credit
    1.0
    >>> q.check({"verdict": "wrong date", "why": ""})
    Traceback (most recent call last):
    ...
    coursekit.errors.AnswerError: Say why in one line: what does the record show?
    """

    claim: str = ""
    options: tuple[str, ...] = ()
    answer: tuple[str, ...] = ()
    record: str = ""
    min_words: int = 3

    type_name: ClassVar[str] = "verdict"
    schema_fields: ClassVar[dict] = {
        "claim": FROM_CLAIM,
        "options": {**TEXTS, "minItems": 2, "description": "The verdicts to choose from, in this order."},
        "answer": {**ONE_OR_MORE_TEXTS, "description": "The right verdict, or every verdict a careful "
                                                       "reader could defend (each gets full credit)."},
        "record": {**TEXT, "description": "What the record says (Markdown): shown with the explanation "
                                          "and the source once the question is finished, never before."},
        "min_words": {"type": "integer", "minimum": 1,
                      "description": "Words the one-line reason needs at least (default 3)."},
    }
    schema_required: ClassVar[tuple] = ("options", "answer")
    generated_by: ClassVar[str | None] = "claim"

    @classmethod
    def fields_from(cls, d: dict) -> dict:
        return {"claim": d.get("claim", ""), "options": tuple(d["options"]), "answer": _texts(d["answer"]),
                "record": d.get("record", ""), "min_words": int(d.get("min_words", 3))}

    @classmethod
    def entry_problems(cls, d: dict) -> list[EntryProblem]:
        out = _twice(list(d["options"]), "options")
        out += [EntryProblem("answer", f'"{a}" is not one of the options', ("answer",))
                for a in _texts(d["answer"]) if a not in d["options"]]
        return out

    @classmethod
    def generate(cls, d: dict, data_dir: Path | None = None) -> dict:
        from coursekit.reading.claims import load_claims

        drawn = load_claims(data_dir).verdict_question(d[cls.generated_by], qid=d["id"])
        return {**drawn, **d}

    def parse(self, raw: Any) -> tuple[str, str]:
        raw = raw if isinstance(raw, dict) else {"verdict": raw}
        verdict, why = raw.get("verdict"), raw.get("why")
        if verdict in (None, ""):
            raise AnswerError("Choose a verdict first.")
        if verdict not in self.options:
            raise AnswerError("That is not one of the verdicts; choose one from the list.")
        why = "" if why is None else str(why)
        words = len(normalise_text(why).split())
        if not words:
            raise AnswerError("Say why in one line: what does the record show?")
        if words < self.min_words:
            raise AnswerError(f"Say why in a few more words (at least {self.min_words}): "
                              "what does the record show?")
        return verdict, why

    def grade(self, value: tuple[str, str]) -> Grade:
        credit = 1.0 if value[0] in self.answer else 0.0
        return Grade(credit, self._general(credit))

    def same_answer(self, earlier: Any, raw: Any) -> bool:
        # Only the verdict is graded: a new reason for the same verdict is not a new try.
        def verdict(answer: Any) -> Any:
            return answer.get("verdict") if isinstance(answer, dict) else answer
        return verdict(earlier) == verdict(raw)

    def correct_answer(self) -> dict:
        return {"verdict": self.answer[0], "why": "The record says otherwise."}

    def answer_text(self) -> str:
        return " or ".join(self.answer)

    def given_text(self, answer: Any) -> str:
        if not isinstance(answer, dict):
            return _words(answer)
        return f"{_words(answer.get('verdict'))}; why: {_words(answer.get('why'))}"

    def choices_text(self) -> list[str]:
        return [f"( ) {_plain(o)}" for o in self.options] + ["Why (one line): ____"]

    def reveal(self) -> list[tuple[str, str]]:
        out = [("The record", self.record)] if self.record else []
        if self.explanation:
            out.append(("What a careful reader concludes", self.explanation))
        return out


# ---------------------------------------------------------------------------
# Tries, hints and scores


#: Status words a summary shows.
STATUSES = ("not answered", "in progress", "correct", "partly correct", "wrong", "answered")


@dataclass
class QuestionState:
    """Where a student stands on one question; saved as a plain dict by progress.

    ``draft`` is what the student has typed since their last Check or Save (kept as they
    type, so nothing is lost if they forget to click), or ``None``. A draft is never an
    answer: it earns nothing, counts no try and leaves ``answered`` false.
    """

    tries: int = 0
    score: float = 0.0
    credit: float = 0.0
    answer: Any = None
    finished: bool = False
    status: str = "not answered"
    feedback: tuple[str, ...] = ()
    draft: Any = None
    #: The try that earned ``score`` when a later one did worse: ``{"answer": ..., "try": n}``
    #: (``None`` when the last try is the best; the gradebook regrades both).
    best: dict | None = None

    @property
    def answered(self) -> bool:
        return self.tries > 0

    def hints_shown(self, question: Question) -> int:
        """How many hints the student has earned (one per wrong try)."""
        wrong = self.tries - (1 if self.finished and self.credit >= 1 - _EPS else 0)
        return max(0, min(len(question.hints), wrong))

    def to_record(self, question: Question) -> dict:
        """A JSON-ready dict for the progress file (``draft`` only when there is one)."""
        record = {
            "answer": self.answer, "tries": self.tries, "score": round(self.score, 6),
            "points": question.points, "credit": round(self.credit, 6),
            "finished": self.finished, "status": self.status, "type": question.type,
            "feedback": list(self.feedback),
        }
        if self.draft is not None:
            record["draft"] = self.draft
        if self.best is not None:
            record["best"] = self.best
        return record

    @classmethod
    def from_record(cls, record: dict | None) -> "QuestionState":
        """Rebuild a state saved by :meth:`to_record`; tolerant of missing keys."""
        if not isinstance(record, dict):
            return cls()
        try:
            return cls(
                tries=int(record.get("tries", 0)), score=float(record.get("score", 0.0)),
                credit=float(record.get("credit", 0.0)), answer=record.get("answer"),
                finished=bool(record.get("finished", False)),
                status=str(record.get("status", "not answered")),
                feedback=tuple(str(f) for f in record.get("feedback", ()) or ()),
                draft=record.get("draft"),
                best=record["best"] if isinstance(record.get("best"), dict) else None,
            )
        except (TypeError, ValueError):
            return cls()


@dataclass(frozen=True)
class Outcome:
    """What one click on Check did. ``counted`` is false when no try was used
    (unreadable input, the same answer again, a finished question)."""

    counted: bool
    message: str
    grade: Grade | None = None
    new_hint: str | None = None


def _same(a: Any, b: Any) -> bool:
    return a == b or (isinstance(a, (list, tuple)) and isinstance(b, (list, tuple)) and list(a) == list(b))


#: What :func:`submit` says of an answer of the wrong shape (a number where a list of gaps is
#: expected, say): it comes from a file or a call, never from the boxes, and counts no try.
UNREADABLE = "This answer is not in a form this question can read; nothing was counted."


#: Deeper than any answer the boxes give (pairs in a list are 3 deep): such an answer is
#: refused before anything walks it, so none can exhaust the recursion of a copy.
MAX_DEPTH = 20


def _too_deep(raw: Any) -> bool:
    """Whether lists and mappings in ``raw`` nest deeper than :data:`MAX_DEPTH` (looked at
    without recursion)."""
    stack = [(raw, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, (list, tuple, dict)):
            if depth > MAX_DEPTH:
                return True
            stack.extend((v, depth + 1) for v in (item.values() if isinstance(item, dict) else item))
    return False


def _read(question: Question, raw: Any) -> tuple[Any, Outcome | None]:
    """``raw`` parsed, or the outcome that says why it cannot be read (no try counted)."""
    if _too_deep(raw):
        return None, Outcome(False, UNREADABLE)
    try:
        return question.parse(raw), None
    except AnswerError as exc:
        return None, Outcome(False, str(exc))
    except (TypeError, ValueError):  # the wrong shape (from a file or a call, not the boxes)
        return None, Outcome(False, UNREADABLE)


#: What :func:`submit` says when it records an answer of a summative bank.
DEFERRED = ("Saved. Your instructor grades this quiz: feedback comes from them. "
            "You can change your answer and save again.")


def submit(question: Question, state: QuestionState, raw: Any, *, summative: bool = False) -> Outcome:
    """Check ``raw`` against ``question`` and update ``state`` in place.

    Never raises for a student's input: problems come back as ``Outcome.message``.
    The score of a try is ``points * max(0, credit - penalty * earlier tries)``;
    the question keeps its best try. In a ``summative`` bank a readable answer is only
    recorded (no grade, no hint, no explanation): the instructor's gradebook grades it.
    """
    if not question.graded:
        value, problem = _read(question, raw)
        if problem:
            return problem
        state.answer = value
        state.draft = None
        state.tries += 1
        state.status = "answered"
        state.credit = 1.0
        state.feedback = question._general(1.0)
        return Outcome(True, "Saved. You can edit your answer and save again.",
                       Grade(1.0, state.feedback))
    if state.finished:
        return Outcome(False, "This question is finished: read the explanation, then go on.")
    value, problem = _read(question, raw)
    if problem:
        return problem
    if summative:
        state.tries += 1
        state.answer = _jsonable(raw)
        state.draft = None
        state.status = "answered"
        return Outcome(True, DEFERRED)
    if state.tries and not state.credit >= 1 - _EPS and question.same_answer(state.answer, raw):
        return Outcome(False, "You already checked this answer: change it, then check again.")
    grade = question.grade(value)
    earlier, last_answer = state.tries, state.answer
    state.tries += 1
    state.answer = _jsonable(raw)
    state.draft = None
    state.credit = grade.credit
    state.feedback = grade.feedback
    try_score = question.points * max(0.0, grade.credit - question.penalty_fraction * earlier)
    if try_score < state.score - _EPS:  # worse than an earlier try, which keeps the score
        state.best = state.best or {"answer": last_answer, "try": earlier}
    else:
        state.best = None
    state.score = min(question.points, max(state.score, try_score))
    left = question.max_tries - state.tries
    if grade.correct or left <= 0:
        state.finished = True
    if grade.correct:
        state.status = "correct"
        message = "✔ Correct."
    elif state.finished:
        state.status = "partly correct" if state.score > _EPS else "wrong"
        message = ("◐ Partly correct." if grade.credit > _EPS else "✘ Not right.") + " No tries left."
    else:
        state.status = "in progress"
        lead = "◐ Partly correct." if grade.credit > _EPS else "✘ Not right."
        message = f"{lead} {left} {'try' if left == 1 else 'tries'} left."
    hint = None
    # Every earlier try was wrong (a right one finishes the question), so this
    # wrong try earns hint number earlier + 1, if there is one.
    if not grade.correct and not state.finished and earlier < len(question.hints):
        hint = question.hints[earlier]
    return Outcome(True, message, grade, hint)


def _jsonable(raw: Any) -> Any:
    if isinstance(raw, tuple):
        return [_jsonable(r) for r in raw]
    if isinstance(raw, list):
        return [_jsonable(r) for r in raw]
    if isinstance(raw, dict):
        return {str(k): _jsonable(v) for k, v in raw.items()}
    return raw


@dataclass(frozen=True)
class Summary:
    """Score and status of every question of a quiz."""

    score: float
    points: float
    answered: int
    total: int
    rows: tuple[tuple[str, str, float, float], ...]  # (id, status, score, points)

    def headline(self) -> str:
        return (f"{self.answered} of {self.total} answered, "
                f"{number(round(self.score, 2))}/{number(self.points)} points")

    def __str__(self) -> str:
        lines = [self.headline()]
        lines += [f"  {qid}: {status} ({number(round(s, 2))}/{number(p)})" for qid, status, s, p in self.rows]
        return "\n".join(lines)


def summarise(questions: list[Question], states: dict[str, QuestionState]) -> Summary:
    """The summary of a quiz from its questions and the states by question id."""
    rows = []
    score = points = 0.0
    answered = 0
    for q in questions:
        st = states.get(q.id) or QuestionState()
        rows.append((q.id, st.status, st.score, q.points))
        score += st.score
        points += q.points
        answered += st.answered
    return Summary(score, points, answered, len(questions), tuple(rows))
