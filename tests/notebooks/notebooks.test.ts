// Executes every notebook in notebooks/ headless on the Deno kernel, as CI does, and fails on any cell error.
import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";

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
  data?: Record<string, string | string[]>;
  ename?: string;
  evalue?: string;
}
interface Cell {
  cell_type: string;
  source: string[];
  outputs?: Output[];
}

const text = (value: string | string[] | undefined) => (Array.isArray(value) ? value.join("") : (value ?? ""));

// A private kernelspec for the Deno of this checkout, found through JUPYTER_PATH: nothing is installed in the user's dirs.
const jupyterPath = mkdtempSync(join(tmpdir(), "sharecast-jupyter-"));
mkdirSync(join(jupyterPath, "kernels", "deno"), { recursive: true });
writeFileSync(
  join(jupyterPath, "kernels", "deno", "kernel.json"),
  JSON.stringify({ argv: [DENO, "jupyter", "--kernel", "--conn", "{connection_file}"], display_name: "Deno", language: "typescript" }),
);
afterAll(() => rmSync(jupyterPath, { recursive: true, force: true }));

const notebooks = readdirSync(NOTEBOOKS).filter((f) => f.endsWith(".ipynb")).sort();

describe.skipIf(!available)("notebooks execute on the Deno kernel", () => {
  it("there are notebooks to run", () => {
    expect(notebooks).toEqual(expect.arrayContaining(["quickstart.ipynb", "deutsche-bank-2020.ipynb"]));
  });

  it.each(notebooks)("%s runs with no cell error and shows rich output", (name) => {
    // The Deno kernel now and then publishes a cell's result after its idle status, and nbclient drops it:
    // a missing rich output is retried (twice at most); a cell error or a failed run fails at once.
    let lastProblem = "";
    for (let attempt = 0; attempt < 3; attempt++) {
      const outputs = executeNotebook(name);
      lastProblem = richOutputProblem(outputs);
      if (lastProblem === "") return;
    }
    expect.fail(lastProblem);
  });
});

function executeNotebook(name: string): Output[] {
  const out = mkdtempSync(join(tmpdir(), "sharecast-nb-"));
  try {
    const run = spawnSync(
      "jupyter",
      ["nbconvert", "--to", "notebook", "--execute", "--ExecutePreprocessor.timeout=150", "--ExecutePreprocessor.kernel_name=deno", "--output-dir", out, join(NOTEBOOKS, name)],
      { encoding: "utf8", env: { ...process.env, JUPYTER_PATH: jupyterPath, NO_COLOR: "1" }, timeout: 170_000 },
    );
    expect(run.status, run.stderr.slice(-3000)).toBe(0);
    const executed = join(out, name);
    mkdirSync(ARTIFACTS, { recursive: true });
    copyFileSync(executed, join(ARTIFACTS, name));
    const cells = (JSON.parse(readFileSync(executed, "utf8")) as { cells: Cell[] }).cells.filter((c) => c.cell_type === "code");
    const outputs = cells.flatMap((c) => c.outputs ?? []);
    const errors = outputs.filter((o) => o.output_type === "error");
    expect(errors.map((e) => `${e.ename}: ${e.evalue}`)).toEqual([]);
    // Every code cell ran.
    for (const cell of cells) expect(cell.outputs, cell.source.join("")).toBeDefined();
    return outputs;
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

/** "" when the result shows an HTML summary with an inline SVG chart, the text table, and at least 3 SVG charts. */
function richOutputProblem(outputs: Output[]): string {
  const html = outputs.map((o) => text(o.data?.["text/html"])).find((h) => h.includes("sharecast-result"));
  if (!html) return "no HTML summary of a result";
  if (!/<table class="summary"/.test(html)) return "the HTML summary has no summary table";
  if (!/<svg /.test(html)) return "the HTML summary has no chart";
  const plain = outputs.map((o) => text(o.data?.["text/plain"]));
  if (!plain.some((p) => /seed 42, 2000 paths/.test(p))) return "no text table with the replay line";
  const charts = outputs.filter((o) => o.data?.["image/svg+xml"]);
  if (charts.length < 3) return `expected at least 3 SVG charts, got ${charts.length}`;
  const blank = charts.find((chart) => !/^<svg [\s\S]*<path /.test(text(chart.data!["image/svg+xml"])));
  return blank ? "an SVG chart without drawn paths" : "";
}
