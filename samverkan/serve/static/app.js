// The explorer's page: the network (sigma.js over graphology), search, the evidence panel.
// Every name is written with textContent, never as markup; all view state lives in the URL.
"use strict";

const T = JSON.parse(document.getElementById("text").textContent);
const CSRF = document.querySelector('meta[name="csrf-token"]').content;
const state = { data: null, graph: null, renderer: null, focus: null, neighbours: new Set() };

function params() {
  return new URLSearchParams(location.search);
}

function setParam(key, value) {
  const p = params();
  if (value === null || value === undefined || value === "") p.delete(key);
  else p.set(key, value);
  history.replaceState(null, "", "?" + p.toString());
}

function api(path, extra) {
  const p = new URLSearchParams();
  for (const key of ["lang", "as_of", "persons"]) if (params().get(key)) p.set(key, params().get(key));
  for (const [k, v] of Object.entries(extra || {})) p.set(k, v);
  return fetch(path + "?" + p.toString()).then(async (r) => {
    const body = await r.json();
    if (!r.ok) throw new Error(body.error || r.statusText);
    return body;
  });
}

function post(path, body) {
  return fetch(path, {
    method: "POST",
    headers: { "content-type": "application/json", "x-csrf-token": CSRF },
    body: JSON.stringify(body),
  }).then(async (r) => {
    const answer = await r.json();
    if (!r.ok) throw new Error(answer.error || r.statusText);
    return answer;
  });
}

function el(tag, props, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(props || {})) {
    if (k === "text") node.textContent = v;
    else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v);
  }
  for (const child of children) if (child !== null && child !== undefined) node.append(child);
  return node;
}

// -- colours -----------------------------------------------------------------------------
function colorOf(node) {
  const by = params().get("color") || "sector";
  const colors = state.data.colors;
  if (by === "sector") return colors.sector[node.sector || ""];
  const key = by === "community" ? node.community : node[by];
  if (!(key in state.palette))
    state.palette[key] = colors.palette[Object.keys(state.palette).length % colors.palette.length];
  return state.palette[key];
}

function sizeOf(node, degree, top) {
  const by = params().get("size") || "degree";
  const value = by === "betweenness" ? node.betweenness : degree;
  return 4 + 12 * Math.sqrt(value / (top[by] || 1));
}

// -- the network -------------------------------------------------------------------------
function build(data) {
  const graph = new graphology.Graph({ type: "undirected", multi: false });
  const degree = new Array(data.nodes.length).fill(0);
  for (const [a, b] of data.edges) {
    degree[a] += 1;
    degree[b] += 1;
  }
  const top = {
    degree: Math.max(1, ...degree),
    betweenness: Math.max(1e-9, ...data.nodes.map((n) => n.betweenness)),
  };
  state.palette = {};
  data.nodes.forEach((n, i) =>
    graph.addNode(n.id, {
      x: n.x,
      y: -n.y,
      label: n.name,
      size: sizeOf(n, degree[i], top),
      color: colorOf(n),
      info: n,
    }),
  );
  for (const [a, b, w] of data.edges) {
    graph.addEdge(data.nodes[a].id, data.nodes[b].id, {
      size: Math.min(1 + w / 2, 4),
      color: "#c8c8c8",
      weight: w,
    });
  }
  return graph;
}

function visible(id) {
  return !state.hidden || !state.hidden.has(id);
}

function nodeReducer(id, attrs) {
  const out = { ...attrs };
  if (!visible(id)) {
    out.hidden = true;
    return out;
  }
  if (state.highlight && !state.highlight.has(id)) {
    out.color = "#d4d4d4";
    out.label = "";
  }
  if (state.focus) {
    if (id === state.focus) {
      out.highlighted = true;
      out.forceLabel = true;
      out.zIndex = 2;
    } else if (!state.neighbours.has(id)) {
      out.color = "#d4d4d4";
      out.label = "";
    } else out.forceLabel = true;
  }
  return out;
}

