import { beforeAll, describe, expect, it } from "vitest";
import { terminalWidth } from "../../src/cli/terminalWidth.ts";
import { COMMANDS } from "../../src/cli/registry.ts";
import { textTable, wrapLines, wrapText } from "../../src/core/textTable.ts";
import { sharecastAsync, type Outcome } from "./helpers.ts";

/**
 * Output that fits the terminal: tables and help laid out to COLUMNS (the width of a pipe's reader), the
 * whole tables with --wide, and the same numbers in both. Processes run as a user runs them.
 */

function run(args: readonly string[], columns?: number): Promise<Outcome> {
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.COLUMNS;
  if (columns !== undefined) env.COLUMNS = String(columns);
  return sharecastAsync(args, { env });
}

const widest = (text: string): number => Math.max(0, ...text.split("\n").map((line) => line.length));

/** Every number printed (with its sign, decimals, exponent and percent sign), counted. */
function numbers(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const token of text.match(/-?\d+(?:\.\d+)?(?:e[-+]?\d+)?%?/g) ?? []) counts.set(token, (counts.get(token) ?? 0) + 1);
  return counts;
}

/** The numbers of `whole` each appear in `fitted` at least as often, and `fitted` has no other number. */
function expectSameNumbers(fitted: string, whole: string): void {
  const a = numbers(fitted);
  const b = numbers(whole);
  expect([...a.keys()].sort()).toEqual([...b.keys()].sort());
  const lost = [...b].filter(([token, count]) => (a.get(token) ?? 0) < count);
  expect(lost).toEqual([]);
}

const SMALL = "tests/cli/fixtures/small.yaml";
const SWEEP = [SMALL, "--vary", "providers.beta.model.g0=0.2,0.4,0.6", "--paths", "300"];
const SENSITIVITY = ["scenarios/deutsche-bank-2020.ts", "--output", "share:tencent:2020", "--paths", "300", "--sobol-n", "32", "--bootstrap", "20"];

const out: Record<string, Outcome> = {};

beforeAll(async () => {
  const jobs: Record<string, Promise<Outcome>> = {
    run80: run(["run", "--no-progress"], 80),
    runWide: run(["run", "--no-progress", "--wide"], 80),
    runPipe: run(["run", "--no-progress"]),
    runJson40: run(["run", "--no-progress", "--paths", "500", "--format", "json"], 40),
    runJson: run(["run", "--no-progress", "--paths", "500", "--format", "json"]),
    runCsv40: run(["run", "--no-progress", "--paths", "500", "--format", "csv"], 40),
    runCsv: run(["run", "--no-progress", "--paths", "500", "--format", "csv"]),
    sweep80: run(["sweep", ...SWEEP], 80),
    sweepWide: run(["sweep", ...SWEEP, "--wide"], 80),
    sensitivity80: run(["sensitivity", ...SENSITIVITY], 80),
    sensitivityWide: run(["sensitivity", ...SENSITIVITY, "--wide"], 80),
  };
  const done = await Promise.all(Object.values(jobs));
  Object.keys(jobs).forEach((key, i) => (out[key] = done[i]));
});

describe("tables fit the terminal", () => {
  it.each([
    ["run", "run80", "runWide"],
    ["sweep", "sweep80", "sweepWide"],
    ["sensitivity", "sensitivity80", "sensitivityWide"],
  ])("%s with COLUMNS=80 prints no line over 80 characters; --wide prints the whole table with the same numbers", (_, fitted, whole) => {
    expect(out[fitted].status, out[fitted].stderr).toBe(0);
    expect(out[whole].status, out[whole].stderr).toBe(0);
    expect(widest(out[fitted].stdout)).toBeLessThanOrEqual(80);
    expect(widest(out[whole].stdout)).toBeGreaterThan(80);
    expectSameNumbers(out[fitted].stdout, out[whole].stdout);
  });

  it("an 80 x 24 terminal shows the default run without wrapped lines; a pipe with no COLUMNS gets 80 too", () => {
    expect(out.runPipe.stdout).toBe(out.run80.stdout);
    expect(out.run80.stdout).toMatch(/^period  provider  share p50/m);
  });

  it("--wide prints the table the library prints with no width", () => {
    const header = out.runWide.stdout.split("\n").find((line) => line.startsWith("period"));
    expect(header).toMatch(/revenue p50 \(USD bn per year\)/);
    expect(out.runWide.stdout).toMatch(/^tencent-overtakes-alibaba .* revenue\(tencent\) > revenue\(alibaba\) in some quarter up to 2025Q4$/m);
  });

  it("JSON and CSV are the same bytes whatever the width", () => {
    expect(out.runJson40.status).toBe(0);
    expect(out.runJson40.stdout).toBe(out.runJson.stdout);
    expect(out.runCsv40.stdout).toBe(out.runCsv.stdout);
    expect(widest(out.runCsv40.stdout)).toBeGreaterThan(40);
  });
});

