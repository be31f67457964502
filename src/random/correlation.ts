import { formatPath, type InputIssue } from "../core/issues.ts";
import type { Distribution } from "./distribution.ts";
import { normalCdf, normalQuantile } from "./normal.ts";
import { nearestCorrelation } from "./nearestCorrelation.ts";
import { symmetricEigen, type SquareMatrix } from "./symmetricEigen.ts";
import type { RandomStream } from "./stream.ts";
import { asin, sin } from "../core/elementary.ts";

/*
 * Correlated inputs by a Gaussian copula, not Iman-Conover. Why:
 * - The engine samples fixed chunks of paths, one stream per chunk, and a result may not depend on how chunks
 *   are spread over workers. The copula works path by path: path p's inputs are a function of its own k
 *   uniforms only, so any chunking gives the same numbers. Iman-Conover reorders a whole block of samples, so
 *   a path's values would depend on the other paths of its block (and the block size would become part of
 *   the random-stream scheme).
 * - Each marginal is kept exactly in distribution: the correlated normal x_i has variance exactly 1 (the
 *   factor's rows are normalised), so u_i = Phi(x_i) is Uniform(0, 1) and quantile(u_i) has the target
 *   distribution. Iman-Conover keeps the sample set instead, which the copula does not: each chunk's sample is
 *   a fresh draw of the target distribution, as independent sampling is.
 * - The rank correlation of a Gaussian copula is known in closed form: rho_S = (6 / pi) asin(r / 2) for the
 *   normal correlation r (Kruskal 1958), so the target Spearman rho_S is met in expectation with
 *   r = 2 sin(pi rho_S / 6), for any continuous marginals (ranks do not see the quantile map).
 *   Discrete marginals have ties; their Spearman correlation is then smaller in magnitude than the target.
 */

/** Correlation targets as a scenario states them: input names and a k x k Spearman rank-correlation matrix. */
export interface CorrelationTarget {
  /** The uncertain inputs, in matrix order, as named in messages (e.g. `alibaba.g0`). */
  names: readonly string[];
  /** Target Spearman rank correlations; symmetric, unit diagonal, entries in [-1, 1], positive semi-definite. */
  matrix: SquareMatrix;
}

/** Options of {@link planCorrelation}. */
export interface CorrelationOptions {
  /**
   * A matrix that is not positive semi-definite is an input error (`"error"`), or is replaced by its nearest
   * correlation matrix (`"nearest"`, Higham 2002), reported in {@link CorrelationPlan.repairs}.
   * @defaultValue "error"
   */
  ifNotPositiveSemidefinite?: "error" | "nearest";
  /** Where the matrix is in the scenario; issue paths extend it with row and column. @defaultValue ["correlations", "matrix"] */
  path?: ReadonlyArray<string | number>;
  /**
   * Path of entry (row, column) in the scenario, when the matrix was written another way (e.g. the list of
   * pairs of {@link correlationMatrixFromPairs}). @defaultValue (row, column) => [...path, row, column]
   */
  entryPath?: (row: number, column: number) => ReadonlyArray<string | number>;
}

/** One entry changed by the nearest-matrix repair. */
export interface CorrelationRepair {
  row: number;
  column: number;
  /** e.g. `(alibaba.g0, tencent.g0)`. */
  entry: string;
  from: number;
  to: number;
}

/** A validated correlation structure, ready for sampling: build once, use for every chunk. */
export interface CorrelationPlan {
  readonly names: readonly string[];
  /** Number of correlated inputs, k. */
  readonly size: number;
  /**
   * The Spearman correlations the sampler reaches (in expectation, for continuous marginals): the input as
   * given, unless it was repaired; these are the numbers to report.
   */
  readonly spearman: number[][];
  /**
   * Entries of `spearman` that differ from the input by more than 1e-9: the nearest-matrix repair, and, rarely,
   * the nudge that puts a singular target's normal equivalent back into the positive semi-definite cone (then
   * by a small amount, even with `ifNotPositiveSemidefinite: "error"`). Empty when the input is used as given.
   */
  readonly repairs: CorrelationRepair[];
  /**
   * Correlations of the latent normals: r = 2 sin(pi rho / 6) of the (repaired) targets, or, when that leaves
   * the positive semi-definite cone (possible only for singular or nearly singular targets), its nearest
   * correlation matrix; `spearman` = (6 / pi) asin(r / 2) of this.
   */
  readonly normalCorrelation: number[][];
  /** Row-major k x k factor F with F F^T = normalCorrelation and unit row norms (symmetric square root). */
  readonly factor: Float64Array;
}

