"""Address → region resolver: throughput on distinct addresses, cache cold, against cpca over the
same list, and accuracy on a labelled set of real-world addresses.

    python bench/bench_resolver.py [--distinct 20000] [--repeat 3] [--quick]

The workload is N *distinct* addresses built from the divisions of every province (so the memo of
`resolve` cannot help: each address is new), resolved with the memo cleared before each run. The
baseline is cpca (`pip install -e '.[bench]'`) given the same list in one call, its normal use.
Accuracy: bench/data/resolver_addresses.csv (address, expected code — empty when the right answer is
"unresolved" —, the year of the address, the weak spot it exercises, its source); cpca is scored on
the same rows by its adcode. Goals: ≥ 50,000 addresses/s cache cold, accuracy ≥ 97%.
"""

from __future__ import annotations

import argparse
import csv
import datetime
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import setup_django  # noqa: E402

STREETS = ["莲花街", "花园路", "建设西路", "文化路", "大学路", "科学大道", "中原路", "人民路", "解放路", "长江路"]
FORMS = ["{pc} 河南省{city}{county}{street}{n}号", "{city}{county}{street}{n}号", "河南省{city}{street}{n}号",
         "{pc}{city}{county}{street}{n}号{n}室"]


def build_pool(distinct: int, seed: int = 7) -> list[str]:
    """`distinct` different addresses over every county and zone of the country."""
    from ipgov.regions.models import Region

    rng = random.Random(seed)
    counties = list(Region.objects.active().filter(level__in=["county", "zone"]).select_related("city", "province"))
    pool: set[str] = set()
    while len(pool) < distinct:
        county = rng.choice(counties)
        city = county.city.name if county.city_id and county.city_id != county.code else ""
        province = county.province.name if county.province_id else ""
        county_name = county.name
        if county.level == "zone" and city and county_name.startswith(city[:-1]):
            county_name = county_name[len(city) - 1:]
        form = rng.choice(FORMS).replace("河南省", "{province}")
        pool.add(form.format(pc=rng.randint(100000, 999999), province=province, city=city, county=county_name,
                             street=rng.choice(STREETS), n=rng.randint(1, 999)))
    return sorted(pool)


def medians(fn, repeat: int) -> tuple[float, float]:
    """Median wall-clock and CPU seconds of `repeat` runs: on a shared machine the CPU time of this process is
    the steadier figure (the wall clock also counts the time other processes had the cores)."""
    wall, cpu = [], []
    for _ in range(repeat):
        w, c = time.perf_counter(), time.process_time()
        fn()
        wall.append(time.perf_counter() - w)
        cpu.append(time.process_time() - c)
    return statistics.median(wall), statistics.median(cpu)


LABELLED = Path(__file__).resolve().parent / "data" / "resolver_addresses.csv"


def labelled(path: Path = LABELLED) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def accuracy_ipgov(rows: list[dict]) -> tuple[int, list[str]]:
    from ipgov.regions import resolver

    right, wrong = 0, []
    for row in rows:
        got = resolver.resolve(row["address"], datetime.date(int(row["as_of"]), 6, 30))
        if (got.code or "") == row["code"]:
            right += 1
        else:
            wrong.append(f"  {row['address']} ({row['as_of']}): expected {row['code'] or 'unresolved'}, "
                         f"got {got.code or 'unresolved: ' + got.reason}")
    return right, wrong


def accuracy_cpca(cpca, rows: list[dict]) -> int:
    frame = cpca.transform([r["address"] for r in rows])
    return sum(str(code or "") == r["code"] for code, r in zip(frame["adcode"], rows, strict=True))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--distinct", type=int, default=20_000, help="distinct addresses (cache cold)")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--quick", action="store_true", help="2,000 addresses, for CI")
    args = parser.parse_args()
    if args.quick:
        args.distinct = min(args.distinct, 2_000)

    setup_django(tempfile.mkdtemp(prefix="ipgov-bench-"))
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from ipgov.regions import loader, resolver

    loader.load_divisions()
    resolver.invalidate()
    pool = build_pool(args.distinct)
    resolver.get_index()

    def ipgov_cold():
        resolver._resolve_cached.cache_clear()
        for a in pool:
            resolver.resolve(a)

    resolved = sum(resolver.resolve(a).resolved for a in pool)
    t_cold, c_cold = medians(ipgov_cold, args.repeat)
    rate = len(pool) / t_cold
    print(f"workload: {len(pool):,} distinct addresses, {resolved:,} resolved; medians of {args.repeat}")
    print(f"ipgov resolve, cache cold        : {rate:>10,.0f} addresses/s   (CPU time: {len(pool) / c_cold:,.0f}/s)")

    try:
        import cpca
    except ImportError:
        cpca = None
    if cpca is not None:
        cpca.transform(pool[:1])  # load its tables outside the timing
        t_base, c_base = medians(lambda: cpca.transform(pool), args.repeat)
        print(f"baseline cpca.transform(list)    : {len(pool) / t_base:>10,.0f} addresses/s   (CPU time: "
              f"{len(pool) / c_base:,.0f}/s)   ratio ipgov / cpca: {t_base / t_cold:.1f}x (CPU {c_base / c_cold:.1f}x)")
    else:
        print("baseline cpca not installed: pip install -e '.[bench]'")
    print(f"goal ≥ 50,000 addresses/s: {'met' if rate >= 50_000 else 'MISSED'}")

    rows = labelled()
    right, wrong = accuracy_ipgov(rows)
    print(f"accuracy on {len(rows)} labelled addresses (bench/data/resolver_addresses.csv): "
          f"ipgov {right / len(rows):.1%}", end="")
    print(f", cpca {accuracy_cpca(cpca, rows) / len(rows):.1%}" if cpca is not None else "")
    print(f"goal ≥ 97%: {'met' if right / len(rows) >= 0.97 else 'MISSED'}")
    for line in wrong:
        print(line)


if __name__ == "__main__":
    main()
