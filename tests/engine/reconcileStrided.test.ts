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
});
