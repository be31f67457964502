import type { CliCommand } from "./command.ts";
import { attributeCommand } from "./commands/attribute.ts";
import { backtestCommand } from "./commands/backtest.ts";
import { calibrateCommand } from "./commands/calibrate.ts";
import { compareCommand } from "./commands/compare.ts";
import { completionCommand } from "./commands/completion.ts";
import { explainCommand } from "./commands/explain.ts";
import { fitCommand } from "./commands/fit.ts";
import { mergeCommand } from "./commands/merge.ts";
import { playCommand } from "./commands/play.ts";
import { reportCommand } from "./commands/report.ts";
import { runCommand } from "./commands/run.ts";
import { schemaCommand } from "./commands/schema.ts";
import { sensitivityCommand } from "./commands/sensitivity.ts";
import { showCommand } from "./commands/show.ts";
import { solveCommand } from "./commands/solve.ts";
import { sweepCommand } from "./commands/sweep.ts";
import { validateCommand } from "./commands/validate.ts";

/**
 * Every command of the command line, by name, in the order the help lists them. A new command is its own
 * file in `commands/` and one line here.
 */
export const COMMANDS: Readonly<Record<string, CliCommand>> = {
  run: runCommand,
  validate: validateCommand,
  explain: explainCommand,
  fit: fitCommand,
  merge: mergeCommand,
  report: reportCommand,
  play: playCommand,
  show: showCommand,
  backtest: backtestCommand,
  calibrate: calibrateCommand,
  sweep: sweepCommand,
  compare: compareCommand,
  solve: solveCommand,
  sensitivity: sensitivityCommand,
  attribute: attributeCommand,
  schema: schemaCommand,
  completion: completionCommand,
};
