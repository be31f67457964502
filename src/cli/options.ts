import { z } from "zod";
import { decimalNumber } from "../core/decimal.ts";
import { quantileRepeat } from "../samples/summaries.ts";
import { InputError, ISSUE_CODE_PARAM, type InputIssue, type IssueCode } from "../core/issues.ts";

/**
 * Shared zod schemas of option values as the command line gives them (text), each turning the text into
 * its value or into an issue in the house grammar (`expected a whole number >= 0, got "-1"`). The flag is
 * not part of the message: {@link parseOptions} in `optionTable.ts` puts it in front.
 */

/** The zod `params` that give a refinement's issue its code (read back by `zodIssueCode`). */
export function issueCode(code: IssueCode): { params: Record<string, unknown> } {
  return { params: { [ISSUE_CODE_PARAM]: code } };
}

/** Largest `--paths` (and path cap) the command line accepts. */
export const MAX_PATHS = 100_000_000;

/** A schema from option text (or an accumulated list of texts) to a value. */
export type ValueSchema<T> = z.ZodType<T, string>;

/** A positive whole number up to `max`: `expected a whole number from 1 to MAX, got "x"`. */
export function positiveInt(max = Number.MAX_SAFE_INTEGER): ValueSchema<number> {
  return z
    .string()
    .refine((text) => /^\d+$/.test(text.trim()) && Number.isSafeInteger(Number(text)) && Number(text) >= 1 && Number(text) <= max, {
      error: (issue) => `expected a whole number from 1 to ${max}, got ${JSON.stringify(issue.input)}`,
      ...issueCode("out_of_range"),
    })
    .transform(Number);
}

/** A whole number from `min` to `max`: `expected a whole number from 16 to 10000000, got "1"`. */
export function wholeNumber(min: number, max: number): ValueSchema<number> {
  return z
    .string()
    .refine((text) => /^\d+$/.test(text.trim()) && Number.isSafeInteger(Number(text)) && Number(text) >= min && Number(text) <= max, {
      error: (issue) => `expected a whole number from ${min} to ${max}, got ${JSON.stringify(issue.input)}`,
      ...issueCode("out_of_range"),
    })
    .transform(Number);
}

/**
 * Sobol base sample sizes and bootstrap resamples a user may ask for: below 16 base samples the design
 * is rounded up and its indices mean nothing (`--sobol-n 1` ran n = 2 and printed a total index of 1.74);
 * 0 resamples leave the intervals out, 1 to 9 give intervals of (next to) no width. Above
 * {@link BOOTSTRAP_MAX} the resamples cost O(b n k) for no visible gain (10^10 had failed with a RangeError
 * allocating the draws, an internal error; 10^9 ran for hours).
 */
export const SOBOL_MIN_N = 16;
export const BOOTSTRAP_MIN = 10;
export const BOOTSTRAP_MAX = 100_000;

/** `--bootstrap`: 0 (no intervals) or from {@link BOOTSTRAP_MIN} to {@link BOOTSTRAP_MAX}. */
export function bootstrapCount(): ValueSchema<number> {
  return nonNegativeInt().refine((b) => b === 0 || (b >= BOOTSTRAP_MIN && b <= BOOTSTRAP_MAX), {
    error: (issue) => `expected 0 (no intervals) or ${BOOTSTRAP_MIN} to ${BOOTSTRAP_MAX} resamples, got ${JSON.stringify(issue.input)}`,
    ...issueCode("out_of_range"),
  }) as unknown as ValueSchema<number>;
}

/** A whole number >= 0: `expected a whole number >= 0, got "x"`. */
export function nonNegativeInt(): ValueSchema<number> {
  return z
    .string()
    .refine((text) => /^\d+$/.test(text.trim()) && Number.isSafeInteger(Number(text)), {
      error: (issue) => `expected a whole number >= 0, got ${JSON.stringify(issue.input)}`,
      ...issueCode("out_of_range"),
    })
    .transform(Number);
}

/** A finite number > 0: `expected a positive number, got "x"`. */
export function positiveNumber(): ValueSchema<number> {
  return z
    .string()
    .refine((text) => decimalNumber(text) > 0 && Number.isFinite(decimalNumber(text)), {
      error: (issue) => `expected a positive number, got ${JSON.stringify(issue.input)}`,
      ...issueCode("not_positive"),
    })
    .transform(decimalNumber);
}

/** One of a fixed list of words: `expected one of table, json, got "xml"`. */
export function choice<const T extends readonly [string, ...string[]]>(choices: T): ValueSchema<T[number]> {
  return z.enum(choices, { error: (issue) => `expected one of ${choices.join(", ")}, got ${JSON.stringify(issue.input)}` }) as unknown as ValueSchema<T[number]>;
}

/** Option text as given. */
export function text(): ValueSchema<string> {
  return z.string();
}

/** A file or directory name: any text but the empty one (`--out ""` would otherwise be taken as no --out). */
export function pathText(): ValueSchema<string> {
  return z.string().min(1, { message: "expected a file or directory name, got an empty path" });
}

