import type { CompiledScenario } from "./compile.ts";
import { CHUNK_SIZE, type ChunkValues } from "./kernel.ts";

export type MetricName = "revenue" | "share";

/**
 * Every simulated value, cell by cell: for each (segment, provider, period) one Float64Array of all paths
 * per metric. Chunks may arrive in any order; each lands at its own paths.
 */
export class SampleStore {
  readonly paths: number;
  readonly segments: readonly string[];
  readonly providers: readonly string[];
  readonly periods: readonly string[];
  private readonly revenue: Float64Array[];
  private readonly share: Float64Array[];

  constructor(compiled: CompiledScenario, paths: number) {
    this.paths = paths;
    this.segments = compiled.outputSegments;
    this.providers = compiled.providers;
    this.periods = compiled.periods;
    const cells = this.segments.length * this.providers.length * this.periods.length;
    this.revenue = Array.from({ length: cells }, () => new Float64Array(paths));
    this.share = Array.from({ length: cells }, () => new Float64Array(paths));
  }

  cellIndex(segment: number, provider: number, period: number): number {
    return (segment * this.providers.length + provider) * this.periods.length + period;
  }

  /** Copies one chunk's values into place. */
  add(values: ChunkValues): void {
    const first = values.chunk * CHUNK_SIZE;
    const n = values.paths;
    for (let cell = 0; cell < this.revenue.length; cell++) {
      this.revenue[cell].set(values.revenue.subarray(cell * n, (cell + 1) * n), first);
      this.share[cell].set(values.share.subarray(cell * n, (cell + 1) * n), first);
    }
  }

  /** All paths' values of one cell (a view; do not mutate). */
  cell(metric: MetricName, segment: number, provider: number, period: number): Float64Array {
    const index = this.cellIndex(segment, provider, period);
    return metric === "revenue" ? this.revenue[index] : this.share[index];
  }

  segmentIndex(name: string | undefined): number {
    return this.segments.indexOf(name ?? "total");
  }

  providerIndex(id: string): number {
    return this.providers.indexOf(id);
  }

  periodIndex(label: string): number {
    return this.periods.indexOf(label);
  }
}
