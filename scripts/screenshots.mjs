// Rebuilds the two documentation screenshots from the current build, in Debian's headless chromium:
//   docs/images/playground.png        `sharecast play` of deutsche-bank-2020 (2,000 paths, seed 42) after moving
//                                     Tencent's growth (providers.tencent.model.g0) up by 0.06 with the keyboard;
//   docs/images/report-histogram.png  the live HTML report (4,000 paths, seed 42): the headline histogram, Tencent's
//                                     2020 share, with the tooltip of its tallest bar.
// Run after `npm run build` (the pages are written by bin/sharecast.js, which loads dist/):
//   node --import tsx scripts/screenshots.mjs [--out DIR]      (default DIR: docs/images)
// The browser is launched by the browser tests' own helper (tests/browser/chromium.ts); pages are opened from
// file:// and any request that is not a file, blob or data URL is refused and fails the run.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { CHROMIUM, available, launchChromium } from "../tests/browser/chromium.ts";

const ROOT = resolve(import.meta.dirname, "..");
const SEED = "42";
const PLAY_PATHS = "2000";
const REPORT_PATHS = "4000";
/** The picture sizes in the documentation (CSS pixels at a device scale of 1). */
const PLAY_SIZE = { width: 1280, height: 1040 };
const HISTOGRAM_SIZE = { width: 900, height: 385 };
const G0 = "providers.tencent.model.g0";
/** The shift of Tencent's growth, as in docs/workbench.md's example `0.86 (+0.06)`. */
const G0_SHIFT = 0.06;
const HISTOGRAM = 'figure[data-chart="histogram:tencent:2020:share"]';

/** The output folder: `--out DIR`, else docs/images. */
function outDir(argv) {
  const k = argv.indexOf("--out");
  if (k >= 0 && argv[k + 1] === undefined) throw new Error("--out needs a folder");
  return resolve(k >= 0 ? argv[k + 1] : join(ROOT, "docs", "images"));
}

/** Runs the built command line; its output goes to this process's stderr. */
function sharecast(args) {
  execFileSync(process.execPath, [join(ROOT, "bin", "sharecast.js"), ...args], { cwd: ROOT, stdio: ["ignore", "inherit", "inherit"] });
}

/** A page of the given viewport that refuses every request off the machine and records problems. */
async function openPage(browser, viewport, file) {
  const page = await browser.newPage({ viewport, deviceScaleFactor: 1 });
  const problems = [];
  await page.route("**/*", (route) => {
    const url = route.request().url();
    if (/^(file|blob|data):/.test(url)) return route.continue();
    problems.push(`request refused: ${url}`);
    return route.abort();
  });
  page.on("console", (m) => (m.type() === "error" || m.type() === "warning") && problems.push(`${m.type()}: ${m.text()}`));
  page.on("pageerror", (error) => problems.push(`pageerror: ${error.message}`));
  await page.goto(pathToFileURL(file).href, { waitUntil: "load" });
  return { page, problems };
}

function checkProblems(what, problems) {
  if (problems.length > 0) throw new Error(`${what}:\n${problems.join("\n")}`);
}

/** Waits until the playground has drawn a run finished after `runs` runs, with no run in flight. */
function settled(page, runs) {
  return page.waitForFunction(`Number(document.body.dataset.runs ?? 0) > ${runs} && document.body.dataset.state === "idle"`, null, { timeout: 60_000 });
}

/** The playground after moving Tencent's growth up, the top of the page at PLAY_SIZE. */
async function playground(browser, work, file) {
  const html = join(work, "play.html");
  sharecast(["play", "--out", html, "--paths", PLAY_PATHS, "--seed", SEED]);
  const { page, problems } = await openPage(browser, PLAY_SIZE, html);
  await settled(page, 0);
  const slider = page.locator(`input[data-path="${G0}"]`);
  const presses = Math.round(G0_SHIFT / Number(await slider.getAttribute("step")));
  await slider.focus();
  for (let k = 0; k < presses; k++) {
    const runs = Number(await page.getAttribute("body", "data-runs"));
    await page.keyboard.press("ArrowRight");
    await settled(page, runs);
  }
  await slider.blur();
  const shown = await page.evaluate(`(() => {
    const slider = document.querySelector('input[data-path="${G0}"]');
    const row = slider.closest(".control");
    const events = [...document.querySelectorAll("#play-events tr[data-event]")].map((row) => row.getAttribute("data-event") + " " + row.querySelectorAll("td.num")[0].textContent);
    return { label: row.querySelector("label").textContent + " " + row.querySelector("output").textContent, events };
  })()`);
  await page.screenshot({ path: file, clip: { x: 0, y: 0, ...PLAY_SIZE } });
  checkProblems("playground", problems);
  await page.close();
  return shown;
}

/** The live report's headline histogram with the tooltip of its tallest bar, HISTOGRAM_SIZE from its top left. */
async function histogram(browser, work, file) {
  const html = join(work, "report.html");
  sharecast(["report", "--out", html, "--paths", REPORT_PATHS, "--seed", SEED, "--no-progress"]);
  const { page, problems } = await openPage(browser, { width: 1280, height: 900 }, html);
  await page.waitForFunction(`document.body.dataset.charts === "live"`, null, { timeout: 60_000 });
  const figure = page.locator(HISTOGRAM);
  await figure.scrollIntoViewIfNeeded();
  const bars = figure.locator("g.mark-rect path");
  const boxes = await Promise.all((await bars.all()).map((bar) => bar.boundingBox()));
  const tallest = boxes.reduce((best, b, k) => (b && b.height > (boxes[best]?.height ?? 0) ? k : best), 0);
  await bars.nth(tallest).hover();
  const tooltip = page.locator("#vg-tooltip-element");
  await tooltip.waitFor({ state: "visible", timeout: 10_000 });
  const text = await tooltip.innerText();
  const box = await figure.locator("svg").boundingBox();
  await page.screenshot({ path: file, clip: { x: box.x, y: box.y, ...HISTOGRAM_SIZE } });
  checkProblems("report", problems);
  await page.close();
  return text.replace(/\s+/g, " ").trim();
}

async function main() {
  if (!available) throw new Error(`no chromium at ${CHROMIUM} (install Debian's chromium, or set CHROMIUM_PATH)`);
  if (!existsSync(join(ROOT, "dist", "cli", "sharecast.js"))) throw new Error("dist/ is missing: run `npm run build` first");
  const out = outDir(process.argv.slice(2));
  const work = await mkdtemp(join(tmpdir(), "sharecast-screenshots-"));
  const browser = await launchChromium();
  try {
    const playFile = join(out, "playground.png");
    const play = await playground(browser, work, playFile);
    console.log(`${playFile} (${(await stat(playFile)).size} bytes): ${play.label}`);
    for (const line of play.events) console.log(`  ${line}`);
    const histogramFile = join(out, "report-histogram.png");
    const tip = await histogram(browser, work, histogramFile);
    console.log(`${histogramFile} (${(await stat(histogramFile)).size} bytes): tooltip "${tip}"`);
  } finally {
    await browser.close();
    await rm(work, { recursive: true, force: true });
  }
}

await main();
