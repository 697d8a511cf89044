"""Bad content, as a careless or a hostile editor would leave it: each case is a named problem on
its own file and line, `check` exits 1 in under a second of CPU (the wall clock of a busy 2-core
machine is not the check's), and no file is changed.

One table of cases: how the copy of data/ is broken, and the message expected.
"""

from __future__ import annotations

import hashlib
import time
import unicodedata
from collections.abc import Callable
from pathlib import Path

import pytest

from route_atlas import ContentError, load_content
from route_atlas.__main__ import main
from tests.conftest import edit
from tests.payloads import SAFE, poisoned

BOMB = "a: &a ['x','x','x','x','x','x','x','x','x']\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)},"
    f"*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)}]\n"
    for i in range(8)
)


def prepend(name: str, text: str) -> Callable[[Path], None]:
    def change(data: Path) -> None:
        path = data / name
        path.write_text(text + path.read_text(encoding="utf-8"), encoding="utf-8")

    return change


def replace(name: str, old: str, new: str) -> Callable[[Path], None]:
    return lambda data: edit(data / name, old, new)


def write_bytes(name: str, make: Callable[[bytes], bytes]) -> Callable[[Path], None]:
    def change(data: Path) -> None:
        path = data / name
        path.write_bytes(make(path.read_bytes()))

    return change


CASES = [
    pytest.param(
        prepend("excerpts.yaml", BOMB),
        "data/excerpts.yaml, line 1: an anchor (&a) is not allowed",
        id="alias-bomb",
    ),
    pytest.param(
        replace("journey.yaml", "- slug: opening", "- slug: &s opening"),
        "an anchor (&s) is not allowed here",
        id="anchor",
    ),
    pytest.param(
        replace("journey.yaml", "- slug: opening", "- slug: opening\n  slug: again"),
        "'slug' is given twice in one entry",
        id="duplicate-key",
    ),
    pytest.param(
        prepend("explore.yaml", "- x: " + "[" * 3000 + "]" * 3000 + "\n"),
        "data/explore.yaml, line 1: nested 7 levels deep; content files nest at most 6",
        id="deep-nesting",
    ),
    pytest.param(
        replace("sources.yaml", 'date: "2024-01-31"', "date: 2024-01-31"),
        'write the date in quotes, as "2024-01-31" (YYYY-MM-DD)',
        id="unquoted-date",
    ),
    pytest.param(
        replace("sources.yaml", 'date: "2024-01-31"', "date: 2024-02-30"),
        'write the date in quotes, as "2024-02-30"',
        id="unquoted-impossible-date",
    ),
    pytest.param(
        replace("journey.yaml", "- slug: opening", "- slug: opening\n  seconds: " + "9" * 5000),
        "a number of 5000 digits: numbers here have at most 18",
        id="five-thousand-digits",
    ),
    pytest.param(
        write_bytes(
            "countries.csv", lambda b: b.replace(b"transit,", "transit,caf\u00e9 ".encode("latin-1"), 1)
        ),
        "data/countries.csv, line 3: expected UTF-8 text, got the byte 0xe9: save the file as UTF-8",
        id="latin-1",
    ),
    pytest.param(
        replace("countries.csv", 'repatriated to North Korea.",', "repatriated to North Korea.,"),
        'data/countries.csv, line 3: a quote (") opens on this line and is not closed',
        id="unbalanced-csv-quote",
    ),
    pytest.param(
        write_bytes("excerpts.yaml", lambda b: b + b"# " + b"x" * 5_100_000 + b"\n"),
        "data/excerpts.yaml: is 5.1 MB; a content file may be at most 5 MB",
        id="too-big",
    ),
    pytest.param(
        write_bytes("excerpts.yaml", lambda b: b + b"# " + b"x" * 50_000_000 + b"\n"),
        "data/excerpts.yaml: is 50.0 MB; a content file may be at most 5 MB",
        id="fifty-megabytes",
    ),
    pytest.param(
        write_bytes("journey.yaml", lambda b: b""),
        "data/journey.yaml, line 1: expected a list of entries (each starting with '- ')",
        id="empty-file",
    ),
    pytest.param(
        lambda data: (data / "explore.yaml").unlink(),
        "data/explore.yaml: cannot be read: the file is not there",
        id="missing-file",
    ),
    pytest.param(
        replace("journey.yaml", "  countries: [VNM, LAO, MMR]", "  countries: [VNM, XYZ]"),
        'data/journey.yaml, line 76: country "XYZ" is not one of PRK, CHN, VNM, LAO, MMR, THA, MNG, KOR',
        id="unknown-code",
    ),
    pytest.param(
        replace(
            "journey.yaml",
            "  excerpts:\n    - journeys-through-countries\n    - routes-vary\n"
            "    - jungles-vietnam-laos\n    - detours-and-brokers\n",
            "  excerpts: []\n",
        ),
        "data/journey.yaml, line 77: excerpts: a step needs at least one excerpt id from excerpts.yaml",
        id="a-step-with-no-excerpts",
    ),
    pytest.param(
        replace("journey.yaml", "- slug: north-korea", "- slug: opening"),
        'data/journey.yaml, line 44: duplicate slug "opening" (first used on line 32)',
        id="duplicate-slug",
    ),
    pytest.param(
        replace("excerpts.yaml", "- id: sundance-audience-award", "- id: documentary-recorded-by-phones"),
        'data/excerpts.yaml, line 40: duplicate id "documentary-recorded-by-phones" (first used on line 28)',
        id="duplicate-id",
    ),
    pytest.param(
        replace("excerpts.yaml", "Audience Award at the 2023", "Audience Award at the 2024"),
        "data/excerpts.yaml, line 43: quote of sundance-audience-award is not found verbatim in "
        "sources/000_5e63ac12a3edf9cb.txt",
        id="quote-not-in-source",
    ),
    pytest.param(
        write_bytes("sources/000_5e63ac12a3edf9cb.txt", lambda b: b + b"\nA new line.\n"),
        "data/sources.yaml, line 8: sha256 of sources/000_5e63ac12a3edf9cb.txt is "
        "bf1712144357eb8e8c0e78b3610110a3f2cc1c728d9add2d75a0d96cec42a1c8, expected fc9584d0",
        id="changed-source-text",
    ),
    pytest.param(
        write_bytes(
            "boundaries/region.geojson", lambda b: b.replace(b'"type":"MultiPolygon"', b'"type":"Point"', 1)
        ),
        "data/boundaries/region.geojson, line 2: feature 0 (AFG) must be a Feature with a Polygon or "
        "MultiPolygon geometry and the properties iso3 and name (text), got type 'Feature', "
        "geometry type 'Point'",
        id="a-point-in-the-boundaries",
    ),
]