function edgeReducer(id, attrs) {
  const out = { ...attrs };
  const [a, b] = state.graph.extremities(id);
  if (!visible(a) || !visible(b)) {
    out.hidden = true;
    return out;
  }
  if (state.focus && a !== state.focus && b !== state.focus) out.color = "#f0f0f0";
  else if (state.focus) out.color = "#666";
  if (state.highlight && (!state.highlight.has(a) || !state.highlight.has(b))) out.color = "#f0f0f0";
  if (state.edgeColor && state.edgeColor[id]) {
    out.color = state.edgeColor[id];
    out.size = 3;
  }
  return out;
}

function draw() {
  return api("/api/graph").then((data) => {
    performance.mark("graph-received");
    state.data = data;
    state.graph = build(data);
    performance.mark("graph-built");
    filterState();
    if (state.renderer) state.renderer.kill();
    state.renderer = new Sigma(state.graph, document.getElementById("graph"), {
      nodeReducer,
      edgeReducer,
      labelRenderedSizeThreshold: 5,
      // one vertex per actor and a line per tie: the cheapest programs, for 20,000 actors
      nodeProgramClasses: { circle: Sigma.rendering.NodePointProgram },
      edgeProgramClasses: { line: Sigma.rendering.EdgeLineProgram },
      hideEdgesOnMove: true,
      hideLabelsOnMove: true,
      stagePadding: 60,
      labelDensity: 0.5,
      labelGridCellSize: 120,
      zIndex: true,
      minCameraRatio: 0.02,
      maxCameraRatio: 10,
    });
    performance.mark("graph-drawn");
    state.renderer.on("clickNode", ({ node }) => select(node));
    state.renderer.on("clickStage", () => select(null));
    setupControls();
    showStatus();
    return compareTies().then(() => data);
  });
}

function showStatus() {
  const shown = state.data.nodes.filter((n) => visible(n.id)).length;
  document.getElementById("status").textContent = T.actors_shown
    .replace("{n}", shown)
    .replace("{total}", state.data.nodes.length)
    .replace("{ties}", state.data.edges.length);
}

// -- search ------------------------------------------------------------------------------
function matches(text) {
  // names and aliases: the same name first, then names that start so, then names that hold it
  const q = text.trim().toLocaleLowerCase();
  if (!q) return [];
  const found = [[], [], []];
  for (const row of state.data.search) {
    const names = [row[1], ...row[2]].map((s) => s.toLocaleLowerCase());
    if (names.includes(q)) found[0].push(row);
    else if (found[1].length < 12 && names.some((s) => s.startsWith(q))) found[1].push(row);
    else if (found[2].length < 12 && names.some((s) => s.includes(q))) found[2].push(row);
  }
  return found.flat().slice(0, 12);
}

function setupSearch() {
  const input = document.getElementById("search"),
    list = document.getElementById("matches");
  input.placeholder = T.search;
  input.setAttribute("aria-label", T.search);
  let found = [],
    active = 0;
  const show = () => {
    list.replaceChildren(
      ...found.map((row, i) =>
        el(
          "li",
          {
            role: "option",
            "aria-selected": String(i === active),
            onmousedown: (e) => {
              e.preventDefault();
              choose(row);
            },
          },
          el("span", { class: "name", text: row[1] }),
          el("span", { class: "kind", text: row[3] }),
        ),
      ),
    );
    list.hidden = found.length === 0;
    input.setAttribute("aria-expanded", String(!list.hidden));
  };
  const choose = (row) => {
    input.value = row[1];
    found = [];
    show();
    select(row[0]);
  };
  input.addEventListener("input", () => {
    found = matches(input.value);
    active = 0;
    show();
  });
  input.addEventListener("keydown", (e) => {
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      active = (active + (e.key === "ArrowDown" ? 1 : found.length - 1)) % Math.max(found.length, 1);
      show();
      e.preventDefault();
    } else if (e.key === "Enter") {
      const rows = found.length ? found : matches(input.value);
      if (rows.length) choose(rows[Math.min(active, rows.length - 1)]);
      else document.getElementById("status").textContent = T.no_match;
      e.preventDefault();
    } else if (e.key === "Escape") {
      found = [];
      show();
    }
  });
}

