// Executes every notebook in notebooks/ headless on the Deno kernel, as CI does (scripts/notebooks.mjs --check):
// no cell may err, and the committed outputs must be current (the same outputs with the same numbers).
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
// @ts-expect-error: a plain ES module of scripts/, without types
import { compareNotebooks, normaliseNotebook, numbersIn } from "../../scripts/notebooks-compare.mjs";

const ROOT = join(import.meta.dirname, "..", "..");
const NOTEBOOKS = join(ROOT, "notebooks");
const ARTIFACTS = join(ROOT, "tests", "artifacts", "notebooks");
const DENO = join(ROOT, "node_modules", ".bin", "deno");

function hasJupyter(): boolean {
  return spawnSync("jupyter", ["nbconvert", "--version"], { encoding: "utf8" }).status === 0;
}

const available = hasJupyter() && existsSync(DENO);
if (!available && process.env.CI) throw new Error("tests/notebooks: jupyter nbconvert or the deno npm package is missing; CI must install them (scripts/ci-system-deps.sh, npm ci)");
if (!available) console.warn("tests/notebooks: SKIPPED, needs `jupyter nbconvert` (Debian jupyter-nbconvert) and node_modules/.bin/deno (in CI this fails instead)");

interface Output {
  output_type: string;
  data?: Record<string, unknown>;
  text?: string | string[];
  ename?: string;
  evalue?: string;
}
interface Cell {
  cell_type: string;
  source: string[];
  outputs?: Output[];
  metadata?: Record<string, unknown>;
}
interface Notebook {
  cells: Cell[];
}

const text = (value: unknown) => (Array.isArray(value) ? value.join("") : typeof value === "string" ? value : "");
const notebooks = readdirSync(NOTEBOOKS).filter((f) => f.endsWith(".ipynb")).sort();
const outputsOf = (nb: Notebook) => nb.cells.filter((c) => c.cell_type === "code").flatMap((c) => c.outputs ?? []);

describe("comparing notebooks by their numbers", () => {
  const nb = (value: string, meta: Record<string, unknown> = {}): Notebook => ({
    cells: [{ cell_type: "code", source: ["x"], metadata: meta, outputs: [{ output_type: "execute_result", data: { "text/plain": value, "text/html": `<td>${value}</td>` } }] }],
  });

  it("finds every number, signs and exponents included", () => {
    expect(numbersIn("p 0.25, -3e-4 and 12 (2020Q1)")).toEqual(["0.25", "-3e-4", "12", "2020", "1"]);
  });

  it("reports a changed number and names the cell and MIME type", () => {
    const problems = compareNotebooks(nb("p = 0.412"), nb("p = 0.413"));
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/^code cell 1 text\/plain: number 1 is 0\.412 committed, 0\.413 executed/);
  });

  it("ignores timings and other metadata, and reports a missing output and an error", () => {
    expect(compareNotebooks(nb("1", { execution: { "iopub.status.idle": "2026-12-01T11:00:00Z" } }), normaliseNotebook(nb("1", { execution: { x: 1 } })))).toEqual([]);
    const lost: Notebook = { cells: [{ cell_type: "code", source: ["x"], outputs: [] }] };
    expect(compareNotebooks(nb("1"), lost)[0]).toMatch(/outputs execute_result\[text\/html,text\/plain\] committed, \(none\) executed/);
    const failed: Notebook = { cells: [{ cell_type: "code", source: ["x"], outputs: [{ output_type: "error", ename: "TypeError", evalue: "boom" }] }] };
    expect(compareNotebooks(nb("1"), failed)[0]).toBe("code cell 1: TypeError: boom");
  });
});

