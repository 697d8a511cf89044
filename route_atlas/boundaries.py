"""Check the country outlines file before anything on the map is compared with it.

The country-level guard trusts `boundaries/region.geojson` as the list of whole countries. This
module makes that trust earned: the file must be the one `scripts/build_boundaries.py` built (its
sha256 is recorded in `boundaries/provenance.yaml`), and whatever it holds must look like whole
admin-0 countries: one feature per country, a real country code, sound rings, a country's size.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
import reprlib
from pathlib import Path

import yaml

from .errors import ContentError
from .files import UnsafeYAML, parse_yaml

BOUNDARIES_FILE = "boundaries/region.geojson"
PROVENANCE_FILE = "boundaries/provenance.yaml"
REBUILD = "rebuild it with `python scripts/build_boundaries.py`"

# (line in the file or None, message): the caller adds the file name.
Problem = tuple[int | None, str]

# ISO 3166-1 alpha-3 codes of the Natural Earth 1:110m admin-0 countries (ne_110m_admin_0_countries,
# 177 features) whose CONTINENT is Asia, Oceania or Europe (which holds Russia). The region can only
# ever be drawn from these; anything else ("XCT", a town, a province) is not a country of the map.
# Kosovo and Northern Cyprus are in Natural Earth but have no ISO 3166-1 code, so they are not here.
ADMIN0_ISO3 = (
    # Asia
    "AFG", "ARE", "ARM", "AZE", "BGD", "BRN", "BTN", "CHN", "CYP", "GEO", "IDN", "IND", "IRN",
    "IRQ", "ISR", "JOR", "JPN", "KAZ", "KGZ", "KHM", "KOR", "KWT", "LAO", "LBN", "LKA", "MMR",
    "MNG", "MYS", "NPL", "OMN", "PAK", "PHL", "PRK", "PSE", "QAT", "SAU", "SYR", "THA", "TJK",
    "TKM", "TLS", "TUR", "TWN", "UZB", "VNM", "YEM",
    # Oceania
    "AUS", "FJI", "NCL", "NZL", "PNG", "SLB", "VUT",
    # Europe
    "ALB", "AUT", "BEL", "BGR", "BIH", "BLR", "CHE", "CZE", "DEU", "DNK", "ESP", "EST", "FIN",
    "FRA", "GBR", "GRC", "HRV", "HUN", "IRL", "ISL", "ITA", "LTU", "LUX", "LVA", "MDA", "MKD",
    "MNE", "NLD", "NOR", "POL", "PRT", "ROU", "RUS", "SRB", "SVK", "SVN", "SWE", "UKR",
)  # fmt: skip

# The smallest country in the built file is Brunei (shoelace formula on its lon/lat rings, in
# square degrees). Half of that, rounded down, is still far above a town's outline (a 0.3° x 0.3°
# square is 0.09). Lower it if the build ever adds a smaller country (Luxembourg is about 0.3).
SMALLEST_COUNTRY = ("Brunei", 0.87)
MIN_COUNTRY_AREA = 0.4

# Russia is stored east of 180° on purpose (see data/boundaries/README.md), hence 360.
LONGITUDES = (-180.0, 360.0)
LATITUDES = (-90.0, 90.0)

# The built file is about 37 kB; anything this large is not a 1:110m outline of the region.
MAX_BYTES = 5_000_000

PROVENANCE_FIELDS = ("file", "sha256", "build_script", "build_script_version", "source_package", "converter")


def _short_repr() -> reprlib.Repr:
    # A value from the file goes into a message: keep it short, and safe however deeply nested.
    short = reprlib.Repr()
    short.maxlevel, short.maxlist, short.maxstring, short.maxother = 3, 6, 30, 30
    return short


_describe = _short_repr().repr


def read_provenance(path: Path) -> tuple[dict | None, list[Problem]]:
    """Read provenance.yaml: ``({"file": "region.geojson", "sha256": "5b8e…", …}, [])``.

    On any problem returns ``(None, [(line, message), …])``; the messages are about
    provenance.yaml itself.
    """
    try:
        if not path.is_file():
            raise FileNotFoundError(path)
        root, data = parse_yaml(path)
    except FileNotFoundError:
        return None, [(None, f"not found: it records which boundaries file was built; {REBUILD}")]
    except ContentError as error:
        return None, [(problem.line, f"{problem.message}; {REBUILD}") for problem in error.problems]
    except UnsafeYAML as error:
        return None, [(error.line, f"{error}; {REBUILD}")]
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        return None, [(mark.line + 1 if mark else None, f"not valid YAML ({error.problem}); {REBUILD}")]
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        return None, [(None, f"cannot be read ({error}); {REBUILD}")]

    if not isinstance(root, yaml.MappingNode) or not isinstance(data, dict):
        return None, [(1, f"expected 'name: value' fields ({', '.join(PROVENANCE_FIELDS)}); {REBUILD}")]
    lines = {key.value: key.start_mark.line + 1 for key, _ in root.value}
    problems: list[Problem] = []
    for name in PROVENANCE_FIELDS:
        if not isinstance(data.get(name), str) or not data[name]:
            problems.append((lines.get(name, 1), f"field '{name}' is missing or empty; {REBUILD}"))
    if isinstance(data.get("file"), str) and data["file"] != Path(BOUNDARIES_FILE).name:
        problems.append(
            (lines["file"], f"records the file {data['file']!r}, expected {Path(BOUNDARIES_FILE).name!r}")
        )
    if isinstance(data.get("sha256"), str) and not re.fullmatch(r"[0-9a-f]{64}", data["sha256"]):
        problems.append((lines["sha256"], "sha256 must be 64 hexadecimal characters (run: sha256sum FILE)"))
    return (None, problems) if problems else (data, [])


def check_boundaries(raw: bytes, provenance: dict | None) -> tuple[dict | None, list[Problem]]:
    """Check the bytes of region.geojson against `provenance` (from `read_provenance`) and itself.

    Returns ``(collection, problems)``. `collection` is the parsed FeatureCollection whenever the
    file is one, even with problems, so the caller can still see which countries it names; it is
    None when the file is not a FeatureCollection at all. Draw it only when `problems` is empty.
    With `provenance` None (provenance.yaml has its own problems) the sha256 is not compared.
    """
    problems: list[Problem] = []
    if provenance is not None:
        digest = hashlib.sha256(raw).hexdigest()
        if digest != provenance["sha256"]:
            problems.append(
                (
                    None,
                    f"the file has changed since scripts/build_boundaries.py built it (its sha256 is "
                    f"{digest}, provenance.yaml records {provenance['sha256']}): {REBUILD}, which also "
                    "updates provenance.yaml",
                )
            )
    collection, text, problem = _parse(raw)
    if problem:
        return None, [*problems, problem]
    features = collection["features"]
    lines = _feature_lines(text, len(features))
    first_of: dict[str, int] = {}
    for index, (feature, line) in enumerate(zip(features, lines, strict=True)):
        iso3, found = _check_feature(index, feature)
        problems += [(line, message) for message in found]
        if iso3 is None:
            continue
        if iso3 in first_of:
            first = first_of[iso3]
            where = f" (line {lines[first]})" if lines[first] else ""
            problems.append(
                (
                    line,
                    f"feature {index} ({iso3}) repeats the iso3 of feature {first}{where}: a country "
                    "has exactly one feature; remove one of them",
                )
            )
        else:
            first_of[iso3] = index
    return collection, problems


def _parse(raw: bytes) -> tuple[dict | None, str, Problem | None]:
    """(FeatureCollection, its text, None), or (None, "", the problem that stops every other check)."""
    if len(raw) > MAX_BYTES:
        return None, "", (None, f"is {len(raw):,} bytes, far more than a 1:110m region needs; {REBUILD}")
    try:
        text = raw.decode("utf-8")
        data = json.loads(text, parse_constant=_refuse_constant)
    except json.JSONDecodeError as error:
        return None, "", (error.lineno, f"cannot be read as GeoJSON ({error.msg}); {REBUILD}")
    except UnicodeDecodeError:
        return None, "", (None, f"cannot be read as GeoJSON (it is not UTF-8 text); {REBUILD}")
    except RecursionError:
        return None, "", (None, f"cannot be read as GeoJSON (it is nested too deeply); {REBUILD}")
    except ValueError as error:
        return None, "", (None, f"cannot be read as GeoJSON ({error}); {REBUILD}")
    if (
        not isinstance(data, dict)
        or data.get("type") != "FeatureCollection"
        or not isinstance(data.get("features"), list)
    ):
        return None, "", (1, f'expected a GeoJSON FeatureCollection (with "type" and "features"); {REBUILD}')
    return data, text, None


def _refuse_constant(name: str):
    raise ValueError(f"{name} is not a number JSON allows")


def _feature_lines(text: str, count: int) -> list[int | None]:
    """The line each feature starts on, whatever the layout; all None if the text cannot tell."""
    offsets = _feature_offsets(text)
    if len(offsets) != count:
        return [None] * count
    lines, line, previous = [], 1, 0
    for offset in offsets:
        line += text.count("\n", previous, offset)
        lines.append(line)
        previous = offset
    return lines


def _feature_offsets(text: str) -> list[int]:
    """Where each item of the top-level "features" list starts (the text is known to be valid JSON)."""
    decoder = json.JSONDecoder()
    offsets: list[int] = []
    pos = _skip_space(text, 0)
    if text[pos : pos + 1] != "{":
        return []
    pos = _skip_space(text, pos + 1)
    while text[pos : pos + 1] == '"':
        key, pos = decoder.raw_decode(text, pos)
        pos = _skip_space(text, _skip_space(text, pos) + 1)  # past the ':'
        if key == "features" and text[pos : pos + 1] == "[":
            offsets, pos = _item_offsets(text, pos, decoder)  # a repeated key wins, as in json.loads
        else:
            _, pos = decoder.raw_decode(text, pos)
        pos = _skip_space(text, pos)
        pos = _skip_space(text, pos + 1) if text[pos : pos + 1] == "," else pos
    return offsets


def _item_offsets(text: str, pos: int, decoder: json.JSONDecoder) -> tuple[list[int], int]:
    """Start of each item of the list opening at `pos`, and the position just past the list."""
    offsets: list[int] = []
    pos = _skip_space(text, pos + 1)
    while text[pos : pos + 1] != "]":
        offsets.append(pos)
        _, pos = decoder.raw_decode(text, pos)
        pos = _skip_space(text, pos)
        pos = _skip_space(text, pos + 1) if text[pos : pos + 1] == "," else pos
    return offsets, pos + 1


def _skip_space(text: str, pos: int) -> int:
    while text[pos : pos + 1] in (" ", "\t", "\n", "\r"):
        pos += 1
    return pos


def _check_feature(index: int, feature) -> tuple[str | None, list[str]]:
    """(its iso3 if it has a usable one, the messages about it)."""
    feature = feature if isinstance(feature, dict) else {}
    props = feature.get("properties")
    props = props if isinstance(props, dict) else {}
    geometry = feature.get("geometry")
    geometry = geometry if isinstance(geometry, dict) else {}
    iso3 = props.get("iso3") if isinstance(props.get("iso3"), str) and props.get("iso3") else None
    label = f"feature {index} ({iso3})" if iso3 else f"feature {index}"
    if (
        feature.get("type") != "Feature"
        or geometry.get("type") not in ("Polygon", "MultiPolygon")
        or set(props) != {"iso3", "name"}
        or not iso3
        or not isinstance(props["name"], str)
        or not props["name"]
    ):
        return iso3, [
            f"{label} must be a Feature with a Polygon or MultiPolygon geometry and the properties "
            f"iso3 and name (text), got type {_describe(feature.get('type'))}, geometry type "
            f"{_describe(geometry.get('type'))} and properties {_describe(sorted(props))}"
        ]
    messages = []
    if iso3 not in ADMIN0_ISO3:
        messages.append(
            f'{label}: "{iso3}" is not the ISO3 code of a Natural Earth admin-0 country of Asia, '
            "Oceania or Europe; the map holds whole countries only"
        )
    ring_problems = _geometry_problems(geometry)
    if ring_problems:
        more = len(ring_problems) - 1
        messages.append(
            f"{label}, {ring_problems[0]}" + (f" (and {more} more in this feature)" if more else "")
        )
        return iso3, messages
    area = _area(geometry)
    if area < MIN_COUNTRY_AREA:
        name, smallest = SMALLEST_COUNTRY
        messages.append(
            f"{label} covers {area:.2f} square degrees, less than {MIN_COUNTRY_AREA} (the smallest "
            f"country of the region, {name}, covers {smallest}): an outline this small is a town or "
            "a province, not a whole country"
        )
    return iso3, messages


def _polygons(geometry: dict) -> list | None:
    coordinates = geometry.get("coordinates")
    if not isinstance(coordinates, list):
        return None
    return coordinates if geometry["type"] == "MultiPolygon" else [coordinates]


def _geometry_problems(geometry: dict) -> list[str]:
    """What is wrong with the rings, as "polygon 0, ring 1: …"; the first fault of each ring only."""
    polygons = _polygons(geometry)
    if not polygons or (geometry["type"] == "Polygon" and not polygons[0]):
        return ["geometry: its coordinates hold no polygon"]
    found = []
    for p, polygon in enumerate(polygons):
        if not isinstance(polygon, list) or not polygon:
            found.append(f"polygon {p}: expected a list of rings, got {_describe(polygon)}")
            continue
        for r, ring in enumerate(polygon):
            fault = _ring_fault(ring)
            if fault:
                found.append(f"polygon {p}, ring {r}: {fault}")
    return found


def _ring_fault(ring) -> str | None:
    if not isinstance(ring, list):
        return f"expected a list of [longitude, latitude] positions, got {_describe(ring)}"
    if len(ring) < 4:
        return f"has {len(ring)} positions; a closed ring needs at least 4"
    for k, position in enumerate(ring):
        if not (isinstance(position, list) and len(position) >= 2 and all(map(_is_number, position))):
            return f"position {k} is not a [longitude, latitude] pair of numbers: {_describe(position)}"
        lon, lat = position[:2]
        if not LATITUDES[0] <= lat <= LATITUDES[1]:
            return f"position {k} has latitude {lat}, outside {LATITUDES[0]:g} to {LATITUDES[1]:g}"
        if not LONGITUDES[0] <= lon <= LONGITUDES[1]:
            return f"position {k} has longitude {lon}, outside {LONGITUDES[0]:g} to {LONGITUDES[1]:g}"
    if ring[0][:2] != ring[-1][:2]:
        return f"is not closed: it starts at {ring[0][:2]} and ends at {ring[-1][:2]}"
    return None


def _is_number(value) -> bool:
    # bool is an int in Python, and json.loads turns 1e999 into inf: neither is a coordinate.
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def _area(geometry: dict) -> float:
    """Total area in square degrees: outer rings less their holes (shoelace formula)."""
    return sum(
        _ring_area(polygon[0]) - sum(_ring_area(hole) for hole in polygon[1:])
        for polygon in _polygons(geometry)
    )


def _ring_area(ring: list) -> float:
    return abs(sum(x0 * y1 - x1 * y0 for (x0, y0, *_), (x1, y1, *_) in zip(ring, ring[1:], strict=False))) / 2
