import { dirname, resolve } from "node:path";
import { z } from "zod";
import type { BacktestOptions, PublishedForecast } from "../backtest/backtest.ts";
import { curveNames, type CurveName } from "../curves/curve.ts";
import { InputError, describeValue, ISSUE_CODE_PARAM, zodIssueCode, type InputIssue, type IssueCode, type ZodIssueShape } from "../core/issues.ts";
import { defined } from "../core/options.ts";
import { quantileRepeat } from "../samples/summaries.ts";
import { parseUserData, readUserFile } from "./userFile.ts";

/** A backtest spec file (YAML or JSON): the same settings as the flags; `series` is relative to the file. */
export interface SpecFile {
  series?: string;
  /** `series` as the spec wrote it (relative to the spec), for messages. */
  seriesGiven?: string;
  provider?: string;
  metric?: string;
  options: BacktestOptions;
}

/** The fields a spec may hold, in the order the unknown-field message lists them. */
const SPEC_KEYS = [
  "series", "provider", "metric", "curve", "uncertainty", "residualNoise", "origins", "horizon", "minHistory",
  "paths", "seed", "quantiles", "timeOrigin", "bootstrapSamples", "forecasts",
] as const;

const UNCERTAINTY = ["covariance", "bootstrap", "none"] as const;

/** A message that shows the value received (`expected a string, got 1`). */
const got = (expected: string) => ({ error: (issue: { input?: unknown }) => `${expected}, got ${describeValue(issue.input)}` });

/** The same, for a refinement: its issue also carries `code`. */
const refuted = (expected: string, code: IssueCode) => ({ ...got(expected), params: { [ISSUE_CODE_PARAM]: code } });

/** A non-empty string; a string that is empty is still passed on, so that its other checks speak too. */
const nonEmptyText = z.string(got("expected a non-empty string")).refine((value) => value !== "", refuted("expected a non-empty string", "too_small"));

const wholeNumber = z.number(got("expected a whole number")).refine((value) => Number.isSafeInteger(value) && value >= 0, refuted("expected a whole number", "not_integer"));

/** Anything that is not an object reads as an empty one, so each missing field is named. */
const forecast = z.preprocess(
  (value) => (typeof value === "object" && value !== null ? value : {}),
  z.object({
    id: z.string(got("expected a string")),
    source: z.string(got("expected a string")),
    period: z.string(got("expected a string")),
    value: z.number(got("expected a number")),
    published: z.unknown().transform((value) => String(value)).optional(),
  }),
);

/**
 * Field schemas in the order their issues are reported (unknown fields come first). Types only: what the
 * values mean is checked by `runBacktest`.
 */
const specSchema = z.strictObject({
  curve: nonEmptyText.refine((value) => (curveNames as readonly string[]).includes(value), refuted(`expected one of ${curveNames.join(", ")}`, "invalid_value")).optional(),
  uncertainty: nonEmptyText.refine((value) => (UNCERTAINTY as readonly string[]).includes(value), refuted(`expected one of ${UNCERTAINTY.join(", ")}`, "invalid_value")).optional(),
  residualNoise: z.boolean(got("expected true or false")).optional(),
  origins: z.union([z.literal("rolling"), z.array(z.string())], got('expected "rolling" or a list of quarters')).optional(),
  horizon: wholeNumber.optional(),
  minHistory: wholeNumber.optional(),
  paths: wholeNumber.optional(),
  seed: wholeNumber.optional(),
  bootstrapSamples: wholeNumber.optional(),
  // The rules of --quantiles: probabilities strictly between 0 and 1, at least one, each once.
  quantiles: z
    .array(z.number().gt(0, { message: "expected a probability strictly between 0 and 1" }).lt(1, { message: "expected a probability strictly between 0 and 1" }))
    .min(1, { message: "expected at least one quantile" })
    .superRefine((list, ctx) =>
      list.forEach((_, k) => {
        const repeat = quantileRepeat(list, k);
        if (repeat) ctx.addIssue({ code: "custom", path: [k], message: repeat });
      }),
    )
    .optional(),
  timeOrigin: nonEmptyText.optional(),
  forecasts: z.array(forecast, got("expected a list")).optional(),
  series: nonEmptyText.optional(),
  provider: nonEmptyText.optional(),
  metric: nonEmptyText.optional(),
});

/** A zod issue of the spec in the house grammar; a bad quantile list is one issue on the list. */
function specIssues(issues: readonly z.core.$ZodIssue[], spec: Record<string, unknown>): InputIssue[] {
  const unknown: InputIssue[] = [];
  const known: InputIssue[] = [];
  let quantilesSeen = false;
  for (const issue of issues) {
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) unknown.push({ code: "unknown_field", path: [key], message: `unknown field; expected one of ${SPEC_KEYS.join(", ")}` });
    } else if (issue.path[0] === "quantiles") {
      if (!quantilesSeen) known.push({ code: "invalid_type", path: ["quantiles"], message: `expected a list of probabilities, got ${describeValue(spec.quantiles)}` });
      quantilesSeen = true;
    } else {
      known.push({ code: zodIssueCode(issue as unknown as ZodIssueShape), path: issue.path as (string | number)[], message: issue.message });
    }
  }
  return [...unknown, ...known];
}

/**
 * Reads and checks a spec file's fields: every problem is reported at once, unknown fields first.
 *
 * @throws InputError naming the field (`horizon: expected a whole number, got -1`), or `spec` when the file
 *   is unreadable, not well-formed, or not an object.
 */
export async function readSpec(file: string): Promise<SpecFile> {
  const raw = parseUserData(await readUserFile("spec", file), "spec", file, "an object of backtest settings");
  const parsed = specSchema.safeParse(raw);
  if (!parsed.success) throw new InputError(specIssues(parsed.error.issues, raw as Record<string, unknown>));
  const { series, provider, metric, forecasts, curve, uncertainty, ...rest } = parsed.data;
  const options: BacktestOptions = defined({
    ...rest,
    curve: curve as CurveName | undefined,
    uncertainty: uncertainty as BacktestOptions["uncertainty"],
    forecasts: forecasts?.map((f): PublishedForecast => ({ id: f.id, source: f.source, period: f.period, value: f.value, ...defined({ published: f.published }) })),
  });
  return { ...defined({ series: series === undefined ? undefined : resolve(dirname(file), series), seriesGiven: series, provider, metric }), options };
}
