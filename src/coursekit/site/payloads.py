"""The data the static edition's scripts read, as JSON-ready dicts: the article (for the
keyword search), the timeline, the Security Council (for the vote simulator) and the
glossary. Each comes from the same loaders the notebooks use, so both editions show the
same facts.

>>> sorted(council_payload())
['elected_heading', 'members', 'needed', 'presets', 'votes']
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from coursekit.errors import CourseError


def script_json(element_id: str, payload: Any) -> str:
    """``payload`` in a ``<script type="application/json">`` a page's scripts read; ``</``
    is escaped so that no text in it can close the element.

    >>> script_json("ck-x", {"a": "</script>"})
    '<script type="application/json" id="ck-x">{"a":"<\\\\/script>"}</script>'
    """
    text = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")
    return f'<script type="application/json" id="{element_id}">{text}</script>'


def article_payload(data_dir: Path | None = None) -> dict[str, Any]:
    """The article's paragraphs (number and text) and byline, for the keyword search."""
    from coursekit.reading.article import load_article

    art = load_article(data_dir)
    return {"byline": art.byline, "width": 40, "title": art.description or "The article",
            "date": str(art.date or ""),
            "paragraphs": [{"number": p.number, "text": p.text} for p in art.paragraphs]}


def timeline_payload(data_dir: Path | None = None) -> dict[str, Any]:
    """The timeline's entries and categories (colours as codes of the course's palette)."""
    from coursekit.timeline.events import load_timeline

    tl = load_timeline(data_dir)
    actor_names: dict[str, str] = {}
    try:
        from coursekit.reading.actors import load_actors

        actors = load_actors(tl.data_dir)
        actor_names = {a: actors[a].name for e in tl.entries for a in e.actors if a in actors}
    except (CourseError, OSError):
        actor_names = {}
    return {
        "categories": [{"id": c.id, "label": c.label, "in_sentence": c.in_sentence, "colour": c.colour,
                        "marker": c.marker_name,
                        "description": c.description} for c in tl.categories.values()],
        "entries": [{"id": e.id, "kind": e.kind, "start": e.start.isoformat(),
                     "end": e.end.isoformat() if e.end else None, "latest": e.latest.isoformat(),
                     "date": e.date_text, "label": e.label, "description": e.description,
                     "category": e.category, "actors": [actor_names.get(a, a) for a in e.actors],
                     "source": e.source, "paragraphs": list(e.paragraphs)} for e in tl.entries],
        "source": tl.source or "",
    }


def council_payload(data_dir: Path | None = None) -> dict[str, Any]:
    """The Council's members and the simulator's presets (``council.presets``: the votes of
    this year's members), and the number of votes a decision needs."""
    from coursekit.council.votes import VOTES, VOTES_NEEDED, load_council

    council = load_council(data_dir)
    year = f" ({council.year})" if council.year else ""
    return {
        "votes": list(VOTES), "needed": VOTES_NEEDED,
        "elected_heading": f"Elected members{year}",
        "members": [{"id": m.id, "name": m.name, "permanent": m.permanent} for m in council.members],
        "presets": [{"id": p.id, "title": p.title, "real": p.real, "votes": dict(p.votes),
                     "procedural": p.procedural, "description": p.description, "source": p.source or ""}
                    for p in council.presets],
    }


def glossary_terms(data_dir: Path | None = None) -> list[dict[str, Any]]:
    """The glossary's terms, alphabetical: id, term, aliases, definition (safe HTML),
    source and first lesson."""
    from coursekit.markup import inline_html
    from coursekit.reading.glossary import load_glossary

    return [{"id": t.id, "anchor": t.anchor, "term": t.term, "aliases": list(t.aliases),
             "definition": inline_html(t.definition), "source": t.source, "lesson": t.lesson}
            for t in load_glossary(data_dir).alphabetical()]
