// `sharecast run --samples FILE.parquet | FILE.arrow`, as a user runs it, read back by other engines: the Parquet
// file by DuckDB (its own reader, from npm), the Arrow IPC file by apache-arrow's reader, and both compared
// value by value with the CSV of the same run (same seed, same paths).
import { readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { tableFromIPC } from "apache-arrow";
import { beforeAll, describe, expect, it } from "vitest";
import { absentOrEmpty, parseCsv, ROOT, sharecastAsync, tempDir, type Outcome } from "./helpers.ts";
import { SAMPLE_COLUMNS, parquetColumns } from "./parquetSchema.ts";

const SCENARIO = "tests/cli/fixtures/segmented.yaml";
// Two chunks (1024 paths each at most): two row groups, two record batches.
const PATHS = 1500;
const COLUMNS = ["path", "period", "periodKind", "year", "quarter", "segment", "provider", "revenue", "share"];
const scratch = tempDir("sharecast-samples-");
const file = (name: string) => join(scratch, name);
const runs: Record<string, Outcome> = {};

type Row = [number, string, string, number, number | null, string, string, number, number];

/** The CSV rows with typed values; an empty quarter is null. */
function csvRows(): Row[] {
  const { header, rows } = parseCsv(readFileSync(file("s.csv"), "utf8"));
  expect(header).toEqual(COLUMNS);
  return rows.map((r) => [Number(r[0]), r[1], r[2], Number(r[3]), r[4] === "" ? null : Number(r[4]), r[5], r[6], Number(r[7]), Number(r[8])]);
}

beforeAll(async () => {
  const args = (out: string) => ["run", SCENARIO, "--paths", `${PATHS}`, "--seed", "11", "--workers", "2", "--no-progress", "--format", "json", "--samples", file(out)];
  for (const name of ["s.csv", "s.parquet", "s.arrow", "s.ARROW"]) runs[name] = await sharecastAsync(args(name));
  runs.badDir = await sharecastAsync(["run", SCENARIO, "--paths", "100", "--samples", join(file("s.csv"), "inside.parquet")]);
  const refusing = { env: { ...process.env, NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ""} --import=./tests/cli/fixtures/refuse-columnar.mjs`.trim() } };
  const small = ["run", SCENARIO, "--paths", "100", "--no-progress", "--format", "json"];
  const refused = await Promise.all(["refused.csv", "refused.parquet", "refused.arrow"].map((name) => sharecastAsync([...small, "--samples", file(name)], refusing)));
  [runs["refused.csv"], runs["refused.parquet"], runs["refused.arrow"]] = refused;
  runs.none = await sharecastAsync(small, refusing);
}, 240_000);

describe("--samples FILE.parquet and FILE.arrow", () => {
  it("exit 0 with the same stdout as the CSV run", () => {
    for (const name of ["s.csv", "s.parquet", "s.arrow", "s.ARROW"]) expect(runs[name].status, runs[name].stderr).toBe(0);
    expect(runs["s.parquet"].stdout).toBe(runs["s.csv"].stdout);
    expect(runs["s.arrow"].stdout).toBe(runs["s.csv"].stdout);
  });

  it("are typed and much smaller than the CSV", () => {
    const csv = statSync(file("s.csv")).size;
    expect(statSync(file("s.parquet")).size).toBeLessThan(csv / 2);
    expect(statSync(file("s.arrow")).size).toBeLessThan(csv);
    expect(readFileSync(file("s.parquet")).subarray(0, 4).toString()).toBe("PAR1");
    expect(readFileSync(file("s.arrow")).subarray(0, 6).toString()).toBe("ARROW1");
    expect(readFileSync(file("s.ARROW"))).toEqual(readFileSync(file("s.arrow")));
  });

  it("DuckDB reads the Parquet file with typed columns, equal to the CSV row by row", async () => {
    const db = await DuckDBInstance.create(":memory:");
    const connection = await db.connect();
    try {
      const parquet = `read_parquet('${file("s.parquet")}')`;
      expect(await parquetColumns(connection, parquet)).toEqual(SAMPLE_COLUMNS);
      const rows = (await connection.runAndReadAll(`SELECT * FROM ${parquet}`)).getRows() as Row[];
      const csv = csvRows();
      expect(rows.length).toBe(csv.length);
      // 1500 paths x (4 quarters + 1 year) x 3 segments x 3 providers.
      expect(rows.length).toBe(PATHS * 5 * 3 * 3);
      for (let i = 0; i < csv.length; i++) if (JSON.stringify(rows[i]) !== JSON.stringify(csv[i])) expect(rows[i], `row ${i}`).toEqual(csv[i]);
      // The engine agrees on aggregates too: its own CSV reader against its Parquet reader.
      // DuckDB sums doubles in parallel, in no fixed order: compare the sums to 6 decimals (about 1e-10 of them).
      const agg = (from: string) => `SELECT periodKind, count(*), round(sum(share), 6), max(path)::BIGINT FROM ${from} GROUP BY periodKind ORDER BY periodKind`;
      const fromCsv = (await connection.runAndReadAll(agg(`read_csv('${file("s.csv")}')`))).getRows();
      expect((await connection.runAndReadAll(agg(parquet))).getRows()).toEqual(fromCsv);
    } finally {
      connection.closeSync();
    }
  });

  it("the Arrow IPC file reads back with dictionary-encoded strings and a nullable quarter, equal to the CSV", () => {
    const table = tableFromIPC(readFileSync(file("s.arrow")));
    expect(table.schema.fields.map((f) => `${f.name}:${f.type}`)).toEqual([
      "path:Int32", "period:Dictionary<Int32, Utf8>", "periodKind:Dictionary<Int32, Utf8>", "year:Int32", "quarter:Int32",
      "segment:Dictionary<Int32, Utf8>", "provider:Dictionary<Int32, Utf8>", "revenue:Float64", "share:Float64",
    ]);
    expect(table.batches).toHaveLength(2);
    const csv = csvRows();
    expect(table.numRows).toBe(csv.length);
    const columns = COLUMNS.map((name) => table.getChild(name)!);
    for (let i = 0; i < csv.length; i++) {
      const row = columns.map((c) => c.get(i)) as Row;
      if (JSON.stringify(row) !== JSON.stringify(csv[i])) expect(row, `row ${i}`).toEqual(csv[i]);
    }
  });

  it("load apache-arrow and hyparquet-writer only when such a file is asked for", () => {
    const bundle = readFileSync(join(ROOT, "dist", "cli", "sharecast.js"), "utf8");
    expect(bundle).not.toMatch(/from\s*["'`](apache-arrow|hyparquet-writer)["'`]/);
    // With a hook that refuses both packages, a CSV run and a run without samples succeed; Parquet and Arrow fail.
    for (const name of ["refused.csv", "none"]) expect(runs[name].status, runs[name].stderr).toBe(0);
    for (const name of ["refused.parquet", "refused.arrow"]) {
      expect(runs[name].status).not.toBe(0);
      expect(runs[name].stderr).toMatch(/refuse-columnar: (apache-arrow|hyparquet-writer) was imported/);
    }
  });

  it("a path that cannot be written exits 2 naming --samples and leaves nothing", () => {
    expect(runs.badDir.status).toBe(2);
    expect(runs.badDir.stderr).toMatch(/--samples/);
    expect(runs.badDir.stdout).toBe("");
    expect(absentOrEmpty(join(file("s.csv"), "inside.parquet"))).toBe(true);
  });
});
