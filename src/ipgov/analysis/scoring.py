"""Scoring methods of evaluation schemes: pure functions over the raw values of one indicator across the
population (no records read). Each returns a score in 0–100 per unit, or None for a unit without a value.

- efficacy coefficient (功效系数法): 60 + 40 × (x − min) / (max − min) — the worst scores 60, the best 100;
- min-max (极差标准化): 100 × (x − min) / (max − min);
- rank-based (排序计分): 100 × (n − r) / (n − 1), r the rank (1 = best; equal values share the best rank);
- thresholds (阈值计分): the score of the highest threshold reached (0 below the lowest).

For an indicator where lower is better (`direction = "lower"`) the roles of min and max are swapped.
When every unit has the same value, every unit gets the full 100 (nobody is behind anybody)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from ipgov.analysis.choices import ScoringMethod

EFFICACY_FLOOR, EFFICACY_SPAN = 60.0, 40.0


def _spread(values: Mapping[str, float | None], lower_is_better: bool):
    present = [v for v in values.values() if v is not None]
    if not present:
        return None, None
    low, high = min(present), max(present)
    return (high, low) if lower_is_better else (low, high)


def _scaled(x: float, worst: float, best: float) -> float:
    """Where x sits between the worst and the best value, 0..1 (1 when all are equal)."""
    if best == worst:
        return 1.0
    return (x - worst) / (best - worst)


def ranks(values: Mapping[str, float | None], lower_is_better: bool = False) -> dict[str, int | None]:
    """Competition ranks (1, 2, 2, 4): equal values share the best rank; units without a value get None."""
    present = sorted((v for v in values.values() if v is not None), reverse=not lower_is_better)
    first = {}
    for i, v in enumerate(present, 1):
        first.setdefault(v, i)
    return {k: (None if v is None else first[v]) for k, v in values.items()}


def normalise(method: str, values: Mapping[str, float | None], *, direction: str = "higher",
              thresholds: Sequence[Sequence[float]] = ()) -> dict[str, float | None]:
    lower = direction == "lower"
    if method == ScoringMethod.THRESHOLD:
        steps = sorted(((float(t), float(s)) for t, s in thresholds), reverse=not lower)
        out = {}
        for key, x in values.items():
            if x is None:
                out[key] = None
                continue
            reached = [s for t, s in steps if (x <= t if lower else x >= t)]
            out[key] = max(reached) if reached else 0.0
        return out
    if method == ScoringMethod.RANK:
        r = ranks(values, lower)
        n = sum(1 for v in values.values() if v is not None)
        return {k: (None if rank is None else (100.0 if n == 1 else 100.0 * (n - rank) / (n - 1)))
                for k, rank in r.items()}
    worst, best = _spread(values, lower)
    if method == ScoringMethod.EFFICACY:
        return {k: None if x is None else EFFICACY_FLOOR + EFFICACY_SPAN * _scaled(x, worst, best)
                for k, x in values.items()}
    if method == ScoringMethod.MINMAX:
        return {k: None if x is None else 100.0 * _scaled(x, worst, best) for k, x in values.items()}
    raise ValueError(f"unknown scoring method {method!r}")
