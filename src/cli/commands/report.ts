import type { Command } from "commander";
import { runScenario } from "../../engine/run.ts";
import { CHART_SELECTORS, chartFromSelector } from "../../report/charts/chartSelector.ts";
import { scenarioHistory } from "../../report/charts/scenarioHistory.ts";
import { reportHtml } from "../../report/html.ts";
import { InputError } from "../../scenario/issues.ts";
import { validateScenario } from "../../scenario/validate.ts";
import { DEFAULT_SCENARIO, loadScenarioFile } from "../load.ts";
import { choice, nonNegativeInt, positiveInt } from "../main.ts";
import { progressBar } from "../progress.ts";
import { renderChart } from "../render.ts";
import { writeAtomic } from "../write.ts";

interface ReportFlags {
  out: string;
  paths?: number;
  seed?: number;
  format: "html" | "svg" | "png";
  chart?: string;
  scale?: number;
  progress: boolean;
}

export function registerReport(program: Command): void {
  program
    .command("report")
    .description("Write a self-contained HTML report of a scenario (charts inline), or one chart as SVG or PNG.")
    .argument("[scenario]", "scenario file: .ts, .js, .yaml, .yml or .json", DEFAULT_SCENARIO)
    .requiredOption("--out <file>", "output file (report.html, chart.svg, chart.png)")
    .option("--paths <n>", "number of Monte Carlo paths (default: the scenario's, else 10000)", positiveInt("--paths", 100_000_000))
    .option("--seed <s>", "root random seed (default: the scenario's, else 42)", nonNegativeInt("--seed"))
    .addOption(choice("--format <format>", "html (the report), or svg or png (one chart, see --chart)", ["html", "svg", "png"], "html"))
    .option("--chart <selector>", `the chart for --format svg|png: ${CHART_SELECTORS} (default: fan)`)
    .option("--scale <n>", "PNG pixels per SVG unit (default 2)", positiveInt("--scale", 8))
    .option("--no-progress", "never show a progress bar")
    .action(async (file: string, flags: ReportFlags) => {
      if (flags.chart !== undefined && flags.format === "html") {
        throw new InputError([{ path: ["--chart"], message: `expected --format svg or png with --chart, got --format html` }]);
      }
      const scenario = validateScenario(await loadScenarioFile(file));
      const bar = flags.progress ? progressBar() : null;
      let result;
      try {
        result = runScenario(scenario, {
          ...(flags.paths !== undefined && { paths: flags.paths }),
          ...(flags.seed !== undefined && { seed: flags.seed }),
          ...(bar && { onProgress: bar.update }),
        });
      } finally {
        bar?.stop();
      }
      const names = Object.fromEntries(scenario.providers.filter((p) => p.name).map((p) => [p.id, p.name as string]));
      const history = scenarioHistory(scenario);
      if (flags.format === "html") {
        await writeAtomic(flags.out, await reportHtml(result, { names, history }));
      } else {
        const spec = chartFromSelector(result, flags.chart ?? "fan", { names, history });
        await writeAtomic(flags.out, await renderChart(spec, flags.format, { scale: flags.scale ?? 2 }));
      }
      process.stderr.write(`sharecast: wrote ${flags.out}\n`);
    });
}
