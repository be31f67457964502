// The CSV files of `sharecast run` read back by pandas (tests/cli/pandas-readback.py) and the Parquet file by
// DuckDB, as an analyst would: typed columns, the summary CSV's values equal to the JSON result's, and each
// engine's own mean, sample sd and linear (R type 7) quantiles of the samples equal to the JSON summary.
// pandas comes from Debian's python3-pandas for /usr/bin/python3 (or $SHARECAST_PYTHON): where it is missing the
// pandas tests are skipped with a message, except in CI (CI=true), where they fail (scripts/ci-system-deps.sh).
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { beforeAll, describe, expect, it } from "vitest";
import { sharecastAsync, tempDir, type Outcome } from "./helpers.ts";
import { SAMPLE_COLUMNS, parquetColumns } from "./parquetSchema.ts";

const PYTHON = process.env.SHARECAST_PYTHON || "/usr/bin/python3";
const probe = spawnSync(PYTHON, ["-c", "import pandas"], { encoding: "utf8" });
const pandasMissing = probe.status !== 0;
const skipPandas = pandasMissing && !process.env.CI;
if (skipPandas) console.warn(`tests/cli/pandas.test.ts: pandas tests SKIPPED, ${PYTHON} cannot import pandas (Debian: apt-get install python3-pandas; in CI this fails instead)`);

// A calendar of two years and a provider with a March fiscal year: quarters, years and FY rows in the summary.
const SCENARIO = "tests/cli/fixtures/fiscal.yaml";
const PATHS = 1500;
const scratch = tempDir("sharecast-pandas-");
const file = (name: string) => join(scratch, name);
const runs: Record<string, Outcome> = {};

interface JsonRow {
  period: string;
  segment: string;
  provider: string;
  metric: string;
  mean: number;
  sd: number;
  [quantile: string]: string | number;
}
type Stats = Record<string, number | string>;
interface Readback {
  summary: { dtypes: Record<string, string>; inferred: Record<string, string>; rows: Array<Record<string, string | number | null>> };
  samples: { dtypes: Record<string, string>; inferred: Record<string, string>; rows: number; quarterNullExactlyForYears: boolean; kinds: string[]; groups: Stats[] };
}

let json: { meta: { quantiles: number[] }; rows: JsonRow[] };
let readback: Readback;

/** The tidy period columns of a label, derived here independently of src/samples/columns.ts. */
function expectedParts(period: string): { periodKind: string; year: number; quarter: number | null } {
  if (period.startsWith("FY")) return { periodKind: "fiscalYear", year: Number(period.slice(2)), quarter: null };
  if (period.length === 4) return { periodKind: "year", year: Number(period), quarter: null };
  return { periodKind: "quarter", year: Number(period.slice(0, 4)), quarter: Number(period.slice(5)) };
}

/** The JSON rows' quantile columns (p05, p25, ...), in order. */
function quantileNames(): string[] {
  return Object.keys(json.rows[0]).filter((key) => /^p\d/.test(key));
}

/** |a - b| within `relative` of |b| (the engine's and the reader's summation orders differ in the last bits). */
function close(a: number, b: number, relative = 1e-12): boolean {
  return Math.abs(a - b) <= relative * Math.max(Math.abs(b), 1e-300);
}

beforeAll(async () => {
  const args = ["run", SCENARIO, "--paths", `${PATHS}`, "--seed", "5", "--no-progress", "--format", "json"];
  const [csvRun, parquetRun] = await Promise.all([
    sharecastAsync([...args, "--out", file("out"), "--samples", file("s.csv")]),
    sharecastAsync([...args, "--samples", file("s.parquet")]),
  ]);
  runs.csv = csvRun;
  runs.parquet = parquetRun;
  json = JSON.parse(csvRun.stdout);
  if (!pandasMissing) {
    const read = spawnSync(PYTHON, [join(import.meta.dirname, "pandas-readback.py"), file("out/summary.csv"), file("s.csv")], { encoding: "utf8", maxBuffer: 64 << 20 });
    expect(read.status, read.stderr).toBe(0);
    readback = JSON.parse(read.stdout);
  }
}, 240_000);

describe("the run's files", () => {
  it("are written (exit 0, same result whatever the samples format)", () => {
    expect(runs.csv.status, runs.csv.stderr).toBe(0);
    expect(runs.parquet.status, runs.parquet.stderr).toBe(0);
    expect(runs.parquet.stdout).toBe(runs.csv.stdout);
    expect(json.rows.some((r) => r.period.startsWith("FY"))).toBe(true);
  });
});

