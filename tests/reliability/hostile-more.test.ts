// Hostile inputs found by fuzzing the command line (each was an internal error, a hang or a wrong exit 0):
// devices read without end, corrupt shard headers, directories as partials, result files and cache entries
// with wrong-typed fields, control characters in text, a script that leaves a timer running, backtests
// that score nothing, share pins that leave the market unsized, sweeps of an event's threshold.
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { oneLine, sharecastAsync } from "../cli/helpers.ts";
import { printable } from "../../src/core/textTable.ts";

const HOSTILE = "tests/reliability/fixtures/hostile";
const BASE = `${HOSTILE}/base.yaml`;

describe("files that never end or are not files", () => {
  it.concurrent("/dev/zero as a scenario, a result, actuals, a series or a plan: exit 2 at the size limit", async () => {
    const over = "file of more than 67108864 bytes is over the limit of 67108864";
    oneLine(await sharecastAsync(["validate", "/dev/zero"]), `sharecast: /dev/zero: ${over}`);
    oneLine(await sharecastAsync(["show", "/dev/zero"]), `sharecast: result /dev/zero: ${over}`);
    oneLine(await sharecastAsync(["run", BASE, "--actuals", "/dev/zero", "--paths", "100"]), `sharecast: --actuals /dev/zero: ${over}`);
    oneLine(await sharecastAsync(["backtest", "--series", "/dev/zero"]), `sharecast: --series /dev/zero: ${over}`);
    const dir = mkdtempSync(join(tmpdir(), "sharecast-hostile-"));
    oneLine(await sharecastAsync(["run", BASE, "--paths", "100", "--shard", "0/1", "--out", dir, "--plan", "/dev/zero"]), `sharecast: --plan: "/dev/zero": ${over}`);
  });

  it.concurrent("a directory given to merge as a partial", async () => {
    oneLine(await sharecastAsync(["merge", tmpdir()]), `sharecast: partials[0]: ${JSON.stringify(tmpdir())}: expected a partial result file, got a directory or device`);
  });
});

describe("a sensitivity analysis too large for memory", () => {
  it.concurrent("says how many paths fit before it simulates (it had allocated or crashed)", async () => {
    const out = await sharecastAsync(["sensitivity", "tests/uncertainty/fixtures/growth-a.yaml", "--output", "share:beta:2022", "--paths", "100000"], { env: { ...process.env, SHARECAST_STORE_BUDGET_MB: "1" } });
    // Four uncertain inputs and the output: 5 values a path, 2^20 / 40 paths.
    oneLine(out, "sharecast: --paths: expected at most 26214 paths for a sensitivity analysis, whose Spearman run holds 5 values a path in memory (a store budget of 1 MiB), got 100000");
  });
});

describe("options that would be ignored", () => {
  it.concurrent("a series backtest's --provider that picks nothing (a CSV, or a single-provider fixture's other provider)", async () => {
    oneLine(
      await sharecastAsync(["backtest", "--series", `${HOSTILE}/bt_good.csv`, "--provider", "zzz", "--paths", "100"]),
      `sharecast: --provider: expected a fixture to pick from (a CSV series has one provider and metric), got "${HOSTILE}/bt_good.csv"`,
    );
    oneLine(
      await sharecastAsync(["backtest", "--series", "fixtures/alibaba-cloud-revenue-quarterly.json", "--provider", "zzz", "--paths", "100"]),
      'sharecast: --provider: expected "alibaba" (the fixture\'s only one), got "zzz"',
    );
  });

  it.concurrent("fit --start naming a parameter twice, and a series backtest given a scenario's --widen", async () => {
    oneLine(await sharecastAsync(["fit", `${HOSTILE}/bt_const.csv`, "--curve", "logistic", "--start", "K=1,K=2"]), "sharecast: --start[1]: expected each name once, got K again");
    oneLine(
      await sharecastAsync(["backtest", "--series", "fixtures/alibaba-cloud-revenue-quarterly.json", "--widen", "2", "--paths", "100"]),
      "sharecast: --widen: expected a scenario script to backtest with this option (a .ts or .js scenario), got a series backtest",
    );
  });
});

