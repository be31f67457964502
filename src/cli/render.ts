import { createRequire } from "node:module";
import { extname } from "node:path";
import { InputError } from "../core/issues.ts";
import type { ChartSpec } from "../report/charts/chartSpec.ts";
import { chartToSvg } from "../report/charts/chartToSvg.ts";

/** Pixels per SVG unit of a PNG when none is asked for. */
export const DEFAULT_PNG_SCALE = 2;

/** Options of {@link svgToPng}. */
export interface PngOptions {
  /** Pixels per SVG unit. @defaultValue DEFAULT_PNG_SCALE */
  scale?: number;
}

/**
 * Rasterises an SVG to PNG with resvg (prebuilt binary from the npm registry), using the system's fonts
 * with DejaVu Sans as the fallback family.
 */
export function svgToPng(svg: string, options: PngOptions = {}): Buffer {
  // Loaded on first use: the native renderer is a noticeable part of every command's start-up otherwise.
  const { Resvg } = createRequire(import.meta.url)("@resvg/resvg-js") as typeof import("@resvg/resvg-js");
  const resvg = new Resvg(svg, {
    fitTo: { mode: "zoom", value: options.scale ?? DEFAULT_PNG_SCALE },
    font: { loadSystemFonts: true, defaultFontFamily: "DejaVu Sans", sansSerifFamily: "DejaVu Sans" },
    background: "white",
  });
  return resvg.render().asPng();
}

/** Renders a chart spec to SVG text or PNG bytes. */
export async function renderChart(spec: ChartSpec, format: "svg" | "png", options: PngOptions = {}): Promise<string | Buffer> {
  const svg = await chartToSvg(spec);
  return format === "svg" ? svg : svgToPng(svg, options);
}


/**
 * The format of a chart file from its extension (`.svg` or `.png`, any case).
 *
 * @throws InputError (path `flag`) for any other name.
 */
export function chartFileFormat(file: string, flag = "--chart"): "svg" | "png" {
  const ext = extname(file).toLowerCase();
  if (ext === ".svg" || ext === ".png") return ext.slice(1) as "svg" | "png";
  throw new InputError([{ code: "invalid_format", path: [flag], message: `expected a file ending in .svg or .png, got ${JSON.stringify(file)}` }]);
}
