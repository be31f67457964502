// The report's assumptions section: each assumption with its source and as-of date, or the scenario's sources.
import { escapeHtml } from "./htmlInline.ts";

/** One assumption as a result document lists it: the field, its value, and where it comes from. */
export interface AssumptionItem {
  path: string;
  value: unknown;
  source?: string;
  asOf?: string;
  note?: string;
}

/** What a report falls back on when the result lists no assumptions: the sources the scenario read. */
export interface ScenarioSources {
  /** The scenario's own `sources`. */
  sources?: readonly string[];
  /** Sources of the providers' reported history, by provider label. */
  history?: ReadonlyArray<{ provider: string; source: string }>;
}

const compact = (value: unknown): string => (typeof value === "string" ? value : JSON.stringify(value) ?? String(value));

/**
 * The assumptions section's body: a table of the result's `assumptions` (path, value, source, as of, note)
 * when it has any, followed by the sources the scenario names (its `sources`, then its history's); without
 * assumptions, those sources alone, said to be a fallback. Every text is escaped.
 *
 * @example assumptionsHtml([{ path: "providers.tencent.model.g0", value: { dist: "interval90", low: 0.7, high: 0.9 }, source: "Tencent Q3 2019 results", asOf: "2019-11-13" }])
 */
export function assumptionsHtml(assumptions: readonly AssumptionItem[] | undefined, fallback: ScenarioSources = {}): string {
  const named = sourcesList(fallback);
  if (assumptions && assumptions.length > 0) {
    const rows = assumptions.map(
      (a) =>
        `<tr><td><code>${escapeHtml(a.path)}</code></td><td><code>${escapeHtml(compact(a.value))}</code></td><td>${escapeHtml(a.source ?? "")}</td><td class="num">${escapeHtml(a.asOf ?? "")}</td><td>${escapeHtml(a.note ?? "")}</td></tr>`,
    );
    const table = `<table class="assumptions"><thead><tr><th>parameter</th><th>value</th><th>source</th><th>as of</th><th>note</th></tr></thead><tbody>${rows.join("")}</tbody></table>`;
    return named === "" ? table : `${table}\n<p>The sources the scenario names:</p>${named}`;
  }
  if (named === "") return `<p class="assumptions-none">The result lists no assumptions and the scenario names no sources.</p>`;
  return `<p>The result lists no assumptions of its own; these are the sources the scenario read:</p>${named}`;
}

/** The scenario's sources (its `sources`, then its history's) as a list, or "" when it names none. */
function sourcesList(fallback: ScenarioSources): string {
  const sources = [...new Set(fallback.sources ?? [])];
  const history = new Map<string, string[]>();
  for (const h of fallback.history ?? []) {
    const list = history.get(h.source) ?? [];
    if (!list.includes(h.provider)) list.push(h.provider);
    history.set(h.source, list);
  }
  if (sources.length === 0 && history.size === 0) return "";
  const items = [
    ...sources.map((s) => `<li>${escapeHtml(s)}</li>`),
    ...[...history].filter(([s]) => !sources.includes(s)).map(([s, who]) => `<li>${escapeHtml(s)} <span class="source">(reported history of ${escapeHtml(who.join(", "))})</span></li>`),
  ];
  return `<ul class="sources">${items.join("")}</ul>`;
}
