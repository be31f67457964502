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
      // Every code cell ran; the result shows an HTML summary with an inline SVG chart.
      for (const cell of cells) expect(cell.outputs, cell.source.join("")).toBeDefined();
      const html = outputs.map((o) => text(o.data?.["text/html"])).find((h) => h.includes("sharecast-result"));
      expect(html).toBeDefined();
      expect(html).toMatch(/<table class="summary"/);
      expect(html).toMatch(/<svg /);
      const plain = outputs.map((o) => text(o.data?.["text/plain"]));
      expect(plain.some((p) => /seed 42, 2000 paths/.test(p))).toBe(true);
      const charts = outputs.filter((o) => o.data?.["image/svg+xml"]);
      expect(charts.length).toBeGreaterThanOrEqual(3);
      for (const chart of charts) expect(text(chart.data!["image/svg+xml"])).toMatch(/^<svg [\s\S]*<path /);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});
