"""Applicant harmonisation: pairwise precision and recall on the labelled set, against exact matching.

    python bench/bench_orgs.py [--quick] [--repeat 3]

The set (bench/data/orgs_pairs.csv, built by bench/orgs_pairs_build.py, labelling in
docs/organizations.md) holds pairs of applicant records labelled same / different organization.
Precision = true "same" / predicted "same"; recall = true "same" / labelled "same". Goal: P ≥ 0.99,
R ≥ 0.95. The baseline is exact string equality, run in this process on the same pairs; the rate is the
median of --repeat runs over all pairs (caches cleared each run). --quick uses every 4th pair.
"""

from __future__ import annotations

import argparse
import csv
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

from _common import setup_django  # noqa: E402

PAIRS = ROOT / "bench" / "data" / "orgs_pairs.csv"


def load(quick: bool):
    from ipgov.orgs.pairs import Party

    with open(PAIRS, encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    if quick:
        rows = rows[::4]
    return [(Party(r["a_name"], r["a_type"], r["a_address"], r["a_code"]),
             Party(r["b_name"], r["b_type"], r["b_address"], r["b_code"]), r["same"] == "1", r["origin"]) for r in rows]


def score(pairs, predict) -> tuple[float, float, Counter]:
    tp = fp = fn = 0
    misses = Counter()
    for a, b, same, origin in pairs:
        guess = predict(a, b)
        tp += guess and same
        fp += guess and not same
        fn += same and not guess
        if guess != same:
            misses[(origin, "false same" if guess else "missed")] += 1
    return (tp / (tp + fp) if tp + fp else 1.0), (tp / (tp + fn) if tp + fn else 1.0), misses


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    setup_django()
    from ipgov.orgs import names
    from ipgov.orgs.pairs import exact_match, same_party

    pairs = load(args.quick)
    print(f"{len(pairs)} labelled pairs ({sum(p[2] for p in pairs)} same) from {PAIRS.relative_to(ROOT)}")
    for label, predict in (("exact string match (baseline)", exact_match), ("harmonised (ipgov.orgs)", same_party)):
        p, r, misses = score(pairs, predict)
        timings = []
        for _ in range(max(args.repeat, 1)):
            names.harmonise.cache_clear()
            start = time.perf_counter()
            for a, b, _s, _o in pairs:
                predict(a, b)
            timings.append(time.perf_counter() - start)
        rate = len(pairs) / sorted(timings)[len(timings) // 2]
        print(f"{label:32s} precision {p:.4f}  recall {r:.4f}  ({rate:,.0f} pairs/s)")
        for (origin, what), n in sorted(misses.items()):
            print(f"    {n:4d} {what:10s} {origin}")
    p, r, _ = score(pairs, same_party)
    print(f"goal P ≥ 0.99, R ≥ 0.95: {'met' if p >= 0.99 and r >= 0.95 else 'NOT met'}")


if __name__ == "__main__":
    main()
