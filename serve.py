"""The atlas's web server: Streamlit's own server for app.py, with what a public screen needs
around it. `make run` starts it (`streamlit run serve.py`); the pages are app.py's.

Every response carries the same security headers, so a laptop at a venue is as protected as a
server behind nginx: the page may load nothing from another host, no other site may frame it, and
no address it links to learns where the reader came from. An address that names no page gets the
atlas's own "no such page" with a link home, where Streamlit would show a blank page for a
nested one (its scripts resolve under the wrong folder). Streamlit's metrics stay private, and a
websocket opened by another site's page is refused.
"""

import streamlit as st
from starlette.middleware import Middleware

from route_atlas.web import Guard

app = st.App("app.py", middleware=[Middleware(Guard)])
