import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { InputError } from "../../src/core/issues.ts";
import { knownAt, type KnownRead } from "../../src/data/known.ts";
import { parseFixture } from "../../src/data/parse.ts";
import { defineScenario, scenarioAt, scenarioDefinition } from "../../src/scenario/defineScenario.ts";

// Scenarios as factories of their as-of date: rebuilt at an earlier date, a catalogue scenario reads only
// rows published by then (checked against the raw fixture files, not against the filter's own answer).
const root = fileURLToPath(new URL("../../", import.meta.url));
const names = readdirSync(`${root}scenarios`).filter((f) => f.endsWith(".ts")).map((f) => f.slice(0, -3)).sort();
const ORIGINS = ["2016-12-31", "2017-12-31", "2018-06-30", "2018-12-31", "2019-06-30", "2019-08-31", "2019-09-30", "2019-11-30", "2019-12-31", "2020-01-31", "2020-02-29", "2020-03-31", "2020-06-30"];

interface RawRow {
  period: string;
  published?: string | number;
  knownAsOf2019?: boolean;
  forecast?: boolean;
}
const rawRows = new Map<string, RawRow[]>();
function raw(fixture: string): RawRow[] {
  if (!rawRows.has(fixture)) rawRows.set(fixture, JSON.parse(readFileSync(`${root}fixtures/${fixture}.json`, "utf8")).rows);
  return rawRows.get(fixture)!;
}

/** Latest day a date written YYYY, YYYY-MM or YYYY-MM-DD can mean (computed here with Date, independently of the library). */
function latestDay(text: string): string {
  const [y, m, d] = text.split("-").map(Number);
  if (d !== undefined) return text;
  const month = m ?? 12;
  const last = new Date(Date.UTC(y, month, 0)).getUTCDate();
  return `${y}-${String(month).padStart(2, "0")}-${String(last).padStart(2, "0")}`;
}

/** When the raw row was public, or undefined when the file gives no date at all. */
function rawPublished(row: RawRow): string | undefined {
  const dates: string[] = [];
  if (row.published !== undefined) dates.push(latestDay(String(row.published)));
  if (row.knownAsOf2019) dates.push("2019-12-31");
  return dates.sort()[0];
}

/** End of a quarter label's period (2019Q3 -> 2019-09-30), undefined for other labels. */
function quarterEnd(period: string): string | undefined {
  const m = /^(\d{4})Q([1-4])$/.exec(period);
  return m ? latestDay(`${m[1]}-${String(Number(m[2]) * 3).padStart(2, "0")}`) : undefined;
}

async function load(name: string): Promise<unknown> {
  return ((await import(pathToFileURL(`${root}scenarios/${name}.ts`).href)) as { default: unknown }).default;
}

describe("catalogue scenarios rebuilt at earlier dates read only rows published by then", () => {
  for (const name of names) {
    it(name, async () => {
      const scenario = await load(name);
      const definition = scenarioDefinition(scenario);
      expect(definition, `${name} is an as-of factory`).toBeDefined();
      // The default build is the module's scenario, number for number.
      expect(JSON.stringify(scenarioAt(scenario, definition!.options.asOf))).toBe(JSON.stringify(scenario));
      let built = 0;
      for (const origin of [...ORIGINS, definition!.options.asOf]) {
        const reads: KnownRead[] = [];
        try {
          scenarioAt(scenario, origin, { onRead: (read) => reads.push(read) });
          built += 1;
        } catch (error) {
          // A scenario that cannot be built at a date says so on `asOf`; what it read until then still counts.
          expect(error).toBeInstanceOf(InputError);
          expect((error as InputError).issues[0].path).toEqual(["asOf"]);
        }
        for (const read of reads.filter((r) => r.use === "input")) {
          const row = raw(read.fixture)[read.row];
          expect(row.period, `${read.fixture} rows[${read.row}]`).toBe(read.period);
          const published = rawPublished(row) ?? read.published; // undated rows: the date the scenario documents
          expect(published <= origin, `${name} at ${origin} read ${read.fixture} rows[${read.row}] published ${published}`).toBe(true);
          const end = quarterEnd(row.period);
          if (!row.forecast && end !== undefined) expect(end < origin, `${name} at ${origin} read ${read.fixture} ${row.period}`).toBe(true);
        }
      }
      expect(built).toBeGreaterThan(0);
    });
  }

  it("deutsche-bank-2020 rebuilt in autumn 2019 starts after the last Canalys quarter then (2019Q2)", async () => {
    const scenario = await load("deutsche-bank-2020");
    expect(scenarioAt(scenario, "2019-09-30").calendar.start).toBe("2019Q3");
    expect(scenarioAt(scenario, "2019-12-31").calendar.start).toBe("2019Q4");
    expect(() => scenarioAt(scenario, "2019-06-30")).toThrow(/no Canalys China market size was public by 2019-06-30/);
  });

  it("no catalogue scenario looks a fixture up around the known(asOf) context", () => {
    for (const name of [...names.map((n) => `${n}.ts`), "shared/known.ts"]) {
      const text = readFileSync(`${root}scenarios/${name}`, "utf8");
      // Only types may come from the look-up modules; values come through `known`.
      expect(text, name).not.toMatch(/^import \{[^}]*\} from "[^"]*src\/data\/(series|derive|knownBy)\.ts"/m);
      expect(text, name).not.toMatch(/\b(fixtureValue|fixtureSeries|fixtureRow|isKnownBy)\(/);
    }
  });
});

