import { createHash } from "node:crypto";
import { overLimitMessage, readBoundedSync } from "../limits.ts";
import { AtomicFile } from "../write.ts";
import { InputError } from "../../core/issues.ts";
import type { SketchLayout, SketchPlan } from "../../stats/columnSketch.ts";
import type { BenchmarkResult, EventResult } from "../../samples/summaries.ts";

/** Plan format version (2: per column the pooled squared deviations, which round 1 now forms). */
export const PLAN_FORMAT_VERSION = 2;

/**
 * The plan of a sharded run's round 2 (docs/shards.md), written by `sharecast merge` from every shard's
 * round-1 partial: what the run is (as in a partial's header), the bucket layout, per column the mean and
 * the buckets holding the wanted ranks, and the events and benchmark comparisons (already exact: they were
 * evaluated on the whole columns they read). JSON, whose numbers read back to the same doubles.
 */
export interface ShardPlanFile {
  format: "sharecast-plan";
  formatVersion: typeof PLAN_FORMAT_VERSION;
  version: string;
  rng: string;
  chunkSize: number;
  scenarioHash: string;
  scenario: unknown;
  paths: number;
  seed: number;
  quantiles: number[];
  shards: number;
  layout: { base: number[]; scale: number[] };
  plan: SketchPlan;
  events: EventResult[];
  benchmarks: BenchmarkResult[];
  /** {@link contentCheck} of the rest, written last. */
  check?: string;
}

/** File name of the plan of a run of `count` shards. */
export function planName(count: number): string {
  return `plan-of-${count}.json`;
}

/** The hash a round-2 partial records of the plan it ran under: SHA-256 of the file's text. */
export function planHash(text: string): string {
  return createHash("sha256").update(text).digest("hex").slice(0, 32);
}

/**
 * The checksum a plan carries of its own content (SHA-256 of its JSON without the checksum), so that a plan
 * edited or damaged on its way between machines is refused rather than giving wrong numbers: every field
 * of it (means, buckets, events) goes into the result as it is.
 */
function contentCheck(plan: Omit<ShardPlanFile, "check">): string {
  return createHash("sha256").update(JSON.stringify(plan)).digest("hex").slice(0, 32);
}

/** Writes a plan atomically, with its checksum; returns its hash. */
export function writePlan(path: string, plan: ShardPlanFile): string {
  const { check: _old, ...content } = plan;
  const text = `${JSON.stringify({ ...content, check: contentCheck(content) })}\n`;
  const file = new AtomicFile(path, "--plan");
  try {
    file.write(text);
    file.commit();
  } catch (error) {
    file.abort();
    throw error;
  }
  return planHash(text);
}

/** The layout arrays of a plan. */
export function planLayout(plan: ShardPlanFile): SketchLayout {
  return { base: Float64Array.from(plan.layout.base), scale: Float64Array.from(plan.layout.scale) };
}

/**
 * Reads a plan written by `sharecast merge`, with its hash.
 *
 * @throws InputError naming `flag` when the file is missing or not a plan.
 */
export function readPlan(path: string, flag: string): { plan: ShardPlanFile; hash: string } {
  const bad = (message: string) => new InputError([{ code: "invalid", path: [flag], message: `${JSON.stringify(path)}: ${message}` }]);
  let text: string;
  try {
    const read = readBoundedSync(path);
    if (read.bytes === undefined) throw bad(overLimitMessage(read.over));
    text = read.bytes.toString("utf8");
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw bad("cannot read the file");
  }
  let plan: ShardPlanFile;
  try {
    plan = JSON.parse(text) as ShardPlanFile;
  } catch {
    throw bad("expected the plan JSON that `sharecast merge` writes from round-1 partials, got text that is not JSON");
  }
  if (plan?.format !== "sharecast-plan" || plan.formatVersion !== PLAN_FORMAT_VERSION) throw bad("expected the plan that `sharecast merge` writes from round-1 partials, got another file");
  const { check, ...content } = plan;
  if (typeof check !== "string" || check !== contentCheck(content)) throw bad("the plan does not match its checksum: it was edited or damaged (merge the round-1 partials again)");
  const columns = plan.plan?.mean?.length;
  const lists = [plan.plan?.squares, plan.plan?.constant, plan.plan?.wanted, plan.plan?.before, plan.plan?.sizes, plan.plan?.low, plan.layout?.base, plan.layout?.scale];
  if (!Number.isSafeInteger(columns) || lists.some((list) => !Array.isArray(list) || list.length !== columns)) throw bad("the plan's columns are incomplete (corrupt)");
  return { plan, hash: planHash(text) };
}
