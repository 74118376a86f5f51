"""The kit's small stylesheet, shipped as a widget so it works in Lab, Voila and exports.

What it guarantees on every screen from a 375-px phone to a projector: no label cut off
with "…" (ipywidgets cuts descriptions at 80 px and button words at the button's width),
no word broken in the middle in a table, nothing wider than the screen unless it sits in
a box that visibly scrolls sideways. On a phone, tables become stacked cards (each cell
labelled with its column, from `base.table`), boards become one column, and a chart too
wide for the screen scrolls inside its own box. `tests/browser/test_screens.py` measures
all of this in a real browser at three sizes.
"""

from __future__ import annotations

import ipywidgets as w

#: Every root the kit's screens are shown in (the apps, or a step used on its own in Lab).
ROOTS = (".cx-facilitator-app, .cx-participant-app, .cx-step, .cx-technique, .cx-room-board,"
         " .cx-stepper, .cx-banner")

CSS = """
<style>
.cx-error { color: #b00020; font-weight: 600; }
.cx-ok { color: #1b6e20; }
.cx-idle { color: #666; }
.cx-warn { color: #8a5300; font-weight: 600; }
.cx-intro p { margin: 0.2em 0; max-width: 52em; line-height: 1.35; }
.cx-tip { background: #fff7d6; padding: 0.3em 0.6em; border-left: 4px solid #e0b000; }
.cx-code { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: 1.6em;
  letter-spacing: 0.15em; font-weight: 600; }
.cx-step-count { color: #555; font-weight: normal; }
.cx-small { font-size: 0.85em; color: #555; }
.cx-empty { color: #666; }
.cx-hint { font-size: 0.9em; color: #555; margin: 0.2em 0; }
ul.cx-warn { margin: 0.3em 0; }
/* a seat open in two or more browsers, on the facilitator's board and room list */
.cx-crowded { background: #fff4d6; border-left: 4px solid #b8860b; padding: 0.3em 0.6em;
  margin: 0.3em 0; max-width: 52em; }
.cx-crowded-seat { color: #8a5300; font-weight: 600; }
.cx-heading h2 { margin: 0.3em 0; }
:is(ROOTS) textarea { font-family: inherit; line-height: 1.35; }

/* Field labels as wide as their words: ipywidgets cuts them at 80 px ("Backgrou…"). */
:is(ROOTS) .widget-inline-hbox > .widget-label {
  width: auto !important; min-width: 7.5em; max-width: none; flex-shrink: 0;
  overflow: visible; text-overflow: clip; white-space: nowrap; }
/* Buttons fit their words: "Undo my last change" must not end in "…". */
:is(ROOTS) .jupyter-button { width: auto; min-width: 6em; max-width: 100%;
  padding: 0 0.9em; overflow: visible; text-overflow: clip; white-space: nowrap; }
/* toggle buttons: the label beside the buttons, like any field's; the buttons wrap */
:is(ROOTS) .widget-toggle-buttons { display: flex; flex-wrap: wrap; align-items: center;
  height: auto; }
:is(ROOTS) .widget-toggle-buttons > .widget-label { min-width: 7.5em; text-align: right;
  padding-right: 8px; box-sizing: border-box; }
:is(ROOTS) .widget-toggle-buttons > div { display: flex; flex-wrap: wrap; gap: 2px;
  min-width: 0; }
/* tick boxes with a sentence for a label (the share step's formats): the sentence wraps
   on a narrow screen instead of running off it */
:is(ROOTS) .cx-formats .widget-checkbox { height: auto; width: auto; max-width: 100%; }
:is(ROOTS) .cx-formats .widget-label-basic { height: auto; max-width: 100%;
  align-items: flex-start; }
:is(ROOTS) .cx-formats .widget-label-basic span { white-space: normal; overflow: visible;
  text-overflow: clip; line-height: 1.35; }
/* a button on its own line is as wide as its words, not as the line */
:is(ROOTS) .widget-vbox > .jupyter-button { align-self: flex-start; }
:is(ROOTS) .widget-toggle-button { width: auto !important; min-width: 2.6em;
  padding: 0 0.8em; overflow: visible; text-overflow: clip; }
:is(ROOTS) .widget-hbox { flex-wrap: wrap; max-width: 100%; }

/* The techniques' forms have longer labels ("Decisive moment", "Customer's task"): one
   label width for all, so every field of a form starts on the same line. */
.cx-technique .widget-inline-hbox > .widget-label,
.cx-technique .widget-toggle-buttons > .widget-label { min-width: 10em; }

/* A message next to the control that caused it. */
.cx-notice:empty { display: none; }
.cx-notice { margin: 0.2em 0 0.4em; }
.cx-notice .cx-error, .cx-notice .cx-ok { display: inline-block; padding: 0.25em 0.6em;
  border-radius: 4px; }
.cx-notice .cx-error { background: #fdecee; } .cx-notice .cx-ok { background: #e9f5ea; }

/* Tables: words wrap whole, never broken mid-word; a table wider than its screen (a long
   web address typed into a cell) scrolls inside its own box, whose scrollbar shows. */
.cx-table-box { max-width: 100%; overflow-x: auto; }
.cx-table { border-collapse: collapse; margin: 0.5em 0; }
.cx-table th, .cx-table td { border-bottom: 1px solid #ddd; padding: 0.25em 0.7em;
  text-align: left; vertical-align: top; overflow-wrap: break-word; word-break: normal; }
.cx-table th { font-weight: 600; background: #f4f6f8; }
.cx-list, .cx-review-log, .cx-ranking, .cx-accuracy, .cx-diff { max-width: 100%; }
.cx-scroll, .cx-table-box, .cx-board, .cx-chart { scrollbar-width: auto;
  scrollbar-color: #8a94a3 #eceff3; }

/* step 3: drafts side by side */
.cx-compare td { min-width: 9em; }
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
.cx-col-desc { font-size: 0.85em; color: #555; margin: 0 0 0.3em; line-height: 1.3; }
.cx-col ul { list-style: none; margin: 0; padding: 0; }
.cx-chip { background: white; border-radius: 4px; margin: 0.2em 0; padding: 0.15em 0.4em;
  border: 1px solid #9ab; overflow-wrap: anywhere; }
.cx-chip.cx-digital { border-style: dashed; }
.cx-chip small { display: block; color: #555; line-height: 1.3; }
.cx-chip { line-height: 1.3; }
.cx-chip-key { display: inline-block; width: 1.6em; height: 0.9em; margin: 0 0.2em 0 0.5em;
  border: 1px solid #9ab; vertical-align: middle; background: white; }
.cx-chip-key.cx-digital { border-style: dashed; }
/* steps 11-14 */
.cx-status-open { color: #8a5300; } .cx-status-accepted { color: #1b6e20; font-weight: 600; }
.cx-status-rejected { color: #5f5f5f; text-decoration: line-through; }
.cx-overdue { color: #fff; background: #c0392b; border-radius: 3px; padding: 0 0.3em;
  font-weight: 600; }
.cx-dots { font-size: 1.2em; letter-spacing: 0.1em; }
.cx-tie { color: #8a5300; font-size: 0.9em; }
.cx-diff h5 { font-size: 1.05em; margin: 0.8em 0 0.2em; }
.cx-added { color: #1b6e20; } .cx-removed { color: #b00020; text-decoration: line-through; }
.cx-side-by-side > .widget-box { flex: 1 1 0; min-width: 0; }
.cx-file-list a { color: #0b63c4; text-decoration: underline; }
.cx-file-list .cx-path { overflow-wrap: anywhere; color: #444; }

/* Charts: on a wide screen a chart wider than its box is drawn smaller to fit; the map
   has its own fit / 100% / 150% buttons; on a phone a chart keeps its size and scrolls
   sideways in its box. */
.cx-chart { max-width: 100%; overflow-x: auto; }
.cx-chart .vega-embed { display: block; }
.cx-chart svg.marks { max-width: 100%; height: auto; }
.cx-zoom-full, .cx-zoom-large { max-height: 80vh; overflow: auto !important; }
/* the map at "fit" keeps its text readable (a minimum width): when that is wider than
   the screen it scrolls in a frame whose scrollbar is in sight */
.cx-journey-map.cx-zoom-fit { max-height: 80vh; overflow: auto !important; }
.cx-zoom-full svg.marks, .cx-zoom-large svg.marks { max-width: none; }
.cx-zoom-large .vega-embed { zoom: 1.5; }

/* the facilitator's room board: notes in columns, one per stage, newest on top */
.cx-note-columns { display: flex; flex-wrap: wrap; gap: 0.6em; margin: 0.5em 0;
  align-items: flex-start; }
.cx-note-column { flex: 1 1 12em; max-width: 22em; background: #f6f7f9; border-radius: 6px;
  padding: 0.3em 0.4em 0.4em; }
.cx-note-column h5 { margin: 0.1em 0.2em 0.3em; font-size: 0.95em; }
.cx-note-column .cx-count { color: #555; font-weight: normal; }
.cx-note { padding: 0.35em 0.5em; margin: 0 0 0.35em; border-radius: 3px;
  box-shadow: 0 1px 2px rgba(0,0,0,.18); overflow-wrap: anywhere; }
.cx-note-text { font-weight: 600; line-height: 1.3; }
.cx-note-meta { font-size: 0.9em; color: #222; margin-top: 0.15em; line-height: 1.3; }
.cx-role { display: inline-block; padding: 0 0.45em; border-radius: 0.7em; color: #fff;
  background: #2b3a55; font-weight: 600; font-size: 0.92em; }
.cx-role-evidence, .cx-role-customer { background: #1d6b52; }
.cx-note-where { color: #555; }
.cx-note-new { outline: 2px solid #2b5f9e; }
.cx-note-hidden { opacity: 0.45; text-decoration: line-through; }
.cx-note-merged { opacity: 0.6; }
.cx-tally { font-size: 1.15em; }
.cx-room-board { border-top: 3px solid #23304a; margin-top: 1em; padding-top: 0.5em; }

/* the participant's app: one column, fingers not mice */
.cx-participant-app { max-width: 72em; margin: 0 auto; }
.cx-participant-app .cx-join-form { width: 100%; max-width: 40em; align-self: center; }
.cx-participant-app .widget-text, .cx-participant-app .widget-textarea,
.cx-participant-app .widget-dropdown, .cx-participant-app .widget-select-multiple,
.cx-participant-app .widget-combobox, .cx-participant-app .widget-datepicker {
  width: 100% !important; max-width: 40em !important; margin-left: 0; margin-right: 0;
  box-sizing: border-box; }
.cx-participant-app .widget-inline-hbox { flex-wrap: wrap; height: auto !important; }
.cx-participant-app .widget-dropdown > select { height: var(--jp-widgets-inline-height);
  flex-basis: 100%; }
.cx-participant-app .widget-inline-hbox > .widget-label,
.cx-participant-app .widget-toggle-buttons > .widget-label { width: 100% !important;
  text-align: left; margin-bottom: 2px; }
.cx-participant-app .jupyter-button { min-height: 2.6em; margin: 3px 4px 3px 0; }
.cx-participant-app .widget-toggle-buttons .widget-toggle-button { min-height: 2.4em; }
.cx-room-step { font-size: 1.05em; margin: 0.3em 0; }
.cx-statement { margin: 0.6em 0 0.2em; }
/* the facilitator's banner: join code, link and QR code for the room */
.cx-join { display: flex; align-items: center; gap: 1.2em; flex-wrap: wrap; }
.cx-join p { margin: 0.1em 0; }
.cx-join .cx-qr { width: 110px; height: auto; }
.cx-qr-big .cx-join .cx-qr { width: min(70vh, 90vw); }
.cx-qr-big .cx-code { font-size: 2.4em; }
.cx-link { font-family: ui-monospace, "DejaVu Sans Mono", monospace; overflow-wrap: anywhere; }
/* the stepper's progress bar: the full width, margins included */
.cx-stepper > .cx-progress { width: auto; margin-left: 0; margin-right: 0; }
/* the facilitator's timer */
.cx-timer-bar .widget-inline-hbox > .widget-label { min-width: 0 !important; }
.cx-timer-minutes input { min-width: 3.5em; }
.cx-clock { font-size: 1.4em; font-variant-numeric: tabular-nums; font-weight: 600; }
.cx-timer-low { color: #b35900; } .cx-timer-over { color: #b00020; }

/* The map one stage at a time (step 10): lanes of cards whose text wraps, never cut. */
.cx-stage-nav { align-items: center; gap: 0.6em; }
.cx-stage-name { margin: 0.2em 0; }
.cx-stage-body .cx-lane { margin: 0.5em 0 0.8em; }
.cx-stage-body .cx-lane h4 { margin: 0 0 0.3em; color: #4a5260; font-size: 0.95em;
  text-transform: uppercase; letter-spacing: 0.04em; }
.cx-lane-cards { display: flex; flex-wrap: wrap; gap: 0.5em; }
.cx-card { flex: 1 1 15em; max-width: 100%; box-sizing: border-box; padding: 0.45em 0.7em;
  border-radius: 6px; line-height: 1.35; overflow-wrap: anywhere; background: #f4f6f8;
  border-left: 6px solid #8a94a3; margin: 0; }
.cx-card small { display: block; color: #4a5260; font-size: 0.85em; margin-top: 0.15em; }
.cx-card-tp { background: #fff; border: 1px solid #5b6270; border-left-width: 6px; }
.cx-card-pain { background: #fbe9e0; border-left-color: #d55e00; }
.cx-card-idea { background: #e1f4ee; border-left-color: #009e73; }
.cx-card-quote { background: #fdf6dc; border-left-color: #d9b44a; font-style: italic; }
.cx-dots-badge, .cx-dot-count { font-weight: 700; white-space: nowrap; margin-left: 0.4em; }
.cx-card-pain .cx-dots-badge { color: #a0460a; } .cx-card-idea .cx-dots-badge { color: #00684c; }
.cx-item-whole { margin: 0.2em 0 0.4em; max-width: 40em; line-height: 1.35; }

/* Focus: a ring no one can miss, on every control reached with the keyboard. */
:is(ROOTS) :focus-visible, :is(ROOTS) input:focus, :is(ROOTS) select:focus,
:is(ROOTS) textarea:focus { outline: 3px solid #0b4fb3 !important; outline-offset: 2px;
  box-shadow: 0 0 0 5px rgba(11, 79, 179, 0.25); }
/* Contrast of at least 4.5:1 where the widgets' own colours fall short: white on their
   green (4.1:1) and grey on the grey of a collapsed section's header (4.45:1). */
:is(ROOTS) .jupyter-button.mod-success { background-color: #2e7d32; }
:is(ROOTS) .jupyter-widget-Collapse-header { color: #4a4a4a; }
/* A chosen toggle button (a feeling, a view) is marked by a bar and bold words, not by a
   darker grey alone. */
:is(ROOTS) .widget-toggle-button.mod-active { font-weight: 700;
  box-shadow: inset 0 -4px 0 #0b4fb3; }
/* The facilitator's keys work on the kit's own page only (its template listens). */
.jupyter-widgets.cx-keys-hint { display: none; }
body.cx-page .jupyter-widgets.cx-keys-hint { display: flex; }
/* Words for screen readers only (announcements, the map's table title): kept off screen
   but in the accessibility tree. */
.cx-sr-only { position: absolute !important; width: 1px; height: 1px; padding: 0;
  margin: -1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0; }

/* Projector: larger type for the back of the room; the facilitator's tips stay private.
   Charts are drawn larger too, and fields grow with their words instead of cutting them. */
.cx-projector { --jp-widgets-font-size: 19px; --jp-content-font-size1: 19px;
  --jp-widgets-inline-height: 34px; --jp-widgets-inline-width: 22em; font-size: 19px; }
.cx-projector .jp-RenderedHTMLCommon, .cx-projector .widget-html-content { font-size: 19px; }
.cx-projector .cx-tip { display: none; }
.cx-projector .cx-note-text { font-size: 1.1em; }
.cx-projector .cx-chart:not(.cx-journey-map) .vega-embed { zoom: 1.45; }
.cx-projector .cx-stage-view, .cx-projector .cx-stage-view .widget-html-content {
  font-size: 26px; }
.cx-projector .cx-stage-view .jupyter-button { font-size: 22px; height: auto;
  min-height: 1.8em; }
.cx-projector .widget-dropdown, .cx-projector .widget-datepicker,
.cx-projector .widget-text, .cx-projector .widget-inline-hbox { width: auto !important;
  max-width: 100%; }
.cx-projector .widget-dropdown > select, .cx-projector .widget-datepicker > input {
  field-sizing: content; min-width: 12em; max-width: 100%; flex: 0 1 auto; }
.cx-projector .widget-toggle-button, .cx-projector .jupyter-button { height: auto;
  min-height: var(--jp-widgets-inline-height); }
.cx-projector .cx-role, .cx-projector .cx-overdue { white-space: nowrap; }

/* Phones and narrow windows: one column; tables become cards, each cell with its column
   (a narrow table marked cx-keep stays a table). */
@media (max-width: 760px) {
  CARD, CARD tbody, CARD tr, CARD td { display: block; width: auto; }
  CARD thead { display: none; }
  CARD tr { border: 1px solid #d5dae1; border-radius: 6px; margin: 0 0 0.5em;
    padding: 0.3em 0.6em; }
  CARD td { border: 0; padding: 0.1em 0; overflow-wrap: anywhere; min-width: 0; }
  CARD td[data-label]:not([data-label=""])::before { content: attr(data-label) ": ";
    font-weight: 600; color: #4a5260; }
  CARD td:empty { display: none; }
  /* the first cell names the card */
  CARD td:first-child { font-weight: 600; }
  CARD td:first-child::before { content: none !important; }
  .cx-board { flex-direction: column; overflow-x: visible; }
  .cx-col { max-width: none; }
  .cx-note-column { max-width: none; flex-basis: 100%; }
  .cx-side-by-side { flex-direction: column; }
  .cx-side-by-side > .widget-box { width: 100% !important; }
  .cx-chart:not(.cx-zoom-fit) svg.marks { max-width: none; }
  /* a phone shows its scrollbars only while a finger moves: say that the chart scrolls */
  .cx-chart.cx-has-chart:not([class*="cx-zoom-"])::before {
    content: "Swipe sideways to see the whole chart →"; font-size: 0.85em; color: #555;
    margin: 0.2em 0; }
  .cx-side-by-side .cx-chart svg.marks { max-width: 100%; }
  :is(ROOTS) .widget-inline-hbox > .widget-label,
  :is(ROOTS) .widget-toggle-buttons > .widget-label { width: 100% !important;
    white-space: normal; text-align: left; }
  .cx-participant-app { max-width: none; }
  /* the map on a phone: its lanes one stage at a time, not a thumbnail of the whole */
  .cx-step-map .cx-map-whole, .cx-step-map .cx-map-view { display: none !important; }
  .cx-step-map .cx-map-stages { display: flex !important; }
  .cx-card { flex-basis: 100%; }
}
</style>
""".replace("ROOTS", ROOTS).replace("CARD", ".cx-table:not(.cx-keep)")


def stylesheet() -> w.HTML:
    return w.HTML(CSS).add_class("cx-style")
