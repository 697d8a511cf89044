"""The offline atlas's file: self-contained, deterministic, guarded, and made by the command line.
(How it behaves in a browser: tests/browser/test_offline_atlas.py.)"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import re

import folium
import pytest

from route_atlas import load_content, offline_atlas
from route_atlas.__main__ import main
from route_atlas.errors import CountryLevelError
from route_atlas.offline_atlas import build_atlas
from tests.conftest import edit


@pytest.fixture(scope="module")
def made(atlas):
    return build_atlas(atlas)


def test_the_same_content_gives_the_same_bytes(atlas, made):
    assert build_atlas(atlas).data == made.data


def test_a_content_change_changes_the_file(data_copy, made):
    edit(data_copy / "countries.csv", "The country across the border", "The neighbour across the border")
    changed = build_atlas(load_content(data_copy))
    assert changed.data != made.data
    assert "The neighbour across the border" in changed.html


def test_it_is_one_file_under_500_kb_that_names_no_address(made):
    assert len(made.data) <= 500_000, made.parts
    # The markup, without the scripts' text (Leaflet's holds the link of an attribution control
    # the atlas never shows).
    markup = re.sub(r"<script([^>]*)>.*?</script>", r"<script\1></script>", made.html, flags=re.S)
    assert not re.search(r"\ssrc=", markup), "nothing is loaded from anywhere"
    assert set(re.findall(r'href="(.)', markup)) == {"#"}, "every link stays inside the file"
    assert "url(" not in "".join(re.findall(r"<style>(.*?)</style>", made.html, flags=re.S))


def test_its_policy_allows_exactly_its_own_scripts_and_styles(made):
    policy = html.unescape(
        re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', made.html).group(1)
    )
    directives = dict(d.strip().split(" ", 1) for d in policy.split(";"))
    assert directives["default-src"] == "'none'"
    scripts = re.findall(r"<script>(.*?)</script>", made.html, flags=re.S)
    styles = re.findall(r"<style>(.*?)</style>", made.html, flags=re.S)
    assert directives["script-src"].split() == [digest(s) for s in scripts]
    assert directives["style-src"].split() == [digest(s) for s in styles]


def digest(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def test_the_map_in_it_passes_the_country_level_guard(atlas, monkeypatch):
    real = offline_atlas.build_map

    def with_a_town(content, **options):
        m = real(content, **options)
        folium.Marker([42.9, 129.8]).add_to(m)  # a town: refused, whoever adds it
        return m

    monkeypatch.setattr(offline_atlas, "build_map", with_a_town)
    with pytest.raises(CountryLevelError, match="Marker"):
        build_atlas(atlas)


def test_the_script_reads_each_steps_map_from_the_views(atlas, made):
    data = json.loads(
        re.search(r'<script type="application/json" id="atlas-data">(.*?)</script>', made.html).group(1)
    )
    assert [s["slug"] for s in data["steps"]] == [s.slug for s in atlas.steps]
    assert all(len(link) == 2 for s in data["steps"] for link in s["links"])
    assert sum(len(s["links"]) for s in data["steps"]) == sum(len(s.links) for s in atlas.steps)
    assert data["codes"] == list(atlas.countries)


def test_the_command_line_writes_the_kit(tmp_path, capsys):
    out = tmp_path / "kit"
    assert main(["export", "--out", str(out)]) == 0
    assert sorted(p.name for p in out.iterdir()) == ["README.txt", "atlas.html", "handout.pdf"]
    assert (out / "handout.pdf").read_bytes().startswith(b"%PDF")
    readme = (out / "README.txt").read_text(encoding="utf-8")
    assert "JAPAN Forward interview" in readme and "#kiosk" in readme
    assert "atlas.html" in capsys.readouterr().out


def test_the_command_line_never_writes_into_the_content_folder(data_copy, capsys):
    with pytest.raises(SystemExit):
        main(["export", "--data", str(data_copy), "--out", str(data_copy / "kit")])
    assert "inside the content folder" in capsys.readouterr().err
    assert not (data_copy / "kit").exists()
