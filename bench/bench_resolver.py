"""Address → region resolver throughput against a naive baseline (cpca called per address).

    python bench/bench_resolver.py [--addresses 20000] [--distinct 2000] [--repeat 5]

Real registers repeat the same applicant addresses (one university, thousands of patents), so the
workload draws N addresses from a pool of D distinct ones built from real Henan place names.
Prints the median rate of each and the ratio, measured in this run. Goal: ≥ 50,000 addresses/s.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import median_seconds, setup_django  # noqa: E402

STREETS = ["莲花街", "花园路", "建设西路", "文化路", "大学路", "科学大道", "中原路", "人民路", "解放路", "长江路"]
FORMS = ["{pc} 河南省{city}{county}{street}{n}号", "{city}{county}{street}{n}号", "河南省{city}{street}{n}号",
         "{pc}{city}{county}{street}{n}号{n}室"]


def build_pool(distinct: int, seed: int = 7) -> list[str]:
    from ipgov.regions.models import Region

    rng = random.Random(seed)
    counties = list(Region.objects.active().filter(province_id="410000", level__in=["county", "zone"])
                    .select_related("city"))
    pool = []
    for _ in range(distinct):
        county = rng.choice(counties)
        city = county.city.name if county.city_id != county.code else ""
        county_name = county.name
        if county.level == "zone" and city and county_name.startswith(city[:-1]):
            county_name = county_name[len(city) - 1:]
        pool.append(rng.choice(FORMS).format(pc=rng.choice(["450001", "471000", "453000"]), city=city,
                                             county=county_name, street=rng.choice(STREETS),
                                             n=rng.randint(1, 300)))
    return pool


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--addresses", type=int, default=20_000)
    parser.add_argument("--distinct", type=int, default=2_000)
    parser.add_argument("--baseline-sample", type=int, default=1_000,
                        help="addresses given to the slow baseline (its rate is per address)")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    setup_django(tempfile.mkdtemp(prefix="ipgov-bench-"))
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from ipgov.regions import loader, resolver

    loader.load_divisions()
    resolver.invalidate()
    pool = build_pool(args.distinct)
    rng = random.Random(11)
    workload = [rng.choice(pool) for _ in range(args.addresses)]
    resolver.get_index()

    def ipgov_cold():
        resolver._resolve_cached.cache_clear()
        for a in workload:
            resolver.resolve(a)

    def ipgov_warm():
        for a in workload:
            resolver.resolve(a)

    resolved = sum(resolver.resolve(a).resolved for a in pool)
    t_cold = median_seconds(ipgov_cold, args.repeat)
    ipgov_warm()
    t_warm = median_seconds(ipgov_warm, args.repeat)

    try:
        import cpca
    except ImportError:
        cpca = None
    sample = workload[: args.baseline_sample]
    if cpca is not None:
        cpca.transform(sample[:1])  # load its tables outside the timing
        t_base = median_seconds(lambda: [cpca.transform([a]) for a in sample], max(1, args.repeat // 2))
        base_rate = len(sample) / t_base
    else:
        base_rate = None

    index = resolver.get_index()
    t_raw = median_seconds(lambda: [resolver._resolve(index, resolver.normalize(a), 2026) for a in pool],
                           args.repeat)
    raw_rate = len(pool) / t_raw
    cold_rate, warm_rate = len(workload) / t_cold, len(workload) / t_warm
    print(f"workload: {len(workload):,} addresses from {len(pool):,} distinct; "
          f"{resolved}/{len(pool)} distinct resolved")
    print(f"ipgov resolve, memoized (typical register): {warm_rate:>12,.0f} addresses/s (median of {args.repeat})")
    print(f"ipgov resolve, cache cleared each run      : {cold_rate:>12,.0f} addresses/s")
    print(f"ipgov resolve, no memo (every address new) : {raw_rate:>12,.0f} addresses/s")
    if base_rate:
        print(f"baseline cpca.transform per address      : {base_rate:>12,.0f} addresses/s")
        print(f"ratio memoized / baseline: {warm_rate / base_rate:,.0f}x;  no memo / baseline: {raw_rate / base_rate:,.1f}x")
    else:
        print("baseline cpca not installed: pip install -e '.[bench]'")
    print(f"goal ≥ 50,000 addresses/s: {'met' if warm_rate >= 50_000 else 'MISSED'}")


if __name__ == "__main__":
    main()
