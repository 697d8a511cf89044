"""The country outlines file is checked before the country-level guard relies on it."""

import copy
import hashlib
import importlib.util
import json

import pytest

from route_atlas import ContentError, load_content
from route_atlas.boundaries import (
    ADMIN0_ISO3,
    BOUNDARIES_FILE,
    MAX_BYTES,
    MIN_COUNTRY_AREA,
    PROVENANCE_FILE,
    SMALLEST_COUNTRY,
    check_boundaries,
    read_provenance,
)
from tests.conftest import DATA, ROOT

RAW = (DATA / BOUNDARIES_FILE).read_bytes()
SHIPPED = json.loads(RAW)
REBUILD = "rebuild it with `python scripts/build_boundaries.py`"

_spec = importlib.util.spec_from_file_location("build_boundaries", ROOT / "scripts" / "build_boundaries.py")
build = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(build)  # only defines things: the build itself runs from main()

# A 0.3° x 0.3° square: the size of a city, not of a country.
CITY = {
    "type": "Polygon",
    "coordinates": [[[125.0, 39.0], [125.3, 39.0], [125.3, 39.3], [125.0, 39.3], [125.0, 39.0]]],
}


def features():
    """A fresh copy of the shipped features, to break."""
    return copy.deepcopy(SHIPPED["features"])


def index_of(iso3: str) -> int:
    return [f["properties"]["iso3"] for f in SHIPPED["features"]].index(iso3)


KOR = index_of("KOR")
KOR_LINE = KOR + 2  # the header is line 1, then one feature per line


def as_file(features_: list) -> bytes:
    """The bytes the build script would write: one feature per line, feature i on line i + 2."""
    return build.dump(features_).encode("utf-8")


def problems(raw: bytes, provenance: dict | None = None) -> list:
    return check_boundaries(raw, provenance)[1]


@pytest.fixture(scope="module")
def provenance():
    recorded, found = read_provenance(DATA / PROVENANCE_FILE)
    assert found == []
    return recorded


# --- the shipped files --------------------------------------------------------------------------


def test_the_shipped_file_passes_every_check(provenance):
    collection, found = check_boundaries(RAW, provenance)
    assert found == []
    assert len(collection["features"]) == 27


def test_provenance_is_what_the_build_script_writes_for_the_shipped_file(provenance):
    digest = hashlib.sha256(RAW).hexdigest()
    assert provenance["sha256"] == digest
    assert provenance["build_script_version"] == build.VERSION
    assert provenance["source_package"] == build.ATLAS_PACKAGE
    text = (DATA / PROVENANCE_FILE).read_text(encoding="utf-8")
    assert text == build.provenance("region.geojson", digest)


def test_the_dump_helper_reproduces_the_shipped_bytes():
    assert as_file(features()) == RAW  # so the broken files below differ only where they are broken


def test_every_country_the_script_builds_is_an_allowed_admin0_code():
    assert set(build.ROUTE_COUNTRIES + build.NEIGHBOURS) <= set(ADMIN0_ISO3)
    assert len(set(ADMIN0_ISO3)) == len(ADMIN0_ISO3)
    assert all(len(code) == 3 and code.isupper() for code in ADMIN0_ISO3)


def _ring_area(ring):
    return abs(sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(ring, ring[1:], strict=False))) / 2


def test_the_area_threshold_is_under_half_the_smallest_country():
    areas = {
        f["properties"]["name"]: sum(
            _ring_area(p[0]) - sum(map(_ring_area, p[1:])) for p in f["geometry"]["coordinates"]
        )
        for f in SHIPPED["features"]
    }
    name, smallest = min(areas.items(), key=lambda item: item[1])
    assert (name, round(smallest, 2)) == SMALLEST_COUNTRY
    assert 0.09 < MIN_COUNTRY_AREA <= smallest / 2


# --- what the issue describes -------------------------------------------------------------------


