"""coursekit.datafiles.paths: finding the data folder, or taking the one given."""
from __future__ import annotations

import pytest

from coursekit.datafiles.paths import course_root, data_dir, data_folder
from coursekit.errors import DataNotFoundError


def test_the_data_folder_is_found_from_a_notebook_folder(monkeypatch, data_dir):
    monkeypatch.delenv("COURSEKIT_DATA", raising=False)
    monkeypatch.chdir(data_dir.parent / "notebooks")
    assert data_folder().resolve() == data_dir.resolve()
    assert course_root() == data_dir.resolve().parent


def test_a_given_folder_is_taken_as_it_is(tmp_path):
    # a loader or checker reports what is missing from it; it is never swapped for another
    assert data_folder(tmp_path) == tmp_path
    with pytest.raises(DataNotFoundError, match="not a course data folder"):
        data_dir(tmp_path)


def test_the_environment_names_the_data_folder(tmp_path, monkeypatch, data_dir):
    monkeypatch.setenv("COURSEKIT_DATA", str(data_dir))
    monkeypatch.chdir(tmp_path)
    assert data_folder() == data_dir