describe("the known(asOf) context", () => {
  const shares = parseFixture(JSON.parse(readFileSync(`${root}fixtures/canalys-china-shares-quarterly.json`, "utf8")));

  it("refuses a row published after the as-of date, naming the fixture, row and dates", () => {
    const known = knownAt("2020-01-15");
    expect(() => known.value(shares, "2019Q4", { provider: "alibaba" })).toThrow(InputError);
    try {
      known.value(shares, "2019Q4", { provider: "alibaba" });
    } catch (error) {
      const message = (error as InputError).issues[0].message;
      const index = raw("canalys-china-shares-quarterly").findIndex((r) => r.period === "2019Q4" && (r as { provider?: string }).provider === "alibaba");
      expect(message).toBe(`canalys-china-shares-quarterly rows[${index}] (2019Q4, alibaba, share) was not public by 2020-01-15: published 2020-03-31, after the as-of date 2020-01-15`);
    }
  });

  it("refuses a quarter that had not ended, and a row without a date", () => {
    expect(() => knownAt("2019-12-31").value(shares, "2019Q4", { provider: "alibaba" })).toThrow(/its period ends 2019-12-31, not before the as-of date 2019-12-31/);
    expect(() => knownAt("2019-12-31").value(shares, "2019Q2", { provider: "huawei" })).toThrow(/it is a gap/);
  });

  it("reads the same row once public, and reports it", () => {
    const reads: KnownRead[] = [];
    expect(knownAt("2020-03-31", { onRead: (r) => reads.push(r) }).value(shares, "2019Q4", { provider: "alibaba" })).toBe(46.4);
    expect(reads).toEqual([expect.objectContaining({ fixture: "canalys-china-shares-quarterly", period: "2019Q4", provider: "alibaba", published: "2020-03-31", use: "input" })]);
  });

  it("series and find leave out what was not public, without reading it", () => {
    const reads: KnownRead[] = [];
    const known = knownAt("2019-09-30", { onRead: (r) => reads.push(r) });
    expect(known.series(shares, { provider: "alibaba" }).map((r) => r.period)).toEqual(["2019Q2"]);
    expect(known.find(shares, "2019Q3", { provider: "alibaba" })).toBeUndefined();
    expect(reads.map((r) => r.period)).toEqual(["2019Q2"]);
  });

  it("an undated row taken as published on a date is refused before it", () => {
    const canalys = parseFixture(JSON.parse(readFileSync(`${root}fixtures/canalys-global-quarterly.json`, "utf8")));
    expect(knownAt("2020-02-29").assumePublished(canalys, "2019Q4", {}, "2020-02")).toBe(30);
    expect(() => knownAt("2020-02-15").assumePublished(canalys, "2019Q4", {}, "2020-02")).toThrow(/taken as published 2020-02\) was not public by 2020-02-15/);
  });
});

describe("defineScenario", () => {
  const plain = { name: "p", calendar: { start: "2020Q1", end: "2020Q4" }, providers: [{ id: "a", model: { kind: "constantGrowth" as const, start: 1, growth: 0.1 } }] };

  it("returns a plain scenario unchanged, and scenarioAt refuses it", () => {
    expect(defineScenario(plain)).toBe(plain);
    expect(() => scenarioAt(plain, "2020-01-01")).toThrow(/expected a scenario defined as a factory/);
  });

  it("builds a factory at its default date and rebuilds it at another", () => {
    const scenario = defineScenario((asOf) => ({ ...plain, asOf }), { asOf: "2019-12-31" });
    expect(scenario.asOf).toBe("2019-12-31");
    expect(Object.keys(scenario)).toEqual(["name", "calendar", "providers", "asOf"]);
    expect(scenarioAt(scenario, "2018-12-31").asOf).toBe("2018-12-31");
  });
});
