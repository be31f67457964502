import type { Help } from "commander";
import { wrapLines, wrapText } from "../core/textTable.ts";

/** Narrowest description column beside the terms; below it each description goes under its term. */
const MIN_DESCRIPTION = 30;
const INDENT = "  ";
const UNDER = "      ";

/**
 * Commander help overrides that keep every line within the help width (commander's own wrapping gives up
 * when the description column is narrower than 40, which left `report --help` with 300-character lines):
 * descriptions wrap beside their terms, or under them when the terms are wide; words longer than a line
 * are cut. Pass to `command.configureHelp`.
 */
export const HELP_LAYOUT: Partial<Help> = {
  formatItem(term: string, termWidth: number, description: string, helper: Help): string {
    const width = helper.helpWidth ?? 80;
    if (!description) return `${INDENT}${term}`;
    const side = width - INDENT.length - termWidth - 2;
    if (side >= MIN_DESCRIPTION) {
      const [first, ...rest] = wrapText(description, side);
      const pad = " ".repeat(INDENT.length + termWidth + 2);
      return [`${INDENT}${term.padEnd(termWidth)}  ${first}`, ...rest.map((line) => `${pad}${line}`)].join("\n");
    }
    return [`${INDENT}${term}`, ...wrapText(description, Math.max(1, width - UNDER.length)).map((line) => `${UNDER}${line}`)].join("\n");
  },
  boxWrap(text: string, width: number): string {
    return wrapLines(text, width);
  },
};