def test_a_city_square_under_a_new_code_is_refused_as_not_a_country_and_too_small():
    city = {"type": "Feature", "properties": {"iso3": "XCT", "name": "City"}, "geometry": CITY}
    assert problems(as_file([*features(), city])) == [
        (
            29,
            'feature 27 (XCT): "XCT" is not the ISO3 code of a Natural Earth admin-0 country of Asia, '
            "Oceania or Europe; the map holds whole countries only",
        ),
        (
            29,
            "feature 27 (XCT) covers 0.09 square degrees, less than 0.4 (the smallest country of the "
            "region, Brunei, covers 0.87): an outline this small is a town or a province, not a whole "
            "country",
        ),
    ]


def test_a_city_square_in_place_of_north_korea_is_too_small_and_changes_the_sha256(provenance):
    changed = features()
    prk = index_of("PRK")
    changed[prk]["geometry"] = CITY
    raw = as_file(changed)
    assert problems(raw, provenance) == [
        (
            None,
            "the file has changed since scripts/build_boundaries.py built it (its sha256 is "
            f"{hashlib.sha256(raw).hexdigest()}, provenance.yaml records {provenance['sha256']}): "
            f"{REBUILD}, which also updates provenance.yaml",
        ),
        (
            prk + 2,
            f"feature {prk} (PRK) covers 0.09 square degrees, less than 0.4 (the smallest country of "
            "the region, Brunei, covers 0.87): an outline this small is a town or a province, not a "
            "whole country",
        ),
    ]


def test_a_second_feature_with_chinas_code_is_a_duplicate_naming_both_lines():
    chn = index_of("CHN")
    second = copy.deepcopy(SHIPPED["features"][chn])
    assert problems(as_file([*features(), second])) == [
        (
            29,
            f"feature 27 (CHN) repeats the iso3 of feature {chn} (line {chn + 2}): a country has "
            "exactly one feature; remove one of them",
        )
    ]


def test_a_changed_sha256_alone_is_reported(provenance):
    recorded = {**provenance, "sha256": "0" * 64}
    assert problems(RAW, recorded) == [
        (
            None,
            "the file has changed since scripts/build_boundaries.py built it (its sha256 is "
            f"{provenance['sha256']}, provenance.yaml records {'0' * 64}): {REBUILD}, which also "
            "updates provenance.yaml",
        )
    ]


# --- rings and positions ------------------------------------------------------------------------


def broken_korea(change) -> list:
    """The problems of the shipped file once `change` has altered South Korea's outer ring."""
    changed = features()
    change(changed[KOR]["geometry"]["coordinates"][0][0])
    return problems(as_file(changed))


def test_an_unclosed_ring_is_refused():
    found = broken_korea(lambda ring: ring.pop())
    assert len(found) == 1
    line, message = found[0]
    assert line == KOR_LINE
    assert message.startswith(f"feature {KOR} (KOR), polygon 0, ring 0: is not closed: it starts at [")


@pytest.mark.parametrize(
    "value, shown",
    [
        (["126.1", "37.7"], "['126.1', '37.7']"),
        ([True, 37.7], "[True, 37.7]"),
        ([126.1], "[126.1]"),
        ({"lon": 126.1}, "{'lon': 126.1}"),
        (None, "None"),
    ],
)
def test_a_position_that_is_not_a_pair_of_numbers_is_refused(value, shown):
    def change(ring):
        ring[1] = value

    assert broken_korea(change) == [
        (
            KOR_LINE,
            f"feature {KOR} (KOR), polygon 0, ring 0: position 1 is not a [longitude, latitude] pair "
            f"of numbers: {shown}",
        )
    ]


def test_a_number_too_large_for_a_float_is_refused():
    # json.loads reads 1e999 as infinity rather than refusing it.
    start = RAW.index(b'"KOR"')
    position = RAW.index(b"[[[[", start) + 4
    raw = RAW[:position] + b"1e999" + RAW[RAW.index(b",", position) :]
    ((line, message),) = problems(raw)
    assert line == KOR_LINE
    assert message == (
        f"feature {KOR} (KOR), polygon 0, ring 0: position 0 is not a [longitude, latitude] pair of "
        f"numbers: [inf, {SHIPPED['features'][KOR]['geometry']['coordinates'][0][0][0][1]}]"
    )


