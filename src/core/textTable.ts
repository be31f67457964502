/**
 * Plain-text tables and prose that fit a width (a terminal's columns). Pure string layout, used by every
 * floor that prints a table: the report's run summary, explore's sweep and compare, the CLI's own tables.
 */
import { maxOf } from "./extent.ts";

/** One column of a {@link textTable}. */
export interface TextColumn {
  header: string;
  /** Right-aligned (numbers) or left-aligned (words). @defaultValue "left" */
  align?: "left" | "right";
  /** Repeated in every panel when the table is split into panels (the row's name: period, provider). */
  key?: boolean;
  /** Its cells may wrap onto several lines at word boundaries (free text such as an event's condition). */
  wrap?: boolean;
}

/** Options of {@link textTable}. */
export interface TextTableOptions {
  /** Widest line allowed; `Infinity` lays the table out in one piece. @defaultValue Infinity */
  width?: number;
  /** A line of dashes under the header. @defaultValue true */
  rule?: boolean;
}

/** Spaces between two columns. */
const GAP = 2;
/** Narrowest a wrapping column is squeezed to before the table is split into panels. */
const MIN_WRAP = 16;

/** Pieces of a word that a line may end after: a `+`, `,` or `(` inside the word (not its first character). */
function pieces(word: string): string[] {
  return word.match(/.[^+,(]*(?:[+,(]|$)/g) ?? [word];
}

/**
 * Splits text into lines of at most `width` characters at spaces. A word wider than the line alone breaks
 * after a `+`, `,` or `(` inside it (`share(alibaba+` / `tencent, 2020)`), and a piece still wider is cut.
 * Leading indentation of the text is kept on its first line only.
 *
 * @example wrapText("share(alibaba+tencent, 2020) >= 0.67", 12)  // ["share(", "alibaba+", "tencent,", "2020) >=", "0.67"]
 */
export function wrapText(text: string, width: number): string[] {
  if (!Number.isFinite(width) || text.length <= width) return [text];
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(" ")) {
    let joiner = line === "" ? "" : " ";
    for (const piece of word.length <= width ? [word] : pieces(word)) {
      let rest = piece;
      if (line !== "" && line.length + joiner.length + rest.length > width) {
        lines.push(line);
        line = "";
        joiner = "";
      }
      while (line === "" && rest.length > width) {
        lines.push(rest.slice(0, width));
        rest = rest.slice(width);
      }
      line = `${line}${joiner}${rest}`;
      joiner = "";
    }
  }
  lines.push(line);
  return lines;
}

/** One line of prose: clauses (ended by "; ") kept whole on a line where they fit, else wrapped by words. */
function wrapProse(line: string, width: number): string[] {
  if (!Number.isFinite(width) || line.length <= width) return [line];
  const clauses = line.split(/(?<=;) /);
  const lines: string[] = [];
  let current = "";
  for (const clause of clauses) {
    if (current !== "" && current.length + 1 + clause.length <= width) current = `${current} ${clause}`;
    else {
      if (current !== "") lines.push(current);
      current = clause;
    }
  }
  lines.push(current);
  return lines.flatMap((part) => wrapText(part, width));
}

/**
 * Text safe to print on a terminal: control characters (C0 but newline and tab, DEL, C1), which a
 * scenario's title or an event's description could carry and which would move the cursor, retitle the
 * window or clear the screen, are shown as their Unicode control pictures (ESC as U+241B) or U+FFFD; so
 * are the bidirectional controls (U+202E and its kin), which would reorder the rest of the line as shown
 * ("Trojan Source", CVE-2021-42574).
 *
 * @example printable("a\u001b[2Jb\u202ec") // "a\u241b[2Jb\ufffdc"
 */
export function printable(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, (c) => {
    const code = c.charCodeAt(0);
    return code < 0x20 ? String.fromCharCode(0x2400 + code) : code === 0x7f ? "\u2421" : "\ufffd";
  });
}

/**
 * Every line of a block of prose wrapped to `width`, joined with newlines: a line breaks after a "; " where
 * its clauses fit, else at spaces (see {@link wrapText}).
 *
 * @example wrapLines("sweep s: set g0; seed 42, 1000 paths", 24)  // "sweep s: set g0;\nseed 42, 1000 paths"
 */
export function wrapLines(text: string, width: number): string {
  return printable(text)
    .split("\n")
    .flatMap((line) => wrapProse(line, width))
    .join("\n");
}

const sum = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0);

function span(widths: readonly number[]): number {
  return sum(widths) + GAP * Math.max(0, widths.length - 1);
}

