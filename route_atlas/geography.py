"""Points derived from the whole-country polygons: where a country's schematic links meet.

Nothing here adds a place to the map: a label point is computed from a country's own polygon
and stands for the whole country, never for a town or a crossing.
"""

from __future__ import annotations


def label_point(feature: dict) -> tuple[float, float]:
    """(lon, lat) inside the country's largest polygon, for its name and its schematic links.

    The area-weighted centroid of the largest polygon's outer ring; if that falls outside the
    ring (a crescent such as Vietnam), the midpoint of the widest horizontal chord through the
    ring's vertical middle.
    """
    ring = largest_ring(feature["geometry"])
    point = _centroid(ring)
    if _inside(point, ring):
        return point
    lats = [lat for _, lat in ring]
    middle = (min(lats) + max(lats)) / 2
    crossings = sorted(_crossings(ring, middle))
    chords = list(zip(crossings[0::2], crossings[1::2], strict=False))
    if not chords:  # a degenerate ring (no area): its centroid is as good as any point
        return point
    left, right = max(chords, key=lambda chord: chord[1] - chord[0])
    return ((left + right) / 2, middle)


def label_points(boundaries: dict) -> dict[str, tuple[float, float]]:
    """Every country's label point, (lon, lat) by ISO3."""
    return {f["properties"]["iso3"]: label_point(f) for f in boundaries.get("features", [])}


def polygons(geometry: dict) -> list:
    """The polygons of a Polygon or MultiPolygon geometry, each a list of rings."""
    return geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]


def _ring_area(ring) -> float:
    return sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1], strict=True)) / 2


def largest_ring(geometry: dict) -> list[tuple[float, float]]:
    """The outer ring of the geometry's largest polygon, as (lon, lat) pairs."""
    rings = [[(float(x), float(y)) for x, y, *_ in polygon[0]] for polygon in polygons(geometry)]
    return max(rings, key=lambda ring: abs(_ring_area(ring)))


def _centroid(ring) -> tuple[float, float]:
    area = _ring_area(ring)
    if area == 0:
        xs, ys = zip(*ring, strict=True)
        return (sum(xs) / len(xs), sum(ys) / len(ys))
    cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1], strict=True):
        cross = x0 * y1 - x1 * y0
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    return (cx / (6 * area), cy / (6 * area))


def _crossings(ring, lat: float) -> list[float]:
    """Longitudes where the ring's edges cross the parallel `lat` (half-open, so no vertex twice)."""
    found = []
    for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1], strict=True):
        if (y0 <= lat < y1) or (y1 <= lat < y0):
            found.append(x0 + (lat - y0) * (x1 - x0) / (y1 - y0))
    return found


def _inside(point, ring) -> bool:
    lon, lat = point
    return sum(1 for x in _crossings(ring, lat) if x > lon) % 2 == 1
