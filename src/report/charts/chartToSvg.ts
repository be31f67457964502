import type { ChartSpec } from "./chartSpec.ts";

/** Options of {@link chartToSvg}. */
export interface SvgOptions {
  /**
   * Prefix for every `id` in the SVG (and the references to it), so that several charts inlined in one
   * HTML page do not share clip-path ids. @defaultValue no prefix
   */
  idPrefix?: string;
}

/** The parts of a vega View that its headless rendering reads (some are internal fields). */
interface ViewInternals {
  padding(): { left: number; right: number; top: number; bottom: number };
  background(): unknown;
  loader(): unknown;
  _viewWidth: number;
  _viewHeight: number;
  _origin: [number, number];
  _scenegraph: { root: unknown };
}

type HeadlessSvg = new (loader: unknown) => {
  initialize(el: null, width: number, height: number, origin: [number, number], scale: number): {
    background(colour: unknown): { render(scene: unknown): { svg(): string } };
  };
};

type Renderer = { vega: typeof import("vega"); vegaLite: typeof import("vega-lite") };
let renderer: Renderer | null = null;

/**
 * Loads `vega` and `vega-lite` once (they are loaded on first use, so importing the library stays light).
 * After it resolves, `chartToSvgSync` and the notebook displays render without awaiting anything; a notebook
 * calls it once, so every cell's output is complete when the cell ends.
 */
export async function loadChartRenderer(): Promise<void> {
  if (renderer) return;
  const [vega, vegaLite] = await Promise.all([import("vega"), import("vega-lite")]);
  renderer = { vega, vegaLite };
}

/** Whether `loadChartRenderer` has finished, so `chartToSvgSync` can be used. */
export function chartRendererLoaded(): boolean {
  return renderer !== null;
}

/**
 * Renders a Vega-Lite spec to an SVG string headless, synchronously, with `vega-lite` (compile) and `vega`
 * (dataflow run, then its headless SVG renderer: no DOM, no canvas, text widths estimated). The same bytes
 * as vega's own `toSVG` for the inline-data specs sharecast builds.
 *
 * @throws Error when `loadChartRenderer` has not finished, or when Vega-Lite rejects the spec.
 */
export function chartToSvgSync(spec: ChartSpec, options: SvgOptions = {}): string {
  if (!renderer) throw new Error("chartToSvgSync: call `await loadChartRenderer()` first");
  const { vega, vegaLite } = renderer;
  const compiled = vegaLite.compile(spec as unknown as Parameters<typeof vegaLite.compile>[0]).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: "none" });
  try {
    view.run();
    // As vega's own headless rendering sizes it (vega-view initializeRenderer): the viewport plus padding,
    // offset by padding and origin, with the view's background.
    const v = view as unknown as ViewInternals;
    const padding = v.padding();
    const Headless = (vega.renderModule as unknown as (name: string) => { headless: unknown })("svg").headless as HeadlessSvg;
    const svg = new Headless(v.loader())
      .initialize(null, Math.max(0, v._viewWidth + padding.left + padding.right), Math.max(0, v._viewHeight + padding.top + padding.bottom), [padding.left + v._origin[0], padding.top + v._origin[1]], 1)
      .background(v.background())
      .render(v._scenegraph.root)
      .svg();
    // vega numbers clip ids with a process-wide counter; renumbering keeps the output deterministic.
    return prefixIds(svg, options.idPrefix ?? "");
  } finally {
    view.finalize();
  }
}

/**
 * Renders a Vega-Lite spec to an SVG string headless (see `chartToSvgSync`), loading vega first if needed.
 * Works in Node, Deno and browsers.
 *
 * @throws Error when Vega-Lite rejects the spec.
 * @example await chartToSvg(fanChartSpec(result, { providers: ["tencent"] }))  // '<svg xmlns=...'
 */
export async function chartToSvg(spec: ChartSpec, options: SvgOptions = {}): Promise<string> {
  await loadChartRenderer();
  return chartToSvgSync(spec, options);
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
