// Compiles the shock structures of a scenario: market factors, loadings, Student-t idiosyncratic shocks,
// jumps, and the states of regime-switching models. The kernel applies them (engine/shockKernel.ts).
import type { InputIssue } from "../core/issues.ts";
import type { Distribution } from "../random/distribution.ts";
import { makeDistribution } from "../random/distributions.ts";
import type { ModelImpl } from "../models/modelTable.ts";
import type { BaseModelKind, FactorSpec, Scenario, ShockSpec } from "../scenario/schema.ts";
import { isStructuredShock } from "../models/shock.ts";

type Path = Array<string | number>;

/** A market factor as the kernel draws it (stream `chunk:C/factor:ID`). */
export interface CompiledFactor {
  id: string;
  sigma: number;
  /** AR(1) coefficient (0: independent quarters). */
  ar: number;
}

/** Jumps as the kernel draws them: a Poisson count per quarter, each jump's log-size a constant or a draw. */
export interface CompiledJumps {
  rate: number;
  size: Distribution | null;
  constant: number;
}

/** What a shock has beyond the plain lognormal shock; null on a plain shock (drawn exactly as before). */
export interface ShockStructure {
  /** Loadings on factors, by the factor's index in `CompiledScenario.factors`. */
  loadings: Array<{ factor: number; loading: number }>;
  /** Variance of the factor part, sum of loading^2 sigma_f^2; the idiosyncratic variance is sigma^2 minus it. */
  commonVariance: number;
  /** Degrees of freedom of a Student-t idiosyncratic shock, or 0 for normal. */
  tDf: number;
  jumps: CompiledJumps | null;
}

/** One state of a regime-switching model: its base model and parameter slots. */
export interface RegimeState {
  impl: ModelImpl<BaseModelKind>;
  columns: number[];
}

/** A regime-switching model: states, cumulative transition rows and start (stream `chunk:C/regime:KEY`). */
export interface CompiledRegime {
  states: RegimeState[];
  /** cumulativeTransition[r * n + s] = P(next state <= s | state r). */
  cumulativeTransition: Float64Array;
  cumulativeStart: Float64Array;
}

/** Cumulative sums of probability rows (the last entry of each row set to 1 so every uniform finds a state). */
export function cumulativeRows(rows: readonly (readonly number[])[]): Float64Array {
  const n = rows.length === 0 ? 0 : rows[0].length;
  const out = new Float64Array(rows.length * n);
  rows.forEach((row, r) => {
    let sum = 0;
    for (let s = 0; s < n; s++) {
      sum += row[s];
      out[r * n + s] = s === n - 1 ? 1 : sum;
    }
  });
  return out;
}

/** Where a model sits: its field path (for messages) and its internal segment's name (`total` without segments). */
export interface ModelPlace {
  path: Path;
  segment: string;
}

/** Collects factors and checks every shock's references to them; issues name the field. */
export class ShockCompiler {
  readonly factors: CompiledFactor[];
  readonly issues: InputIssue[] = [];
  private readonly byId = new Map<string, { index: number; spec: FactorSpec }>();
  private readonly known: string;

  constructor(scenario: Scenario) {
    const specs = scenario.factors ?? [];
    const segments = scenario.segments ?? [];
    this.factors = specs.map((f) => ({ id: f.id, sigma: f.sigma, ar: f.ar ?? 0 }));
    specs.forEach((f, k) => {
      const first = this.byId.get(f.id);
      if (first !== undefined) this.issues.push({ code: "duplicate", path: ["factors", k, "id"], message: `expected a unique factor id, got ${JSON.stringify(f.id)} again (first at factors[${first.index}])` });
      else this.byId.set(f.id, { index: k, spec: f });
      if (f.segment !== undefined && !segments.includes(f.segment)) {
        const declared = segments.length > 0 ? segments.join(", ") : "none declared";
        this.issues.push({ code: "unknown_reference", path: ["factors", k, "segment"], message: `expected a segment of the scenario (${declared}), got ${JSON.stringify(f.segment)}` });
      }
    });
    this.known = specs.length > 0 ? `factors are ${specs.map((f) => f.id).join(", ")}` : "the scenario declares no factors";
  }

  /**
   * The structure of one shock (null for a plain one). `sigmaLow` is the smallest sigma a path can draw: it
   * must cover the factor part, sigma^2 >= sum loading^2 sigma_f^2.
   */
  structure(shock: ShockSpec, sigmaLow: number, place: ModelPlace): ShockStructure | null {
    if (!isStructuredShock(shock)) return null;
    const at = [...place.path, "shock"];
    const loadings: ShockStructure["loadings"] = [];
    let commonVariance = 0;
    for (const [id, loading] of Object.entries(shock.loadings ?? {})) {
      const factor = this.byId.get(id);
      if (!factor) {
        this.issues.push({ code: "unknown_reference", path: [...at, "loadings", id], message: `expected a factor of the scenario, got ${JSON.stringify(id)}; ${this.known}` });
        continue;
      }
      const own = factor.spec.segment;
      if (own !== undefined && own !== place.segment) {
        this.issues.push({ code: "unknown_reference", path: [...at, "loadings", id], message: `expected a factor of this model's segment (${place.segment}), got ${JSON.stringify(id)}, the factor of segment ${own}` });
        continue;
      }
      loadings.push({ factor: factor.index, loading });
      // loading^2 sigma^2 as written (its bits), or as (loading sigma)^2 where the squares alone overflow
      // (a huge loading on a tiny factor: the product is a number).
      const term = loading * loading * factor.spec.sigma * factor.spec.sigma;
      const scaled = loading * factor.spec.sigma;
      commonVariance += Number.isFinite(term) ? term : scaled * scaled;
    }
    if (sigmaLow * sigmaLow < commonVariance * (1 - 1e-12)) {
      this.issues.push({
        code: "out_of_range",
        path: [...at, "sigma"],
        message: `expected a sigma of at least ${Number(Math.sqrt(commonVariance).toPrecision(6))} on every path (sigma is the total sd of the quarterly log shock, so it must cover the factor part sqrt(sum loading^2 sigma_f^2)), got ${Number(sigmaLow.toPrecision(6))}`,
      });
    }
    let jumps: CompiledJumps | null = null;
    if (shock.jumps) {
      const size = shock.jumps.size;
      jumps = typeof size === "number" ? { rate: shock.jumps.rate, size: null, constant: size } : { rate: shock.jumps.rate, size: makeDistribution(size), constant: Number.NaN };
    }
    return { loadings, commonVariance, tDf: shock.dist === "t" ? shock.df! : 0, jumps };
  }
}
