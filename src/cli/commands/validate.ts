import { prepare } from "../../engine/prepare.ts";
import { defineCommand } from "../command.ts";
import { loadScenarioFile } from "../load.ts";
import { SCENARIO_FILE } from "../options.ts";

/** `sharecast validate`: check a scenario and report every problem, without running it. */
export const validateCommand = defineCommand({
  description: "Check a scenario file and report every problem, without running it.",
  arguments: [{ name: "<scenario>", description: SCENARIO_FILE }],
  options: {},
  async action([file]) {
    const { scenario } = prepare(await loadScenarioFile(file as string));
    process.stdout.write(`${scenario.name}: valid (${scenario.providers.length} providers, ${scenario.calendar.start}-${scenario.calendar.end})\n`);
  },
});
