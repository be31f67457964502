import { describe, expect, it } from "vitest";
import { InputError } from "../../src/core/issues.ts";

describe("InputError", () => {
  it("is recognised across two copies of the module (a script importing the sources while the CLI runs dist/)", async () => {
    const second = "../../src/core/issues.ts?second-copy"; // a query makes the loader evaluate the module again
    const copy = (await import(/* @vite-ignore */ second)) as typeof import("../../src/core/issues.ts");
    expect(copy.InputError).not.toBe(InputError);
    const foreign = new copy.InputError([{ code: "invalid", path: ["a"], message: "expected x, got y" }]);
    expect(foreign instanceof InputError).toBe(true);
    expect(new InputError([]) instanceof copy.InputError).toBe(true);
  });

  it("is not claimed by other errors or plain objects", () => {
    expect(new Error("x") instanceof InputError).toBe(false);
    expect({ issues: [] } instanceof InputError).toBe(false);
    expect((null as unknown) instanceof InputError).toBe(false);
    expect(new InputError([{ code: "invalid", path: [], message: "m" }]) instanceof Error).toBe(true);
  });
});
