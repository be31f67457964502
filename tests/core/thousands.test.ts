// thousands (src/core/thousands.ts) writes whole numbers as toLocaleString("en-US") does, checked against it
// (the reference: ICU's en-US grouping) on every digit count and on edges.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { thousands } from "../../src/core/thousands.ts";

describe("thousands", () => {
  it("equals toLocaleString('en-US') on whole numbers from 0 to 2^53 - 1", () => {
    for (const n of [0, 7, 999, 1000, 12345, 100000, 999999, 1000000, 1234567890, Number.MAX_SAFE_INTEGER]) expect(thousands(n)).toBe(n.toLocaleString("en-US"));
    fc.assert(fc.property(fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }), (n) => thousands(n) === n.toLocaleString("en-US")), { seed: 5, numRuns: 500 });
  });

  it("writes 1,000,000 and 50,000", () => {
    expect(thousands(1_000_000)).toBe("1,000,000");
    expect(thousands(50_000)).toBe("50,000");
  });
});
