/** Distribution specifications as written in scenarios: a plain object tagged by `dist`. */

export interface NormalSpec { dist: "normal"; mean: number; sd: number }
/** Lognormal: log X ~ Normal(meanLog, sdLog). */
export interface LognormalSpec { dist: "lognormal"; meanLog: number; sdLog: number }
export interface UniformSpec { dist: "uniform"; min: number; max: number }
export interface TriangularSpec { dist: "triangular"; min: number; mode: number; max: number }
/** PERT: a beta on [min, max] with mode `mode`; `shape` (default 4) weights the mode. */
export interface PertSpec { dist: "pert"; min: number; mode: number; max: number; shape?: number }
/** Beta(alpha, beta), optionally rescaled to [min, max] (default [0, 1]). */
export interface BetaSpec { dist: "beta"; alpha: number; beta: number; min?: number; max?: number }
/** A finite set of values with weights (normalised; default equal). */
export interface DiscreteSpec { dist: "discrete"; values: number[]; weights?: number[] }
/**
 * "From a 90% interval": the 5th and 95th percentiles, with the family that joins them
 * (`normal` by default; `lognormal` for positive quantities with a long right tail).
 */
export interface Interval90Spec { dist: "interval90"; low: number; high: number; family?: "normal" | "lognormal" }

export type DistributionSpec =
  | NormalSpec
  | LognormalSpec
  | UniformSpec
  | TriangularSpec
  | PertSpec
  | BetaSpec
  | DiscreteSpec
  | Interval90Spec;

export type DistributionKind = DistributionSpec["dist"];

/** A scenario number: a constant or a distribution sampled once per path. */
export type Param = number | DistributionSpec;
