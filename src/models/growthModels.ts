import type { ModelImpl } from "./modelImpl.ts";

/** Quarterly growth factor (1 + g)^(1/4) for an annual rate g; a rate below -100% is taken as -100%. */
function quarterlyFactor(annualGrowth: number): number {
  const x = 1 + annualGrowth;
  return x > 0 ? Math.sqrt(Math.sqrt(x)) : 0;
}

/** R_t = R_{t-1} (1 + g)^(1/4). */
export const constantGrowth: ModelImpl<"constantGrowth"> = {
  params: [
    { name: "start", domain: "any" },
    { name: "growth", domain: "any" },
  ],
  simulate(columns, quarters, paths, out, offset) {
    const start = columns[0];
    const growth = columns[1];
    for (let i = 0; i < paths; i++) {
      const factor = quarterlyFactor(growth[i]);
      let revenue = start[i];
      for (let t = 0; t < quarters; t++) {
        revenue *= factor;
        out[offset + t * paths + i] = revenue;
      }
    }
  },
};

/**
 * Growth that fades from g0 toward gInf: g_t = gInf + (g0 - gInf) 2^(-t / (4 halfLifeYears)),
 * R_t = R_{t-1} (1 + g_t)^(1/4), t = 1, 2, ... quarters after the base.
 */
export const decayingGrowth: ModelImpl<"decayingGrowth"> = {
  params: [
    { name: "start", domain: "any" },
    { name: "g0", domain: "any" },
    { name: "gInf", domain: "any" },
    { name: "halfLifeYears", domain: "positive" },
  ],
  simulate(columns, quarters, paths, out, offset) {
    const start = columns[0];
    const g0 = columns[1];
    const gInf = columns[2];
    const halfLife = columns[3];
    for (let i = 0; i < paths; i++) {
      const decay = Math.exp(-Math.LN2 / (4 * halfLife[i]));
      const longRun = gInf[i];
      const gap = g0[i] - longRun;
      let weight = 1;
      let revenue = start[i];
      for (let t = 0; t < quarters; t++) {
        weight *= decay;
        revenue *= quarterlyFactor(longRun + gap * weight);
        out[offset + t * paths + i] = revenue;
      }
    }
  },
};
