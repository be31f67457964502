// The project's elementary functions (src/core/elementary.ts) against two references:
// - values rounded once from 60 digits by Python's decimal module (fixtures/elementary-reference.py): every
//   result within 1 unit in the last place, fdlibm's bound, and most of them that value exactly;
// - the engine's Math where it is fdlibm's (V8 up to Node.js 20: the engine CI runs): the same bits on
//   millions of arguments, edges included, so the functions changed no number of a run there.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import * as chosen from "../../src/core/elementary.ts";
import { PROBES, pick } from "../../src/core/elementary.ts";
import { exp, expm1 } from "../../src/core/elementary/exp.ts";
import { cbrt, log, log1p } from "../../src/core/elementary/log.ts";
import { pow } from "../../src/core/elementary/pow.ts";
import { asin, sin } from "../../src/core/elementary/trig.ts";

const one: Record<string, (x: number) => number> = { exp, expm1, log, log1p, cbrt, sin, asin };
const reference = JSON.parse(readFileSync(join(import.meta.dirname, "fixtures", "elementary-reference.json"), "utf8")) as Record<string, string[][]>;

const bits = new Float64Array(1);
const ints = new BigInt64Array(bits.buffer);
/** Distance in units in the last place between two finite doubles of the same sign. */
function ulps(a: number, b: number): number {
  bits[0] = a;
  const x = ints[0];
  bits[0] = b;
  const y = ints[0];
  return Number(x > y ? x - y : y - x);
}

describe("against values rounded once from 60 digits (Python decimal)", () => {
  for (const name of [...Object.keys(one), "pow"]) {
    it(`${name}: within 1 ulp everywhere, the rounded value itself mostly`, () => {
      const rows = reference[name];
      expect(rows.length).toBeGreaterThan(900);
      let exact = 0;
      for (const row of rows) {
        const args = row.slice(0, -1).map(Number);
        const want = Number(row[row.length - 1]);
        const got = name === "pow" ? pow(args[0], args[1]) : one[name](args[0]);
        const d = ulps(got, want);
        if (d > 1) throw new Error(`${name}(${args.join(", ")}) = ${got}, want ${want} (${d} ulps)`);
        if (d === 0) exact++;
      }
      // fdlibm rounds correctly about nine times in ten (measured: 0.90 for pow to 0.97 for sin).
      expect(exact / rows.length).toBeGreaterThan(0.85);
    });
  }

  it("the bound fails a result 2 units off", () => {
    const rows = reference.exp;
    const x = Number(rows[1][0]);
    bits[0] = exp(x);
    ints[0] += 2n;
    expect(ulps(bits[0], Number(rows[1][1]))).toBeGreaterThan(1);
  });
});

/** Whether this engine's Math is fdlibm's: Node.js 20 gives this bit, the correctly rounded exp of newer engines (Deno 2.9) another. */
const FDLIBM = Math.exp(0.007916756132617593) === 1.0079481765075338;

