"""Reading the course's article: paragraphs, related links, search, quotations, actor mentions."""
from __future__ import annotations

import os
import re
from dataclasses import dataclass
from html import escape
from pathlib import Path
from typing import NamedTuple

from coursekit.datafiles.paths import DATA_ENV, data_folder
from coursekit.datafiles.schema import TEXT_SCHEMA, record
from coursekit.datafiles.validate import load_checked, schema_check
from coursekit.datafiles.yamlfile import LineDict, display_path, read_text
from coursekit.errors import CourseError, DataError, DataNotFoundError, Problem
from coursekit.markup import TextAndTable
from coursekit.reading.actors import Actors, load_actors

#: The article's folder in ``data/``, and the file there that says where the article comes from.
FOLDER = "article"
FILE_NAME = "article.yaml"
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'"})
# Abbreviations after which a full stop does not end a sentence.
_ABBREV = ("Col.", "Gen.", "Mr.", "Mrs.", "Ms.", "Dr.", "Lt.", "St.", "U.S.", "U.N.", "e.g.", "i.e.")
_QUOTE = re.compile(r"“([^”]+)”|\"([^\"]+)\"")
_SAYS = re.compile(r"\b(said|says|told|tells|added|stated|noted|declared|wrote|quoted)\b")
_PRONOUNS = ("it", "he", "she", "they")
# The kinds of actor a later "it said" can point back to.
_SPEAKERS = ("person", "government", "organisation", "state")


@dataclass(frozen=True)
class Paragraph:
    """One paragraph: its number in the article (1, 2, ...), its text and its line in the file."""

    number: int
    text: str
    line: int

    @property
    def words(self) -> int:
        return count_words(self.text)

    def sentences(self) -> list[str]:
        return split_sentences(self.text)

    def __str__(self) -> str:
        return f"[{self.number}] {self.text}"


class Paragraphs(list):
    """Some paragraphs of the article, as :meth:`Article.show` returns them: one per line,
    each with its number in brackets."""

    def __str__(self) -> str:
        return "\n".join(map(str, self))

    __repr__ = __str__

    def _repr_html_(self) -> str:
        return "".join(f"<p><small title='paragraph {p.number}'>[{p.number}]</small> "
                       f"{escape(p.text)}</p>" for p in self)


class RelatedLink(NamedTuple):
    """A "Read: ..." line the web page placed between paragraphs: a link, not the argument."""

    title: str
    line: int
    after_paragraph: int

    def __str__(self) -> str:
        return f"Read: {self.title} (after paragraph {self.after_paragraph})"


class RelatedLinks(list):
    """The article's "Read:" lines (:attr:`Article.related`): one per line, each with the
    paragraph it follows."""

    def __str__(self) -> str:
        return "\n".join(map(str, self)) or "no related-story links"

    __repr__ = __str__

    def _repr_html_(self) -> str:
        items = "".join(f"<li><em>Read: {escape(r.title)}</em> (after paragraph {r.after_paragraph})</li>"
                        for r in self)
        return f"<ul>{items}</ul>" if self else "<p>no related-story links</p>"


@dataclass(frozen=True)
class Hit:
    """One keyword-in-context hit: the paragraph, the words before, the match, the words after."""

    paragraph: int
    before: str
    match: str
    after: str

    def __str__(self) -> str:
        return f"¶{self.paragraph:>2}  …{self.before}[{self.match}]{self.after}…"


class Hits(TextAndTable, list):
    """The hits of :meth:`Article.find`; prints one line per hit."""

    def __init__(self, word: str, hits: list[Hit]):
        super().__init__(hits)
        self.word = word

    def paragraphs(self) -> list[int]:
        """The paragraph numbers with at least one hit, in order."""
        return sorted({h.paragraph for h in self})

    def __str__(self) -> str:
        head = f'{len(self)} hit(s) for "{self.word}"'
        if self:
            head += f" in paragraph(s) {', '.join(map(str, self.paragraphs()))}"
        return "\n".join([head, *map(str, self)])

    def _repr_html_(self) -> str:
        rows = "".join(
            f"<tr><td>¶{h.paragraph}</td><td style='text-align:right'>…{escape(h.before)}</td>"
            f"<td><mark><strong>{escape(h.match)}</strong></mark></td><td style='text-align:left'>"
            f"{escape(h.after)}…</td></tr>"
            for h in self
        )
        return (f"<p>{escape(str(len(self)))} hit(s) for <strong>{escape(self.word)}</strong></p>"
                + self._table(["Paragraph", "Before", "Match", "After"], rows))


