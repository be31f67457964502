import { InputError, describeValue } from "./issues.ts";

/** Options `O` completed from defaults `D`: every defaulted field present, the others as given. */
export type Completed<D, O> = Omit<O, keyof D> & { [K in keyof D]: K extends keyof O ? Exclude<O[K], undefined> | D[K] : D[K] };

/**
 * Completes an options object from its defaults: every field of `defaults` that `options` leaves out or sets
 * to `undefined` takes the default; every other field of `options` is kept as given. Neither argument is
 * changed. This is the one way options are completed (a spread `{ ...defaults, ...options }` would let an
 * explicit `undefined` wipe a default).
 *
 * @example complete({ sobolN: 2048, bootstrap: 500 }, { sobolN: undefined, output: "share:a:2020" })
 * // { sobolN: 2048, output: "share:a:2020", bootstrap: 500 }
 */
export function complete<D extends object, O extends object>(defaults: D, options: O): Completed<D, O> {
  const out = { ...options } as Record<string, unknown>;
  for (const [key, value] of Object.entries(defaults)) if (out[key] === undefined) out[key] = value;
  return out as Completed<D, O>;
}

/**
 * The fields of `fields` whose value is not `undefined`, in their order: for optional fields of plain data
 * (a key that is absent stays absent in JSON).
 *
 * @example defined({ title: "t", unit: undefined }) // { title: "t" }
 */
export function defined<T extends object>(fields: T): { [K in keyof T]?: Exclude<T[K], undefined> } {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) if (value !== undefined) out[key] = value;
  return out as { [K in keyof T]?: Exclude<T[K], undefined> };
}

/**
 * Checks what a library function was given as its options: an object (or nothing, when `required` is
 * empty), with each of `required` present. Notebook users pass these as plain objects, so a missing field
 * is an `InputError` naming it rather than a `TypeError` deep inside.
 *
 * @throws InputError at the field's path (or the root for options that are not an object).
 * @example checkOptions(undefined, ["output"]) // throws: output: expected a value, got nothing (required)
 */
export function checkOptions(options: unknown, required: readonly string[] = []): void {
  if (options === undefined && required.length === 0) return;
  if (typeof options !== "object" || options === null || Array.isArray(options)) {
    const fields = required.length > 0 ? ` with ${required.join(", ")}` : "";
    throw new InputError([{ code: "invalid_type", path: [], message: `expected an options object${fields}, got ${describeValue(options)}` }]);
  }
  const missing = required.filter((key) => (options as Record<string, unknown>)[key] === undefined);
  if (missing.length > 0) throw new InputError(missing.map((key) => ({ code: "required", path: [key], message: "expected a value, got nothing (required)" })));
}
