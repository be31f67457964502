// Result.fromJSON / Result.load: a saved result comes back as the result that was saved (its JSON, rows,
// events, look-ups), without samples; a document that is not a result is refused field by field.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { InputError } from "../../src/core/issues.ts";
import { runScenario } from "../../src/engine/run.ts";
import { Result } from "../../src/samples/result.ts";
import defaultScenario from "../../scenarios/deutsche-bank-2020.ts";

const dir = mkdtempSync(join(tmpdir(), "sharecast-result-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const original = runScenario(defaultScenario, { paths: 1200, seed: 5 });
const text = JSON.stringify(original, null, 2);

describe("Result.fromJSON", () => {
  it("gives back the saved result: the same JSON, rows and events, and no samples", () => {
    const loaded = Result.fromJSON(text);
    expect(JSON.stringify(loaded, null, 2)).toBe(text);
    expect(loaded.samples).toBeNull();
    expect(loaded.row("2020", "tencent", "share")).toEqual(original.row("2020", "tencent", "share"));
    const id = original.events[0].id;
    expect(loaded.event(id)).toEqual(original.event(id));
    expect(Result.fromJSON(JSON.parse(text)).toJSON()).toEqual(JSON.parse(text));
    expect(() => loaded.sampleRecords()).toThrow(RangeError);
  });

  it("refuses text that is not JSON, and documents with missing or mistyped fields, naming each", () => {
    expect(() => Result.fromJSON("{ nope")).toThrow(InputError);
    const doc = JSON.parse(text);
    doc.meta.paths = "1200";
    delete doc.rows[3].metric;
    doc.events = {};
    try {
      Result.fromJSON(doc);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(InputError);
      const messages = (error as InputError).issues.map((i) => `${i.path.join(".")}: ${i.message}`);
      expect(messages).toEqual(["meta.paths: expected a whole number >= 1, got \"1200\"", "rows.3.metric: expected a string, got nothing", "events: expected a list, got an object"]);
    }
    expect(() => Result.fromJSON([])).toThrow(/expected a result document/);
  });
});

describe("Result.load", () => {
  it("reads a saved result from a path or a file: URL", async () => {
    const file = join(dir, "result.json");
    writeFileSync(file, text);
    expect(JSON.stringify(await Result.load(file), null, 2)).toBe(text);
    expect(JSON.stringify(await Result.load(pathToFileURL(file)), null, 2)).toBe(text);
    await expect(Result.load(join(dir, "missing.json"))).rejects.toThrow(/ENOENT/);
  });
});
