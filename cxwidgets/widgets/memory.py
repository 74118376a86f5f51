"""`BrowserMemory`: one small value kept in the participant's own browser (localStorage).

A participant who reloads the page, or comes back after lunch, should be the same person
in the workshop, not a second "Ana". The kernel cannot see the browser's storage, so this
widget carries it across: when it is drawn, the page reports what it holds under `key`
(`loaded`); when Python sets `value`, the page stores it. Only a seat id and its secret
are kept, never anything the participant typed.
"""

from __future__ import annotations

import anywidget
import traitlets

#: `loaded` when the browser holds nothing under the key.
NOTHING = "\x00"

ESM = """
export default {
  render({ model }) {
    const key = model.get("key");
    let stored = null;
    try { stored = window.localStorage.getItem(key); } catch (e) { stored = null; }
    model.set("loaded", stored === null ? "\\u0000" : stored);
    model.save_changes();
    model.on("change:value", () => {
      const value = model.get("value");
      try {
        if (value) { window.localStorage.setItem(key, value); }
        else { window.localStorage.removeItem(key); }
      } catch (e) { /* private browsing: the seat lasts as long as the page */ }
    });
  }
};
"""


class BrowserMemory(anywidget.AnyWidget):
    """A value under `key` in this browser's localStorage, read once and written on change."""

    _esm = ESM
    key = traitlets.Unicode("").tag(sync=True)
    value = traitlets.Unicode("").tag(sync=True)
    loaded = traitlets.Unicode("").tag(sync=True)
