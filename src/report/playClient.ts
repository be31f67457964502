// The playground page's own scripts. They run in the browser, never in Node: each is a function whose
// source text (`String(fn)`, minified with the library) goes into the page, so it may use only its own
// names and the browser's. The core has no DOM types: the browser globals they use are declared loosely here.
/* eslint-disable @typescript-eslint/no-explicit-any */
declare const self: any, document: any, window: any, performance: any, Worker: any, Blob: any, URL: any;
declare const sharecast: any;

/** The worker's message loop (run after the engine's classic script, which defines `sharecast`). */
function playWorker(): void {
  let setup: any = null;
  self.onmessage = (event: any) => {
    const message = event.data;
    if (message.type === "init") { setup = message; return; }
    const started = performance.now();
    try {
      const edited = sharecast.playEdit(setup.scenario, setup.controls, message.values);
      const result = sharecast.runScenario(edited, setup.settings);
      const simulated = performance.now();
      const summary = sharecast.playSummary(result, setup.names);
      self.postMessage({ ok: true, id: message.id, edited, summary, simulateMs: simulated - started, totalMs: performance.now() - started });
    } catch (error: any) {
      self.postMessage({ ok: false, id: message.id, message: error && error.message ? error.message : String(error) });
    }
  };
}

/**
 * Plain data as block-style YAML: mappings and sequences indented by two spaces, keys plain when they are
 * identifiers, strings double-quoted (JSON's escapes are YAML's), numbers as JavaScript prints them (which
 * read back as the same numbers). The page's Export YAML; a YAML parser gives the value back.
 *
 * @example plainYaml({ name: "x", values: [1, 2] }) // 'name: "x"\nvalues:\n  - 1\n  - 2\n'
 */
export function plainYaml(value: unknown): string {
  const key = (k: string) => (/^[A-Za-z_][A-Za-z0-9_-]*$/.test(k) ? k : JSON.stringify(k));
  const scalar = (v: unknown) => (typeof v === "string" ? JSON.stringify(v) : v === null ? "null" : String(v));
  const block = (v: unknown, indent: string): string => {
    if (Array.isArray(v)) return v.length === 0 ? " []" : v.map((item) => `\n${indent}-${block(item, `${indent}  `)}`).join("");
    if (v !== null && typeof v === "object") {
      const entries = Object.entries(v);
      return entries.length === 0 ? " {}" : entries.map(([k, item]) => `\n${indent}${key(k)}:${block(item, `${indent}  `)}`).join("");
    }
    return ` ${scalar(v)}`;
  };
  const text = block(value, "");
  return `${text.startsWith("\n") ? text.slice(1) : text.trimStart()}\n`;
}

