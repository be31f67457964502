// The package as a user gets it: `npm pack`, installed into a fresh CommonJS-default project, then used
// from plain Node, the `sharecast` command (scenarios of the user's own in .ts, .mts, .js, .yaml, .json),
// the consumer's TypeScript compiler (nodenext and bundler resolution, strict, no skipLibCheck), Deno, and
// the browser bundle in Chromium. Every run's numbers are compared byte for byte with the repository's.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { packAndInstall, ROOT, run, type Installed } from "./install.ts";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const DENO = join(ROOT, "node_modules", ".bin", "deno");
const TSC = join(ROOT, "node_modules", "typescript", "bin", "tsc");
if (!existsSync(CHROMIUM) && process.env.CI) throw new Error(`tests/package: chromium not found at ${CHROMIUM}; CI must install it (scripts/ci-system-deps.sh)`);
if (!existsSync(CHROMIUM)) console.warn(`tests/package: the browser case is SKIPPED, no chromium at ${CHROMIUM} (in CI this fails instead)`);

/** The user's scenario, in each form the command reads; all describe the same scenario. */
const SCENARIO = {
  name: "my-market",
  calendar: { start: "2020Q1", end: "2022Q4" },
  providers: [
    { id: "a", model: { kind: "constantGrowth", start: 10, growth: 0.2 } },
    { id: "b", model: { kind: "constantGrowth", start: 5, growth: { dist: "normal", mean: 0.3, sd: 0.1 } } },
  ],
};
const TS_SCENARIO = `import { defineScenario } from "sharecast";
import { providerB } from "./providers.ts";

export default defineScenario({
  name: "my-market",
  calendar: { start: "2020Q1", end: "2022Q4" },
  providers: [{ id: "a", model: { kind: "constantGrowth", start: 10, growth: 0.2 } }, providerB],
});
`;
const TS_PROVIDERS = `import type { Provider } from "sharecast";

const sd: number = 0.1;
export const providerB = { id: "b", model: { kind: "constantGrowth", start: 5, growth: { dist: "normal", mean: 0.3, sd } } } satisfies Provider;
`;
const JS_SCENARIO = `import { defineScenario } from "sharecast";

export default defineScenario(${JSON.stringify(SCENARIO)});
`;
const YAML_SCENARIO = `name: my-market
calendar: { start: "2020Q1", end: "2022Q4" }
providers:
  - { id: a, model: { kind: constantGrowth, start: 10, growth: 0.2 } }
  - { id: b, model: { kind: constantGrowth, start: 5, growth: { dist: normal, mean: 0.3, sd: 0.1 } } }
`;
/** A scenario with a syntax error on line 3. */
const BROKEN = `import { defineScenario } from "sharecast";\n\nexport default defineScenario({ name: "broken", calendar: ;\n`;
/** Runs the scenario with the library and prints the result as `sharecast run --format json` does. */
const NODE_LIBRARY = `import { runScenario } from "sharecast";
import { readFileSync } from "node:fs";
const scenario = JSON.parse(readFileSync(process.argv[2], "utf8"));
process.stdout.write(JSON.stringify(runScenario(scenario, { paths: 600, seed: 7 }), null, 2) + "\\n");
`;
const DENO_LIBRARY = `import { runScenario } from "sharecast";
const scenario = JSON.parse(await Deno.readTextFile(Deno.args[0]));
const paths = Number(Deno.args[1] ?? 600);
await Deno.stdout.write(new TextEncoder().encode(JSON.stringify(runScenario(scenario, { paths, seed: 7 }), null, 2) + "\\n"));
`;
/**
 * The canonical benchmark model with a beta parameter (log-gamma by reflection: sin), a Student-t shock, a
 * lognormal parameter and a rank correlation (sin, asin): every elementary function a run goes through, for
 * the engines' byte-for-byte comparisons (engines' Math.exp and its kin differ in the last bit; the
 * library uses its own, src/core/elementary.ts).
 */
