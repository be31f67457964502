import type { Command } from "commander";
import { readFile } from "node:fs/promises";
import { fitCsvText } from "../../curves/fitCsvText.ts";
import { InputError } from "../../core/issues.ts";
import { choice } from "../main.ts";

/** Parses `--start K=10,r=0.5` into a record of numbers. */
export function parseStart(text: string): Record<string, number> {
  const out: Record<string, number> = {};
  text.split(",").forEach((pair, k) => {
    const [name, value, ...rest] = pair.split("=").map((s) => s.trim());
    const number = Number(value);
    if (!name || value === undefined || value === "" || rest.length > 0 || !Number.isFinite(number)) {
      throw new InputError([{ path: ["--start", k], message: `expected name=value with a finite number, got ${JSON.stringify(pair)}` }]);
    }
    out[name] = number;
  });
  return out;
}

function formatFit(fit: ReturnType<typeof fitCsvText>): string {
  const lines = [`curve ${fit.curve}: ${fit.converged ? "converged" : `did not converge (${fit.reason})`} after ${fit.iterations} iterations`];
  lines.push(`rss ${fit.rss}`);
  for (const [name, value] of Object.entries(fit.params)) {
    lines.push(`${name.padEnd(4)} ${String(value).padStart(24)}  +/- ${String((fit.stderr as Record<string, number>)[name])}`);
  }
  return `${lines.join("\n")}\n`;
}

export function registerFit(program: Command): void {
  program
    .command("fit")
    .description("Fit a growth curve to data by nonlinear least squares (t, value columns with a header row).")
    .argument("<data.csv>", "CSV file: a header row, then t and the value in two numeric columns")
    .requiredOption("--curve <name>", "linear, exponential, saturating, logistic, richards, gompertz or bass")
    .option("--start <list>", "starting values, e.g. K=10,r=0.5,t0=3 (default: chosen from the data, several tried)", parseStart)
    .addOption(choice("--format <format>", "output: table or json", ["table", "json"], "table"))
    .action(async (file: string, flags: { curve: string; start?: Record<string, number>; format: string }) => {
      let text: string;
      try {
        text = await readFile(file, "utf8");
      } catch {
        throw new InputError([{ path: ["data"], message: `cannot read file ${JSON.stringify(file)}` }]);
      }
      const fit = fitCsvText(text, flags.curve, flags.start);
      const document = {
        curve: fit.curve,
        params: fit.params,
        stderr: fit.stderr,
        rss: fit.rss,
        iterations: fit.iterations,
        converged: fit.converged,
        ...(fit.reason !== undefined && { reason: fit.reason }),
      };
      process.stdout.write(flags.format === "json" ? `${JSON.stringify(document, null, 2)}\n` : formatFit(fit));
    });
}
