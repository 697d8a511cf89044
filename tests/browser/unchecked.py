"""The app with its plain-text check switched off, for the injection tests only: it shows that
every surface escapes what the check would have refused (HTML, script, links, images, CSS), so
the check is a second guard, not the only one. Run as
`python -m tests.browser.unchecked run serve.py --server.port PORT`, like `python -m streamlit`.
"""

import sys

from streamlit.web.cli import main

import route_atlas.schema

route_atlas.schema.text_problem = lambda text: None

if __name__ == "__main__":
    sys.exit(main(prog_name="streamlit"))
