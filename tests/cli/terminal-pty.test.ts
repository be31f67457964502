// Issue 16's done-when, as a terminal shows it: `sharecast run` in a pseudo-terminal of 80 x 24 (util-linux
// `script`; no COLUMNS in the environment, so the width comes from the terminal itself) prints no line over 80
// columns, whatever it writes on stdout and stderr (progress included), and the same table a pipe gets at
// COLUMNS=80. A 100-column terminal gets a wider layout, so the width really is read from the terminal.
import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { ROOT } from "./helpers.ts";

const SCRIPT = spawnSync("script", ["--version"], { encoding: "utf8" });
const missing = SCRIPT.status !== 0 && !process.env.CI;
if (missing) console.warn("tests/cli/terminal-pty.test.ts: SKIPPED, no util-linux `script` (in CI this fails instead)");

/** What a terminal of `columns` x 24 receives from `sharecast ARGS`: stdout and stderr as one byte stream. */
function inTerminal(columns: number, args: string): { status: number | null; text: string } {
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.COLUMNS;
  delete env.LINES;
  const command = `stty cols ${columns} rows 24; exec node bin/sharecast.js ${args}`;
  const out = spawnSync("script", ["-qec", command, "/dev/null"], { cwd: ROOT, env, encoding: "utf8", timeout: 120_000 });
  return { status: out.status, text: out.stdout };
}

/** The lines as the terminal shows them: escape sequences removed, split at carriage returns and newlines. */
function visibleLines(text: string): string[] {
  return text.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, "").split(/\r\n|\r|\n/);
}

describe.skipIf(missing)("sharecast run in a terminal", () => {
  it("80 x 24: no line over 80 columns, and the table a pipe gets at COLUMNS=80", () => {
    const shown = inTerminal(80, "run");
    expect(shown.status, shown.text).toBe(0);
    const lines = visibleLines(shown.text);
    const over = lines.filter((line) => line.length > 80);
    expect(over).toEqual([]);
    const piped = spawnSync(process.execPath, ["bin/sharecast.js", "run", "--no-progress"], { cwd: ROOT, env: { ...process.env, COLUMNS: "80" }, encoding: "utf8" });
    expect(piped.status).toBe(0);
    // The terminal's text is the pipe's with CRLF line ends (and possibly progress lines, which end in \r).
    expect(shown.text.replace(/\r\n/g, "\n")).toContain(piped.stdout.slice(piped.stdout.indexOf("\nperiod ")));
    expect(lines).toContain("period  provider  share p50        p05-p95  rev p50 (USD bn/yr)        p05-p95");
  });

  it("100 columns: a wider layout, still within the terminal", () => {
    const shown = inTerminal(100, "run --paths 2000");
    expect(shown.status, shown.text).toBe(0);
    const widths = visibleLines(shown.text).map((line) => line.length);
    expect(Math.max(...widths)).toBeLessThanOrEqual(100);
    expect(Math.max(...widths)).toBeGreaterThan(80);
  });
});
