import { InputError } from "../../core/issues.ts";

/**
 * The error of a bad `--chart` selector: `message` followed by the selector as given.
 *
 * @example selectorError("pie", "expected one of: fan, ...").issues[0] // { path: ["chart"], message: 'expected one of: fan, ..., got "pie"' }
 */
export function selectorError(selector: string, message: string): InputError {
  return new InputError([{ code: "invalid_value", path: ["chart"], message: `${message}, got ${JSON.stringify(selector)}` }]);
}
