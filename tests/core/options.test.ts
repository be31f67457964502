import { describe, expect, it } from "vitest";
import { complete, defined } from "../../src/core/options.ts";

describe("complete", () => {
  const defaults = { sobolN: 2048, bootstrap: 500 };

  it("fills fields left out or given as undefined, and keeps the others as given", () => {
    expect(complete(defaults, {})).toEqual({ sobolN: 2048, bootstrap: 500 });
    expect(complete(defaults, { sobolN: undefined, bootstrap: 20 })).toEqual({ sobolN: 2048, bootstrap: 20 });
    expect(complete(defaults, { output: "share:a:2020", sobolN: 64 })).toEqual({ output: "share:a:2020", sobolN: 64, bootstrap: 500 });
  });

  it("keeps falsy values that are not undefined (0, false, null, an empty string)", () => {
    expect(complete({ a: 1, b: true, c: "x", d: 5 }, { a: 0, b: false, c: "", d: null })).toEqual({ a: 0, b: false, c: "", d: null });
  });

  it("changes neither argument", () => {
    const options = { sobolN: undefined };
    complete(defaults, options);
    expect(options).toEqual({ sobolN: undefined });
    expect(defaults).toEqual({ sobolN: 2048, bootstrap: 500 });
  });
});

describe("defined", () => {
  it("drops undefined fields and keeps the order of the others", () => {
    const out = defined({ title: "t", question: undefined, asOf: "2019-12-31", unit: 0 });
    expect(out).toEqual({ title: "t", asOf: "2019-12-31", unit: 0 });
    expect(Object.keys(out)).toEqual(["title", "asOf", "unit"]);
    expect(JSON.stringify({ a: 1, ...defined({ b: undefined }) })).toBe('{"a":1}');
  });
});
