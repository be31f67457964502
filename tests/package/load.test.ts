// User code in scenario scripts that goes wrong while it loads: every case is one line naming the file and
// what went wrong (line and column where the stack shows them), exit 2, nothing on stdout, no stack trace.
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "./install.ts";

const BIN = join(ROOT, "bin", "sharecast.js");
const DIR = mkdtempSync(join(tmpdir(), "sharecast-load-"));
/** Signs of an uncaught exception or an internal error. */
const STACK_TRACE = /^\s+at\s|internal error|node:internal|Warning/m;

/** Runs `sharecast ARGS` in the scratch folder; `signal` is sent after `after` ms when given. */
function sharecast(args: readonly string[], signal?: { name: NodeJS.Signals; after: number }): Promise<{ status: number | null; stdout: string; stderr: string; ms: number }> {
  return new Promise((resolve, reject) => {
    const start = Date.now();
    const child = spawn(process.execPath, [BIN, ...args], { cwd: DIR, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    child.on("error", reject);
    if (signal) setTimeout(() => child.kill(signal.name), signal.after);
    child.on("close", (status) => resolve({ status, stdout, stderr, ms: Date.now() - start }));
  });
}

/** Runs `sharecast validate FILE` (plus `extra` arguments) in the scratch folder. */
function validate(file: string, extra: readonly string[] = []): ReturnType<typeof sharecast> {
  return sharecast(["validate", file, ...extra]);
}

/** [file name, its text, the one line expected on stderr]. Line and column are counted here from the text. */
const CASES: Array<[string, string, string]> = [
  ["throws-string.ts", `throw "x";\n`, `cannot load "throws-string.ts": threw the string "x"`],
  ["throws-null.ts", `throw null;\n`, `cannot load "throws-null.ts": threw null`],
  ["throws-undefined.mts", `throw undefined;\n`, `cannot load "throws-undefined.mts": threw undefined`],
  ["throws-object.ts", `throw { code: 7 };\n`, `cannot load "throws-object.ts": threw {"code":7}`],
  ["type-error.ts", `const a: number = 1;\nexport default (null as any).providers[a];\n`, `cannot load "type-error.ts" at line 2, column 30: Cannot read properties of null (reading 'providers')`],
  ["rejected.ts", `export default Promise.reject(new Error("no data yet"));\n`, `cannot load "rejected.ts" at line 1, column 31: its exported promise rejected: no data yet`],
  ["rejected-null.ts", `export default Promise.reject(null);\n`, `cannot load "rejected-null.ts": its exported promise rejected: threw null`],
  ["getter.ts", `export default {\n  name: "g",\n  get providers() { throw new Error("boom"); },\n};\n`, `cannot load "getter.ts" at line 3, column 27: reading providers failed: boom`],
  ["proxy-keys.ts", `export default new Proxy({}, { ownKeys() { throw new Error("trap"); } });\n`, `cannot load "proxy-keys.ts" at line 1, column 50: reading the export failed: trap`],
  ["proxy-get.ts", `const calendar = new Proxy({ start: "2020Q1" }, { get() { throw "no"; } });\nexport default { name: "p", calendar };\n`, `cannot load "proxy-get.ts": reading calendar.start failed: threw the string "no"`],
  ["then-getter.ts", `export default { get then() { throw new Error("t"); } };\n`, `cannot load "then-getter.ts" at line 1, column 37: reading the export failed: t`],
  ["stray.ts", `Promise.reject(new Error("forgotten"));\nexport default { name: "s" };\n`, `cannot load "stray.ts" at line 1, column 16: a promise it created rejected and nothing handled it: forgotten`],
  ["never.ts", `await new Promise(() => {});\nexport default {};\n`, `cannot load "never.ts": its top-level await never settles (it waits for nothing that can happen)`],
  ["exits.ts", `process.exit(0);\nexport default {};\n`, `cannot load "exits.ts" at line 1, column 9: it called process.exit(0) while loading; a scenario script exports its scenario and lets sharecast run it`],
  ["exits-later.ts", `await Promise.resolve();\nprocess.exit();\nexport default {};\n`, `cannot load "exits-later.ts" at line 2, column 9: it called process.exit() while loading; a scenario script exports its scenario and lets sharecast run it`],
  ["syntax.js", `export default {\n  name: "x",,\n};\n`, `cannot load "syntax.js" at line 2, column 13: syntax error: Expected identifier but found ","`],
  ["import-syntax.ts", `import { g } from "./part.ts";\nexport default { g };\n`, `cannot load "import-syntax.ts" at part.ts line 1, column 19: syntax error: Unexpected ";"`],
  // Scripts that import only Node.js's own modules are imported without a load hook (src/cli/scriptModule.ts):
  // their positions are mapped from the compiled module's source map there, in their own file and in one
  // they import.
  ["bare-builtin.ts", `import { sep } from "path";\nconst n: number = sep.length;\nexport default (null as any).providers[n];\n`, `cannot load "bare-builtin.ts" at line 3, column 30: Cannot read properties of null (reading 'providers')`],
  ["builtin-type-error.ts", `import { sep } from "node:path";\nconst n: number = sep.length;\nexport default (null as any).providers[n];\n`, `cannot load "builtin-type-error.ts" at line 3, column 30: Cannot read properties of null (reading 'providers')`],
  ["inner-throw.ts", `import { f } from "./inner.ts";\nexport default { n: f() };\n`, `cannot load "inner-throw.ts" at inner.ts line 3, column 9: inner`],
  // A package's function throws: the place is the script's own line that called it, either way.
  ["plain-package.ts", `import { fail, from } from "plainpkg";\nconst n: number = 1;\nfail(from + n);\n`, `cannot load "plain-package.ts" at line 3, column 1: plainpkg1`],
  ["cond-package.ts", `import { fail, from } from "condpkg";\nconst n: number = 1;\nfail(from + n);\n`, `cannot load "cond-package.ts" at line 3, column 1: condpkg1`],
  // The same through the load hook (the script reads `import.meta` beyond its URL).
  ["hooked-throw.ts", `const where: string = import.meta.resolve("./x.ts");\nconst n: number = 5;\nthrow new Error(where.slice(0, n));\n`, `cannot load "hooked-throw.ts" at line 3, column 7: file:`],
];
// Packages beside the scripts: one whose entry is one file for every condition (imported by its file URL,
// without a load hook), one with import and require entries (imported by name, through the hook).
for (const [name, exports] of [["plainpkg", { ".": { types: "./index.d.ts", default: "./index.js" } }], ["condpkg", { ".": { import: "./index.js", require: "./index.cjs" } }]] as const) {
  mkdirSync(join(DIR, "node_modules", name), { recursive: true });
  writeFileSync(join(DIR, "node_modules", name, "package.json"), JSON.stringify({ name, type: "module", exports }));
  writeFileSync(join(DIR, "node_modules", name, "index.js"), `export const from = ${JSON.stringify(name)};\nexport function fail(what) {\n  throw new Error(what);\n}\n`);
  writeFileSync(join(DIR, "node_modules", name, "index.cjs"), `exports.from = "cjs"; exports.fail = (what) => { throw new Error(what); };\n`);
}
writeFileSync(join(DIR, "part.ts"), `export const g = (;\n`);
writeFileSync(join(DIR, "inner.ts"), `export function f(): number {\n  const k: number = 1;\n  throw new Error("inner");\n}\n`);
for (const [name, text] of CASES) writeFileSync(join(DIR, name), text);

describe.concurrent("scenario scripts that fail while loading", () => {
  it.each(CASES)("%s", async (name, _text, message) => {
    const out = await validate(name);
    expect(out.stdout).toBe("");
    expect(out.stderr).toBe(`sharecast: scenario: ${message}\n`);
    expect(out.stderr).not.toMatch(STACK_TRACE);
    expect(out.status).toBe(2);
  });

  it("a load that does not settle in --load-timeout seconds is stopped, even with timers left running", async () => {
    writeFileSync(join(DIR, "slow.ts"), `setInterval(() => {}, 1000);\nawait new Promise((r) => setTimeout(r, 600_000));\nexport default {};\n`);
    const out = await validate("slow.ts", ["--load-timeout", "2"]);
    expect(out.stderr).toBe(`sharecast: scenario: cannot load "slow.ts": still loading after 2 s; stopped (--load-timeout sets the limit)\n`);
    expect(out.status).toBe(2);
    expect(out.ms).toBeGreaterThanOrEqual(2000);
    expect(out.ms).toBeLessThan(20_000);
  });

  it("what a script prints while it loads goes to stderr: stdout is only the command's output (JSON stays JSON)", async () => {
    const scenario = { name: "loud", calendar: { start: "2020Q1", end: "2020Q4" }, providers: [{ id: "a", model: { kind: "constantGrowth", start: 1, growth: 0.1 } }, { id: "b", model: { kind: "constantGrowth", start: 2, growth: 0.1 } }] };
    writeFileSync(join(DIR, "loud.ts"), `console.log("loading");\nprocess.stdout.write("more\\n");\nexport default ${JSON.stringify(scenario)};\n`);
    const out = await sharecast(["run", "loud.ts", "--paths", "50", "--format", "json", "--no-progress"]);
    expect(out.status).toBe(0);
    expect(out.stderr).toBe("loading\nmore\n");
    expect(JSON.parse(out.stdout).meta.scenario).toBe("loud");
  });

  it("a signal while a script loads ends the command as any signal does (130, one line), not as the script's exit", async () => {
    writeFileSync(join(DIR, "waits.ts"), `await new Promise((r) => setTimeout(r, 60_000));\nexport default {};\n`);
    const out = await sharecast(["validate", "waits.ts"], { name: "SIGINT", after: 1500 });
    expect(out.stderr).toBe("sharecast: interrupted by SIGINT\n");
    expect(out.status).toBe(130);
  });

  it("a script's import.meta.url is its own file URL, with or without a load hook (reading a file beside it)", async () => {
    const scenario = { name: "beside", calendar: { start: "2020Q1", end: "2020Q4" }, providers: [{ id: "a", model: { kind: "constantGrowth", start: 1, growth: 0.1 } }] };
    writeFileSync(join(DIR, "beside.json"), JSON.stringify(scenario));
    const read = `JSON.parse(readFileSync(new URL("./beside.json", import.meta.url), "utf8"))`;
    // Node.js modules only (no hook), and `import.meta.resolve` besides (the hook: resolved from the file).
    writeFileSync(join(DIR, "beside-plain.ts"), `import { readFileSync } from "node:fs";\nexport default ${read};\n`);
    const resolved = `JSON.parse(readFileSync(new URL(import.meta.resolve("./beside.json")), "utf8"))`;
    writeFileSync(join(DIR, "beside-hooked.ts"), `import { readFileSync } from "node:fs";\nconst s = ${read};\nexport default ${resolved}.name === s.name ? s : null;\n`);
    for (const file of ["beside-plain.ts", "beside-hooked.ts"]) {
      const out = await validate(file);
      expect(out.stderr, file).toBe("");
      expect(out.status, file).toBe(0);
    }
  });

  it("an exported promise that resolves to a scenario is awaited; CommonJS scripts load too", async () => {
    const scenario = `{ name: "later", calendar: { start: "2020Q1", end: "2020Q4" }, providers: [{ id: "a", model: { kind: "constantGrowth", start: 1, growth: 0.1 } }] }`;
    writeFileSync(join(DIR, "later.mts"), `export default new Promise((resolve) => setTimeout(() => resolve(${scenario}), 10));\n`);
    writeFileSync(join(DIR, "common.js"), `module.exports = ${scenario};\n`);
    for (const file of ["later.mts", "common.js"]) {
      const out = await validate(file);
      expect(out.stderr, file).toBe("");
      expect(out.status, file).toBe(0);
    }
  });
});
