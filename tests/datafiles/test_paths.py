"""coursekit.datafiles.paths: finding the data folder, or taking the one given."""
from __future__ import annotations

import os

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


# -- what is at a path, checked before it is opened ----------------------------------------

def _one_line(exc: Exception) -> str:
    text = str(exc)
    assert "\n" not in text and len(text) < 300, text
    return text


def test_a_symbolic_link_loop_is_named(tmp_path, monkeypatch):
    from coursekit.datafiles.paths import checked_file
    from coursekit.errors import LinkLoopError

    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.yaml").symlink_to("b.yaml")
    (tmp_path / "b.yaml").symlink_to("a.yaml")
    with pytest.raises(LinkLoopError) as info:
        checked_file(tmp_path / "a.yaml")
    assert _one_line(info.value) == "a.yaml: is a loop of symbolic links"


def test_a_folder_is_not_a_file(tmp_path, monkeypatch):
    from coursekit.datafiles.paths import read_file_bytes
    from coursekit.errors import NotAFileError

    monkeypatch.chdir(tmp_path)
    (tmp_path / "actors.yaml").mkdir()
    with pytest.raises(NotAFileError) as info:
        read_file_bytes(tmp_path / "actors.yaml")
    assert _one_line(info.value) == "actors.yaml: is a folder, not a file"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are a POSIX feature")
def test_a_fifo_is_never_opened(tmp_path, monkeypatch):
    import threading

    from coursekit.datafiles.paths import read_file_bytes
    from coursekit.errors import NotAFileError

    monkeypatch.chdir(tmp_path)
    os.mkfifo(tmp_path / "timeline.csv")
    outcome: list = []

    def read():  # in a thread: were the FIFO opened, nothing would ever write to it
        try:
            read_file_bytes(tmp_path / "timeline.csv")
        except NotAFileError as exc:
            outcome.append(exc)

    worker = threading.Thread(target=read, daemon=True)
    worker.start()
    worker.join(10)
    assert outcome, "reading a FIFO hung"
    assert _one_line(outcome[0]) == "timeline.csv: is a named pipe (FIFO), not a file"


def test_a_device_is_not_a_file(tmp_path):
    from coursekit.datafiles.paths import checked_file
    from coursekit.errors import NotAFileError

    if not os.path.exists(os.devnull) or os.name == "nt":
        pytest.skip("no character device to point at")
    with pytest.raises(NotAFileError, match="is a device, not a file"):
        checked_file(os.devnull)


def test_a_path_outside_the_data_folder_is_refused_where_it_was_named(tmp_path, monkeypatch):
    from coursekit.datafiles.paths import checked_file
    from coursekit.errors import OutsideDataError

    monkeypatch.chdir(tmp_path)
    (tmp_path / "data").mkdir()
    (tmp_path / "secret.txt").write_text("x", encoding="utf-8")
    (tmp_path / "data" / "link.txt").symlink_to(tmp_path / "secret.txt")
    cited = ("data/article/article.yaml", 6, "file")
    for path in (tmp_path / "secret.txt", tmp_path / "data" / ".." / "secret.txt", tmp_path / "data" / "link.txt"):
        with pytest.raises(OutsideDataError) as info:
            checked_file(path, within=tmp_path / "data", cited=cited)
        text = _one_line(info.value)
        assert text.startswith("data/article/article.yaml:6: file: ") and "outside the course's data folder" in text
    assert checked_file(tmp_path / "data" / "link.txt") == tmp_path / "data" / "link.txt"  # no folder given


def test_display_path_survives_a_link_loop(tmp_path, monkeypatch):
    from coursekit.datafiles.paths import display_path

    monkeypatch.chdir(tmp_path)
    (tmp_path / "a").symlink_to("a")
    assert display_path(tmp_path / "a") == "a"