// -- selection and the evidence panel ----------------------------------------------------
function select(id) {
  // the evidence first; the map follows once the panel is on screen (a frame of 20,000 actors
  // costs a second in software WebGL)
  state.focus = id && state.graph.hasNode(id) ? id : null;
  state.neighbours = state.focus ? new Set(state.graph.neighbors(id)) : new Set();
  setParam("focus", id);
  const panel = document.getElementById("panel");
  if (!id) {
    panel.hidden = true;
    state.renderer.refresh();
    return Promise.resolve();
  }
  return api("/api/actor/" + encodeURIComponent(id))
    .then(showActor)
    .catch((e) => {
      panel.replaceChildren(el("p", { class: "error", text: e.message }));
      panel.hidden = false;
    })
    .then(() => new Promise((done) => requestAnimationFrame(() => setTimeout(done, 0))))
    .then(() => {
      if (state.focus) {
        const pos = state.renderer.getNodeDisplayData(state.focus);
        state.renderer.getCamera().setState({ x: pos.x, y: pos.y, ratio: 0.3 });
      }
      state.renderer.refresh();
      document.body.dataset.focus = id;
    });
}

function showActor(a) {
  const panel = document.getElementById("panel");
  const link = (item) =>
    el(
      "a",
      {
        href: "?" + withFocus(item.id),
        onclick: (e) => {
          e.preventDefault();
          select(item.id);
        },
      },
      item.name,
    );
  const rows = [
    el("button", {
      type: "button",
      class: "close",
      "aria-label": T.close,
      text: "×",
      onclick: () => select(null),
    }),
    el("h2", { class: "actor-name", text: a.name }),
    el(
      "p",
      { class: "kind" },
      el("span", { text: a.type }),
      a.sector ? el("span", { text: " · " + a.sector }) : null,
    ),
  ];
  if (!state.focus) rows.push(el("p", { class: "note", text: T.not_on_map }));
  if (a.part_of.length)
    rows.push(
      el("p", {}, T.part_of + ": ", ...a.part_of.flatMap((p, i) => (i ? [" › ", link(p)] : [link(p)]))),
    );
  if (a.aliases.length) rows.push(el("p", { text: T.aliases + ": " + a.aliases.join(", ") }));
  rows.push(...a.facts.map(fact));
  if (a.ties.length) {
    rows.push(el("h3", { text: T.ties + " (" + a.ties.length + ")" }));
    rows.push(
      el(
        "ul",
        { class: "ties" },
        ...a.ties.map((t) =>
          el(
            "li",
            {},
            link(t),
            " ",
            el("span", {
              class: "kind",
              text: t.reasons.map((r) => r.kind + (r.id !== r.name ? ": " + r.name : "")).join("; "),
            }),
          ),
        ),
      ),
    );
  }
  if (a.relations.length) {
    rows.push(el("h3", { text: T.relations + " (" + a.relations.length + ")" }));
    rows.push(
      el(
        "ul",
        { class: "relations" },
        ...a.relations.map((r) =>
          el(
            "li",
            {},
            el(
              "p",
              {},
              link(r.from),
              " ",
              el("em", { text: r.relation }),
              " ",
              link(r.to),
              r.role ? " (" + r.role + ")" : "",
              r.period ? " " + r.period : "",
            ),
            ...r.facts.map(fact),
          ),
        ),
      ),
    );
  }
  panel.replaceChildren(...rows);
  panel.hidden = false;
}

function withFocus(id) {
  const p = params();
  p.set("focus", id);
  return p.toString();
}

function fact(f) {
  const sources = f.sources
    .map((s) => s.name + " (" + s.address + ", " + T.loaded + " " + s.date + ")")
    .join("; ");
  const quote = f.quote
    ? el(
        f.readable ? "button" : "span",
        {
          type: "button",
          class: "quote",
          title: T.open_quote,
          onclick: f.readable ? () => openDocument(f) : null,
        },
        "”" + f.quote + "”",
      )
    : el("span", { class: "kind", text: T.no_quote });
  return el(
    "blockquote",
    { class: "fact" },
    quote,
    el(
      "footer",
      {},
      f.document ? el("cite", { text: f.document }) : null,
      f.address && f.address !== f.document ? el("span", { class: "address", text: " " + f.address }) : null,
      el("span", { class: "source", text: " — " + T.source + ": " + sources }),
    ),
  );
}

