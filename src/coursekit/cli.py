"""The `coursekit` command: instructors' checks, exports and grading."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from coursekit.errors import CourseError


def _validate(args: argparse.Namespace) -> int:
    from coursekit.datafiles.paths import data_dir
    from coursekit.datafiles.validate import report, write_schemas
    from coursekit.datafiles.yamlfile import display_path

    data = data_dir(args.path)
    if args.write_schemas:
        for path in write_schemas(data):
            print(f"wrote {display_path(path)}")
        return 0
    lines, ready = report(data)
    if ready:
        print("\n".join(lines))
        return 0
    print("\n".join(lines[:-1]))
    print(lines[-1], file=sys.stderr)
    return 1


def _export(args: argparse.Namespace) -> int:
    from coursekit.quizzes.lms import export_bank

    out, warnings = export_bank(args.bank, args.format, args.out)
    for warning in warnings:
        print(f"warning: {warning}", file=sys.stderr)
    print(f"wrote {out}")
    return 0


def _grade(args: argparse.Namespace) -> int:
    from coursekit.progress.gradebook import grade_exports

    book = grade_exports([Path(p) for p in args.exports], Path(args.out), fmt=args.format,
                         roster=Path(args.roster) if args.roster else None)
    print(book.report())
    return 0


def _build_site(args: argparse.Namespace) -> int:
    from coursekit.site.build import build_site

    print(build_site(Path(args.out), execute=not args.stored_outputs))
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="coursekit",
        description="Instructor tools for the coursekit peacekeeping course.",
    )
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("validate", help="check every data file before class")
    p.add_argument("path", nargs="?", help="the data folder (default: found from here)")
    p.add_argument("--write-schemas", action="store_true",
                   help="write the data files' JSON Schemas (*.schema.json) into the data folder")
    p.set_defaults(func=_validate)

    p = sub.add_parser("export", help="export a question bank for an LMS")
    p.add_argument("--format", choices=["gift", "moodle", "qti"], default="gift",
                   help="gift: Moodle GIFT (some types left out); moodle: Moodle XML (every type); "
                        "qti: a QTI 1.2 zip for Canvas (every type)")
    p.add_argument("bank", help="a question bank, e.g. data/quizzes/01_reading_the_article.yaml")
    p.add_argument("-o", "--out", help="output file (default: the bank's path with .gift, .xml or .zip)")
    p.set_defaults(func=_export)

    p = sub.add_parser("grade", help="regrade students' answer exports into a gradebook CSV")
    p.add_argument("exports", nargs="+", help="the students' exported answer files (or folders of them)")
    p.add_argument("--out", required=True, help="the gradebook CSV to write (written answers and flags "
                                                "go beside it: NAME-written.csv, NAME-flags.csv)")
    p.add_argument("--format", choices=["csv", "moodle", "canvas"], default="csv",
                   help="csv (default), or the grade-import CSV of Moodle or Canvas")
    p.add_argument("--roster", help="a class list CSV (a name column and the LMS's id columns) "
                                    "that fills in the student ids of --format moodle/canvas")
    p.set_defaults(func=_grade)

    p = sub.add_parser("build-site", help="write the course as static web pages (no Python needed to use them)")
    p.add_argument("-o", "--out", default="site", help="the folder to write (default: site/)")
    p.add_argument("--stored-outputs", action="store_true",
                   help="use the notebooks' stored outputs instead of executing them (quicker, fewer outputs)")
    p.set_defaults(func=_build_site)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except CourseError as exc:
        print(f"coursekit {args.command}: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
