// The emotion curve by hand: the journey's touchpoints along the bottom, the feeling
// scale (-2..+2) up the side, the room's average as a grey line, and this person's own
// dot at each touchpoint, dragged up or down (or moved with the arrow keys: each dot is
// a slider) to the feeling they mean. Letting go sends the new score to the kernel, which
// saves it as the form's "Save rating" would, or says why not; the curve is then drawn
// again from what the kernel sends back.

const NS = "http://www.w3.org/2000/svg";
const STEP = 88; // px between two touchpoints
const LEFT = 112; // room for the scale's words
const TOP = 18;
const ROW = 34; // px per point of the scale
const KEY_WAIT = 700; // ms of quiet after the last arrow key before the score is sent

function svg(tag, attrs, text) {
  const node = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, v);
  if (text !== undefined) node.textContent = text;
  return node;
}

function render({ model, el }) {
  el.classList.add("cx-curve");
  const hint = document.createElement("p");
  hint.className = "cx-curve-hint";
  const status = document.createElement("p");
  status.className = "cx-curve-message";
  status.setAttribute("role", "status");
  const box = document.createElement("div");
  box.className = "cx-curve-scroll";
  box.tabIndex = 0; // it scrolls sideways on a narrow screen: a keyboard must reach it
  box.setAttribute("role", "region");
  el.append(hint, status, box);
  let dragging = null;
  const timers = {};

  const y = (score) => TOP + (2 - score) * ROW;
  const scoreAt = (py) => Math.max(-2, Math.min(2, Math.round(2 - (py - TOP) / ROW)));

  function draw() {
    if (dragging) return;
    const words = model.get("words") || {};
    const scale = words.scale || {};
    hint.textContent = words.hint || "";
    box.setAttribute("aria-label", words.title || "");
    status.textContent = model.get("message") || "";
    status.classList.toggle("cx-curve-refused", !!model.get("refused"));
    const points = model.get("points") || [];
    const focused = document.activeElement && box.contains(document.activeElement)
      ? document.activeElement.dataset.id : null;
    const width = LEFT + Math.max(1, points.length) * STEP + 20;
    const height = TOP + 4 * ROW + 64;
    const chart = svg("svg", { width, height, viewBox: `0 0 ${width} ${height}`,
      role: "group", "aria-label": words.title || "" });
    for (let s = -2; s <= 2; s++) {
      chart.append(svg("line", { x1: LEFT - 6, x2: width - 10, y1: y(s), y2: y(s),
        class: s === 0 ? "cx-curve-zero" : "cx-curve-grid" }));
      chart.append(svg("text", { x: LEFT - 12, y: y(s) + 4, "text-anchor": "end",
        class: "cx-curve-scale" }, (s > 0 ? "+" : "") + s + " " + (scale[s] || "")));
    }
    const x = (k) => LEFT + STEP / 2 + k * STEP;
    const rated = points.map((p, k) => [p, k]).filter(([p]) => p.mean !== null);
    if (rated.length > 1) {
      chart.append(svg("polyline", { class: "cx-curve-room", fill: "none",
        points: rated.map(([p, k]) => `${x(k)},${y(p.mean)}`).join(" ") }));
    }
    rated.forEach(([p, k]) => chart.append(svg("rect", { class: "cx-curve-room-mark",
      x: x(k) - 5, y: y(p.mean) - 5, width: 10, height: 10,
      transform: `rotate(45 ${x(k)} ${y(p.mean)})` })));
    let lastStage = null;
    points.forEach((p, k) => {
      const label = p.name.length > 12 ? p.name.slice(0, 11) + "…" : p.name;
      const name = svg("text", { x: x(k), y: y(-2) + 30, "text-anchor": "middle",
        class: "cx-curve-tp" }, label);
      name.append(svg("title", {}, p.name));
      chart.append(name);
      if (p.stage !== lastStage) {
        chart.append(svg("text", { x: x(k) - STEP / 2 + 4, y: y(-2) + 50,
          class: "cx-curve-stage" }, p.stage));
        lastStage = p.stage;
      }
      const score = p.mine === null ? 0 : p.mine;
      const dot = svg("g", { class: "cx-curve-dot" + (p.mine === null ? " cx-curve-unrated" : ""),
        tabindex: 0, role: "slider", "data-id": p.id, "aria-valuemin": -2,
        "aria-valuemax": 2, "aria-valuenow": score,
        "aria-valuetext": p.mine === null ? (words.unrated || "") : (scale[score] || ""),
        "aria-label": (words.dot || "{name}").replace("{name}", p.name) });
      dot.append(svg("circle", { cx: x(k), cy: y(score), r: 11 }));
      dot.append(svg("text", { x: x(k), y: y(score) + 4, "text-anchor": "middle" },
        p.mine === null ? "?" : "★"));
      chart.append(dot);
      const place = (s) => {
        dot.querySelector("circle").setAttribute("cy", y(s));
        dot.querySelector("text").setAttribute("y", y(s) + 4);
        dot.setAttribute("aria-valuenow", s);
        dot.setAttribute("aria-valuetext", scale[s] || "");
      };
      dot.addEventListener("pointerdown", (e) => {
        dragging = { id: p.id, start: p.mine, now: score };
        dot.setPointerCapture(e.pointerId);
        dot.classList.add("cx-curve-moving");
        e.preventDefault();
      });
      dot.addEventListener("pointermove", (e) => {
        if (!dragging || dragging.id !== p.id) return;
        const top = chart.getBoundingClientRect().top;
        const scaleY = height / chart.getBoundingClientRect().height;
        dragging.now = scoreAt((e.clientY - top) * scaleY);
        place(dragging.now);
      });
      const drop = () => {
        if (!dragging || dragging.id !== p.id) return;
        const { now, start } = dragging;
        dragging = null;
        dot.classList.remove("cx-curve-moving");
        if (now !== start) model.send({ rate: p.id, score: now });
        else draw();
      };
      dot.addEventListener("pointerup", drop);
      dot.addEventListener("pointercancel", drop);
      dot.addEventListener("keydown", (e) => {
        const moves = { ArrowUp: 1, ArrowRight: 1, ArrowDown: -1, ArrowLeft: -1 };
        if (!(e.key in moves)) return;
        e.preventDefault();
        const now = Math.max(-2, Math.min(2, Number(dot.getAttribute("aria-valuenow"))
          + moves[e.key]));
        place(now);
        clearTimeout(timers[p.id]);
        timers[p.id] = setTimeout(() => model.send({ rate: p.id, score: now }), KEY_WAIT);
      });
    });
    box.replaceChildren(chart);
    if (focused) {
      const again = box.querySelector(`[data-id="${CSS.escape(focused)}"]`);
      if (again) again.focus();
    }
  }

  model.on("change:points", draw);
  model.on("change:revision", draw);
  model.on("change:words", draw);
  draw();
}

export default { render };