/** A flag without a value (`--se`, or `--no-progress` as `progress: false`). */
export function flag(): z.ZodType<boolean, boolean> {
  return z.boolean();
}

/** The texts of a repeatable option, in the order given. */
export function collected(): z.ZodType<string[], string[]> {
  return z.array(z.string());
}

/** Splits a comma-separated list, dropping empty entries (`--output share:tencent:2020,share:alibaba:2020`). */
export function parseList(text: string): string[] {
  return text.split(",").map((s) => s.trim()).filter((s) => s !== "");
}

/** A comma-separated list of words, empty entries dropped. */
export function list(): ValueSchema<string[]> {
  return z.string().transform(parseList);
}

/** A comma-separated list kept entry for entry (`--origins 2017Q4,2018Q2`); the library checks each entry. */
export function rawList(): ValueSchema<string[]> {
  return z.string().transform((value) => value.split(",").map((s) => s.trim()));
}

/** Probabilities strictly between 0 and 1 (`--quantiles 0.05,0.5,0.95`); issues name the entry (`--quantiles[1]`). */
export function quantiles(): ValueSchema<number[]> {
  const probability = z
    .string()
    .refine((part) => decimalNumber(part) > 0 && decimalNumber(part) < 1, {
      error: (issue) => `expected a probability strictly between 0 and 1, got ${JSON.stringify(issue.input)}`,
      ...issueCode("out_of_range"),
    })
    .transform(Number);
  return z
    .string()
    .transform((value) => value.split(",").map((s) => s.trim()))
    .pipe(z.array(probability))
    .superRefine((list, ctx) => {
      list.forEach((q, k) => {
        // An entry already refused (not a probability) is not checked again.
        if (typeof q !== "number") return;
        const repeat = quantileRepeat(list, k);
        if (repeat) ctx.addIssue({ code: "custom", path: [k], input: q, message: repeat });
      });
    });
}

/** `name=value` pairs of finite numbers (`--start K=10,r=0.5`); issues name the pair (`--start[0]`). */
export function namedNumbers(): ValueSchema<Record<string, number>> {
  const pair = z
    .string()
    .refine(
      (part) => {
        const [name, value, ...rest] = part.split("=").map((s) => s.trim());
        return Boolean(name) && value !== undefined && rest.length === 0 && Number.isFinite(decimalNumber(value));
      },
      { error: (issue) => `expected name=value with a finite number, got ${JSON.stringify(issue.input)}`, ...issueCode("invalid_format") },
    )
    .transform((part) => part.split("=").map((s) => s.trim()) as [string, string]);
  return z
    .string()
    .transform((value) => value.split(","))
    .pipe(z.array(pair))
    .superRefine((pairs, ctx) => {
      // `K=1,K=2` names one twice: which one was meant cannot be guessed.
      pairs.forEach(([name], k) => {
        if (pairs.findIndex(([other]) => other === name) < k) ctx.addIssue({ code: "custom", path: [k], message: `expected each name once, got ${name} again` });
      });
    })
    .transform((pairs) => {
      const out: Record<string, number> = Object.create(null);
      for (const [name, value] of pairs) out[name] = decimalNumber(value);
      return out;
    });
}

/** `lo,hi` with finite numbers lo < hi (`--range 0.5,1`). */
export function range(): ValueSchema<[number, number]> {
  return z
    .string()
    .refine(
      (value) => {
        const parts = value.split(",").map((s) => s.trim());
        const [lo, hi] = parts.map(decimalNumber);
        return parts.length === 2 && parts.every((p) => p !== "") && Number.isFinite(lo) && Number.isFinite(hi) && lo < hi;
      },
      { error: (issue) => `expected lo,hi with finite numbers lo < hi, got ${JSON.stringify(issue.input)}`, ...issueCode("invalid_format") },
    )
    .transform((value) => value.split(",").map(decimalNumber) as [number, number]);
}

/** Marks an issue raised by a library parser: its own path is kept (see {@link fromParser}). */
export const LIBRARY_PATH = "libraryPath";

/**
 * A value read by one of the library's parsers (`parseTarget`, ...); the parser's InputError becomes zod
 * issues that keep the parser's own path, so the message is the library's, mapped to flags by the command.
 */
export function fromParser<T>(parse: (value: string) => T): ValueSchema<T> {
  return z.string().transform((value, context) => {
    try {
      return parse(value);
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      for (const issue of error.issues) {
        context.addIssue({ code: "custom", message: issue.message, input: value, params: { [LIBRARY_PATH]: issue.path, [ISSUE_CODE_PARAM]: issue.code } });
      }
      return z.NEVER;
    }
  });
}

/** The library path an issue from {@link fromParser} carries, if any. */
export function libraryPath(issue: z.core.$ZodIssue): InputIssue["path"] | undefined {
  const params = (issue as { params?: Record<string, unknown> }).params;
  return params?.[LIBRARY_PATH] as InputIssue["path"] | undefined;
}

/** Help of a scenario file argument. */
export const SCENARIO_FILE = "scenario file: .ts, .js, .yaml, .yml or .json";
