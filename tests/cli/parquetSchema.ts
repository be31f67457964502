// The typed columns a `--samples FILE.parquet` file must have, read back by DuckDB (a test helper shared by
// tests/cli/samples-files.test.ts and tests/cli/pandas.test.ts).
import type { DuckDBConnection } from "@duckdb/node-api";

/** [name, DuckDB type] of every column, in file order. */
export const SAMPLE_COLUMNS = [
  ["path", "INTEGER"], ["period", "VARCHAR"], ["periodKind", "VARCHAR"], ["year", "INTEGER"], ["quarter", "INTEGER"],
  ["segment", "VARCHAR"], ["provider", "VARCHAR"], ["revenue", "DOUBLE"], ["share", "DOUBLE"],
];

/** The columns DuckDB reads from `source` (e.g. `read_parquet('...')`), with their types. */
export async function parquetColumns(connection: DuckDBConnection, source: string): Promise<unknown[][]> {
  return (await connection.runAndReadAll(`SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM ${source})`)).getRows();
}
