import { curveNames } from "../../curves/curve.ts";
import { fitDataYielding, parseFitCsv, type fitCsvText } from "../../curves/fitCsvText.ts";
import { InputError } from "../../core/issues.ts";
import { defineCommand } from "../command.ts";
import { defined } from "../../core/options.ts";
import { option, optionWithDefault, requiredOption } from "../optionTable.ts";
import { choice, namedNumbers, text } from "../options.ts";
import { inUserFile, readUserFile } from "../userFile.ts";

function formatFit(fit: ReturnType<typeof fitCsvText>): string {
  const lines = [`curve ${fit.curve}: ${fit.converged ? "converged" : `did not converge (${fit.reason})`} after ${fit.iterations} iterations`];
  lines.push(`rss ${fit.rss}`);
  for (const [name, value] of Object.entries(fit.params)) {
    const se = (fit.stderr as Record<string, number>)[name];
    lines.push(`${name.padEnd(4)} ${String(value).padStart(24)}  +/- ${Number.isFinite(se) ? String(se) : "n/a (undefined at the optimum)"}`);
  }
  return `${lines.join("\n")}\n`;
}

/** JSON replacer: numbers that are not finite (NaN, Infinity) become null. */
function finiteOrNull(_key: string, value: unknown): unknown {
  return typeof value === "number" && !Number.isFinite(value) ? null : value;
}

/** `sharecast fit`: a growth curve fitted to a CSV by nonlinear least squares. */
export const fitCommand = defineCommand({
  description: "Fit a growth curve to data by nonlinear least squares (t, value columns with a header row).",
  arguments: [{ name: "<data.csv>", description: "CSV file: a header row, then t and the value in two numeric columns" }],
  options: {
    curve: requiredOption("--curve <name>", `${curveNames.slice(0, -1).join(", ")} or ${curveNames[curveNames.length - 1]}`, text()),
    start: option("--start <list>", "starting values, e.g. K=10,r=0.5,t0=3 (default: chosen from the data, several tried)", namedNumbers()),
    format: optionWithDefault("--format <format>", "output: table or json", choice(["table", "json"]), "table"),
  },
  async action([file], flags) {
    // Read as every file the user names is (size limit, UTF-8 or UTF-16 with its mark, the reason it cannot
    // be read); its problems name the file and are at most a few lines.
    const text = await readUserFile("data", file as string);
    const data = inUserFile("data", file as string, () => parseFitCsv(text));
    const fit = await fitDataYielding(data, flags.curve, flags.start);
    const document = {
      curve: fit.curve,
      params: fit.params,
      stderr: fit.stderr,
      rss: fit.rss,
      iterations: fit.iterations,
      converged: fit.converged,
      ...defined({ reason: fit.reason }),
    };
    if (!fit.converged) {
      // A fit that did not converge is no answer: JSON says so (converged false, the reason, no NaN: a
      // number that is not finite is null), the table prints nothing; either way one line and exit 2.
      if (flags.format === "json") process.stdout.write(`${JSON.stringify(document, finiteOrNull, 2)}\n`);
      throw new InputError([{ code: "fit_failed", path: ["data"], message: `the ${fit.curve} fit did not converge: ${fit.reason ?? "no reason given"}` }]);
    }
    process.stdout.write(flags.format === "json" ? `${JSON.stringify(document, finiteOrNull, 2)}\n` : formatFit(fit));
  },
});
