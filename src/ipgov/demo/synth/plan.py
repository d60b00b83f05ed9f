"""The volume plan: whole numbers of filings, grants and terminations per half-year and type.

Calibrated half-years take their totals from `calibration.derive_targets()`; the others take ipgov's
own plausible Henan volumes (synthetic, documented in docs/demo-data.md). All counts are whole and
their sums over a calibrated window equal the target exactly; `scale` multiplies the plausible
volumes and the targets alike (a scaled register is not calibrated).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from ipgov.demo.synth.calibration import Half, Targets, derive_targets, halves

INVENTION, UTILITY, DESIGN = "invention", "utility", "design"
TYPES = (INVENTION, UTILITY, DESIGN)
SNAPSHOT = dt.date(2020, 6, 30)  # the register is a snapshot taken at the end of 2020H1
FIRST, LAST = Half(2014, 1), Half(2020, 1)  # filings of every type; older only for invention grants
GRANTS_FROM = Half(2015, 1)

# Plausible yearly Henan filings by type (synthetic; calibrated windows override them).
FILINGS = {
    2014: (19_500, 32_000, 10_900), 2015: (24_000, 38_000, 12_400), 2016: (24_000, 52_500, 18_200),
    2017: (32_000, 62_000, 25_243), 2018: (37_000, 88_000, 29_381), 2019: (33_000, 86_000, 25_010),
    2020: (14_500, 51_500, 14_868),
}
GRANTS = {  # all types, half-years without a target
    "2015H1": 20_500, "2015H2": 26_500, "2016H2": 27_000, "2017H2": 30_500, "2018H1": 37_500, "2018H2": 45_000,
}
# Invention terminations (lapse for non-payment, invalidation) per half-year, and invention grants for
# the half-years before the first stock checkpoint; the grants between checkpoints follow from the stocks.
INVENTION_TERMINATIONS = [550, 600, 650, 700, 750, 800, 850, 900, 950, 1_000, 1_050]  # 2015H1 … 2020H1
INVENTION_GRANTS_EARLY = [2_700, 2_900, 3_100, 3_300, 3_500]  # 2015H1 … 2017H1
INVENTION_GRANT_WEIGHTS = [0.24, 0.25, 0.26, 0.25]  # 2017H2 … 2019H1 share of their interval's total
H1_SHARE = 0.44  # filings of a year made in its first half when no target says otherwise
DESIGN_SHARE_OF_NON_INVENTION_GRANTS = 0.21
PCT = {2015: 96, 2016: 122, 2017: 158, 2018: 189, 2019: 217, 2020: 118}  # 2020 = H1


def split(total: int, weights: list[float]) -> list[int]:
    """Whole parts of `total` proportional to `weights`, summing exactly to `total` (largest remainder)."""
    s = sum(weights)
    raw = [total * w / s for w in weights]
    parts = [int(r) for r in raw]
    order = sorted(range(len(raw)), key=lambda i: (parts[i] - raw[i], i))
    for i in order[: total - sum(parts)]:
        parts[i] += 1
    return parts


@dataclass
class PatentPlan:
    targets: Targets
    scale: float = 1.0
    filings: dict[Half, dict[str, int]] = field(default_factory=dict)
    grants: dict[Half, dict[str, int]] = field(default_factory=dict)
    invention_terminations: dict[Half, int] = field(default_factory=dict)
    initial_invention_stock: int = 0  # in force at 2014-12-31 (granted 2010H2–2014H2)
    pct: dict[int, int] = field(default_factory=dict)

    def s(self, n: float) -> int:
        return round(n * self.scale)


def patent_plan(scale: float = 1.0, targets: Targets | None = None) -> PatentPlan:
    t = targets or derive_targets()
    plan = PatentPlan(t, scale)
    s = plan.s
    # filings
    for h in halves(FIRST, LAST):
        base = FILINGS[h.year]
        year_total = sum(base)
        if h.year == 2020:
            share = [b for b in base]
            total = t.applications.get(str(h), year_total)
        else:
            share = [b * (H1_SHARE if h.half == 1 else 1 - H1_SHARE) for b in base]
            total = t.applications.get(str(h))
            if total is None and h.half == 2 and str(h.prev()) in t.applications:
                total = t.applications.get(str(h.year), year_total) - t.applications[str(h.prev())]
            if total is None:
                total = t.applications.get(str(h.year), year_total) * (H1_SHARE if h.half == 1 else 1 - H1_SHARE)
        total = s(total)
        inv = t.invention_applications.get(str(h))
        if inv is None and h.half == 2 and str(h.prev()) in t.invention_applications:
            inv = base[0] - t.invention_applications[str(h.prev())]
        if inv is not None:
            inv = s(inv)
            rest = split(total - inv, share[1:])
            plan.filings[h] = {INVENTION: inv, UTILITY: rest[0], DESIGN: rest[1]}
        else:
            parts = split(total, share)
            plan.filings[h] = dict(zip(TYPES, parts, strict=True))
    # invention grants and terminations, from the stock checkpoints
    grant_halves = halves(GRANTS_FROM, LAST)
    terms = dict(zip(grant_halves, (s(x) for x in INVENTION_TERMINATIONS), strict=True))
    inv_grants = dict(zip(grant_halves[:5], (s(x) for x in INVENTION_GRANTS_EARLY), strict=True))
    stock = {d: s(v) for d, v in t.valid_inventions.items()}
    june17, june19, dec19, june20 = (stock[dt.date(2017, 6, 30)], stock[dt.date(2019, 6, 30)],
                                     stock[dt.date(2019, 12, 31)], stock[dt.date(2020, 6, 30)])
    middle = grant_halves[5:9]
    total_middle = june19 - june17 + sum(terms[h] for h in middle)
    inv_grants.update(zip(middle, split(total_middle, INVENTION_GRANT_WEIGHTS), strict=True))
    inv_grants[Half(2019, 2)] = dec19 - june19 + terms[Half(2019, 2)]
    inv_grants[Half(2020, 1)] = june20 - dec19 + terms[Half(2020, 1)]
    plan.initial_invention_stock = june17 - sum(inv_grants[h] for h in grant_halves[:5]) + sum(
        terms[h] for h in grant_halves[:5])
    plan.invention_terminations = terms
    # all-type grants
    for h in grant_halves:
        key = str(h)
        if key in t.grants:
            total = t.grants[key]
        elif h.half == 2 and str(h.year) in t.grants:
            total = t.grants[str(h.year)] - t.grants[str(h.prev())]
        else:
            total = GRANTS[key]
        total = s(total)
        rest = total - inv_grants[h]
        design = round(rest * DESIGN_SHARE_OF_NON_INVENTION_GRANTS)
        plan.grants[h] = {INVENTION: inv_grants[h], UTILITY: rest - design, DESIGN: design}
    plan.pct = {y: s(n) for y, n in PCT.items()}
    for h, counts in (*plan.filings.items(), *plan.grants.items()):
        if min(counts.values()) < 0:
            raise ValueError(f"plan has a negative count in {h}: {counts}")
    if min(terms.values()) < 0 or plan.initial_invention_stock < 0:
        raise ValueError("plan has negative invention terminations or initial stock")
    return plan
