import { dirname, join } from "node:path";
import { InputError } from "../../core/issues.ts";
import { defineCommand } from "../command.ts";
import { emitResult } from "../emit.ts";
import { option, optionWithDefault, switchOption } from "../optionTable.ts";
import { choice, flag, pathText } from "../options.ts";
import { wideOption } from "../terminalWidth.ts";
import { mergePartials, planFromPartials } from "../workers/mergePartials.ts";
import { readPartial } from "../workers/partial.ts";
import { planName } from "../workers/shardPlan.ts";

/**
 * `sharecast merge`: the partials of `run --shard i/N`, in two rounds (docs/shards.md). Round-1 partials
 * give the plan of round 2 (written to --plan, by default plan-of-N.json beside the first partial);
 * round-2 partials with --plan give the whole run's result, byte for byte as an unsharded run.
 */
export const mergeCommand = defineCommand({
  description: "Combine the partial results of `run --shard i/N` (every shard once): round-1 partials give the plan of round 2, round-2 partials with --plan give the result of the whole run.",
  arguments: [{ name: "<partials...>", description: "partial result files of one round, partial-<i>-of-<N>.bin or values-<i>-of-<N>.bin, in any order" }],
  options: {
    plan: option("--plan <file>", "round 1: where to write the plan (default plan-of-N.json beside the first partial); round 2: the plan the shards ran under", pathText()),
    format: optionWithDefault("--format <format>", "output on stdout: table, json or csv", choice(["table", "json", "csv"]), "table"),
    wide: wideOption,
    out: option("--out <dir>", "also write result.json and summary.csv into this directory", pathText()),
    progress: switchOption("--no-progress", "never show a progress bar", flag()),
  },
  async action([files], flags) {
    const list = files as string[];
    const first = list.length > 0 ? readPartial(list[0], ["partials", 0]).header : null;
    if (!first || first.round === 1) {
      if (!first) return void planFromPartials(list, "");
      const planFile = flags.plan ?? join(dirname(list[0]), planName(first.shard.count));
      planFromPartials(list, planFile);
      process.stderr.write(`sharecast: round 1 of ${first.shard.count} shards merged; wrote the plan ${planFile}. Run every shard again with --plan ${planFile}, then merge the values-*-of-${first.shard.count}.bin files with --plan.\n`);
      return;
    }
    if (!flags.plan) {
      throw new InputError([{ code: "required", path: ["--plan"], message: "expected the plan the round-2 shards ran under (plan-of-N.json), got none" }]);
    }
    await emitResult(mergePartials(list, flags.plan), flags);
  },
});
