// Compares executed notebooks by what their outputs show: per code cell, the kinds of output and MIME types,
// and every number in each output's content. Volatile metadata (timings, the kernel's version) is ignored.

/** Every number written in a text, in order (`12`, `-0.5`, `3e-4`, digits inside words and hashes too). */
export function numbersIn(text) {
  return text.match(/-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/g) ?? [];
}

const asText = (value) => (typeof value === "string" ? value : Array.isArray(value) && value.every((v) => typeof v === "string") ? value.join("") : JSON.stringify(value));

/** The notebook with volatile cell metadata removed (nbclient's execution timings), ready to commit. */
export function normaliseNotebook(notebook) {
  for (const cell of notebook.cells) {
    if (cell.metadata) delete cell.metadata.execution;
  }
  return notebook;
}

/**
 * Differences between the committed notebook and a fresh execution of it, one line each; empty when they
 * show the same outputs with the same numbers. Error outputs in the fresh one are always reported.
 */
export function compareNotebooks(committed, executed) {
  const problems = [];
  const code = (nb) => nb.cells.filter((c) => c.cell_type === "code");
  const a = code(committed);
  const b = code(executed);
  b.forEach((cell, i) => {
    for (const o of cell.outputs ?? []) if (o.output_type === "error") problems.push(`code cell ${i + 1}: ${o.ename}: ${o.evalue}`);
  });
  if (a.length !== b.length) return [...problems, `${a.length} code cells committed, ${b.length} executed`];
  a.forEach((cell, i) => {
    const where = `code cell ${i + 1}`;
    const outA = cell.outputs ?? [];
    const outB = b[i].outputs ?? [];
    const shape = (outs) => outs.map((o) => `${o.output_type}[${Object.keys(o.data ?? (o.text !== undefined ? { text: 1 } : {})).sort().join(",")}]`).join(" ");
    if (shape(outA) !== shape(outB)) {
      problems.push(`${where}: outputs ${shape(outA) || "(none)"} committed, ${shape(outB) || "(none)"} executed`);
      return;
    }
    outA.forEach((o, k) => {
      const contents = o.data ?? { text: o.text };
      for (const [mime, value] of Object.entries(contents)) {
        const x = numbersIn(asText(value));
        const y = numbersIn(asText((outB[k].data ?? { text: outB[k].text })[mime]));
        const at = x.findIndex((n, j) => n !== y[j]);
        if (at >= 0 || x.length !== y.length) {
          const j = at >= 0 ? at : Math.min(x.length, y.length);
          problems.push(`${where} ${mime}: number ${j + 1} is ${x[j] ?? "(none)"} committed, ${y[j] ?? "(none)"} executed (${x.length} vs ${y.length} numbers)`);
        }
      }
    });
  });
  return problems;
}
