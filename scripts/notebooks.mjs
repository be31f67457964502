// Executes the notebooks in notebooks/ on the Deno kernel through Debian's `jupyter nbconvert`, and either
// writes them back with their outputs (default) or checks that the committed outputs are current (--check).
//
//   node scripts/notebooks.mjs                      regenerate every notebook's outputs in place
//   node scripts/notebooks.mjs quickstart.ipynb     only the named notebooks
//   node scripts/notebooks.mjs --check [--keep DIR] execute copies, fail (exit 1) when a cell errs, lacks its
//                                                   output, or shows other numbers than the committed notebook
//
// Execution goes through scripts/notebooks_executor.py (an nbconvert preprocessor that keeps the outputs the
// Deno kernel sends after a cell's idle status; see docs/notebooks.md). The kernelspec is a temporary one for
// this checkout's node_modules/.bin/deno, found through JUPYTER_PATH: nothing is installed in the user's dirs.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { compareNotebooks, normaliseNotebook } from "./notebooks-compare.mjs";

const ROOT = join(import.meta.dirname, "..");
const NOTEBOOKS = join(ROOT, "notebooks");
const DENO = join(ROOT, "node_modules", ".bin", "deno");

const args = process.argv.slice(2);
const check = args.includes("--check");
const keepAt = args.indexOf("--keep");
const keep = keepAt >= 0 ? args[keepAt + 1] : null;
const named = args.filter((a, i) => a.endsWith(".ipynb") && args[i - 1] !== "--keep");
const names = named.length > 0 ? named.map((n) => basename(n)) : readdirSync(NOTEBOOKS).filter((f) => f.endsWith(".ipynb")).sort();

if (!existsSync(DENO)) fail("node_modules/.bin/deno is missing: run `npm install`");
if (spawnSync("jupyter", ["nbconvert", "--version"], { encoding: "utf8" }).status !== 0) fail("`jupyter nbconvert` is missing: `apt-get install jupyter-nbconvert` (scripts/ci-system-deps.sh)");

const jupyterPath = mkdtempSync(join(tmpdir(), "sharecast-jupyter-"));
const out = mkdtempSync(join(tmpdir(), "sharecast-nb-"));
mkdirSync(join(jupyterPath, "kernels", "deno"), { recursive: true });
writeFileSync(
  join(jupyterPath, "kernels", "deno", "kernel.json"),
  JSON.stringify({ argv: [DENO, "jupyter", "--kernel", "--conn", "{connection_file}"], display_name: "Deno", language: "typescript" }),
);

let problems = 0;
try {
  for (const name of names) {
    const started = Date.now();
    const run = spawnSync(
      "jupyter",
      [
        "nbconvert", "--to", "notebook", "--log-level=INFO",
        `--Exporter.preprocessors=["notebooks_executor.OrderedExecutePreprocessor"]`,
        "--ExecutePreprocessor.kernel_name=deno", "--ExecutePreprocessor.timeout=300",
        "--output-dir", out, join(NOTEBOOKS, name),
      ],
      {
        encoding: "utf8",
        timeout: 360_000,
        env: { ...process.env, JUPYTER_PATH: jupyterPath, NO_COLOR: "1", PYTHONPATH: join(ROOT, "scripts") },
      },
    );
    const late = /(\d+) output\(s\) arrived after/.exec(run.stderr ?? "");
    const took = `${((Date.now() - started) / 1000).toFixed(1)} s${late ? `, ${late[1]} late output(s) kept` : ""}`;
    if (run.status !== 0) {
      problems++;
      console.error(`${name}: execution failed (${took})\n${(run.stderr ?? "").slice(-4000)}`);
      continue;
    }
    const executed = normaliseNotebook(JSON.parse(readFileSync(join(out, name), "utf8")));
    const text = `${JSON.stringify(executed, null, 1)}\n`;
    if (keep) {
      mkdirSync(keep, { recursive: true });
      writeFileSync(join(keep, name), text);
    }
    if (check) {
      const committed = JSON.parse(readFileSync(join(NOTEBOOKS, name), "utf8"));
      const differences = compareNotebooks(committed, executed);
      if (differences.length > 0) {
        problems++;
        console.error(`${name}: committed outputs are not current (run \`node scripts/notebooks.mjs ${name}\`):\n  ${differences.slice(0, 12).join("\n  ")}`);
      } else console.log(`${name}: outputs current (${took})`);
    } else {
      const emptyOrErr = compareNotebooks(executed, executed);
      if (emptyOrErr.length > 0) {
        problems++;
        console.error(`${name}: ${emptyOrErr.join("; ")}`);
      }
      writeFileSync(join(NOTEBOOKS, name), text);
      console.log(`${name}: outputs written (${took})`);
    }
  }
} finally {
  rmSync(jupyterPath, { recursive: true, force: true });
  rmSync(out, { recursive: true, force: true });
}
process.exit(problems === 0 ? 0 : 1);

function fail(message) {
  console.error(`scripts/notebooks.mjs: ${message}`);
  process.exit(2);
}
