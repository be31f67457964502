import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sharecastAsync, type Outcome } from "./helpers.ts";

/**
 * Every command that prints text, run as a user runs it at COLUMNS=80: no line over 80 characters, no word
 * broken where it would fit on a line (a line may end only at a space or after a `+`, `,` or `(`), and, where
 * the command has --wide, every number of the whole output still printed.
 */

function run(args: readonly string[], columns: number): Promise<Outcome> {
  return sharecastAsync(args, { env: { ...process.env, COLUMNS: String(columns) } });
}

const widest = (text: string): number => Math.max(0, ...text.split("\n").map((line) => line.length));

/**
 * The pieces a line may end after: words split at spaces, then after each `+`, `,` or `(` that is not a
 * word's first character; rules of dashes left out (their length follows the column).
 */
function atoms(text: string): Set<string> {
  const out = new Set<string>();
  for (const word of text.split(/\s+/)) {
    if (word === "" || /^-+$/.test(word)) continue;
    for (const piece of word.match(/.[^+,(]*(?:[+,(]|$)/g) ?? []) out.add(piece);
  }
  return out;
}

/** Every number printed (with its sign, decimals, exponent and percent sign), counted. */
function numbers(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const token of text.match(/-?\d+(?:\.\d+)?(?:e[-+]?\d+)?%?/g) ?? []) counts.set(token, (counts.get(token) ?? 0) + 1);
  return counts;
}

const dir = mkdtempSync(join(tmpdir(), "sharecast-fit-"));
const RESULT = join(dir, "result.json");
const A = "tests/uncertainty/fixtures/growth-a.yaml";
const B = "tests/uncertainty/fixtures/growth-b.yaml";

interface Case {
  args: string[];
  /** Has --wide (else the whole output is the one at a very wide COLUMNS). */
  wide: boolean;
  /** Words the fitted output may use that the whole one does not (abbreviated headers). */
  abbreviations?: string[];
}

const CASES: Record<string, Case> = {
  run: { args: ["run", "--no-progress"], wide: true, abbreviations: ["rev", "bn/yr)"] },
  "backtest (scenario)": { args: ["backtest", "scenarios/alibaba-cloud-revenue.ts", "--rolling", "--paths", "300"], wide: true },
  "backtest (series)": { args: ["backtest", "--series", "fixtures/alibaba-cloud-revenue-quarterly.json", "--paths", "300"], wide: true },
  sweep: { args: ["sweep", "tests/cli/fixtures/small.yaml", "--vary", "providers.beta.model.g0=0.2,0.4,0.6", "--paths", "300"], wide: true },
  compare: { args: ["compare", A, B, "--paths", "300"], wide: true },
  solve: {
    args: ["solve", "scenarios/aws-alicloud-china.ts", "--vary", "providers.aws.model.attraction.start", "--range", "0.086,0.5", "--target", "median(share:aws:2025)=0.1", "--paths", "300"],
    wide: true,
  },
  sensitivity: { args: ["sensitivity", "scenarios/deutsche-bank-2020.ts", "--output", "share:tencent:2020", "--paths", "300", "--sobol-n", "32", "--bootstrap", "20"], wide: true },
  attribute: { args: ["attribute", A, B, "--output", "share:beta:2022", "--paths", "300"], wide: true },
  calibrate: { args: ["calibrate", "scenarios/alibaba-cloud-revenue.ts", "--paths", "200", "--grid", "1,1.5", "--lifts", "0,0.1"], wide: true },
  explain: { args: ["explain", "scenarios/deutsche-bank-2020.ts"], wide: false },
  show: { args: ["show", RESULT], wide: true, abbreviations: ["rev", "bn/yr)"] },
  fit: { args: ["fit", "tests/cli/fixtures/logistic.csv", "--curve", "logistic"], wide: false },
  validate: { args: ["validate", "scenarios/deutsche-bank-2020.ts"], wide: false },
};

const fitted: Record<string, Outcome> = {};
const whole: Record<string, Outcome> = {};

beforeAll(async () => {
  const saved = await run(["run", "--no-progress", "--paths", "500", "--format", "json"], 80);
  if (saved.status !== 0) throw new Error(saved.stderr);
  writeFileSync(RESULT, saved.stdout);
  const names = Object.keys(CASES);
  const outcomes = await Promise.all(
    names.flatMap((name) => {
      const { args, wide } = CASES[name];
      return [run(args, 80), wide ? run([...args, "--wide"], 80) : run(args, 100_000)];
    }),
  );
  names.forEach((name, i) => {
    fitted[name] = outcomes[2 * i];
    whole[name] = outcomes[2 * i + 1];
  });
}, 240_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("every command's text output at COLUMNS=80", () => {
  it.each(Object.keys(CASES))("%s: no line over 80 characters, no word broken that fits a line", (name) => {
    const [small, big] = [fitted[name], whole[name]];
    expect(small.status, small.stderr).toBe(0);
    expect(big.status, big.stderr).toBe(0);
    expect(small.stdout.length).toBeGreaterThan(0);
    expect(small.stdout.split("\n").filter((line) => line.length > 80)).toEqual([]);
    // A piece of the fitted output that the whole one lacks is a word cut in the middle.
    const allowed = atoms(big.stdout);
    for (const word of CASES[name].abbreviations ?? []) allowed.add(word);
    expect([...atoms(small.stdout)].filter((piece) => !allowed.has(piece))).toEqual([]);
  });

  it.each(Object.keys(CASES).filter((name) => CASES[name].wide))("%s: --wide prints every number the fitted output does, as often", (name) => {
    const a = numbers(fitted[name].stdout);
    const b = numbers(whole[name].stdout);
    expect([...a.keys()].sort()).toEqual([...b.keys()].sort());
    expect([...b].filter(([token, count]) => (a.get(token) ?? 0) < count)).toEqual([]);
  });

  it("the tables that were wider than 80 are, with --wide, still printed whole", () => {
    for (const name of ["run", "backtest (scenario)", "backtest (series)", "solve", "attribute"]) expect(widest(whole[name].stdout), name).toBeGreaterThan(80);
  });

  it("an event condition breaks at a space, or after a + only where the word is wider than the column", () => {
    const lines = fitted.run.stdout.split("\n");
    expect(lines.some((line) => line.endsWith("  share(alibaba+tencent, 2020)"))).toBe(true);
    expect(lines.some((line) => line.endsWith("  revenue(tencent) >"))).toBe(true);
    expect(fitted.run.stdout).not.toMatch(/te\n\s+ncent/);
  });
});