function openDocument(f) {
  const extra = { name: f.document, quote: f.quote || "" };
  if (f.span) extra.span = f.span.join("-");
  const p = new URLSearchParams(extra);
  for (const s of f.sources) p.append("source", s.name);
  if (params().get("lang")) p.set("lang", params().get("lang"));
  fetch("/api/document?" + p.toString())
    .then((r) => r.json())
    .then((d) => {
      const dialog = document.getElementById("document");
      dialog.querySelector("h2").textContent = d.name;
      dialog.querySelector(".address").textContent = d.address || "";
      dialog.querySelector(".note").textContent = d.missing || d.note || "";
      const text = dialog.querySelector(".text");
      const mark = el("mark", { text: d.quote || "" });
      text.replaceChildren(d.before || "", mark, d.after || "");
      dialog.showModal();
      if (d.quote) mark.scrollIntoView({ block: "center" });
    });
}

// -- controls: view, filters, persons, time, saved views, findings ------------------------
const FACETS = ["sector", "type", "theme", "place", "source"];

function choice(key, label, options, onchange) {
  const select = el(
    "select",
    {
      name: key,
      id: "c-" + key,
      onchange: (e) => {
        setParam(key, e.target.value);
        onchange();
      },
    },
    ...options.map(([value, text]) => el("option", { value }, text)),
  );
  select.value = params().get(key) || options[0][0];
  return el("label", { for: "c-" + key }, label, select);
}

function applyFilters() {
  filterState();
  state.renderer.refresh();
  showStatus();
}

function filterState() {
  // which actors the filters in the address hide, and which a finding highlights
  const p = params(),
    hidden = new Set();
  for (const n of state.data.nodes) {
    for (const key of FACETS) {
      const want = p.get(key);
      const has = Array.isArray(n[key]) ? n[key] : [n[key]];
      if (want && !has.includes(want)) {
        hidden.add(n.id);
        break;
      }
    }
  }
  state.hidden = hidden.size ? hidden : null;
  state.highlight = p.get("highlight") ? new Set(p.get("highlight").split(",")) : null;
}

function recolor() {
  state.palette = {};
  state.graph.forEachNode((id, attrs) => state.graph.setNodeAttribute(id, "color", colorOf(attrs.info)));
  const degree = {};
  state.graph.forEachNode((id) => {
    degree[id] = state.graph.degree(id);
  });
  const top = {
    degree: Math.max(1, ...Object.values(degree)),
    betweenness: Math.max(1e-9, ...state.data.nodes.map((n) => n.betweenness)),
  };
  state.graph.forEachNode((id, attrs) =>
    state.graph.setNodeAttribute(id, "size", sizeOf(attrs.info, degree[id], top)),
  );
  legend();
}

function legend() {
  const box = document.getElementById("legend");
  if (!box) return;
  const by = params().get("color") || "sector";
  const names = Object.fromEntries(state.data.facets[by === "community" ? "sector" : by] || []);
  const rows =
    by === "sector"
      ? state.data.facets.sector.map(([k, name]) => [name, state.data.colors.sector[k]])
      : Object.entries(state.palette)
          .slice(0, 12)
          .map(([k, c]) => [by === "community" ? T.community + " " + (Number(k) + 1) : names[k] || k, c]);
  box.replaceChildren(
    ...rows.map(([name, color]) => {
      const item = el("li", { text: name });
      item.style.setProperty("--swatch", color);
      return item;
    }),
  );
}

