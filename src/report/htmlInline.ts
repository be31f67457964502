// Text that goes into an HTML page as is: escaped content, and scripts and data inlined in <script> elements.

/** Escapes text for HTML element content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
}

/**
 * Script text safe inside a `<script>` element: every `</script` (which would close it) becomes `<\/script`,
 * the same characters in a JavaScript string or regular expression, where it can occur.
 */
export function inlineScript(code: string): string {
  return code.replace(/<\/(script)/gi, "<\\/$1");
}

/** A value as JSON safe inside a `<script type="application/json">` element (`<` written `\u003c`). */
export function inlineJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, "\\u003c");
}
