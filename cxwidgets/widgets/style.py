"""The kit's small stylesheet, shipped as a widget so it works in Lab, Voila and exports."""

from __future__ import annotations

import ipywidgets as w

CSS = """
<style>
.cx-error { color: #b00020; font-weight: 600; }
.cx-ok { color: #1b6e20; }
.cx-idle { color: #666; }
.cx-warn { color: #8a5300; font-weight: 600; }
.cx-intro p { margin: 0.2em 0; max-width: 48em; }
.cx-tip { background: #fff7d6; padding: 0.3em 0.6em; border-left: 4px solid #e0b000; }
.cx-table { border-collapse: collapse; margin: 0.5em 0; }
.cx-table th, .cx-table td { border-bottom: 1px solid #ddd; padding: 0.2em 0.8em;
  text-align: left; overflow-wrap: anywhere; }
.cx-code { font-family: monospace; font-size: 1.6em; letter-spacing: 0.15em; }
.cx-step-count { color: #555; font-weight: normal; }
</style>
"""


def stylesheet() -> w.HTML:
    return w.HTML(CSS).add_class("cx-style")