describe.skipIf(!available)("notebooks execute on the Deno kernel", () => {
  it("there are notebooks to run", () => {
    expect(notebooks).toEqual(expect.arrayContaining(["quickstart.ipynb", "deutsche-bank-2020.ipynb", "benchmarking.ipynb", "gov-cloud-replication.ipynb"]));
  });

  it("every notebook runs with no cell error and its committed outputs are current", () => {
    const run = spawnSync(process.execPath, [join(ROOT, "scripts", "notebooks.mjs"), "--check", "--keep", ARTIFACTS], { encoding: "utf8", timeout: 900_000 });
    expect(run.status, `${run.stdout}\n${run.stderr.slice(-4000)}`).toBe(0);
    expect(run.stdout.match(/outputs current/g)).toHaveLength(notebooks.length);
  }, 900_000);

  it.each(notebooks)("%s (committed) shows every code cell that has a value, rich, without terminal colours", (name) => {
    const nb = JSON.parse(readFileSync(join(NOTEBOOKS, name), "utf8")) as Notebook;
    const outputs = outputsOf(nb);
    expect(outputs.filter((o) => o.output_type === "error")).toEqual([]);
    for (const o of outputs) expect(text(o.data?.["text/plain"] ?? o.text)).not.toMatch(/\x1b\[/);
    // A cell whose last line is an expression (not a declaration or an await) has an output.
    for (const cell of nb.cells.filter((c) => c.cell_type === "code")) {
      const last = cell.source.join("").trim().split("\n").pop() ?? "";
      if (!/^(import|const|let|await|\/\/|}|\))/.test(last)) expect(cell.outputs?.length, cell.source.join("")).toBeGreaterThan(0);
    }
    const charts = outputs.filter((o) => o.data?.["image/svg+xml"]);
    for (const chart of charts) {
      expect(text(chart.data!["image/svg+xml"])).toMatch(/^<svg [\s\S]*<path /);
      const spec = chart.data!["application/vnd.vegalite.v5+json"] as { $schema?: string; data?: unknown; layer?: unknown; mark?: unknown; hconcat?: unknown; vconcat?: unknown };
      expect(spec.$schema).toBe("https://vega.github.io/schema/vega-lite/v5.json");
      expect(spec.data ?? spec.layer ?? spec.mark ?? spec.hconcat ?? spec.vconcat).toBeDefined();
    }
    expect(outputs.some((o) => /<table/.test(text(o.data?.["text/html"])))).toBe(true);
  });

  it("quickstart and deutsche-bank-2020 show a result summary, tables of events and at least 3 charts", () => {
    for (const name of ["quickstart.ipynb", "deutsche-bank-2020.ipynb"]) {
      const outputs = outputsOf(JSON.parse(readFileSync(join(NOTEBOOKS, name), "utf8")) as Notebook);
      const html = outputs.map((o) => text(o.data?.["text/html"]));
      const summary = html.find((h) => h.includes("sharecast-result"));
      expect(summary, name).toMatch(/<table class="summary"[\s\S]*<svg /);
      expect(outputs.some((o) => /seed 42, 2000 paths/.test(text(o.data?.["text/plain"])))).toBe(true);
      expect(html.some((h) => /<table class="sharecast-table">[\s\S]*<th[^>]*>probability<\/th>/.test(h)), name).toBe(true);
      expect(outputs.filter((o) => o.data?.["application/vnd.vegalite.v5+json"]).length).toBeGreaterThanOrEqual(3);
    }
  });

  it("benchmarking and gov-cloud-replication show their analyses as tables with charts", () => {
    const bench = outputsOf(JSON.parse(readFileSync(join(NOTEBOOKS, "benchmarking.ipynb"), "utf8")) as Notebook).map((o) => text(o.data?.["text/html"]));
    expect(bench.some((h) => /sharecast-analysis[\s\S]*Backtest of[\s\S]*<th[^>]*>mase<\/th>[\s\S]*<svg /.test(h))).toBe(true);
    expect(bench.some((h) => /Scenario backtest of alibaba-cloud-revenue[\s\S]*modelCrpsRatio/.test(h))).toBe(true);
    expect(bench.some((h) => /Calibration of alibaba-cloud-revenue: chosen width factor[\s\S]*<th>chosen<\/th>/.test(h))).toBe(true);
    const gov = outputsOf(JSON.parse(readFileSync(join(NOTEBOOKS, "gov-cloud-replication.ipynb"), "utf8")) as Notebook).map((o) => text(o.data?.["text/html"]));
    expect(gov.some((h) => /Sweep of providers\.tencent\.model\.services\.capability\.start[\s\S]*share:tencent:2025[\s\S]*<svg /.test(h))).toBe(true);
  });
});
