// The HTML report in a real browser: Debian's chromium driven by playwright-core, from a file:// URL.
import { existsSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import scenario from "../../scenarios/deutsche-bank-2020.ts";
import { reportHtml, runScenario, scenarioHistory } from "../../src/index.ts";
import { vegaScripts } from "../../src/cli/browserAssets.ts";
import { ARTIFACTS, available, checkChromium, launchChromium } from "./chromium.ts";
import { textCollisions } from "./overlap.ts";

checkChromium("tests/browser");

describe.skipIf(!available)("HTML report in headless Chromium", () => {
  let browser: Browser;
  let file: string;
  let liveFile: string;

  beforeAll(async () => {
    const result = runScenario(scenario, { paths: 2000, seed: 42 });
    const names = Object.fromEntries(scenario.providers.map((p) => [p.id, p.name ?? p.id]));
    await mkdir(ARTIFACTS, { recursive: true });
    file = join(ARTIFACTS, "report.html");
    await writeFile(file, await reportHtml(result, { names, history: scenarioHistory(scenario) }));
    liveFile = join(ARTIFACTS, "report-live.html");
    await writeFile(liveFile, await reportHtml(result, { names, history: scenarioHistory(scenario), vegaScripts: await vegaScripts(), sources: { sources: scenario.sources } }));
    browser = await launchChromium();
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

  it("lays out every static chart with no text over another text or a legend, and time axes that end at the data", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(pathToFileURL(file).href, { waitUntil: "load" });
    expect(await textCollisions(page, "figure.chart")).toEqual([]);
    // The headline histogram's forecast label reads leftwards of its rule, clear of the legend on the right.
    const histogram = 'figure[data-chart="histogram:tencent:2020:share"]';
    const label = await page.locator(`${histogram} text`, { hasText: "forecast db-tencent-2020" }).boundingBox();
    const legend = await page.locator(`${histogram} .role-legend`).boundingBox();
    expect(label!.x + label!.width).toBeLessThan(legend!.x);
    // Quarters end in 2025Q4: the last year tick of the fans is 2025, none at 2026.
    const years = await page.$$eval('figure[data-chart="fan"] .role-axis-label text', (texts) => texts.map((t) => t.textContent ?? ""));
    expect(years).toContain("2025");
    expect(years).not.toContain("2026");
    await page.close();
  });

  it("draws live charts with tooltips, a working table of contents, assumptions and print styles", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const problems: string[] = [];
    const requests: string[] = [];
    page.on("console", (m) => (m.type() === "error" || m.type() === "warning") && problems.push(`${m.type()}: ${m.text()}`));
    page.on("pageerror", (error) => problems.push(`pageerror: ${error.message}`));
    page.on("request", (request) => requests.push(request.url()));
    await page.goto(pathToFileURL(liveFile).href, { waitUntil: "load" });
    await page.waitForFunction(`document.body.dataset.charts === "live"`, null, { timeout: 60_000 });
    expect(problems).toEqual([]);
    expect(requests.filter((url) => !url.startsWith("file:"))).toEqual([]);

    // Every figure is drawn live (its static SVG removed), and its text is laid out without collisions.
    const figures = await page.$$eval("figure.chart", (all) => all.map((f) => ({ live: f.getAttribute("data-live"), svgs: f.querySelectorAll("svg").length, statics: f.querySelectorAll(".chart-static").length })));
    expect(figures.length).toBeGreaterThanOrEqual(9);
    for (const f of figures) expect(f).toEqual({ live: "true", svgs: 1, statics: 0 });
    expect(await textCollisions(page, "figure.chart")).toEqual([]);

    // Hovering the tallest bar of the headline histogram shows its tooltip: the bin and its paths.
    const bars = page.locator('figure[data-chart="histogram:tencent:2020:share"] g.mark-rect path');
    const boxes = await Promise.all((await bars.all()).map((bar) => bar.boundingBox()));
    const tallest = boxes.reduce((best, b, k) => (b && b.height > (boxes[best]?.height ?? 0) ? k : best), 0);
    await bars.nth(tallest).hover();
    const tooltip = page.locator("#vg-tooltip-element");
    await expect.poll(async () => ((await tooltip.isVisible()) ? await tooltip.textContent() : ""), { timeout: 10_000 }).toMatch(/from.*%.*to.*%.*paths\s*\d+/s);

    // Each contents link leads to an element of the page; the assumptions section lists the scenario's sources.
    const targets = await page.evaluate(`[...document.querySelectorAll("nav.toc a")].map((a) => a.getAttribute("href").slice(1)).filter((id) => !document.getElementById(id))`);
    expect(targets).toEqual([]);
    expect(await page.locator("nav.toc a").count()).toBeGreaterThanOrEqual(12);
    const sources = await page.$$eval("#assumptions ul.sources li", (items) => items.map((li) => li.textContent ?? ""));
    expect(sources).toEqual(scenario.sources);
    // ... after the table of the result's assumptions: Tencent's growth prior with its source.
    const rows = await page.$$eval("#assumptions table.assumptions tbody tr", (trs) => trs.map((tr) => [...tr.querySelectorAll("td")].map((td) => td.textContent ?? "")));
    const g0 = rows.find((cells) => cells[0] === "providers.tencent.model.g0");
    expect(g0?.[2]).toMatch(/\S/);

    // Print: figures and tables are not split, the contents end their page, the tooltip never prints.
    await page.emulateMedia({ media: "print" });
    const print = await page.evaluate(`({
      figure: getComputedStyle(document.querySelector("figure.chart")).breakInside,
      table: getComputedStyle(document.querySelector("table.events")).breakInside,
      toc: getComputedStyle(document.querySelector("nav.toc")).breakAfter,
    })`);
    expect(print).toEqual({ figure: "avoid", table: "avoid", toc: "page" });
    await page.emulateMedia({ media: "screen" });
    await page.screenshot({ path: join(ARTIFACTS, "report-live.png"), fullPage: true });
    await page.close();
  });
});
