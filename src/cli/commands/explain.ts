import { assumptionsOf } from "../../engine/assumptions.ts";
import { prepare } from "../../engine/prepare.ts";
import type { Assumption } from "../../samples/assumption.ts";
import { defineCommand } from "../command.ts";
import { DEFAULT_SCENARIO, loadScenarioFile } from "../load.ts";
import { optionWithDefault } from "../optionTable.ts";
import { choice, SCENARIO_FILE } from "../options.ts";

const WIDTH = 80;
const FLAG = "[no source]";

/** A number as explain prints it: up to 6 significant digits, no trailing zeros. */
function show(value: unknown): string {
  if (typeof value !== "number") return String(value);
  return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(6)));
}

/** `= 1.305` for a constant, `~ uniform(min 0.1, max 0.35)` for a distribution. */
function valueText(item: Assumption): string {
  if (item.distribution === undefined) return item.value === undefined ? "" : ` = ${show(item.value)}`;
  const { dist, ...fields } = item.distribution;
  const list = Object.entries(fields).map(([k, v]) => `${k} ${Array.isArray(v) ? `[${v.map(show).join(", ")}]` : show(v)}`);
  return ` ~ ${String(dist)}(${list.join(", ")})`;
}

/**
 * Words of `text` in lines of at most `width` columns: the first after `indent`, the others two columns
 * further in (a word longer than a line, such as a long address, is cut across lines).
 */
function wrap(text: string, indent: string, width: number): string[] {
  const out: string[] = [];
  let line = "";
  const lead = () => (out.length === 0 ? indent : `${indent}  `);
  const room = width - indent.length - 2;
  const words = text.split(/\s+/).filter((w) => w !== "").flatMap((w) => (w.length <= room ? [w] : (w.match(new RegExp(`.{1,${room}}`, "g")) ?? [w])));
  for (const word of words) {
    if (line !== "" && lead().length + line.length + 1 + word.length > width) {
      out.push(lead() + line);
      line = word;
    } else line = line === "" ? word : `${line} ${word}`;
  }
  if (line !== "") out.push(lead() + line);
  return out;
}

const KINDS: ReadonlyArray<[Assumption["kind"], string]> = [["parameter", "parameters"], ["benchmark", "benchmarks"], ["input", "fixture rows read"]];

/**
 * The assumptions as text of at most 80 columns: a heading with the counts, then each assumption under its
 * kind with its value, source, as-of date and note; one without a source is flagged `[no source]`.
 */
export function explainText(scenario: string, items: readonly Assumption[]): string {
  const unsourced = items.filter((item) => item.source === undefined);
  const bare = unsourced.filter((item) => item.note === undefined);
  const counts = KINDS.map(([kind, name]) => `${items.filter((i) => i.kind === kind).length} ${name}`).join(", ");
  const lines = wrap(`${scenario}: ${items.length} assumptions (${counts}); ${unsourced.length === 0 ? "every one has a source" : `${unsourced.length} without a source (${bare.length} without a note either)`}`, "", WIDTH);
  for (const [kind, name] of KINDS) {
    const group = items.filter((item) => item.kind === kind);
    if (group.length === 0) continue;
    lines.push("", `${name}:`);
    for (const item of group) {
      lines.push(...wrap(`${item.path}${valueText(item)}`, "  ", WIDTH));
      lines.push(...(item.source === undefined ? [`    ${FLAG}`] : wrap(`source: ${item.source}`, "    ", WIDTH)));
      if (item.asOf !== undefined) lines.push(`    as of: ${item.asOf}`);
      if (item.note !== undefined) lines.push(...wrap(`note: ${item.note}`, "    ", WIDTH));
    }
  }
  return `${lines.join("\n")}\n`;
}

/** `sharecast explain`: every assumption of a scenario with its source, flagging those without one. */
export const explainCommand = defineCommand({
  description: "List every assumption of a scenario (parameters, benchmarks, fixture rows read) with its source, as-of date and note; flags those without a source.",
  arguments: [{ name: "[scenario]", description: SCENARIO_FILE, fallback: DEFAULT_SCENARIO }],
  options: {
    format: optionWithDefault("--format <format>", "output on stdout: text (80 columns) or json", choice(["text", "json"]), "text"),
  },
  async action([file], flags) {
    const run = prepare(await loadScenarioFile(file as string));
    const items = assumptionsOf(run.compiled);
    const text = flags.format === "json"
      ? `${JSON.stringify({ scenario: run.scenario.name, scenarioHash: run.hash, assumptions: items }, null, 2)}\n`
      : explainText(run.scenario.name, items);
    process.stdout.write(text);
  },
});
