// `sharecast sweep --chart FILE` as a user runs it: the chart is written beside the printed sweep; a bad
// chart path exits 2 naming --chart, before any run, leaving no file, no temporary and no directory.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const ROOT = join(import.meta.dirname, "..", "..");
const SCENARIO = join(ROOT, "tests", "report", "fixture.ts");
const dir = mkdtempSync(join(tmpdir(), "sharecast-sweep-chart-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function sweep(...extra: string[]) {
  const args = ["sweep", SCENARIO, "--vary", "providers.beta.model.gInf=0.1,0.2,0.3", "--output", "share:beta:2022", "--paths", "400", "--format", "json", ...extra];
  const r = spawnSync(process.execPath, [join(ROOT, "bin", "sharecast.js"), ...args], { cwd: dir, encoding: "utf8" });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("sharecast sweep --chart", () => {
  it("writes the chart as SVG or PNG and prints the same sweep as without it", () => {
    const plain = sweep();
    expect(plain.code).toBe(0);
    const svg = sweep("--chart", join(dir, "out", "sweep.svg"));
    expect(svg.code, svg.stderr).toBe(0);
    expect(svg.stdout).toBe(plain.stdout);
    expect(svg.stderr).toBe(`sharecast: wrote ${join(dir, "out", "sweep.svg")}\n`);
    const text = readFileSync(join(dir, "out", "sweep.svg"), "utf8");
    expect(text).toMatch(/^<svg [\s\S]*<\/svg>$/);
    const cells = JSON.parse(plain.stdout).cells.filter((c: { output: string }) => c.output === "share:beta:2022");
    // The last step's label, to the digits it prints, from the printed sweep's numbers.
    const [, printed, se] = />0\.2 → 0\.3: \+([\d.]+) \(se ([\d.]+)\)</.exec(text)!;
    const unit = 10 ** -printed.split(".")[1].length;
    expect(Math.abs(Number(printed) - cells[2].stepDifference * 100)).toBeLessThanOrEqual(unit / 2 + 1e-12);
    expect(Math.abs(Number(se) - cells[2].stepDifferenceSe * 100)).toBeLessThanOrEqual(unit / 2 + 1e-12);
    const png = sweep("--chart", join(dir, "sweep.PNG"));
    expect(png.code, png.stderr).toBe(0);
    expect([...readFileSync(join(dir, "sweep.PNG")).subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  });

  const before = () => readdirSync(dir).sort();

  it.each([
    ["an extension other than .svg or .png", "sweep.pdf", /^sharecast: --chart: expected a file ending in \.svg or \.png, got ".*sweep\.pdf"\n$/],
    ["a directory", "a-directory.svg", /--chart .*a-directory\.svg: is a directory, expected a file/],
    ["a path under a regular file", join("a-file", "x", "sweep.svg"), /--chart .*a-file\/x\/sweep\.svg: .*not a directory/],
  ])("rejects %s with exit 2, no output and nothing written", (_what, name, message) => {
    mkdirSync(join(dir, "a-directory.svg"), { recursive: true });
    writeFileSync(join(dir, "a-file"), "x");
    const files = before();
    const r = sweep("--chart", join(dir, name));
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(before()).toEqual(files);
    expect(readdirSync(join(dir, "a-directory.svg"))).toEqual([]);
  });

  it("leaves no chart, temporary or created directory when the sweep itself fails", () => {
    const files = before();
    const r = sweep("--chart", join(dir, "new", "deeper", "sweep.svg"), "--output", "share:nobody:2022");
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/--output/);
    expect(existsSync(join(dir, "new"))).toBe(false);
    expect(before()).toEqual(files);
  });
});
