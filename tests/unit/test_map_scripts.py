import json
import re
import shutil
import subprocess

import folium
import pytest

from route_atlas.map_scripts import (
    CLICKER_KEYS,
    JS_DIR,
    ROUTE_COUNTRY_JS,
    ClickerKeyForwarder,
    CountryNames,
    Legend,
    MarkSelection,
    MarkStep,
    SelectionMarker,
    StepMarker,
)

SCRIPT_FILES = sorted(path.name for path in JS_DIR.glob("*.js"))
HOSTILE = ["<img src=x onerror=alert(1)>", "</script><script>alert(1)//", "a & b", "O'Brien"]


def rendered(*elements) -> str:
    """The whole page of a bare map holding these elements, rendered as folium renders it."""
    m = folium.Map(tiles=None)
    for element in elements:
        element.add_to(m)
    return m.get_root().render()


def as_json(value) -> str:
    """`value` as Jinja's `|tojson` writes it into a page: <, >, & and ' as \\u escapes."""
    text = json.dumps(value)
    for character in "<>&'":
        text = text.replace(character, f"\\u{ord(character):04x}")
    return text


def test_every_script_file_is_one_function_expression():
    assert SCRIPT_FILES == [
        "clicker_keys.js",
        "country_names.js",
        "legend.js",
        "route_country.js",
        "selection.js",
        "stage.js",
        "touch.js",
    ]
    for name in SCRIPT_FILES:
        text = (JS_DIR / name).read_text(encoding="utf-8")
        assert re.match(r"/\*.*?\*/\s*function \(", text, re.DOTALL), (
            f"{name} starts with a comment, then a function"
        )
        assert "innerHTML" not in text and "insertAdjacentHTML" not in text, f"{name} writes HTML"


@pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed")
@pytest.mark.parametrize("name", SCRIPT_FILES)
def test_every_script_file_parses(name):
    check = "const src = require('fs').readFileSync(0, 'utf8'); new Function('return (' + src + ');');"
    parsed = subprocess.run(
        ["node", "-e", check],
        input=(JS_DIR / name).read_text(encoding="utf-8"),
        capture_output=True,
        text=True,
    )
    assert parsed.returncode == 0, parsed.stderr


@pytest.mark.parametrize(
    "element, call",
    [
        (
            Legend([("#b2182b", "Origin")], "Country level only"),
            '[["#b2182b", "Origin"]], "Country level only", false);',
        ),
        (SelectionMarker({"CHN": "China"}), '{"CHN": "China"});'),
        (StepMarker(["Bold", "Dashed"]), '["Bold", "Dashed"]);'),
        (ClickerKeyForwarder(), json.dumps(list(CLICKER_KEYS)) + ");"),
    ],
    ids=["legend", "selection", "stage", "clicker-keys"],
)
def test_a_script_is_called_with_the_map_and_its_arguments_as_json(element, call):
    html = rendered(element)
    assert re.search(r"\}\)\(map_[0-9a-f]+, " + re.escape(call), html)
    assert element.js in html


@pytest.mark.parametrize("text", HOSTILE)
def test_content_text_reaches_the_scripts_only_as_json(text):
    html = rendered(Legend([("#b2182b", text)], text), SelectionMarker({"CHN": text}), StepMarker([text]))
    assert text not in html
    assert html.count(as_json(text)) == 4  # two in the legend, one in each marker
    assert "<img" not in html and "</script><script>" not in html


def test_the_legend_and_the_labels_are_written_as_text_not_html():
    for element in (Legend([], ""), SelectionMarker({}), StepMarker([])):
        assert "textContent" in element.js or "createTextNode" in element.js
    assert "hover.textContent = label[5]" in CountryNames.js


def test_a_click_marks_the_country_in_the_browser_before_the_server_answers():
    assert 'layer.on("click", function () { window.atlasPick(iso3); });' in ROUTE_COUNTRY_JS
    assert "window.atlasPick = function (iso3)" in SelectionMarker({}).js


def test_the_clicker_keys_are_the_journey_buttons_keys():
    assert CLICKER_KEYS == ("ArrowRight", "ArrowLeft", "PageUp", "PageDown", "Home", "End")


def test_marking_the_selection_calls_atlas_pick_with_the_code_as_json():
    assert 'if (window.atlasPick) { window.atlasPick("LAO"); }' in rendered(MarkSelection("LAO"))
    assert "if (window.atlasPick) { window.atlasPick(null); }" in rendered(MarkSelection(None))


def test_marking_a_step_clears_the_selection_then_marks_the_step():
    html = " ".join(rendered(MarkStep(["THA"], ["PRK", "CHN"])).split())
    assert (
        "if (window.atlasPick) { window.atlasPick(null); }"
        ' if (window.atlasStage) { window.atlasStage(["THA"], ["PRK", "CHN"]); }'
    ) in html
