// scriptModule (src/cli/scriptModule.ts): a compiled script that imports only Node.js's own modules is
// imported from a data: URL, and the positions in its stack are mapped back to the user's file through the
// compiled module's source map: the line and column esbuild's map gives, checked against the text here.
import { buildSync } from "esbuild";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { scriptModule } from "../../src/cli/scriptModule.ts";

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