function enginesScenario(): Record<string, unknown> {
  const scenario = JSON.parse(readFileSync(join(ROOT, "deploy", "bench-six.json"), "utf8"));
  const [a, b, c] = scenario.providers;
  a.model.gInf = { dist: "beta", alpha: 0.4, beta: 3, min: 0.05, max: 0.15 };
  b.model.shock = { sigma: 0.05, dist: "t", df: 5 };
  c.model.halfLifeYears = { dist: "lognormal", meanLog: 0.7, sdLog: 0.2 };
  scenario.correlations = { pairs: [{ between: [`providers.${a.id}.model.g0`, `providers.${b.id}.model.g0`], rho: 0.4 }] };
  delete scenario.simulation;
  return scenario;
}
const ENGINES = enginesScenario();
const CONSUMER = `import { defineScenario, runScenario, type Result, type Scenario } from "sharecast";
import scenario from "./scenarios/mine.js";

const mine: Scenario = defineScenario(scenario);
const result: Result = runScenario(mine, { paths: 100, seed: 1 });
export const median: number | undefined = result.row("2020", "a", "share")?.p50;
`;

let pkg: Installed;
/** The repository's own output for the YAML form (the reference every other run must equal). */
let reference: string;
/** The repository's own output for ENGINES at 300 paths. */
let enginesReference: string;

beforeAll(() => {
  pkg = packAndInstall();
  const scenarios = join(pkg.project, "scenarios");
  mkdirSync(scenarios);
  writeFileSync(join(scenarios, "mine.ts"), TS_SCENARIO);
  writeFileSync(join(scenarios, "providers.ts"), TS_PROVIDERS);
  writeFileSync(join(scenarios, "mine.mts"), TS_SCENARIO);
  writeFileSync(join(scenarios, "mine.js"), JS_SCENARIO);
  writeFileSync(join(scenarios, "mine.yaml"), YAML_SCENARIO);
  writeFileSync(join(scenarios, "mine.json"), JSON.stringify(SCENARIO));
  writeFileSync(join(scenarios, "broken.ts"), BROKEN);
  writeFileSync(join(pkg.project, "library.mjs"), NODE_LIBRARY);
  writeFileSync(join(pkg.project, "deno.mjs"), DENO_LIBRARY);
  writeFileSync(join(pkg.project, "consumer.ts"), CONSUMER);
  const repo = run(process.execPath, ["bin/sharecast.js", "run", join(scenarios, "mine.yaml"), "--paths", "600", "--seed", "7", "--format", "json"], ROOT);
  expect(repo.stderr).toBe("");
  reference = repo.stdout;
  writeFileSync(join(scenarios, "engines.json"), JSON.stringify(ENGINES));
  const engines = run(process.execPath, ["bin/sharecast.js", "run", join(scenarios, "engines.json"), "--paths", "300", "--seed", "7", "--format", "json"], ROOT);
  expect(engines.stderr).toBe("");
  enginesReference = engines.stdout;
});

