import type { InputIssue } from "../core/issues.ts";

/** What a zod refinement hands its check: somewhere to add issues. */
export type RefineContext = { addIssue(issue: { code: "custom"; message: string; path: Array<string | number>; input: unknown }): void };

/**
 * Reports issues found by a semantic check inside a zod refinement, paths relative to the refined value.
 *
 * @example z.number().superRefine((value, ctx) => reportIssues(ctx, paramIssues(value, "positive", []), value))
 */
export function reportIssues(ctx: RefineContext, issues: readonly InputIssue[], input: unknown): void {
  for (const issue of issues) ctx.addIssue({ code: "custom", message: issue.message, path: [...issue.path], input });
}
