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


def test_python_tags_are_refused(tmp_path):
    p = tmp_path / "x.yaml"
    p.write_text("a: !!python/object/apply:os.system ['echo hacked']\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"x.yaml:1: YAML syntax"):
        load_yaml(p)


def test_duplicate_keys_are_an_error(tmp_path):
    p = tmp_path / "x.yaml"
    p.write_text("id: a\nid: b\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"x.yaml:2: YAML syntax: key 'id' appears twice"):
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
