// finish and finishYielding (src/core/steps.ts) run a generator of steps to the same value; the second lets
// timers (and so signals) run between steps.
import { describe, expect, it } from "vitest";
import { finish, finishYielding } from "../../src/core/steps.ts";

function* count(n: number, seen: string[]): Generator<void, number, void> {
  let total = 0;
  for (let k = 0; k < n; k++) {
    if (k > 0) yield;
    seen.push(`step ${k}`);
    total += k;
  }
  return total;
}

describe("steps", () => {
  it("finish runs every step at once and returns the value", () => {
    const seen: string[] = [];
    expect(finish(count(4, seen))).toBe(6);
    expect(seen).toEqual(["step 0", "step 1", "step 2", "step 3"]);
  });

  it("finishYielding returns the same value and lets a timer run between the steps", async () => {
    const seen: string[] = [];
    setTimeout(() => seen.push("timer"), 0);
    expect(await finishYielding(count(4, seen))).toBe(6);
    expect(seen[0]).toBe("step 0");
    expect(seen.indexOf("timer")).toBeGreaterThan(0);
    expect(seen.indexOf("timer")).toBeLessThan(seen.length - 1);
  });
});
