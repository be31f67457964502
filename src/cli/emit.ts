import { join } from "node:path";
import { rowsToCsv } from "../report/csv.ts";
import type { Result } from "../samples/result.ts";
import { formatTable } from "../report/table.ts";
import { ensureDirectory } from "./destination.ts";
import { tableWidth } from "./terminalWidth.ts";
import { writeAtomic } from "./write.ts";

/** The files `--out DIR` writes into DIR: the result as JSON, and its rows as CSV. */
export const OUT_FILES = ["result.json", "summary.csv"] as const;

/**
 * Prints a result on stdout in `format` (a table laid out to the terminal's width, whole with `wide`); with
 * `out`, also writes result.json and summary.csv there (atomically).
 */
export async function emitResult(result: Result, flags: { format: "table" | "json" | "csv"; out?: string; wide?: boolean }): Promise<void> {
  // Each form is built only when written (a table on stdout needs neither JSON nor CSV).
  const json = (): string => `${JSON.stringify(result, null, 2)}\n`;
  const csv = (): string => rowsToCsv(result.rows, result.meta.quantiles);
  if (flags.out) {
    ensureDirectory("--out", flags.out, flags.out);
    await writeAtomic(join(flags.out, OUT_FILES[0]), json(), "--out");
    await writeAtomic(join(flags.out, OUT_FILES[1]), csv(), "--out");
  }
  const text = flags.format === "json" ? json() : flags.format === "csv" ? csv() : formatTable(result, { width: tableWidth(flags.wide) });
  process.stdout.write(text);
}
