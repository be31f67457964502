import { providerHistory } from "../../scenario/fiscalHistory.ts";
import type { ProviderFiscalYear } from "../../scenario/outputsSchema.ts";
import type { HistoryPoint } from "./fanChart.ts";

/** What {@link scenarioHistory} reads of a scenario: its providers' reported revenue. */
export interface ScenarioWithHistory {
  providers: ReadonlyArray<{ id: string; fiscalYear?: ProviderFiscalYear; history?: ReadonlyArray<{ period: string; revenue: number }> }>;
}

/**
 * A scenario's reported history as chart points: revenue as given, and shares for the periods in which
 * every provider has a reported revenue (share = revenue / sum over providers). Empty when the scenario
 * has no history.
 *
 * @example scenarioHistory(scenario).share.filter((h) => h.provider === "tencent")
 */
export function scenarioHistory(scenario: ScenarioWithHistory): { revenue: HistoryPoint[]; share: HistoryPoint[] } {
  const revenue: HistoryPoint[] = [];
  const byPeriod = new Map<string, Map<string, number>>();
  for (const provider of scenario.providers) {
    // Fiscal periods in calendar terms; a fiscal year that is not a calendar year (a span) has no point.
    for (const h of providerHistory(provider).filter((entry) => !entry.period.includes("-"))) {
      revenue.push({ provider: provider.id, period: h.period, value: h.revenue });
      const cell = byPeriod.get(h.period) ?? new Map<string, number>();
      cell.set(provider.id, h.revenue);
      byPeriod.set(h.period, cell);
    }
  }
  const share: HistoryPoint[] = [];
  for (const [period, cell] of byPeriod) {
    if (cell.size !== scenario.providers.length) continue;
    let total = 0;
    for (const value of cell.values()) total += value;
    if (!(total > 0)) continue;
    for (const provider of scenario.providers) share.push({ provider: provider.id, period, value: cell.get(provider.id)! / total });
  }
  return { revenue, share };
}
