"""A lesson's code cell in the static edition: its outputs as HTML, and, where it calls a
widget of the public API, the mount point the browser scripts fill in.

Widget calls are found by reading the cell's code (never by running it here):

>>> [str(c) for c in widget_calls('import coursekit\\n\\ncoursekit.quiz("01_x")')]
['quiz("01_x")']
>>> [str(c) for c in widget_calls('coursekit.ask("01_x", "think-1")\\nprint(1)')]
['ask("01_x", "think-1")']
>>> widget_calls('article.find("Wagner")')
[]
>>> mount_point(WidgetCall("vote_simulator", ("resolution-2690",)), {})
'<div class="ck-votes" data-preset="resolution-2690"></div>'
>>> mount_point(WidgetCall("my_scores", (), (("by", "objective"),)), {})
'<div class="ck-scores" data-call="my_scores" data-by="objective"></div>'
>>> mount_point(WidgetCall("review_quiz", (3,)), {})
'<div class="ck-scores" data-call="review_quiz" data-per-bank="3"></div>'
"""
from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from html import escape
from typing import Any, Mapping

from coursekit.errors import CourseError
from coursekit.site.markdown import lesson_markdown, lesson_url

#: The public API's widgets, by the mount point that stands for each in a page.
MOUNTS = {
    "quiz": "ck-quiz", "ask": "ck-quiz",
    "my_name": "ck-progress", "export_answers": "ck-progress", "import_answers": "ck-progress",
    "my_scores": "ck-scores", "review_quiz": "ck-scores", "my_answers": "ck-scores",
    "explore_timeline": "ck-timeline", "vote_simulator": "ck-votes",
}
#: Output types shown as they are, best first (the course's objects give HTML and text).
_RICH = ("text/html", "image/svg+xml", "image/png", "image/jpeg", "text/markdown", "text/plain")
_WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


class SiteError(CourseError):
    """A lesson that cannot become a page: a cell that failed, a call the site cannot show."""


@dataclass(frozen=True)
class WidgetCall:
    """``coursekit.<name>(<args>)`` in a cell, with its literal arguments."""

    name: str
    args: tuple[Any, ...] = ()
    kwargs: tuple[tuple[str, Any], ...] = ()
    #: A method called on what it returns (``coursekit.my_scores().plot()``: ``"plot"``).
    then: str = ""

    def __str__(self) -> str:
        shown = [repr(a).replace("'", '"') for a in self.args]
        shown += [f"{k}={v!r}".replace("'", '"') for k, v in self.kwargs]
        return f"{self.name}({', '.join(shown)})"


def _literal(node: ast.AST) -> Any:
    try:
        return ast.literal_eval(node)
    except ValueError:
        return None