/** The page's script (see {@link PLAY_PAGE_SCRIPT}). */
function playPage(toYaml: (value: unknown) => string): void {
  const data = JSON.parse(document.getElementById("play-data").textContent);
  const engine = document.getElementById("play-engine").textContent;
  const workerUrl = URL.createObjectURL(new Blob([engine, "\n", document.getElementById("play-worker").textContent], { type: "text/javascript" }));
  const worker = new Worker(workerUrl);
  const controls = data.controls;
  const values = controls.map((c: any) => c.base);
  const $ = (id: any) => document.getElementById(id);
  const percent = (x: any, digits = 1) => (x * 100).toFixed(digits) + "%";
  const number = (x: any) => String(Number(x.toPrecision(4)));
  const show = (c: any, x: any) => (c.format === "percent" ? percent(x) : number(x));
  const escape = (text: any) => String(text).replace(/[&<>"']/g, (ch: any) => "&#" + ch.charCodeAt(0) + ";");
  let running = false, queued = false, sent = 0, runs = 0, edited: any = null;
  const state = (s: any) => { document.body.dataset.state = s; };

  const inputs = controls.map((c: any, j: any) => {
    const row = document.createElement("div");
    row.className = "control";
    row.innerHTML = '<label for="control-' + j + '">' + escape(c.label) + '</label><input type="range" id="control-' + j + '"><output id="control-' + j + '-value"></output>';
    $("controls").appendChild(row);
    const input = row.querySelector("input");
    input.min = String(c.min); input.max = String(c.max); input.step = String(c.step); input.value = String(c.base);
    input.dataset.path = c.path; input.dataset.kind = c.kind;
    const label = () => {
      const moved = values[j] - c.base;
      row.querySelector("output").textContent = show(c, values[j]) + (c.kind === "shift" && moved !== 0 ? " (" + (moved > 0 ? "+" : "") + number(moved) + ")" : "");
    };
    input.addEventListener("input", () => {
      // The grid runs through the value at rest; decimal stepping may land an ulp beside it.
      const v = Number(input.value);
      values[j] = Math.abs(v - c.base) < c.step * 1e-6 ? c.base : v;
      label(); request();
    });
    label();
    return { input, label };
  });

  function request() {
    if (running) { queued = true; state("running"); return; }
    running = true; state("running");
    worker.postMessage({ type: "run", id: ++sent, values: values.slice() });
  }

  function table(id: any, head: any, rows: any) {
    $(id).innerHTML = "<thead><tr>" + head.map((h: any) => "<th>" + escape(h) + "</th>").join("") + "</tr></thead><tbody>" + rows.join("") + "</tbody>";
  }
  const cell = (x: any, text: any) => '<td class="num" data-value="' + x + '">' + text + "</td>";

  function draw(summary: any) {
    table("play-events", ["event", "condition", "probability", "std. error"], summary.events.map((e: any) =>
      '<tr data-event="' + escape(e.id) + '"><td><code>' + escape(e.id) + "</code></td><td>" + escape(e.description) + "</td>" + cell(e.probability, "<strong>" + percent(e.probability) + "</strong>") + cell(e.stderr, "± " + percent(e.stderr, 2)) + "</tr>"));
    const fmt = (b: any, x: any) => (b.metric === "share" ? percent(x) : number(x));
    table("play-benchmarks", ["benchmark", "cell", "value", "percentile in simulation", "simulated median"], summary.benchmarks.map((b: any) =>
      '<tr data-benchmark="' + escape(b.id) + '"><td><code>' + escape(b.id) + '</code><div class="source">' + escape(b.source) + "</div></td><td>" + escape(b.metric + " of " + b.provider + ", " + b.period) + "</td>" + cell(b.value, fmt(b, b.value)) + cell(b.percentile, "<strong>" + percent(b.percentile) + "</strong>") + cell(b.median, fmt(b, b.median)) + "</tr>"));
    table("play-shares", ["provider"].concat(summary.shares.periods), summary.shares.providers.map((p: any) =>
      '<tr data-provider="' + escape(p.id) + '"><th scope="row">' + escape(p.label) + "</th>" + p.medians.map((m: any, k: any) => cell(m, percent(m)).replace("<td ", '<td data-period="' + escape(summary.shares.periods[k]) + '" ')).join("") + "</tr>"));
    const embed = (id: any, spec: any) => (window.vegaEmbed ? window.vegaEmbed("#" + id, spec, { actions: false, renderer: "svg" }) : Promise.resolve());
    return Promise.all([embed("play-fan", summary.charts.fan), embed("play-stacked", summary.charts.stacked)]);
  }

  worker.onmessage = async (event: any) => {
    const m = event.data;
    running = false;
    runs += 1;
    document.body.dataset.runs = String(runs);
    if (queued) { queued = false; request(); }
    if (!m.ok) {
      $("play-error").textContent = m.message; $("play-error").hidden = false;
      if (!running) state("error");
      return;
    }
    $("play-error").hidden = true;
    edited = m.edited;
    const status = $("play-status");
    status.dataset.simulateMs = String(m.simulateMs);
    status.dataset.totalMs = String(m.totalMs);
    status.textContent = data.settings.paths.toLocaleString("en") + " paths, seed " + data.settings.seed + ": simulated in " + Math.round(m.simulateMs) + " ms (with summaries and chart data " + Math.round(m.totalMs) + " ms)";
    if (running) return;
    try { await draw(m.summary); } catch (error: any) { $("play-error").textContent = String(error && error.message || error); $("play-error").hidden = false; }
    if (!running) state("idle");
  };
  worker.onerror = (event: any) => { $("play-error").textContent = "worker: " + event.message; $("play-error").hidden = false; state("error"); };

  function exported() {
    const changes = controls.map((c: any, j: any) => (values[j] === c.base ? null : "#   " + c.path + (c.kind === "shift" ? " shifted by " + (values[j] - c.base) : " set to " + values[j]))).filter(Boolean);
    const head = ["# " + data.scenarioName + ", edited in sharecast play (" + data.settings.paths + " paths, seed " + data.settings.seed + ")"];
    const lines = head.concat(changes.length > 0 ? ["# changes:"].concat(changes) : ["# no changes"]);
    return lines.join("\n") + "\n" + toYaml(edited);
  }
  $("play-export").addEventListener("click", () => {
    if (!edited) return;
    const text = exported();
    $("play-yaml").textContent = text;
    const link = document.createElement("a");
    link.href = URL.createObjectURL(new Blob([text], { type: "application/yaml" }));
    link.download = data.scenarioName + "-edited.yaml";
    document.body.appendChild(link); link.click(); link.remove();
  });
  $("play-reset").addEventListener("click", () => {
    controls.forEach((c: any, j: any) => { values[j] = c.base; inputs[j].input.value = String(c.base); inputs[j].label(); });
    request();
  });
  worker.postMessage({ type: "init", scenario: data.scenario, controls, settings: data.settings, names: data.names });
  request();
}

/**
 * The worker's message loop, run after the engine's classic script (which defines `sharecast`): `init` keeps
 * the scenario, controls, settings and names; `run` applies slider values, runs, and posts the summary,
 * the edited scenario and the time the run took.
 */
export const PLAY_WORKER_SCRIPT: string = `(${String(playWorker)})();`;

/**
 * The page's script: builds the sliders, starts the worker from a Blob URL (engine + loop, nothing fetched),
 * reruns on every slider move (one run in flight; the latest values queued), redraws tables and charts,
 * and exports the edited scenario as YAML. `document.body.dataset.state` is `idle` once the latest values
 * are drawn; `data-runs` counts finished runs.
 */
export const PLAY_PAGE_SCRIPT: string = `(${String(playPage)})(${String(plainYaml)});`;
