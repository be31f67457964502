// `sharecast report` as a user runs it: spawned, with exit codes, stderr and files.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const ROOT = join(import.meta.dirname, "..", "..");
const BIN = join(ROOT, "bin", "sharecast.js");
const SCENARIO = join(import.meta.dirname, "fixture.ts");
const dir = mkdtempSync(join(tmpdir(), "sharecast-report-"));

function sharecast(...args: string[]) {
  const run = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: "utf8", env: { ...process.env, CI: "1" } });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("sharecast report", () => {
  it("writes a self-contained HTML report and nothing on stdout", () => {
    const out = join(dir, "nested", "report.html");
    const run = sharecast("report", SCENARIO, "--out", out, "--paths", "300", "--seed", "5", "--no-progress");
    expect(run.stderr).toBe(`sharecast: wrote ${out}\n`);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe("");
    const html = readFileSync(out, "utf8");
    expect(html).toContain("<dd>5</dd>");
    expect(html).toContain("<dd>300</dd>");
    expect(html).toContain("Alpha Cloud");
    // Live charts: vega and vega-embed inline (no src, nothing fetched), a Vega spec per figure beside its SVG.
    expect(html).not.toMatch(/<script[^>]*\ssrc=/i);
    expect(html).toContain("vegaEmbed");
    const figures = html.match(/<figure class="chart"/g)!.length;
    expect(html.match(/<div class="chart-static"><svg /g)).toHaveLength(figures);
    expect(html.match(/<script type="application\/json" class="chart-spec">/g)).toHaveLength(figures);
    expect(readdirSync(join(dir, "nested"))).toEqual(["report.html"]);
  });

  it("writes a report with no script at all under --static", () => {
    const out = join(dir, "static.html");
    const run = sharecast("report", SCENARIO, "--out", out, "--paths", "300", "--seed", "5", "--no-progress", "--static");
    expect(run.code, run.stderr).toBe(0);
    const html = readFileSync(out, "utf8");
    expect(html).not.toMatch(/<script/i);
    expect(html).toMatch(/<figure class="chart" data-chart="fan"><div class="chart-static"><svg /);
  });

  it("writes one chart as PNG or SVG", () => {
    const png = join(dir, "fan.png");
    expect(sharecast("report", SCENARIO, "--format", "png", "--chart", "fan:alpha+beta:share", "--out", png, "--paths", "300", "--no-progress").code).toBe(0);
    const bytes = readFileSync(png);
    expect(bytes.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    // Width from the IHDR chunk: the 2x scale of an SVG several hundred units wide.
    expect(bytes.readUInt32BE(16)).toBeGreaterThan(1000);
    const svg = join(dir, "hist.svg");
    expect(sharecast("report", SCENARIO, "--format", "svg", "--chart", "histogram:beta:2022", "--out", svg, "--paths", "300", "--no-progress").code).toBe(0);
    expect(readFileSync(svg, "utf8")).toMatch(/^<svg [\s\S]*Beta Cloud: share in 2022/);
  });

  it("rejects bad arguments with exit code 2, a message naming the option, and no file", () => {
    const cases: Array<[string[], RegExp]> = [
      [["--format", "png", "--chart", "pie"], /^sharecast: --chart: expected one of: fan/],
      [["--format", "gif"], /^sharecast: --format: expected one of html, svg, png, got "gif"/],
      [["--chart", "stacked"], /^sharecast: --chart: expected --format svg or png with --chart/],
    ];
    for (const [args, message] of cases) {
      const out = join(dir, "bad.out");
      const run = sharecast("report", SCENARIO, "--out", out, "--no-progress", ...args);
      expect(run.code, args.join(" ")).toBe(2);
      expect(run.stderr).toMatch(message);
      expect(existsSync(out)).toBe(false);
    }
    const missing = sharecast("report", join(dir, "missing.ts"), "--out", join(dir, "x.html"));
    expect(missing.code).toBe(2);
    expect(existsSync(join(dir, "x.html"))).toBe(false);
  });
});

describe("sharecast play", () => {
  it("writes one self-contained page with the engine, the scenario and its sliders", () => {
    const out = join(dir, "play.html");
    const run = sharecast("play", SCENARIO, "--out", out, "--paths", "500", "--seed", "9", "--workers", "2");
    expect(run.stderr).toBe(`sharecast: wrote ${out} (3 sliders, 500 paths per run)\n`);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe("");
    const html = readFileSync(out, "utf8");
    // Nothing to fetch (the browser test checks the page makes no request at all).
    expect(html).not.toMatch(/<script[^>]*\ssrc=|<link\b/i);
    const data = JSON.parse(html.match(/<script type="application\/json" id="play-data">([^<]*)<\/script>/)![1]) as {
      controls: Array<{ kind: string; path: string }>;
      settings: { paths: number; seed: number };
      scenario: { simulation: { paths: number; seed: number } };
    };
    expect(data.settings).toEqual({ paths: 500, seed: 9 });
    expect(data.scenario.simulation).toMatchObject({ paths: 500, seed: 9 });
    // Both uncertain growths (ranked by their swing on beta's 2022 share), then the event's threshold.
    expect(data.controls.map((c) => `${c.kind} ${c.path}`).sort()).toEqual(["set events.beta-30.value", "shift providers.alpha.model.g0", "shift providers.beta.model.g0"]);
    expect(html).toMatch(/<script type="text\/plain" id="play-engine">var sharecast=/);
  });

  it("gives a scenario without uncertain parameters only its thresholds, and a calendar without a complete year its last quarter", () => {
    const file = join(dir, "constants.yaml");
    writeFileSync(file, 'name: constants\ncalendar: { start: "2020Q2", end: "2021Q1" }\nproviders:\n  - { id: a, model: { kind: constantGrowth, start: 1, growth: 0.2 } }\n  - { id: b, model: { kind: constantGrowth, start: 0.5, growth: 0.4 } }\nevents:\n  - { id: b-half, kind: firstPassage, metric: share, provider: b, op: ">=", value: 0.5, by: "2021Q1" }\n');
    const out = join(dir, "constants.html");
    const run = sharecast("play", file, "--out", out);
    expect(run.stderr).toBe(`sharecast: wrote ${out} (1 sliders, 2000 paths per run)\n`);
    expect(readFileSync(out, "utf8")).toContain("The scenario has no uncertain parameters");
  });

  it("rejects bad arguments with exit code 2, a message naming the option, and no file", () => {
    const cases: Array<[string[], string]> = [
      [["--output", "share:nobody:2022"], "sharecast: --output: expected a provider of the scenario (alpha, beta, others), got \"nobody\"\n"],
      [["--parameters", "0"], 'sharecast: --parameters: expected a whole number from 1 to 50, got "0"\n'],
      [["--workers", "0"], 'sharecast: --workers: expected a whole number from 1 to 1024, got "0"\n'],
    ];
    for (const [args, message] of cases) {
      const out = join(dir, "bad-play.html");
      const run = sharecast("play", SCENARIO, "--out", out, ...args);
      expect(run.code, args.join(" ")).toBe(2);
      expect(run.stderr).toBe(message);
      expect(existsSync(out)).toBe(false);
    }
  });
});
