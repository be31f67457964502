// Text that is not what it seems (class 7), depth and size (class 5) and files named by the user (class 8).
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { InputError, type InputIssue } from "../../src/core/issues.ts";
import { checkTextNesting, checkValueNesting, LIMITS, partialHeaderLengthProblem, partialHeaderProblem } from "../../src/cli/limits.ts";
import { decodeText, parseJsonText, parseScenarioText, parseYamlText } from "../../src/cli/text.ts";
import { excerpt, inUserFile, parseUserData } from "../../src/cli/userFile.ts";
import { ROOT } from "../cli/helpers.ts";

const SMALL = readFileSync(`${ROOT}tests/cli/fixtures/small.yaml`, "utf8");

function messages(run: () => unknown): string[] {
  try {
    run();
  } catch (error) {
    if (error instanceof InputError) return error.message.split("\n");
    throw error;
  }
  return [];
}

describe("decodeText", () => {
  it("decodes UTF-8 with or without its mark and UTF-16 LE/BE with theirs to the same text", () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(SMALL, "utf16le")]);
    const be = Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(SMALL, "utf16le").swap16()]);
    const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(SMALL)]);
    for (const bytes of [Buffer.from(SMALL), bom, le, be]) expect(decodeText(bytes, "s.yaml")).toBe(SMALL);
  });

  it("says which encoding it found instead of passing garbage on", () => {
    expect(messages(() => decodeText(Buffer.from("a: 1\nb: 2\n", "utf16le"), "f.yaml"))).toEqual(["f.yaml: expected UTF-8 text, got UTF-16LE without a byte-order mark (convert the file to UTF-8)"]);
    expect(messages(() => decodeText(Buffer.from("name: caf\xe9\n", "latin1"), "f.yaml"))).toEqual(["f.yaml: expected UTF-8 text, got invalid UTF-8 at line 1 (byte 0xe9; is it Latin-1 or another encoding?)"]);
    expect(messages(() => decodeText(Buffer.from([0x61, 0x0a, 0x62, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9]), "f.yaml"))).toEqual(["f.yaml: expected UTF-8 text, got binary data (a NUL byte at line 2)"]);
    expect(messages(() => decodeText(Buffer.from([0xff, 0xfe, 0, 0, 0x61, 0, 0, 0]), "f.yaml"))).toEqual(["f.yaml: expected UTF-8 text, got UTF-32 (convert the file to UTF-8)"]);
    expect(messages(() => decodeText(Buffer.from([0xff, 0xfe, 0x61]), "f.yaml"))).toEqual(["f.yaml: expected UTF-16LE text (from its byte-order mark), got an odd number of bytes"]);
  });
});

