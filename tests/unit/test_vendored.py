"""What static/ serves is ours or vendored: the vendored Leaflet is byte for byte the release its
README records (version and sha256), so a changed file is noticed before any reader gets it."""

import hashlib
import re

from tests.conftest import ROOT

STATIC = ROOT / "static"
LEAFLET = STATIC / "leaflet"


def test_leaflet_is_the_release_its_readme_records():
    readme = (LEAFLET / "README.md").read_text(encoding="utf-8")
    assert "Leaflet 1.9.4" in readme
    recorded = dict((name, digest) for digest, name in re.findall(r"^([0-9a-f]{64})  (\S+)$", readme, re.M))
    assert set(recorded) == {"leaflet.js", "leaflet.css"}
    for name, digest in recorded.items():
        assert hashlib.sha256((LEAFLET / name).read_bytes()).hexdigest() == digest, f"{name} has changed"


def test_static_holds_only_our_own_files_and_the_vendored_leaflet():
    ours = {p.name for p in STATIC.iterdir() if p.is_file()}
    assert all(name.endswith((".css", ".js")) for name in ours), ours
    vendored = {str(p.relative_to(LEAFLET)) for p in LEAFLET.rglob("*") if p.is_file()}
    assert vendored == {
        "LICENSE",
        "README.md",
        "leaflet.js",
        "leaflet.css",
        *(
            f"images/{n}"
            for n in (
                "layers-2x.png",
                "layers.png",
                "marker-icon-2x.png",
                "marker-icon.png",
                "marker-shadow.png",
            )
        ),
    }