function timeControls() {
  const [first, last] = state.data.dates.length ? state.data.dates : [state.data.as_of, state.data.as_of];
  const today = new Date().toISOString().slice(0, 10);
  const lo = Date.parse(first < today ? first : today),
    hi = Date.parse(last > today ? last : today);
  const day = 86400000,
    current = params().get("as_of") || today;
  const shown = el("output", { id: "as-of-value", text: current });
  const slider = el("input", {
    type: "range",
    id: "as-of",
    min: "0",
    max: String(Math.round((hi - lo) / day)),
    value: String(Math.round((Date.parse(current) - lo) / day)),
  });
  const dateOf = (v) => new Date(lo + Number(v) * day).toISOString().slice(0, 10);
  slider.addEventListener("input", () => {
    shown.textContent = dateOf(slider.value);
  });
  slider.addEventListener("change", () => {
    setParam("as_of", dateOf(slider.value));
    redraw();
  });
  const compare = el("input", {
    type: "date",
    id: "compare",
    value: params().get("compare") || "",
    onchange: (e) => {
      setParam("compare", e.target.value);
      redraw();
    },
  });
  return el(
    "fieldset",
    {},
    el("legend", { text: T.time }),
    el("label", { for: "as-of" }, T.as_of + " ", shown),
    slider,
    el("label", { for: "compare" }, T.compare),
    compare,
    el("ul", { class: "legend", id: "changes" }),
  );
}

function savedViews() {
  const list = el("ul", { id: "saved" }),
    name = el("input", { id: "view-name", type: "text" });
  const refresh = () =>
    api("/api/views")
      .then((views) =>
        list.replaceChildren(
          ...Object.entries(views).map(([k, q]) => el("li", {}, el("a", { href: "?" + q, text: k }))),
        ),
      )
      .catch(() => null);
  const save = el("button", {
    type: "button",
    id: "save-view",
    text: T.save_button,
    onclick: () =>
      post("/api/views", { name: name.value, query: location.search })
        .then(refresh)
        .catch((e) => {
          document.getElementById("status").textContent = e.message;
        }),
  });
  refresh();
  const box = el("fieldset", {}, el("legend", { text: T.saved }), list);
  if (document.body.dataset.readOnly !== "1")
    box.append(el("label", { for: "view-name", text: T.save }), name, save);
  return box;
}

function findings() {
  const box = el("div", { id: "findings" });
  const open = el("details", { id: "findings-box" }, el("summary", { text: T.findings }), box);
  open.addEventListener("toggle", () => {
    if (!open.open || box.childElementCount) return;
    api("/api/findings").then((f) => {
      const group = (title, items) => [
        el("h4", { text: title }),
        el(
          "ol",
          { class: "findings" },
          ...items.map((item) =>
            el(
              "li",
              { tabindex: "0", onclick: () => highlight(item.entities) },
              el("strong", {
                text: (item.kind ? item.kind + ": " : "") + (item.names || [item.name]).join(", "),
              }),
              el("br"),
              el("span", { class: "kind", text: item.why }),
            ),
          ),
        ),
      ];
      box.replaceChildren(
        ...group(T.gaps, f.gaps),
        ...group(T.brokers, f.brokers),
        el("h4", { text: T.boundaries }),
        el("p", { text: f.ei_index }),
        ...group("", f.boundaries).slice(1),
      );
    });
  });
  return open;
}

function questions() {
  const box = el("div", { id: "questions" });
  const open = el("details", { id: "questions-box" }, el("summary", { text: T.questions }), box);
  open.addEventListener("toggle", () => {
    if (!open.open || box.childElementCount) return;
    api("/api/questions").then((list) => {
      const form = el("div", { class: "params" });
      const pick = el(
        "select",
        { id: "q-name", onchange: () => fill() },
        ...list.map((q) => el("option", { value: q.name, text: q.name })),
      );
      const engine = el(
        "select",
        { id: "q-engine" },
        el("option", { value: "sparql", text: "SPARQL" }),
        el("option", { value: "cypher", text: "Cypher" }),
      );
      const fill = () => {
        const q = list.find((x) => x.name === pick.value);
        form.replaceChildren(
          el("p", { class: "kind", text: q.description }),
          ...q.parameters.map((p) =>
            el("label", {}, p.name, el("input", { name: "p." + p.name, value: p.default || "" })),
          ),
        );
      };
      fill();
      const named = () => {
        const extra = { kind: "named", text: pick.value, engine: engine.value };
        for (const input of form.querySelectorAll("input")) extra[input.name] = input.value;
        return extra;
      };
      const boxFor = (kind) => {
        const text = el("textarea", { id: "q-" + kind, rows: "5" });
        return el(
          "fieldset",
          {},
          el("legend", { text: kind === "sparql" ? "SPARQL" : "Cypher" }),
          text,
          el("button", {
            type: "button",
            id: "run-" + kind,
            text: T.run,
            onclick: () => ask({ kind, text: text.value, engine: kind }),
          }),
        );
      };
      box.replaceChildren(
        el(
          "fieldset",
          {},
          el("legend", { text: T.named }),
          pick,
          form,
          el("label", {}, T.engine, engine),
          el("button", { type: "button", id: "run-named", text: T.run, onclick: () => ask(named()) }),
        ),
        boxFor("sparql"),
        boxFor("cypher"),
      );
    });
  });
  return open;
}

