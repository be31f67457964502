import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { nearestCorrelation } from "../../src/random/nearestCorrelation.ts";
import { symmetricEigen } from "../../src/random/symmetricEigen.ts";

function expectCorrelationMatrix(m: number[][]): void {
  const k = m.length;
  for (let i = 0; i < k; i++) {
    expect(m[i][i]).toBe(1);
    for (let j = 0; j < k; j++) expect(m[i][j]).toBe(m[j][i]);
  }
  expect(symmetricEigen(m).values[0]).toBeGreaterThan(-1e-10);
}

describe("nearestCorrelation (Higham 2002)", () => {
  it("reproduces Higham's example (IMA J. Numer. Anal. 22, 2002, section 4)", () => {
    // A = [1 1 0; 1 1 1; 0 1 1] -> X = [1 0.7607 0.1573; 0.7607 1 0.7607; 0.1573 0.7607 1], ||A - X||_F = 0.5278.
    const result = nearestCorrelation([
      [1, 1, 0],
      [1, 1, 1],
      [0, 1, 1],
    ]);
    expect(result.converged).toBe(true);
    const expected = [
      [1, 0.7607, 0.1573],
      [0.7607, 1, 0.7607],
      [0.1573, 0.7607, 1],
    ];
    for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) expect(result.matrix[i][j]).toBeCloseTo(expected[i][j], 4);
    expect(result.distance).toBeCloseTo(0.5278, 4);
    expectCorrelationMatrix(result.matrix);
  });

  it("reproduces the NAG g02aa example (tridiagonal 2, -1)", () => {
    // NAG Library g02aa (nearest correlation matrix) example: A = tridiag(-1, 2, -1), n = 4.
    const result = nearestCorrelation([
      [2, -1, 0, 0],
      [-1, 2, -1, 0],
      [0, -1, 2, -1],
      [0, 0, -1, 2],
    ]);
    const expected = [
      [1, -0.8084, 0.1916, 0.1068],
      [-0.8084, 1, -0.6562, 0.1916],
      [0.1916, -0.6562, 1, -0.8084],
      [0.1068, 0.1916, -0.8084, 1],
    ];
    for (let i = 0; i < 4; i++) for (let j = 0; j < 4; j++) expect(result.matrix[i][j]).toBeCloseTo(expected[i][j], 4);
    expectCorrelationMatrix(result.matrix);
  });

  it("leaves a valid correlation matrix (nearly) unchanged", () => {
    const valid = [
      [1, 0.5, 0.2],
      [0.5, 1, 0.3],
      [0.2, 0.3, 1],
    ];
    const result = nearestCorrelation(valid);
    expect(result.iterations).toBe(1);
    for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) expect(result.matrix[i][j]).toBeCloseTo(valid[i][j], 12);
  });

  it("honours an eigenvalue floor", () => {
    const result = nearestCorrelation(
      [
        [1, 1, 0],
        [1, 1, 1],
        [0, 1, 1],
      ],
      { eigenvalueFloor: 1e-3 },
    );
    expect(symmetricEigen(result.matrix).values[0]).toBeGreaterThan(5e-4);
  });

  it("always returns a symmetric, unit-diagonal, positive semi-definite matrix (fast-check)", () => {
    const symmetric = fc.integer({ min: 1, max: 7 }).chain((k) =>
      fc.array(fc.double({ min: -2, max: 2, noNaN: true }), { minLength: k * k, maxLength: k * k }).map((raw) =>
        Array.from({ length: k }, (_, i) => Array.from({ length: k }, (_, j) => (raw[i * k + j] + raw[j * k + i]) / 2)),
      ),
    );
    fc.assert(
      fc.property(symmetric, (m) => {
        const { matrix } = nearestCorrelation(m);
        const k = m.length;
        for (let i = 0; i < k; i++) {
          if (matrix[i][i] !== 1) return false;
          for (let j = 0; j < k; j++) if (matrix[i][j] !== matrix[j][i] || Math.abs(matrix[i][j]) > 1) return false;
        }
        return symmetricEigen(matrix).values[0] > -1e-10;
      }),
      { seed: 20260522, numRuns: 80 },
    );
  });

  it("throws on a non-square matrix", () => {
    expect(() => nearestCorrelation([[1, 0], [0]])).toThrow(RangeError);
  });
});

describe("nearestCorrelation options", () => {
  it("an explicit undefined keeps the defaults", () => {
    const a = [[1, 1, 0], [1, 1, 1], [0, 1, 1]];
    const defaults = nearestCorrelation(a);
    expect(nearestCorrelation(a, { tolerance: undefined, maxIterations: undefined, eigenvalueFloor: undefined })).toEqual(defaults);
    // Higham (2002), section 4: 0.7607 and 0.1573.
    expect(defaults.matrix[0][1]).toBeCloseTo(0.7607, 4);
    expect(defaults.matrix[0][2]).toBeCloseTo(0.1573, 4);
  });
});