@dataclass(frozen=True)
class Quotation:
    """A direct quotation: the words inside quotation marks, and who said them."""

    paragraph: int
    text: str
    speaker_id: str | None
    speaker: str

    def __str__(self) -> str:
        return f"¶{self.paragraph} {self.speaker}: “{self.text}”"


class Quotations(list):
    def __str__(self) -> str:
        return "\n".join(map(str, self)) or "no direct quotations"

    __repr__ = __str__

    def _repr_html_(self) -> str:
        items = "".join(
            f"<li><strong>{escape(q.speaker)}</strong> (¶{q.paragraph}): “{escape(q.text)}”</li>"
            for q in self
        )
        return f"<ol>{items}</ol>"


@dataclass(frozen=True)
class Mention:
    """How an actor appears in the article: the paragraphs naming it, and its quotations."""

    actor_id: str
    name: str
    paragraphs: tuple[int, ...]
    count: int
    quoted: int

    @property
    def role(self) -> str:
        if self.quoted:
            return "quoted"
        return "mentioned" if self.count else "absent"


class Mentions(TextAndTable, list):
    """Actor mentions, most-mentioned first; ``plot()`` draws them as a bar chart."""

    def __str__(self) -> str:
        width = max((len(m.name) for m in self), default=10)
        lines = [f"{'actor':<{width}}  paragraphs  quoted  where"]
        for m in self:
            where = ", ".join(map(str, m.paragraphs)) or "-"
            lines.append(f"{m.name:<{width}}  {len(m.paragraphs):>10}  {m.quoted:>6}  {where}")
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        rows = "".join(self._row([escape(m.name), str(len(m.paragraphs)), str(m.quoted),
                                  escape(", ".join(map(str, m.paragraphs)) or "-")], plain=range(4)) for m in self)
        return self._table(["Actor", "Paragraphs naming it", "Quotations", "Which paragraphs"], rows)

    def describe(self) -> str:
        """A one-sentence text description of :meth:`plot`'s chart, for screen readers."""
        if not self:
            return "No actor is named in the article."
        top = self[0]
        quoted = [m.name for m in self if m.quoted]
        names = " and ".join([", ".join(quoted[:-1]), quoted[-1]] if len(quoted) > 1 else quoted)
        return (f"Bar chart of the {len(self)} actors the article names, by the number of "
                f"paragraphs naming them: {top.name} leads with {len(top.paragraphs)}, and only "
                f"{names or 'no one'} {'is' if len(quoted) == 1 else 'are'} quoted directly "
                "(hatched bars).")

    def plot(self):
        """Draw a horizontal bar chart of every actor named (imports matplotlib now)."""
        from coursekit.charts import bar_chart

        shown = list(self)
        return bar_chart(
            labels=[m.name for m in shown],
            values=[len(m.paragraphs) for m in shown],
            marked=[bool(m.quoted) for m in shown],
            marked_label="quoted directly",
            unmarked_label="only mentioned",
            xlabel="paragraphs that name the actor",
            title="Who the article names",
            description=self.describe(),
        )


def count_words(text: str) -> int:
    """Count words: runs of letters or digits, with inner apostrophes and hyphens.

    >>> count_words("Mali’s decision, taken in 2023, is well-known.")
    7
    """
    return len(re.findall(r"\w+(?:['’\-]\w+)*", text))


def split_sentences(text: str) -> list[str]:
    """Split a paragraph into sentences at ., ! or ? followed by a capital or a quotation mark.

    >>> split_sentences("Mali voted. The UN left! Why?")
    ['Mali voted.', 'The UN left!', 'Why?']
    """
    protected = text
    for i, ab in enumerate(_ABBREV):
        protected = protected.replace(ab, ab.replace(".", f"\x00{i}\x00"))
    parts = re.split(r"(?:(?<=[.!?][”\"])|(?<=[.!?]))\s+(?=[A-Z“\"])", protected)
    out = []
    for part in parts:
        for i, ab in enumerate(_ABBREV):
            part = part.replace(ab.replace(".", f"\x00{i}\x00"), ab)
        if part.strip():
            out.append(part.strip())
    return out