describe.skipIf(skipPandas)(`pandas (${PYTHON})`, () => {
  it("is importable (CI installs python3-pandas)", () => {
    expect(probe.status, probe.stderr).toBe(0);
  });

  it("reads the summary CSV with typed columns; untyped, it infers numbers for year and float quarters", () => {
    const quantiles = quantileNames();
    expect(readback.summary.dtypes).toEqual(Object.fromEntries([
      ["period", "string"], ["periodKind", "category"], ["year", "int32"], ["quarter", "Int8"], ["segment", "string"], ["provider", "string"],
      ["metric", "string"], ["mean", "float64"], ["sd", "float64"], ...quantiles.map((name) => [name, "float64"]),
    ]));
    expect(readback.summary.inferred).toMatchObject({ period: "object", periodKind: "object", year: "int64", quarter: "float64", mean: "float64" });
  });

  it("gets the summary CSV's values equal to the JSON result's, row by row, with the tidy period columns", () => {
    expect(readback.summary.rows).toHaveLength(json.rows.length);
    json.rows.forEach((row, k) => {
      const { period, ...rest } = row;
      const want = { period, ...expectedParts(period), ...rest };
      if (JSON.stringify(readback.summary.rows[k]) !== JSON.stringify(want)) expect(readback.summary.rows[k], `row ${k}`).toEqual(want);
    });
    expect(new Set(readback.summary.rows.map((r) => r.periodKind))).toEqual(new Set(["quarter", "year", "fiscalYear"]));
  });

  it("reads the samples CSV typed, quarter null exactly for years, and its own statistics equal the JSON summary", () => {
    expect(readback.samples.dtypes).toEqual({ path: "int32", period: "string", periodKind: "category", year: "int32", quarter: "Int8", segment: "string", provider: "string", revenue: "float64", share: "float64" });
    expect(readback.samples.inferred).toMatchObject({ path: "int64", year: "int64", quarter: "float64", revenue: "float64", share: "float64" });
    expect(readback.samples.quarterNullExactlyForYears).toBe(true);
    expect(readback.samples.kinds).toEqual(["quarter", "year"]);
    // 2 providers (the market is their sum), 8 quarters + 2 years; the FY rows are derived, not samples.
    expect(readback.samples.rows).toBe(PATHS * 2 * 10);
    const calendar = json.rows.filter((r) => !r.period.startsWith("FY"));
    expect(readback.samples.groups).toHaveLength(calendar.length);
    const byKey = new Map(readback.samples.groups.map((g) => [`${g.period}/${g.segment}/${g.provider}/${g.metric}`, g]));
    for (const row of calendar) {
      const got = byKey.get(`${row.period}/${row.segment}/${row.provider}/${row.metric}`)!;
      expect(got.n).toBe(PATHS);
      for (const key of ["mean", "sd", ...quantileNames()]) {
        const [a, b] = [got[key] as number, row[key] as number];
        if (!close(a, b)) expect(a, `${row.period} ${row.provider} ${row.metric} ${key}`).toBe(b);
      }
    }
  });
});

describe("DuckDB", () => {
  it("reads the Parquet file typed, and its own mean, sd and quantile_cont equal the JSON summary", async () => {
    const db = await DuckDBInstance.create(":memory:");
    const connection = await db.connect();
    try {
      const parquet = `read_parquet('${file("s.parquet")}')`;
      expect(await parquetColumns(connection, parquet)).toEqual(SAMPLE_COLUMNS);
      const q = json.meta.quantiles;
      const stats = (metric: string) => `avg(${metric}), stddev_samp(${metric}), ${q.map((p) => `quantile_cont(${metric}, ${p})`).join(", ")}`;
      const sql = `SELECT period, segment, provider, count(*)::INTEGER, ${stats("revenue")}, ${stats("share")} FROM ${parquet} GROUP BY period, segment, provider`;
      const got = new Map((await connection.runAndReadAll(sql)).getRows().map((r) => [`${r[0]}/${r[1]}/${r[2]}`, r.slice(3) as number[]]));
      const calendar = json.rows.filter((r) => !r.period.startsWith("FY"));
      expect(got.size * 2).toBe(calendar.length);
      for (const row of calendar) {
        const [n, ...values] = got.get(`${row.period}/${row.segment}/${row.provider}`)!;
        expect(n).toBe(PATHS);
        const at = row.metric === "revenue" ? 0 : 2 + q.length;
        const want = [row.mean, row.sd, ...quantileNames().map((name) => row[name] as number)];
        want.forEach((b, j) => {
          if (!close(values[at + j], b, 1e-10)) expect(values[at + j], `${row.period} ${row.provider} ${row.metric} #${j}`).toBe(b);
        });
      }
    } finally {
      connection.closeSync();
    }
  });
});
