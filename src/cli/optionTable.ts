import { Option, type Command } from "commander";
import { z } from "zod";
import { InputError, zodIssueCode, type InputIssue, type ZodIssueShape } from "../core/issues.ts";
import { libraryPath } from "./options.ts";

/** One option of a command: how commander reads it, its help text, and the schema that checks its value. */
export interface OptionSpec<T> {
  /** Commander flags, e.g. `--paths <n>` or `--no-progress`. */
  flags: string;
  description: string;
  /** Turns what commander read (text, true/false, or a list of texts) into the value. */
  schema: z.ZodType<T>;
  /** Commander must see the option (`required option '--curve <name>' not specified`). */
  required: boolean;
  /** The value commander gives when the option is absent (shown in the help). */
  fallback?: string | string[];
  /** The option may be given several times; its texts are collected in order. */
  repeatable: boolean;
}

/** A command's options, keyed by the field commander stores each under (`--target-se` is `targetSe`). */
export type OptionTable = Record<string, OptionSpec<unknown>>;

/** The option object a table describes, as the command's action receives it. */
export type OptionsOf<Table extends OptionTable> = { [K in keyof Table]: Table[K] extends OptionSpec<infer T> ? T : never };

/** An option that may be absent (its value is then `undefined`). */
export function option<T>(flags: string, description: string, schema: z.ZodType<T>): OptionSpec<T | undefined> {
  return { flags, description, schema: schema.optional(), required: false, repeatable: false };
}

/** An option commander requires. */
export function requiredOption<T>(flags: string, description: string, schema: z.ZodType<T>): OptionSpec<T> {
  return { flags, description, schema, required: true, repeatable: false };
}

/** An option with a value when absent, shown in the help as commander's default. */
export function optionWithDefault<T>(flags: string, description: string, schema: z.ZodType<T>, fallback: string): OptionSpec<T> {
  return { flags, description, schema, required: false, fallback, repeatable: false };
}

/** A switch: `--se` (true or absent) or `--no-progress` (true unless given). */
export function switchOption<T extends boolean | undefined>(flags: string, description: string, schema: z.ZodType<T>): OptionSpec<T> {
  return { flags, description, schema, required: false, repeatable: false };
}

/** An option given any number of times, its texts collected in order (none: an empty list). */
export function repeatableOption<T>(flags: string, description: string, schema: z.ZodType<T>): OptionSpec<T> {
  return { flags, description, schema, required: false, fallback: [], repeatable: true };
}

const collect = (value: string, previous: string[]): string[] => [...previous, value];

/**
 * The parser of an option that takes one value: the value, or an InputError (exit 2) when the option was
 * already given on this command line, whose value would otherwise have replaced the first without a word
 * (`--vary a=1 --vary b=2` swept only b).
 */
function once(command: Command, key: string, flag: string): (value: string) => string {
  return (value) => {
    if (command.getOptionValueSource(key) === "cli") throw new InputError([{ code: "duplicate", path: [flag], message: `expected ${flag} once, got it again (${JSON.stringify(value)})` }]);
    return value;
  };
}

/**
 * Adds a table's options to a command, in the table's order. Throws an Error (a programmer mistake) when a
 * key is not the field commander stores the option under.
 */
export function addOptions(command: Command, table: OptionTable): void {
  for (const [key, spec] of Object.entries(table)) {
    const entry = new Option(spec.flags, spec.description);
    if (entry.attributeName() !== key) throw new Error(`option ${spec.flags} of ${command.name()} is stored as ${entry.attributeName()}, not ${key}`);
    if (spec.required) entry.makeOptionMandatory();
    if (spec.repeatable) entry.argParser(collect);
    else if (entry.required || entry.optional) entry.argParser(once(command, entry.attributeName(), entry.long ?? spec.flags));
    if (spec.fallback !== undefined) entry.default(spec.fallback);
    command.addOption(entry);
  }
}

/** The flag of an option field (`targetSe` -> `--target-se`), from the table. */
export function flagOf(table: OptionTable, key: string): string | undefined {
  const spec = Object.hasOwn(table, key) ? table[key] : undefined;
  return spec ? (new Option(spec.flags).long ?? spec.flags) : undefined;
}

/**
 * The words an option's value may be, when its schema is a fixed list (`--format`: table, json, csv), read
 * from the schema's JSON Schema (`enum`); else none. For shell completion.
 */
export function choicesOf(spec: OptionSpec<unknown>): string[] {
  const schema = z.toJSONSchema(spec.schema, { io: "input", unrepresentable: "any" }) as { enum?: unknown[] };
  return Array.isArray(schema.enum) ? schema.enum.map(String) : [];
}

/**
 * Validates the option object commander read against the table's schemas, in one zod object.
 *
 * @throws InputError with one issue per problem, its path starting with the flag
 *   (`--quantiles[1]: expected a probability strictly between 0 and 1, got ""`).
 */
export function parseOptions<Table extends OptionTable>(table: Table, raw: Record<string, unknown>): OptionsOf<Table> {
  const shape = Object.fromEntries(Object.entries(table).map(([key, spec]) => [key, spec.schema]));
  const parsed = z.object(shape).safeParse(raw);
  if (parsed.success) return parsed.data as OptionsOf<Table>;
  const issues: InputIssue[] = parsed.error.issues.map((issue) => {
    const own = libraryPath(issue);
    const code = zodIssueCode(issue as unknown as ZodIssueShape);
    if (own) return { code, path: own, message: issue.message };
    const [key, ...rest] = issue.path as (string | number)[];
    return { code, path: [flagOf(table, String(key)) ?? String(key), ...rest], message: issue.message };
  });
  throw new InputError(issues);
}