describe("parser warnings and limits", () => {
  it("turns an unresolved tag into an error located FILE:LINE:COL, never a printed warning", () => {
    expect(messages(() => parseYamlText("name: x\nrun: !!js/function 'function () {}'\n", "s.yaml"))).toEqual([
      "s.yaml:2:6: Unresolved tag: !!js/function; expected plain data (YAML files hold no code or custom types)",
    ]);
  });

  it("keeps the syntax error messages of the scenario loader", () => {
    expect(messages(() => parseJsonText('{\n "a": 1,\n}', "s.json"))).toEqual(["scenario: expected valid JSON, got a syntax error at line 3, column 1"]);
    expect(messages(() => parseScenarioText("a: [1, 2\n", "s.yaml"))[0]).toMatch(/^scenario: expected valid YAML, got a syntax error at line \d+, column \d+: /);
  });

  it("refuses nesting past the limit before parsing, in JSON and YAML (flow and block), and alias bombs", () => {
    const n = 100_000;
    const limit = LIMITS.nestingDepth;
    expect(messages(() => parseJsonText("[".repeat(n) + "]".repeat(n), "d.json"))).toEqual([`d.json: nesting deeper than ${limit} levels (at line 1); expected at most ${limit}`]);
    expect(messages(() => parseYamlText(`a: ${"{b: ".repeat(n)}1${"}".repeat(n)}`, "d.yaml"))).toEqual([`d.yaml: nesting deeper than ${limit} levels (at line 1); expected at most ${limit}`]);
    const block = Array.from({ length: 300 }, (_, i) => `${" ".repeat(i)}k:`).join("\n");
    expect(messages(() => parseYamlText(block, "b.yaml"))).toEqual([`b.yaml: nesting deeper than ${limit} levels (at line ${limit + 1}); expected at most ${limit}`]);
    expect(messages(() => parseYamlText(`${"- ".repeat(300)}x\n`, "s.yaml"))[0]).toMatch(/nesting deeper than/);
    const bomb = ["a: &a [x,x,x,x,x,x,x,x,x]", "b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]", "c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]", "d: [*c,*c,*c,*c,*c,*c,*c,*c,*c]"].join("\n");
    expect(messages(() => parseYamlText(bomb, "bomb.yaml"))).toEqual(["bomb.yaml: more than 100 alias expansions; expected plain data without alias bombs"]);
  });

  it("counts brackets in quotes and comments as text, not nesting", () => {
    const text = `name: "${"[".repeat(500)}"\nnote: '${"{".repeat(500)}'\n# ${"[".repeat(500)}\nit's: fine [x]\n`;
    expect(() => checkTextNesting(text, "q.yaml", "yaml")).not.toThrow();
    expect(() => checkTextNesting(JSON.stringify({ a: "[".repeat(500) }), "q.json", "json")).not.toThrow();
    expect(() => checkTextNesting(SMALL, "small.yaml", "yaml")).not.toThrow();
  });

  it("checks a value's depth without recursion, a cycle included", () => {
    let deep: unknown = 1;
    for (let i = 0; i < 200_000; i++) deep = [deep];
    expect(messages(() => checkValueNesting(deep, "x.ts"))).toEqual([`x.ts: nesting deeper than ${LIMITS.nestingDepth} levels; expected at most ${LIMITS.nestingDepth}`]);
    const cycle: Record<string, unknown> = {};
    cycle.self = cycle;
    expect(messages(() => checkValueNesting(cycle, "x.ts"))[0]).toMatch(/nesting deeper than/);
  });

  it("checks a partial's header counts before anything is allocated", () => {
    const good = { paths: 3000, shard: { index: 0, count: 2 }, chunks: { first: 0, count: 1 }, cells: 30, quantiles: [0.5], columns: 60, sections: [{ name: "counts", type: "u32", length: 10 }], held: [3, 7] };
    expect(partialHeaderProblem(good, 1 << 20)).toBeNull();
    expect(partialHeaderProblem({ ...good, sections: "x" }, 1 << 20)).toMatch(/^expected sections a list/);
    expect(partialHeaderProblem({ ...good, held: [7, 3] }, 1 << 20)).toMatch(/^expected held a list of distinct column numbers in order/);
    expect(partialHeaderProblem({ ...good, held: [60] }, 1 << 20)).toMatch(/^expected held/);
    expect(partialHeaderProblem({ ...good, chunks: { first: 0, count: 1e15 } }, 1 << 20)).toMatch(/^expected chunks within the run's/);
    expect(partialHeaderProblem({ ...good, chunks: undefined }, 1 << 20)).toBe("expected a chunk table { first, count }, got none");
    expect(partialHeaderProblem({ ...good, paths: 1e300 }, 1 << 20)).toMatch(/^expected paths a whole number/);
    expect(partialHeaderProblem({ ...good, cells: 1e12 }, 1 << 20)).toMatch(/^expected a cell count/);
    expect(partialHeaderProblem([], 10)).toBe("header is not a JSON object");
    expect(partialHeaderLengthProblem(0xffffffff, 100)).toMatch(/over the limit/);
    expect(partialHeaderLengthProblem(200, 100)).toMatch(/does not fit/);
  });
});

describe("files named by the user", () => {
  it("quotes at most a short escaped excerpt", () => {
    expect(excerpt("root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1")).toBe('"root:x:0:0:root:/root:/b..."');
    expect(excerpt("a\nb")).toBe('"a\\nb"');
  });

  it("names the flag and the file, and says what the content is instead of echoing it", () => {
    const passwd = "root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\n";
    expect(messages(() => parseUserData(passwd, "--series", "/etc/passwd", "a fixture"))).toEqual([
      '--series /etc/passwd: expected a fixture (a YAML or JSON object), got text "root:x:0:0:root:/root:/b..."',
    ]);
    expect(messages(() => parseUserData("[1, 2]", "--series", "x.json", "a fixture"))).toEqual(["--series x.json: expected a fixture (a YAML or JSON object), got a list"]);
  });

  it("rewrites the issues of a file's content under the flag and the file, cutting quotes and many unknown fields", () => {
    const long = "x".repeat(200);
    const issues: InputIssue[] = [{ code: "invalid_type", path: ["rows", 0], message: `expected a number, got "${long}"` }, ...Array.from({ length: 9 }, (_, k): InputIssue => ({ code: "unknown_field", path: [`secret-${k}-${long}`], message: "unknown field" }))];
    const lines = messages(() => inUserFile("--series", "../data.yaml", () => { throw new InputError(issues); }));
    expect(lines).toEqual([
      `--series ../data.yaml: 9 unknown fields (the first "secret-0-xxxxxxxxxxxxxxx..."); is it the right file?`,
      `--series ../data.yaml: rows[0]: expected a number, got "${"x".repeat(24)}..."`,
    ]);
  });
});
