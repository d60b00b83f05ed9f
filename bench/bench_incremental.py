"""The monthly cycle: after a month's delta import (new filings and corrections of old records), the
incremental compute against a full compute (`--force`) of the same register, in the same run.

    python bench/bench_incremental.py --home DEMO_HOME [--delta 15000] [--repeat 3] [--in-place]
    python bench/bench_incremental.py --quick      (IPGOV_HOME: a small demo, e.g. ipgov demo --scale 0.01)

DEMO_HOME is a home `ipgov demo` built (the 750k-patent register at scale 1); it is copied to a temporary
folder first unless --in-place (then that home's register grows by the deltas). Each delta is a CNIPA-style
CSV export for June 2020 written from the demo's own files: two thirds new filings of June 2020 (rows of
patents_2020.csv under new application numbers), one third corrections (patents granted in 2015–2018 that
lapse in June 2020), imported through `ipgov import`'s importer as one batch. Each repetition imports one
delta and times a full compute, then imports another and times the incremental compute (then the other
way round), so both read a register that has just changed by the same amount. A last full compute checks
that the incremental runs left the very cells a full compute gives. Goal: incremental ≤ 0.1 × full.
"""

from __future__ import annotations

import argparse
import csv
import io
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import setup_django  # noqa: E402

WINDOW = ("2015-01", "2020-06")
GOAL = 0.1


def _rows(path: Path) -> tuple[list[str], list[list[str]]]:
    with path.open(encoding="utf-8-sig", newline="") as f:
        reader = csv.reader(f)
        header = next(reader)
        return header, list(reader)


