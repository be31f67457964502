// `sharecast show FILE.json`: a saved result prints and draws as the run that saved it did, without
// simulating; a file that is not a result is refused with exit 2, naming the field, and nothing written.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sharecast } from "./helpers.ts";

const dir = mkdtempSync(join(tmpdir(), "sharecast-show-"));
const out = join(dir, "run");
let table = "";
beforeAll(() => {
  const run = sharecast(["run", "--paths", "1500", "--seed", "3", "--out", out, "--no-progress"]);
  expect(run.status).toBe(0);
  table = run.stdout;
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("sharecast show", () => {
  it("prints the table, JSON and CSV of the run that saved the result, byte for byte", () => {
    const file = join(out, "result.json");
    expect(sharecast(["show", file])).toMatchObject({ status: 0, stdout: table, stderr: "" });
    expect(sharecast(["show", file, "--format", "json"]).stdout).toBe(readFileSync(file, "utf8"));
    expect(sharecast(["show", file, "--format", "csv"]).stdout).toBe(readFileSync(join(out, "summary.csv"), "utf8"));
  });

  it("reads what run --format json printed, and gives it back unchanged", () => {
    const printed = sharecast(["run", "--paths", "1100", "--format", "json", "--no-progress"]).stdout;
    writeFileSync(join(dir, "printed.json"), printed);
    expect(sharecast(["show", join(dir, "printed.json"), "--format", "json"]).stdout).toBe(printed);
  });

  it("writes the HTML report and a fan chart from the saved result", () => {
    const html = join(dir, "report.html");
    const shown = sharecast(["show", join(out, "result.json"), "--format", "html", "--out", html]);
    expect(shown.status).toBe(0);
    const text = readFileSync(html, "utf8");
    expect(text).toContain("<svg");
    expect(text).toContain(JSON.parse(readFileSync(join(out, "result.json"), "utf8")).meta.scenarioHash);
    const svg = join(dir, "fan.svg");
    expect(sharecast(["show", join(out, "result.json"), "--format", "svg", "--out", svg]).status).toBe(0);
    expect(readFileSync(svg, "utf8")).toMatch(/^<svg/);
  });

  it("refuses a file that is not a result: exit 2, the field named, no output", () => {
    writeFileSync(join(dir, "bad.json"), JSON.stringify({ meta: { scenario: "x", scenarioHash: "h", seed: -1, paths: 10, rng: "r", version: "v", chunkSize: 1024, quantiles: [0.5] }, rows: [{ period: "2020" }], events: [], benchmarks: [] }));
    const bad = sharecast(["show", join(dir, "bad.json")]);
    expect(bad.status).toBe(2);
    expect(bad.stdout).toBe("");
    expect(bad.stderr).toContain("meta.seed: expected a whole number >= 0, got -1");
    expect(bad.stderr).toContain("rows[0].segment: expected a string, got nothing");
    expect(bad.stderr).not.toMatch(/\n\s+at /);
    writeFileSync(join(dir, "broken.json"), "{ \"meta\": ");
    expect(sharecast(["show", join(dir, "broken.json")])).toMatchObject({ status: 2, stdout: "" });
    expect(sharecast(["show", join(dir, "missing.json")]).stderr).toContain("cannot read the file");
    const html = join(dir, "never.html");
    expect(sharecast(["show", join(dir, "bad.json"), "--format", "html", "--out", html]).status).toBe(2);
    expect(existsSync(html)).toBe(false);
  });

  it("refuses events, benchmarks and rows without the fields the tables read, and shows a share row whose revenue row was removed", () => {
    const doc = JSON.parse(readFileSync(join(out, "result.json"), "utf8"));
    const edited = structuredClone(doc);
    edited.events[0] = { id: "constructor", probability: 2 };
    edited.benchmarks[0] = { ...edited.benchmarks[0], median: "x" };
    delete edited.rows[1].p50;
    writeFileSync(join(dir, "thin.json"), JSON.stringify(edited));
    const thin = sharecast(["show", join(dir, "thin.json")]);
    expect(thin.status).toBe(2);
    expect(thin.stdout).toBe("");
    expect(thin.stderr).toContain("events[0].probability: expected a number from 0 to 1, got 2");
    expect(thin.stderr).toContain("benchmarks[0].median: expected a finite number, got \"x\"");
    expect(thin.stderr).toContain("rows[1].p50: expected a finite number, got nothing");
    expect(thin.stderr).not.toMatch(/\n\s+at |internal error/);
    // A share row's revenue row gone (it was an internal error): its revenue cells are "-".
    const share = doc.rows.findIndex((r: { metric: string; segment: string; period: string }) => r.metric === "share" && r.segment === "total" && !r.period.includes("Q"));
    const { period, provider } = doc.rows[share];
    const lone = { ...doc, rows: doc.rows.filter((r: { metric: string; period: string; provider: string }) => !(r.metric === "revenue" && r.period === period && r.provider === provider)) };
    writeFileSync(join(dir, "lone.json"), JSON.stringify(lone));
    const shown = sharecast(["show", join(dir, "lone.json")]);
    expect(shown.status).toBe(0);
    expect(shown.stdout.split("\n").find((line) => line.startsWith(period) && line.includes(provider))).toMatch(/ - +- *$/);
  });

  it("asks for --out with html, svg and png, and refuses it with tables", () => {
    const file = join(out, "result.json");
    expect(sharecast(["show", file, "--format", "html"])).toMatchObject({ status: 2, stdout: "" });
    expect(sharecast(["show", file, "--format", "html"]).stderr).toContain("--out: expected an output file for --format html, got none");
    expect(sharecast(["show", file, "--out", join(dir, "t.txt")]).status).toBe(2);
    expect(sharecast(["show", file, "--chart", "fan:share"]).stderr).toContain("--chart: expected --format svg or png");
    const histogram = sharecast(["show", file, "--format", "svg", "--out", join(dir, "h.svg"), "--chart", "histogram:tencent:2020"]);
    expect(histogram).toMatchObject({ status: 2, stdout: "" });
    expect(histogram.stderr).toContain("a histogram needs the samples");
    expect(existsSync(join(dir, "h.svg"))).toBe(false);
  });
});
