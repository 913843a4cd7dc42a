"""The coursekit command: validate (every data file), exit codes and message form."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from coursekit.cli import main

ROOT = Path(__file__).resolve().parents[1]


def test_validate_real_data_passes(capsys):
    assert main(["validate", str(ROOT / "data")]) == 0
    out = capsys.readouterr().out
    assert out.startswith("OK: ") and "checked course, article, actors" in out


def test_validate_reports_each_problem_as_file_line_item_field(tmp_path, monkeypatch, capsys):
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    actors = data / "actors.yaml"
    actors.write_text(actors.read_text(encoding="utf-8").replace("kind: state", "kind: country", 1),
                      encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["validate", "data"]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert any(line.startswith("data/actors.yaml:") and ': actor "russia": kind: ' in line for line in lines), lines


def test_validate_without_data_folder_is_one_line_not_a_traceback(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "coursekit.cli", "validate", str(tmp_path)],
                          capture_output=True, text=True)
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    assert "not a course data folder" in proc.stderr


def test_grade_with_no_usable_export_is_one_line_and_exit_1(tmp_path, capsys):
    (tmp_path / "x.json").write_text("[]", encoding="utf-8")
    assert main(["grade", str(tmp_path / "x.json"), "--out", str(tmp_path / "g.csv")]) == 1
    err = capsys.readouterr().err
    assert err.startswith("coursekit grade: no export could be graded: ") and err.count("\n") == 1
    assert "x.json: is not a coursekit answers export" in err and not (tmp_path / "g.csv").exists()
