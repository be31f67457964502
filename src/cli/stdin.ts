/** The scenario argument that means "read the scenario from standard input" (`cat s.yaml | sharecast run -`). */
export const STDIN = "-";

/**
 * The whole of standard input as UTF-8 text, with the extension its content has: `.json` when the first
 * character that is not white space opens a JSON object or array, else `.yaml` (YAML is decoded, and
 * reports its own syntax errors, as a `.yaml` file would be).
 *
 * @example readStdinScenario()  // { text: "name: s\nproviders: ...", ext: ".yaml" } for `cat s.yaml | sharecast run -`
 */
export async function readStdinScenario(stream: NodeJS.ReadableStream = process.stdin): Promise<{ text: string; ext: ".json" | ".yaml" }> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : chunk);
  const text = Buffer.concat(chunks).toString("utf8");
  return { text, ext: /^\s*[{[]/.test(text) ? ".json" : ".yaml" };
}
