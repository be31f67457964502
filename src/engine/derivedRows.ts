import type { SampleStore } from "../samples/store.ts";
import type { SummaryRow } from "../samples/summaries.ts";
import type { CompiledScenario } from "./compile.ts";

export function wantsDerivedRows(_compiled: CompiledScenario): boolean {
  return false;
}

export function derivedRows(_compiled: CompiledScenario, _store: SampleStore, _weights: Float64Array | null): SummaryRow[] {
  return [];
}
