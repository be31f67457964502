"""Reads sharecast's CSV files back with pandas, as an analyst would, and prints what pandas saw as JSON.

Usage: python3 pandas-readback.py SUMMARY.csv SAMPLES.csv
Prints {"summary": {...}, "samples": {...}}: the column dtypes pandas inferred and those of the typed read,
the summary rows as parsed, and per (period, segment, provider, metric) pandas' own mean, sample sd and
quantiles (linear interpolation, R type 7) of the samples. Used by tests/cli/pandas.test.ts.
"""
import json
import sys

import pandas as pd

summary_file, samples_file = sys.argv[1], sys.argv[2]

# Typed reads: labels as strings, the kind as a category, whole numbers as integers, quarter nullable; floats
# parsed round-trip exactly (pandas' default parser can be one unit in the last place off).
LABELS = {"period": "string", "periodKind": "category", "segment": "string", "provider": "string"}
EXACT = {"float_precision": "round_trip"}
summary = pd.read_csv(summary_file, dtype={**LABELS, "metric": "string", "year": "int32", "quarter": "Int8"}, **EXACT)
samples = pd.read_csv(samples_file, dtype={**LABELS, "path": "int32", "year": "int32", "quarter": "Int8"}, **EXACT)
inferred_summary = pd.read_csv(summary_file)
inferred_samples = pd.read_csv(samples_file)


def dtypes(frame):
    return {name: str(dtype) for name, dtype in frame.dtypes.items()}


def plain(value):
    return None if pd.isna(value) else value.item() if hasattr(value, "item") else value


quantile_columns = [c for c in summary.columns if c.startswith("p") and c[1:].replace(".", "", 1).isdigit()]
probabilities = [float(c[1:]) / 100 for c in quantile_columns]

groups = []
keys = ["period", "segment", "provider"]
for (period, segment, provider), frame in samples.groupby(keys, sort=False, observed=True):
    for metric in ("revenue", "share"):
        values = frame[metric]
        quantiles = values.quantile(probabilities, interpolation="linear")
        groups.append({
            "period": period, "segment": segment, "provider": provider, "metric": metric, "n": int(values.size),
            "mean": float(values.mean()), "sd": float(values.std(ddof=1)),
            **{name: float(q) for name, q in zip(quantile_columns, quantiles)},
        })

print(json.dumps({
    "pandas": pd.__version__,
    "summary": {
        "dtypes": dtypes(summary),
        "inferred": dtypes(inferred_summary),
        "rows": [{name: plain(value) for name, value in row.items()} for _, row in summary.iterrows()],
    },
    "samples": {
        "dtypes": dtypes(samples),
        "inferred": dtypes(inferred_samples),
        "rows": int(len(samples)),
        "quarterNullExactlyForYears": bool((samples["quarter"].isna() == (samples["periodKind"] == "year")).all()),
        "kinds": sorted(str(k) for k in samples["periodKind"].cat.categories),
        "groups": groups,
    },
}))
