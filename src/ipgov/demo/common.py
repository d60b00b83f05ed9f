"""Building blocks shared by the programmes and finance demo data (seeded, no clock). Names and credit codes
come from the one synthetic generator, `ipgov.demo.synth.applicants`."""

from __future__ import annotations

import random
from decimal import Decimal

from ipgov.regions.models import Region


def rng_for(seed: int, salt: str) -> random.Random:
    return random.Random(f"{seed}:{salt}")


def henan_counties(active_only: bool = True) -> list[Region]:
    qs = Region.objects.within("410000").filter(level="county")
    return list((qs.filter(is_active=True) if active_only else qs).order_by("code"))


def split_total(rng: random.Random, total: Decimal, parts: int, minimum: Decimal, step: Decimal) -> list[Decimal]:
    """`parts` amounts, each ≥ `minimum` and a multiple of `step`, summing exactly to `total`."""
    units, floor = int(total / step), int(minimum / step)
    if units * step != total or units < parts * floor:
        raise ValueError(f"cannot split {total} into {parts} parts of at least {minimum} in steps of {step}")
    weights = [rng.lognormvariate(0, 0.9) for _ in range(parts)]
    spare = units - parts * floor
    shares = [int(spare * w / sum(weights)) for w in weights]
    for i in range(spare - sum(shares)):  # rounding remainder, one unit each to the first parts
        shares[i % parts] += 1
    return [(floor + s) * step for s in shares]


def right_holder(ref):
    """The organization holding a register right (first applicant / owner), created on first use."""
    from ipgov.programs.choices import OrganizationKind
    from ipgov.programs.services.organizations import get_or_create_organization
    from ipgov.rights.choices import RightType
    from ipgov.rights.models import Applicant, Trademark

    kind = OrganizationKind.ENTERPRISE
    if ref.kind == RightType.PATENT:
        first = Applicant.objects.filter(patent__application_number=ref.number).order_by("position").first()
        name = first.name if first is not None else ""
        if first is not None and first.applicant_type in ("university", "research_institute"):
            kind = first.applicant_type
    else:
        name = Trademark.objects.filter(number=ref.number).values_list("owner_name", flat=True).first() or ""
    return get_or_create_organization(name or f"权利人({ref.number})", kind, ref.owner_region)[0]
