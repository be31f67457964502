// Sensitivity charts in `sharecast report` and the backtest chart of `sharecast backtest`, as a user runs them:
// spawned, with exit codes, stderr and files.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { backtestChartData } from "../../src/report/charts/backtestChartData.ts";
import { runBacktest } from "../../src/backtest/backtest.ts";

const ROOT = join(import.meta.dirname, "..", "..");
const BIN = join(ROOT, "bin", "sharecast.js");
const SCENARIO = join(import.meta.dirname, "fixture.ts");
const SERIES = join(ROOT, "fixtures", "alibaba-cloud-revenue-quarterly.json");
const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
// Small analyses: 500 paths for the Spearman run, n = 64 Saltelli rows, 20 bootstrap resamples.
const SMALL = ["--paths", "500", "--seed", "7", "--sobol-n", "64", "--bootstrap", "20", "--no-progress"];
const dir = mkdtempSync(join(tmpdir(), "sharecast-sensitivity-report-"));

function sharecast(...args: string[]) {
  const run = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: "utf8", env: { ...process.env, CI: "1" } });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** Bars (vega's rect marks, drawn as `M x,y h W v H h -W Z`) with a nonzero width and height. */
function drawnBars(svg: string): number {
  const groups = svg.match(/<g class="mark-rect role-mark[\s\S]*?<\/g>/g) ?? [];
  const bars = groups.flatMap((g) => [...g.matchAll(/ d="M[-\d.e]+,[-\d.e]+h([-\d.e]+)v([-\d.e]+)/g)]);
  return bars.filter((m) => Math.abs(Number(m[1])) > 0 && Math.abs(Number(m[2])) > 0).length;
}

/** Paths with a drawn geometry (a line, curve or closed shape) inside the mark groups of one kind. */
function drawnPaths(svg: string, mark: "area" | "line"): number {
  const groups = svg.match(new RegExp(`<g class="mark-${mark} role-mark[\\s\\S]*?</g>`, "g")) ?? [];
  return groups.flatMap((g) => [...g.matchAll(/ d="([^"]+)"/g)]).filter((m) => /[LCZlcz]/.test(m[1])).length;
}

/** The inline SVG of one chart of a report, found by its selector. */
function figure(html: string, selector: string): string {
  const match = html.match(new RegExp(`<figure class="chart" data-chart="${selector}"><div class="chart-static">(<svg[\\s\\S]*?</svg>)</div>`));
  expect(match, selector).not.toBeNull();
  return match![1];
}

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("sharecast report --sensitivity", () => {
  it("adds a tornado, a Sobol chart and a ranked table of the analysed output", () => {
    const out = join(dir, "report.html");
    const run = sharecast("report", SCENARIO, "--out", out, "--sensitivity", "share:beta:2022", ...SMALL);
    expect(run.stderr).toBe(`sharecast: wrote ${out}\n`);
    expect(run.code).toBe(0);
    const html = readFileSync(out, "utf8");
    for (const kind of ["tornado", "sobol"]) {
      const svg = figure(html, `${kind}:share:beta:2022`);
      // Both uncertain inputs (the g0 of alpha and of beta): two tornado bars each (low and high side of the
      // base), two Sobol bars each (first-order and total).
      expect(drawnBars(svg), kind).toBe(4);
      expect(svg).toContain("providers.beta.model.g0");
      expect(svg).toContain("providers.alpha.model.g0");
    }
    const table = html.match(/<table class="sensitivity" data-output="share:beta:2022">[\s\S]*?<\/table>/)?.[0] ?? "";
    // Ranked by total Sobol index: beta's own growth moves beta's share most.
    const ranked = [...table.matchAll(/<td class="num">(\d+)<\/td><td><code>([^<]+)<\/code>/g)].map((m) => [m[1], m[2]]);
    expect(ranked).toEqual([
      ["1", "providers.beta.model.g0"],
      ["2", "providers.alpha.model.g0"],
    ]);
  });

  it("uses the same analysis as `sharecast sensitivity` with the same seed", () => {
    const json = sharecast("sensitivity", SCENARIO, "--output", "share:beta:2022", "--format", "json", "--paths", "500", "--seed", "7", "--sobol-n", "64", "--bootstrap", "20");
    expect(json.code).toBe(0);
    const analysis = JSON.parse(json.stdout) as { inputs: Array<{ parameter: string; sobolTotal: number }> };
    const html = readFileSync(join(dir, "report.html"), "utf8");
    for (const input of analysis.inputs) expect(html).toContain(`${input.sobolTotal.toFixed(3)} <span class="band">`);
  });

  it("writes a tornado chart as SVG and a Sobol chart as PNG", () => {
    const svg = join(dir, "tornado.svg");
    const a = sharecast("report", SCENARIO, "--format", "svg", "--chart", "tornado:share:beta:2022", "--out", svg, ...SMALL);
    expect(a.code, a.stderr).toBe(0);
    const text = readFileSync(svg, "utf8");
    expect(text).toMatch(/^<svg [\s\S]*Tornado: what moves share:beta:2022/);
    expect(drawnBars(text)).toBe(4);
    const png = join(dir, "tornado.png");
    expect(sharecast("report", SCENARIO, "--format", "png", "--chart", "tornado:share:beta:2022", "--out", png, ...SMALL).code).toBe(0);
    expect(readFileSync(png).subarray(0, 8)).toEqual(PNG_MAGIC);
    const sobol = join(dir, "sobol.png");
    expect(sharecast("report", SCENARIO, "--format", "png", "--chart", "sobol:revenue:alpha:2021Q4", "--out", sobol, ...SMALL).code).toBe(0);
    const bytes = readFileSync(sobol);
    expect(bytes.subarray(0, 8)).toEqual(PNG_MAGIC);
    expect(bytes.readUInt32BE(16)).toBeGreaterThan(1000); // IHDR width at the 2x scale
  });

  it("rejects bad selectors and outputs with exit code 2, naming the option, and writes nothing", () => {
    const cases: Array<[string[], RegExp]> = [
      [["--format", "svg", "--chart", "tornado:share:zeta:2022"], /^sharecast: --chart: expected a provider of the scenario \(alpha, beta, others\), got "zeta"/],
      [["--format", "svg", "--chart", "tornado:share:beta"], /^sharecast: --chart: expected tornado:METRIC:PROVIDER:PERIOD\[:SEGMENT\]/],
      [["--format", "png", "--chart", "sobol:profit:beta:2022"], /^sharecast: --chart: expected sobol:METRIC:PROVIDER:PERIOD/],
      [["--format", "png", "--chart", "tornado:share:beta:1999"], /^sharecast: --chart: unknown period "1999"/],
      [["--sensitivity", "share:beta:1999"], /^sharecast: --sensitivity: unknown period "1999"/],
      [["--sensitivity", "beta"], /^sharecast: --sensitivity: expected METRIC:PROVIDER:PERIOD/],
      [["--format", "svg", "--sensitivity", "share:beta:2022"], /^sharecast: --sensitivity: expected --format html/],
    ];
    for (const [args, message] of cases) {
      const out = join(dir, "bad.out");
      const run = sharecast("report", SCENARIO, "--out", out, ...SMALL, ...args);
      expect(run.code, args.join(" ")).toBe(2);
      expect(run.stderr, args.join(" ")).toMatch(message);
      expect(existsSync(out)).toBe(false);
    }
  });
});

describe("sharecast backtest --chart", () => {
  const args = ["backtest", "--series", SERIES, "--origins", "2017Q4,2018Q2", "--paths", "300", "--format", "json"];

  it("draws the model's bands and median against the actuals, one series per origin", () => {
    const out = join(dir, "nested", "backtest.svg");
    const run = sharecast(...args, "--chart", out);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toBe(`sharecast: wrote ${out}\n`);
    const result = JSON.parse(run.stdout);
    expect(result.meta.origins).toEqual(["2017Q4", "2018Q2"]);
    const svg = readFileSync(out, "utf8");
    expect(svg).toContain("Backtest of alibaba revenue: logistic fitted at 2 origins, against actuals");
    expect(svg).toContain("as of 2017Q4");
    expect(svg).toContain("as of 2018Q2");
    // Outer and inner band per origin, and a median line per origin.
    expect(drawnPaths(svg, "area")).toBe(4);
    expect(drawnPaths(svg, "line")).toBe(2);
    const actuals = result.targets.filter((t: { method: string }) => t.method === "model").length;
    expect([...svg.matchAll(/aria-roledescription="point"/g)]).toHaveLength(actuals);
  });

  it("writes a PNG, and rejects another extension with exit code 2 and no file", () => {
    const png = join(dir, "backtest.png");
    expect(sharecast(...args, "--chart", png).code).toBe(0);
    expect(readFileSync(png).subarray(0, 8)).toEqual(PNG_MAGIC);
    const gif = join(dir, "backtest.gif");
    const bad = sharecast(...args, "--chart", gif);
    expect(bad.code).toBe(2);
    expect(bad.stdout).toBe("");
    expect(bad.stderr).toMatch(/^sharecast: --chart: expected a file ending in \.svg or \.png/);
    expect(existsSync(gif)).toBe(false);
  });

  it("adapts a result: medians, the outer and inner quantile bands, and the actuals of the model's targets", () => {
    const series = [
      { period: "2020Q1", value: 1 },
      { period: "2020Q2", value: 2.2 },
      { period: "2020Q3", value: 2.9 },
      { period: "2020Q4", value: 4.1 },
      { period: "2021Q1", value: 5 },
      { period: "2021Q2", value: 6.3 },
    ];
    const result = runBacktest(series, { name: "toy share", curve: "linear", origins: ["2020Q4"], horizon: 2, paths: 200, quantiles: [0.1, 0.25, 0.5, 0.75, 0.9] });
    const { series: drawn, options } = backtestChartData(result);
    expect(options.bandLabel).toBe("p10–p90");
    expect(drawn).toHaveLength(1);
    expect(drawn[0]).toMatchObject({ provider: "as of 2020Q4", asOf: "2020-12-31", metric: "revenue" });
    const model = result.targets.filter((t) => t.method === "model");
    expect(drawn[0].points).toEqual(
      model.map((t) => ({ period: t.period, median: t.forecast, low: t.quantiles!.p10, high: t.quantiles!.p90, innerLow: t.quantiles!.p25, innerHigh: t.quantiles!.p75, actual: t.actual })),
    );
  });
});
