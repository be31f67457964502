import type { InputIssue } from "../core/issues.ts";
import type { Scenario } from "./schema.ts";

/**
 * The rules that relate `reportedBy` to the rest of a scenario: every event, benchmark and the
 * `outputs` block that names a source names one declared in `observations`, and a scenario conditioned on actuals (`condition`) asks
 * none (its weighted or resampled paths are not seen through a source).
 *
 * @example observationIssues(scenario) // [{ path: ["benchmarks", 0, "reportedBy"], message: "expected a source declared in observations (canalys), got \"idc\"" }]
 */
export function observationIssues(scenario: Scenario): InputIssue[] {
  const out: InputIssue[] = [];
  const declared = scenario.observations ?? {};
  const names = Object.keys(declared);
  const check = (reportedBy: string | undefined, path: Array<string | number>) => {
    if (reportedBy === undefined) return;
    if (!Object.hasOwn(declared, reportedBy)) {
      const list = names.length === 0 ? "none declared" : names.join(", ");
      out.push({ code: "unknown_reference", path, message: `expected a source declared in observations (${list}), got ${JSON.stringify(reportedBy)}` });
    } else if (scenario.condition !== undefined) {
      out.push({ code: "conflict", path, message: `expected no reportedBy in a scenario with a condition block (conditioned paths are not seen through a source), got ${JSON.stringify(reportedBy)}` });
    }
  };
  check(scenario.outputs?.reportedBy, ["outputs", "reportedBy"]);
  (scenario.events ?? []).forEach((event, k) => check(event.reportedBy, ["events", k, "reportedBy"]));
  (scenario.benchmarks ?? []).forEach((benchmark, k) => check(benchmark.reportedBy, ["benchmarks", k, "reportedBy"]));
  return out;
}