/** Either a plan or the issues that prevent one. */
export type CorrelationPlanResult =
  | { ok: true; plan: CorrelationPlan; issues: InputIssue[] }
  | { ok: false; issues: InputIssue[] };

/** Smallest eigenvalue still accepted as positive semi-definite (rounding of a singular matrix). */
const PSD_TOLERANCE = 1e-10;
/** Changes of a target smaller than this are rounding, not repairs. */
const REPAIR_REPORT_THRESHOLD = 1e-9;
/** Largest double below 1 and smallest uniform handed to a quantile function. */
const ONE_BELOW = 1 - 2 ** -53;
const SMALLEST = 2 ** -53;

/**
 * Validates a target rank-correlation matrix and builds the Gaussian-copula plan that samples it.
 *
 * Checks, each reported as an {@link InputIssue} whose path is `options.path` + [row, column]: the matrix is
 * k x k for k names; entries are finite numbers in [-1, 1]; the diagonal is 1; it is symmetric (each pair
 * reported once); it is positive semi-definite (smallest eigenvalue >= -1e-10). A matrix that fails only the
 * last check is, with `ifNotPositiveSemidefinite: "nearest"`, replaced by its nearest correlation matrix
 * (Higham 2002; if that matrix's normal equivalent 2 sin(pi rho / 6) leaves the cone, as it can on the cone's
 * boundary, the normal matrix is projected too) and the entries as sampled are listed in `plan.repairs` for
 * the report; otherwise one issue names the entries that
 * make it indefinite: with v the eigenvector of the smallest eigenvalue lambda, v^T A v = lambda < 0 is the sum
 * of 1 and the terms 2 v_i v_j a_ij, and the entries with the most negative terms are named (those at least a
 * quarter of the most negative one, at most eight), the issue's path pointing at the worst.
 *
 * Complexity: O(k^3) (eigen-decompositions), plus the repair's iterations when asked.
 * Throws: nothing for bad matrices (they are user input: issues); RangeError from the repair only if the matrix
 * has non-finite entries, which is reported before.
 *
 * @example
 * planCorrelation({ names: ["a", "b", "c"], matrix: [[1, 0.9, 0.9], [0.9, 1, -0.9], [0.9, -0.9, 1]] }).issues
 * // [{ path: ["correlations", "matrix", 0, 1], message: "matrix is not positive semi-definite (smallest
 * //   eigenvalue -0.8); entries (a, b)=0.9, (a, c)=0.9, (b, c)=-0.9 make it so; reduce them or ask for the
 * //   nearest valid matrix" }]
 */
export function planCorrelation(target: CorrelationTarget, options: CorrelationOptions = {}): CorrelationPlanResult {
  const basePath = options.path ?? ["correlations", "matrix"];
  const entryPath = options.entryPath ?? ((row: number, column: number) => [...basePath, row, column]);
  const mode = options.ifNotPositiveSemidefinite ?? "error";
  const { names, matrix } = target;
  const k = names.length;
  const issues = checkEntries(names, matrix, basePath, entryPath);
  if (issues.length > 0) return { ok: false, issues };

  let targets = matrix.map((row) => row.slice());
  const eigen = symmetricEigen(targets);
  if (k > 0 && eigen.values[0] < -PSD_TOLERANCE) {
    if (mode === "error") return { ok: false, issues: [indefiniteIssue(names, targets, eigen.values[0], eigen.vectors[0], entryPath)] };
    targets = nearestCorrelation(targets).matrix;
  }

  let normal = targets.map((row) => row.map(spearmanToNormal));
  let normalEigen = symmetricEigen(normal);
  let spearman = targets;
  if (k > 0 && normalEigen.values[0] < -PSD_TOLERANCE) {
    normal = nearestCorrelation(normal).matrix;
    normalEigen = symmetricEigen(normal);
    spearman = normal.map((row, i) => row.map((r, j) => (i === j ? 1 : normalToSpearman(r))));
  }
  const repairs: CorrelationRepair[] = [];
  for (let i = 0; i < k; i++) {
    for (let j = i + 1; j < k; j++) {
      if (Math.abs(spearman[i][j] - matrix[i][j]) > REPAIR_REPORT_THRESHOLD) {
        repairs.push({ row: i, column: j, entry: entryName(names, i, j), from: matrix[i][j], to: spearman[i][j] });
      }
    }
  }
  const plan: CorrelationPlan = {
    names: names.slice(),
    size: k,
    spearman,
    repairs,
    normalCorrelation: normal,
    factor: symmetricSquareRoot(normalEigen.values, normalEigen.vectors),
  };
  return { ok: true, plan, issues: [] };
}