def test_string_coordinates_throughout_are_refused_in_one_message_per_feature():
    changed = features()
    idn = index_of("IDN")
    polygons = changed[idn]["geometry"]["coordinates"]
    for polygon in polygons:
        polygon[0] = [[str(lon), str(lat)] for lon, lat in polygon[0]]
    first = polygons[0][0][0]
    assert problems(as_file(changed)) == [
        (
            idn + 2,
            f"feature {idn} (IDN), polygon 0, ring 0: position 0 is not a [longitude, latitude] pair of "
            f"numbers: {first!r} (and {len(polygons) - 1} more in this feature)",
        )
    ]


def test_a_latitude_of_95_is_refused():
    def change(ring):
        ring[1][1] = 95

    assert broken_korea(change) == [
        (KOR_LINE, f"feature {KOR} (KOR), polygon 0, ring 0: position 1 has latitude 95, outside -90 to 90")
    ]


def test_a_longitude_past_360_is_refused_but_russia_past_180_is_not():
    def change(ring):
        ring[1][0] = 400

    assert broken_korea(change) == [
        (
            KOR_LINE,
            f"feature {KOR} (KOR), polygon 0, ring 0: position 1 has longitude 400, outside -180 to 360",
        )
    ]
    russia = SHIPPED["features"][index_of("RUS")]["geometry"]["coordinates"]
    assert max(lon for polygon in russia for ring in polygon for lon, _ in ring) > 180


def test_a_ring_of_three_positions_is_refused():
    def change(ring):
        ring[:] = [ring[0], ring[1], ring[0]]

    assert broken_korea(change) == [
        (KOR_LINE, f"feature {KOR} (KOR), polygon 0, ring 0: has 3 positions; a closed ring needs at least 4")
    ]


def test_an_empty_coordinates_list_is_refused():
    changed = features()
    changed[KOR]["geometry"]["coordinates"] = []
    assert problems(as_file(changed)) == [
        (KOR_LINE, f"feature {KOR} (KOR), geometry: its coordinates hold no polygon")
    ]


def test_a_position_nested_500_deep_gets_a_short_message():
    deep = 126.1
    for _ in range(500):
        deep = [deep]

    def change(ring):
        ring[1] = deep

    ((_, message),) = broken_korea(change)
    assert message.endswith("position 1 is not a [longitude, latitude] pair of numbers: [[[[...]]]]")


# --- features -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "change, got",
    [
        (lambda f: f["geometry"].update(type="Point"), "type 'Feature', geometry type 'Point'"),
        (
            lambda f: f["properties"].update(label="Tumen River"),
            "type 'Feature', geometry type 'MultiPolygon'",
        ),
        (lambda f: f["properties"].update(name=""), "type 'Feature', geometry type 'MultiPolygon'"),
        (lambda f: f.update(type="Country"), "type 'Country', geometry type 'MultiPolygon'"),
    ],
)
def test_a_feature_of_the_wrong_shape_is_refused(change, got):
    changed = features()
    change(changed[KOR])
    props = sorted(changed[KOR]["properties"])
    assert problems(as_file(changed)) == [
        (
            KOR_LINE,
            f"feature {KOR} (KOR) must be a Feature with a Polygon or MultiPolygon geometry and the "
            f"properties iso3 and name (text), got {got} and properties {props}",
        )
    ]


def test_a_feature_with_a_list_for_its_code_is_refused_without_crashing():
    changed = features()
    changed[KOR]["properties"]["iso3"] = ["KOR"]
    ((line, message),) = problems(as_file(changed))
    assert line == KOR_LINE
    assert message.startswith(f"feature {KOR} must be a Feature")


def test_lines_follow_the_features_in_any_layout():
    chn = index_of("CHN")
    one_line = json.dumps({"type": "FeatureCollection", "features": [*features(), features()[chn]]})
    ((line, message),) = problems(one_line.encode())
    assert line == 1 and f"of feature {chn} (line 1)" in message


# --- files that are not a FeatureCollection at all ----------------------------------------------


def test_a_single_feature_is_not_a_feature_collection():
    assert check_boundaries(json.dumps(features()[0]).encode(), None) == (
        None,
        [(1, f'expected a GeoJSON FeatureCollection (with "type" and "features"); {REBUILD}')],
    )


