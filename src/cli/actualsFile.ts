import { keepDefinition } from "../scenario/defineScenario.ts";
import { parseUserData, readUserFile } from "./userFile.ts";

/**
 * `sharecast run SCENARIO --actuals FILE`: the scenario with FILE (YAML, or JSON for `.json`) as its
 * `condition` block, replacing any it has; the block is validated with the scenario, so a problem in it
 * is reported as `condition.actuals[0].value: ...` (exit 2, before anything is simulated).
 *
 * @throws InputError `--actuals FILE: ...` when the file cannot be read or is not an object.
 */
export async function withActualsFile(scenario: unknown, file: string): Promise<unknown> {
  const condition = parseUserData(await readUserFile("--actuals", file), "--actuals", file, "a condition block (method, sigma, actuals)");
  if (typeof scenario !== "object" || scenario === null) return scenario;
  return keepDefinition(scenario, { ...(scenario as Record<string, unknown>), condition });
}
