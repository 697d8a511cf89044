"""The three references, one class each: how to start its server, what "ready" and "panel complete"
mean for it, what a round clicks and where, and how its Python reruns are timed."""

from __future__ import annotations

import json
import shutil
import sys
import tempfile
from pathlib import Path

from bench.harness import BENCH, ROOT, Server, atlas_server, free_port, read_js, streamlit_server
from bench.measure import frame_eval, web_frames
from route_atlas import Country

# The settings of the repository's .streamlit/config.toml that apply to any app, on the command line
# so that the floor does not depend on the directory it is started from.
STREAMLIT_FLAGS = [
    "--server.headless",
    "true",
    "--browser.gatherUsageStats",
    "false",
    "--browser.serverAddress",
    "localhost",
    "--client.toolbarMode",
    "viewer",
    "--client.showErrorDetails",
    "none",
]
# The Explore page's own marker for its side panel: st.container(key="explore_panel"), which
# Streamlit renders with the class st-key-explore_panel.
PANEL_KEY = "explore_panel"
COUNTRY_KEY = "explore_country"  # its list of route countries (st.radio), which a map click sets too
POINT_INSIDE_JS = read_js("point_inside.js")

Watch = tuple[str, dict]  # a condition of bench/page.js and its argument


class Reference:
    """One of the things measured. Subclasses fill in what raises NotImplementedError (`rerun`
    only with a `rerun_script`)."""

    name: str
    streamlit: bool  # a Streamlit app: wait for its script to finish, sort its bytes by path
    rerun_script: Path | None = None  # the script timed under AppTest, if any

    def __init__(self, countries: dict[str, Country]):
        self.countries = countries

    def server(self, logs: Path) -> Server:
        """A fresh server for this reference, not started yet."""
        raise NotImplementedError

    def ready(self) -> Watch:
        """What the first load waits for: ready to be clicked."""
        raise NotImplementedError

    def watches(self, choice) -> dict[str, Watch]:
        """What to wait for after clicking `choice`: "panel" always, "feedback" and "running" if any."""
        raise NotImplementedError

    def choice(self, offset: int, k: int):
        """What a page's k-th click (from 0) picks; `offset` varies it between rounds and sessions."""
        raise NotImplementedError

    def target(self, choice):
        """What is clicked for `choice`: the same target is at the same point in every session."""
        return choice

    def click_point(self, page, choice) -> tuple[float, float]:
        """Where to click in the page's viewport."""
        raise NotImplementedError

    def category(self, path: str) -> str:
        """Which row of the first-load bytes a response for `path` counts in."""
        if not self.streamlit:
            return "own_static"
        if path.startswith("/static/"):
            return "streamlit"
        if path.startswith("/component/"):
            return "component"
        if path.startswith("/app/static/"):
            return "own_static"
        return "other"

    def rerun(self, app_test, k: int) -> None:
        """Under AppTest: the k-th rerun, as a click would cause it."""
        raise NotImplementedError


class MapReference(Reference):
    """A page with the route countries' paths: ready when all are drawn; clicks go to a country."""

    def ready(self) -> Watch:
        return "routePaths", {"count": len(self.countries)}

    def feedback(self, iso3: str) -> dict[str, Watch]:
        """The map's own answer to a click: the path marked picked, and the country named in the map."""
        return {"feedback": ("picked", {"iso3": iso3, "name": self.countries[iso3].name})}

    def choice(self, offset: int, k: int) -> str:
        codes = list(self.countries)
        return codes[(offset + k) % len(codes)]  # a different country each time

    def click_point(self, page, choice) -> tuple[float, float]:
        """A point inside the country's own path, in whichever frame holds the map."""
        has_path = f"() => !!document.querySelector('path.atlas-country-{choice}')"
        frame = next((f for f in web_frames(page) if frame_eval(f, has_path)), None)
        if frame is None:
            raise RuntimeError(f"no map path for {choice}")
        found = frame.evaluate(POINT_INSIDE_JS, choice)
        if "error" in found:
            raise RuntimeError(found["error"])
        x, y = found["x"], found["y"]
        if frame != page.main_frame:
            box = frame.frame_element().bounding_box()
            x, y = x + box["x"], y + box["y"]
        return x, y


