// Output references `METRIC:PROVIDER:PERIOD[:SEGMENT]`: the one parser (src/samples/outputRef.ts), and
// explore's sums of providers read through it.
import { describe, expect, it } from "vitest";
import { InputError } from "../../src/core/issues.ts";
import { parseOutput } from "../../src/explore/outputs.ts";
import { cellIndex, type StoreShape } from "../../src/samples/layout.ts";
import { outputLabel, parseOutputRef, resolveOutput } from "../../src/samples/outputRef.ts";

const messageOf = (f: () => unknown): string => {
  try {
    f();
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return (error as InputError).issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("\n");
  }
  throw new Error("expected an InputError");
};

describe("parseOutputRef", () => {
  it("reads metric, provider, period and an optional segment", () => {
    expect(parseOutputRef("share:tencent:2020")).toEqual({ metric: "share", provider: "tencent", period: "2020", segment: "total" });
    expect(parseOutputRef(" revenue:alibaba:2025Q4:government ")).toEqual({ metric: "revenue", provider: "alibaba", period: "2025Q4", segment: "government" });
    expect(outputLabel(parseOutputRef("share:a:2020:total"))).toBe("share:a:2020");
    expect(outputLabel(parseOutputRef("share:a:2020:gov"))).toBe("share:a:2020:gov");
  });

  it.each([
    ["share:tencent", 'expected METRIC:PROVIDER:PERIOD[:SEGMENT] such as share:tencent:2020, got "share:tencent"'],
    ["share::2020", 'expected METRIC:PROVIDER:PERIOD[:SEGMENT] such as share:tencent:2020, got "share::2020"'],
    ["share:a:2020:gov:x", 'expected METRIC:PROVIDER:PERIOD[:SEGMENT] such as share:tencent:2020, got "share:a:2020:gov:x"'],
    ["profit:a:2020", 'expected the metric share or revenue, got "profit"'],
    ["share:a:2020q4", 'expected the period as a year or a quarter such as 2020 or 2020Q4, got "2020q4"'],
    ["share:a:20", 'expected the period as a year or a quarter such as 2020 or 2020Q4, got "20"'],
  ])("rejects %s naming the option", (text, message) => {
    expect(messageOf(() => parseOutputRef(text, ["--sensitivity"]))).toBe(`--sensitivity: ${message}`);
  });

  it("is the grammar explore's outputs use, sums of providers split after parsing", () => {
    expect(parseOutput("share:a+b:2020:government")).toEqual({ metric: "share", providers: ["a", "b"], period: "2020", segment: "government", label: "share:a+b:2020:government" });
    for (const bad of ["share:a", "profit:a:2020", "share:a:2020q4"]) {
      expect(messageOf(() => parseOutput(bad, "--output"))).toBe(messageOf(() => parseOutputRef(bad, ["--output"])));
    }
  });
});

describe("resolveOutput", () => {
  const shape: StoreShape = { outputSegments: ["total", "gov"], providers: ["a", "b", "c"], periods: ["2020", "2020Q1", "2020Q2", "2020Q3", "2020Q4"] };

  it("finds the output's cell by the layout's cell index", () => {
    const out = resolveOutput(shape, parseOutputRef("share:c:2020Q3:gov"));
    expect(out.cell).toBe(cellIndex(shape, 1, 2, 3));
    expect(out.cell).toBe((1 * 3 + 2) * 5 + 3);
    expect(out.label).toBe("share:c:2020Q3:gov");
  });

  it("names every unknown part with what the shape has", () => {
    expect(messageOf(() => resolveOutput(shape, parseOutputRef("share:z:2030:x"), ["--output", 0]))).toBe(
      [
        '--output.0: expected a provider of the scenario (a, b, c), got "z"',
        '--output.0: unknown period "2030"; the scenario reports 2020 to 2020Q4 (complete years and quarters)',
        '--output.0: expected a segment of the scenario (total, gov), got "x"',
      ].join("\n"),
    );
  });
});
