import { InputError } from "../core/issues.ts";

/**
 * Runs a library call whose errors name its option fields (`targetSe`, `outputs[0]`), and reports them under
 * the command's flags instead (`--target-se`, `--output[0]`): `flags` maps a field to its flag; issues whose
 * path starts with another field are left as they are.
 *
 * @example withFlags({ targetSe: "--target-se" }, () => runToTarget(scenario, options))
 */
export function withFlags<T>(flags: Readonly<Record<string, string>>, call: () => T): T {
  try {
    return call();
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    const flagOf = new Map(Object.entries(flags));
    throw new InputError(
      error.issues.map((issue) => {
        const flag = typeof issue.path[0] === "string" ? flagOf.get(issue.path[0]) : undefined;
        return flag === undefined ? issue : { ...issue, path: [flag, ...issue.path.slice(1)] };
      }),
    );
  }
}
