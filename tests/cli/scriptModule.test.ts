// scriptModule (src/cli/scriptModule.ts): a compiled script that imports only Node.js's own modules is
// imported from a data: URL, and the positions in its stack are mapped back to the user's file through the
// compiled module's source map: the line and column esbuild's map gives, checked against the text here.
import { buildSync } from "esbuild";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { packageEntry, scriptModule } from "../../src/cli/scriptModule.ts";

const DIR = mkdtempSync(join(tmpdir(), "sharecast-module-"));

function compiled(name: string, text: string) {
  const path = join(DIR, name);
  writeFileSync(path, text);
  const url = pathToFileURL(path).href;
  const built = buildSync({
    entryPoints: [path],
    outfile: `${path}.sharecast.mjs`,
    absWorkingDir: DIR,
    bundle: true,
    write: false,
    format: "esm",
    platform: "node",
    packages: "external",
    sourcemap: "inline",
    sourcesContent: false,
    metafile: true,
    define: { "import.meta.url": JSON.stringify(url) },
  });
  const imports = Object.values(built.metafile.outputs).flatMap((output) => output.imports.map((entry) => entry.path));
  return { path, module: scriptModule(path, url, built.outputFiles[0].text, imports), imports };
}

describe("scriptModule", () => {
  it("imports a module of Node.js imports from a data: URL and maps its stack to the user's line and column", async () => {
    // Line 4, column 9: where `new Error` stands in the text.
    const text = `import { sep } from "node:path";\ntype N = number;\nexport function f(n: N): N {\n  throw new Error("at f" + sep + n);\n}\nexport const here = import.meta.url;\n`;
    const { path, module, imports } = compiled("plain.ts", text);
    expect(imports).toEqual(["node:path"]);
    const namespace = await module.evaluate();
    expect(namespace.here).toBe(pathToFileURL(path).href);
    let stack = "";
    try {
      (namespace.f as (n: number) => void)(1);
    } catch (error) {
      stack = (error as Error).stack!;
    }
    expect(stack).toMatch(/data:text\/javascript;base64,/);
    expect(module.places(stack)[0]).toEqual({ path, line: 4, column: 9 });
  });
});

describe("packageEntry", () => {
  it("gives the file URL of a package whose entry is one file for every condition, and null for anything else", () => {
    const root = mkdtempSync(join(tmpdir(), "sharecast-entry-"));
    const script = join(root, "s.ts");
    const pkg = (name: string, manifest: Record<string, unknown>) => {
      const dir = join(root, "node_modules", ...name.split("/"));
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, "package.json"), JSON.stringify({ name, ...manifest }));
      writeFileSync(join(dir, "index.js"), "export const x = 1;\n");
      writeFileSync(join(dir, "index.cjs"), "exports.x = 1;\n");
    };
    pkg("plain", { type: "module", exports: { ".": { types: "./index.d.ts", default: "./index.js" }, "./package.json": "./package.json" } });
    pkg("text", { type: "module", exports: "./index.js" });
    pkg("@scope/plain", { type: "module", exports: { ".": { default: "./index.js" } } });
    pkg("conditional", { type: "module", exports: { ".": { import: "./index.js", require: "./index.cjs" } } });
    pkg("nodecond", { exports: { ".": { node: "./index.cjs", default: "./index.js" } } });
    pkg("legacy", { main: "index.js" });
    const file = (name: string) => pathToFileURL(join(root, "node_modules", ...name.split("/"), "index.js")).href;
    expect(packageEntry(script, "plain")).toBe(file("plain"));
    expect(packageEntry(script, "text")).toBe(file("text"));
    expect(packageEntry(script, "@scope/plain")).toBe(file("@scope/plain"));
    // Entries that depend on how they are resolved, legacy entries, subpaths, built-ins, missing packages.
    for (const name of ["conditional", "nodecond", "legacy", "plain/index.js", "fs", "node:fs", "missing", "./plain", "@scope"]) expect(packageEntry(script, name), name).toBeNull();
  });
});
