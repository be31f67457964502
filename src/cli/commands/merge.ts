import type { Command } from "commander";
import { choice } from "../main.ts";
import { progressBar } from "../progress.ts";
import { mergePartials } from "../workers/mergePartials.ts";
import { emitResult } from "../emit.ts";

interface MergeFlags {
  format: "table" | "json" | "csv";
  out?: string;
  progress: boolean;
}

export function registerMerge(program: Command): void {
  program
    .command("merge")
    .description("Combine the partial results of `run --shard i/N` (every shard once) into the result of the whole run.")
    .argument("<partials...>", "partial result files, partial-<i>-of-<N>.bin, in any order")
    .addOption(choice("--format <format>", "output on stdout: table, json or csv", ["table", "json", "csv"], "table"))
    .option("--out <dir>", "also write result.json and summary.csv into this directory")
    .option("--no-progress", "never show a progress bar")
    .action(async (files: string[], flags: MergeFlags) => {
      const bar = flags.progress ? progressBar() : null;
      let result;
      try {
        result = mergePartials(files, { ...(bar && { onProgress: bar.update }) });
      } finally {
        bar?.stop();
      }
      await emitResult(result, flags);
    });
}
