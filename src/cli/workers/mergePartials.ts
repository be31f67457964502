import { CHUNK_SIZE } from "../../engine/kernel.ts";
import { prepareScenario, validScenario } from "../../engine/prepare.ts";
import { scenarioHash } from "../../scenario/hash.ts";
import { chunkPlan, planStore, ResultAssembler, type RunOptions } from "../../engine/run.ts";
import { SampleStore, columnBytes } from "../../samples/store.ts";
import { RNG_NAME } from "../../random/stream.ts";
import type { Result } from "../../samples/result.ts";
import { InputError, type InputIssue } from "../../core/issues.ts";
import { VERSION } from "../../core/version.ts";
import { PartialReader, shardRange } from "./partial.ts";

/**
 * Combines the partial results of every shard of one run into exactly that run's result: the same
 * summaries, events and benchmarks, byte for byte in JSON, as `sharecast run` without `--shard`.
 * Values are read back chunk by chunk into a store (in passes, as a run too large for memory would be).
 *
 * @throws InputError (exit 2) when a file is not a partial, the partials are of different runs (scenario
 *   hash, seed, paths, quantiles, shard count, engine version), or a shard is missing or repeated.
 */
export function mergePartials(files: readonly string[], options: Pick<RunOptions, "onProgress" | "storeBudgetBytes"> = {}): Result {
  if (files.length === 0) throw new InputError([{ code: "too_small", path: ["partials"], message: "expected at least one partial result file, got none" }]);
  const readers: PartialReader[] = [];
  try {
    files.forEach((file, i) => readers.push(new PartialReader(file, ["partials", i])));
    const first = readers[0].header;
    const issues: InputIssue[] = [];
    const same = (what: string, get: (h: PartialReader["header"]) => unknown) => {
      const want = JSON.stringify(get(first));
      readers.forEach((r, i) => {
        const got = JSON.stringify(get(r.header));
        if (got !== want) issues.push({ code: "conflict", path: ["partials", i], message: `${JSON.stringify(r.file)} is of another run: ${what} ${got}, expected ${want} (from ${JSON.stringify(readers[0].file)})` });
      });
    };
    same("scenario hash", (h) => h.scenarioHash);
    same("seed", (h) => h.seed);
    same("paths", (h) => h.paths);
    same("quantiles", (h) => h.quantiles);
    same("shard count", (h) => h.shard.count);
    same("engine version", (h) => h.version);
    same("generator", (h) => h.rng);
    same("chunk size", (h) => h.chunkSize);
    if (issues.length > 0) throw new InputError(issues);
    if (first.version !== VERSION || first.rng !== RNG_NAME || first.chunkSize !== CHUNK_SIZE) {
      throw new InputError([{ code: "conflict", path: ["partials"], message: `expected partials of engine ${VERSION} (${RNG_NAME}, chunks of ${CHUNK_SIZE}), got ${first.version} (${first.rng}, chunks of ${first.chunkSize})` }]);
    }
    const count = first.shard.count;
    const byIndex = new Map<number, number>();
    readers.forEach((r, i) => {
      const { index } = r.header.shard;
      const before = byIndex.get(index);
      if (before !== undefined) issues.push({ code: "duplicate", path: ["partials", i], message: `duplicate shard ${index}/${count}: ${JSON.stringify(r.file)} and ${JSON.stringify(readers[before].file)}` });
      else byIndex.set(index, i);
    });
    const missing: number[] = [];
    for (let index = 0; index < count; index++) if (!byIndex.has(index)) missing.push(index);
    if (missing.length > 0) issues.push({ code: "required", path: ["partials"], message: `missing shard${missing.length > 1 ? "s" : ""} ${missing.join(", ")} of ${count} (shards are numbered 0 to ${count - 1})` });
    if (issues.length > 0) throw new InputError(issues);

    const scenario = validScenario(first.scenario);
    if (scenarioHash(scenario) !== first.scenarioHash) {
      throw new InputError([{ code: "invalid", path: ["partials", 0], message: `${JSON.stringify(readers[0].file)}: the scenario in the header does not match its hash ${first.scenarioHash}` }]);
    }
    const compiled = prepareScenario(scenario, { paths: first.paths, seed: first.seed, quantiles: first.quantiles }).compiled;
    const chunks = chunkPlan(first.paths).length;
    const ordered = [...byIndex.entries()].sort((a, b) => a[0] - b[0]).map(([index, i]) => {
      const expected = shardRange(chunks, index, count);
      const got = readers[i].header.chunks;
      if (got.first !== expected.first || got.count !== expected.count) {
        throw new InputError([{ code: "invalid", path: ["partials", i], message: `${JSON.stringify(readers[i].file)}: expected chunks ${expected.first}..${expected.first + expected.count - 1} for shard ${index}/${count}, got ${got.first}..${got.first + got.count - 1}` }]);
      }
      return readers[i];
    });

    const total = first.paths;
    const passes = planStore(compiled, total, options.storeBudgetBytes);
    const assembler = new ResultAssembler(compiled);
    const buffers = { revenue: new Float64Array(first.cells * CHUNK_SIZE), share: new Float64Array(first.cells * CHUNK_SIZE) };
    let done = 0;
    let last: SampleStore | null = null;
    const buffer = new ArrayBuffer(Math.max(...passes.map((p) => p.length)) * columnBytes(total));
    for (const columns of passes) {
      const store = new SampleStore(compiled, total, { columns, buffer });
      for (const reader of ordered) {
        for (const values of reader.chunks(buffers)) {
          store.add(values);
          done += values.paths;
          options.onProgress?.(done, total * passes.length);
        }
      }
      assembler.addStore(store);
      last = store;
    }
    return assembler.result(passes.length === 1 ? last : null);
  } finally {
    for (const r of readers) r.close();
  }
}
