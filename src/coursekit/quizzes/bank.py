"""Question banks: loading the YAML files of data/quizzes/, checking them, building questions.

Every problem is a :class:`~coursekit.errors.Problem` naming the file, the line,
the question and the field, e.g.::

    data/quizzes/01_reading_the_article.yaml:40: question "who-spoke": answer: "Diopp" is not one of the options

>>> from coursekit.quizzes.bank import load_bank
>>> bank = load_bank("01_reading_the_article")
>>> bank.id
'01_reading_the_article'
"""
from __future__ import annotations

import contextlib
import difflib
import gc
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable


from coursekit.quizzes import questions as qm
from coursekit.datafiles.yamlfile import display_path, load_yaml
from coursekit.errors import DataError, DataNotFoundError, Problem
from coursekit.quizzes.schema import ALL_FIELDS, SCHEMA_FILE, bank_schema, question_schema, schema_json

QUIZ_FOLDER = "quizzes"
SCHEMA_COMMENT = "# yaml-language-server: $schema=../quiz.schema.json"


@dataclass
class Bank:
    """One lesson's questions, as loaded from ``data/quizzes/<id>.yaml``."""

    id: str
    title: str
    questions: list[qm.Question]
    description: str = ""
    defaults: dict = field(default_factory=dict)
    path: Path | None = None

    @property
    def points(self) -> float:
        return sum(q.points for q in self.questions)

    def question(self, qid: str) -> qm.Question:
        """The question with id ``qid`` (KeyError naming the bank otherwise)."""
        for q in self.questions:
            if q.id == qid:
                return q
        raise KeyError(f'bank {self.id} has no question "{qid}"')

    def __str__(self) -> str:
        return f"{self.title} ({self.id}): {len(self.questions)} questions, {self.points:g} points"

    __repr__ = __str__


# ---------------------------------------------------------------------------
# Schema validators, compiled once

# jsonschema writes the messages but takes seconds to import (its optional format
# checkers), so it is imported only when a bank has a mistake. Every question is first
# checked by fastjsonschema, which compiles each schema to Python once (a few ms) and
# checks a question some 20 times faster (5,000 questions: 1.1 s -> 0.3 s).
_SCHEMAS: dict[str | None, dict] = {}
_VALIDATORS: dict[str | None, Any] = {}
_FAST: dict[str | None, Any] = {}


def _schema(qtype: str | None) -> dict:
    if qtype not in _SCHEMAS:
        if qtype is None:
            schema = question_schema()
            schema.pop("allOf")
        elif qtype == "__bank__":
            schema = bank_schema(questions={})  # each question is checked on its own
        else:
            schema = question_schema(qtype)
        _SCHEMAS[qtype] = schema
    return _SCHEMAS[qtype]


def _validator(qtype: str | None):
    """The jsonschema validator, for the messages of what the fast check rejected."""
    if qtype not in _VALIDATORS:
        from jsonschema import Draft7Validator

        _VALIDATORS[qtype] = Draft7Validator(_schema(qtype))
    return _VALIDATORS[qtype]


def _passes_fast(qtype: str | None, d: Any) -> bool:
    """True if ``d`` is valid for the schema (fastjsonschema); False means "ask
    jsonschema for the messages", never "valid"."""
    import fastjsonschema

    if qtype not in _FAST:
        _FAST[qtype] = fastjsonschema.compile(_schema(qtype))
    try:
        _FAST[qtype](d)
    except fastjsonschema.JsonSchemaException:
        return False
    return True


def _kind(value: Any) -> str:
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


_EXPECTED = {"string": "text", "number": "a number", "integer": "a whole number",
             "boolean": "true or false", "array": "a list", "object": "a mapping (key: value lines)"}


def _short(value: Any) -> str:
    text = repr(value) if not isinstance(value, str) else f'"{value}"'
    return text if len(text) <= 60 else text[:57] + "..."


def _line_at(root: Any, path: Iterable) -> int | None:
    """The line of the item at ``path`` in data loaded by load_yaml (None for plain data)."""
    node = root
    line = getattr(root, "line", None)
    for step in path:
        if isinstance(node, dict) and step in node:
            line = node.line_of(step) if hasattr(node, "line_of") else line
            node = node[step]
        elif isinstance(node, list) and isinstance(step, int) and step < len(node):
            lines = getattr(node, "item_lines", None)
            line = lines[step] if lines else line
            node = node[step]
        else:
            break
        inner = getattr(node, "line", None)
        if inner is not None and not isinstance(node, dict):
            line = line or inner
    return line


