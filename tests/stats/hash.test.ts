// scenarioHash: FNV-1a 64 of the canonical JSON (src/scenario/hash.ts).
// Reference: FNV-1a as specified by Fowler, Noll and Vo (http://www.isthe.com/chongo/tech/comp/fnv/),
// offset basis 0xcbf29ce484222325, prime 0x100000001b3; published test vectors fnv1a64("") =
// cbf29ce484222325, fnv1a64("a") = af63dc4c8601ec8c, fnv1a64("foobar") = 85944171f73967e8.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { canonicalJson, scenarioHash } from "../../src/scenario/hash.ts";

/** FNV-1a 64 over a list of code units, in BigInt (an independent implementation). */
function fnv1a64(units: Iterable<number>): string {
  let h = 0xcbf29ce484222325n;
  for (const u of units) {
    h ^= BigInt(u);
    h = (h * 0x100000001b3n) & 0xffffffffffffffffn;
  }
  return h.toString(16).padStart(16, "0");
}

const codeUnits = (s: string) => Array.from({ length: s.length }, (_, i) => s.charCodeAt(i));

describe("FNV-1a 64 reference", () => {
  it("reproduces the published test vectors", () => {
    expect(fnv1a64(codeUnits(""))).toBe("cbf29ce484222325");
    expect(fnv1a64(codeUnits("a"))).toBe("af63dc4c8601ec8c");
    expect(fnv1a64(codeUnits("foobar"))).toBe("85944171f73967e8");
  });
});

describe("canonicalJson", () => {
  it("sorts object keys at every depth and drops undefined values", () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: undefined } })).toBe('{"a":{"d":[3,{"y":2,"z":1}]},"b":1}');
  });

  it("is the same for key-reordered objects", () => {
    expect(canonicalJson({ x: 1, y: [1, 2], z: { q: "s", p: null } })).toBe(canonicalJson({ z: { p: null, q: "s" }, y: [1, 2], x: 1 }));
  });

  it("keeps array order", () => {
    expect(canonicalJson([2, 1])).not.toBe(canonicalJson([1, 2]));
  });
});

describe("scenarioHash", () => {
  it("hashes the bytes of the canonical JSON: \"a\" (with quotes) -> d4272417d7c77eea", () => {
    expect(canonicalJson("a")).toBe('"a"');
    expect(scenarioHash("a")).toBe("d4272417d7c77eea");
  });

  it("is 16 lower-case hex digits and equals the reference for any JSON value (property)", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const hash = scenarioHash(value);
        expect(hash).toMatch(/^[0-9a-f]{16}$/);
        expect(hash).toBe(fnv1a64(codeUnits(canonicalJson(value))));
      }),
      { numRuns: 300 },
    );
  });

  it("hashes UTF-16 code units (as documented), e.g. for 政务云", () => {
    const text = canonicalJson({ title: "政务云" });
    expect(scenarioHash({ title: "政务云" })).toBe(fnv1a64(codeUnits(text)));
  });

  it("is equal for key-reordered scenarios and different for a changed number", () => {
    const a = {
      name: "s",
      calendar: { start: "2020Q1", end: "2020Q4" },
      providers: [{ id: "a", model: { kind: "constantGrowth", start: 1, growth: 0.1 } }],
    };
    const b = {
      providers: [{ model: { growth: 0.1, start: 1, kind: "constantGrowth" }, id: "a" }],
      calendar: { end: "2020Q4", start: "2020Q1" },
      name: "s",
    };
    expect(scenarioHash(b)).toBe(scenarioHash(a));
    const c = structuredClone(a);
    c.providers[0].model.growth = 0.11;
    expect(scenarioHash(c)).not.toBe(scenarioHash(a));
  });
});
