"""Payloads for the injection tests: text a careless or hostile editor could type into every
field a reader sees, and a copy of the content with it there (tests/browser/test_injection.py
shows them on every surface; tests/unit/test_bad_content.py has the check refuse them).
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import pandas as pd

from tests.conftest import edit

SAFE = "${alert(1)} a ` tick, back\\`slash, \\href{#}{x} $x^2$ 라오스 \u202eevil\u202c end"
SOURCE_FILE = "000_5e63ac12a3edf9cb.txt"


def unsafe(listener: str) -> str:
    return (
        '<script>window.__pwned=1</script> <img src=x onerror="window.__pwned=2"> '
        "</script><script>window.__pwned=3</script> [x](javascript:window.__pwned=4) "
        f'![]({listener}/markdown.png) <span style="background:url({listener}/css.png)">s</span> '
        f"url({listener}/bare.png) :material/home: :red[x] \u202eopen"
    )


def quoted(text: str) -> str:
    """`text` as a double-quoted YAML scalar (JSON's string syntax is YAML's), characters as typed."""
    return json.dumps(text, ensure_ascii=False)


def poisoned(data: Path, payload: str) -> Path:
    """The copy of data/ with `payload` after every text a reader sees."""
    tag = " " + payload
    countries = pd.read_csv(data / "countries.csv", dtype=str, keep_default_na=False)
    laos = countries["iso3"] == "LAO"
    countries.loc[laos, "other_names"] = "Laos; Laotian"  # the quotations still name Laos
    countries.loc[laos, "name"] = "Laos" + tag
    countries.loc[laos, "description"] += tag
    countries.to_csv(data / "countries.csv", index=False, lineterminator="\n")

    source = data / "sources" / SOURCE_FILE
    old_sum = hashlib.sha256(source.read_bytes()).hexdigest()
    source.write_text(source.read_text(encoding="utf-8") + f"\nIn Laos{tag}.\n", encoding="utf-8")
    edit(data / "sources.yaml", old_sum, hashlib.sha256(source.read_bytes()).hexdigest())
    edit(
        data / "sources.yaml",
        "  publisher: JAPAN Forward",
        f"  publisher: {quoted('JAPAN Forward' + tag)}",
    )
    edit(
        data / "sources.yaml",
        "  short_title: JAPAN Forward interview",
        f"  short_title: {quoted('JAPAN Forward interview' + tag)}",
    )
    edit(data / "sources.yaml", "  notes:\n", f"  notes:\n    - {quoted(payload)}\n")
    (data / "excerpts.yaml").write_text(
        (data / "excerpts.yaml").read_text(encoding="utf-8")
        + "\n- id: injected\n  source: japan-forward\n  kind: quote\n"
        + f"  text: {quoted('In Laos' + tag + '.')}\n  countries: [LAO]\n  topic: routes\n"
        + "  speaker: ''\n  content_note: ''\n",
        encoding="utf-8",
    )
    journey = (data / "journey.yaml").read_text(encoding="utf-8")
    opening = re.search(r"- slug: opening\n  title: (.*)\n", journey)
    journey = journey.replace(
        opening.group(0),
        f"- slug: opening\n  title: {quoted(opening.group(1) + tag)}\n",
    )
    note = "  note: >-\n    The interview spells his name Kim Seungeun; the article spells it Kim Seongeun.\n"
    journey = journey.replace(note, f"  note: {quoted(note.split(chr(10))[1].strip() + tag)}\n", 1)
    journey = re.sub(
        r"(- slug: southern-routes\n(?:  .*\n|    .*\n)*?  excerpts:\n)", r"\1    - injected\n", journey
    )
    # A line's list sentence names Laos by its name, which is no longer "Laos": those lines go.
    journey = journey.replace("    - {from: VNM, to: LAO, list: journeys-through-countries}\n", "")
    journey = journey.replace(
        "  links:\n    - {from: LAO, to: THA, list: journeys-through-countries}\n", "  links: []\n"
    )
    (data / "journey.yaml").write_text(journey, encoding="utf-8")
    edit(
        data / "explore.yaml",
        "  title: Where the journeys run",
        f"  title: {quoted('Where the journeys run' + tag)}",
    )
    return data
