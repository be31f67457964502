import { mean, sampleStandardDeviation } from "simple-statistics";
import type { MetricName, SampleStore } from "../engine/store.ts";
import { quantileName, quantiles } from "./quantile.ts";

/** One summary row: a cell's mean, sample standard deviation and quantiles (R type 7) across paths. */
export interface SummaryRow {
  period: string;
  segment: string;
  provider: string;
  metric: MetricName;
  mean: number;
  sd: number;
  [quantile: `p${string}`]: number;
}

const METRICS: readonly MetricName[] = ["revenue", "share"];

/** Summarises every cell of the store, in the order period, segment, provider, metric. */
export function summarise(store: SampleStore, probabilities: readonly number[]): SummaryRow[] {
  const names = probabilities.map(quantileName);
  const rows: SummaryRow[] = [];
  store.periods.forEach((period, p) => {
    store.segments.forEach((segment, g) => {
      store.providers.forEach((provider, k) => {
        for (const metric of METRICS) {
          const values = store.cell(metric, g, k, p);
          const m = mean(values as unknown as number[]);
          const row: SummaryRow = {
            period,
            segment,
            provider,
            metric,
            mean: m,
            sd: values.length > 1 ? sampleStandardDeviation(values as unknown as number[]) : 0,
          };
          const qs = quantiles(values, probabilities);
          names.forEach((name, j) => {
            row[name as `p${string}`] = qs[j];
          });
          rows.push(row);
        }
      });
    });
  });
  return rows;
}
