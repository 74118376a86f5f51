"""The kit's small stylesheet, shipped as a widget so it works in Lab, Voila and exports."""

from __future__ import annotations

import ipywidgets as w

CSS = """
<style>
.cx-error { color: #b00020; font-weight: 600; }
.cx-ok { color: #1b6e20; }
.cx-idle { color: #666; }
.cx-warn { color: #8a5300; font-weight: 600; }
.cx-intro p { margin: 0.2em 0; max-width: 52em; line-height: 1.35; }
.cx-tip { background: #fff7d6; padding: 0.3em 0.6em; border-left: 4px solid #e0b000; }
.cx-table { border-collapse: collapse; margin: 0.5em 0; }
.cx-table th, .cx-table td { border-bottom: 1px solid #ddd; padding: 0.2em 0.8em;
  text-align: left; overflow-wrap: anywhere; }
.cx-code { font-family: monospace; font-size: 1.6em; letter-spacing: 0.15em; }
.cx-step-count { color: #555; font-weight: normal; }
.cx-small { font-size: 0.85em; color: #555; }
/* buttons fit their words: "Undo my last change" must not end in "…" */
.cx-step .jupyter-button, .cx-timer-bar .jupyter-button, .cx-room-board .jupyter-button,
.cx-room .jupyter-button { width: auto; min-width: 7em; padding: 0 0.9em; }
.cx-empty { color: #666; }
.cx-list, .cx-review-log, .cx-ranking, .cx-accuracy, .cx-diff { overflow-x: auto; max-width: 100%; }
ul.cx-warn { margin: 0.3em 0; }
/* step 3: drafts side by side */
.cx-compare td { vertical-align: top; min-width: 10em; }
.cx-same { color: #333; }
.cx-some { background: #e8f1fb; padding: 0 0.2em; }
.cx-only { background: #ffe3b3; padding: 0 0.2em; font-weight: 600; }
.cx-differs { color: #b35900; }
.cx-legend span { margin-right: 0.3em; }
.cx-cards { display: flex; flex-wrap: wrap; gap: 0.8em; }
.cx-persona-card { border: 1px solid #ccd; border-radius: 8px; padding: 0.4em 0.9em;
  max-width: 22em; background: #fbfbfd; }
.cx-persona-card h4 { margin: 0.3em 0; }
.cx-persona-card blockquote { margin: 0.3em 0; font-style: italic; color: #444; }
.cx-persona-card ul { margin: 0.1em 0 0.4em 1.1em; padding: 0; }
/* step 5: the timeline board */
.cx-board { display: flex; gap: 0.5em; overflow-x: auto; padding-bottom: 0.4em; }
.cx-col { min-width: 10em; max-width: 14em; background: #f4f6f8; border-radius: 6px;
  padding: 0.3em 0.5em; }
.cx-col h5 { margin: 0.2em 0; }
.cx-col-desc { font-size: 0.8em; color: #555; margin: 0 0 0.3em; }
.cx-col ul { list-style: none; margin: 0; padding: 0; }
.cx-chip { background: white; border-radius: 4px; margin: 0.2em 0; padding: 0.15em 0.4em;
  border: 1px solid #9ab; overflow-wrap: anywhere; }
.cx-chip.cx-digital { border-style: dashed; }
.cx-chip small { display: block; color: #666; }
/* steps 11-14 */
.cx-status-open { color: #8a5300; } .cx-status-accepted { color: #1b6e20; font-weight: 600; }
.cx-status-rejected { color: #777; text-decoration: line-through; }
.cx-overdue { color: #fff; background: #c0392b; border-radius: 3px; padding: 0 0.3em;
  font-weight: 600; }
.cx-dots { font-size: 1.2em; letter-spacing: 0.1em; }
.cx-tie { color: #8a5300; font-size: 0.9em; }
.cx-added { color: #1b6e20; } .cx-removed { color: #b00020; text-decoration: line-through; }
.cx-file-list a { color: #0b63c4; text-decoration: underline; }
/* the facilitator's room board */
.cx-notes { display: flex; flex-wrap: wrap; gap: 0.6em; margin: 0.5em 0; }
.cx-note { width: 11em; min-height: 4.5em; padding: 0.5em 0.6em; border-radius: 3px;
  box-shadow: 0 1px 3px rgba(0,0,0,.18); overflow-wrap: anywhere; }
.cx-note-text { font-weight: 600; } .cx-note-meta { font-size: 0.8em; color: #555;
  margin-top: 0.3em; }
.cx-note-hidden { opacity: 0.45; text-decoration: line-through; }
.cx-note-merged { opacity: 0.6; }
.cx-room-board { border-top: 3px solid #23304a; margin-top: 1em; padding-top: 0.5em; }
/* the participant's app: one column, full width, fingers not mice */
.cx-participant-app { max-width: 46em; margin: 0 auto; }
.cx-participant-app .widget-text, .cx-participant-app .widget-textarea,
.cx-participant-app .widget-dropdown, .cx-participant-app .widget-select-multiple,
.cx-participant-app .widget-combobox, .cx-participant-app .widget-datepicker {
  width: 100% !important; max-width: 100% !important; }
.cx-participant-app .widget-inline-hbox { flex-wrap: wrap; height: auto !important; }
.cx-participant-app .widget-dropdown > select { height: var(--jp-widgets-inline-height);
  flex-basis: 100%; }
.cx-participant-app .widget-inline-hbox > .widget-label { width: 100% !important;
  text-align: left; margin-bottom: 2px; }
.cx-participant-app .widget-hbox { flex-wrap: wrap; }
.cx-participant-app .jupyter-button { min-height: 2.6em; margin: 3px 4px 3px 0; }
.cx-participant-app .widget-toggle-buttons .widget-toggle-button { min-height: 2.4em; }
.cx-participant-app table { display: block; overflow-x: auto; max-width: 100%; }
.cx-participant-app .cx-table th, .cx-participant-app .cx-table td { overflow-wrap: normal;
  word-break: normal; min-width: 3em; }
.cx-participant-app .cx-chart { max-width: 100%; overflow-x: auto; }
.cx-room-step { font-size: 1.05em; margin: 0.3em 0; }
.cx-statement { margin: 0.6em 0 0.2em; }
/* the facilitator's banner: join code, link and QR code for the room */
.cx-join { display: flex; align-items: center; gap: 1.2em; flex-wrap: wrap; }
.cx-join .cx-qr { width: 120px; height: auto; }
.cx-qr-big .cx-join .cx-qr { width: min(70vh, 90vw); }
.cx-qr-big .cx-code { font-size: 2.4em; }
.cx-link { font-family: monospace; overflow-wrap: anywhere; }
/* the facilitator's timer */
.cx-clock { font-size: 1.4em; font-variant-numeric: tabular-nums; font-weight: 600; }
.cx-timer-low { color: #b35900; } .cx-timer-over { color: #b00020; }
</style>
"""


def stylesheet() -> w.HTML:
    return w.HTML(CSS).add_class("cx-style")
