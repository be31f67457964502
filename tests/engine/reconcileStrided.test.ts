// reconcileStrided (src/engine/reconcile.ts), the chunk kernel's reconciliation over evenly spaced cells,
// gives the shares of reconcileShares (the offsets form, tests/engine/reconcile.test.ts) bit for bit: on
// random revenues, zero totals, totals that overflow although every revenue is finite, and vectors whose
// naive shares sum above 1 (the repair); and it writes nothing outside its cells.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { reconcileShares, reconcileStrided } from "../../src/engine/reconcile.ts";

/** Both forms on one period: rows[i][k] is provider k's revenue on path i; returns [strided, offsets] shares. */
function both(rows: number[][]): [Float64Array, Float64Array] {
  const paths = rows.length;
  const count = rows[0].length;
  const base = 5;
  const stride = paths + 3;
  const revenue = new Float64Array(base + count * stride).fill(-7);
  rows.forEach((row, i) => row.forEach((r, k) => (revenue[base + k * stride + i] = r)));
  const strided = new Float64Array(revenue.length).fill(-7);
  reconcileStrided(revenue, strided, base, stride, count, paths);
  const offsets = Array.from({ length: count }, (_, k) => base + k * stride);
  const reference = new Float64Array(revenue.length).fill(-7);
  reconcileShares(revenue, offsets, reference, offsets, count, paths);
  return [strided, reference];
}

function expectSameBits(rows: number[][]): void {
  const [strided, reference] = both(rows);
  expect(Buffer.from(strided.buffer).equals(Buffer.from(reference.buffer))).toBe(true);
}

const revenue = fc.oneof(
  fc.constant(0),
  fc.double({ min: 0, max: 1000, noNaN: true }),
  fc.double({ min: 1e300, max: 1.7976931348623157e308, noNaN: true }),
  fc.integer({ min: 0, max: 1000 }).map((n) => n / 10),
);

describe("reconcileStrided", () => {
  it("equals reconcileShares bit for bit on random periods (1-9 providers, 1-40 paths)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 9 }).chain((count) => fc.array(fc.array(revenue, { minLength: count, maxLength: count }), { minLength: 1, maxLength: 40 })), (rows) => {
        expectSameBits(rows);
      }),
      { numRuns: 500, seed: 13 },
    );
  });

  it("equals reconcileShares bit for bit with many providers (the blocked route: 13-40 providers, 1-150 paths)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 13, max: 40 }).chain((count) => fc.array(fc.array(revenue, { minLength: count, maxLength: count }), { minLength: 1, maxLength: 150 })), (rows) => {
        expectSameBits(rows);
      }),
      { numRuns: 150, seed: 17 },
    );
    // A repaired path among many providers: 1/7, 12/3, 1/(11 + k) give shares summing to 1 + 2^-52.
    const repaired = Array.from({ length: 13 }, (_, k) => (k === 0 ? 1 / 7 : k === 1 ? 12 / 3 : 1 / (11 + k)));
    expectSameBits([repaired, repaired.map(() => 0), repaired.map(() => 1e308), repaired]);
  });

  it("repairs a sum above 1, gives 0 for a zero total and rescales an overflowing total as reconcileShares does", () => {
    const rows = [
      [90.9, 79.9, 58.1, 45.8, 89.3, 13.4],
      [0, 0, 0, 0, 0, 0],
      [1e308, 1e308, 5e307, 0, 1, 2],
      [1.7976931348623157e308, 1.7976931348623157e308, 0, 0, 0, 0],
    ];
    expectSameBits(rows);
    const [strided] = both(rows);
    const stride = rows.length + 3;
    const shareOf = (i: number) => Array.from({ length: 6 }, (_, k) => strided[5 + k * stride + i]);
    expect(shareOf(1)).toEqual([0, 0, 0, 0, 0, 0]);
    expect(shareOf(3)).toEqual([0.5, 0.5, 0, 0, 0, 0]);
    let sum = 0;
    for (const s of shareOf(0)) sum += s;
    expect(sum).toBeLessThanOrEqual(1);
  });

  it("repairs as the one-step loop does (lower the largest share a step, sum again), over many providers", () => {
    // The reference is the repair written as its definition, independent of the library's (which estimates
    // the steps from the sum's excess, then bisects): many providers make the excess many units in the last place.
    const lower = (v: number) => {
      if (v <= 0) return 0;
      const next = v - v * 2.220446049250313e-16;
      return next < v ? next : 0;
    };
    const reference = (row: number[]): number[] => {
      let total = 0;
      for (const r of row) total += r;
      const shares = row.map((r) => r / total);
      let largest = 0;
      for (let k = 1; k < shares.length; k++) if (shares[k] > shares[largest]) largest = k;
      for (;;) {
        let sum = 0;
        for (const x of shares) sum += x;
        if (sum <= 1) return shares;
        shares[largest] = lower(shares[largest]);
      }
    };
    let repaired = 0;
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 200 }).chain((count) => fc.array(fc.double({ min: 1e-3, max: 1e3, noNaN: true }), { minLength: count, maxLength: count })), (row) => {
        const want = reference(row);
        let naive = 0;
        for (const r of row) naive += r / row.reduce((a, b) => a + b, 0);
        if (naive > 1) repaired++;
        const [strided] = both([row]);
        const got = row.map((_, k) => strided[5 + k * 4]);
        expect(got).toEqual(want);
      }),
      { numRuns: 400, seed: 23 },
    );
    // Enough of the cases needed the repair for the comparison to mean something.
    expect(repaired).toBeGreaterThan(40);
    // Many providers of like size (the wide scenarios' case: shares near 1/n, an excess of many units in the
    // last place of 1 against a largest share's unit 1/n as large), several paths at once.
    let wide = 0;
    fc.assert(
      fc.property(
        fc.integer({ min: 60, max: 200 }).chain((count) =>
          fc.array(fc.array(fc.double({ min: 0.5, max: 2, noNaN: true }), { minLength: count, maxLength: count }), { minLength: 1, maxLength: 5 }),
        ),
        (rows) => {
          const paths = rows.length;
          const [strided] = both(rows);
          rows.forEach((row, i) => {
            const want = reference(row);
            if (want.some((x, k) => x !== row[k] / row.reduce((a, b) => a + b, 0))) wide++;
            expect(row.map((_, k) => strided[5 + k * (paths + 3) + i])).toEqual(want);
          });
        },
      ),
      { numRuns: 150, seed: 29 },
    );
    expect(wide).toBeGreaterThan(50);
  });
});
