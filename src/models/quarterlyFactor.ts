/** Quarterly growth factor (1 + g)^(1/4) for an annual rate g; a rate below -100% is taken as -100%. */
export function quarterlyFactor(annualGrowth: number): number {
  const x = 1 + annualGrowth;
  return x > 0 ? Math.sqrt(Math.sqrt(x)) : 0;
}