class Article:
    """The course's article, read into paragraphs and related links.

    >>> art = load_article()
    >>> art.author, len(art.paragraphs), len(art.related)
    ('Kemo Cham', 25, 4)
    """

    def __init__(self, text: str, *, path: Path | None = None, metadata: dict | None = None,
                 actors: Actors | None = None, data_dir: Path | None = None):
        meta = dict(metadata or {})
        self.path = path
        #: The data folder the article was read from (its actors are read from there too).
        self.data_dir = data_dir
        self.metadata = meta
        prefix = meta.get("link_prefix", "Read:")
        lines = text.splitlines()
        shown = display_path(path) if path else "<text>"
        if not any(line.strip() for line in lines):
            raise DataError(Problem(shown, None, None, None, "the article is empty"))
        self.byline = lines[0].strip()
        self.paragraphs: list[Paragraph] = []
        self.related = RelatedLinks()
        for lineno, raw in enumerate(lines[1:], start=2):
            line = raw.strip()
            if not line:
                continue
            if line.startswith(prefix):
                self.related.append(RelatedLink(line[len(prefix):].strip(), lineno, len(self.paragraphs)))
            else:
                self.paragraphs.append(Paragraph(len(self.paragraphs) + 1, line, lineno))
        if not self.paragraphs:
            raise DataError(Problem(shown, 1, None, None,
                                    "has a byline but no paragraphs (one paragraph per line after it)"))
        byline = re.match(r"By (.+?) for (.+)$", self.byline)
        self.author = meta.get("author") or (byline.group(1) if byline else None)
        self.outlet = meta.get("outlet") or (byline.group(2) if byline else None)
        self.date = meta.get("date")
        self.description = meta.get("description")
        self._actors = actors

    # --- reading -------------------------------------------------------------
    def paragraph(self, number: int) -> Paragraph:
        """Paragraph ``number`` (counted from 1, "Read:" lines not counted).

        A number the article does not have raises :class:`~coursekit.errors.CourseError`
        saying which numbers it has.

        >>> print(load_article().paragraph(25).text[:31])
        Malians voted on Sunday in a re
        """
        last = len(self.paragraphs)
        if isinstance(number, str) and number.strip().isdigit():
            number = int(number)
        if isinstance(number, bool) or not isinstance(number, int):
            raise CourseError(f"a paragraph is a number from 1 to {last}, such as 3; "
                              f"{number!r} is not a paragraph number")
        if not 1 <= number <= last:
            raise CourseError(f"the article has paragraphs 1 to {last}; there is no paragraph {number}")
        return self.paragraphs[number - 1]

    def show(self, *numbers: int) -> Paragraphs:
        """The paragraphs ``numbers``, in the order given, each with its number.

        In a lesson: ``article.show(3, 11, 13)`` shows paragraphs 3, 11 and 13.

        >>> print(load_article().show(2, 3))  # doctest: +ELLIPSIS
        [2] The junta of the West African nation had announced the decision on Friday, ...
        [3] “The government of Mali calls for the withdrawal without delay of Minusma,” ...
        """
        if not numbers:
            raise CourseError(f"say which paragraphs to show, e.g. article.show(3) or "
                              f"article.show(3, 11, 13); the article has paragraphs 1 to "
                              f"{len(self.paragraphs)}")
        return Paragraphs(self.paragraph(n) for n in numbers)

    def sentences(self) -> list[tuple[int, str]]:
        """Every sentence, with its paragraph number."""
        return [(p.number, s) for p in self.paragraphs for s in p.sentences()]

    @property
    def word_count(self) -> int:
        """Words in the paragraphs (byline and related links not counted)."""
        return sum(p.words for p in self.paragraphs)

    def structure(self) -> str:
        """A short plain-text summary of how the article is built."""
        longest = max(self.paragraphs, key=lambda p: p.words)
        return (
            f"{self.byline}\n"
            f"{len(self.paragraphs)} paragraphs, {len(self.sentences())} sentences, "
            f"{self.word_count} words\n"
            f"{len(self.related)} related-story links (not part of the text), after paragraphs "
            f"{', '.join(str(r.after_paragraph) for r in self.related)}\n"
            f"longest paragraph: {longest.number} ({longest.words} words); "
            f"average {self.word_count / len(self.paragraphs):.1f} words"
        )

    def find(self, word: str, width: int = 40) -> Hits:
        """Keyword in context: every place ``word`` occurs (case-insensitive, whole words at
        the start, so "consent" also finds "consents"), with ``width`` characters around it.

        >>> print(load_article().find("referendum"))
        1 hit(s) for "referendum" in paragraph(s) 25
        ¶25  …Malians voted on Sunday in a [referendum] proposing constitutional amendments ahe…
        """
        if not isinstance(word, str):
            raise CourseError(f'search for a word in quotation marks, such as article.find("Wagner"); '
                              f"{word!r} is not a word in quotes")
        word = word.strip()
        if not word:
            return Hits(word, [])
        pattern = re.compile(r"\b" + re.escape(word.translate(_APOSTROPHES)), re.IGNORECASE)
        hits = []
        for p in self.paragraphs:
            text = p.text.translate(_APOSTROPHES)
            for m in pattern.finditer(text):
                before = p.text[max(0, m.start() - width):m.start()]
                after = p.text[m.end():m.end() + width]
                hits.append(Hit(p.number, before, p.text[m.start():m.end()], after))
        return Hits(word, hits)

    # --- actors --------------------------------------------------------------
    @property
    def actors(self) -> Actors:
        if self._actors is None:
            self._actors = load_actors(self.data_dir)
        return self._actors

    def _alias_regex(self) -> re.Pattern:
        aliases = sorted(self.actors.alias_map(), key=len, reverse=True)
        alts = "|".join(re.escape(a.translate(_APOSTROPHES)) for a in aliases)
        return re.compile(rf"(?<![\w-])(?:{alts})(?![\w])") if alts else re.compile(r"(?!x)x")

    def actor_spans(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, actor id) of every actor named in ``text``, longest alias first."""
        amap = {k.translate(_APOSTROPHES): v for k, v in self.actors.alias_map().items()}
        return [(m.start(), m.end(), amap[m.group(0)])
                for m in self._alias_regex().finditer(text.translate(_APOSTROPHES))]

    def quotations(self) -> Quotations:
        """The direct quotations, one per paragraph, with who said them.

        The speaker is the actor named just before the verb of saying ("Diop said",
        "Diop told"); "it said" points back to the last actor named before the quote.

        >>> for q in load_article().quotations(): print(q.paragraph, q.speaker_id)
        3 diop
        13 diop
        23 us-state-department
        """
        out = Quotations()
        last_speaker: str | None = None
        for p in self.paragraphs:
            spans = self.actor_spans(p.text)
            quotes = list(_QUOTE.finditer(p.text))
            quoted_ranges = [(m.start(), m.end()) for m in quotes]
            outside = [s for s in spans if not any(a <= s[0] < b for a, b in quoted_ranges)]
            if quotes:
                speaker = self._speaker(p.text, quoted_ranges, outside, last_speaker)
                text = " … ".join((m.group(1) or m.group(2)).strip() for m in quotes)
                name = self.actors[speaker].name if speaker else "unattributed"
                out.append(Quotation(p.number, text, speaker, name))
            speakers = [s for s in outside if self.actors[s[2]].kind in _SPEAKERS]
            if speakers:
                last_speaker = speakers[-1][2]
        return out

    def _speaker(self, text, quoted_ranges, outside, last_speaker):
        for verb in _SAYS.finditer(text):
            if any(a <= verb.start() < b for a, b in quoted_ranges):
                continue
            before = [s for s in outside if s[1] <= verb.start()]
            words_before = re.findall(r"\w+", text[:verb.start()])
            if words_before and words_before[-1].lower() in _PRONOUNS:
                return last_speaker
            if before:
                # the actor named nearest before the verb, within the clause
                return before[-1][2]
        return outside[0][2] if outside else last_speaker

    def mentions(self) -> Mentions:
        """Which paragraphs name each actor (through data/actors.yaml), and how often it is quoted.

        Actors the article never names are left out; see :meth:`absent`.
        """
        paras: dict[str, set[int]] = {}
        counts: dict[str, int] = {}
        for p in self.paragraphs:
            for _, _, aid in self.actor_spans(p.text):
                paras.setdefault(aid, set()).add(p.number)
                counts[aid] = counts.get(aid, 0) + 1
        quoted: dict[str, int] = {}
        for q in self.quotations():
            if q.speaker_id:
                quoted[q.speaker_id] = quoted.get(q.speaker_id, 0) + 1
        rows = [
            Mention(a.id, a.name, tuple(sorted(paras[a.id])), counts[a.id], quoted.get(a.id, 0))
            for a in self.actors if a.id in paras
        ]
        order = {a: i for i, a in enumerate(self.actors.ids())}
        rows.sort(key=lambda m: (-len(m.paragraphs), -m.count, order[m.actor_id]))
        return Mentions(rows)

    def absent(self) -> list[str]:
        """Names of actors in data/actors.yaml that the article never names."""
        named = {m.actor_id for m in self.mentions()}
        return [a.name for a in self.actors if a.id not in named]

    # --- display -------------------------------------------------------------
    def __str__(self) -> str:
        parts = [self.byline, ""]
        related = {r.after_paragraph: r for r in self.related}
        for p in self.paragraphs:
            parts.append(str(p))
            if p.number in related:
                parts.append(f"    ({related[p.number]})")
        return "\n".join(parts)

    def __repr__(self) -> str:
        return (f"<Article by {self.author} ({self.outlet}, {self.date}): "
                f"{len(self.paragraphs)} paragraphs, {len(self.related)} related links>")

    def _repr_html_(self) -> str:
        related = {r.after_paragraph: r for r in self.related}
        body = []
        for p in self.paragraphs:
            body.append(f"<p><small title='paragraph {p.number}'>[{p.number}]</small> {escape(p.text)}</p>")
            if p.number in related:
                body.append(f"<aside style='margin-left:2em;opacity:.8'><em>Related link, not part of "
                            f"the article: {escape(related[p.number].title)}</em></aside>")
        head = (f"<p><strong>{escape(self.description or 'Article')}</strong><br>"
                f"{escape(self.byline)} · {escape(str(self.date or 'date unknown'))}</p>")
        return head + "".join(body)


#: What data/article/article.yaml must look like (written to data/article.schema.json).
SCHEMA = record(
    title="data/article/article.yaml: the course's article and where it comes from",
    required=["author", "outlet", "date"],
    properties={
        "file": {"type": "string", "pattern": r"^[^/\\]+\.txt$",
                 "description": "must name a .txt file in data/article/ (without a folder)"},
        "author": TEXT_SCHEMA,
        "outlet": TEXT_SCHEMA,
        "date": TEXT_SCHEMA,
        "description": TEXT_SCHEMA,
        "sourcing": TEXT_SCHEMA,
        "use": TEXT_SCHEMA,
        "link_prefix": {**TEXT_SCHEMA, "description": "lines starting with this text are related-story "
                                                      "links, not paragraphs"},
    },
)


def _read(data: Path) -> Article:
    """The article of the data folder ``data``: the text file ``article.yaml`` names, or the
    folder's only .txt file when it names none."""
    meta_path = data / FOLDER / FILE_NAME
    meta = load_checked(meta_path, lambda raw, shown: schema_check(raw, SCHEMA, shown)) \
        if os.path.lexists(meta_path) else {}  # (a folder, FIFO or link loop there is named)
    cited = None
    if meta.get("file"):
        path = data / FOLDER / meta["file"]
        cited = (display_path(meta_path), meta.line_of("file") if isinstance(meta, LineDict) else None, "file")
    else:
        texts = sorted((data / FOLDER).glob("*.txt"))
        if len(texts) != 1:
            raise DataNotFoundError(
                f"{display_path(meta_path)}: no `file:` given and {len(texts)} .txt files in "
                f"{display_path(data / FOLDER)}; name the article file in `file:`")
        path = texts[0]
    if not os.path.lexists(path):
        raise DataNotFoundError(f"{display_path(path)}: the article file was not found (looked there "
                                f"because of {display_path(meta_path)}; set {DATA_ENV} or fix `file:`)")
    # only a regular file inside the data folder is read, whatever `file:` or a link says
    return Article(read_text(path, within=data, cited=cited), path=path, metadata=meta, data_dir=data)


def load_article(data_dir: str | Path | None = None) -> Article:
    """Load the course's article: the text file named in ``article/article.yaml`` of the data
    folder ``data_dir`` (found from the notebook's folder, or from the ``COURSEKIT_DATA``
    environment variable, when ``None``).

    >>> art = load_article()
    >>> art.paragraph(3).text[:40]
    '“The government of Mali calls for the wi'
    """
    try:
        data = data_folder(data_dir)
    except DataNotFoundError as exc:
        raise DataNotFoundError(f"cannot find the article: {exc}") from None
    return _read(data)


def check_article(data_dir: Path) -> list[Problem]:
    """Problems with the article and ``article/article.yaml`` (for ``coursekit validate``)."""
    try:
        _read(Path(data_dir))
    except DataError as exc:
        return exc.problems
    except DataNotFoundError as exc:
        return [Problem(display_path(Path(data_dir) / FOLDER / FILE_NAME), None, None, "file", str(exc))]
    return []