class Deltas:
    """Successive June-2020 deltas from the demo register's own export files."""

    def __init__(self, register: Path, size: int, out: Path):
        self.header, self.recent = _rows(register / "patents_2020.csv")
        self.granted = []
        for year in (2015, 2017, 2018):  # 2016's file is GBK: left out
            header, rows = _rows(register / f"patents_{year}.csv")
            status = header.index("法律状态")
            self.granted += [r for r in rows if r[status] == "有权-审定授权"]
        self.size, self.out, self.made = size, out, 0
        out.mkdir(parents=True, exist_ok=True)

    def next(self) -> Path:
        from ipgov.rights.numbers import make_application_number, parse_application_number

        col = {name: i for i, name in enumerate(self.header)}
        k, n_new = self.made, self.size * 2 // 3
        n_fix = self.size - n_new
        rows = []
        for i in range(n_new):
            row = list(self.recent[(k * n_new + i) % len(self.recent)])
            number = parse_application_number(row[col["申请号"]])
            serial = 9_000_000 + k * n_new + i
            row[col["申请号"]] = "CN" + make_application_number(2020, number.canonical[4], serial)
            row[col["申请日"]] = f"202006{min(int(row[col['申请日']][6:8] or 1), 30):02d}"
            row[col["专利类型"]] = row[col["专利类型"]].replace("发明授权", "发明公开")
            for name in ("公开号", "授权公告号", "国际申请号", "国际申请日", "国际公开号", "进入国家日期", "优先权",
                         "优先权日", "无效宣告日期"):
                row[col[name]] = ""
            for name in ("公开日", "授权公告日", "失效日期"):
                row[col[name]] = "0"
            row[col["优先权数量"]] = "0"
            row[col["法律状态"]] = "审中-公开前"
            rows.append(row)
        for i in range(n_fix):
            row = list(self.granted[(k * n_fix + i) % len(self.granted)])
            row[col["法律状态"]], row[col["失效日期"]] = "无权-未缴年费", "20200615"
            rows.append(row)
        for i, row in enumerate(rows, 1):
            row[col["序号"]] = str(i)
        buf = io.StringIO(newline="")
        writer = csv.writer(buf, lineterminator="\r\n")
        writer.writerow(self.header)
        writer.writerows(rows)
        path = self.out / f"patents_2020-06_delta{k + 1}.csv"
        path.write_bytes(buf.getvalue().encode("utf-8-sig"))
        self.made += 1
        return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--home", default=os.environ.get("IPGOV_HOME"), help="a demo home (default: IPGOV_HOME)")
    parser.add_argument("--delta", type=int, default=15_000, help="records per monthly delta")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--in-place", action="store_true", help="use the home itself, not a copy")
    parser.add_argument("--quick", action="store_true", help="a smoke run: deltas of 300 records, one pair, no warm-up compute nor cells check")
    parser.add_argument("--no-check", action="store_true", help="skip the last full compute (the cells check)")
    args = parser.parse_args()
    if args.quick:  # (the cells check is the suite's: tests/indicators/test_incremental.py)
        args.delta, args.repeat, args.no_check = 300, 1, True
    if not args.home or not Path(args.home, "demo").is_dir():
        parser.error("--home (or IPGOV_HOME) must be a home `ipgov demo` built")
    home = Path(args.home)
    if not args.in_place:
        copy = Path(tempfile.mkdtemp(prefix="ipgov-bench-incremental-")) / "home"
        subprocess.run(["cp", "-a", str(home), str(copy)], check=True)
        home = copy
    os.environ["IPGOV_HOME"] = str(home)
    setup_django(str(home))
    from django.utils import translation

    from ipgov.core.actor import Actor, acting_as
    from ipgov.indicators import compute
    from ipgov.rights.importers import import_file

    translation.activate("en")
    register = sorted(p for p in (home / "demo").glob("register*") if (p / "patents_2020.csv").exists())[0]
    deltas = Deltas(register, args.delta, home / "demo" / "monthly-bench")
    times: dict[str, list[float]] = {"full": [], "incremental": []}
    with acting_as(Actor.system("bench:incremental")):
        if not args.quick:  # (a smoke run starts from the demo's own last compute)
            t = time.perf_counter()
            compute.compute("duckdb", *WINDOW, force=True)  # the state a monthly cycle starts from
            print(f"warm-up full compute: {time.perf_counter() - t:.1f} s")
        for r in range(args.repeat):
            for mode in (("full", "incremental") if r % 2 == 0 else ("incremental", "full")):
                path = deltas.next()
                t = time.perf_counter()
                report = import_file(path)
                imported = time.perf_counter() - t
                t = time.perf_counter()
                run = compute.compute("duckdb", *WINDOW, force=(mode == "full"))
                elapsed = time.perf_counter() - t
                if mode == "incremental" and not getattr(run, "incremental", False):
                    sys.exit(f"the compute after {path.name} was not incremental: {run.message}")
                times[mode].append(elapsed)
                print(f"{path.name}: {report.rows_total:,} rows ({report.created:,} new, {report.updated:,} "
                      f"updated) imported in {imported:.1f} s; {mode} compute {elapsed:.2f} s — {run.message}")
        check = None if args.no_check else compute.compute("duckdb", *WINDOW, force=True)
    same = check is None or (check.observations_written == 0 and check.observations_deleted == 0)
    full, inc = statistics.median(times["full"]), statistics.median(times["incremental"])
    ratio = inc / full
    print(f"\nmonthly delta of {args.delta:,} records, window {WINDOW[0]}..{WINDOW[1]}, medians of {args.repeat}:")
    print(f"  full compute (baseline)   {full:8.2f} s")
    print(f"  incremental compute       {inc:8.2f} s   ratio {ratio:.3f} × (goal ≤ {GOAL})")
    if check is not None:
        print(f"  a full compute after the incremental runs rewrote {check.observations_written:,} cells "
              f"and deleted {check.observations_deleted:,}: {'same cells' if same else 'DIFFERENT CELLS'}")
    if not args.in_place:
        shutil.rmtree(home.parent, ignore_errors=True)
    if not same or (not args.quick and ratio > GOAL):
        sys.exit(1)


if __name__ == "__main__":
    main()
