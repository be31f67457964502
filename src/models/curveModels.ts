import type { ModelImpl } from "./modelImpl.ts";

// Curve models give the quarterly revenue level at t = quarters after the base / 4 (years).

/** K / (1 + exp(-r (t - t0))). */
export const logistic: ModelImpl<"logistic"> = {
  params: [
    { name: "carryingCapacity", domain: "positive" },
    { name: "rate", domain: "positive" },
    { name: "midpointYears", domain: "any" },
  ],
  simulate(columns, quarters, paths, out, offset) {
    const [capacity, rate, midpoint] = columns;
    for (let i = 0; i < paths; i++) {
      for (let t = 0; t < quarters; t++) {
        const years = (t + 1) / 4;
        out[offset + t * paths + i] = capacity[i] / (1 + Math.exp(-rate[i] * (years - midpoint[i])));
      }
    }
  },
};

/** K / (1 + exp(-r (t - t0)))^(1/nu). */
export const richards: ModelImpl<"richards"> = {
  params: [
    { name: "carryingCapacity", domain: "positive" },
    { name: "rate", domain: "positive" },
    { name: "midpointYears", domain: "any" },
    { name: "shape", domain: "positive" },
  ],
  simulate(columns, quarters, paths, out, offset) {
    const [capacity, rate, midpoint, shape] = columns;
    for (let i = 0; i < paths; i++) {
      const exponent = 1 / shape[i];
      for (let t = 0; t < quarters; t++) {
        const years = (t + 1) / 4;
        out[offset + t * paths + i] = capacity[i] / Math.pow(1 + Math.exp(-rate[i] * (years - midpoint[i])), exponent);
      }
    }
  },
};

/** K exp(-b exp(-r t)). */
export const gompertz: ModelImpl<"gompertz"> = {
  params: [
    { name: "carryingCapacity", domain: "positive" },
    { name: "displacement", domain: "positive" },
    { name: "rate", domain: "positive" },
  ],
  simulate(columns, quarters, paths, out, offset) {
    const [capacity, displacement, rate] = columns;
    for (let i = 0; i < paths; i++) {
      for (let t = 0; t < quarters; t++) {
        const years = (t + 1) / 4;
        out[offset + t * paths + i] = capacity[i] * Math.exp(-displacement[i] * Math.exp(-rate[i] * years));
      }
    }
  },
};

/** Revenue per adopter times cumulative adopters m (1 - e^{-(p+q)t}) / (1 + (q/p) e^{-(p+q)t}). */
export const bass: ModelImpl<"bass"> = {
  params: [
    { name: "marketPotential", domain: "positive" },
    { name: "innovation", domain: "positive" },
    { name: "imitation", domain: "nonNegative" },
    { name: "revenuePerAdopter", domain: "any", optional: 1 },
  ],
  simulate(columns, quarters, paths, out, offset) {
    const [potential, innovation, imitation, perAdopter] = columns;
    for (let i = 0; i < paths; i++) {
      const p = innovation[i];
      const q = imitation[i];
      const scale = potential[i] * perAdopter[i];
      for (let t = 0; t < quarters; t++) {
        const decay = Math.exp(-(p + q) * ((t + 1) / 4));
        out[offset + t * paths + i] = (scale * (1 - decay)) / (1 + (q / p) * decay);
      }
    }
  },
};
