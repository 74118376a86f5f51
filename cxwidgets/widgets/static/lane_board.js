// The lane board: the journey's stages as columns of touchpoint cards, arranged by
// dragging (SortableJS, bundled beside this file) or with the arrow buttons on each card
// and stage, which do the same for keyboards and for one-pointer use. The page never
// changes the journey itself: each move is sent to the kernel, which checks it and saves
// it (or refuses it and says why), and the board is drawn again from what the kernel
// sends back. `Sortable` is defined above this code when the kernel assembles the module.

function el(tag, cls, text) {
  const node = document.createElement(tag);
  if (cls) node.className = cls;
  if (text !== undefined) node.textContent = text;
  return node;
}

function say(pattern, values) {
  return pattern.replace(/\{(\w+)\}/g, (_, key) => (key in values ? values[key] : ""));
}

function render({ model, el: root }) {
  root.classList.add("cx-lane-board");
  const words = () => model.get("words") || {};
  const top = el("div", "cx-lane-top");
  const hint = el("p", "cx-lane-hint");
  const undo = el("button", "cx-lane-undo");
  undo.type = "button";
  top.append(hint, undo);
  const status = el("p", "cx-lane-message");
  status.setAttribute("role", "status");
  const scroll = el("div", "cx-lane-scroll");
  // the board scrolls sideways inside its own box: a keyboard must be able to reach it
  // even when it holds nothing this person may move
  scroll.tabIndex = 0;
  scroll.setAttribute("role", "region");
  // a new stage, at the end of the journey (dragged to its place after)
  const adding = el("form", "cx-lane-add-stage");
  const newName = el("input", "cx-lane-new-stage");
  newName.type = "text";
  newName.maxLength = 120;
  const addStage = el("button", "cx-lane-add-stage-button");
  addStage.type = "submit";
  adding.append(newName, addStage);
  adding.addEventListener("submit", (e) => {
    e.preventDefault();
    if (!newName.value.trim()) return;
    model.send({ add_stage: newName.value });
  });
  model.on("change:added", () => { newName.value = ""; });
  root.append(top, status, scroll, adding);
  let sortables = [];
  let dragging = false;
  let refocus = null; // after a move by button: the button to give the focus back to

  undo.addEventListener("click", () => model.send({ undo: true }));

  function moveButton(cls, label, text, message) {
    const b = el("button", cls, text);
    b.type = "button";
    b.setAttribute("aria-label", label);
    b.title = label;
    b.addEventListener("click", () => {
      refocus = { id: message.id, cls, card: message.move === "card" };
      model.send(message);
    });
    return b;
  }

  function stageIds() {
    return [...scroll.querySelectorAll(".cx-lane[data-stage]")]
      .map((c) => c.dataset.stage).filter((id) => id !== "");
  }

  // Where the keyboard's focus is inside the board, to put it back after drawing anew.
  function focusNow() {
    const a = document.activeElement;
    if (!a || !scroll.contains(a)) return null;
    const card = a.closest("[data-id]");
    if (card) return { id: card.dataset.id, cls: a.classList[0], card: true };
    const lane = a.closest(".cx-lane");
    return lane ? { id: lane.dataset.stage, cls: a.classList[0], card: false } : null;
  }

  function focusAgain(want) {
    const esc = CSS.escape(want.id);
    const holder = want.card ? scroll.querySelector(`[data-id="${esc}"]`)
      : scroll.querySelector(`.cx-lane[data-stage="${esc}"] .cx-lane-head`);
    if (!holder) return;
    const target = (want.cls && holder.querySelector(`button.${CSS.escape(want.cls)}`))
      || holder.querySelector("button");
    if (target) target.focus();
  }

  function draw() {
    if (dragging) return;
    const kept = focusNow();
    const w = words();
    hint.textContent = w.hint || "";
    scroll.setAttribute("aria-label", w.region || "");
    undo.textContent = w.undo || "Undo";
    newName.setAttribute("aria-label", w.new_stage || "");
    newName.placeholder = w.new_stage || "";
    addStage.textContent = w.add_stage || "+";
    adding.style.display = model.get("may_add_stage") ? "" : "none";
    status.textContent = model.get("message") || "";
    status.classList.toggle("cx-lane-refused", !!model.get("refused"));
    sortables.forEach((s) => s.destroy());
    sortables = [];
    const lanes = model.get("lanes") || [];
    const stages = lanes.filter((l) => l.id !== "");
    const row = el("div", "cx-lane-row");
    lanes.forEach((lane) => {
      const col = el("section", "cx-lane" + (lane.movable ? " cx-lane-movable" : ""));
      col.dataset.stage = lane.id;
      const at = stages.findIndex((s) => s.id === lane.id);
      const head = el("div", "cx-lane-head");
      const title = el("h4", "", (lane.id ? at + 1 + ". " : "") + lane.name);
      head.append(title);
      if (lane.movable) {
        const name = { name: lane.name };
        if (at > 0) head.append(moveButton("cx-stage-earlier", say(w.stage_earlier, name), "◀",
          { move: "stage", id: lane.id, index: at - 1 }));
        if (at < stages.length - 1) head.append(moveButton("cx-stage-later",
          say(w.stage_later, name), "▶", { move: "stage", id: lane.id, index: at + 1 }));
      }
      col.setAttribute("aria-label", lane.name);
      col.append(head);
      const list = el("ul", "cx-lane-cards");
      list.dataset.stage = lane.id;
      lane.cards.forEach((card) => {
        const li = el("li", "cx-lane-card" + (card.mine ? " cx-lane-card-mine" : "")
          + (card.movable ? " cx-lane-card-movable" : ""));
        li.dataset.id = card.id;
        const label = el("span", "cx-lane-card-name", (card.mine ? "★ " : "") + card.name);
        li.append(label);
        if (card.movable) {
          const names = { name: card.name };
          const before = lane.id === "" ? null : (at > 0 ? stages[at - 1] : null);
          const after = lane.id === "" ? stages[0] : stages[at + 1];
          if (before) li.append(moveButton("cx-lane-card-earlier", say(w.card_to,
            { ...names, stage: before.name }), "◀", { move: "card", id: card.id, to: before.id }));
          if (after) li.append(moveButton("cx-lane-card-later", say(w.card_to,
            { ...names, stage: after.name }), "▶", { move: "card", id: card.id, to: after.id }));
        }
        list.append(li);
      });
      if (!lane.cards.length) list.append(el("li", "cx-lane-empty", w.empty || ""));
      col.append(list);
      row.append(col);
      sortables.push(Sortable.create(list, {
        group: "cx-cards", draggable: ".cx-lane-card-movable", filter: "button",
        preventOnFilter: false, forceFallback: true, fallbackTolerance: 4, animation: 120,
        onStart() { dragging = true; },
        onEnd(evt) {
          dragging = false;
          const to = evt.to.dataset.stage;
          if (to !== evt.from.dataset.stage) {
            model.send({ move: "card", id: evt.item.dataset.id, to });
          } else {
            draw(); // a card moved within its stage: the map keeps no order inside a stage
          }
        },
      }));
    });
    sortables.push(Sortable.create(row, {
      draggable: ".cx-lane-movable", handle: ".cx-lane-head", filter: "button",
      preventOnFilter: false, forceFallback: true, fallbackTolerance: 4, animation: 120,
      onStart() { dragging = true; },
      onEnd(evt) {
        dragging = false;
        const id = evt.item.dataset.stage;
        const ids = stageIds();
        const was = stages.findIndex((s) => s.id === id);
        if (ids.indexOf(id) !== was) {
          model.send({ move: "stage", id, index: ids.indexOf(id) });
        } else {
          draw();
        }
      },
    }));
    scroll.replaceChildren(row);
    const want = refocus || kept;
    refocus = null;
    if (want) focusAgain(want);
  }

  model.on("change:lanes", draw);
  model.on("change:revision", draw);
  model.on("change:words", draw);
  draw();
  return () => sortables.forEach((s) => s.destroy());
}

export default { render };
