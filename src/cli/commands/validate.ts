import type { Command } from "commander";
import { prepare } from "../../engine/prepare.ts";
import { loadScenarioFile } from "../load.ts";

export function registerValidate(program: Command): void {
  program
    .command("validate")
    .description("Check a scenario file and report every problem, without running it.")
    .argument("<scenario>", "scenario file: .ts, .js, .yaml, .yml or .json")
    .action(async (file: string) => {
      const { scenario } = prepare(await loadScenarioFile(file));
      process.stdout.write(`${scenario.name}: valid (${scenario.providers.length} providers, ${scenario.calendar.start}-${scenario.calendar.end})\n`);
    });
}
