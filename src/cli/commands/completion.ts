import { InputError } from "../../core/issues.ts";
import { defineCommand } from "../command.ts";
import { COMPLETION_SHELLS, completionModel, SHELL_NAMES } from "../completionScripts.ts";

/**
 * `sharecast completion SHELL`: a completion script for bash, zsh or fish, generated from the command
 * registry and the option tables, so a new command or option completes without editing the script.
 */
export const completionCommand = defineCommand({
  description: "Print a shell completion script (bash, zsh or fish) for every command and option; e.g. source <(sharecast completion bash).",
  arguments: [{ name: "<shell>", description: `the shell: ${SHELL_NAMES.join(", ")}`, choices: SHELL_NAMES }],
  options: {},
  async action([shell], _, { commands }) {
    const name = String(shell);
    if (!Object.hasOwn(COMPLETION_SHELLS, name)) {
      throw new InputError([{ code: "invalid_value", path: ["shell"], message: `expected one of ${SHELL_NAMES.join(", ")}, got ${JSON.stringify(name)}` }]);
    }
    process.stdout.write(COMPLETION_SHELLS[name as keyof typeof COMPLETION_SHELLS](completionModel(commands)));
  },
});
