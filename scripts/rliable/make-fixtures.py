"""Writes evaluator/metrics/rliable-fixtures.json: score matrices and what rliable itself computes on them.

The TypeScript statistics in evaluator/metrics/ are checked against this file (rliable-agreement.test.ts), so the
test needs no Python. Point estimates are rliable's exact outputs. Bootstrap intervals depend on the random draws,
so each is computed with SEEDS different numpy seeds and stored as the mean and standard deviation of each endpoint
over those seeds: the test compares the TypeScript intervals' mean over its own seeds with them.

Run in a throwaway virtualenv (not the project's):
  python3 -m venv /tmp/rliable-venv && /tmp/rliable-venv/bin/pip install rliable==1.2.0
  /tmp/rliable-venv/bin/python scripts/rliable/make-fixtures.py
"""

import json
import pathlib
from importlib.metadata import version

import numpy as np
from rliable import library, metrics

REPS = 2000
SEEDS = 20
OUT = pathlib.Path(__file__).resolve().parents[2] / "evaluator" / "metrics" / "rliable-fixtures.json"

AGGREGATES = {
    "mean": metrics.aggregate_mean,
    "median": metrics.aggregate_median,
    "iqm": metrics.aggregate_iqm,
    "optimalityGap": metrics.aggregate_optimality_gap,
}


def matrices():
    """Runs × tasks matrices: Atari-sized human-normalized scores, an odd pooled count, ties, a single task."""
    g = np.random.default_rng(20260101)
    atari_x = np.round(g.gamma(0.8, 0.5, size=(5, 26)) - 0.05, 6)
    atari_y = np.round(g.gamma(0.6, 0.45, size=(3, 26)) - 0.05, 6)
    odd = np.round(g.normal(0.4, 0.6, size=(7, 3)), 6)  # 21 pooled: trim_mean cuts int(5.25) = 5 each side
    ties = np.array([[0, 1, 1, 2], [1, 1, 0, 2], [0, 2, 1, 2]], dtype=float)
    ties_y = np.array([[1, 1, 0, 2], [0, 1, 1, 1]], dtype=float)
    one_task = np.round(g.uniform(-1, 3, size=(10, 1)), 6)
    return {"atari_x": atari_x, "atari_y": atari_y, "odd": odd, "ties": ties, "ties_y": ties_y, "one_task": one_task}


def spread(per_seed):
    """Mean and standard deviation (ddof 1) over seeds of each interval endpoint: arrays of shape [seeds, 2, k]."""
    stacked = np.array(per_seed)
    return {
        "low": {"mean": stacked[:, 0].mean(axis=0).tolist(), "sd": stacked[:, 0].std(axis=0, ddof=1).tolist()},
        "high": {"mean": stacked[:, 1].mean(axis=0).tolist(), "sd": stacked[:, 1].std(axis=0, ddof=1).tolist()},
    }


def intervals(score_dict, func):
    """rliable's point estimate and its percentile intervals over SEEDS seeds (rliable draws from numpy's global RNG)."""
    per_seed, point = [], None
    for seed in range(SEEDS):
        np.random.seed(seed)
        points, cis = library.get_interval_estimates(score_dict, func, reps=REPS)
        point = np.atleast_1d(points["x"]).tolist()
        per_seed.append(np.asarray(cis["x"]).reshape(2, -1))
    return point, spread(per_seed)


def main():
    ms = matrices()
    out = {
        "generator": "scripts/rliable/make-fixtures.py",
        "versions": {p: version(p) for p in ("rliable", "numpy", "scipy", "arch")},
        "reps": REPS,
        "seeds": SEEDS,
        "aggregates": [],
        "improvement": [],
        "profiles": [],
    }
    for name in ("atari_x", "atari_y", "odd", "ties", "one_task"):
        scores = ms[name]
        entry = {"name": name, "scores": scores.tolist(), "point": {}, "interval": {}}
        for stat, func in AGGREGATES.items():
            point, interval = intervals({"x": scores}, lambda s, f=func: np.array([f(s)]))
            entry["point"][stat] = point[0]
            entry["interval"][stat] = interval
        out["aggregates"].append(entry)
    for x, y in (("atari_x", "atari_y"), ("ties", "ties_y")):
        point, interval = intervals({"x": (ms[x], ms[y])}, lambda a, b: np.array([metrics.probability_of_improvement(a, b)]))
        out["improvement"].append({"x": ms[x].tolist(), "y": ms[y].tolist(), "point": point[0], "interval": interval})
    for name, taus in (("atari_x", np.linspace(0.0, 2.0, 9)), ("ties", np.array([-1.0, 0.0, 0.5, 1.0, 2.0]))):
        per_seed, values = [], None
        for seed in range(SEEDS):
            np.random.seed(seed)
            profiles, cis = library.create_performance_profile({"x": ms[name]}, taus, reps=REPS)
            values = profiles["x"].tolist()
            per_seed.append(np.asarray(cis["x"]))
        out["profiles"].append({"scores": ms[name].tolist(), "taus": taus.tolist(), "values": values, "interval": spread(per_seed)})
    OUT.write_text(json.dumps(out, indent=1) + "\n")
    print(f"wrote {OUT} (rliable {out['versions']['rliable']}, {REPS} reps × {SEEDS} seeds)")


if __name__ == "__main__":
    main()
