import { formatPath, type InputIssue } from "../core/issues.ts";
import { cutQuotes, excerpt } from "./userFile.ts";

/** Characters of a quoted value or a field name that a message shows; past them it is cut (a file's path fits). */
const QUOTED_CHARS = 256;
/** Characters of one message line. */
const LINE_CHARS = 4_000;

/**
 * The line `sharecast: PATH: MESSAGE` that reports an issue on stderr, with the input's own text bounded:
 * a quoted value or a field name longer than 256 characters is cut to an excerpt, and the line to 4,000
 * characters. A one-megabyte string in a scenario field had been echoed whole, as a one-megabyte line.
 *
 * @example issueLine({ code: "invalid_type", path: ["simulation", "paths"], message: `expected a number, got string "${"b".repeat(1e6)}"` })
 * // `sharecast: simulation.paths: expected a number, got string "${"b".repeat(256)}..."\n`
 */
export function issueLine(issue: InputIssue): string {
  const path = issue.path.map((key) => (typeof key === "string" && Array.from(key).length > QUOTED_CHARS ? excerpt(key, QUOTED_CHARS) : key));
  let line = `${formatPath(path)}: ${cutQuotes(issue.message, QUOTED_CHARS)}`;
  if (line.length > LINE_CHARS) {
    const chars = Array.from(line);
    if (chars.length > LINE_CHARS) line = `${chars.slice(0, LINE_CHARS).join("")}...`;
  }
  return `sharecast: ${line}\n`;
}
