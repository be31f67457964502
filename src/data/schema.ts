/**
 * The fixture format (`fixtures/*.json`, described in fixtures/README.md) as zod schemas, one per field, with
 * the messages users read: `expected a non-empty string, got nothing`. Rules that relate fields to each
 * other (a gap has status `missing`, `knownAsOf2019` agrees with the dates) live in parse.ts.
 */
import { z } from "zod";
import { describeValue, ISSUE_CODE_PARAM } from "../core/issues.ts";
import { parseDate } from "../calendar/date.ts";

/** How a number was obtained; `missing` marks a gap (value null). */
export const FIXTURE_STATUSES = ["read", "derived", "read (rounded)", "stated in a seed article", "missing"] as const;

/** The cadences of a fixture's periods. */
export const FIXTURE_FREQUENCIES = ["quarter", "year", "fiscal-year", "point"] as const;

/** The months a company's fiscal year can end in, January first. */
export const MONTH_NAMES = [
  "January", "February", "March", "April", "May", "June",
  "July", "August", "September", "October", "November", "December",
] as const;

/** A kebab-case id such as `market-size`. */
export const FIXTURE_ID_PATTERN = /^[a-z0-9]+(-[a-z0-9]+)*$/;

type Message = (received: unknown) => string;

/** A zod error callback that renders the message from the value received. */
const says = (message: Message) => (issue: { input?: unknown }) => message(issue.input);

const nonEmptyMessage: Message = (v) => `expected a non-empty string, got ${describeValue(v)}`;
const oneOfMessage = (options: readonly string[]): Message => (v) =>
  `expected one of ${options.map((o) => JSON.stringify(o)).join(", ")}, got ${describeValue(v)}`;
const booleanMessage: Message = (v) => `expected true or false, got ${describeValue(v)}`;
const objectMessage: Message = (v) => `expected an object, got ${describeValue(v)}`;

/** A string with something in it besides white space. */
const nonEmpty = z
  .string({ error: says(nonEmptyMessage) })
  .refine((s) => s.trim() !== "", { error: says(nonEmptyMessage), abort: true, params: { [ISSUE_CODE_PARAM]: "too_small" } });

/** A kebab-case id (`market-size`); a non-string or empty one is reported as such first. */
const fixtureId = nonEmpty.regex(FIXTURE_ID_PATTERN, {
  error: says((v) => `expected a kebab-case id like "market-size", got ${describeValue(v)}`),
});

const oneOf = <T extends readonly [string, ...string[]]>(options: T) => z.enum(options, { error: says(oneOfMessage(options)) });

/** The fields of one origin: where a number came from in `../shared/data`. */
export const originFields = {
  file: nonEmpty,
  provider: nonEmpty.optional(),
  period: nonEmpty.optional(),
  metric: nonEmpty.optional(),
  fact: nonEmpty.optional(),
  path: nonEmpty.optional(),
  quote: nonEmpty.optional(),
  scale: z
    .number({ error: says((v) => `expected a positive number, got ${describeValue(v)}`) })
    .positive({ error: says((v) => `expected a positive number, got ${describeValue(v)}`) })
    .optional(),
};

/** One origin, as a whole: an object with only the fields above. */
export const originSchema = z.strictObject(originFields, {
  error: (issue) => (issue.code === "unrecognized_keys" ? "unknown field" : objectMessage(issue.input)),
});

/** The fields of one row as written in the file (defaults not yet filled in from the fixture). */
export const rowFields = {
  period: nonEmpty,
  label: nonEmpty.optional(),
  provider: fixtureId.optional(),
  metric: fixtureId.optional(),
  value: z.number({ error: says((v) => `expected a number or null, got ${describeValue(v)}`) }).nullable(),
  unit: nonEmpty.optional(),
  definition: nonEmpty.optional(),
  status: oneOf(FIXTURE_STATUSES),
  forecast: z.boolean({ error: says(booleanMessage) }).optional(),
  source: nonEmpty,
  published: nonEmpty
    .refine((s) => parseDate(s) !== undefined, {
      error: says((v) => `expected a date like 2019, 2019-08 or 2019-08-15, got ${describeValue(v)}`),
      params: { [ISSUE_CODE_PARAM]: "invalid_format" },
    })
    .optional(),
  knownAsOf2019: z.boolean({ error: says(booleanMessage) }),
  note: nonEmpty.optional(),
  origin: z
    .array(originSchema, { error: says((v) => `expected a non-empty array, got ${describeValue(v)}`) })
    .min(1, { error: says((v) => `expected a non-empty array, got ${describeValue(v)}`) })
    .optional(),
};

const providersMessage: Message = (v) => `expected a non-empty array of provider ids, got ${describeValue(v)}`;
const rowsMessage: Message = (v) => `expected a non-empty array of rows, got ${describeValue(v)}`;

/** The fields of a fixture's head: everything but the rows' own checks (rows are read one by one). */
export const fixtureFields = {
  id: fixtureId,
  title: nonEmpty,
  metric: fixtureId,
  unit: nonEmpty.optional(),
  currency: nonEmpty.optional(),
  definition: nonEmpty,
  frequency: oneOf(FIXTURE_FREQUENCIES),
  fiscalYearEnd: oneOf(MONTH_NAMES).optional(),
  provider: fixtureId.optional(),
  providers: z
    .array(
      z.string({ error: says((v) => `expected a kebab-case id, got ${describeValue(v)}`) }).regex(FIXTURE_ID_PATTERN, {
        error: says((v) => `expected a kebab-case id, got ${describeValue(v)}`),
      }),
      { error: says(providersMessage) },
    )
    .min(1, { error: says(providersMessage) })
    .optional(),
  notes: z.array(nonEmpty, { error: says((v) => `expected an array of strings, got ${describeValue(v)}`) }).optional(),
  rows: z.array(z.unknown(), { error: says(rowsMessage) }).min(1, { error: says(rowsMessage) }),
};

/** A row's origin as parsed: `scale` multiplies the origin value into the fixture's unit. */
export type FixtureOrigin = z.output<typeof originSchema>;

/** How a number was obtained; `missing` marks a gap (value null). */
export type FixtureStatus = (typeof FIXTURE_STATUSES)[number];

/** The cadence of a fixture's periods. */
export type FixtureFrequency = (typeof FIXTURE_FREQUENCIES)[number];

/** The month a company's fiscal year ends in. */
export type FiscalYearEnd = (typeof MONTH_NAMES)[number];
