"""coursekit.datafiles.yamlfile: safe YAML with lines, UTF-8 reading."""
from __future__ import annotations

import pytest

from coursekit.datafiles.yamlfile import load_yaml, read_text
from coursekit.errors import DataError, DataNotFoundError


def test_lines_are_kept_for_mappings_and_lists(tmp_path):
    p = tmp_path / "x.yaml"
    p.write_text("a: 1\nitems:\n  - id: q1\n    prompt: hi\n  - id: q2\n", encoding="utf-8")
    data = load_yaml(p)
    assert data.line_of("items") == 2
    assert data["items"].item_lines == [3, 5]
    assert data["items"][1].line_of("id") == 5


@pytest.mark.parametrize("text, message", [
    pytest.param("a: !!python/object/apply:os.system ['echo hacked']\n", r"x.yaml:1: YAML syntax",
                 id="python-tag"),
    pytest.param("id: a\nid: b\n", r"x.yaml:2: YAML syntax: key 'id' appears twice", id="duplicate-key"),
    pytest.param("a: &loop [1, *loop]\n", r"x.yaml:1: .*alias \(\*name\) is used inside its own anchor",
                 id="alias-inside-its-own-anchor"),
])
def test_tags_duplicate_keys_and_self_referring_aliases_are_refused_naming_the_line(tmp_path, text, message):
    p = tmp_path / "x.yaml"
    p.write_text(text, encoding="utf-8")
    with pytest.raises(DataError, match=message):
        load_yaml(p)


def test_not_utf8_and_missing(tmp_path):
    p = tmp_path / "x.yaml"
    p.write_bytes(b"a: 1\nb: \xe9\n")
    with pytest.raises(DataError, match=r"x.yaml:2: is not UTF-8 text \(byte 0xe9\)"):
        read_text(p)
    with pytest.raises(DataNotFoundError, match="nope.yaml: file not found"):
        read_text(tmp_path / "nope.yaml")


def test_dates_stay_the_text_they_were_written_as(tmp_path):
    # as in JSON and in an editor's YAML support, so the schemas check them as texts
    p = tmp_path / "x.yaml"
    p.write_text("date: 2023-06-30\nyear: 2013\nquoted: \"2022-07\"\n", encoding="utf-8")
    assert load_yaml(p) == {"date": "2023-06-30", "year": 2013, "quoted": "2022-07"}


# -- aliases, byte-order marks, line endings, excerpts ----------------------------------

#: A "billion laughs" in one field's value (under 1 KB): nine levels of nine aliases.
BOMB = "[&a [lol, lol, lol, lol, lol, lol, lol, lol, lol], " + ", ".join(
    f"&{b} [{', '.join([f'*{a}'] * 9)}]" for a, b in zip("abcdefgh", "bcdefghi")) + ", *i]"


def test_an_alias_bomb_is_refused_quickly_in_one_line_naming_file_line_and_field(tmp_path, monkeypatch):
    import time

    monkeypatch.chdir(tmp_path)
    p = tmp_path / "x.yaml"
    p.write_text(f"id: a\ntitle: {BOMB}\n", encoding="utf-8")
    start = time.perf_counter()
    with pytest.raises(DataError) as info:
        load_yaml(p)
    assert time.perf_counter() - start < 2
    message = str(info.value)
    assert message.startswith("x.yaml:2: title: aliases (*name) would repeat their anchors")
    assert "\n" not in message and len(message) < 300


def test_a_few_aliases_still_load(tmp_path):
    # voices.yaml repeats a caveat this way; merge keys repeat defaults
    p = tmp_path / "x.yaml"
    p.write_text("a: &note Said in Bamako.\nb: *note\nbase: &base {points: 1}\nq: {<<: *base, id: q1}\n",
                 encoding="utf-8")
    assert load_yaml(p) == {"a": "Said in Bamako.", "b": "Said in Bamako.", "base": {"points": 1},
                            "q": {"points": 1, "id": "q1"}}


def test_aliases_may_not_grow_a_file_past_its_own_size_plus_the_margin(tmp_path):
    from coursekit.datafiles.yamlfile import MAX_ALIAS_GROWTH

    p = tmp_path / "x.yaml"
    # one list of 1,000 items, repeated by aliases just over the margin's worth of times
    times = MAX_ALIAS_GROWTH // 1000 + 2
    p.write_text("list: &l [" + ", ".join(["x"] * 1000) + "]\nmore: [" + ", ".join(["*l"] * times) + "]\n",
                 encoding="utf-8")
    with pytest.raises(DataError, match=r"x.yaml:2: more: aliases"):
        load_yaml(p)
    p.write_text("list: &l [" + ", ".join(["x"] * 1000) + "]\nmore: [" + ", ".join(["*l"] * 50) + "]\n",
                 encoding="utf-8")
    assert len(load_yaml(p)["more"]) == 50


@pytest.mark.parametrize("bom", [b"", b"\xef\xbb\xbf"])
@pytest.mark.parametrize("newline", [b"\n", b"\r\n"])
def test_a_bom_and_windows_line_endings_are_read_as_plain_text(tmp_path, bom, newline):
    p = tmp_path / "x.yaml"
    p.write_bytes(bom + newline.join([b"# yaml-language-server: $schema=x.schema.json", b"a: 1", b"b: two", b""]))
    assert read_text(p) == "# yaml-language-server: $schema=x.schema.json\na: 1\nb: two\n"
    data = load_yaml(p)
    assert data == {"a": 1, "b": "two"} and data.line_of("b") == 3


def test_utf16_is_named(tmp_path):
    p = tmp_path / "x.csv"
    p.write_bytes("a,b\n".encode("utf-16"))
    with pytest.raises(DataError, match=r"x.csv:1: is UTF-16 text .*save it as UTF-8"):
        read_text(p)


def test_excerpts_are_short_and_on_one_line():
    from coursekit.datafiles.yamlfile import excerpt, short_repr

    big = "word " * 100_000
    for text in (excerpt(big), excerpt([big] * 1000), short_repr(big), short_repr({"k": [big] * 1000}),
                 excerpt("a\nb" * 1000)):
        assert len(text) <= 70 and "\n" not in text
