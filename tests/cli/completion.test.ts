import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Option } from "commander";
import { describe, expect, it } from "vitest";
import { defineCommand } from "../../src/cli/command.ts";
import { COMPLETION_SHELLS, completionModel } from "../../src/cli/completionScripts.ts";
import { option } from "../../src/cli/optionTable.ts";
import { choice } from "../../src/cli/options.ts";
import { COMMANDS } from "../../src/cli/registry.ts";
import { ROOT, STACK_TRACE } from "./helpers.ts";

/**
 * `sharecast completion SHELL`, as a user loads it: the scripts parse in their shell, and bash (and fish,
 * where installed) complete commands, flags and choices read from the registry and the option tables.
 */

const scratch = mkdtempSync(join(tmpdir(), "sharecast-completion-"));

function script(shell: string): string {
  const out = spawnSync(process.execPath, ["bin/sharecast.js", "completion", shell], { cwd: ROOT, encoding: "utf8" });
  expect(out.stderr).toBe("");
  expect(out.status).toBe(0);
  const file = join(scratch, `sharecast.${shell}`);
  writeFileSync(file, out.stdout);
  return file;
}

const has = (shell: string): boolean => spawnSync("sh", ["-c", `command -v ${shell}`]).status === 0;

/** What bash's completion function offers for a command line whose last word is being completed. */
function bashComplete(file: string, words: string[]): string[] {
  const quoted = words.map((w) => `'${w}'`).join(" ");
  const code = `source '${file}'; COMP_WORDS=(${quoted}); COMP_CWORD=${words.length - 1}; _sharecast; printf '%s\\n' "\${COMPREPLY[@]}"`;
  const out = spawnSync("bash", ["-c", code], { encoding: "utf8" });
  expect(out.stderr).toBe("");
  return out.stdout.split("\n").filter((line) => line !== "");
}

const longFlags = (name: string): string[] => Object.values(COMMANDS[name].options).map((spec) => new Option(spec.flags).long as string);

describe("bash", () => {
  const file = script("bash");

  it("the script is valid bash (bash -n)", () => {
    const out = spawnSync("bash", ["-n", file], { encoding: "utf8" });
    expect(out.stderr).toBe("");
    expect(out.status).toBe(0);
  });

  it("completes every command of the registry, and only those, as the first word", () => {
    const offered = bashComplete(file, ["sharecast", ""]).filter((word) => !word.startsWith("-"));
    expect(offered).toEqual(Object.keys(COMMANDS));
    expect(bashComplete(file, ["sharecast", "r"])).toEqual(["run", "report"]);
    expect(bashComplete(file, ["sharecast", "--v"])).toEqual(["--version"]);
  });

  it("completes every flag of each command's option table, and the choices of a fixed-list value", () => {
    for (const name of Object.keys(COMMANDS)) {
      const offered = bashComplete(file, ["sharecast", name, "--"]);
      expect(offered, name).toEqual(expect.arrayContaining([...longFlags(name), "--help"]));
    }
    expect(bashComplete(file, ["sharecast", "run", "--se"])).toEqual(["--seed", "--se"]);
    expect(bashComplete(file, ["sharecast", "run", "s.yaml", "--format", ""])).toEqual(["table", "json", "csv"]);
    expect(bashComplete(file, ["sharecast", "report", "--format", "s"])).toEqual(["svg"]);
    expect(bashComplete(file, ["sharecast", "completion", ""])).toEqual(["bash", "zsh", "fish"]);
    // a free value (a number, a file) is left to bash's default completion
    expect(bashComplete(file, ["sharecast", "run", "--paths", ""])).toEqual([]);
  });
});

describe("zsh and fish", () => {
  it.skipIf(!has("zsh"))("the zsh script parses (zsh -n)", () => {
    const file = script("zsh");
    const out = spawnSync("zsh", ["-n", file], { encoding: "utf8" });
    expect(out.stderr).toBe("");
    expect(out.status).toBe(0);
  });

  it.skipIf(!has("fish"))("the fish script parses (fish -n) and fish completes commands, flags and choices with it", () => {
    const file = script("fish");
    expect(spawnSync("fish", ["-n", file], { encoding: "utf8" }).status).toBe(0);
    const complete = (line: string): string[] => {
      const out = spawnSync("fish", ["-c", `source '${file}'; complete -C '${line}'`], { encoding: "utf8" });
      return out.stdout.split("\n").filter((l) => l !== "").map((l) => l.split("\t")[0]);
    };
    expect(complete("sharecast ")).toEqual(expect.arrayContaining(Object.keys(COMMANDS)));
    expect(complete("sharecast sweep --")).toEqual(expect.arrayContaining(longFlags("sweep")));
    expect(complete("sharecast run --format ").sort()).toEqual(["csv", "json", "table"]);
  });

  it("every script, whatever the shell, names every command and every long flag", () => {
    for (const shell of Object.keys(COMPLETION_SHELLS)) {
      const text = spawnSync(process.execPath, ["bin/sharecast.js", "completion", shell], { cwd: ROOT, encoding: "utf8" }).stdout;
      for (const name of Object.keys(COMMANDS)) {
        expect(text, `${shell}: ${name}`).toContain(name);
        for (const flag of longFlags(name)) expect(text, `${shell}: ${name} ${flag}`).toContain(shell === "fish" ? `-l ${flag.slice(2)}` : flag);
      }
    }
  });
});

describe("generated from the registry", () => {
  it("a new command and its options appear without touching the scripts", () => {
    const extra = defineCommand({
      description: "A command added later.",
      arguments: [{ name: "<scenario>", description: "a file" }],
      options: { colour: option("--colour <name>", "the colour", choice(["red", "green"])) },
      async action() {},
    });
    const model = completionModel({ ...COMMANDS, paint: extra });
    expect(model.commands.map((c) => c.name)).toEqual([...Object.keys(COMMANDS), "paint"]);
    const paint = model.commands.find((c) => c.name === "paint")!;
    expect(paint.flags.map((f) => [f.long, f.takesValue, f.choices])).toEqual([
      ["--colour", true, ["red", "green"]],
      ["--help", false, []],
    ]);
    for (const make of Object.values(COMPLETION_SHELLS)) expect(make(model)).toContain("paint");
    expect(COMPLETION_SHELLS.bash(model)).toContain(`--colour) COMPREPLY=($(compgen -W "red green" -- "$cur")); return ;;`);
  });

  it("an unknown shell: exit 2, the shell named, no script", () => {
    const out = spawnSync(process.execPath, ["bin/sharecast.js", "completion", "tcsh"], { cwd: ROOT, encoding: "utf8" });
    expect(out.status).toBe(2);
    expect(out.stdout).toBe("");
    expect(out.stderr).toBe('sharecast: shell: expected one of bash, zsh, fish, got "tcsh"\n');
    expect(out.stderr).not.toMatch(STACK_TRACE);
  });
});
