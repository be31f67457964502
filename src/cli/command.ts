import type { Command } from "commander";
import { InputError } from "../core/issues.ts";
import { addOptions, parseOptions, type OptionTable, type OptionsOf } from "./optionTable.ts";

/**
 * Library option fields a command passes on, and the flag each comes from (`targetSe` -> `--target-se`):
 * the library names its own fields in messages, the command line shows the flag.
 */
export type FieldFlags = Readonly<Record<string, string>>;

/** What every action may read besides its own arguments: the whole command line it belongs to. */
export interface CommandContext {
  /** Every command of the command line, by name (the registry), for commands that describe the others. */
  commands: Readonly<Record<string, CliCommand>>;
}

/** One command of the command line: its help, arguments, options and action. */
export interface CliCommand<Table extends OptionTable = OptionTable> {
  description: string;
  /** Positional arguments, in order: `[scenario]`, `<a>`, `<partials...>`, with their help and default. */
  arguments: ReadonlyArray<{ name: string; description: string; fallback?: string; /** Words it may be (shell completion). */ choices?: readonly string[] }>;
  options: Table;
  /** Library fields whose issues are shown under a flag of this command. */
  fields?: FieldFlags;
  /** Runs the command with its positional values (a variadic one as a list), its checked options and the context. */
  action(args: readonly unknown[], options: OptionsOf<Table>, context: CommandContext): Promise<void>;
}

/** Declares a command (for type inference of its option object). */
export function defineCommand<Table extends OptionTable>(command: CliCommand<Table>): CliCommand<Table> {
  return command;
}

/** The issues of a library InputError with a leading option field replaced by its flag. */
export function renameFields(error: InputError, fields: FieldFlags): InputError {
  // A scenario's own `outputs` is not the library option `outputs` (run's --output).
  if (error.inScenario) return error;
  let renamed = false;
  const issues = error.issues.map((issue) => {
    const [head, ...rest] = issue.path;
    if (typeof head !== "string" || !Object.hasOwn(fields, head)) return issue;
    renamed = true;
    return { ...issue, path: [fields[head], ...rest] };
  });
  return renamed ? new InputError(issues) : error;
}

/**
 * The fields a command's issues are renamed by: its own, and `paths` as its `--paths` flag when it has one
 * (the library names `paths` when a run is too large for what is asked of it).
 */
function commandFields(definition: CliCommand<OptionTable>): FieldFlags {
  const paths: Record<string, string> = Object.hasOwn(definition.options, "paths") ? { paths: definition.options.paths.flags.split(" ")[0] } : {};
  return { ...paths, ...definition.fields };
}

/** Sets `command` up from its definition: arguments, options, and an action that checks the options first (and gets `context`). */
export function mountCommand(command: Command, definition: CliCommand<OptionTable>, context: CommandContext = { commands: {} }): void {
  command.description(definition.description);
  for (const argument of definition.arguments) command.argument(argument.name, argument.description, argument.fallback);
  addOptions(command, definition.options);
  command.action(async (...received: unknown[]) => {
    const args = received.slice(0, -2);
    try {
      await definition.action(args, parseOptions(definition.options, command.opts()), context);
    } catch (error) {
      if (error instanceof InputError) throw renameFields(error, commandFields(definition));
      throw error;
    }
  });
}
