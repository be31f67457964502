import { Option } from "commander";
import type { CliCommand } from "./command.ts";
import { choicesOf } from "./optionTable.ts";

/** One flag as a shell completes it. */
export interface CompletionFlag {
  /** `--paths`, or undefined for a flag with only a short name. */
  long: string | undefined;
  /** `-h`, or undefined. */
  short: string | undefined;
  /** It is followed by a value (`--paths <n>`). */
  takesValue: boolean;
  /** The words its value may be (`table json csv`); empty when any value goes. */
  choices: readonly string[];
  /** It may be given several times. */
  repeatable: boolean;
  description: string;
}

/** One command as a shell completes it: its flags, and whether positional words are files or fixed words. */
export interface CompletionCommand {
  name: string;
  description: string;
  flags: readonly CompletionFlag[];
  /** Fixed words of its positional arguments, or null when they are files. */
  words: readonly string[] | null;
}

/** What a shell completes: the commands and the flags of the program itself. */
export interface CompletionModel {
  program: string;
  flags: readonly CompletionFlag[];
  commands: readonly CompletionCommand[];
}

const HELP: CompletionFlag = { long: "--help", short: "-h", takesValue: false, choices: [], repeatable: false, description: "display help" };
const VERSION: CompletionFlag = { long: "--version", short: "-V", takesValue: false, choices: [], repeatable: false, description: "print the version" };

/** A description cut to its first clause and at most 70 characters, on one line. */
function brief(text: string): string {
  const line = text.replace(/\s+/g, " ").trim();
  if (line.length <= 70) return line;
  const cut = line.slice(0, 67);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(" "), 40))}...`;
}

/** The completion model of a command registry, in its order; every command has --help. */
export function completionModel(commands: Readonly<Record<string, CliCommand>>, program = "sharecast"): CompletionModel {
  return {
    program,
    flags: [HELP, VERSION],
    commands: Object.entries(commands).map(([name, command]) => {
      const flags = Object.values(command.options).map((spec): CompletionFlag => {
        const parsed = new Option(spec.flags, spec.description);
        return {
          long: parsed.long,
          short: parsed.short,
          takesValue: parsed.required || parsed.optional,
          choices: choicesOf(spec),
          repeatable: spec.repeatable,
          description: brief(spec.description),
        };
      });
      const words = command.arguments.flatMap((argument) => argument.choices ?? []);
      return { name, description: brief(command.description), flags: [...flags, HELP], words: words.length > 0 ? words : null };
    }),
  };
}

const names = (flag: CompletionFlag): string[] => [flag.long, flag.short].filter((n): n is string => n !== undefined);

/** Bash: `_PROGRAM` completes commands, flags, choices, and falls back to files (`complete -o default`). */
function bash(model: CompletionModel): string {
  const fn = `_${model.program.replace(/[^A-Za-z0-9_]/g, "_")}`;
  const top = [...model.commands.map((c) => c.name), ...model.flags.flatMap(names)].join(" ");
  const cases = model.commands.map((command) => {
    const valued = command.flags.filter((f) => f.takesValue);
    const choiceCases = valued.filter((f) => f.choices.length > 0).map((f) => `        ${names(f).join("|")}) COMPREPLY=($(compgen -W "${f.choices.join(" ")}" -- "$cur")); return ;;`);
    const free = valued.filter((f) => f.choices.length === 0).flatMap(names);
    const freeCase = free.length > 0 ? [`        ${free.join("|")}) return ;;`] : [];
    const words = command.words ? `      words="${command.words.join(" ")}"` : `      words=""`;
    return [
      `    ${command.name})`,
      `      case "$prev" in`,
      ...choiceCases,
      ...freeCase,
      `      esac`,
      `      flags="${command.flags.flatMap(names).join(" ")}"`,
      words,
      `      ;;`,
    ].join("\n");
  });
  return `# ${model.program} completion for bash. Load it with: source <(${model.program} completion bash)
${fn}() {
  local cur prev command flags words i
  cur="\${COMP_WORDS[COMP_CWORD]}"
  prev="\${COMP_WORDS[COMP_CWORD-1]}"
  command=""
  for ((i = 1; i < COMP_CWORD; i++)); do
    case "\${COMP_WORDS[i]}" in
      -*) ;;
      *) command="\${COMP_WORDS[i]}"; break ;;
    esac
  done
  if [[ -z "$command" ]]; then
    COMPREPLY=($(compgen -W "${top}" -- "$cur"))
    return
  fi
  case "$command" in
