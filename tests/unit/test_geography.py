"""Label points: where a country's schematic links meet, always inside the country."""

import pytest

from route_atlas.geography import label_point


def polygon(*rings):
    return {"geometry": {"type": "Polygon", "coordinates": [list(map(list, ring)) for ring in rings]}}


def inside(point, ring) -> bool:
    x, y = point
    crossings = 0
    for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1], strict=True):
        if (y0 <= y < y1 or y1 <= y < y0) and x < x0 + (y - y0) * (x1 - x0) / (y1 - y0):
            crossings += 1
    return crossings % 2 == 1


def test_a_square_is_labelled_at_its_centre():
    square = [(0, 0), (4, 0), (4, 4), (0, 4), (0, 0)]
    assert label_point(polygon(square)) == pytest.approx((2, 2))


def test_a_crescent_is_labelled_inside_on_its_widest_middle_chord():
    # A "C" open to the east: its centroid lies in the opening, outside the shape.
    crescent = [(0, 0), (10, 0), (10, 2), (2, 2), (2, 8), (10, 8), (10, 10), (0, 10), (0, 0)]
    lon, lat = label_point(polygon(crescent))
    assert (lon, lat) == pytest.approx((1, 5))
    assert inside((lon, lat), crescent)


def test_the_largest_polygon_of_a_multipolygon_is_labelled():
    small = [[(0, 0), (1, 0), (1, 1), (0, 1), (0, 0)]]
    large = [[(10, 10), (20, 10), (20, 20), (10, 20), (10, 10)]]
    feature = {"geometry": {"type": "MultiPolygon", "coordinates": [small, large]}}
    assert label_point(feature) == pytest.approx((15, 15))


def test_every_route_country_is_labelled_inside_itself(atlas):
    for feature in atlas.boundaries["features"]:
        if feature["properties"]["iso3"] not in atlas.countries:
            continue
        point = label_point(feature)
        polygons = feature["geometry"]["coordinates"]
        if feature["geometry"]["type"] == "Polygon":
            polygons = [polygons]
        assert any(inside(point, [tuple(c) for c in p[0]]) for p in polygons), feature["properties"]
