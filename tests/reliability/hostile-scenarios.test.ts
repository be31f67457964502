// Hostile scenario documents found by fuzzing the command line (each was an internal error, a crash, a hang
// or a silent exit 0): YAML and JSON files, and .ts scenario scripts.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { oneLine, sharecastAsync } from "../cli/helpers.ts";

const BASE = "tests/reliability/fixtures/hostile/base.yaml";

const made: string[] = [];
afterAll(() => made.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** A file holding `text` in a fresh temporary directory (removed after the tests). */
function scenarioFile(name: string, text: string): string {
  const dir = mkdtempSync(join(tmpdir(), "sharecast-scenarios-"));
  made.push(dir);
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}

describe("a scenario's quantiles", () => {
  it.concurrent("two that share a column name are refused, as --quantiles refuses them (the second had been dropped)", async () => {
    const file = scenarioFile("q.yaml", readFileSync(BASE, "utf8").replace("seed: 1 }", "seed: 1, quantiles: [0.05, 0.5, 0.5000000000000001] }"));
    oneLine(await sharecastAsync(["validate", file]), "sharecast: simulation.quantiles[2]: expected quantiles with distinct column names, got 0.5000000000000001 named p50 as 0.5 is");
    oneLine(await sharecastAsync(["run", file, "--paths", "100"]), "sharecast: simulation.quantiles[2]: expected quantiles with distinct column names, got 0.5000000000000001 named p50 as 0.5 is");
  });
});

/** A scenario script exporting a valid two-provider scenario after `code`. */
function script(code: string): string {
  const scenario = `{ name: "t", calendar: { start: "2020Q1", end: "2020Q4" }, providers: [{ id: "a", model: { kind: "constantGrowth", start: 1, growth: 0.1 } }, { id: "b", model: { kind: "constantGrowth", start: 2, growth: 0.1 } }] }`;
  return scenarioFile("s.ts", `${code}\nexport default ${scenario};\n`);
}

describe("scenario scripts that reach past their export", () => {
  it.concurrent("an Error whose message getter throws, or an exported function: one line, exit 2 (exit 1, and the function's source over lines)", async () => {
    const getter = script(`const e = new Error("x"); Object.defineProperty(e, "message", { get() { throw 1; } }); throw e;`);
    oneLine(await sharecastAsync(["run", getter, "--paths", "100"]), `sharecast: scenario: cannot load ${JSON.stringify(getter)}: threw an object whose fields throw when read`);
    const fn = scenarioFile("f.ts", `export default function scenario() {\n  return {};\n}\n`);
    oneLine(await sharecastAsync(["validate", fn]), "sharecast: (root): expected an object, got function scenario");
  });

  it.concurrent("process.abort() while loading is refused as process.exit is (it had ended the process with SIGABRT)", async () => {
    const file = script("process.abort();");
    oneLine(await sharecastAsync(["run", file, "--paths", "100"]), `sharecast: scenario: cannot load ${JSON.stringify(file)} at line 1, column 9: it called process.abort() while loading; a scenario script exports its scenario and lets sharecast run it`);
  });

  it.concurrent("a timer it left that calls process.exit(0), or prints: exit 2, or its text on stderr (exit 0 with no output; text inside the JSON)", async () => {
    const exits = script("setTimeout(() => process.exit(0), 20);");
    oneLine(
      await sharecastAsync(["run", exits, "--paths", "2000000", "--format", "json"]),
      /^sharecast: scenario: cannot load ".*s\.ts" at line 1, column \d+: it threw after loading, from a timer or callback it left: it called process\.exit\(0\); a scenario script exports its scenario and lets sharecast run it\n$/,
    );
    const prints = script(`setTimeout(() => console.log("LATE"), 20);`);
    const out = await sharecastAsync(["run", prints, "--paths", "2000000", "--format", "json"]);
    expect(out.status).toBe(0);
    expect(JSON.parse(out.stdout).meta.paths).toBe(2000000);
    expect(out.stderr).toBe("LATE\n");
  });

  it.concurrent("an invalid one that leaves a timer running still exits 2 (the guard of later exits passed process.exit() on as process.exit(undefined): exit 0)", async () => {
    const file = scenarioFile("t.ts", `setInterval(() => {}, 1000);\nexport default { name: "t", calendar: { start: "2020Q1", end: "2020Q4" }, providers: [] };\n`);
    oneLine(await sharecastAsync(["run", file, "--paths", "100"]), "sharecast: providers: expected at least 1 item(s), got 0");
  });

  it.concurrent("one that changes JavaScript's built-ins: exit 2 naming them (an internal error, or results computed with them)", async () => {
    const cases: Array<[string, string]> = [
      ["(Array.prototype as any).map = function () { return []; };", "Array.prototype.map"],
      ["(Array.prototype as any).push = function () { throw new Error(\"no\"); };", "Array.prototype.push"],
      ["(Object.prototype as any).kind = \"bass\";", "Object.prototype.kind"],
      ["(Math as any).exp = () => 0; (JSON as any).stringify = () => \"\";", "Math.exp, JSON.stringify"],
    ];
    for (const [code, names] of cases) {
      const file = script(code);
      oneLine(
        await sharecastAsync(["run", file, "--paths", "100", "--format", "json"]),
        `sharecast: scenario: cannot load ${JSON.stringify(file)}: it changed JavaScript's built-in ${names}; expected a script that leaves the built-ins as they are (every number sharecast computes relies on them)`,
      );
    }
    // What libraries commonly set is not a change of what the built-ins compute.
    expect((await sharecastAsync(["run", script("Error.stackTraceLimit = 50;"), "--paths", "100"])).status).toBe(0);
  });
});

describe("a scenario with very many providers", () => {
  it.concurrent("40,000 of them run in seconds (minutes before: the share repair, the kernel's set-up and the table were quadratic or worse)", async () => {
    const providers = Array.from({ length: 40_000 }, (_, k) => ({ id: `p${k}`, model: { kind: "constantGrowth", start: 1, growth: 0.1 } }));
    const file = scenarioFile("many.json", JSON.stringify({ name: "many", calendar: { start: "2020Q1", end: "2020Q4" }, providers }));
    const started = Date.now();
    const out = await sharecastAsync(["run", file, "--paths", "100"]);
    expect(out.status).toBe(0);
    expect(out.stdout).toContain("p39999");
    expect(Date.now() - started).toBeLessThan(60_000);
  });
});

describe("a sensitivity analysis of very many inputs", () => {
  it.concurrent("says how large a Sobol design fits before it draws one (2,000 inputs had failed with a RangeError, an internal error)", async () => {
    const providers = Array.from({ length: 200 }, (_, k) => ({ id: `p${k}`, model: { kind: "constantGrowth", start: 1, growth: { dist: "normal", mean: 0.1, sd: 0.01 } } }));
    const file = scenarioFile("inputs.json", JSON.stringify({ name: "inputs", calendar: { start: "2020Q1", end: "2020Q4" }, providers }));
    const out = await sharecastAsync(["sensitivity", file, "--paths", "100", "--output", "share:p0:2020"], { env: { ...process.env, SHARECAST_STORE_BUDGET_MB: "64" } });
    // 2 x 202 x 200 doubles for each of n: 64 MiB holds n = floor(2^26 / 646,400) = 103.
    oneLine(out, "sharecast: --sobol-n: expected at most 103 for a Sobol analysis of 200 uncertain inputs, whose design holds 2 n (k + 2) k values in memory (a store budget of 64 MiB), got 2048");
  });
});

describe("charts of very many providers", () => {
  it.concurrent("a stacked chart of 1,500 and a fan chart of 10,000 are drawn (a stack overflow: Vega's parse of a sort list, a spread of every value)", async () => {
    const scenario = (count: number) =>
      scenarioFile("many.json", JSON.stringify({ name: "many", calendar: { start: "2020Q1", end: "2020Q4" }, providers: Array.from({ length: count }, (_, k) => ({ id: `p${k}`, model: { kind: "constantGrowth", start: 1, growth: 0.1 } })) }));
    const stacked = scenario(1_500);
    const svg = stacked.replace(/\.json$/, ".svg");
    const out = await sharecastAsync(["report", stacked, "--paths", "100", "--format", "svg", "--chart", "stacked", "--out", svg]);
    expect(out.status).toBe(0);
    expect(readFileSync(svg, "utf8")).toMatch(/^<svg/);
    const fan = scenario(10_000);
    const fanSvg = fan.replace(/\.json$/, ".svg");
    const drawn = await sharecastAsync(["report", fan, "--paths", "100", "--format", "svg", "--chart", "fan", "--out", fanSvg]);
    expect(drawn.status).toBe(0);
    expect(readFileSync(fanSvg, "utf8")).toMatch(/^<svg/);
  });
});

describe("text for terminals", () => {
  it.concurrent("a bidirectional override in a title is shown, not obeyed (it reordered the line as printed)", async () => {
    const file = scenarioFile("bidi.yaml", readFileSync(BASE, "utf8").replace("name: base", 'name: base\ntitle: "safe \\u202eevil\\u2066x\\u2069"'));
    const out = await sharecastAsync(["run", file, "--paths", "100"]);
    expect(out.status).toBe(0);
    expect(out.stdout).not.toMatch(/[\u202a-\u202e\u2066-\u2069]/);
    expect(out.stdout).toContain("base: safe \ufffdevil\ufffdx\ufffd");
  });
});

describe("YAML of another version", () => {
  it.concurrent("a %YAML 1.1 directive is refused (it read the event id e1 as NaN, yes as true and 010 as 8); %YAML 1.2 is read", async () => {
    const old = scenarioFile("old.yaml", `%YAML 1.1\n---\n${readFileSync(BASE, "utf8")}`);
    oneLine(await sharecastAsync(["validate", old]), "sharecast: scenario: expected YAML 1.2, got a %YAML 1.1 directive (YAML 1.1 reads yes as true, 010 as 8 and e1 as not a number); remove the %YAML line");
    const current = scenarioFile("new.yaml", `%YAML 1.2\n---\n${readFileSync(BASE, "utf8")}`);
    expect((await sharecastAsync(["validate", current])).status).toBe(0);
  });
});

describe("a scenario's outputs block", () => {
  it.concurrent("its errors are named outputs.FIELD by run and sweep (shown as --output.fiscalYears, the flag of another thing)", async () => {
    const file = scenarioFile("outputs.yaml", readFileSync(BASE, "utf8").replace("name: base", "name: base\noutputs: { fiscalYears: 3 }"));
    for (const args of [["run", file, "--paths", "100"], ["sweep", file, "--paths", "100", "--vary", "providers.b.model.growth=0.1,0.2"], ["compare", file, BASE, "--paths", "100"]]) {
      oneLine(await sharecastAsync(args), "sharecast: outputs.fiscalYears: expected true or false, got number 3");
    }
    // The option's own errors keep its flag.
    oneLine(await sharecastAsync(["run", BASE, "--target-se", "0.01", "--output", "share:zz:2021"]), /^sharecast: --output\[0\]: /);
  });

  it.concurrent("a constant-currency rate that makes revenue overflow is refused (Infinity and NaN rows, exit 0)", async () => {
    const text = readFileSync(BASE, "utf8")
      .replace("name: base", "name: base\ncurrency: usd\nexchangeRates: { rmb: 2 }\noutputs: { constantCurrency: { rates: { rmb: 1e308 } } }")
      .replace("growth: 0.05 }", "growth: 0.05 }\n    currency: rmb");
    const file = scenarioFile("constant.yaml", text);
    oneLine(await sharecastAsync(["run", file, "--paths", "100", "--format", "json"]), "sharecast: outputs.constantCurrency: expected constant rates that keep revenue finite, got Infinity for b (rmb) in 2020 on path 0");
  });
});
