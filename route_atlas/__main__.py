"""Command line: `python -m route_atlas check` checks every content file;
`python -m route_atlas handout --out FILE.pdf` makes the PDF handout of the guided journey;
`python -m route_atlas export --out DIR` writes the offline atlas (atlas.html, handout.pdf, README.txt)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import ContentError, data_dir, load_content
from .checks import COUNTRIES_FILE, EXCERPTS_FILE, EXPLORE_FILE, JOURNEY_FILE, SOURCES_FILE
from .content import DEFAULT_DATA_DIR
from .schema import NOTES_SETTINGS  # not from .handout: its PDF library loads only when used
from .words import content_problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m route_atlas", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check", help="check every content file and list all problems")
    check.add_argument("--data", help="content folder (default: $ROUTE_ATLAS_DATA_DIR or data/)")
    handout = commands.add_parser("handout", help="write the journey as a PDF handout")
    handout.add_argument(
        "--out", required=True, help="the PDF file to write (never inside the content folder)"
    )
    handout.add_argument(
        "--notes",
        choices=NOTES_SETTINGS,
        default="ask",
        help="content-noted excerpts: ask (boxed warning before them), show, or hide (default: ask)",
    )
    handout.add_argument("--data", help="content folder (default: $ROUTE_ATLAS_DATA_DIR or data/)")
    export = commands.add_parser(
        "export", help="write the offline atlas: atlas.html (one file, no server), handout.pdf, README.txt"
    )
    export.add_argument("--out", required=True, help="the folder to write (never inside the content folder)")
    export.add_argument("--data", help="content folder (default: $ROUTE_ATLAS_DATA_DIR or data/)")
    args = parser.parse_args(argv)

    folder = args.data or data_dir()
    if args.command in ("handout", "export"):
        out = Path(args.out)
        for content_folder in dict.fromkeys((Path(folder).resolve(), DEFAULT_DATA_DIR.resolve())):
            if out.resolve().is_relative_to(content_folder):
                parser.error(f"--out {out} is inside the content folder {content_folder}; write it elsewhere")
    try:
        content = load_content(Path(folder))
    except ContentError as error:
        print(f"{content_problems(len(error.problems))} in {folder}:", file=sys.stderr)
        for problem in error.problems:
            print(f"  {problem}", file=sys.stderr)
        return 1
    for gap in _font_gaps(Path(folder)):
        print(f"note: {gap}", file=sys.stderr)
    if args.command == "handout":
        return _write_handout(content, out, args.notes)
    if args.command == "export":
        return _write_kit(content, out)
    print(
        f"{folder}: OK: {len(content.countries)} countries, {len(content.sources)} sources, "
        f"{len(content.excerpts)} excerpts, {len(content.steps)} journey steps, "
        "every quote found verbatim in its source, every excerpt's countries named in its text, "
        "every journey line drawn from a source's list, the boundaries file as it was built."
    )
    return 0


def _font_gaps(folder: Path) -> list[str]:
    """What the handout cannot print, by file and line: a note, since the app shows it."""
    from .glyphs import gaps

    names = (COUNTRIES_FILE, SOURCES_FILE, EXCERPTS_FILE, JOURNEY_FILE, EXPLORE_FILE)
    return [gap for name in names for gap in gaps(folder / name, f"{folder.name}/{name}")]


def _write_handout(content, out: Path, notes: str) -> int:
    from .handout import render_handout

    made = render_handout(content, notes)
    try:
        out.write_bytes(made.data)
    except OSError as error:
        print(f"cannot write {out}: {error.strerror or error}", file=sys.stderr)
        return 1
    print(f"{out}: {made.pages} pages, {len(made.data)} bytes (content notes: {notes})")
    return 0


def _write_kit(content, out: Path) -> int:
    from .offline_atlas import write_kit

    try:
        sizes = write_kit(content, out)
    except OSError as error:
        print(f"cannot write {out}: {error.strerror or error}", file=sys.stderr)
        return 1
    print(f"{out}: " + ", ".join(f"{name} {size:,} bytes" for name, size in sizes.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
