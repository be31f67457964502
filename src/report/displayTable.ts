import { textTable } from "../core/textTable.ts";
import { escapeHtml } from "./html.ts";
import { JUPYTER_DISPLAY, type MimeBundle } from "../samples/jupyter.ts";

/** Options of {@link showTable}. */
export interface TableDisplayOptions {
  /** A caption above the table. @defaultValue none */
  title?: string;
  /** Columns shown, in order. @defaultValue every key, in order of first appearance */
  columns?: readonly string[];
  /** Rows shown; the rest are counted in a last line. @defaultValue 40 */
  maxRows?: number;
}

/** Records that display themselves in a notebook as an HTML table (and a text table as `text/plain`). */
export interface DisplayableTable {
  records: ReadonlyArray<object>;
  [JUPYTER_DISPLAY](): MimeBundle;
}

/** A cell as shown: numbers to 6 significant digits (integers whole), booleans yes/no, nothing for null. */
export function displayCell(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return Number.isInteger(value) ? String(value) : Number.isFinite(value) ? String(Number(value.toPrecision(6))) : String(value);
  if (typeof value === "boolean") return value ? "yes" : "no";
  if (Array.isArray(value)) return value.map(displayCell).join(", ");
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

/**
 * The HTML and text tables of records: one row per record, one column per key. Pure strings.
 *
 * @example recordsTables([{ event: "beta-30", probability: 0.4125 }]).text  // "event    probability\n-------  -----------\nbeta-30       0.4125"
 */
export function recordsTables(records: ReadonlyArray<object>, options: TableDisplayOptions = {}): { html: string; text: string } {
  const rows = records as ReadonlyArray<Record<string, unknown>>;
  const columns = options.columns ?? [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const maxRows = options.maxRows ?? 40;
  const shown = rows.slice(0, maxRows);
  const cells = shown.map((r) => columns.map((c) => displayCell(r[c])));
  const numeric = columns.map((c) => shown.length > 0 && shown.every((r) => r[c] === null || r[c] === undefined || typeof r[c] === "number"));
  const more = rows.length > shown.length ? `${rows.length - shown.length} more rows (${rows.length} in all)` : "";
  const head = columns.map((c, j) => `<th${numeric[j] ? ' style="text-align:right"' : ""}>${escapeHtml(c)}</th>`).join("");
  const body = cells.map((r) => `<tr>${r.map((v, j) => `<td${numeric[j] ? ' style="text-align:right"' : ""}>${escapeHtml(v)}</td>`).join("")}</tr>`).join("\n");
  const caption = options.title ? `<caption>${escapeHtml(options.title)}</caption>` : "";
  const html = `<table class="sharecast-table">${caption}<thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>${more ? `<p><small>${escapeHtml(more)}</small></p>` : ""}`;
  const table = textTable(columns.map((c, j) => ({ header: c, align: numeric[j] ? "right" : "left" })), cells);
  const text = [options.title ?? "", table.replace(/\n$/, ""), more].filter((s) => s !== "").join("\n");
  return { html, text };
}

/**
 * Wraps records (summary rows, sample records, events, benchmarks, any flat objects) so that a notebook
 * cell ending in them shows an HTML table instead of a text dump; the records stay available as `.records`.
 *
 * @example showTable(result.events, { columns: ["id", "probability", "stderr"] })
 */
export function showTable(records: ReadonlyArray<object>, options: TableDisplayOptions = {}): DisplayableTable {
  return {
    records,
    [JUPYTER_DISPLAY]() {
      const { html, text } = recordsTables(records, options);
      return { "text/plain": text, "text/html": html };
    },
  };
}