function render(columns: readonly TextColumn[], rows: readonly (readonly string[])[], widths: readonly number[], rule: boolean): string[] {
  const pad = (text: string, j: number) => (columns[j].align === "right" ? text.padStart(widths[j]) : text.padEnd(widths[j]));
  const line = (cells: readonly string[]) => cells.map(pad).join(" ".repeat(GAP)).trimEnd();
  const out = [line(columns.map((c) => c.header))];
  if (rule) out.push(widths.map((w) => "-".repeat(w)).join(" ".repeat(GAP)));
  for (const row of rows) {
    const parts = row.map((cell, j) => (columns[j].wrap ? wrapText(cell, widths[j]) : [cell]));
    const height = maxOf(parts.map((p) => p.length));
    for (let i = 0; i < height; i++) out.push(line(parts.map((p) => p[i] ?? "")));
  }
  return out;
}

/** Natural widths, with wrapping columns squeezed (widest first, down to MIN_WRAP) until the line fits. */
function squeeze(columns: readonly TextColumn[], natural: readonly number[], width: number): number[] {
  const widths = [...natural];
  const floor = (j: number) => Math.min(natural[j], Math.max(MIN_WRAP, columns[j].header.length));
  while (span(widths) > width) {
    let widest = -1;
    for (let j = 0; j < widths.length; j++) if (columns[j].wrap && widths[j] > floor(j) && (widest < 0 || widths[j] > widths[widest])) widest = j;
    if (widest < 0) break;
    widths[widest] = Math.max(floor(widest), widths[widest] - (span(widths) - width));
  }
  return widths;
}

/**
 * Splits `columns` in order into panels that `fits` accepts (a panel always takes at least one column),
 * each taking at most `most(columns left, panels left)` columns.
 */
function split(columns: readonly number[], fits: (panel: readonly number[]) => boolean, most: (left: number, panelsLeft: number) => number, planned = 1): number[][] {
  const panels: number[][] = [];
  let current: number[] = [];
  let at = 0;
  for (const j of columns) {
    const limit = most(columns.length - at + current.length, Math.max(1, planned - panels.length));
    if (current.length > 0 && (current.length >= limit || !fits([...current, j]))) {
      panels.push(current);
      current = [];
    }
    current.push(j);
    at += 1;
  }
  if (current.length > 0) panels.push(current);
  return panels;
}

/**
 * A table laid out to fit `width`: in one piece when it fits; else free-text columns wrap at word
 * boundaries (see {@link wrapText}); else the columns are split into panels, one under the other, each
 * repeating the key columns and giving its free-text columns the room it has left, so every cell is still
 * shown (only moved). A panel wider than `width` remains only when its key columns and one other
 * column alone are wider. O(rows x columns) per panel.
 *
 * @example textTable([{ header: "id" }, { header: "p", align: "right" }], [["a", "0.5"]])  // "id    p\n--  ---\na   0.5"
 */
export function textTable(columnsIn: readonly TextColumn[], rowsIn: readonly (readonly string[])[], options: TextTableOptions = {}): string {
  const columns = columnsIn.map((c) => ({ ...c, header: printable(c.header) }));
  const rows = rowsIn.map((r) => r.map(printable));
  const width = options.width ?? Infinity;
  const rule = options.rule ?? true;
  const natural = columns.map((c, j) => maxOf(rows.map((r) => r[j].length), c.header.length));
  const widths = squeeze(columns, natural, width);
  if (span(widths) <= width) return render(columns, rows, widths, rule).join("\n");
  const keys = columns.flatMap((c, j) => (c.key ? [j] : []));
  const others = columns.flatMap((c, j) => (c.key ? [] : [j]));
  const fits = (panel: readonly number[]) => span([...keys, ...panel].map((i) => widths[i])) <= width;
  const greedy = split(others, fits, () => Infinity);
  // As many panels as the greedy split needs, with the columns spread evenly over them when that fits.
  const even = split(others, fits, (left, panelsLeft) => Math.ceil(left / panelsLeft), greedy.length);
  const panels = even.length <= greedy.length ? even : greedy;
  const blocks = panels.map((panel) => {
    const picked = [...keys, ...panel].sort((a, b) => a - b);
    const own = picked.map((j) => columns[j]);
    // A panel's wrapping columns take the room its own columns leave, not only the whole table's share.
    return render(own, rows.map((r) => picked.map((j) => r[j])), squeeze(own, picked.map((j) => natural[j]), width), rule).join("\n");
  });
  return blocks.join("\n\n");
}
