// maxOf and minOf (src/core/extent.ts): Math.max and Math.min of many values, without a spread.
import { describe, expect, it } from "vitest";
import { maxOf, minOf } from "../../src/core/extent.ts";
import { textTable } from "../../src/core/textTable.ts";

describe("maxOf and minOf", () => {
  it("give what Math.max and Math.min give, NaN, signed zeros and no values included", () => {
    const lists = [[3, 1, 2], [], [Number.NaN, 1], [-0, 0], [0, -0], [-Infinity], [5e-324, -5e-324]];
    for (const list of lists) {
      expect(maxOf(list)).toBe(Math.max(...list));
      expect(minOf(list)).toBe(Math.min(...list));
      expect(maxOf(list, 7)).toBe(Math.max(...list, 7));
      expect(minOf(list, -7)).toBe(Math.min(...list, -7));
    }
  });

  it("take a million values, where a spread overflows the stack (a table of 200,000 rows had)", () => {
    const many = Array.from({ length: 1_000_000 }, (_, k) => (k * 7919) % 1_000_003);
    expect(() => Math.max(...many)).toThrow(RangeError);
    expect(maxOf(many)).toBe(1_000_002);
    expect(minOf(many)).toBe(0);
    const rows = Array.from({ length: 200_000 }, (_, k) => [`p${k}`, "1"]);
    expect(textTable([{ header: "provider", key: true }, { header: "n" }], rows).split("\n").length).toBeGreaterThan(200_000);
  });
});
