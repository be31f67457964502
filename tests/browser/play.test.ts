// The playground (`sharecast play`) in headless Chromium: slider moves rerun the engine in a Web Worker, and
// the numbers on the page equal `sharecast run` of the exported YAML, value for value.
import { mkdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { Browser, Page } from "playwright-core";
import { parse } from "yaml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sharecast } from "../cli/helpers.ts";
import type { ResultDocument } from "../../src/index.ts";
import { ARTIFACTS, available, checkChromium, launchChromium } from "./chromium.ts";

checkChromium("tests/browser/play");

interface PageNumbers {
  events: Record<string, number>;
  percentiles: Record<string, number>;
  medians: Record<string, number>;
  shares: Record<string, number>;
}

/** The unrounded numbers the page shows, read from its tables' data-value attributes. */
function readNumbers(page: Page): Promise<PageNumbers> {
  // A string, run in the page (the test project has no DOM types).
  return page.evaluate(`(() => {
    const value = (el) => Number(el?.getAttribute("data-value"));
    const out = { events: {}, percentiles: {}, medians: {}, shares: {} };
    for (const row of document.querySelectorAll("#play-events tr[data-event]")) out.events[row.getAttribute("data-event")] = value(row.querySelectorAll("td.num")[0]);
    for (const row of document.querySelectorAll("#play-benchmarks tr[data-benchmark]")) {
      const cells = row.querySelectorAll("td.num");
      out.percentiles[row.getAttribute("data-benchmark")] = value(cells[1]);
      out.medians[row.getAttribute("data-benchmark")] = value(cells[2]);
    }
    for (const row of document.querySelectorAll("#play-shares tr[data-provider]")) {
      for (const cell of row.querySelectorAll("td[data-period]")) out.shares[row.getAttribute("data-provider") + ":" + cell.getAttribute("data-period")] = value(cell);
    }
    return out;
  })()`) as Promise<PageNumbers>;
}

/** The same numbers from a `sharecast run --format json` document. */
function cliNumbers(doc: ResultDocument): PageNumbers {
  const out: PageNumbers = { events: {}, percentiles: {}, medians: {}, shares: {} };
  for (const e of doc.events) out.events[e.id] = e.probability;
  for (const b of doc.benchmarks) {
    out.percentiles[b.id] = b.percentile;
    out.medians[b.id] = b.median;
  }
  for (const r of doc.rows) if (r.metric === "share" && r.segment === "total" && !r.period.includes("Q")) out.shares[`${r.provider}:${r.period}`] = r.p50;
  return out;
}

function cliRun(args: string[]): ResultDocument {
  const run = sharecast(["run", ...args, "--paths", "2000", "--seed", "42", "--format", "json", "--no-progress"]);
  expect(run.stderr).toBe("");
  expect(run.status).toBe(0);
  return JSON.parse(run.stdout) as ResultDocument;
}

/**
 * Page and command line agree exactly: event probabilities, benchmark percentiles, medians and shares.
 * Chromium's V8 and Node's differ in the last bit of Math.exp, Math.log and Math.pow for about 1 argument
 * in 10; the library computes them itself (src/core/elementary.ts), so the bits are the same.
 */
function expectSameNumbers(page: PageNumbers, cli: PageNumbers): void {
  expect(page.events).toEqual(cli.events);
  expect(page.percentiles).toEqual(cli.percentiles);
  for (const group of ["medians", "shares"] as const) {
    expect(Object.keys(page[group]).sort()).toEqual(Object.keys(cli[group]).sort());
    for (const [key, value] of Object.entries(cli[group])) expect(page[group][key], `${group} ${key}`).toBe(value);
  }
}

/** Waits until the page has drawn a run finished after `runs` runs, with no run in flight. */
async function settled(page: Page, runs: number): Promise<void> {
  await page.waitForFunction(`Number(document.body.dataset.runs ?? 0) > ${runs} && document.body.dataset.state === "idle"`, null, { timeout: 60_000 });
}

describe.skipIf(!available)("sharecast play in headless Chromium", () => {
  let browser: Browser;
  let file: string;

  beforeAll(async () => {
    await mkdir(ARTIFACTS, { recursive: true });
    file = join(ARTIFACTS, "play.html");
    const play = sharecast(["play", "--out", file, "--paths", "2000", "--seed", "42"]);
    expect(play.status, play.stderr).toBe(0);
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
  });

  it("reruns in a worker as sliders move, and shows the CLI's numbers for the exported YAML", async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    const problems: string[] = [];
    const requests: string[] = [];
    page.on("console", (m) => (m.type() === "error" || m.type() === "warning") && problems.push(`${m.type()}: ${m.text()}`));
    page.on("pageerror", (error) => problems.push(`pageerror: ${error.message}`));
    page.on("request", (request) => requests.push(request.url()));
    await page.goto(pathToFileURL(file).href, { waitUntil: "load" });
    await settled(page, 0);

    // At rest: the scenario as written, the same numbers as the command line's run.
    const base = cliNumbers(cliRun([]));
    expectSameNumbers(await readNumbers(page), base);
    expect(Object.keys(base.events)).toHaveLength(7);

    // Move Tencent's growth up four steps and lower its threshold two steps, as a user would with the keys.
    const g0 = page.locator('input[data-path="providers.tencent.model.g0"]');
    const threshold = page.locator('input[data-path="events.tencent-at-least-27.value"]');
    const times: number[] = [];
    for (const [slider, key, presses] of [[g0, "ArrowRight", 4], [threshold, "ArrowLeft", 2]] as const) {
      await slider.focus();
      for (let k = 0; k < presses; k++) {
        const runs = Number(await page.getAttribute("body", "data-runs"));
        await page.keyboard.press(key);
        await settled(page, runs);
        times.push(Number(await page.getAttribute("#play-status", "data-simulate-ms")));
      }
    }
    const step = Number(await g0.getAttribute("step"));
    expect(Number(await g0.inputValue())).toBeCloseTo(0.8 + 4 * step, 12);
    expect(await threshold.inputValue()).toBe("0.26");
    const moved = await readNumbers(page);
    expect(moved.events["tencent-at-least-27"]).toBeGreaterThan(base.events["tencent-at-least-27"]);
    expect(moved.shares["tencent:2020"]).toBeGreaterThan(base.shares["tencent:2020"]);

    // Export, then run the exported file with the command line.
    const [download] = await Promise.all([page.waitForEvent("download"), page.click("#play-export")]);
    const exported = join(ARTIFACTS, "play-edited.yaml");
    await download.saveAs(exported);
    const yaml = await readFile(exported, "utf8");
    expect(yaml).toMatch(/^# deutsche-bank-2020, edited in sharecast play/);
    const scenario = parse(yaml) as { providers: Array<{ id: string; model: { g0: { low: number; high: number } } }>; events: Array<{ id: string; value?: number }> };
    const tencent = scenario.providers.find((p) => p.id === "tencent")!;
    expect(tencent.model.g0.low).toBeCloseTo(0.7 + 4 * step, 12);
    expect(tencent.model.g0.high).toBeCloseTo(0.9 + 4 * step, 12);
    expect(scenario.events.find((e) => e.id === "tencent-at-least-27")!.value).toBe(0.26);
    expectSameNumbers(moved, cliNumbers(cliRun([exported])));

    // The chart redrew: a live SVG fan with its bands.
    expect(await page.locator("#play-fan svg g.mark-area path").count()).toBeGreaterThanOrEqual(5);
    expect(problems).toEqual([]);
    expect(requests.filter((url) => !url.startsWith("file:") && !url.startsWith("blob:"))).toEqual([]);
    const sorted = [...times].sort((a, b) => a - b);
    console.log(`play: 2,000-path reruns in Chromium: median ${sorted[sorted.length >> 1].toFixed(0)} ms, range ${sorted[0].toFixed(0)}-${sorted[sorted.length - 1].toFixed(0)} ms over ${times.length} moves`);
    // A loose ceiling (the machine is shared): a rerun that took seconds would make the sliders useless.
    expect(sorted[sorted.length >> 1]).toBeLessThan(1000);
    await page.screenshot({ path: join(ARTIFACTS, "play.png"), fullPage: true });
    await page.close();
  });
});
