// The HTML report's style sheet: screen layout, the table of contents, and print rules.

/** CSS of the HTML report: readable tables and charts on screen; on paper, whole figures and tables, no page-wide widths. */
export const REPORT_STYLE = `
:root { color-scheme: light; }
body { font-family: "DejaVu Sans", Helvetica, Arial, sans-serif; margin: 0 auto; max-width: 1200px; padding: 24px 32px 64px; color: #1d1d1d; line-height: 1.45; }
h1 { font-size: 1.6rem; margin-bottom: 0.2rem; }
h2 { font-size: 1.25rem; margin-top: 2.2rem; border-bottom: 1px solid #ddd; padding-bottom: 0.2rem; }
h3 { font-size: 1rem; margin: 1.4rem 0 0.4rem; }
.question { font-size: 1.1rem; color: #333; margin-top: 0.2rem; }
dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: 2px 16px; font-size: 0.9rem; }
dl.meta dt { color: #666; } dl.meta dd { margin: 0; font-family: "DejaVu Sans Mono", monospace; }
nav.toc { font-size: 0.9rem; background: #f7f7f5; border: 1px solid #e2e2dd; border-radius: 6px; padding: 4px 18px 10px; margin-top: 1.2rem; }
nav.toc h2 { font-size: 1rem; margin-top: 0.6rem; border: 0; }
nav.toc ol { margin: 0.2rem 0; padding-left: 1.4rem; } nav.toc ol ol { columns: 2; font-size: 0.85rem; }
nav.toc a { color: #24527a; text-decoration: none; } nav.toc a:hover { text-decoration: underline; }
table { border-collapse: collapse; margin: 0.6rem 0 1.2rem; font-size: 0.9rem; }
th, td { padding: 4px 10px; border-bottom: 1px solid #e4e4e4; text-align: left; vertical-align: top; }
thead th { border-bottom: 2px solid #bbb; }
td.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
caption { text-align: left; font-weight: bold; padding-bottom: 4px; }
.band, .source { color: #777; font-size: 0.8rem; }
figure.chart { margin: 0.5rem 0 1.5rem; }
figure.chart svg { max-width: 100%; height: auto; }
#vg-tooltip-element { font-family: "DejaVu Sans", Helvetica, Arial, sans-serif; font-size: 12px; }
footer { margin-top: 3rem; color: #777; font-size: 0.8rem; }
@media print {
  @page { size: A4; margin: 14mm 12mm; }
  body { max-width: none; padding: 0; font-size: 10pt; }
  nav.toc { background: none; border: 0; padding: 0; break-after: page; }
  nav.toc a { color: inherit; }
  h2, h3 { break-after: avoid; }
  figure.chart, table, dl.meta { break-inside: avoid; }
  figure.chart svg { max-width: 100%; max-height: 120mm; }
  #vg-tooltip-element { display: none; }
  footer { margin-top: 1rem; }
}
`;
