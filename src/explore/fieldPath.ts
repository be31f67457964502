import { InputError, describeValue } from "../core/issues.ts";
import { shiftDistribution } from "../random/distributions.ts";
import type { Param } from "../random/spec.ts";

/** One step of a scenario field path: an object key, an array index, or an array element's `id`. */
export type FieldStep = string | number;

/**
 * Parses a scenario field path. Both forms name the same field: `providers[1].model.g0` (index) and
 * `providers.tencent.model.g0` (an array element by its `id`); segment models read
 * `providers.tencent.model.government.speed`.
 *
 * @throws InputError (path `--vary`) when the text is not a path.
 * @example parseFieldPath("providers[1].model.g0") // ["providers", 1, "model", "g0"]
 */
export function parseFieldPath(text: string): FieldStep[] {
  if (typeof text !== "string") {
    throw new InputError([{ code: "invalid_type", path: ["path"], message: `expected a field path such as providers.tencent.model.g0 or providers[1].model.g0, got ${describeValue(text)}` }]);
  }
  const steps: FieldStep[] = [];
  const re = /([^.[\]]+)|\[(\d+)\]/g;
  let consumed = "";
  for (const match of text.matchAll(re)) {
    steps.push(match[2] !== undefined ? Number(match[2]) : match[1]);
    consumed += match[0];
  }
  if (steps.length === 0 || consumed.length !== text.replaceAll(".", "").length) {
    throw new InputError([{ code: "invalid_format", path: ["path"], message: `expected a field path such as providers.tencent.model.g0 or providers[1].model.g0, got ${JSON.stringify(text)}` }]);
  }
  return steps;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The value held under `key` itself (never one inherited from Object, such as `constructor`). */
function ownValue(node: unknown, key: string | number): unknown {
  return Object.hasOwn(node as object, key) ? (node as Record<string | number, unknown>)[key] : undefined;
}

/** The container and key a path's last step lands on, resolving `id` steps in arrays. */
function locate(root: unknown, steps: FieldStep[], text: string): { parent: Record<string, unknown> | unknown[]; key: string | number } {
  let node: unknown = root;
  const fail = (at: number, why: string): never => {
    throw new InputError([{ code: "unknown_reference", path: ["path"], message: `no field ${JSON.stringify(text)} in the scenario: ${why} at ${JSON.stringify(steps.slice(0, at + 1).join("."))}` }]);
  };
  for (let k = 0; k < steps.length; k++) {
    let step = steps[k];
    if (Array.isArray(node)) {
      if (typeof step === "string") {
        const index = /^\d+$/.test(step) ? Number(step) : node.findIndex((e) => isRecord(e) && e.id === step);
        if (index < 0) fail(k, "no element with this id");
        step = index;
      }
      if ((step as number) >= node.length) fail(k, `index beyond the ${node.length} element(s)`);
    } else if (!isRecord(node)) {
      fail(k - 1, "not an object");
    } else if (typeof step === "number") {
      fail(k, "an index into an object");
    }
    if (k === steps.length - 1) return { parent: node as Record<string, unknown> | unknown[], key: step };
    const next = ownValue(node, step);
    if (next === undefined) fail(k, "nothing there");
    node = next;
  }
  return fail(0, "empty path");
}

/** The value at a field path, or throws InputError naming the path. */
export function getField(scenario: unknown, path: string): unknown {
  const { parent, key } = locate(scenario, parseFieldPath(path), path);
  return ownValue(parent, key);
}

/**
 * A deep copy of the scenario with the field at `path` set to `value` (an optional field that is absent,
 * such as a replication model's `speed`, is added). The input is not changed.
 *
 * @throws InputError when a step of the path does not exist.
 */
export function withField(scenario: unknown, path: string, value: unknown): unknown {
  const copy = structuredClone(scenario);
  const { parent, key } = locate(copy, parseFieldPath(path), path);
  // Defined, not assigned: a field named like an Object member (`constructor`) is data.
  Object.defineProperty(parent, key, { value, writable: true, enumerable: true, configurable: true });
  return copy;
}

/**
 * A parameter moved by `delta`: a number plus delta, or a distribution moved by its family's own rule
 * (random/families/*.ts `shift`: normal mean; uniform, triangular, PERT and beta bounds; interval90 ends;
 * discrete values), keeping its spread. Lognormals have no additive location.
 *
 * @throws InputError (path `--vary`) for a lognormal or a value that is not a parameter.
 * @example shiftParam({ dist: "interval90", low: 0.5, high: 1 }, 0.1) // { dist: "interval90", low: 0.6, high: 1.1 }
 */
export function shiftParam(param: unknown, delta: number): Param {
  if (typeof param === "number") return param + delta;
  if (!isRecord(param) || typeof param.dist !== "string") {
    throw new InputError([{ code: "invalid_type", path: ["path"], message: `expected a number or a distribution to shift, got ${JSON.stringify(param)}` }]);
  }
  const shifted = shiftDistribution(param, delta);
  if (typeof shifted === "object") return shifted;
  throw new InputError([{ code: "invalid_value", path: ["path"], message: `expected a distribution with an additive location, got ${shifted ?? param.dist}` }]);
}