describe("the tarball", () => {
  it("ships dist/, bin/, the JSON Schema, README and LICENSE only, under 330 kB packed", () => {
    // 310 kB: the engine-independent elementary functions (src/core/elementary.ts) added 4.5 kB packed.
    // 320 kB: the checks of hostile input, the store-budget checks and the stepwise analyses added about 10 kB.
    // 330 kB: the ninth stop's checks of hostile input (scenario scripts' guards, bounded messages) added about 6 kB.
    expect(pkg.packedBytes).toBeLessThan(330_000);
    expect(pkg.files).toEqual(expect.arrayContaining(["package.json", "README.md", "LICENSE", "bin/sharecast.js", "dist/index.js", "dist/index.d.ts", "dist/cli/sharecast.js", "dist/cli/workers/bootstrap.mjs", "dist/cli/workers/sharecast-worker.js", "dist/browser/sharecast.js", "schema/scenario.schema.json", "schema/scenario.draft-07.schema.json"]));
    const tops = new Set(pkg.files.map((path) => path.split("/")[0]));
    expect([...tops].sort()).toEqual(["LICENSE", "README.md", "bin", "dist", "package.json", "schema"]);
    expect(pkg.files.filter((path) => /(^|\/)tests?\//.test(path) || path.startsWith("src/") || path.endsWith(".tsbuildinfo"))).toEqual([]);
  });

  it("ships its JavaScript as bundles: the library once (shared by the entry, the browser entry, the command line, its worker and the playground), lazy samples writers, the bin", () => {
    const scripts = pkg.files.filter((path) => /\.m?js$/.test(path)).sort();
    expect(scripts).toEqual(["bin/sharecast.js", "dist/browser/sharecast.js", "dist/cli/samplesFileArrow.js", "dist/cli/samplesFileParquet.js", "dist/cli/sharecast.js", "dist/cli/workers/bootstrap.mjs", "dist/cli/workers/sharecast-worker.js", "dist/index.js", "dist/library.js", "dist/playground.js"]);
    expect(readFileSync(join(pkg.project, "node_modules", "sharecast", "dist", "browser", "sharecast.js"), "utf8")).toBe(`export * from "../index.js";\n`);
    const entry = readFileSync(join(pkg.project, "node_modules", "sharecast", "dist", "index.js"), "utf8");
    expect(entry).toMatch(/from\s*["']\.\/library\.js["']/);
    expect(readFileSync(join(pkg.project, "node_modules", "sharecast", "dist", "library.js"), "utf8")).not.toMatch(/from\s*["']node:/);
  });

  it("declares runtime dependencies only: no tools, no type packages the public types do not need", () => {
    const manifest = JSON.parse(readFileSync(join(pkg.project, "node_modules", "sharecast", "package.json"), "utf8")) as { dependencies: Record<string, string> };
    for (const tool of ["tsx", "typescript", "vitest", "deno", "playwright-core", "rolldown", "fast-check"]) expect(Object.keys(manifest.dependencies)).not.toContain(tool);
  });
});

describe("plain Node in a CommonJS project", () => {
  it("imports the library and gives the repository's numbers", () => {
    const out = run(process.execPath, ["library.mjs", "scenarios/mine.json"], pkg.project);
    expect(out.stderr).toBe("");
    expect(out.stdout).toBe(reference);
  });
});

describe("npx sharecast run on the user's own scenario files", () => {
  it.each(["mine.ts", "mine.mts", "mine.js", "mine.yaml", "mine.json"])("%s: the repository's numbers, byte for byte", (file) => {
    const out = run("npx", ["--no-install", "sharecast", "run", `scenarios/${file}`, "--paths", "600", "--seed", "7", "--format", "json"], pkg.project);
    expect(out.stderr).toBe("");
    expect(out.status).toBe(0);
    expect(out.stdout).toBe(reference);
  });

  it("the default scenario: the same numbers as the repository's TypeScript original", () => {
    const installed = run("npx", ["--no-install", "sharecast", "run", "--paths", "1000", "--format", "json"], pkg.project);
    const repo = run(process.execPath, ["bin/sharecast.js", "run", "scenarios/deutsche-bank-2020.ts", "--paths", "1000", "--format", "json"], ROOT);
    expect(installed.stderr).toBe("");
    expect(installed.stdout).toBe(repo.stdout);
  });

  it("worker threads (the bundled worker): the numbers of a run in the repository's main thread", () => {
    const installed = run("npx", ["--no-install", "sharecast", "run", "--paths", "3000", "--workers", "2", "--format", "json", "--no-progress"], pkg.project);
    const repo = run(process.execPath, ["bin/sharecast.js", "run", "--paths", "3000", "--workers", "1", "--format", "json", "--no-progress"], ROOT);
    expect(installed.stderr).toBe("");
    expect(installed.status).toBe(0);
    expect(installed.stdout).toBe(repo.stdout);
  });

  it("a syntax error names the file, line and column, exit 2", () => {
    const out = run("npx", ["--no-install", "sharecast", "validate", "scenarios/broken.ts"], pkg.project);
    expect(out.stdout).toBe("");
    const column = BROKEN.split("\n")[2].indexOf(";") + 1;
    expect(out.stderr).toBe(`sharecast: scenario: cannot load "scenarios/broken.ts" at line 3, column ${column}: syntax error: Unexpected ";"\n`);
    expect(out.status).toBe(2);
  });
});

describe("the consumer's TypeScript compiler (strict, no skipLibCheck)", () => {
  it.each([
    ["nodenext", { module: "nodenext", moduleResolution: "nodenext" }],
    ["bundler", { module: "esnext", moduleResolution: "bundler" }],
  ])("module resolution %s: 0 errors", (name, resolution) => {
    const config = { compilerOptions: { ...resolution, target: "es2022", strict: true, noEmit: true, types: [], allowImportingTsExtensions: true }, files: ["consumer.ts", "scenarios/mine.ts"] };
    writeFileSync(join(pkg.project, `tsconfig.${name}.json`), JSON.stringify(config));
    const out = run(process.execPath, [TSC, "-p", `tsconfig.${name}.json`], pkg.project);
    expect(out.stdout + out.stderr).toBe("");
    expect(out.status).toBe(0);
  });
});

describe.skipIf(!existsSync(DENO))("Deno", () => {
  it("imports the package from node_modules and gives the repository's numbers", () => {
    const out = run(DENO, ["run", "--no-prompt", "--node-modules-dir=manual", "--allow-read", "--allow-env", "deno.mjs", "scenarios/mine.json"], pkg.project, { NO_COLOR: "1", DENO_NO_UPDATE_CHECK: "1" });
    expect(out.stderr).toBe("");
    expect(out.stdout).toBe(reference);
  });

  it("gives the repository's bytes for a run through every elementary function (Deno's V8 rounds Math.exp otherwise)", () => {
    const out = run(DENO, ["run", "--no-prompt", "--node-modules-dir=manual", "--allow-read", "--allow-env", "deno.mjs", "scenarios/engines.json", "300"], pkg.project, { NO_COLOR: "1", DENO_NO_UPDATE_CHECK: "1" });
    expect(out.stderr).toBe("");
    expect(out.stdout).toBe(enginesReference);
  });
});

describe.skipIf(!existsSync(CHROMIUM))("the browser bundle in Chromium", () => {
  it("has no Node built-ins and gives the repository's numbers", async () => {
    const dist = join(pkg.project, "node_modules", "sharecast", "dist");
    const code = Object.fromEntries(["browser/sharecast.js", "index.js", "library.js"].map((file) => [`/${file}`, readFileSync(join(dist, file), "utf8")]));
    for (const text of Object.values(code)) expect(text).not.toMatch(/["'](node:[a-z_/]+|fs|path|os|worker_threads|child_process)["']/);
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"],
    });
    try {
      const page = await browser.newPage();
      const problems: string[] = [];
      page.on("pageerror", (error) => problems.push(error.message));
      // The page and the bundle come from an origin that exists only inside the test: no network.
      await page.route("http://sharecast.test/**", (route) => {
        const url = new URL(route.request().url());
        if (Object.hasOwn(code, url.pathname)) return route.fulfill({ body: code[url.pathname], contentType: "text/javascript" });
        return route.fulfill({ body: "<!doctype html><title>sharecast</title>", contentType: "text/html" });
      });
      await page.goto("http://sharecast.test/");
      // A string, so the test runner's transform leaves the page's own dynamic import alone.
      const json = await page.evaluate(`import("http://sharecast.test/browser/sharecast.js").then(({ runScenario }) =>
        JSON.stringify(runScenario(${JSON.stringify(SCENARIO)}, { paths: 600, seed: 7 }), null, 2) + "\\n")`);
      expect(problems).toEqual([]);
      expect(json).toBe(reference);
      const engines = await page.evaluate(`import("http://sharecast.test/browser/sharecast.js").then(({ runScenario }) =>
        JSON.stringify(runScenario(${JSON.stringify(ENGINES)}, { paths: 300, seed: 7 }), null, 2) + "\\n")`);
      expect(engines).toBe(enginesReference);
    } finally {
      await browser.close();
    }
  });
});