def _field_name(path: list) -> str | None:
    parts: list[str] = []
    for step in path:
        if isinstance(step, int):
            parts.append(f"[{step + 1}]")
        else:
            parts.append(("." if parts else "") + str(step))
    return "".join(parts) or None


def _message(error) -> tuple[list, str]:
    """(path of the field, friendly message) for a jsonschema error."""
    path = list(error.absolute_path)
    v, inst, schema = error.validator, error.instance, error.schema
    if v == "required":
        missing = [r for r in error.validator_value if not (isinstance(inst, dict) and r in inst)]
        name = missing[0] if missing else "?"
        what = "is missing"
        if isinstance(inst, dict) and inst.get("type") in qm.TYPES and name != "prompt":
            what += f" (a {inst['type']} question needs it)"
        return path + [name], what
    if v == "additionalProperties":
        allowed = list(schema.get("properties", {}))
        extras = [k for k in inst if k not in allowed] if isinstance(inst, dict) else []
        name = str(extras[0]) if extras else "?"
        close = difflib.get_close_matches(name, allowed, n=1)
        hint = f"; did you mean {close[0]}?" if close else f"; known fields: {', '.join(allowed)}"
        return path + [name], "is not a known field" + hint
    if v == "enum":
        choices = ", ".join(str(c) for c in error.validator_value)
        if path and path[-1] == "type":
            return path, f"unknown type {_short(inst)}; use one of: {choices}"
        return path, f"{_short(inst)} is not one of: {choices}"
    if v == "type":
        expected = error.validator_value
        expected = [expected] if isinstance(expected, str) else expected
        words = " or ".join(_EXPECTED.get(e, e) for e in expected)
        return path, f"should be {words}, not {_kind(inst)}"
    if v in ("minimum", "exclusiveMinimum"):
        return path, f"must be at least {error.validator_value} (it is {inst})"
    if v in ("maximum", "exclusiveMaximum"):
        return path, f"must be at most {error.validator_value} (it is {inst})"
    if v == "minItems":
        n = error.validator_value
        has = len(inst) if isinstance(inst, list) else 0
        return path, f"needs at least {n} item{'s' if n != 1 else ''} (it has {has})"
    if v == "minLength":
        return path, "is empty"
    if v == "minProperties":
        return path, "is empty"
    if v == "pattern":
        if path and path[-1] == "id":
            return path, f"{_short(inst)} is not a valid id: use lowercase letters, digits and hyphens"
        if path and path[-1] == "bank":
            return path, f"{_short(inst)} is not a valid bank name: use the file's name"
        return path, f"{_short(inst)} does not match {error.validator_value}"
    if v == "const":
        return path, f"must be {error.validator_value!r} (it is {_short(inst)})"
    if v in ("anyOf", "oneOf"):
        # Say what is wrong inside the closest alternative, not just "no match".
        context = list(error.context or ())
        deeper = [e for e in context if len(e.absolute_path) > len(path)]
        if deeper:
            from jsonschema.exceptions import best_match

            return _message(best_match(deeper))
        others = [e for e in context if e.validator != "type"]
        if others:
            return _message(others[0])
        if context:
            expected: list[str] = []
            for e in context:
                for t in [e.validator_value] if isinstance(e.validator_value, str) else e.validator_value:
                    word = _EXPECTED.get(t, t)
                    if word not in expected:
                        expected.append(word)
            return path, f"should be {' or '.join(expected)}, not {_kind(inst)}"
        desc = schema.get("description") or "see data/quizzes/_example.yaml"
        return path, f"{_short(inst)} is not valid here: {desc}"
    return path, error.message


# ---------------------------------------------------------------------------
# Building questions


def _texts(value: Any) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    return tuple(value)


def _options(raw: list) -> tuple[qm.Option, ...]:
    out = []
    for item in raw:
        if isinstance(item, str):
            out.append(qm.Option(item))
        else:
            out.append(qm.Option(item["text"], item.get("feedback", "")))
    return tuple(out)


