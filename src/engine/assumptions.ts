/**
 * The assumptions of a run, as the result's `assumptions` section lists them: every parameter slot with its
 * value or distribution and provenance, every benchmark, and every fixture row a factory scenario read
 * through `known`. A parameter without provenance of its own (no source, no note) takes one from the rows
 * read through `known` whose value its number (or a number of its distribution) equals exactly: as read, in
 * hundredths (a percentage as a fraction), or a value derived from rows (`revenueFromShare`,
 * `residualShare`). That is a match by value, said so in the note: a source or note of the parameter's own
 * replaces it. A parameter the scenario leaves out is listed with the model's default and a note saying so.
 */
import type { KnownRead } from "../data/known.ts";
import type { Assumption, Provenance } from "../samples/assumption.ts";
import { provenanceOf } from "../scenario/provenance.ts";
import type { CompiledScenario } from "./compile.ts";

/** A fixture row as cited: `canalys-china-shares-quarterly rows[15] (2019Q3, alibaba, share)`. */
export function rowCitation(read: KnownRead): string {
  return `${read.fixture} rows[${read.row}] (${[read.period, read.provider, read.metric].filter((x) => x !== undefined).join(", ")})`;
}

/** The note of a parameter the scenario leaves out (the model's default stands in). */
export const DEFAULT_NOTE = "not set by the scenario: the model's default";

interface Match {
  read: KnownRead;
  how: string;
}

/** The reads a number could have come from, by number: the value, the value / 100, a derived value. */
function readIndex(reads: readonly KnownRead[]): Map<number, Match[]> {
  const index = new Map<number, Match[]>();
  const add = (value: number, match: Match) => {
    if (value === 0 || !Number.isFinite(value)) return;
    const list = index.get(value) ?? [];
    if (!list.some((m) => m.read.fixture === match.read.fixture && m.read.row === match.read.row)) list.push(match);
    index.set(value, list);
  };
  for (const read of reads) {
    if (read.use !== "input") continue;
    if (read.derived !== undefined) add(read.derived.value, { read, how: read.derived.how });
    else if (read.value !== null) {
      add(read.value, { read, how: "as read" });
      add(read.value / 100, { read, how: "/ 100" });
    }
  }
  return index;
}

function matchedProvenance(fields: Array<[string, number]>, index: Map<number, Match[]>): Provenance | undefined {
  const notes: string[] = [];
  const rows: string[] = [];
  let asOf: string | undefined;
  for (const [field, value] of fields) {
    const matches = index.get(value);
    if (matches === undefined) continue;
    const hows = [...new Set(matches.map((m) => m.how))];
    const cites = hows.map((how) => {
      const rowsOf = matches.filter((m) => m.how === how).map((m) => rowCitation(m.read)).join(", ");
      return how === "as read" ? rowsOf : how === "/ 100" ? `${rowsOf} / 100` : `${how} of ${rowsOf}`;
    });
    notes.push(`${field === "" ? "" : `${field} = `}${cites.join(" or ")}`);
    for (const m of matches) {
      const row = `${m.read.fixture} rows[${m.read.row}]`;
      if (!rows.includes(row)) rows.push(row);
      if (m.read.published !== "undated" && (asOf === undefined || m.read.published > asOf)) asOf = m.read.published;
    }
  }
  if (rows.length === 0) return undefined;
  return { source: `fixtures: ${rows.join(", ")}`, ...(asOf === undefined ? {} : { asOf }), note: `matched by value: ${notes.join("; ")}` };
}

function merged(own: Provenance | undefined, found: Provenance | undefined): Provenance {
  // A source of its own replaces what matching by value found.
  const matched = own?.source === undefined ? found : undefined;
  const out: Provenance = {};
  const source = own?.source ?? matched?.source;
  const asOf = own?.asOf ?? matched?.asOf;
  const note = [own?.note, matched?.note].filter((x) => x !== undefined).join("; ");
  if (source !== undefined) out.source = source;
  if (asOf !== undefined) out.asOf = asOf;
  if (note !== "") out.note = note;
  return out;
}

/**
 * The assumptions of a compiled scenario: parameters (in slot order), then benchmarks, then the fixture rows
 * read as inputs (in the order read, each once), each with its provenance. Plain data.
 *
 * @example assumptionsOf(prepare(deutscheBank).compiled)[0]
 * // { path: "providers.alibaba.model.start", kind: "parameter", value: 1.305, source: "fixtures: canalys-china-shares-quarterly rows[...], ...", ... }
 */
export function assumptionsOf(compiled: CompiledScenario): Assumption[] {
  const { parameters, benchmarks, reads } = provenanceOf(compiled.scenario);
  const index = readIndex(reads);
  const out: Assumption[] = [];
  for (const slot of compiled.slots) {
    const spec = slot.distribution?.spec as Readonly<Record<string, unknown>> | undefined;
    const fields: Array<[string, number]> = spec === undefined
      ? [["", slot.constant]]
      : Object.entries(spec).filter((e): e is [string, number] => typeof e[1] === "number");
    const own = parameters.get(slot.key);
    const said = own?.source !== undefined || own?.note !== undefined;
    const provenance = slot.defaulted === true && !said ? { note: DEFAULT_NOTE } : merged(own, said ? undefined : matchedProvenance(fields, index));
    out.push({ path: slot.key, kind: "parameter", ...(spec === undefined ? { value: slot.constant } : { distribution: { ...spec } }), ...provenance });
  }
  for (const benchmark of compiled.scenario.benchmarks ?? []) {
    const own = benchmarks.get(benchmark.id);
    out.push({ path: `benchmarks.${benchmark.id}`, kind: "benchmark", value: benchmark.value, ...merged({ ...own, source: benchmark.source }, undefined) });
  }
  const listed = new Set<string>();
  for (const read of reads) {
    const path = `fixtures.${read.fixture}.rows[${read.row}]`;
    if (read.use !== "input" || listed.has(path)) continue;
    listed.add(path);
    const note = [read.period, read.provider, read.metric].filter((x) => x !== undefined).join(", ");
    out.push({ path, kind: "input", ...(read.value === null ? {} : { value: read.value }), source: read.source, ...(read.published === "undated" ? {} : { asOf: read.published }), note });
  }
  return out;
}
