import { checkExtension } from "../destination.ts";
import { prepare } from "../../engine/prepare.ts";
import { sensitivityInputs, sensitivityYielding } from "../../engine/sensitivity.ts";
import { VERSION } from "../../core/version.ts";
import { defined } from "../../core/options.ts";
import type { Scenario } from "../../scenario/schema.ts";
import { DEFAULT_SEED } from "../../scenario/defaults.ts";
import { playHtml } from "../../report/playPage.ts";
import { playControls } from "../../report/playModel.ts";
import { playEngine, vegaScripts } from "../browserAssets.ts";
import { defineCommand } from "../command.ts";
import { DEFAULT_SCENARIO, loadScenarioFile } from "../load.ts";
import { option, optionWithDefault, requiredOption } from "../optionTable.ts";
import { MAX_PATHS, nonNegativeInt, positiveInt, SCENARIO_FILE, text } from "../options.ts";
import { oneThreadWorkersOption } from "../workersOption.ts";
import { writeAtomic } from "../write.ts";

/** Paths the playground runs per move: enough for stable medians, fast enough to follow a slider. */
export const PLAY_PATHS = 2000;

/**
 * The output whose sensitivity ranks the sliders when none is given: the first threshold event on one
 * provider, else the first benchmark on one provider, else the first provider's share in the last complete
 * year (or quarter).
 */
function defaultOutput(scenario: Scenario): string {
  const event = (scenario.events ?? []).find((e) => e.kind === "threshold" && typeof e.provider === "string");
  if (event && event.kind === "threshold") return `${event.metric}:${event.provider}:${event.period}`;
  const benchmark = (scenario.benchmarks ?? []).find((b) => typeof b.provider === "string");
  if (benchmark) return `${benchmark.metric}:${benchmark.provider}:${benchmark.period}`;
  const { start, end } = scenario.calendar;
  const lastYear = Number(end.slice(0, 4)) - (end.endsWith("Q4") ? 0 : 1);
  // The last complete year, or the last quarter when the calendar holds no complete year.
  return `share:${scenario.providers[0].id}:${`${lastYear}Q1` >= start ? lastYear : end}`;
}

/** The scenario as plain JSON data: the file's own object when JSON carries it whole, else the validated one. */
function plainScenario(raw: unknown, hash: string, validated: Scenario): Record<string, unknown> {
  const copy = JSON.parse(JSON.stringify(raw)) as Record<string, unknown>;
  try {
    if (prepare(copy).hash === hash) return copy;
  } catch {
    // The file holds what JSON cannot carry; the validated scenario is plain data.
  }
  return JSON.parse(JSON.stringify(validated)) as Record<string, unknown>;
}

/** `sharecast play`: a what-if playground page of a scenario, rerun in the browser as sliders move. */
export const playCommand = defineCommand({
  description: "Write a self-contained what-if page of a scenario: sliders for its most influential parameters and event thresholds, rerun in the browser.",
  arguments: [{ name: "[scenario]", description: SCENARIO_FILE, fallback: DEFAULT_SCENARIO }],
  options: {
    out: requiredOption("--out <file>", "output file (play.html)", text()),
    paths: optionWithDefault("--paths <n>", "Monte Carlo paths of every rerun in the page", positiveInt(MAX_PATHS), String(PLAY_PATHS)),
    seed: option("--seed <s>", `root random seed (default: the scenario's, else ${DEFAULT_SEED})`, nonNegativeInt()),
    output: option("--output <metric:provider:period>", "the output whose sensitivity picks the sliders (default: the first threshold event's cell)", text()),
    parameters: optionWithDefault("--parameters <n>", "parameter sliders, most influential first", positiveInt(50), "6"),
    workers: oneThreadWorkersOption,
  },
  fields: { output: "--output" },
  async action([file], flags) {
    checkExtension("--out", flags.out, "html", false);
    const raw = await loadScenarioFile(file as string);
    const prepared = prepare(raw, defined({ paths: flags.paths, seed: flags.seed }));
    const { scenario } = prepared;
    const output = flags.output ?? defaultOutput(scenario);
    // The ranking needs tornado swings only: a small Saltelli design keeps the analysis fast. A scenario
    // without uncertain parameters gets threshold sliders only.
    const uncertain = sensitivityInputs(prepared.compiled).length > 0;
    const ranked = uncertain ? (await sensitivityYielding(prepared, { output, sobolN: 64, bootstrap: 0 })).inputs : [];
    const settings = { paths: prepared.settings.paths, seed: prepared.settings.seed };
    const data = plainScenario(raw, prepared.hash, scenario);
    data.simulation = { ...((data.simulation as object | undefined) ?? {}), paths: settings.paths, seed: settings.seed };
    const controls = playControls(data, ranked, { parameters: flags.parameters });
    const [engine, vega] = await Promise.all([playEngine(), vegaScripts()]);
    const names = Object.fromEntries(scenario.providers.filter((p) => p.name).map((p) => [p.id, p.name as string]));
    const html = playHtml({ scenario: data, scenarioName: scenario.name, title: scenario.title, question: scenario.question, controls, settings, names, engine, vega, rankedBy: output, version: VERSION });
    await writeAtomic(flags.out, html, "--out");
    process.stderr.write(`sharecast: wrote ${flags.out} (${controls.length} sliders, ${settings.paths} paths per run)\n`);
  },
});
