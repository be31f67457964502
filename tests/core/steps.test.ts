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

  it("finishYielding returns the same value and lets a timer that is due run between the steps", async () => {
    const seen: string[] = [];
    setTimeout(() => seen.push("timer"), 0);
    // Steps of 3 ms each: the timer (at least 1 ms in Node) is due after the first.
    function* slow(n: number): Generator<void, number, void> {
      let total = 0;
      for (let k = 0; k < n; k++) {
        if (k > 0) yield;
        const until = performance.now() + 3;
        while (performance.now() < until);
        seen.push(`step ${k}`);
        total += k;
      }
      return total;
    }
    expect(await finishYielding(slow(4))).toBe(6);
    expect(seen[0]).toBe("step 0");
    expect(seen.indexOf("timer")).toBeGreaterThan(0);
    expect(seen.indexOf("timer")).toBeLessThan(seen.length - 1);
  });
});
