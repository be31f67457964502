import type { Command } from "commander";
import { withFlags } from "../optionFlags.ts";
import { getField } from "../../explore/fieldPath.ts";
import { formatSolve } from "../../explore/format.ts";
import { solve } from "../../explore/solve.ts";
import { parseTarget } from "../../explore/statistic.ts";
import { InputError } from "../../core/issues.ts";
import { loadScenarioFile } from "../load.ts";
import { choice, nonNegativeInt, positiveInt } from "../main.ts";

/** Parses `--range lo,hi` (lo < hi). */
export function parseRange(text: string): [number, number] {
  const parts = text.split(",").map((s) => s.trim());
  const [lo, hi] = parts.map(Number);
  if (parts.length !== 2 || parts.some((p) => p === "") || !Number.isFinite(lo) || !Number.isFinite(hi) || !(lo < hi)) {
    throw new InputError([{ path: ["--range"], message: `expected lo,hi with finite numbers lo < hi, got ${JSON.stringify(text)}` }]);
  }
  return [lo, hi];
}

/**
 * `sharecast solve`: exit 0 with the value when found; when no value in the range reaches the target, exit 2
 * (the range or target given cannot be met) with a message on stderr naming the statistic at both ends, and
 * nothing on stdout (the rule for bad input: no output).
 */
export function registerSolve(program: Command): void {
  program
    .command("solve")
    .description("Find the value of one parameter at which a statistic meets a target (bracketing root finder on common random numbers).")
    .argument("<scenario>", "scenario file: .ts, .js, .yaml, .yml or .json")
    .requiredOption("--vary <path>", "field path of the parameter, e.g. providers.tencent.model.g0")
    .requiredOption("--target <stat=value>", "median(OUTPUT)=v, mean(OUTPUT)=v, pNN(OUTPUT)=v or prob(EVENT_ID)=v; OUTPUT is METRIC:PROVIDER:PERIOD[:SEGMENT]", (text: string) => withFlags({ target: "--target" }, () => parseTarget(text)))
    .option("--range <lo,hi>", "bracket searched (default: 0 to twice the field's value when it is a number; required otherwise)", parseRange)
    .option("--shift", "solve for a shift added to the field's location (keeps a distribution's spread)")
    .option("--paths <n>", "paths per run (default: the scenario's)", positiveInt("--paths", 100_000_000))
    .option("--seed <s>", "root seed of every run (default: the scenario's)", nonNegativeInt("--seed"))
    .addOption(choice("--format <format>", "output: table or json", ["table", "json"], "table"))
    .action(async (file: string, flags: { vary: string; target: ReturnType<typeof parseTarget>; range?: [number, number]; shift?: boolean; paths?: number; seed?: number; format: string }) => {
      const scenario = await loadScenarioFile(file);
      let range = flags.range;
      if (!range) {
        const current = getField(scenario, flags.vary);
        if (typeof current !== "number" || current === 0 || flags.shift) {
          throw new InputError([{ path: ["--range"], message: `expected a range: the field ${flags.vary} is not a non-zero number${flags.shift ? " (or --shift is set)" : ""}, got nothing (required)` }]);
        }
        range = [Math.min(0, 2 * current), Math.max(0, 2 * current)];
      }
      const result = withFlags({ outputs: "--output", target: "--target" }, () => solve(scenario, {
        path: flags.vary,
        target: flags.target,
        range,
        mode: flags.shift ? "shift" : "set",
        ...(flags.paths !== undefined && { paths: flags.paths }),
        ...(flags.seed !== undefined && { seed: flags.seed }),
      }));
      if (result.status === "not-bracketed") {
        throw new InputError([{ path: ["--target"], message: formatSolve(result).trimEnd().replace(/\n/g, "; ") }]);
      }
      process.stdout.write(flags.format === "json" ? `${JSON.stringify(result, null, 2)}\n` : formatSolve(result));
    });
}
