import { ISSUE_CODE_PARAM, type InputIssue } from "../core/issues.ts";

/** What a zod refinement hands its check: somewhere to add issues. */
export type RefineContext = {
  addIssue(issue: { code: "custom"; message: string; path: Array<string | number>; input: unknown; params: Record<string, unknown> }): void;
};

/**
 * Reports issues found by a semantic check inside a zod refinement, paths relative to the refined value; each
 * keeps its code in `params` (read back by `zodIssueCode`).
 *
 * @example z.number().superRefine((value, ctx) => reportIssues(ctx, paramIssues(value, "positive", []), value))
 */
export function reportIssues(ctx: RefineContext, issues: readonly InputIssue[], input: unknown): void {
  for (const issue of issues) ctx.addIssue({ code: "custom", message: issue.message, path: [...issue.path], input, params: { [ISSUE_CODE_PARAM]: issue.code } });
}