def snapshot(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in folder.rglob("*")
        if p.is_file()
    }


@pytest.mark.parametrize("change, expected", CASES)
def test_each_bad_file_is_a_named_problem_in_under_a_second(data_copy, capsys, change, expected):
    change(data_copy)
    before = snapshot(data_copy)
    start = time.process_time()
    assert main(["check", "--data", str(data_copy)]) == 1
    took = time.process_time() - start
    err = capsys.readouterr().err
    assert expected in err, err
    assert "Traceback" not in err
    assert took < 1.0, f"check took {took:.2f} s of CPU"
    assert snapshot(data_copy) == before, "check changed a file"


def test_an_unbalanced_csv_quote_is_blamed_on_its_own_line_only(data_copy):
    edit(data_copy / "countries.csv", 'repatriated to North Korea.",', "repatriated to North Korea.,")
    with pytest.raises(ContentError) as raised:
        load_content(data_copy)
    files = {problem.file for problem in raised.value.problems}
    assert files == {"data/countries.csv"}, [str(p) for p in raised.value.problems]


def test_a_byte_order_mark_is_accepted_in_every_file(data_copy):
    for name in ("countries.csv", "excerpts.yaml", "journey.yaml", "sources.yaml", "explore.yaml"):
        path = data_copy / name
        path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert len(load_content(data_copy).countries) == 8


@pytest.mark.parametrize("word", ["caf\u00e9", "\uae40\uc131\uc740"], ids=["accent", "korean"])
def test_a_quote_that_differs_only_by_unicode_normalisation_is_named_as_such(data_copy, capsys, word):
    source = data_copy / "sources" / "000_5e63ac12a3edf9cb.txt"
    old_sum = hashlib.sha256(source.read_bytes()).hexdigest()
    edit(source, "missionary trip", f"missionary trip to {word}")  # the source composed (NFC)
    edit(data_copy / "sources.yaml", old_sum, hashlib.sha256(source.read_bytes()).hexdigest())
    decomposed = unicodedata.normalize("NFD", word)  # Hangul syllables come apart into jamo
    assert decomposed != word
    edit(data_copy / "excerpts.yaml", "missionary trip", f"missionary trip to {decomposed}")
    assert main(["check", "--data", str(data_copy)]) == 1
    err = capsys.readouterr().err
    assert "data/excerpts.yaml, line" in err and "quote of tumen-river-2000" in err, err
    assert "only after Unicode normalisation" in err, err


