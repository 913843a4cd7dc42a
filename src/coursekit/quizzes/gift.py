"""Moodle GIFT export of a question bank, so the same questions can be used in an LMS.

GIFT in brief: ``::title:: question {=right ~wrong#feedback}``; the characters
``~ = # { } :`` and the backslash are escaped with a backslash. Ordering and
cloze questions have no GIFT form and are left out with a warning.

>>> gift_escape("a {b} = c")
'a \\\\{b\\\\} \\\\= c'
"""
from __future__ import annotations

import os
from pathlib import Path

from coursekit.quizzes import questions as qm
from coursekit.quizzes.bank import Bank, load_bank

SPECIAL = "~=#{}:"

#: Types GIFT cannot express.
UNSUPPORTED = {"ordering": "GIFT has no ordering question",
               "cloze": "GIFT cannot hold several gaps in one question (use Moodle's Cloze type)"}


def gift_escape(text: str) -> str:
    """Escape GIFT's special characters (and backslashes and line breaks)."""
    out = []
    for ch in str(text):
        if ch == "\\":
            out.append("\\\\")
        elif ch in SPECIAL:
            out.append("\\" + ch)
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\r":
            continue
        else:
            out.append(ch)
    return "".join(out)


def gift_unescape(text: str) -> str:
    """The inverse of :func:`gift_escape` (what Moodle reads back)."""
    out = []
    i = 0
    while i < len(text):
        ch = text[i]
        if ch == "\\" and i + 1 < len(text):
            nxt = text[i + 1]
            out.append("\n" if nxt == "n" else nxt)
            i += 2
        else:
            out.append(ch)
            i += 1
    return "".join(out)


def _pct(x: float) -> str:
    return f"{x:.5f}".rstrip("0").rstrip(".")


def _fb(text: str) -> str:
    return f"#{gift_escape(text)}" if text else ""


def _general(q: qm.Question) -> str:
    return f" ####{gift_escape(q.explanation)}" if q.explanation else ""


def question_to_gift(q: qm.Question) -> str | None:
    """One question as GIFT, or None if GIFT cannot express its type."""
    head = f"::{gift_escape(q.id)}:: [markdown]{gift_escape(q.prompt)}"
    fb = q.feedback
    if isinstance(q, qm.SingleQuestion):
        parts = [("=" if o.text == q.answer else "~") + gift_escape(o.text) + _fb(o.feedback)
                 for o in q.options]
        body = " ".join(parts)
    elif isinstance(q, qm.MultipleQuestion):
        n = len(q.answer)
        right, wrong = _pct(100 / n), _pct(-100 / n)
        body = " ".join(
            f"~%{right if o.text in q.answer else wrong}%{gift_escape(o.text)}{_fb(o.feedback)}"
            for o in q.options)
    elif isinstance(q, qm.TrueFalseQuestion):
        body = ("T" if q.answer else "F")
        if fb.get("incorrect") or fb.get("correct"):
            body += f"#{gift_escape(fb.get('incorrect', ''))}#{gift_escape(fb.get('correct', ''))}"
    elif isinstance(q, qm.NumericQuestion):
        body = f"#{q.answer:g}:{q.tolerance:g}{_fb(fb.get('correct', ''))}"
    elif isinstance(q, qm.TextQuestion):
        body = " ".join(f"={gift_escape(a)}{_fb(fb.get('correct', ''))}" for a in q.answer)
    elif isinstance(q, qm.MatchingQuestion):
        body = " ".join(f"={gift_escape(l)} -> {gift_escape(r)}" for l, r in q.pairs)
    elif isinstance(q, qm.ReflectionQuestion):
        body = ""
    else:
        return None
    return f"{head} {{{body}{_general(q)}}}"


def bank_to_gift(bank: Bank) -> tuple[str, list[str]]:
    """The GIFT text of a bank and the warnings (questions left out, features lost)."""
    warnings: list[str] = []
    blocks = [f"// {bank.title} ({bank.id}), exported by coursekit", "$CATEGORY: $course$/" + bank.id, ""]
    lost_hints = []
    for q in bank.questions:
        text = question_to_gift(q)
        if text is None:
            warnings.append(f'question "{q.id}" ({q.type}) skipped: {UNSUPPORTED.get(q.type, "not supported")}')
            continue
        if isinstance(q, qm.TextQuestion) and q.fuzzy:
            warnings.append(f'question "{q.id}": near-miss spelling (fuzzy: {q.fuzzy}) is not exported; '
                            "Moodle accepts the listed answers only")
        if isinstance(q, qm.MatchingQuestion) and q.distractors:
            warnings.append(f'question "{q.id}": distractors are not exported')
        if q.hints:
            lost_hints.append(q.id)
        blocks += [f"// {q.type}, {q.points:g} point(s)" + (f"; source: {q.source}" if q.source else ""),
                   text, ""]
    if lost_hints:
        warnings.append(f"hints are not exported (GIFT has no field for them): {', '.join(lost_hints)}")
    return "\n".join(blocks), warnings


def export_gift(bank_path: str | os.PathLike, out_path: str | os.PathLike) -> list[str]:
    """Write ``bank_path`` as a GIFT file at ``out_path``; returns warnings.

    >>> export_gift("data/quizzes/01_reading_the_article.yaml", "quiz01.gift")  # doctest: +SKIP
    ['question "article-story-order" (ordering) skipped: GIFT has no ordering question', ...]
    """
    bank = load_bank(bank_path)
    text, warnings = bank_to_gift(bank)
    out = Path(out_path)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(text, encoding="utf-8")
    return warnings
