import type { ChartSpec } from "./chartSpec.ts";

/** Options of {@link chartToSvg}. */
export interface SvgOptions {
  /**
   * Prefix for every `id` in the SVG (and the references to it), so that several charts inlined in one
   * HTML page do not share clip-path ids. @defaultValue no prefix
   */
  idPrefix?: string;
}

/**
 * Renders a Vega-Lite spec to an SVG string headless, with `vega-lite` (compile) and `vega` (render, no
 * DOM, no canvas: text widths are estimated). Works in Node, Deno and browsers; vega is loaded on first
 * use, so importing the library stays light.
 *
 * @throws Error when Vega-Lite rejects the spec.
 * @example await chartToSvg(fanChartSpec(result, { providers: ["tencent"] }))  // '<svg xmlns=...'
 */
export async function chartToSvg(spec: ChartSpec, options: SvgOptions = {}): Promise<string> {
  const [vega, vegaLite] = await Promise.all([import("vega"), import("vega-lite")]);
  const compiled = vegaLite.compile(spec as unknown as Parameters<typeof vegaLite.compile>[0]).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: "none" });
  try {
    // vega numbers clip ids with a process-wide counter; renumbering keeps the output deterministic.
    return prefixIds(await view.toSVG(), options.idPrefix ?? "");
  } finally {
    view.finalize();
  }
}

/**
 * Renames every `id="clip7"` to `PREFIX` + its name without trailing digits + its 1-based order of
 * appearance (`c0-clip1`), and the references `url(#...)` and `href="#..."` with it.
 */
export function prefixIds(svg: string, prefix: string): string {
  const renamed = new Map<string, string>();
  for (const match of svg.matchAll(/\bid="([^"]+)"/g)) {
    if (!renamed.has(match[1])) renamed.set(match[1], `${prefix}${match[1].replace(/\d+$/, "")}${renamed.size + 1}`);
  }
  if (renamed.size === 0) return svg;
  return svg
    .replace(/\bid="([^"]+)"/g, (_, id: string) => `id="${renamed.get(id)}"`)
    .replace(/url\(#([^)]+)\)/g, (whole, id: string) => (renamed.has(id) ? `url(#${renamed.get(id)})` : whole))
    .replace(/href="#([^"]+)"/g, (whole, id: string) => (renamed.has(id) ? `href="#${renamed.get(id)}"` : whole));
}