describe.skipIf(!FDLIBM)("against Math on an engine whose Math is fdlibm's (Node.js 20)", () => {
  let state = 0x2545f491;
  const uniform = () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 4294967296;
  };
  const words = new Uint32Array(bits.buffer);
  const anyDouble = () => {
    words[0] = (uniform() * 4294967296) >>> 0;
    words[1] = (uniform() * 4294967296) >>> 0;
    return bits[0];
  };
  const edges = [0, 1, 2, 0.5, 3, 10, 100, 1e6, 8e5, 2 ** -1074, 2 ** -1022, 2 ** -28, 2 ** -54, 1e-300, 1e300, Number.MAX_VALUE, Infinity, NaN, 709.78, 709.79, 745.1, 745.2, Math.PI, Math.PI / 2, Math.PI / 4, 1 - 2 ** -53, 1 + 2 ** -52];
  const N = 200_000;
  const ranges: Record<string, Array<() => number>> = {
    exp: [() => (uniform() * 2 - 1) * 0.4, () => (uniform() * 2 - 1) * 5, () => (uniform() * 2 - 1) * 800, anyDouble],
    expm1: [() => (uniform() * 2 - 1) * 0.4, () => (uniform() * 2 - 1) * 60, () => (uniform() * 2 - 1) * 800, () => (uniform() * 2 - 1) * 1e-8, anyDouble],
    log: [() => uniform() * 2, () => uniform() * 1e6, () => 1 + (uniform() - 0.5) * 1e-5, anyDouble],
    log1p: [() => uniform() * 2 - 1, () => uniform() * 1e6, () => (uniform() - 0.5) * 1e-5, anyDouble],
    cbrt: [() => (uniform() - 0.5) * 10, anyDouble],
    sin: [() => (uniform() * 2 - 1) * 0.8, () => (uniform() * 2 - 1) * 4, () => (uniform() * 2 - 1) * 1e5, () => (uniform() * 2 - 1) * 8e5],
    asin: [() => uniform() * 2 - 1, () => (uniform() * 2 - 1) * 1e-3, () => 1 - uniform() * 1e-3],
  };
  const math: Record<string, (x: number) => number> = { exp: Math.exp, expm1: Math.expm1, log: Math.log, log1p: Math.log1p, cbrt: Math.cbrt, sin: Math.sin, asin: Math.asin };

  for (const [name, gens] of Object.entries(ranges)) {
    it(`${name}: Math's bits on ${gens.length * N} arguments and the edges`, () => {
      const f = one[name];
      const g = math[name];
      for (const e of edges) for (const x of [e, -e]) if (!Object.is(f(x), g(x))) throw new Error(`${name}(${x}) = ${f(x)}, Math gives ${g(x)}`);
      for (const gen of gens) {
        for (let i = 0; i < N; i++) {
          const x = gen();
          if (!Object.is(f(x), g(x))) throw new Error(`${name}(${x}) = ${f(x)}, Math gives ${g(x)}`);
        }
      }
    });
  }

  it("pow: Math's bits on special pairs and on 1,400,000 pairs", () => {
    const special = [0, -0, 1, -1, 2, -2, 0.5, -0.5, 3, -3, Infinity, -Infinity, NaN, 1e-310, 1e308, 1 + 2 ** -52, 1 - 2 ** -53, 2 ** 31, 2 ** 53, 2 ** 64, 1.5, 10, 0.1];
    const check = (x: number, y: number) => {
      if (!Object.is(pow(x, y), Math.pow(x, y))) throw new Error(`pow(${x}, ${y}) = ${pow(x, y)}, Math gives ${Math.pow(x, y)}`);
    };
    for (const a of special) for (const b of special) {
      check(a, b);
      check(a, -b);
    }
    for (let i = 0; i < N; i++) check(uniform() * 10, (uniform() * 2 - 1) * 8);
    for (let i = 0; i < N; i++) check(uniform(), uniform() * 40);
    for (let i = 0; i < N; i++) check(-uniform() * 10, Math.floor((uniform() * 2 - 1) * 40));
    for (let i = 0; i < N; i++) check(uniform() * 2, (uniform() * 2 - 1) * 2000);
    for (let i = 0; i < N; i++) check(1 + (uniform() - 0.5) * 1e-6, (uniform() * 2 - 1) * 1e10);
    for (let i = 0; i < N; i++) check(Math.abs(anyDouble()), anyDouble());
    for (let i = 0; i < N; i++) check(anyDouble(), Math.round(anyDouble()));
  });
});

describe("choosing the engine's function", () => {
  it("the probes are arguments where fdlibm's result is not the correctly rounded one, so other implementations differ there", () => {
    for (const [name, probes] of Object.entries(PROBES)) {
      expect(probes.length, name).toBeGreaterThanOrEqual(12);
      const rows = new Map(reference[name].map((row) => [row.slice(0, -1).join(","), Number(row[row.length - 1])]));
      for (const args of probes) {
        const want = rows.get(args.map(String).join(","));
        expect(want, `${name}(${args}) is in the reference`).toBeDefined();
        const got = name === "pow" ? pow(args[0], args[1]) : one[name](args[0]);
        expect(ulps(got, want!), `${name}(${args})`).toBe(1);
      }
    }
  });

  it("takes the engine's function only when it gives the same bits on every probe", () => {
    const same = (x: number) => exp(x);
    expect(pick(exp, same, PROBES.exp)).toBe(same);
    // A correctly rounded exp (as Deno's): the reference's value on the probes.
    const rows = new Map(reference.exp.map((row) => [Number(row[0]), Number(row[1])]));
    const rounded = (x: number) => rows.get(x) ?? exp(x);
    expect(pick(exp, rounded, PROBES.exp)).toBe(exp);
    // One probe off by one unit is enough.
    const last = PROBES.exp[PROBES.exp.length - 1][0];
    const once = (x: number) => (x === last ? rounded(x) : exp(x));
    expect(pick(exp, once, PROBES.exp)).toBe(exp);
  });

  it.skipIf(!FDLIBM)("on Node.js 20 takes Math's (fdlibm's) functions", () => {
    expect([chosen.exp, chosen.expm1, chosen.log, chosen.log1p, chosen.cbrt, chosen.sin, chosen.asin, chosen.pow]).toEqual([Math.exp, Math.expm1, Math.log, Math.log1p, Math.cbrt, Math.sin, Math.asin, Math.pow]);
  });
});

describe.skipIf(!process.env.CI)("in CI", () => {
  it("Node.js's Math is fdlibm's, so the comparison above runs", () => {
    expect(FDLIBM).toBe(true);
  });
});
