import type { SensitivityOptions } from "../engine/sensitivity.ts";
import { defined } from "../core/options.ts";

/** The command-line options a sensitivity analysis reads (`sensitivity` and `report`). */
export interface SensitivityFlags {
  paths?: number;
  seed?: number;
  sobolN?: number;
  bootstrap?: number;
}

/**
 * The library options of a sensitivity analysis of `output` from command-line options: only those given,
 * and a Saltelli base size of at least 2 (the design's minimum).
 */
export function sensitivityOptions(output: string, flags: SensitivityFlags): SensitivityOptions {
  return {
    output,
    ...defined({ paths: flags.paths, seed: flags.seed, sobolN: flags.sobolN === undefined ? undefined : Math.max(2, flags.sobolN), bootstrap: flags.bootstrap }),
  };
}