/** Normal (Pearson) correlation whose Gaussian copula has Spearman rho: 2 sin(pi rho / 6); exact at -1, 0, 1. */
function spearmanToNormal(rho: number): number {
  if (rho === 1 || rho === -1) return rho;
  return 2 * sin((Math.PI * rho) / 6);
}

/** Spearman rho of a Gaussian copula with normal correlation r: (6 / pi) asin(r / 2); exact at -1, 0, 1. */
function normalToSpearman(r: number): number {
  if (r === 1 || r === -1) return r;
  return (6 / Math.PI) * asin(r / 2);
}

function entryName(names: readonly string[], i: number, j: number): string {
  return `(${names[i]}, ${names[j]})`;
}

type EntryPath = (row: number, column: number) => ReadonlyArray<string | number>;

function checkEntries(names: readonly string[], matrix: SquareMatrix, basePath: ReadonlyArray<string | number>, entryPath: EntryPath): InputIssue[] {
  const k = names.length;
  const issues: InputIssue[] = [];
  if (!Array.isArray(matrix) || matrix.length !== k) {
    const got = Array.isArray(matrix) ? `${matrix.length} rows` : typeof matrix;
    return [{ code: "invalid_type", path: [...basePath], message: `expected a ${k} x ${k} matrix (one row per input: ${names.join(", ")}), got ${got}` }];
  }
  for (let i = 0; i < k; i++) {
    const row = matrix[i];
    if (!Array.isArray(row) || row.length !== k) {
      issues.push({ code: "invalid_type", path: [...basePath, i], message: `expected a row of ${k} numbers, got ${Array.isArray(row) ? `${row.length} entries` : typeof row}` });
    }
  }
  if (issues.length > 0) return issues;
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      const value = matrix[i][j];
      const path = entryPath(i, j);
      if (typeof value !== "number" || !Number.isFinite(value)) {
        issues.push({ code: "out_of_range", path, message: `expected a number in [-1, 1], got ${String(value)}` });
      } else if (i === j && value !== 1) {
        issues.push({ code: "invalid_value", path, message: `expected 1 on the diagonal (${names[i]} with itself), got ${value}` });
      } else if (value < -1 || value > 1) {
        issues.push({ code: "out_of_range", path, message: `expected a number in [-1, 1] for ${entryName(names, i, j)}, got ${value}` });
      }
    }
  }
  for (let i = 0; i < k; i++) {
    for (let j = i + 1; j < k; j++) {
      const upper = matrix[i][j];
      const lower = matrix[j][i];
      if (Number.isFinite(upper) && Number.isFinite(lower) && Math.abs(upper - lower) > 1e-12) {
        issues.push({
          code: "not_psd",
          path: entryPath(j, i),
          message: `expected a symmetric matrix, got ${entryName(names, i, j)}=${upper} but ${entryName(names, j, i)}=${lower}`,
        });
      }
    }
  }
  return issues;
}

function indefiniteIssue(
  names: readonly string[],
  matrix: number[][],
  lambda: number,
  vector: number[],
  entryPath: EntryPath,
): InputIssue {
  const k = names.length;
  const terms: { i: number; j: number; term: number }[] = [];
  for (let i = 0; i < k; i++) {
    for (let j = i + 1; j < k; j++) {
      const term = 2 * vector[i] * vector[j] * matrix[i][j];
      if (term < 0) terms.push({ i, j, term });
    }
  }
  terms.sort((a, b) => a.term - b.term || a.i - b.i || a.j - b.j);
  const worst = terms[0]?.term ?? 0;
  const named = terms.filter((t) => t.term <= 0.25 * worst).slice(0, 8);
  const first = named[0] ?? { i: 0, j: 0 };
  const list = named.map((t) => `${entryName(names, t.i, t.j)}=${matrix[t.i][t.j]}`).join(", ");
  return {
    code: "not_psd",
    path: entryPath(first.i, first.j),
    message:
      `matrix is not positive semi-definite (smallest eigenvalue ${roundForMessage(lambda)}); ` +
      `entries ${list} make it so; reduce them or ask for the nearest valid matrix`,
  };
}

