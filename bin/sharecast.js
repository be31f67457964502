#!/usr/bin/env node
// Entry point of the `sharecast` command: TypeScript sources and scenarios load through tsx.
import { register } from "tsx/esm/api";

register();
const { main } = await import("../src/cli/main.ts");
process.exitCode = await main(process.argv.slice(2));