class Atlas(MapReference):
    """The app as a user starts it; its panel is the container the Explore page keys."""

    name = "atlas"
    streamlit = True
    rerun_script = ROOT / "app.py"

    def server(self, logs: Path) -> Server:
        return atlas_server(logs / "atlas.log", name="atlas")

    def watches(self, choice: str) -> dict[str, Watch]:
        name = self.countries[choice].name
        return {
            **self.feedback(choice),
            "panel": ("keyedPanel", {"key": PANEL_KEY, "name": name}),
            "running": ("scriptRunning", {}),
        }

    def rerun(self, app_test, k: int) -> None:
        app_test.radio(key=COUNTRY_KEY).set_value(self.choice(0, k)).run()


class Floor(Reference):
    """Streamlit's floor: bench/floor_app.py, one button that writes the subheader "Shown k"."""

    name = "floor"
    streamlit = True
    rerun_script = BENCH / "floor_app.py"

    def server(self, logs: Path) -> Server:
        return streamlit_server("floor", self.rerun_script, BENCH, logs / "floor.log", STREAMLIT_FLAGS)

    def ready(self) -> Watch:
        return "button", {"text": "Show"}

    def watches(self, choice: int) -> dict[str, Watch]:
        # No map, so its first DOM change after the click, the app marked running, stands in.
        return {"feedback": ("scriptRunning", {}), "panel": ("heading", {"text": f"Shown {choice}"})}

    def choice(self, offset: int, k: int) -> int:
        return k + 1  # the heading counts the page's clicks: "Shown 1", "Shown 2", …

    def target(self, choice) -> str:
        return "button"

    def click_point(self, page, choice) -> tuple[float, float]:
        button = page.get_by_role("button", name="Show")
        button.scroll_into_view_if_needed()
        box = button.bounding_box()
        return box["x"] + box["width"] / 2, box["y"] + box["height"] / 2

    def rerun(self, app_test, k: int) -> None:
        app_test.button[0].click().run()


class Limit(MapReference):
    """bench/leaflet_page.html, the same polygons in plain Leaflet, served by Python's http.server."""

    name = "limit"
    streamlit = False

    def server(self, logs: Path) -> Server:
        """http.server over a folder holding the page, the repository's Leaflet and boundaries."""
        site = Path(tempfile.mkdtemp(prefix="atlas-bench-limit-", dir=logs))
        shutil.copy(BENCH / "leaflet_page.html", site / "index.html")
        (site / "leaflet").mkdir()
        for asset in ("leaflet.js", "leaflet.css"):
            shutil.copy(ROOT / "static" / "leaflet" / asset, site / "leaflet" / asset)
        shutil.copy(ROOT / "data" / "boundaries" / "region.geojson", site / "region.geojson")
        route = {iso3: {"name": c.name, "role": c.role} for iso3, c in self.countries.items()}
        (site / "route-countries.json").write_text(json.dumps(route), encoding="utf-8")
        port = free_port()
        argv = [sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1", "-d", str(site)]
        url = f"http://127.0.0.1:{port}"
        return Server("limit", argv, site, url, f"{url}/", logs / "limit.log")

    def watches(self, choice: str) -> dict[str, Watch]:
        return {**self.feedback(choice), "panel": ("heading", {"text": self.countries[choice].name})}


REFERENCES: tuple[type[Reference], ...] = (Atlas, Floor, Limit)


def references(countries: dict[str, Country]) -> dict[str, Reference]:
    """Every reference by name, in the table's order."""
    return {cls.name: cls(countries) for cls in REFERENCES}
