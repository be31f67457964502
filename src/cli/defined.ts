/** An object's fields whose value is `undefined`, left out; the others as given. */
export type Defined<T> = { [K in keyof T]?: Exclude<T[K], undefined> };

/**
 * The fields of `fields` that hold a value, in their order: the command line passes only the options a user
 * gave, so that every library default applies to the others.
 *
 * @example definedFields({ paths: 500, seed: undefined }) // { paths: 500 }
 */
export function definedFields<T extends object>(fields: T): Defined<T> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) if (value !== undefined) out[key] = value;
  return out as Defined<T>;
}