def _semantic(d: dict, at) -> list[tuple[str, str, Any]]:
    """Checks a schema cannot make: (field, message, path-for-line)."""
    out = []
    t = d["type"]
    if t in ("single", "multiple"):
        texts = [o if isinstance(o, str) else o["text"] for o in d["options"]]
        for i, text in enumerate(texts):
            if text in texts[:i]:
                out.append(("options", f'"{text}" appears twice', ["options", i]))
        answers = _texts(d["answer"])
        for a in answers:
            if a not in texts:
                close = difflib.get_close_matches(a, texts, n=1)
                tip = f' (did you mean "{close[0]}"?)' if close else ""
                out.append(("answer", f'"{a}" is not one of the options{tip}', ["answer"]))
        if t == "multiple" and len(set(answers)) != len(answers):
            out.append(("answer", "names an option twice", ["answer"]))
    elif t == "ordering":
        items = list(d["items"])
        for i, text in enumerate(items):
            if text in items[:i]:
                out.append(("items", f'"{text}" appears twice', ["items", i]))
    elif t == "matching":
        lefts = [p["left"] for p in d["pairs"]]
        for i, text in enumerate(lefts):
            if text in lefts[:i]:
                out.append(("pairs", f'left item "{text}" appears twice', ["pairs", i]))
        rights = {p["right"] for p in d["pairs"]}
        for i, text in enumerate(d.get("distractors", []) or []):
            if text in rights:
                out.append(("distractors", f'"{text}" is also a right answer', ["distractors", i]))
    elif t == "cloze":
        found = [int(n) for n in qm.GAP_RE.findall(d["text"])]
        n = len(d["gaps"])
        for k in range(1, n + 1):
            if found.count(k) == 0:
                out.append(("text", f"has no gap [[{k}]] but gaps has {n} item(s)", ["text"]))
            elif found.count(k) > 1:
                out.append(("text", f"has gap [[{k}]] more than once", ["text"]))
        for k in sorted(set(found)):
            if not 1 <= k <= n:
                out.append(("text", f"has gap [[{k}]] but gaps has only {n} item(s)", ["text"]))
        for i, gap in enumerate(d["gaps"]):
            opts = gap.get("options")
            if opts:
                for a in _texts(gap["answer"]):
                    if a not in opts:
                        out.append((f"gaps[{i + 1}].answer", f'"{a}" is not one of the gap\'s options',
                                    ["gaps", i, "answer"]))
    elif t == "numeric" and "unit" not in d:
        pass  # a unitless number (a count) is fine
    return out


def _build(d: dict, defaults: dict, bank: str, file: str) -> qm.Question:
    t = d["type"]
    cls = qm.CLASSES[t]
    common = dict(
        id=d["id"], type=t, prompt=d["prompt"],
        points=float(d.get("points", 0 if t == "reflection" else 1)),
        hints=tuple(d.get("hints", ()) or ()),
        explanation=d.get("explanation", ""),
        source=qm.Source(**dict(d["source"])) if d.get("source") else None,
        tries=d.get("tries", defaults.get("tries")),
        penalty=d.get("penalty", defaults.get("penalty")),
        shuffle=bool(d.get("shuffle", defaults.get("shuffle", True))),
        feedback=dict(d.get("feedback", {}) or {}),
        bank=bank, file=file, line=getattr(d, "line", None),
    )
    extra: dict[str, Any] = {}
    if t in ("single", "multiple"):
        extra["options"] = _options(d["options"])
        extra["answer"] = d["answer"] if t == "single" else _texts(d["answer"])
        if t == "multiple":
            extra["partial"] = d.get("partial", True)
    elif t == "truefalse":
        extra["answer"] = d["answer"]
    elif t == "numeric":
        extra.update(answer=float(d["answer"]), tolerance=float(d.get("tolerance", 0)),
                     unit=d.get("unit", ""))
    elif t == "text":
        extra.update(answer=_texts(d["answer"]), fuzzy=int(d.get("fuzzy", 0)))
    elif t == "ordering":
        extra.update(items=tuple(d["items"]), partial=d.get("partial", True))
    elif t == "matching":
        extra.update(pairs=tuple((p["left"], p["right"]) for p in d["pairs"]),
                     distractors=tuple(d.get("distractors", ()) or ()),
                     partial=d.get("partial", True))
    elif t == "cloze":
        extra.update(text=d["text"], partial=d.get("partial", True),
                     gaps=tuple(qm.Gap(_texts(g["answer"]), int(g.get("fuzzy", 0)),
                                       tuple(g.get("options", ()) or ())) for g in d["gaps"]))
    elif t == "reflection":
        extra["min_words"] = int(d.get("min_words", 0))
    return cls(**common, **extra)


def _item(d: Any, index: int | None) -> str:
    if isinstance(d, dict) and isinstance(d.get("id"), str) and d.get("id"):
        return f'question "{d["id"]}"'
    return f"question {index + 1}" if index is not None else "question"