describe("quantiles that would be merged or dropped", () => {
  it.concurrent("--quantiles naming one column twice, and a backtest spec's empty or repeated quantiles", async () => {
    oneLine(await sharecastAsync(["run", BASE, "--paths", "100", "--quantiles", "0.5,0.5000000000000001"]), "sharecast: --quantiles[1]: expected quantiles with distinct column names, got 0.5000000000000001 named p50 as 0.5 is");
    const dir = mkdtempSync(join(tmpdir(), "sharecast-hostile-"));
    writeFileSync(join(dir, "bt_good.csv"), readFileSync(`${HOSTILE}/bt_good.csv`));
    for (const quantiles of ["[]", "[0.5, 0.5]"]) {
      writeFileSync(join(dir, "spec.yaml"), `series: bt_good.csv\ncurve: exponential\nquantiles: ${quantiles}\npaths: 100\n`);
      const out = await sharecastAsync(["backtest", join(dir, "spec.yaml")]);
      expect(out.status).toBe(2);
      expect(out.stderr).toMatch(/^sharecast: quantiles: /);
    }
  });
});

describe("one problem, one line", () => {
  it.concurrent("a seed of 1e300 breaks two checks of one bound: said once", async () => {
    const dir = mkdtempSync(join(tmpdir(), "sharecast-hostile-"));
    writeFileSync(join(dir, "s.yaml"), readFileSync(BASE, "utf8").replace("seed: 1 }", "seed: 1e300 }"));
    oneLine(await sharecastAsync(["validate", join(dir, "s.yaml")]), "sharecast: simulation.seed: expected a number <= 9007199254740991, got 1e+300");
  });
});

describe("an empty file name", () => {
  it.concurrent("for --out or --samples is an error, not a run that writes nothing", async () => {
    oneLine(await sharecastAsync(["run", BASE, "--paths", "100", "--out", ""]), "sharecast: --out: expected a file or directory name, got an empty path");
    oneLine(await sharecastAsync(["run", BASE, "--paths", "100", "--samples", ""]), "sharecast: --samples: expected a file or directory name, got an empty path");
  });
});

describe("YAML with more than one document", () => {
  it.concurrent("is refused rather than the second dropped; an empty one after a final --- is harmless", async () => {
    oneLine(await sharecastAsync(["validate", `${HOSTILE}/multi-doc.yaml`]), "sharecast: scenario: expected one YAML document, got 2 (a line `---` starts another)");
    const dir = mkdtempSync(join(tmpdir(), "sharecast-hostile-"));
    writeFileSync(join(dir, "trailing.yaml"), `${readFileSync(BASE, "utf8")}---\n`);
    expect((await sharecastAsync(["validate", join(dir, "trailing.yaml")])).status).toBe(0);
  });
});

describe("corrupt shard headers", () => {
  it.concurrent("sections and held of the wrong type are named, not internal errors", async () => {
    const dir = mkdtempSync(join(tmpdir(), "sharecast-hostile-"));
    for (const i of [0, 1]) expect((await sharecastAsync(["run", BASE, "--paths", "2100", "--shard", `${i}/2`, "--out", dir])).status).toBe(0);
    const file = join(dir, "partial-0-of-2.bin");
    const bytes = readFileSync(file);
    const length = bytes.readUInt32LE(8);
    const header = JSON.parse(bytes.subarray(12, 12 + length).toString("utf8"));
    const cases: Array<[string, unknown, string]> = [
      ["sections", "x", "expected sections a list of { name, type, length }, got another value (corrupt)"],
      ["sections", [1], "expected sections a list of { name, type, length }, got another value (corrupt)"],
      ["held", null, "expected held a list of distinct column numbers in order, got another value (corrupt)"],
      ["held", [99_999_999], "expected held a list of distinct column numbers in order, got another value (corrupt)"],
      ["scenario", { ...header.scenario, providers: [] }, "the scenario in the header: providers: expected at least 1 item(s), got 0"],
    ];
    for (const [field, value, message] of cases) {
      const text = Buffer.from(JSON.stringify({ ...header, [field]: value }));
      const size = Buffer.alloc(4);
      size.writeUInt32LE(text.length);
      writeFileSync(join(dir, "bad.bin"), Buffer.concat([bytes.subarray(0, 8), size, text, bytes.subarray(12 + length)]));
      const out = await sharecastAsync(["merge", join(dir, "bad.bin"), join(dir, "partial-1-of-2.bin")]);
      oneLine(out, `sharecast: partials[0]: ${JSON.stringify(join(dir, "bad.bin"))}: ${message}`);
    }
    // The file rebuilt with its own header merges (the edit, not the rebuilding, is what is refused).
    const text = Buffer.from(JSON.stringify(header));
    const size = Buffer.alloc(4);
    size.writeUInt32LE(text.length);
    writeFileSync(join(dir, "same.bin"), Buffer.concat([bytes.subarray(0, 8), size, text, bytes.subarray(12 + length)]));
    expect((await sharecastAsync(["merge", join(dir, "same.bin"), join(dir, "partial-1-of-2.bin")])).status).toBe(0);
  });
});

