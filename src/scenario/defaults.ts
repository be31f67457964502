/** Run settings with every default filled in (the defaults live here; `completeSettings` in engine/settings.ts fills them). */
export interface ScenarioDefaults {
  /** @defaultValue 10000 */
  paths: number;
  /** @defaultValue 42 */
  seed: number;
  /** @defaultValue [0.05, 0.25, 0.5, 0.75, 0.95] */
  quantiles: number[];
}

export const DEFAULT_PATHS = 10_000;
export const DEFAULT_SEED = 42;
export const DEFAULT_QUANTILES: readonly number[] = [0.05, 0.25, 0.5, 0.75, 0.95];