def _check_question(d: Any, file: str, root: Any, prefix: list, index: int | None,
                    defaults: dict, bank: str) -> tuple[qm.Question | None, list[Problem]]:
    item = _item(d, index)
    if not isinstance(d, dict):
        return None, [Problem(file, _line_at(root, prefix), item, None,
                              f"should be a mapping of fields (id, type, prompt...), not {_kind(d)}")]
    qtype = d.get("type")
    key = qtype if qtype in qm.TYPES else None
    problems = []
    errors = [] if _passes_fast(key, d) else _validator(key).iter_errors(d)
    for error in sorted(errors, key=lambda e: list(map(str, e.absolute_path))):
        path, message = _message(error)
        line = _line_at(root, prefix + path)  # stops at a missing key: the line of its mapping
        problems.append(Problem(file, line, item, _field_name(path), message))
    if qtype not in qm.TYPES and not problems:
        problems.append(Problem(file, _line_at(root, prefix + ["type"]), item, "type",
                                f"unknown type {_short(qtype)}; use one of: {', '.join(qm.TYPES)}"))
    if problems:
        return None, problems
    for fieldname, message, path in _semantic(d, None):
        problems.append(Problem(file, _line_at(root, prefix + path), item, fieldname, message))
    if problems:
        return None, problems
    return _build(d, defaults, bank, file), []


def question_from_dict(d: dict, *, file: str = "<generated>", bank: str = "",
                       defaults: dict | None = None) -> qm.Question:
    """Check one question written as a plain dict in the bank format and build it.

    Raises :class:`DataError` listing every problem.

    >>> q = question_from_dict({"id": "veto", "type": "truefalse", "answer": True,
    ...     "prompt": "A permanent member's no vote blocks a resolution.",
    ...     "explanation": "That is the veto (Charter, Article 27)."})
    >>> q.check(True).credit
    1.0
    """
    question, problems = _check_question(d, file, d, [], None, defaults or {}, bank)
    if problems:
        raise DataError(problems)
    return question


def _check_bank_data(data: Any, path: Path, shown: str, text_first_line: str | None
                     ) -> tuple[Bank | None, list[Problem]]:
    if not isinstance(data, dict):
        return None, [Problem(shown, 1, None, None,
                              f"should be a mapping with bank, title and questions, not {_kind(data)}")]
    problems: list[Problem] = []
    if text_first_line is not None and text_first_line.strip() != SCHEMA_COMMENT:
        problems.append(Problem(shown, 1, None, None,
                                f"the first line should be '{SCHEMA_COMMENT}' so editors check the file"))
    for error in [] if _passes_fast("__bank__", data) else _validator("__bank__").iter_errors(data):
        p, message = _message(error)
        problems.append(Problem(shown, _line_at(data, p), None, _field_name(p), message))
    stem = path.stem
    if isinstance(data.get("bank"), str) and data["bank"] != stem:
        problems.append(Problem(shown, _line_at(data, ["bank"]), None, "bank",
                                f'"{data["bank"]}" should be the file\'s name, "{stem}"'))
    defaults = data.get("defaults") if isinstance(data.get("defaults"), dict) else {}
    bank_id = stem
    built: list[qm.Question] = []
    raw_questions = data.get("questions")
    if isinstance(raw_questions, list):
        with _no_cyclic_gc():
            _check_questions(raw_questions, data, shown, defaults, bank_id, problems, built)
    if problems:
        return None, problems
    bank = Bank(id=bank_id, title=data["title"], questions=built,
                description=data.get("description", ""), defaults=dict(defaults), path=path)
    return bank, []


