"""Escape Route Atlas. `ui.frame` builds what every page shares (page config, display mode,
navigation, sidebar) and runs the page the address names; see `ui.require_frame` for why."""

import ui

ui.frame()