@pytest.mark.parametrize(
    "typed, expected",
    [
        ("China\x00", "holds an invisible control character (U+0000)"),
        ("China \u202eevil", "opens a text direction (U+202E) and never closes it"),
        ("China :material/home:", "holds ':material/home:', which the app would draw as an icon"),
        ("China :red[alarm]", "holds ':red[', which the app would draw as an icon or colour"),
        ("China https://example.org", "holds a web address (https:…)"),
        ("China <img src=x>", "holds an HTML tag"),
    ],
)
def test_text_that_escaping_cannot_make_harmless_is_refused_where_it_is_typed(
    data_copy, capsys, typed, expected
):
    path = data_copy / "countries.csv"
    path.write_text(
        path.read_text(encoding="utf-8").replace("CHN,China,", f'CHN,"{typed}",', 1), encoding="utf-8"
    )
    assert main(["check", "--data", str(data_copy)]) == 1
    err = capsys.readouterr().err
    assert f"data/countries.csv, line 3: name: {expected}" in err, err


# --- payloads: what escaping alone cannot make harmless, refused in every field a reader sees --

REFUSED = [
    ("<script>window.x=1</script>", "holds an HTML tag"),
    ('<img src=x onerror="window.x=2">', "holds an HTML tag"),
    ("</script><script>window.x=3", "holds an HTML tag"),
    ("[x](javascript:window.x=4)", "holds a web address (javascript:…)"),
    ("![](http://127.0.0.2/markdown.png)", "holds a web address (http:…)"),
    ("s{background:url(http://127.0.0.2/css.png)}", "holds a web address (http:…)"),
    (":material/home:", "holds ':material/home:', which the app would draw as an icon"),
    (":red[x]", "holds ':red[', which the app would draw as an icon or colour"),
    ("\u202eopen", "opens a text direction (U+202E) and never closes it"),
    ("\x00", "holds an invisible control character (U+0000)"),
    ("x" * 20_000, "characters long; a text here may be at most 2,000"),
]
# (file, field) of every text poisoned() puts the payload in, each reported on its own line.
POISONED_FIELDS = [
    ("countries.csv", "name"),
    ("countries.csv", "description"),
    ("sources.yaml", "short_title"),
    ("sources.yaml", "publisher"),
    ("sources.yaml", "notes"),
    ("excerpts.yaml", "text"),
    ("journey.yaml", "title"),
    ("journey.yaml", "note"),
    ("explore.yaml", "title"),
]


@pytest.mark.parametrize("payload, expected", REFUSED, ids=[p[:24] for p, _ in REFUSED])
def test_a_payload_in_every_text_field_is_refused_in_each_at_once(data_copy, capsys, payload, expected):
    poisoned(data_copy, payload)
    before = snapshot(data_copy)
    start = time.process_time()
    assert main(["check", "--data", str(data_copy)]) == 1
    took = time.process_time() - start
    err = capsys.readouterr().err
    for name, field in POISONED_FIELDS:
        said = [line for line in err.splitlines() if line.startswith(f"  data/{name}, line ")]
        assert any(f": {field}: " in line and expected in line for line in said), (name, field, err)
    assert "Traceback" not in err
    assert took < 1.0, f"check took {took:.2f} s of CPU"
    assert snapshot(data_copy) == before


def test_what_escaping_makes_harmless_passes_and_hangul_is_named_for_the_handout(data_copy, capsys):
    poisoned(data_copy, SAFE)
    assert main(["check", "--data", str(data_copy)]) == 0
    notes = [line for line in capsys.readouterr().err.splitlines() if line.startswith("note: ")]
    files = {line.split(",")[0].removeprefix("note: ") for line in notes}
    assert files == {f"data/{name}" for name, _ in POISONED_FIELDS}, notes
    assert all("has no '라' (U+B77C), '오' (U+C624), '스' (U+C2A4)" in line for line in notes), notes


def test_windows_line_endings_are_read_as_any_other(data_copy):
    for name in ("countries.csv", "excerpts.yaml", "journey.yaml", "sources.yaml", "explore.yaml"):
        path = data_copy / name
        path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    assert main(["check", "--data", str(data_copy)]) == 0
