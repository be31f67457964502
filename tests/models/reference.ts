// Test-side reference values of the revenue models, written from the closed forms in DESIGN.md and the
// model doc comments (not from the kernel's loops): t = 1, 2, ... quarters after the base quarter,
// time in years = t / 4.
import type { ScenarioInput } from "../../src/scenario/schema.ts";

type ModelInput = ScenarioInput["providers"][number]["model"];

/** Annual growth g as a quarterly factor (1 + g)^(1/4); the model takes a rate below -100% as -100%. */
function quarterly(g: number): number {
  return 1 + g > 0 ? Math.pow(1 + g, 0.25) : 0;
}

function constant(value: unknown, name: string): number {
  if (typeof value !== "number") throw new Error(`reference: ${name} must be a constant`);
  return value;
}

/** Revenue level of a base model with constant parameters, t quarters after the base (t >= 1). */
export function referenceBase(model: Record<string, unknown>, t: number): number {
  const c = (name: string) => constant(model[name], name);
  const years = t / 4;
  switch (model.kind) {
    case "constantGrowth":
      return 1 + c("growth") > 0 ? c("start") * Math.pow(1 + c("growth"), years) : 0;
    case "decayingGrowth": {
      let level = c("start");
      for (let s = 1; s <= t; s++) level *= quarterly(c("gInf") + (c("g0") - c("gInf")) * Math.pow(2, -s / (4 * c("halfLifeYears"))));
      return level;
    }
    case "logistic":
      return c("carryingCapacity") / (1 + Math.exp(-c("rate") * (years - c("midpointYears"))));
    case "richards":
      return c("carryingCapacity") / Math.pow(1 + Math.exp(-c("rate") * (years - c("midpointYears"))), 1 / c("shape"));
    case "gompertz":
      return c("carryingCapacity") * Math.exp(-c("displacement") * Math.exp(-c("rate") * years));
    case "bass": {
      const p = c("innovation");
      const q = c("imitation");
      const perAdopter = model.revenuePerAdopter === undefined ? 1 : c("revenuePerAdopter");
      const e = Math.exp(-(p + q) * years);
      return c("marketPotential") * perAdopter * ((1 - e) / (1 + (q / p) * e));
    }
    case "replication": {
      // src/models/kinds/replication.ts doc: A(t) = cities awareness F(speed t); B_k = (A(t_k) - A(t_{k-1})) winShare
      // exp(mu + s^2 / 2); R_k = (sum_{j = max(1, k - L)}^{k - 1} B_j + backlog [k <= L]) / L, L = max(1, round(life)).
      const p = c("innovation");
      const q = c("imitation");
      const speed = model.speed === undefined ? 1 : c("speed");
      const adopted = (x: number) => {
        const e = Math.exp(-(p + q) * speed * x);
        return c("cities") * c("awareness") * ((1 - e) / (1 + (q / p) * e));
      };
      const value = c("winShare") * Math.exp(c("contractMeanLog") + (c("contractSdLog") * c("contractSdLog")) / 2);
      const length = Math.max(1, Math.round(c("lifeQuarters")));
      let sum = 0;
      for (let j = Math.max(1, t - length); j <= t - 1; j++) sum += (adopted(j / 4) - adopted((j - 1) / 4)) * value;
      const backlog = model.backlog === undefined ? 0 : c("backlog");
      return (sum + (t <= length ? backlog : 0)) / length;
    }
    default:
      throw new Error(`reference: unknown kind ${String(model.kind)}`);
  }
}

/** Revenue of a model (base or driver) with constant parameters and no shock; negatives read as 0. */
export function referenceModel(model: ModelInput, t: number): number {
  const m = model as Record<string, unknown>;
  const value =
    m.kind === "driver"
      ? referenceBase(m.customers as Record<string, unknown>, t) * referenceBase(m.revenuePerCustomer as Record<string, unknown>, t)
      : referenceBase(m, t);
  return value > 0 ? value : 0;
}

/** a and b agree to a relative `rel`, with an absolute floor `abs` for values near 0 (subnormals). */
export function close(a: number, b: number, rel: number, abs = 1e-300): boolean {
  return Math.abs(a - b) <= rel * Math.max(Math.abs(a), Math.abs(b)) + abs;
}