function ask(extra) {
  const panel = document.getElementById("panel");
  return api("/api/ask", extra)
    .then((answer) => {
      const csv = new URLSearchParams({ ...extra, format: "csv" });
      panel.replaceChildren(
        el("h2", { text: T.questions }),
        el(
          "p",
          {},
          T.rows.replace("{n}", answer.rows.length),
          " · ",
          el("a", {
            href: "/api/ask?" + csv.toString(),
            download: "samverkan.csv",
            id: "csv",
            text: T.download,
          }),
        ),
        el(
          "table",
          { class: "results" },
          el("thead", {}, el("tr", {}, ...answer.columns.map((c) => el("th", { text: c })))),
          el(
            "tbody",
            {},
            ...answer.rows.map((row) =>
              el("tr", {}, ...row.map((v) => el("td", { text: v === null ? "" : String(v) }))),
            ),
          ),
        ),
      );
    })
    .catch((e) => panel.replaceChildren(el("p", { class: "error", text: e.message })))
    .finally(() => {
      panel.hidden = false;
    });
}

// -- edit and review (hidden when the server runs read-only) ------------------------------
function editor() {
  return localStorage.getItem("samverkan.editor") || "";
}

function write(path, body) {
  const status = document.getElementById("status");
  return post(path, { ...body, editor: editor() })
    .then((answer) =>
      redraw().then(() => {
        status.textContent = T.done;
        return answer;
      }),
    )
    .catch((e) => {
      status.textContent = e.message;
      throw e;
    });
}

function options(list) {
  return list.map(([code, name]) => el("option", { value: code, text: name }));
}

function editing() {
  const codes = state.data.codes;
  const names = el(
    "datalist",
    { id: "actor-names" },
    ...state.data.search.slice(0, 5000).map((r) => el("option", { value: r[1] })),
  );
  const who = el("input", {
    id: "editor",
    value: editor(),
    onchange: (e) => localStorage.setItem("samverkan.editor", e.target.value),
  });
  const field = (id, label, input) => {
    input.id = id;
    return el("label", { for: id }, label, input);
  };
  const actor = {
    name: el("input"),
    type: el("select", {}, ...options(codes.type)),
    part_of: el("input", { list: "actor-names" }),
  };
  const rel = {
    from: el("input", { list: "actor-names" }),
    relation: el("select", {}, ...options(codes.relation)),
    to: el("input", { list: "actor-names" }),
    role: el("input"),
  };
  const idOf = (name) => (state.data.search.find((r) => r[1] === name) || [name])[0];
  return el(
    "details",
    { id: "edit-box" },
    el("summary", { text: T.edit }),
    names,
    field("editor", T.editor, who),
    el(
      "fieldset",
      {},
      el("legend", { text: T.add_actor }),
      field("edit-name", T.name, actor.name),
      field("edit-type", T.type, actor.type),
      field("edit-part-of", T.part_of, actor.part_of),
      el("button", {
        type: "button",
        id: "add-actor",
        text: T.add,
        onclick: () =>
          write("/api/edit", {
            op: "actor",
            name: actor.name.value,
            type: actor.type.value,
            part_of: actor.part_of.value ? idOf(actor.part_of.value) : "",
          }),
      }),
    ),
    el(
      "fieldset",
      {},
      el("legend", { text: T.add_relation }),
      field("rel-from", T.from, rel.from),
      field("rel-relation", T.relation, rel.relation),
      field("rel-to", T.to, rel.to),
      field("rel-role", T.role_field, rel.role),
      el("button", {
        type: "button",
        id: "add-relation",
        text: T.add,
        onclick: () =>
          write("/api/edit", {
            op: "relation",
            from: rel.from.value,
            relation: rel.relation.value,
            to: rel.to.value,
            role: rel.role.value,
          }),
      }),
    ),
    el("button", { type: "button", id: "undo", text: T.undo, onclick: () => write("/api/undo", {}) }),
    reviewing(),
  );
}