function roundForMessage(value: number): number {
  return Number(value.toPrecision(3));
}

/** F = V sqrt(max(Lambda, 0)) V^T with each row scaled to unit norm, row-major. */
function symmetricSquareRoot(values: number[], vectors: number[][]): Float64Array {
  const k = values.length;
  const factor = new Float64Array(k * k);
  for (let m = 0; m < k; m++) {
    const root = Math.sqrt(Math.max(values[m], 0));
    if (root === 0) continue;
    const v = vectors[m];
    for (let i = 0; i < k; i++) {
      const vi = root * v[i];
      for (let j = 0; j < k; j++) factor[i * k + j] += vi * v[j];
    }
  }
  for (let i = 0; i < k; i++) {
    let sum = 0;
    for (let j = 0; j < k; j++) sum += factor[i * k + j] * factor[i * k + j];
    const scale = 1 / Math.sqrt(sum);
    for (let j = 0; j < k; j++) factor[i * k + j] *= scale;
  }
  return factor;
}

/** One stated rank correlation, as a scenario lists them: `{ between: ["alibaba.g0", "tencent.g0"], rho: 0.6 }`. */
export interface CorrelationPair {
  between: readonly [string, string];
  /** Target Spearman rank correlation, in [-1, 1]. */
  rho: number;
}

/** A matrix built from pairs, the issues found in the pairs, and where each entry came from. */
export interface CorrelationMatrixFromPairs {
  /** k x k, unit diagonal, 0 for unstated pairs. */
  matrix: number[][];
  issues: InputIssue[];
  /** For {@link CorrelationOptions.entryPath}: the stating pair's path, or the list's path for unstated entries. */
  entryPath: (row: number, column: number) => ReadonlyArray<string | number>;
}

/**
 * Builds the target matrix from a list of pairs (unstated pairs are uncorrelated), for {@link planCorrelation}
 * with `entryPath` so that its issues name the pair that states an entry. Issues: a name that is not one of
 * `names`, a pair of an input with itself, a pair stated twice (in either order), rho not a number in [-1, 1].
 *
 * Complexity: O(k^2 + pairs). Throws: nothing (pairs are user input).
 *
 * @example
 * const built = correlationMatrixFromPairs(["a", "b", "c"], [{ between: ["c", "a"], rho: 0.5 }]);
 * built.matrix // [[1, 0, 0.5], [0, 1, 0], [0.5, 0, 1]]
 * built.entryPath(0, 2) // ["correlations", "pairs", 0]
 */
export function correlationMatrixFromPairs(
  names: readonly string[],
  pairs: readonly CorrelationPair[],
  path: ReadonlyArray<string | number> = ["correlations", "pairs"],
): CorrelationMatrixFromPairs {
  const k = names.length;
  const index = new Map<string, number>();
  names.forEach((name, i) => index.set(name, i));
  const matrix: number[][] = [];
  const source: number[][] = [];
  for (let i = 0; i < k; i++) {
    matrix.push(Array.from({ length: k }, (_, j) => (i === j ? 1 : 0)));
    source.push(new Array<number>(k).fill(-1));
  }
  const issues: InputIssue[] = [];
  pairs.forEach((pair, p) => {
    const ends = pair.between.map((name, side) => {
      const i = index.get(name);
      if (i === undefined) issues.push({ code: "unknown_reference", path: [...path, p, "between", side], message: `expected one of the uncertain inputs (${names.join(", ")}), got ${JSON.stringify(name)}` });
      return i;
    });
    const [i, j] = ends;
    if (i === undefined || j === undefined) return;
    if (i === j) {
      issues.push({ code: "duplicate", path: [...path, p, "between"], message: `expected two different inputs, got ${names[i]} twice` });
      return;
    }
    if (typeof pair.rho !== "number" || !(pair.rho >= -1 && pair.rho <= 1)) {
      issues.push({ code: "out_of_range", path: [...path, p, "rho"], message: `expected a number in [-1, 1], got ${String(pair.rho)}` });
      return;
    }
    if (source[i][j] >= 0) {
      issues.push({ code: "duplicate", path: [...path, p, "between"], message: `expected each pair once, got ${entryName(names, i, j)} again (already at ${formatPath([...path, source[i][j]])})` });
      return;
    }
    matrix[i][j] = matrix[j][i] = pair.rho;
    source[i][j] = source[j][i] = p;
  });
  const entryPath = (row: number, column: number): ReadonlyArray<string | number> => {
    const p = source[row]?.[column] ?? -1;
    return p >= 0 ? [...path, p] : [...path];
  };
  return { matrix, issues, entryPath };
}

