// Text that collides in a rendered chart: pairs of text boxes (and text over legend symbols) that intersect.
import type { Page } from "playwright-core";

/** One collision: the two texts (or text and legend symbol), and the chart they are in. */
export interface Collision {
  chart: string;
  a: string;
  b: string;
}

/**
 * Every pair of texts, or of a text and a legend symbol, whose on-screen boxes overlap by more than half
 * a pixel both ways, in the SVG charts under `selector` (each chart named by its figure's data-chart).
 */
export function textCollisions(page: Page, selector: string): Promise<Collision[]> {
  return page.$$eval(selector, (charts) => {
    const out: Array<{ chart: string; a: string; b: string }> = [];
    for (const chart of charts) {
      const name = chart.closest("figure")?.getAttribute("data-chart") ?? chart.id;
      const svg = chart.querySelector("svg");
      if (!svg) continue;
      const items = [
        ...[...svg.querySelectorAll("text")].filter((t) => (t.textContent ?? "").trim() !== "").map((t) => ({ what: `text "${t.textContent}"`, box: t.getBoundingClientRect() })),
        ...[...svg.querySelectorAll(".role-legend-symbol path")].map((p, k) => ({ what: `legend symbol ${k}`, box: p.getBoundingClientRect() })),
      ].filter((item) => item.box.width > 0 && item.box.height > 0);
      for (let i = 0; i < items.length; i++) {
        for (let j = i + 1; j < items.length; j++) {
          if (!items[i].what.startsWith("text") && !items[j].what.startsWith("text")) continue;
          const [p, q] = [items[i].box, items[j].box];
          const w = Math.min(p.right, q.right) - Math.max(p.left, q.left);
          const h = Math.min(p.bottom, q.bottom) - Math.max(p.top, q.top);
          if (w > 0.5 && h > 0.5) out.push({ chart: name, a: items[i].what, b: items[j].what });
        }
      }
    }
    return out;
  });
}
