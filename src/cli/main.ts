import { Command, CommanderError } from "commander";
import { InputError, type InputIssue } from "../core/issues.ts";
import { issueLine } from "./issueLine.ts";
import { VERSION } from "../core/version.ts";
import { mountCommand } from "./command.ts";
import { HELP_LAYOUT } from "./helpLayout.ts";
import { COMMANDS } from "./registry.ts";
import { setCacheDirectory } from "./cache.ts";
import { setLoadTimeout } from "./load.ts";
import { DEFAULT_LOAD_TIMEOUT_SECONDS } from "./loadScript.ts";
import { addOptions, option, parseOptions } from "./optionTable.ts";
import { pathText, positiveInt } from "./options.ts";
import { reportUnexpected } from "./fileErrors.ts";
import { installProcessGuards } from "./signals.ts";

/** Options every command takes. */
const GLOBAL_OPTIONS = {
  loadTimeout: option("--load-timeout <seconds>", `seconds a .ts or .js scenario may take to load (default: ${DEFAULT_LOAD_TIMEOUT_SECONDS})`, positiveInt(86_400)),
  cache: option("--cache <dir>", "keep results in this directory and reuse them: run, sweep, solve, sensitivity, report (default: $SHARECAST_CACHE, else none)", pathText()),
};
import { terminalWidth } from "./terminalWidth.ts";

/** Exit codes: 0 success, 1 internal error, 2 invalid input or arguments. */
export const EXIT = { ok: 0, internal: 1, input: 2 } as const;

/** Builds the command tree from the registry of commands; help is wrapped to the terminal's width (see terminalWidth). */
export function buildProgram(): Command {
  const program = new Command("sharecast")
    .description("Seeded Monte Carlo projections of provider revenues and market shares.")
    .version(VERSION, "-V, --version")
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureHelp(HELP_LAYOUT)
    .configureOutput({ outputError: () => {}, getOutHelpWidth: () => terminalWidth(process.stdout), getErrHelpWidth: () => terminalWidth(process.stderr) })
    .hook("preAction", () => {
      const global = parseOptions(GLOBAL_OPTIONS, program.opts());
      setLoadTimeout(global.loadTimeout);
      setCacheDirectory(global.cache ?? process.env.SHARECAST_CACHE);
    });
  addOptions(program, GLOBAL_OPTIONS);
  for (const [name, definition] of Object.entries(COMMANDS)) mountCommand(program.command(name), definition, { commands: COMMANDS });
  for (const command of program.commands) command.exitOverride().configureOutput({ outputError: () => {} });
  return program;
}

function printIssues(issues: readonly InputIssue[]): void {
  for (const issue of issues) process.stderr.write(issueLine(issue));
}

/** Runs the command line; returns the exit code. User mistakes never print a stack trace. */
export async function main(argv: string[]): Promise<number> {
  installProcessGuards();
  const program = buildProgram();
  if (argv.length === 0) {
    process.stderr.write(program.helpInformation());
    return EXIT.input;
  }
  // `help NAME` of no command printed the general help with exit 0, as if it had been understood.
  if (argv[0] === "help" && argv.length > 1 && !program.commands.some((c) => c.name() === argv[1])) {
    printIssues([{ code: "unknown_reference", path: ["help"], message: `expected a command (${program.commands.map((c) => c.name()).join(", ")}), got ${JSON.stringify(argv[1])}` }]);
    return EXIT.input;
  }
  try {
    await program.parseAsync(argv, { from: "user" });
    return EXIT.ok;
  } catch (error) {
    if (error instanceof InputError) {
      printIssues(error.issues);
      return EXIT.input;
    }
    if (error instanceof CommanderError) {
      if (error.code === "commander.helpDisplayed" || error.code === "commander.version" || error.code === "commander.help") return EXIT.ok;
      process.stderr.write(`sharecast: ${error.message.replace(/^error: /, "")}\n`);
      return EXIT.input;
    }
    return reportUnexpected(error);
  }
}