${cases.join("\n")}
    *) return ;;
  esac
  if [[ "$cur" == -* ]]; then
    COMPREPLY=($(compgen -W "$flags" -- "$cur"))
  elif [[ -n "$words" ]]; then
    COMPREPLY=($(compgen -W "$words" -- "$cur"))
  fi
}
complete -o default -F ${fn} ${model.program}
`;
}

/** Text inside zsh single quotes. */
const zshQuote = (text: string): string => `'${text.replace(/'/g, `'\\''`)}'`;
/** Text inside an `_arguments` description in brackets. */
const zshBracket = (text: string): string => text.replace(/\\/g, "\\\\").replace(/([[\]:])/g, "\\$1");

/** Zsh: `_arguments` per command, `_describe` for the command names. */
function zsh(model: CompletionModel): string {
  const fn = `_${model.program.replace(/[^A-Za-z0-9_]/g, "_")}`;
  const spec = (flag: CompletionFlag): string[] =>
    names(flag).map((name) => {
      const action = flag.choices.length > 0 ? `(${flag.choices.join(" ")})` : "_default";
      const value = flag.takesValue ? `:value:${action}` : "";
      return zshQuote(`${flag.repeatable ? "*" : ""}${name}[${zshBracket(flag.description)}]${value}`);
    });
  const list = model.commands.map((c) => `    ${zshQuote(`${c.name}:${c.description}`)}`);
  const cases = model.commands.map((command) => {
    const positional = command.words ? zshQuote(`*:word:(${command.words.join(" ")})`) : zshQuote("*:file:_files");
    return `    ${command.name})\n      _arguments -s ${[...command.flags.flatMap(spec), positional].join(" \\\n        ")}\n      ;;`;
  });
  return `#compdef ${model.program}
# ${model.program} completion for zsh. Load it with: source <(${model.program} completion zsh)
${fn}() {
  local -a commands
  commands=(
${list.join("\n")}
  )
  if (( CURRENT == 2 )); then
    _describe -t commands '${model.program} command' commands
    _arguments ${model.flags.flatMap(spec).join(" ")}
    return
  fi
  local command=$words[2]
  shift words
  (( CURRENT-- ))
  case $command in
${cases.join("\n")}
  esac
}
if [[ $funcstack[1] == ${fn} ]]; then
  ${fn} "$@"
else
  compdef ${fn} ${model.program}
fi
`;
}

/** Text inside fish single quotes. */
const fishQuote = (text: string): string => `'${text.replace(/\\/g, "\\\\").replace(/'/g, "\\'")}'`;

/** Fish: one `complete` line per command and flag. */
function fish(model: CompletionModel): string {
  const p = model.program;
  const flagLine = (condition: string, flag: CompletionFlag): string => {
    const parts = [`complete -c ${p} -n ${fishQuote(condition)}`];
    if (flag.long) parts.push(`-l ${flag.long.slice(2)}`);
    if (flag.short) parts.push(`-s ${flag.short.slice(1)}`);
    if (flag.takesValue) parts.push(flag.choices.length > 0 ? `-x -a ${fishQuote(flag.choices.join(" "))}` : "-r -F");
    parts.push(`-d ${fishQuote(flag.description)}`);
    return parts.join(" ");
  };
  const lines = [`# ${p} completion for fish. Load it with: ${p} completion fish | source`, `complete -c ${p} -f`];
  for (const flag of model.flags) lines.push(flagLine("__fish_use_subcommand", flag));
  for (const command of model.commands) lines.push(`complete -c ${p} -n __fish_use_subcommand -a ${command.name} -d ${fishQuote(command.description)}`);
  for (const command of model.commands) {
    const seen = `__fish_seen_subcommand_from ${command.name}`;
    for (const flag of command.flags) lines.push(flagLine(seen, flag));
    lines.push(command.words ? `complete -c ${p} -n ${fishQuote(seen)} -a ${fishQuote(command.words.join(" "))}` : `complete -c ${p} -n ${fishQuote(seen)} -F`);
  }
  return `${lines.join("\n")}\n`;
}

/** The shells with a completion script, each its generator. */
export const COMPLETION_SHELLS: Readonly<Record<"bash" | "zsh" | "fish", (model: CompletionModel) => string>> = { bash, zsh, fish };

/** The shell names, in the order the help lists them. */
export const SHELL_NAMES = Object.keys(COMPLETION_SHELLS) as Array<keyof typeof COMPLETION_SHELLS>;