/**
 * Correlated uniforms for `paths` consecutive paths of one chunk: k columns (one per input of the plan, in its
 * order), each a `Float64Array` of length `paths`, with Uniform(0, 1) marginals and the plan's rank
 * correlations (Gaussian copula: u = Phi(F z), z_i = Phi^-1(stream.uniform())).
 *
 * Stream use: path p (0-based within the chunk) consumes exactly k draws of `stream.uniform()`, in input
 * order, after those of paths 0 .. p-1; nothing else. So a path's values depend only on the chunk's stream
 * and its position in the chunk, never on workers. The engine should give the correlated group its own stream
 * per chunk, e.g. `createStream(seed, `chunk:${c}/correlation`)`, call this once per chunk with the chunk's
 * path count, and use `quantile(columns[i][p])` of input i (or {@link correlatedSamples}) in place of that
 * input's independent draw. Outputs are clamped to [2^-53, 1 - 2^-53] so every quantile is finite.
 *
 * Complexity: O(paths k^2). Throws RangeError if `paths` is not a non-negative integer.
 *
 * @example
 * const { plan } = planCorrelation({ names: ["a", "b"], matrix: [[1, 0.8], [0.8, 1]] }) as { plan: CorrelationPlan };
 * correlatedUniforms(createStream(42, "chunk:0/correlation"), plan, 2)
 * // [Float64Array [0.38457592070030505, 0.1586000658659275], Float64Array [0.6115679582862313, 0.03554115460317662]]
 */
export function correlatedUniforms(stream: RandomStream, plan: CorrelationPlan, paths: number): Float64Array[] {
  if (!Number.isSafeInteger(paths) || paths < 0) throw new RangeError(`paths: expected a non-negative integer, got ${paths}`);
  const k = plan.size;
  const factor = plan.factor;
  const columns: Float64Array[] = [];
  for (let i = 0; i < k; i++) columns.push(new Float64Array(paths));
  const z = new Float64Array(k);
  for (let p = 0; p < paths; p++) {
    for (let i = 0; i < k; i++) z[i] = normalQuantile(stream.uniform());
    for (let i = 0; i < k; i++) {
      let x = 0;
      const row = i * k;
      for (let j = 0; j < k; j++) x += factor[row + j] * z[j];
      const u = normalCdf(x);
      columns[i][p] = u < SMALLEST ? SMALLEST : u > ONE_BELOW ? ONE_BELOW : u;
    }
  }
  return columns;
}

/**
 * Correlated draws of the plan's inputs for one chunk: `quantile` of each column of
 * {@link correlatedUniforms}, so input i has exactly the distribution `distributions[i]` and the inputs have
 * the plan's Spearman correlations (for continuous distributions). Same stream use as `correlatedUniforms`.
 *
 * Complexity: O(paths k^2 + paths k cost(quantile)).
 * Throws RangeError if `distributions.length` differs from `plan.size` or `paths` is invalid.
 *
 * @example
 * const normal = makeDistribution({ dist: "normal", mean: 0.3, sd: 0.05 });
 * const lognormal = makeDistribution({ dist: "lognormal", meanLog: 0, sdLog: 0.5 });
 * correlatedSamples(createStream(42, "chunk:0/correlation"), plan, [normal, lognormal], 2) // plan of rho = 0.8
 * // [Float64Array [0.28532577474031245, 0.24998859482678087], Float64Array [1.1522355462137455, 0.4055643883208875]]
 */
export function correlatedSamples(
  stream: RandomStream,
  plan: CorrelationPlan,
  distributions: readonly Distribution[],
  paths: number,
): Float64Array[] {
  if (distributions.length !== plan.size) {
    throw new RangeError(`distributions: expected ${plan.size} (one per correlated input), got ${distributions.length}`);
  }
  const columns = correlatedUniforms(stream, plan, paths);
  for (let i = 0; i < columns.length; i++) {
    const column = columns[i];
    const distribution = distributions[i];
    for (let p = 0; p < column.length; p++) column[p] = distribution.quantile(column[p]);
  }
  return columns;
}
