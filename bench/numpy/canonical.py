#!/usr/bin/env python3
"""The canonical benchmark model (../shared/bench/canonical.json) as a vectorised NumPy program: the bench's peer.

Written for the bench from canonical.json alone (read at run time), not from the engine's code:

    g_t   = gInf + (g0 - gInf) * 2^(-t / (4 halfLife))                    t = 1..T quarters
    R_t   = R_{t-1} * (1 + g_t)^(1/4) * exp(sigma eps_t - sigma^2 / 2)     R_0 = base (2018Q4)
    share = R_i / sum_j R_j
    g0 ~ Normal(mu, sd), halfLife ~ Uniform(lo, hi) years, eps iid N(0, 1) per path, provider and quarter.

It computes what the engine reports for the model: revenue and share of every provider for each quarter
(2019Q1..) and each calendar year (a year's revenue is the sum of its quarters, its share that sum over the
year's market), and per cell the mean, the sample sd (n - 1) and the quantiles of canonical.json by NumPy's
default "linear" method (R type 7). A factor 1 + g_t <= 0 contributes 0 (no revenue afterwards).

Random numbers: numpy.random.default_rng(seed) (PCG64), one stream for the run, drawn chunk after chunk of
CHUNK paths: g0 (providers x n), halfLife (providers x n), eps (providers x quarters x n). So the numbers
depend on the seed and the chunk size, and not on the memory budget.

Memory: exact quantiles need every value, 2 x providers x (years + quarters) columns of `paths` float64
values (3.4 GB at 1M paths of the canonical model). Columns that do not fit in --budget-mb are summarised in
passes: each pass re-simulates every chunk from the same seed (same numbers) and keeps a contiguous range of
columns. Peak memory is the stored columns (at most the budget) plus one chunk's temporaries and 8 columns' deviations.

Prints one JSON object on stdout: the run (paths, seed, chunk, passes), the in-process seconds (simulation
and summaries, after numpy is imported and the JSON is read), the interpreter, numpy and the kernels it
runs, and the median of chosen cells with its standard error estimated from the sample. --rows FILE writes
every cell's summary in the engine's row format (period, provider, metric, mean, sd, p05, p50, p95).

    /usr/bin/python3 bench/numpy/canonical.py --paths 200000 --seed 42
"""
import argparse
import json
import os
import sys
import time
from pathlib import Path

import numpy as np

DEFAULT_MODEL = Path(__file__).resolve().parents[2].parent / "shared" / "bench" / "canonical.json"
START_YEAR = 2019  # the first simulated quarter is 2019Q1 (the base is 2018Q4), as in bench/canonical.ts
QUARTERS_PER_YEAR = 4
CHUNK = 16384
DEFAULT_BUDGET_MB = 4096
SUMMARY_ROWS = 8  # columns summarised together
# Cells whose medians the bench compares with the engine's: every provider, both metrics, in these periods.
CHOSEN_PERIODS = ("2019Q1", "2022", "2025", "2025Q4")
# Half-width of the probability interval around 0.5 whose quantiles estimate the density at the median.
DENSITY_DELTA = 0.025


def load_model(path):
    """canonical.json as arrays shaped (providers, 1) for broadcasting over paths."""
    model = json.loads(Path(path).read_text())
    providers = model["providers"]
    column = lambda values: np.array(values, dtype=np.float64).reshape(-1, 1)
    quarters = int(model["quarters"])
    if quarters % QUARTERS_PER_YEAR != 0:
        raise SystemExit(f"canonical.py: quarters must be whole years, got {quarters}")
    return {
        "ids": [p["id"] for p in providers],
        "quarters": quarters,
        "quantiles": [float(q) for q in model["quantiles"]],
        "base": column([p["base"] for p in providers]),
        "mu": column([p["g0"][0] for p in providers]),
        "sd": column([p["g0"][1] for p in providers]),
        "g_inf": column([p["gInf"] for p in providers]),
        "lo": column([p["halfLife"][0] for p in providers]),
        "hi": column([p["halfLife"][1] for p in providers]),
        "sigma": column([p["sigma"] for p in providers]),
    }