def test_invalid_json_names_its_line():
    truncated = RAW[: RAW.index(b"\n", RAW.index(b'"CHN"'))]  # cut in the middle of the file
    collection, found = check_boundaries(truncated, None)
    assert collection is None
    assert found == [(index_of("CHN") + 2, f"cannot be read as GeoJSON (Expecting value); {REBUILD}")]


def test_nan_is_not_json():
    raw = RAW.replace(b"[126.", b"[NaN,126.", 1)
    assert problems(raw) == [
        (None, f"cannot be read as GeoJSON (NaN is not a number JSON allows); {REBUILD}")
    ]


def test_5000_nested_arrays_are_reported_not_raised():
    raw = b'{"type":"FeatureCollection","features":' + b"[" * 5000 + b"]" * 5000 + b"}"
    assert check_boundaries(raw, None) == (
        None,
        [(None, f"cannot be read as GeoJSON (it is nested too deeply); {REBUILD}")],
    )


def test_a_file_that_is_not_utf8_or_far_too_big_is_refused():
    assert problems(b"\xff\xfe") == [(None, f"cannot be read as GeoJSON (it is not UTF-8 text); {REBUILD}")]
    huge = b" " * (MAX_BYTES + 1)
    assert problems(huge) == [
        (None, f"is {MAX_BYTES + 1:,} bytes, far more than a 1:110m region needs; {REBUILD}")
    ]


# --- provenance.yaml ----------------------------------------------------------------------------


def write_provenance(tmp_path, text: str):
    path = tmp_path / "provenance.yaml"
    path.write_text(text, encoding="utf-8")
    return read_provenance(path)


def test_a_missing_provenance_file_says_how_to_rebuild(tmp_path):
    assert read_provenance(tmp_path / "provenance.yaml") == (
        None,
        [(None, f"not found: it records which boundaries file was built; {REBUILD}")],
    )


def test_provenance_that_is_not_yaml_names_its_line(tmp_path):
    recorded, found = write_provenance(tmp_path, "file: region.geojson\nsha256: [unclosed\n")
    assert recorded is None
    assert found[0][0] == 3 and found[0][1].startswith("not valid YAML (")


def test_provenance_fields_are_checked_by_line(tmp_path):
    text = build.provenance("other.geojson", "not-a-digest").replace("converter:", "tool:")
    recorded, found = write_provenance(tmp_path, text)
    lines = text.splitlines()
    assert recorded is None
    assert found == [
        (1, f"field 'converter' is missing or empty; {REBUILD}"),
        (
            lines.index("file: other.geojson") + 1,
            "records the file 'other.geojson', expected 'region.geojson'",
        ),
        (
            lines.index("sha256: not-a-digest") + 1,
            "sha256 must be 64 hexadecimal characters (run: sha256sum FILE)",
        ),
    ]


def test_provenance_that_is_a_list_is_refused(tmp_path):
    assert write_provenance(tmp_path, "- file: region.geojson\n") == (
        None,
        [
            (
                1,
                "expected 'name: value' fields (file, sha256, build_script, build_script_version, "
                f"source_package, converter); {REBUILD}",
            )
        ],
    )


# --- through the loader: `python -m route_atlas check` and every page refuse such a file ----------


def test_the_loader_refuses_a_city_put_in_place_of_a_country(data_copy):
    path = data_copy / "boundaries" / "region.geojson"
    data = json.loads(path.read_text(encoding="utf-8"))
    prk = next(f for f in data["features"] if f["properties"]["iso3"] == "PRK")
    prk["geometry"] = {
        "type": "Polygon",
        "coordinates": [[[125.6, 39.0], [125.9, 39.0], [125.9, 39.3], [125.6, 39.3], [125.6, 39.0]]],
    }
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ContentError) as raised:
        load_content(data_copy)
    messages = [str(p) for p in raised.value.problems]
    assert any(m.startswith("data/boundaries/region.geojson") and "has changed since" in m for m in messages)
    assert any("(PRK) covers 0.09 square degrees" in m for m in messages), messages
