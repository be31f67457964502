import { checkExtension } from "../destination.ts";
import { InputError } from "../../core/issues.ts";
import { CHART_SELECTORS, chartFromSelector } from "../../report/charts/chartSelector.ts";
import { DEFAULT_CHART } from "../../report/charts/chartRegistry.ts";
import { reportHtml } from "../../report/html.ts";
import { Result } from "../../samples/result.ts";
import { defineCommand } from "../command.ts";
import { defined } from "../../core/options.ts";
import { emitResult } from "../emit.ts";
import { option, optionWithDefault } from "../optionTable.ts";
import { choice, positiveInt, text, pathText } from "../options.ts";
import { DEFAULT_PNG_SCALE, renderChart } from "../render.ts";
import { parseJsonText } from "../text.ts";
import { wideOption } from "../terminalWidth.ts";
import { inUserFile, readUserFile } from "../userFile.ts";
import { writeAtomic } from "../write.ts";

/** Reads a saved result (`run --out DIR` wrote DIR/result.json; `run --format json` prints one). */
export async function readResultFile(file: string): Promise<Result> {
  const content = await readUserFile("result", file);
  return inUserFile("result", file, () => Result.fromJSON(parseJsonText(content, file, "result")));
}

/** `sharecast show`: a saved result as a table, JSON, CSV, an HTML report or one chart, without simulating. */
export const showCommand = defineCommand({
  description: "Show a saved result (result.json of run --out, or run --format json) as a table, JSON, CSV, a report or a chart, without simulating again.",
  arguments: [{ name: "<result>", description: "the saved result, a .json file" }],
  options: {
    format: optionWithDefault("--format <format>", "table, json or csv on stdout; html (the report), svg or png (one chart, see --chart) into --out", choice(["table", "json", "csv", "html", "svg", "png"]), "table"),
    out: option("--out <file>", "output file of --format html, svg or png", pathText()),
    chart: option("--chart <selector>", `the chart for --format svg|png: ${CHART_SELECTORS} (default: ${DEFAULT_CHART}); histograms need samples, which a saved result does not keep`, text()),
    scale: option("--scale <n>", `PNG pixels per SVG unit (default ${DEFAULT_PNG_SCALE})`, positiveInt(8)),
    wide: wideOption,
  },
  fields: { chart: "--chart" },
  async action([file], flags) {
    const drawn = flags.format === "html" || flags.format === "svg" || flags.format === "png";
    if (drawn && flags.out === undefined) throw new InputError([{ code: "required", path: ["--out"], message: `expected an output file for --format ${flags.format}, got none` }]);
    if (!drawn && flags.out !== undefined) throw new InputError([{ code: "conflict", path: ["--out"], message: `expected --format html, svg or png with --out (tables go to stdout), got --format ${flags.format}` }]);
    if (flags.chart !== undefined && flags.format !== "svg" && flags.format !== "png") {
      throw new InputError([{ code: "conflict", path: ["--chart"], message: `expected --format svg or png with --chart, got --format ${flags.format}` }]);
    }
    if (flags.scale !== undefined && flags.format !== "png") {
      throw new InputError([{ code: "conflict", path: ["--scale"], message: `expected --format png with --scale (pixels per SVG unit), got --format ${flags.format}` }]);
    }
    if (flags.chart?.startsWith("histogram")) {
      throw new InputError([{ code: "invalid_value", path: ["--chart"], message: `expected a chart a saved result can draw (a histogram needs the samples, which it does not keep: use sharecast report), got ${JSON.stringify(flags.chart)}` }]);
    }
    if (flags.out !== undefined) checkExtension("--out", flags.out, flags.format);
    const result = await readResultFile(file as string);
    if (flags.format === "table" || flags.format === "json" || flags.format === "csv") return emitResult(result, { format: flags.format, wide: flags.wide });
    const out = flags.out!;
    if (flags.format === "html") await writeAtomic(out, await reportHtml(result), "--out");
    else await writeAtomic(out, await renderChart(chartFromSelector(result, flags.chart ?? DEFAULT_CHART), flags.format, defined({ scale: flags.scale })), "--out");
    process.stderr.write(`sharecast: wrote ${out}\n`);
  },
});