describe("a plan edited between the rounds", () => {
  it.concurrent("is refused by round 2 and by merge (exit 2, nothing written); re-indented, it still runs", async () => {
    const dir = mkdtempSync(join(tmpdir(), "sharecast-hostile-"));
    for (const i of [0, 1]) expect((await sharecastAsync(["run", BASE, "--paths", "2100", "--shard", `${i}/2`, "--out", dir])).status).toBe(0);
    expect((await sharecastAsync(["merge", join(dir, "partial-0-of-2.bin"), join(dir, "partial-1-of-2.bin")])).status).toBe(0);
    const plan = JSON.parse(readFileSync(join(dir, "plan-of-2.json"), "utf8"));
    const edits: Array<(p: any) => void> = [(p) => (p.plan.mean[0] = -1), (p) => (p.quantiles = "x"), (p) => (p.events = null), (p) => delete p.check];
    for (const edit of edits) {
      const copy = structuredClone(plan);
      edit(copy);
      const bad = join(dir, "bad-plan.json");
      writeFileSync(bad, JSON.stringify(copy));
      const message = `sharecast: --plan: ${JSON.stringify(bad)}: the plan does not match its checksum: it was edited or damaged (merge the round-1 partials again)`;
      const out = join(dir, "out");
      oneLine(await sharecastAsync(["run", BASE, "--paths", "2100", "--shard", "0/2", "--out", out, "--plan", bad]), message);
      expect(readdirSync(dir)).not.toContain("out");
    }
    writeFileSync(join(dir, "indented.json"), JSON.stringify(plan, null, 2));
    expect((await sharecastAsync(["run", BASE, "--paths", "2100", "--shard", "0/2", "--out", join(dir, "r2"), "--plan", join(dir, "indented.json")])).status).toBe(0);
  });
});

describe("saved results and cache entries with wrong-typed fields", () => {
  it.concurrent("show names the field; a poisoned cache entry is computed again", async () => {
    const dir = mkdtempSync(join(tmpdir(), "sharecast-hostile-"));
    const run = await sharecastAsync(["run", BASE, "--paths", "200", "--format", "json"]);
    expect(run.status).toBe(0);
    const doc = JSON.parse(run.stdout);
    const edits: Array<[string, (d: any) => void, string]> = [
      ["quantiles", (d) => (d.meta.quantiles = []), "meta.quantiles: expected a list of at least one probability in [0, 1], got an array"],
      ["period", (d) => (d.rows[0].period = "2020Q9"), 'rows[0].period: expected a period such as 2020, 2020Q1 or FY2020, got "2020Q9"'],
      ["source", (d) => (d.benchmarks[0].source = null), "benchmarks[0].source: expected a string, got null"],
      ["assumptions", (d) => (d.assumptions = "x"), 'assumptions: expected a list, got "x"'],
    ];
    for (const [name, edit, message] of edits) {
      const copy = structuredClone(doc);
      edit(copy);
      const file = join(dir, `${name}.json`);
      writeFileSync(file, JSON.stringify(copy));
      for (const format of ["table", "csv", "html"]) {
        const args = ["show", file, "--format", format, ...(format === "html" ? ["--out", join(dir, `${name}.html`)] : [])];
        oneLine(await sharecastAsync(args), `sharecast: result ${file}: ${message}`);
      }
    }
    expect(readdirSync(dir).filter((f) => f.endsWith(".html"))).toEqual([]);
    // A number JSON cannot hold, written by hand: it parses to Infinity (the CSV had printed it).
    const huge = join(dir, "huge.json");
    writeFileSync(huge, run.stdout.replace(/"mean": [^,]+,/, '"mean": 1e309,'));
    oneLine(await sharecastAsync(["show", huge, "--format", "csv"]), `sharecast: result ${huge}: rows[0].mean: expected a finite number, got Infinity`);

    const cache = join(dir, "cache");
    const first = await sharecastAsync(["--cache", cache, "run", BASE, "--paths", "200"]);
    const [entry] = readdirSync(cache).filter((f) => f.startsWith("run-"));
    const stored = JSON.parse(readFileSync(join(cache, entry), "utf8"));
    stored.value.meta.quantiles = [];
    writeFileSync(join(cache, entry), JSON.stringify(stored));
    const again = await sharecastAsync(["--cache", cache, "run", BASE, "--paths", "200"]);
    expect(again).toEqual(first);
    expect(JSON.parse(readFileSync(join(cache, entry), "utf8")).value.meta.quantiles).toEqual(doc.meta.quantiles);
    // The analyses' entries too (a sweep's value damaged to an object without its cells).
    const sweepArgs = ["--cache", cache, "sweep", BASE, "--paths", "200", "--vary", "events[0].value=0.1,0.9"];
    const swept = await sharecastAsync(sweepArgs);
    const [sweepEntry] = readdirSync(cache).filter((f) => f.startsWith("sweep-"));
    writeFileSync(join(cache, sweepEntry), JSON.stringify({ ...JSON.parse(readFileSync(join(cache, sweepEntry), "utf8")), value: { x: 1 } }));
    expect(await sharecastAsync(sweepArgs)).toEqual(swept);
  });
});

