#!/usr/bin/env node
// Entry point of the `sharecast` command: TypeScript sources and scenarios load through tsx.
import { register } from "tsx/esm/api";

// A closed pipe (`sharecast run | head`) ends the command quietly.
process.stdout.on("error", (error) => {
  if (error.code === "EPIPE") process.exit(0);
  throw error;
});

register();
const { main } = await import("../src/cli/main.ts");
process.exitCode = await main(process.argv.slice(2));