function reviewing() {
  const path = el("input", { id: "review-document", value: params().get("review") || "" });
  return el(
    "fieldset",
    {},
    el("legend", { text: T.review }),
    el("label", { for: "review-document", text: T.document }),
    path,
    el("button", {
      type: "button",
      id: "open-queue",
      text: T.open_queue,
      onclick: () => {
        setParam("review", path.value);
        showQueue(path.value);
      },
    }),
  );
}

function showQueue(documentPath) {
  const panel = document.getElementById("panel");
  return api("/api/review", { document: documentPath })
    .then((q) => {
      const decide = (candidate, action, extra) =>
        write("/api/review", { document: q.document, candidate, action, ...extra }).then(() =>
          showQueue(documentPath),
        );
      const said = (d) =>
        d
          ? el("span", {
              class: "decision",
              text: T.decided.replace("{action}", T[d.action]).replace("{editor}", d.editor),
            })
          : null;
      const entity = (c) => {
        const name = el("input", { value: c.name, "aria-label": T.name });
        const type = el("select", { "aria-label": T.type }, ...options(state.data.codes.type));
        type.value = c.type;
        const into = el("input", { list: "actor-names", "aria-label": T.merge });
        return el(
          "li",
          { class: "candidate", "data-id": c.id },
          name,
          type,
          el("button", {
            type: "button",
            class: "accept",
            text: T.accept,
            onclick: () => decide(c.id, "accept", { name: name.value, type: type.value }),
          }),
          el("button", {
            type: "button",
            class: "reject",
            text: T.reject,
            onclick: () => decide(c.id, "reject"),
          }),
          el("label", {}, T.merge, into),
          el("button", {
            type: "button",
            class: "merge",
            text: "→",
            onclick: () => decide(c.id, "merge", { into: into.value }),
          }),
          c.quote ? el("blockquote", { class: "fact", text: "”" + c.quote + "”" }) : null,
          said(c.decision),
        );
      };
      const relation = (r) =>
        el(
          "li",
          { class: "candidate", "data-id": r.key },
          el("span", { text: r.from + " — " + r.relation + " — " + r.to + " " }),
          el("button", {
            type: "button",
            class: "accept",
            text: T.accept,
            onclick: () => decide(r.key, "accept"),
          }),
          el("button", {
            type: "button",
            class: "reject",
            text: T.reject,
            onclick: () => decide(r.key, "reject"),
          }),
          r.quote ? el("blockquote", { class: "fact", text: "”" + r.quote + "”" }) : null,
          said(r.decision),
        );
      panel.replaceChildren(
        el("h2", { text: T.review + ": " + q.document }),
        el("h3", { text: T.candidates }),
        el("ol", { class: "queue", id: "queue-entities" }, ...q.entities.map(entity)),
        el("h3", { text: T.relations }),
        el("ol", { class: "queue", id: "queue-relations" }, ...q.relations.map(relation)),
      );
      panel.hidden = false;
    })
    .catch((e) => {
      panel.replaceChildren(el("p", { class: "error", text: e.message }));
      panel.hidden = false;
    });
}