describe("text for terminals", () => {
  it("control characters in a title or an event's description are shown, not obeyed", () => {
    expect(printable("a\u001b]0;x\u0007\u001b[2Jb\u009b\u007f\tc")).toBe("a\u241b]0;x\u2407\u241b[2Jb\ufffd\u2421\tc");
  });

  it.concurrent("the run table carries no escape character", async () => {
    const out = await sharecastAsync(["run", `${HOSTILE}/event-desc-escape.yaml`, "--paths", "100"]);
    expect(out.status).toBe(0);
    expect(out.stdout).not.toMatch(/[\u001b\u0007]/);
    expect(out.stdout).toContain("\u241b[2J\u241b[31mRED");
  });
});

describe("scripts, backtests, pins and sweeps", () => {
  it.concurrent("a .ts scenario that leaves a timer running: the command still ends", async () => {
    const started = Date.now();
    const out = await sharecastAsync(["run", `${HOSTILE}/timer.ts`, "--paths", "100", "--format", "json"]);
    expect(out.status).toBe(0);
    expect(JSON.parse(out.stdout).meta.paths).toBe(100);
    expect(Date.now() - started).toBeLessThan(15_000);
  });

  it.concurrent("a .ts scenario nested 100,000 levels deep, or one whose timer throws after it loaded: exit 2, its message", async () => {
    const deep = `${HOSTILE}/default_deep.ts`;
    oneLine(await sharecastAsync(["run", `${HOSTILE}/default_deep.ts`, "--paths", "100"]), `sharecast: scenario: cannot load ${JSON.stringify(deep)}: its export nests deeper than 100 levels; expected at most 100`);
    const late = await sharecastAsync(["run", `${HOSTILE}/throw_later.ts`, "--paths", "100", "--format", "json"]);
    expect(late.status).toBe(2);
    expect(late.stderr).toMatch(/^sharecast: scenario: cannot load ".*throw_later\.ts" at line 1, column \d+: it threw after loading, from a timer or callback it left: late\n$/);
  });

  it.concurrent("a .ts scenario stuck in a synchronous loop: --load-timeout still ends it (exit 2), as it ends one that waits", async () => {
    const started = Date.now();
    oneLine(
      await sharecastAsync(["--load-timeout", "2", "run", `${HOSTILE}/loop.ts`, "--paths", "100"]),
      `sharecast: scenario: cannot load "${HOSTILE}/loop.ts": still loading after 2 s; stopped (--load-timeout sets the limit)`,
    );
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it.concurrent("a backtest that can score no origin exits 2 with the first reason", async () => {
    oneLine(
      await sharecastAsync(["backtest", "--series", `${HOSTILE}/bt_const.csv`, "--curve", "exponential", "--paths", "100"]),
      /^sharecast: origins: expected at least one origin that can be scored, got none: every origin was skipped \(\d{4}Q\d: expected values that vary, got a constant 5/,
    );
  });

  it.concurrent("share pins for every provider and nothing else leave the market unsized: exit 2", async () => {
    oneLine(
      await sharecastAsync(["run", BASE, "--paths", "200", "--actuals", `${HOSTILE}/pin-all-shares.json`]),
      "sharecast: condition.actuals[0]: expected a revenue or market actual, or a provider without an actual, in 2020Q1 to set the market's size, got only shares for every provider",
    );
  });

  it.concurrent("sweeping and solving an event's threshold move the event evaluated", async () => {
    const sweep = await sharecastAsync(["sweep", BASE, "--paths", "200", "--vary", "events[0].value=0.1,0.9", "--format", "json"]);
    const cells = JSON.parse(sweep.stdout).cells.filter((c: { output: string }) => c.output === "prob(e1)");
    // Share of a is about 1/3: above 0.1 on every path, above 0.9 on none.
    expect(cells.map((c: { mean: number }) => c.mean)).toEqual([1, 0]);
    const solve = await sharecastAsync(["solve", BASE, "--paths", "200", "--vary", "events[0].value", "--target", "prob(e1)=0.5", "--range", "0,1", "--format", "json"]);
    const result = JSON.parse(solve.stdout);
    expect(result.status).toBe("solved");
    expect(result.value).toBeGreaterThan(0.25);
    expect(result.value).toBeLessThan(0.45);
  });
});

describe("numbers written in another notation than decimal", () => {
  // Number() reads 0x10 as 16, 0b11 as 3 and "Infinity" as infinite: none is what a user means by a figure.
  it.concurrent("are refused in flags, targets and CSV cells, naming the field (exit 2)", async () => {
    const sweep = await sharecastAsync(["sweep", BASE, "--vary", "providers[0].model.g0=0x10", "--paths", "100"]);
    oneLine(sweep, /--vary: expected PATH=v1,v2,\.\.\. with distinct finite numbers/);
    oneLine(await sharecastAsync(["solve", BASE, "--vary", "providers[0].model.g0", "--target", "mean(share:a:2020)=0x1", "--range", "0,1", "--paths", "100"]), /--target/);
    oneLine(await sharecastAsync(["solve", BASE, "--vary", "providers[0].model.g0", "--target", "mean(share:a:2020)=0.3", "--range", "0b0,0b1", "--paths", "100"]), /--range: expected lo,hi with finite numbers/);
    oneLine(await sharecastAsync(["run", BASE, "--target-se", "0x1", "--paths", "100"]), /--target-se: expected a positive number, got "0x1"/);
    oneLine(await sharecastAsync(["run", BASE, "--quantiles", "0x0", "--paths", "100"]), /--quantiles/);
    const dir = mkdtempSync(join(tmpdir(), "sharecast-decimal-"));
    const series = join(dir, "series.csv");
    writeFileSync(series, "period,value\n2018Q1,0x10\n2018Q2,20\n");
    oneLine(await sharecastAsync(["backtest", "--series", series]), /--series|series: line 2/);
    const fit = join(dir, "fit.csv");
    writeFileSync(fit, "t,value\n0,1\n1,0x2\n2,3\n3,4\n4,5\n");
    oneLine(await sharecastAsync(["fit", fit, "--curve", "logistic"]), /data.*expected a number, got "0x2"/);
  });
});

describe("solve over a range too wide to resolve", () => {
  it.concurrent("exits 2 saying so, where it had reported a value far from the target as solved", async () => {
    const dir = mkdtempSync(join(tmpdir(), "sharecast-solve-"));
    const file = join(dir, "flat.json");
    writeFileSync(file, JSON.stringify({
      name: "flat",
      calendar: { start: "2020Q1", end: "2020Q4" },
      providers: [{ id: "a", model: { kind: "constantGrowth", start: 2, growth: 0.1 } }, { id: "b", model: { kind: "constantGrowth", start: 1, growth: 0 } }],
    }));
    const out = await sharecastAsync(["solve", file, "--vary", "providers.a.model.start", "--target", "mean(share:a:2020Q4)=0.5", "--range", "0,1e300", "--paths", "20"]);
    oneLine(out, /^sharecast: --target: no value of providers\.a\.model\.start found for mean\(share:a:2020Q4\)=0\.5 in 60 runs: the statistic goes from [\d.]+ at [\d.e+-]+ to [\d.]+ at [\d.e+-]+ across the target \(a jump, or a range too wide to resolve: narrow it\); seed/);
  });
});

describe("outputs that would replace an input or each other", () => {
  it.concurrent("an output naming a file the command reads is refused (exit 2, the file intact)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "sharecast-clobber-"));
    const scenario = join(dir, "s.yaml");
    writeFileSync(scenario, readFileSync(BASE, "utf8"));
    const replaces = /is a file this command reads, expected another file to write \(it would replace what was read\)/;
    oneLine(await sharecastAsync(["run", scenario, "--paths", "100", "--samples", scenario]), replaces);
    oneLine(await sharecastAsync(["report", scenario, "--paths", "100", "--out", scenario]), replaces);
    const result = join(dir, "r.json");
    const run = await sharecastAsync(["run", scenario, "--paths", "100", "--format", "json", "--out", dir]);
    expect(run.status).toBe(0);
    writeFileSync(result, readFileSync(join(dir, "result.json")));
    oneLine(await sharecastAsync(["show", result, "--format", "html", "--out", result]), replaces);
    expect(readFileSync(scenario, "utf8")).toBe(readFileSync(BASE, "utf8"));
    expect(JSON.parse(readFileSync(result, "utf8")).meta.paths).toBe(100);
  });

  it.concurrent("--samples naming a file --out writes is refused before the run", async () => {
    const dir = mkdtempSync(join(tmpdir(), "sharecast-clash-"));
    oneLine(await sharecastAsync(["run", BASE, "--paths", "100", "--out", dir, "--samples", join(dir, "summary.csv")]), /^sharecast: --samples: expected a file other than the summary\.csv that --out writes/);
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe("a value given twice", () => {
  it.concurrent("an option given twice, a swept value, an origin or a calibrated scenario twice: exit 2 naming it", async () => {
    oneLine(await sharecastAsync(["sweep", BASE, "--paths", "100", "--vary", "providers.a.model.growth=0.1", "--vary", "providers.b.model.growth=0.2"]), 'sharecast: --vary: expected --vary once, got it again ("providers.b.model.growth=0.2")');
    oneLine(await sharecastAsync(["run", BASE, "--paths", "100", "--paths", "200"]), 'sharecast: --paths: expected --paths once, got it again ("200")');
    oneLine(await sharecastAsync(["sweep", BASE, "--paths", "100", "--vary", "providers.a.model.growth=0.1,0.1"]), /--vary: expected PATH=v1,v2,\.\.\. with distinct finite numbers/);
    oneLine(await sharecastAsync(["backtest", "--series", "fixtures/alibaba-cloud-revenue-quarterly.json", "--origins", "2017Q4,2017Q4", "--paths", "100"]), 'sharecast: origins[1]: expected each origin once, got "2017Q4" again');
    oneLine(await sharecastAsync(["calibrate", "scenarios/aws-revenue.ts", "./scenarios/aws-revenue.ts", "--grid", "1", "--lifts", "0", "--paths", "100"]), 'sharecast: scenarios[1]: expected each scenario once, got "./scenarios/aws-revenue.ts" again (first at scenarios[0])');
  });
});

describe("a sensitivity analysis too small to mean anything", () => {
  it.concurrent("--sobol-n below 16 or --bootstrap from 1 to 9 is refused (n = 1 had run n = 2 and printed a total index of 1.74)", async () => {
    const args = ["sensitivity", BASE, "--paths", "200", "--output", "share:a:2021"];
    oneLine(await sharecastAsync([...args, "--sobol-n", "1"]), 'sharecast: --sobol-n: expected a whole number from 16 to 10000000, got "1"');
    oneLine(await sharecastAsync([...args, "--bootstrap", "1"]), 'sharecast: --bootstrap: expected 0 (no intervals) or 10 to 100000 resamples, got 1');
  });
});

describe("saved results with impossible values", () => {
  it.concurrent("a probability above 1, a negative share or sd, 0 paths, an interval upside down: exit 2 naming the field", async () => {
    const dir = mkdtempSync(join(tmpdir(), "sharecast-impossible-"));
    const run = await sharecastAsync(["run", BASE, "--paths", "100", "--format", "json"]);
    const doc = JSON.parse(run.stdout);
    const cases: Array<[string, (d: typeof doc) => void, RegExp]> = [
      ["prob", (d) => (d.events[0].probability = 7), /events\[0\]\.probability: expected a number from 0 to 1, got 7/],
      ["share", (d) => (d.rows.find((r: { metric: string }) => r.metric === "share").p50 = -5), /rows\[\d+\]\.p50: expected a share from 0 to 1, got -5/],
      ["sd", (d) => (d.rows[0].sd = -1), /rows\[0\]\.sd: expected a finite number >= 0, got -1/],
      ["paths", (d) => (d.meta.paths = 0), /meta\.paths: expected a whole number >= 1, got 0/],
      ["interval", (d) => (d.events[0].interval95 = [1, 0]), /events\[0\]\.interval95: expected \[low, high\] with 0 <= low <= high <= 1, got \[1,0\]/],
    ];
    for (const [name, edit, message] of cases) {
      const copy = JSON.parse(run.stdout);
      edit(copy);
      const file = join(dir, `${name}.json`);
      writeFileSync(file, JSON.stringify(copy));
      oneLine(await sharecastAsync(["show", file]), message);
    }
    writeFileSync(join(dir, "ok.json"), JSON.stringify(doc));
    expect((await sharecastAsync(["show", join(dir, "ok.json")])).status).toBe(0);
  });
});

describe("flags that would be ignored", () => {
  it.concurrent("--scale without png, --static without html, --sobol-n without a Sobol analysis, an empty --cache: exit 2 naming the flag", async () => {
    const dir = mkdtempSync(join(tmpdir(), "sharecast-unused-"));
    oneLine(await sharecastAsync(["report", BASE, "--paths", "200", "--static", "--format", "svg", "--out", join(dir, "s.svg")]), "sharecast: --static: expected --format html with --static (a chart file is static already), got --format svg");
    oneLine(await sharecastAsync(["report", BASE, "--paths", "200", "--sobol-n", "32", "--out", join(dir, "r.html")]), "sharecast: --sobol-n: expected --sensitivity or a tornado or sobol --chart with it (nothing else runs a Sobol analysis), got neither");
    oneLine(await sharecastAsync(["report", BASE, "--paths", "200", "--scale", "3", "--out", join(dir, "r.html")]), "sharecast: --scale: expected --format png with --scale (pixels per SVG unit), got --format html");
    const run = await sharecastAsync(["run", BASE, "--paths", "100", "--format", "json", "--out", dir]);
    expect(run.status).toBe(0);
    oneLine(await sharecastAsync(["show", join(dir, "result.json"), "--format", "csv", "--scale", "3"]), "sharecast: --scale: expected --format png with --scale (pixels per SVG unit), got --format csv");
    oneLine(await sharecastAsync(["--cache", "", "run", BASE, "--paths", "100"]), "sharecast: --cache: expected a file or directory name, got an empty path");
    expect(readdirSync(dir).sort()).toEqual(["result.json", "summary.csv"]);
  });
});

describe("an output file named as another format", () => {
  it.concurrent("is refused before anything runs: a PNG into x.html, HTML into p.svg", async () => {
    const dir = mkdtempSync(join(tmpdir(), "sharecast-extension-"));
    oneLine(await sharecastAsync(["play", BASE, "--paths", "100", "--out", join(dir, "p.svg")]), /^sharecast: --out: expected a file name for html output, got ".*p\.svg", named as svg \(name it \.html\)$/m);
    oneLine(await sharecastAsync(["report", BASE, "--paths", "100", "--out", join(dir, "r.png")]), /^sharecast: --out: expected a file name for html output, got ".*r\.png", named as png \(give --format png, or another name\)$/m);
    const run = await sharecastAsync(["run", BASE, "--paths", "100", "--format", "json", "--out", dir]);
    expect(run.status).toBe(0);
    oneLine(await sharecastAsync(["show", join(dir, "result.json"), "--format", "png", "--out", join(dir, "x.html")]), /named as html \(give --format html, or another name\)/);
    expect(readdirSync(dir).sort()).toEqual(["result.json", "summary.csv"]);
  });
});

describe("small mistakes said plainly", () => {
  it.concurrent("help of no command, and empty quantile entries (one line each, no 'got  again')", async () => {
    oneLine(await sharecastAsync(["help", "bogus"]), /^sharecast: help: expected a command \(run, validate, .*\), got "bogus"\n$/);
    expect((await sharecastAsync(["help", "run"])).status).toBe(0);
    const empty = await sharecastAsync(["run", BASE, "--paths", "100", "--quantiles", ","]);
    expect(empty.status).toBe(2);
    expect(empty.stderr).toBe('sharecast: --quantiles[0]: expected a probability strictly between 0 and 1, got ""\nsharecast: --quantiles[1]: expected a probability strictly between 0 and 1, got ""\n');
  });
});