def widget_calls(source: str) -> list[WidgetCall]:
    """Every call of a widget of the public API (``coursekit.quiz(...)`` and the others of
    :data:`MOUNTS`) in ``source``, in the order they appear."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return []
    calls = []
    # Calls whose result has a method called on it: f().plot() -> {id(f()): "plot"}.
    then = {id(node.func.value): node.func.attr for node in ast.walk(tree)
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
            and isinstance(node.func.value, ast.Call)}
    for node in ast.walk(tree):
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                and isinstance(node.func.value, ast.Name) and node.func.value.id == "coursekit"
                and node.func.attr in MOUNTS):
            calls.append((node.lineno, node.col_offset, WidgetCall(
                node.func.attr, tuple(_literal(a) for a in node.args),
                tuple((k.arg, _literal(k.value)) for k in node.keywords if k.arg), then.get(id(node), ""))))
    return [c for *_, c in sorted(calls, key=lambda t: (t[0], t[1]))]


def quiz_bank(call: WidgetCall, question_banks: Mapping[str, str]) -> str:
    """The bank a ``quiz``/``ask``/``my_answers`` call uses ("" for none)."""
    kwargs = dict(call.kwargs)
    args = [str(a) for a in call.args]
    if call.name == "ask":
        question = args[-1] if args else str(kwargs.get("question", ""))
        bank = args[0] if len(args) > 1 else str(kwargs.get("bank") or question_banks.get(question, ""))
        if not bank:
            raise SiteError(f'ask("{question}"): no question bank has a question "{question}"')
        return bank
    return args[0] if args else str(kwargs.get("bank") or "")


def mount_point(call: WidgetCall, question_banks: Mapping[str, str]) -> str:
    """The HTML that stands for ``call`` in a page. ``question_banks`` maps each question id
    to its bank, for ``ask("<id>")`` given without its bank."""
    kind = MOUNTS[call.name]
    kwargs = dict(call.kwargs)
    attrs: list[tuple[str, str]] = []
    if call.name == "quiz":
        attrs.append(("data-bank", quiz_bank(call, question_banks)))
    elif call.name == "ask":
        question = [str(a) for a in call.args][-1] if call.args else str(kwargs.get("question", ""))
        attrs += [("data-bank", quiz_bank(call, question_banks)), ("data-question", question)]
    elif call.name == "vote_simulator":
        preset = call.args[0] if call.args else kwargs.get("preset")
        if preset:
            attrs.append(("data-preset", str(preset)))
    elif kind in ("ck-progress", "ck-scores"):
        attrs.append(("data-call", call.name))
        # review_quiz(3): its one positional argument is per_bank, not a bank.
        bank = quiz_bank(call, question_banks) if call.name != "review_quiz" else ""
        if call.name == "review_quiz" and call.args:
            attrs.append(("data-per-bank", str(call.args[0])))
        if bank:
            attrs.append(("data-bank", str(bank)))
        # The call's other options, for the script (my_scores(by="objective"): data-by="objective").
        attrs += [(f"data-{re.sub(r'[^a-z0-9-]', '-', key.lower())}", str(value))
                  for key, value in call.kwargs if key != "bank" and isinstance(value, (str, int, float, bool))]
    shown = "".join(f' {name}="{escape(value, quote=True)}"' for name, value in attrs)
    return f'<div class="{kind}"{shown}></div>'


_HREF = re.compile(r"""href=(["'])([^"']*)\1""")


def _lesson_links(html: str) -> str:
    """Links to a lesson's notebook (``href='01_x.ipynb'``) pointed at its page
    (:func:`~coursekit.site.markdown.lesson_url`).

    >>> _lesson_links("<a href='01_x.ipynb#top'>one</a> <a href='https://un.org/x.ipynb'>two</a>")
    "<a href='01_x.html#top'>one</a> <a href='https://un.org/x.ipynb'>two</a>"
    """
    return _HREF.sub(lambda m: f"href={m[1]}{lesson_url(m[2])}{m[1]}", html)


def _joined(value: Any) -> str:
    return "".join(value) if isinstance(value, list) else str(value)


def source_text(cell: Mapping[str, Any]) -> str:
    """A cell's source as one string (a notebook may store it as a list of lines)."""
    return _joined(cell.get("source", ""))


def output_html(output: Mapping[str, Any]) -> str:
    """One output of an executed cell as HTML: the course's HTML as it is (its objects
    escape what they show), images inline, text in ``<pre>``; a widget's view (which needs
    a kernel) as nothing, since its mount point stands for it."""
    kind = output.get("output_type")
    if kind == "stream":
        if output.get("name") == "stderr":
            return ""
        return f'<pre class="ck-output-text">{escape(_joined(output.get("text", "")))}</pre>'
    if kind == "error":
        raise SiteError(f'{output.get("ename")}: {output.get("evalue")}')
    data = output.get("data", {})
    if _WIDGET_VIEW in data:
        return ""
    for mime in _RICH:
        if mime not in data:
            continue
        value = _joined(data[mime])
        if mime == "text/html":
            return f'<div class="ck-output-html">{_lesson_links(value)}</div>'
        if mime == "image/svg+xml":
            return f'<div class="ck-output-html">{value}</div>'
        if mime in ("image/png", "image/jpeg"):
            alt = escape(_joined(data.get("text/plain", "A figure.")), quote=True)
            return f'<img class="ck-output-image" src="data:{mime};base64,{value.strip()}" alt="{alt}">'
        if mime == "text/markdown":
            return lesson_markdown(value)
        return f'<pre class="ck-output-text">{escape(value)}</pre>'
    return ""


def _notebook_only(call: WidgetCall) -> str:
    """What stands for ``coursekit.my_scores().plot()`` and the like: the page's widget shows
    the same numbers; the drawing is the notebook's."""
    code = f"{escape(str(call))}.{escape(call.then)}()"
    return (f'<p class="ck-notebook-only">In the notebook edition, <code>{code}</code> draws this as a '
            "figure; here the numbers are in the table shown with it.</p>")


def code_cell_html(cell: Mapping[str, Any], question_banks: Mapping[str, str],
                   where: str) -> tuple[str, list[WidgetCall]]:
    """A code cell as HTML, and the widget calls it makes.

    A cell that calls a widget shows the widget's mount point (and anything it printed);
    other cells show their outputs, with their code folded under "The code" for whoever
    wants to see what ran (students do not program: the text explains every output).
    ``where`` names the cell in error messages (``"notebooks/01_x.ipynb, cell 12"``).
    """
    source = source_text(cell)
    calls = widget_calls(source)
    try:
        if calls:
            shown = [output_html(o) for o in cell.get("outputs", []) if o.get("output_type") == "stream"]
            shown += [mount_point(c, question_banks) if not c.then else _notebook_only(c) for c in calls]
            return '<div class="ck-cell ck-cell-widget">' + "".join(shown) + "</div>", calls
        outputs = "".join(output_html(o) for o in cell.get("outputs", []))
        if any(_WIDGET_VIEW in o.get("data", {}) for o in cell.get("outputs", [])):
            # A widget the static edition has no script for: say where it works.
            outputs += ('<p class="ck-notebook-only">This part is interactive in the notebook edition '
                        "(JupyterLab or Binder) only.</p>")
    except SiteError as exc:
        raise SiteError(f"{where}: {exc}") from None
    if not outputs:
        return "", []
    code = (f'<details class="ck-code"><summary>The code</summary><pre><code>{escape(source)}</code></pre>'
            "</details>")
    return f'<div class="ck-cell">{code}{outputs}</div>', []