function exports() {
  const link = (kind, text) => {
    const p = new URLSearchParams({ format: kind });
    for (const key of ["persons", "as_of", "lang"]) if (params().get(key)) p.set(key, params().get(key));
    return el("li", {}, el("a", { href: "/api/export?" + p.toString(), download: "", text }));
  };
  const kinds = [
    ["report", T.report],
    ["figure", T.figure],
    ["gexf", "GEXF"],
    ["graphml", "GraphML"],
    ["ttl", "Turtle"],
    ["csv", "CSV"],
  ];
  return el(
    "fieldset",
    { id: "exports" },
    el("legend", { text: T.export }),
    el("ul", {}, ...kinds.map(([kind, text]) => link(kind, text))),
  );
}

function highlight(ids) {
  setParam("highlight", ids.join(","));
  applyFilters();
  const first = ids.find((id) => state.graph.hasNode(id));
  if (first) {
    const pos = state.renderer.getNodeDisplayData(first);
    state.renderer.getCamera().animate({ x: pos.x, y: pos.y, ratio: 0.5 }, { duration: 300 });
  }
}

function setupControls() {
  const f = state.data.facets,
    all = ["", T.all];
  const filters = FACETS.filter((k) => f[k].length).map((k) =>
    choice(k, T[k] || k, [all, ...f[k]], applyFilters),
  );
  const legendBox = el("ul", { class: "legend", id: "legend" });
  const wasOpen = [...document.querySelectorAll("#controls details[open]")].map((d) => d.id);
  document.getElementById("controls").replaceChildren(
    el(
      "fieldset",
      {},
      el("legend", { text: T.view }),
      choice(
        "color",
        T.color_by,
        [
          ["sector", T.sector],
          ["type", T.type],
          ["community", T.community],
        ],
        recolor,
      ),
      choice(
        "size",
        T.size_by,
        [
          ["degree", T.degree],
          ["betweenness", T.betweenness],
        ],
        recolor,
      ),
      legendBox,
    ),
    el(
      "fieldset",
      {},
      el("legend", { text: T.filters }),
      ...filters,
      choice(
        "persons",
        T.persons,
        ["show", "initials", "hide", "role"].map((m) => [m, T[m]]),
        redraw,
      ),
    ),
    timeControls(),
    findings(),
    questions(),
    savedViews(),
    exports(),
  );
  if (document.body.dataset.readOnly !== "1") document.getElementById("controls").append(editing());
  for (const id of wasOpen) document.getElementById(id).open = true;
  legend();
}

function redraw() {
  const focus = state.focus || params().get("focus");
  document.body.dataset.ready = "0";
  return draw()
    .then(() => (focus ? select(focus) : null))
    .then(() => {
      document.body.dataset.ready = "1";
    });
}

function compareTies() {
  state.edgeColor = null;
  const since = params().get("compare"),
    box = document.getElementById("changes");
  if (!since) {
    if (box) box.replaceChildren();
    return Promise.resolve();
  }
  return api("/api/changes", { compare: since }).then((c) => {
    const colors = { new: "#009E73", ended: "#D55E00", fading: "#E69F00" };
    state.edgeColor = {};
    for (const kind of ["ended", "new", "fading"]) {
      for (const [a, b] of c[kind]) {
        if (!state.graph.hasNode(a) || !state.graph.hasNode(b)) continue;
        const edge =
          state.graph.edge(a, b) || state.graph.addEdge(a, b, { size: 1, color: colors[kind], weight: 0 });
        state.edgeColor[edge] = colors[kind];
      }
    }
    box.replaceChildren(
      ...c.legend.map(([kind, name]) => {
        const item = el("li", { class: "change-" + kind, text: name + " (" + c[kind].length + ")" });
        item.style.setProperty("--swatch", colors[kind]);
        return item;
      }),
    );
    state.renderer.refresh();
  });
}

// -- start -------------------------------------------------------------------------------
function start() {
  setupSearch();
  const dialog = document.getElementById("document");
  dialog.querySelector(".close").addEventListener("click", () => dialog.close());
  draw()
    .then(() => {
      const focus = params().get("focus");
      if (params().get("review")) return showQueue(params().get("review"));
      return focus ? select(focus) : null;
    })
    .then(() => {
      document.body.dataset.ready = "1";
    })
    .catch((e) => {
      document.getElementById("status").textContent = e.message;
    });
}

start();
