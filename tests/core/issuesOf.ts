import { InputError } from "../../src/index.ts";

/** The issues (path and message) of the InputError `f` throws; anything else it throws is rethrown, and none is a failure. */
export function issues(f: () => unknown): unknown {
  try {
    f();
  } catch (error) {
    if (error instanceof InputError) return error.issues.map(({ path, message }) => ({ path, message }));
    throw error;
  }
  throw new Error("expected an InputError, got none");
}