def periods_of(quarters):
    """Period labels in the engine's order: calendar years first, then quarters."""
    years = [str(START_YEAR + y) for y in range(quarters // QUARTERS_PER_YEAR)]
    qs = [f"{START_YEAR + t // QUARTERS_PER_YEAR}Q{t % QUARTERS_PER_YEAR + 1}" for t in range(quarters)]
    return years + qs


def simulate_chunk(m, rng, n):
    """Values of one chunk of n paths: shape (2, providers, years + quarters, n), metric 0 revenue, 1 share."""
    K, T = len(m["ids"]), m["quarters"]
    Y = T // QUARTERS_PER_YEAR
    g0 = rng.normal(m["mu"], m["sd"], size=(K, n))
    half = rng.uniform(m["lo"], m["hi"], size=(K, n))
    eps = rng.standard_normal((K, T, n))
    t = np.arange(1, T + 1, dtype=np.float64).reshape(1, T, 1)
    g_inf = m["g_inf"][:, :, None]
    sigma = m["sigma"][:, :, None]
    # g_t = gInf + (g0 - gInf) 2^(-t / (4 halfLife)), in place in one (K, T, n) buffer.
    g = np.exp2(-t / (4.0 * half[:, None, :]))
    g *= (g0 - m["g_inf"])[:, None, :]
    g += g_inf
    # Quarterly factor (1 + g_t)^(1/4) exp(sigma eps - sigma^2 / 2); R_t is the running product from the base.
    g += 1.0
    np.maximum(g, 0.0, out=g)
    np.sqrt(g, out=g)
    np.sqrt(g, out=g)
    eps *= sigma
    eps -= 0.5 * sigma * sigma
    np.exp(eps, out=eps)
    g *= eps
    np.cumprod(g, axis=1, out=g)
    g *= m["base"][:, :, None]
    out = np.empty((2, K, Y + T, n))
    revenue, share = out[0], out[1]
    revenue[:, Y:, :] = g
    revenue[:, :Y, :] = g.reshape(K, Y, QUARTERS_PER_YEAR, n).sum(axis=2)
    total = revenue.sum(axis=0)
    np.divide(revenue, total, out=share, where=total > 0)
    share[:, total <= 0] = 0.0
    return out


def run(m, paths, seed, chunk=CHUNK, budget_mb=DEFAULT_BUDGET_MB):
    """Simulates and summarises; returns (mean, sd, quantiles (q, columns), chosen medians, passes)."""
    K, T = len(m["ids"]), m["quarters"]
    P = T // QUARTERS_PER_YEAR + T
    columns = 2 * K * P
    per_pass = max(1, min(columns, int(budget_mb * 2**20 // (8 * paths))))
    passes = -(-columns // per_pass)
    store = np.empty((per_pass, paths))
    mean = np.empty(columns)
    sd = np.empty(columns)
    quantiles = np.empty((len(m["quantiles"]), columns))
    for first_column in range(0, columns, per_pass):
        last_column = min(columns, first_column + per_pass)
        width = last_column - first_column
        rng = np.random.default_rng(seed)
        for first in range(0, paths, chunk):
            n = min(chunk, paths - first)
            values = simulate_chunk(m, rng, n).reshape(columns, n)
            store[:width, first : first + n] = values[first_column:last_column]
        # A few rows at a time, so the deviations sd needs stay small beside the store; after the moments,
        # the quantiles partition the rows in place (no copy of the store).
        for row in range(0, width, SUMMARY_ROWS):
            block = store[row : min(width, row + SUMMARY_ROWS)]
            at = slice(first_column + row, first_column + row + block.shape[0])
            mean[at] = block.mean(axis=1)
            sd[at] = block.std(axis=1, ddof=1)
            quantiles[:, at] = np.quantile(block, m["quantiles"], axis=1, method="linear", overwrite_input=True)
    return mean, sd, quantiles, passes, store, per_pass


def column_of(metric, k, p, K, P):
    """Column of (metric, provider k, period p): metric-major, then provider, then period."""
    return (metric * K + k) * P + p


def chosen_medians(m, paths, seed, chunk, budget_mb, quantiles, store, per_pass):
    """Median and its standard error of the chosen cells: se = sqrt(0.25 / n) / f(median), 1/f estimated by
    (q(0.5 + d) - q(0.5 - d)) / (2 d) from the same sample. Needs the chosen columns' values: taken from the
    store if the run had one pass, else simulated again (outside the timed part)."""
    K, T = len(m["ids"]), m["quarters"]
    periods = periods_of(T)
    P = len(periods)
    wanted = [(metric, k, periods.index(label)) for label in CHOSEN_PERIODS for k in range(K) for metric in (0, 1)]
    cols = [column_of(metric, k, p, K, P) for metric, k, p in wanted]
    if 2 * K * P <= per_pass:
        values = store[cols]
    else:
        values = np.empty((len(cols), paths))
        rng = np.random.default_rng(seed)
        for first in range(0, paths, chunk):
            n = min(chunk, paths - first)
            values[:, first : first + n] = simulate_chunk(m, rng, n).reshape(2 * K * P, n)[cols]
    # `values` is a copy either way: partitioned in place.
    lo, hi = np.quantile(values, [0.5 - DENSITY_DELTA, 0.5 + DENSITY_DELTA], axis=1, method="linear", overwrite_input=True)
    se = np.sqrt(0.25 / paths) * (hi - lo) / (2 * DENSITY_DELTA)
    median_row = m["quantiles"].index(0.5)
    medians = {}
    for (metric, k, p), col, s in zip(wanted, cols, se):
        key = f"{m['ids'][k]}/{periods[p]}/{'revenue' if metric == 0 else 'share'}"
        medians[key] = {"median": float(quantiles[median_row, col]), "se": float(s)}
    return medians


def kernels():
    """What numpy runs on: BLAS libraries loaded (threadpoolctl, if installed), SIMD extensions dispatched,
    and the OpenBLAS variables this process saw."""
    info = {"numpy": np.__version__, "python": sys.executable, "pythonVersion": sys.version.split()[0]}
    try:
        from numpy.core import _multiarray_umath as umath  # numpy 1.x
    except ImportError:  # numpy 2.x
        from numpy._core import _multiarray_umath as umath
    features = getattr(umath, "__cpu_features__", {})
    info["simd"] = [name for name in getattr(umath, "__cpu_baseline__", []) + getattr(umath, "__cpu_dispatch__", []) if features.get(name)]
    try:
        import threadpoolctl

        info["blas"] = [{k: lib.get(k) for k in ("internal_api", "version", "architecture", "num_threads", "filepath")} for lib in threadpoolctl.threadpool_info()]
    except ImportError:
        info["blas"] = "threadpoolctl not installed"
    info["env"] = {name: os.environ.get(name) for name in ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE")}
    return info


def rows_of(m, mean, sd, quantiles):
    """Every cell's summary in the engine's row order and format (years first, then quarters)."""
    K, T = len(m["ids"]), m["quarters"]
    periods = periods_of(T)
    P = len(periods)
    names = [f"p{round(q * 100):02d}" for q in m["quantiles"]]
    rows = []
    for p, period in enumerate(periods):
        for k, provider in enumerate(m["ids"]):
            for metric, label in enumerate(("revenue", "share")):
                c = column_of(metric, k, p, K, P)
                row = {"period": period, "provider": provider, "metric": label, "mean": float(mean[c]), "sd": float(sd[c])}
                row.update({name: float(quantiles[i, c]) for i, name in enumerate(names)})
                rows.append(row)
    return rows


def main(argv):
    parser = argparse.ArgumentParser(description="Vectorised NumPy peer of the canonical benchmark model.")
    parser.add_argument("--paths", type=int, required=True)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--chunk", type=int, default=CHUNK, help="paths per simulated chunk")
    parser.add_argument("--budget-mb", type=float, default=DEFAULT_BUDGET_MB, help="memory for stored values")
    parser.add_argument("--model", default=str(DEFAULT_MODEL), help="canonical.json")
    parser.add_argument("--rows", help="also write every cell's summary (engine row format) to this file")
    args = parser.parse_args(argv)
    if args.paths < 2 or args.chunk < 1 or args.budget_mb <= 0:
        parser.error("--paths must be >= 2, --chunk >= 1 and --budget-mb > 0")
    m = load_model(args.model)
    start = time.perf_counter()
    mean, sd, quantiles, passes, store, per_pass = run(m, args.paths, args.seed, args.chunk, args.budget_mb)
    seconds = time.perf_counter() - start
    medians = chosen_medians(m, args.paths, args.seed, args.chunk, args.budget_mb, quantiles, store, per_pass)
    if args.rows:
        Path(args.rows).write_text(json.dumps(rows_of(m, mean, sd, quantiles)) + "\n")
    summary = {
        "implementation": "numpy",
        "paths": args.paths,
        "seed": args.seed,
        "chunk": args.chunk,
        "passes": passes,
        "seconds": seconds,
        "maxRssBytes": max_rss_bytes(),
        "kernels": kernels(),
        "medians": medians,
    }
    sys.stdout.write(json.dumps(summary) + "\n")


def max_rss_bytes():
    """Peak resident memory of this process (Linux reports ru_maxrss in KiB)."""
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


if __name__ == "__main__":
    main(sys.argv[1:])
