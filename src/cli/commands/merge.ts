import { defineCommand } from "../command.ts";
import { defined } from "../../core/options.ts";
import { emitResult } from "../emit.ts";
import { option, optionWithDefault, switchOption } from "../optionTable.ts";
import { choice, flag, text } from "../options.ts";
import { progressBar } from "../progress.ts";
import { wideOption } from "../terminalWidth.ts";
import { mergePartials } from "../workers/mergePartials.ts";

/** `sharecast merge`: the partial results of `run --shard i/N` combined into the whole run's result. */
export const mergeCommand = defineCommand({
  description: "Combine the partial results of `run --shard i/N` (every shard once) into the result of the whole run.",
  arguments: [{ name: "<partials...>", description: "partial result files, partial-<i>-of-<N>.bin, in any order" }],
  options: {
    format: optionWithDefault("--format <format>", "output on stdout: table, json or csv", choice(["table", "json", "csv"]), "table"),
    wide: wideOption,
    out: option("--out <dir>", "also write result.json and summary.csv into this directory", text()),
    progress: switchOption("--no-progress", "never show a progress bar", flag()),
  },
  async action([files], flags) {
    const bar = flags.progress ? progressBar() : null;
    let result;
    try {
      result = mergePartials(files as string[], defined({ onProgress: bar?.update }));
    } finally {
      bar?.stop();
    }
    await emitResult(result, flags);
  },
});