describe("help fits the terminal", () => {
  const names = ["", ...Object.keys(COMMANDS)];
  it.each([80, 60])("every command's help at COLUMNS=%i has no longer line", async (columns) => {
    const outcomes = await Promise.all(names.map((name) => run([...(name ? [name] : []), "--help"], columns)));
    outcomes.forEach((outcome, i) => {
      expect(outcome.status, names[i]).toBe(0);
      const long = outcome.stdout.split("\n").filter((line) => line.length > columns);
      expect(long, `${names[i] || "sharecast"} --help`).toEqual([]);
    });
    // every option's text is still there, only wrapped
    const report = outcomes[names.indexOf("report")].stdout.replace(/\s+/g, " ");
    expect(report).toContain("add a sensitivity analysis of this output to the HTML report (tornado, Sobol indices, ranked table)");
  });
});

describe("terminalWidth", () => {
  it("takes a terminal's columns, else COLUMNS, else 80", () => {
    expect(terminalWidth({ isTTY: true, columns: 132 }, { COLUMNS: "100" })).toBe(132);
    expect(terminalWidth({ isTTY: false, columns: 132 }, { COLUMNS: "100" })).toBe(100);
    expect(terminalWidth({}, { COLUMNS: " 72 " })).toBe(72);
    expect(terminalWidth({}, {})).toBe(80);
    expect(terminalWidth({}, { COLUMNS: "0" })).toBe(80);
    expect(terminalWidth({}, { COLUMNS: "wide" })).toBe(80);
    expect(terminalWidth({ isTTY: true, columns: 0 }, {})).toBe(80);
  });
});

describe("textTable", () => {
  const columns = [{ header: "id", key: true }, { header: "a", align: "right" as const }, { header: "b", align: "right" as const }, { header: "note", wrap: true }];
  const rows = [
    ["first", "1.25", "300", "a short note"],
    ["second", "-0.5", "4", "a longer note that wraps"],
  ];

  it("prints the table whole when it fits", () => {
    expect(textTable(columns, rows)).toBe(
      ["id         a    b  note", "------  ----  ---  ------------------------", "first   1.25  300  a short note", "second  -0.5    4  a longer note that wraps"].join("\n"),
    );
  });

  it("wraps free text, then splits columns into panels that repeat the key column", () => {
    const wrapped = textTable(columns, rows, { width: 36 });
    expect(wrapped.split("\n")).toEqual([
      "id         a    b  note",
      "------  ----  ---  -----------------",
      "first   1.25  300  a short note",
      "second  -0.5    4  a longer note",
      "                   that wraps",
    ]);
    const panels = textTable(columns, rows, { width: 20, rule: false });
    expect(panels).toBe(["id         a    b", "first   1.25  300", "second  -0.5    4", "", "id      note", "first   a short note", "second  a longer note", "        that wraps"].join("\n"));
  });

  it("a panel's free text takes the room the panel leaves, not the whole table's share", () => {
    const panels = textTable(columns, rows, { width: 30, rule: false }).split("\n\n");
    expect(panels[1].split("\n")).toEqual(["id      note", "first   a short note", "second  a longer note that", "        wraps"]);
  });

  it("wrapText breaks a word after + , or ( only when the word alone is wider than the line", () => {
    expect(wrapText("share(alibaba+tencent, 2020) >= 0.67", 16)).toEqual(["share(alibaba+", "tencent, 2020)", ">= 0.67"]);
    expect(wrapText("revenue(tencent) > revenue(alibaba) in", 20)).toEqual(["revenue(tencent) >", "revenue(alibaba) in"]);
    expect(wrapText('{"a":1,"b":2} -> {"a":3}', 8)).toEqual(['{"a":1,', '"b":2}', "->", '{"a":3}']);
    expect(wrapText("share(alibaba+tencent,", 6)).toEqual(["share(", "alibab", "a+", "tencen", "t,"]);
  });

  it("wrapText breaks at spaces and cuts a word longer than the line", () => {
    expect(wrapText("share(tencent) >= 0.27 in some quarter", 16)).toEqual(["share(tencent)", ">= 0.27 in some", "quarter"]);
    expect(wrapText("abcdefghij kl", 4)).toEqual(["abcd", "efgh", "ij", "kl"]);
    expect(wrapText("fits", Infinity)).toEqual(["fits"]);
  });
});

describe("wrapLines", () => {
  it("breaks prose after a clause where the clauses fit, else at spaces", () => {
    expect(wrapLines("sweep s: set g0; seed 42, 1000 paths", 24)).toBe("sweep s: set g0;\nseed 42, 1000 paths");
    expect(wrapLines("a; b; c", 4)).toBe("a;\nb; c");
    expect(wrapLines("one clause that is long; x", 10)).toBe("one clause\nthat is\nlong;\nx");
    expect(wrapLines("short\nlines; stay", 80)).toBe("short\nlines; stay");
  });
});