@contextlib.contextmanager
def _no_cyclic_gc():
    """Pause the cycle collector: schema validation allocates many short-lived
    objects, and with a big bank in memory each collection walks all of it.
    Reference counting still frees everything; collection resumes after."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _check_questions(raw_questions: list, data: Any, shown: str, defaults: dict, bank_id: str,
                     problems: list[Problem], built: list[qm.Question]) -> None:
    seen: dict[str, int | None] = {}
    for i, d in enumerate(raw_questions):
        question, found = _check_question(d, shown, data, ["questions", i], i, defaults, bank_id)
        problems.extend(found)
        if isinstance(d, dict) and isinstance(d.get("id"), str):
            qid = d["id"]
            line = _line_at(data, ["questions", i, "id"])
            if qid in seen:
                problems.append(Problem(shown, line, f'question "{qid}"', "id",
                                        f"is used twice in this bank (first on line {seen[qid]})"))
            else:
                seen[qid] = line
        if question is not None:
            built.append(question)


def _first_line(path: Path) -> str | None:
    try:
        with open(path, "rb") as fh:
            return fh.readline().decode("utf-8", "replace").rstrip("\r\n")
    except OSError:
        return None


def _check_file(path: Path) -> tuple[Bank | None, list[Problem], Any]:
    shown = display_path(path)
    try:
        data = load_yaml(path)
    except DataError as exc:
        return None, exc.problems, None
    bank, problems = _check_bank_data(data, path, shown, _first_line(path))
    return bank, problems, data


def quiz_folder(data_dir: str | os.PathLike | None = None) -> Path:
    """The folder of the banks, ``data/quizzes``."""
    if data_dir is not None:
        return Path(data_dir) / QUIZ_FOLDER
    from coursekit.datafiles.paths import data_dir as find_data

    return Path(find_data()) / QUIZ_FOLDER


def bank_path(bank: str | os.PathLike, data_dir: str | os.PathLike | None = None) -> Path:
    """The file of a bank given by lesson id (``"01_reading_the_article"``) or path."""
    text = str(bank)
    if text.endswith((".yaml", ".yml")) or os.sep in text or "/" in text:
        return Path(bank)
    folder = quiz_folder(data_dir)
    path = folder / f"{text}.yaml"
    if not path.is_file():
        known = sorted(p.stem for p in folder.glob("*.yaml") if not p.stem.startswith("_"))
        raise DataNotFoundError(f'no question bank "{text}" in {display_path(folder)}; '
                                f"the banks are: {', '.join(known) or 'none'}")
    return path


def load_bank(path: str | os.PathLike, data_dir: str | os.PathLike | None = None) -> Bank:
    """Load and check one bank, by path or lesson id.

    Raises :class:`DataError` (every problem, each naming file, line, question
    and field) or :class:`DataNotFoundError`.
    """
    p = bank_path(path, data_dir)
    if not p.is_file():
        raise DataNotFoundError(f"{display_path(p)}: file not found")
    bank, problems, _ = _check_file(p)
    if problems:
        raise DataError(problems)
    return bank


def bank_files(data_dir: str | os.PathLike | None = None, *, examples: bool = True) -> list[Path]:
    """Every bank file, sorted; ``examples=False`` leaves out ``_*.yaml``."""
    folder = quiz_folder(data_dir)
    files = sorted([*folder.glob("*.yaml"), *folder.glob("*.yml")])
    return [f for f in files if examples or not f.name.startswith("_")]


def load_all_banks(data_dir: str | os.PathLike | None = None) -> list[Bank]:
    """Every lesson's bank (example files starting with ``_`` left out), in file order.

    Raises :class:`DataError` with the problems of every bad bank.
    """
    banks, problems = [], []
    for path in bank_files(data_dir, examples=False):
        bank, found, _ = _check_file(path)
        problems.extend(found)
        if bank is not None:
            banks.append(bank)
    if problems:
        raise DataError(problems)
    return banks


def check_banks(data_dir: str | os.PathLike) -> list[Problem]:
    """Every problem of every bank in ``data_dir/quizzes`` (examples included),
    ids used twice in the course, and a stale ``quiz.schema.json``. Never raises
    for bad data: what `coursekit validate` runs."""
    data_dir = Path(data_dir)
    problems: list[Problem] = []
    folder = data_dir / QUIZ_FOLDER
    if not folder.is_dir():
        return [Problem(display_path(folder), None, None, None, "folder not found")]
    ids: dict[str, str] = {}
    for path in bank_files(data_dir):
        try:
            bank, found, data = _check_file(path)
        except Exception as exc:  # a checker must never crash `coursekit validate`
            found, data = [Problem(display_path(path), None, None, None,
                                   f"could not be checked ({type(exc).__name__}: {exc})")], None
        problems.extend(found)
        raw = data.get("questions") if isinstance(data, dict) else None
        if isinstance(raw, list):
            for i, d in enumerate(raw):
                qid = d.get("id") if isinstance(d, dict) else None
                if not isinstance(qid, str):
                    continue
                where = f"{display_path(path)}:{_line_at(data, ['questions', i, 'id'])}"
                if qid in ids and not ids[qid].startswith(display_path(path) + ":"):
                    problems.append(Problem(display_path(path), _line_at(data, ["questions", i, "id"]),
                                            f'question "{qid}"', "id",
                                            f"is already used in {ids[qid]}; ids must be unique in the course"))
                ids.setdefault(qid, where)
    schema_file = data_dir / SCHEMA_FILE
    try:
        current = schema_file.read_text(encoding="utf-8")
    except OSError:
        current = None
    if current != schema_json():
        problems.append(Problem(display_path(schema_file), None, None, None,
                                "is missing or out of date; run `python -m coursekit.quizzes.schema`"))
    return problems


__all__ = ["Bank", "load_bank", "load_all_banks", "check_banks", "question_from_dict",
           "bank_path", "bank_files", "quiz_folder", "ALL_FIELDS"]
