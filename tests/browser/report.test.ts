// The HTML report in a real browser: Debian's chromium driven by playwright-core, from a file:// URL.
import { existsSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { chromium, type Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import scenario from "../../scenarios/deutsche-bank-2020.ts";
import { reportHtml, runScenario, scenarioHistory } from "../../src/index.ts";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const ARTIFACTS = join(import.meta.dirname, "..", "artifacts");
const available = existsSync(CHROMIUM);
if (!available && process.env.CI) throw new Error(`tests/browser: chromium not found at ${CHROMIUM}; CI must install it (scripts/ci-system-deps.sh)`);
if (!available) console.warn(`tests/browser: SKIPPED, no chromium at ${CHROMIUM} (install the Debian package chromium; in CI this fails instead)`);

describe.skipIf(!available)("HTML report in headless Chromium", () => {
  let browser: Browser;
  let file: string;

  beforeAll(async () => {
    const result = runScenario(scenario, { paths: 2000, seed: 42 });
    const names = Object.fromEntries(scenario.providers.map((p) => [p.id, p.name ?? p.id]));
    await mkdir(ARTIFACTS, { recursive: true });
    file = join(ARTIFACTS, "report.html");
    await writeFile(file, await reportHtml(result, { names, history: scenarioHistory(scenario) }));
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    });
  });

  afterAll(async () => {
    await browser?.close();
  });

  it("loads with no console errors, no network requests, and charts with drawn content", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const problems: string[] = [];
    const requests: string[] = [];
    page.on("console", (message) => {
      if (message.type() === "error" || message.type() === "warning") problems.push(`${message.type()}: ${message.text()}`);
    });
    page.on("pageerror", (error) => problems.push(`pageerror: ${error.message}`));
    page.on("request", (request) => requests.push(request.url()));
    await page.goto(pathToFileURL(file).href, { waitUntil: "load" });

    expect(problems).toEqual([]);
    expect(requests.filter((url) => !url.startsWith("file:"))).toEqual([]);
    await expect(page.title()).resolves.toBe("China cloud infrastructure shares in 2020, as of 31 December 2019");

    const charts = await page.$$eval("figure.chart", (figures) =>
      figures.map((figure) => {
        const svg = figure.querySelector("svg");
        const box = svg?.getBoundingClientRect();
        // Marks with a visible area: paths and rects inside the plotted groups.
        const drawn = [...(svg?.querySelectorAll("g.mark-area path, g.mark-line path, g.mark-rect path, g.mark-rule line, g.mark-symbol path") ?? [])].filter((el) => {
          const r = (el as unknown as { getBBox(): { width: number; height: number } }).getBBox();
          return r.width > 0 || r.height > 0;
        }).length;
        return { id: figure.getAttribute("data-chart"), width: box?.width ?? 0, height: box?.height ?? 0, drawn };
      }),
    );
    expect(charts.length).toBeGreaterThanOrEqual(9);
    for (const chart of charts) {
      expect(chart.width, chart.id ?? "").toBeGreaterThan(200);
      expect(chart.height, chart.id ?? "").toBeGreaterThan(100);
      expect(chart.drawn, chart.id ?? "").toBeGreaterThan(0);
    }
    expect(charts.map((c) => c.id)).toEqual(expect.arrayContaining(["stacked", "fan", "fan:tencent", "histogram:alibaba:2020:share"]));

    // The fan of Tencent draws both bands and a median line in each of its two panels.
    const fanMarks = await page.$$eval('figure[data-chart="fan:tencent"] g.mark-area path', (paths) => paths.length);
    expect(fanMarks).toBeGreaterThanOrEqual(4);
    const eventRows = await page.$$eval("table.events tbody tr", (rows) => rows.map((r) => r.textContent ?? ""));
    expect(eventRows.length).toBe(scenario.events?.length);
    expect(eventRows[0]).toMatch(/alibaba-at-most-40.*%.*± \d+\.\d\d%/);

    await page.screenshot({ path: join(ARTIFACTS, "report.png"), fullPage: true });
    expect(existsSync(join(ARTIFACTS, "report.png"))).toBe(true);
    await page.close();
  });
});
