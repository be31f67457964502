// The store budget a command-line run gets from the machine's memory (src/cli/workers/storeBudget.ts).
import { describe, expect, it } from "vitest";
import { DEFAULT_STORE_BUDGET_BYTES, planStore } from "../../src/engine/run.ts";
import { prepare } from "../../src/engine/prepare.ts";
import { MAX_STORE_BUDGET_BYTES, machineStoreBudget } from "../../src/cli/workers/storeBudget.ts";
import { canonicalScenario } from "../../bench/canonical.ts";

const GiB = 2 ** 30;

describe("machineStoreBudget", () => {
  it("is a quarter of memory, at least the library default and at most 8 GiB", () => {
    expect(machineStoreBudget(4 * GiB)).toBe(GiB);
    expect(machineStoreBudget(24 * GiB)).toBe(6 * GiB);
    expect(machineStoreBudget(GiB)).toBe(DEFAULT_STORE_BUDGET_BYTES);
    expect(machineStoreBudget(256 * GiB)).toBe(MAX_STORE_BUDGET_BYTES);
  });

  it("takes SHARECAST_STORE_BUDGET_MB over the machine's memory, and names it when it is not a number >= 1", () => {
    expect(machineStoreBudget(24 * GiB, { SHARECAST_STORE_BUDGET_MB: "100" })).toBe(100 * 2 ** 20);
    expect(machineStoreBudget(24 * GiB, { SHARECAST_STORE_BUDGET_MB: "" })).toBe(6 * GiB);
    for (const bad of ["0", "-5", "lots", "NaN", "0x10", "Infinity", "1e309"]) {
      expect(() => machineStoreBudget(24 * GiB, { SHARECAST_STORE_BUDGET_MB: bad })).toThrow(/SHARECAST_STORE_BUDGET_MB: expected a number of megabytes >= 1/);
    }
  });

  it("holds 1 M paths of the canonical model in one round on a 24 GiB machine, and 10 M in two", () => {
    // 420 columns of 8 bytes a path: 3.36 GB at 1 M paths (fits 6 GiB), 33.6 GB at 10 M (does not).
    const compiled = prepare(canonicalScenario(), { paths: 1000 }).compiled;
    expect(planStore(compiled, 1_000_000, machineStoreBudget(24 * GiB))).toHaveLength(1);
    expect(planStore(compiled, 10_000_000, machineStoreBudget(24 * GiB)).length).toBeGreaterThan(1);
    // The library default alone (a browser) splits 1 M paths.
    expect(planStore(compiled, 1_000_000).length).toBeGreaterThan(1);
  });
});
