// Debian's chromium driven by playwright-core: where it is, whether it is there, and how the tests launch it.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { chromium, type Browser } from "playwright-core";

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
export const ARTIFACTS = join(import.meta.dirname, "..", "artifacts");
export const available = existsSync(CHROMIUM);

/** Fails in CI when chromium is missing; elsewhere warns that the browser tests are skipped. */
export function checkChromium(suite: string): void {
  if (!available && process.env.CI) throw new Error(`${suite}: chromium not found at ${CHROMIUM}; CI must install it (scripts/ci-system-deps.sh)`);
  if (!available) console.warn(`${suite}: SKIPPED, no chromium at ${CHROMIUM} (install the Debian package chromium; in CI this fails instead)`);
}

/** Headless chromium with nothing that reaches the network on its own. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
}
