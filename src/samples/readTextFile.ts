/** A file to read: a path, or a URL object (`file:`, `http:` or `https:`). */
export type TextFile = string | { readonly href: string };

/** What a runtime offers this module to read a file with (none of them is imported). */
interface Runtime {
  Deno?: { readTextFile(path: TextFile): Promise<string> };
  process?: { getBuiltinModule?(name: string): unknown };
  fetch?: (url: TextFile) => Promise<{ ok: boolean; status: number; text(): Promise<string> }>;
}

const shown = (file: TextFile): string => (typeof file === "string" ? file : file.href);

/**
 * Reads a text file (UTF-8) in any runtime, without importing a runtime's modules: in Deno with
 * `Deno.readTextFile`, in Node.js with its `fs` (`process.getBuiltinModule`, Node 20.16+), elsewhere (a
 * browser) by `fetch` of the URL. `file` is a path or a `file:`/`http(s):` URL.
 *
 * @throws Error with the runtime's reason (a missing file, a failed request), or when the runtime can read none.
 */
export async function readTextFile(file: TextFile): Promise<string> {
  const runtime = globalThis as unknown as Runtime;
  const remote = /^https?:\/\//i.test(typeof file === "string" ? file : file.href);
  if (!remote && runtime.Deno) return runtime.Deno.readTextFile(file);
  const fs = remote ? undefined : (runtime.process?.getBuiltinModule?.("node:fs") as { promises: { readFile(path: TextFile, encoding: "utf8"): Promise<string> } } | undefined);
  if (fs) return fs.promises.readFile(file, "utf8");
  if (!runtime.fetch) throw new Error(`readTextFile: this runtime can read no file (${shown(file)})`);
  const response = await runtime.fetch(file);
  if (!response.ok) throw new Error(`readTextFile: ${shown(file)}: HTTP ${response.status}`);
  return response.text();
}
