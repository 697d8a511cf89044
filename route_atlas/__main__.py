"""Command line: `python -m route_atlas check` checks every content file."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import ContentError, data_dir, load_content


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m route_atlas", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check", help="check every content file and list all problems")
    check.add_argument("--data", help="content folder (default: $ROUTE_ATLAS_DATA_DIR or data/)")
    args = parser.parse_args(argv)

    folder = args.data or data_dir()
    try:
        content = load_content(Path(folder))
    except ContentError as error:
        print(f"{len(error.problems)} problem(s) in {folder}:", file=sys.stderr)
        for problem in error.problems:
            print(f"  {problem}", file=sys.stderr)
        return 1
    print(
        f"{folder}: OK: {len(content.countries)} countries, {len(content.sources)} sources, "
        f"{len(content.excerpts)} excerpts, {len(content.steps)} journey steps, "
        "every quote found verbatim in its source, every journey line drawn from a source's list."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
