"""Mistakes in a notebook, told in one line: close-match suggestions, and the IPython hook that
prints a :class:`~coursekit.errors.CourseError` as ``⚠ message`` instead of a traceback.

A student who types ``council.decide({"USA": "no"})`` or ``article.show(99)`` made a small
mistake, not a programming error: the library raises a ``CourseError`` whose message says what
exists, and in IPython (JupyterLab, a notebook, the IPython shell) this module shows that message
alone. Outside IPython the error is an ordinary exception with the same message.

Nothing here imports IPython or ipywidgets when the module is imported: :func:`install` looks for
a running IPython only when it is called (``import coursekit`` calls it on first use).
"""
from __future__ import annotations

import difflib
import os
import re
import sys
from typing import Any, Iterable

from coursekit.errors import CourseError

#: What starts the line a student sees instead of a traceback.
MARK = "⚠"


def did_you_mean(wrong: object, choices: Iterable[str], *, limit: int = 2) -> list[str]:
    """The ``choices`` that look like ``wrong``, best first (at most ``limit``): the same text
    in other capitals; a choice one of whose words starts with it, or that it starts with;
    then close spellings.

    >>> did_you_mean("salgado", ["salgado-expelled", "coup-2020", "putin-call"])
    ['salgado-expelled']
    >>> did_you_mean("Rusia", ["China", "France", "Russia"])
    ['Russia']
    >>> did_you_mean("abstention", ["yes", "no", "abstain", "absent"])
    ['abstain', 'absent']
    >>> did_you_mean("xyz", ["China", "France"])
    []
    """
    key = str(wrong).strip().casefold()
    if not key:
        return []
    folded = {c.casefold(): c for c in dict.fromkeys(choices)}
    close = set(difflib.get_close_matches(key, list(folded), n=limit + 2, cutoff=0.75))

    def rank(low: str) -> tuple[int, int] | None:
        shared = len(os.path.commonprefix([key, low]))
        if low == key:
            return (0, 0)
        words = re.split(r"[\s\-_]+", low)
        if any(w.startswith(key) for w in words) or (len(low) >= 3 and key.startswith(low)):
            return (1, -shared)
        if shared >= 4 or low in close:
            return (2, -shared)
        return None

    ranked = sorted((r, i, low) for i, low in enumerate(folded) if (r := rank(low)) is not None)
    return [folded[low] for _, _, low in ranked[:limit]]


def suggestion(wrong: object, choices: Iterable[str]) -> str:
    """``" (did you mean X?)"`` for the closest choice, or ``""`` when none is close.

    >>> suggestion("abstention", ["yes", "no", "abstain", "absent"])
    ' (did you mean "abstain" or "absent"?)'
    >>> suggestion("veto", ["yes", "no", "abstain", "absent"])
    ''
    """
    close = did_you_mean(wrong, choices)
    if not close:
        return ""
    return " (did you mean " + " or ".join(f'"{c}"' for c in close) + "?)"


def one_line(error: BaseException) -> str:
    """The line a student sees for ``error``: ``⚠`` and its message, on one line.

    >>> one_line(CourseError("the article has paragraphs 1 to 25; there is no paragraph 99"))
    '⚠ the article has paragraphs 1 to 25; there is no paragraph 99'
    """
    message = " ".join(str(error.args[0] if error.args else error).split())
    return f"{MARK} {message or type(error).__name__}"


def show_course_error(shell: Any, etype: type, value: BaseException, tb: Any,
                      tb_offset: int | None = None) -> list[str]:
    """IPython's custom exception handler for :class:`CourseError`: print one line, no traceback.

    It is called by IPython in place of its traceback (see :func:`install`); the cell still
    counts as failed, so "Run All" stops there as it does after any error. Returns the
    lines IPython may record as the structured traceback.
    """
    line = one_line(value)
    print(line)
    return [line]


def _handler_for(previous: Any):
    """Our handler, handing any other exception to the shell's ``previous`` custom handler."""
    def handler(shell, etype, value, tb, tb_offset=None):
        if isinstance(value, CourseError) or previous is None:
            return show_course_error(shell, etype, value, tb, tb_offset)
        return previous(etype, value, tb, tb_offset=tb_offset)

    return handler


def install(shell: Any = None) -> bool:
    """Show every :class:`CourseError` raised in ``shell`` (default: the running IPython, if
    any) as one line. Returns True when the hook is in place; does nothing outside IPython,
    and nothing the second time.

    Another custom handler the shell already has is kept for its own exceptions.
    """
    if shell is None:
        ipython = sys.modules.get("IPython")
        get = getattr(ipython, "get_ipython", None)
        shell = get() if get is not None else None
        if shell is None:
            return False
    if _installed(shell):
        return True
    current = tuple(getattr(shell, "custom_exceptions", ()) or ())
    previous = getattr(shell, "CustomTB", None) if current else None
    shell.set_custom_exc(current + (CourseError,), _handler_for(previous))
    shell._coursekit_errors = True
    return True


def _installed(shell: Any) -> bool:
    return bool(getattr(shell, "_coursekit_errors", False)) and CourseError in tuple(
        getattr(shell, "custom_exceptions", ()) or ())
