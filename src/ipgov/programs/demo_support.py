"""Deterministic building blocks for the programs and finance demo steps (seeded, no clock, no I/O)."""

from __future__ import annotations

import random
from decimal import Decimal

from ipgov.core.credit_code import ALPHABET, check_character
from ipgov.regions.models import Region

WORDS = ["华", "中", "豫", "宇", "通", "瑞", "新", "恒", "信", "达", "博", "远", "金", "昌", "泰", "安", "兴",
         "科", "盛", "源", "正", "嘉", "天", "鼎", "汇", "德", "明", "海", "光", "晟"]
TRADES = ["智能装备", "新材料", "电子科技", "生物医药", "食品", "机械制造", "化工", "农业科技", "汽车零部件",
          "信息技术", "超硬材料", "电力设备", "纺织", "环保科技", "起重机械"]


def rng_for(seed: int, salt: str) -> random.Random:
    return random.Random(f"{seed}:{salt}")


def credit_code(rng: random.Random, region_code: str) -> str:
    """A well-formed unified social credit code for an enterprise (91) registered in `region_code`."""
    body = "91" + region_code + "".join(rng.choice(ALPHABET) for _ in range(9))
    return body + check_character(body)


def enterprise_name(rng: random.Random, region: Region, taken: set[str]) -> str:
    short = region.name.removesuffix("市").removesuffix("县").removesuffix("区")
    while True:
        name = f"{short}{rng.choice(WORDS)}{rng.choice(WORDS)}{rng.choice(TRADES)}有限公司"
        if name not in taken:
            taken.add(name)
            return name


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
    from ipgov.programs.choices import OrganizationKind, RightKind
    from ipgov.programs.services.organizations import get_or_create_organization
    from ipgov.rights.models import Applicant, Trademark

    kind = OrganizationKind.ENTERPRISE
    if ref.kind == RightKind.PATENT:
        first = Applicant.objects.filter(patent__application_number=ref.number).order_by("position").first()
        name = first.name if first is not None else ""
        if first is not None and first.applicant_type in ("university", "research_institute"):
            kind = first.applicant_type
    else:
        name = Trademark.objects.filter(number=ref.number).values_list("owner_name", flat=True).first() or ""
    return get_or_create_organization(name or f"权利人({ref.number})", kind, ref.owner_region)[0]
