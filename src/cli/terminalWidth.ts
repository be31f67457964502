import { switchOption } from "./optionTable.ts";
import { flag } from "./options.ts";

/** Width assumed when neither the terminal nor `COLUMNS` tells one. */
export const DEFAULT_COLUMNS = 80;

/** The part of a stream that tells its terminal's width. */
export interface WidthSource {
  isTTY?: boolean;
  columns?: number;
}

/**
 * The width output is laid out to: the terminal's columns when `stream` is a terminal, else the `COLUMNS`
 * environment variable (a whole number >= 1), else {@link DEFAULT_COLUMNS}.
 *
 * @example terminalWidth({ isTTY: false }, { COLUMNS: "100" })  // 100
 */
export function terminalWidth(stream: WidthSource = process.stdout, env: Readonly<Record<string, string | undefined>> = process.env): number {
  if (stream.isTTY && typeof stream.columns === "number" && stream.columns > 0) return stream.columns;
  const columns = env.COLUMNS?.trim() ?? "";
  return /^\d+$/.test(columns) && Number(columns) >= 1 ? Number(columns) : DEFAULT_COLUMNS;
}

/** `--wide`: tables whole, however wide. Every command that prints a table has it. */
export const wideOption = switchOption("--wide", "print tables whole, however wide (default: fit the terminal, else $COLUMNS, else 80 columns)", flag().optional());

/** The width a command's tables are laid out to: unlimited with `--wide`, else the terminal's. */
export function tableWidth(wide: boolean | undefined): number {
  return wide ? Infinity : terminalWidth();
}
