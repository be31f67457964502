// The SVG `sharecast sweep --chart` writes, in headless Chromium: no text collides with another text or a
// legend symbol, and every text lies inside the drawing.
import { spawnSync } from "node:child_process";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ARTIFACTS, available, checkChromium, launchChromium } from "./chromium.ts";
import { textCollisions } from "./overlap.ts";

checkChromium("tests/browser/sweepChart");

const ROOT = join(import.meta.dirname, "..", "..");

describe.skipIf(!available)("sweep --chart in headless Chromium", () => {
  let browser: Browser;
  let page: string;
  let doc: { cells: Array<{ output: string; stepDifference: number }> };

  beforeAll(async () => {
    await mkdir(ARTIFACTS, { recursive: true });
    const svgFile = join(ARTIFACTS, "sweep-chart.svg");
    const args = ["sweep", "scenarios/gov-cloud-replication.ts", "--vary", "providers.tencent.model.services.capability.start=1,1.5,2,2.5"];
    args.push("--output", "share:tencent:2022,share:tencent:2025,share:tencent:2025:services", "--paths", "2000", "--format", "json", "--chart", svgFile);
    const run = spawnSync(process.execPath, [join(ROOT, "bin", "sharecast.js"), ...args], { cwd: ROOT, encoding: "utf8" });
    expect(run.status, run.stderr).toBe(0);
    doc = JSON.parse(run.stdout);
    page = join(ARTIFACTS, "sweep-chart.html");
    await writeFile(page, `<!doctype html><meta charset="utf-8"><body style="margin:0"><figure data-chart="sweep" style="margin:0">${await readFile(svgFile, "utf8")}</figure></body>`);
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
  });

  it("has no overlapping texts, every text inside the SVG, and a label per step", async () => {
    const tab = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    await tab.goto(pathToFileURL(page).href, { waitUntil: "load" });
    expect(await textCollisions(tab, "figure")).toEqual([]);
    const outside = await tab.$$eval("svg", ([svg]) => {
      const frame = svg.getBoundingClientRect();
      return [...svg.querySelectorAll("text")]
        .map((t) => ({ text: t.textContent ?? "", box: t.getBoundingClientRect() }))
        .filter(({ box }) => box.left < frame.left - 0.5 || box.right > frame.right + 0.5 || box.top < frame.top - 0.5 || box.bottom > frame.bottom + 0.5)
        .map(({ text }) => text);
    });
    expect(outside).toEqual([]);
    const texts = await tab.$$eval("svg text", (all) => all.map((t) => t.textContent ?? ""));
    const steps = doc.cells.filter((c) => !c.output.startsWith("prob(") && c.stepDifference !== 0);
    expect(steps).toHaveLength(9);
    // Each step's label shows its difference in share points, rounded to the digits it prints.
    const labels = texts.map((t) => /^[\d.]+ → [\d.]+: \+([\d.]+) \(se [\d.]+\)$/.exec(t)).filter((m) => m !== null);
    expect(labels).toHaveLength(steps.length);
    steps.forEach((s, k) => {
      const printed = labels[k][1];
      expect(Math.abs(Number(printed) - s.stepDifference * 100), printed).toBeLessThanOrEqual(0.5 * 10 ** -(printed.split(".")[1]?.length ?? 0) + 1e-12);
    });
    await tab.screenshot({ path: join(ARTIFACTS, "sweep-chart.png"), fullPage: true });
    await tab.close();
  });
});
