"""The national synthetic register (issue 21): 31 provinces, patents and trademarks 2008–2020, written by
`ipgov.demo.synth.national` month by month as Parquet (the snapshot layout of the duckdb/spark executors)
and as CNIPA-style monthly export CSV files (what `ipgov import` reads).

    python bench/bench_national.py --out DIR [--patents 1000000] [--trademarks 1000000] [--seed 2020]
    python bench/bench_national.py --quick          # 20,000 + 20,000, one run, for CI
    python bench/bench_national.py --out DIR --patents 40000000 --trademarks 40000000   # the national size

Prints the rates (records/s) of the Parquet and the CSV writers, the peak memory of a run at the asked
size and of one at a tenth of it (the generator streams: the peak follows the largest month, not the
register), and the time and disk the full national size (40M + 40M) would take, extrapolated linearly
from this run and labelled as such. Baseline, in the same process: pyarrow writing the same number of
rows of the same schema from memory (the Parquet floor) and csv.writer writing ready-made rows of the
same width (the CSV floor). Each size runs in its own subprocess so its peak memory is its own.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

NATIONAL = 40_000_000  # patents, and as many trademarks


def _du(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def worker(out: Path, patents: int, trademarks: int, seed: int, parts: list[str]) -> dict:
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from _common import setup_django

    setup_django()
    from ipgov.demo.synth import national

    national.divisions()  # the reference tables, read once (not the generator's per-record cost)
    national._ipc()
    res = {"patents": patents, "trademarks": trademarks}
    if "parquet" in parts:
        t = time.perf_counter()
        w = national.generate(out, patents, trademarks, seed, parquet=True, csv_files=False)
        national.write_regions(out / "snapshot")
        res["parquet_s"] = time.perf_counter() - t
        res["parquet_bytes"] = _du(out / "snapshot")
        res["rows"] = w.patents + w.trademarks
    if "csv" in parts:
        t = time.perf_counter()
        w = national.generate(out, patents, trademarks, seed, parquet=False, csv_files=True)
        res["csv_s"] = time.perf_counter() - t
        res["csv_bytes"] = _du(out / "exports")
        res["rows"] = w.patents + w.trademarks
    import resource

    res["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return res


def baselines(rows: int, tmp: Path, repeat: int) -> dict:
    """pyarrow writing `rows` rows of the patent schema from memory; csv.writer writing as many ready rows."""
    import numpy as np
    import pyarrow as pa
    import pyarrow.parquet as pq

    from ipgov.demo.synth import files, national

    rng = np.random.default_rng(0)
    schema = national.PATENT_SCHEMA()
    n = min(rows, 2_000_000)
    days = np.datetime64("2015-01-01") + rng.integers(0, 2000, n).astype("timedelta64[D]")
    table = pa.table({
        "region_id": pa.array(rng.integers(110101, 659999, n).astype(str), type=pa.string()),
        "batch_id": pa.array(np.full(n, 1), type=pa.int64()),
        "patent_type": pa.array(np.array(["invention", "utility", "design"])[rng.integers(0, 3, n)]),
        "filing_date": pa.array(days, type=pa.date32()), "grant_date": pa.array(days, type=pa.date32()),
        "pct_filing_date": pa.array(days, type=pa.date32()), "is_pct": pa.array(rng.random(n) < 0.01),
        "is_domestic": pa.array(rng.random(n) < 0.97),
        "applicant_type": pa.array(np.array(["enterprise", "individual"])[rng.integers(0, 2, n)]),
        "ipc_section": pa.array(np.array(list("ABCDEFGH"))[rng.integers(0, 8, n)]),
        "terminated_on": pa.array(days, type=pa.date32()),
    }, schema=schema)
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        pq.write_table(table, tmp / "baseline.parquet")
        times.append(time.perf_counter() - t)
    parquet_rate = n / statistics.median(times)
    row = ["1", "CN201910000483.8", "20190603", "发明公开", "一种过滤器的制备方法", "深圳华鑫电子科技有限公司",
           "企业", "广东省深圳市龙岗区枫杨街53号", "广东(44)", "秦佳", "CN157000483A", "20200921", "", "0",
           "B01D36/00", "B01D36/00", "", "审中-实质审查", "0", "", "", "", "0", "", "", "", ""]
    k = min(rows, 500_000)
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        with open(tmp / "baseline.csv", "w", encoding="utf-8-sig", newline="") as fh:
            w = csv.writer(fh, lineterminator="\r\n")
            w.writerow(files.PATENT_HEADERS)
            w.writerows(row for _ in range(k))
        times.append(time.perf_counter() - t)
    return {"parquet_rate": parquet_rate, "csv_rate": k / statistics.median(times)}


def run_size(out: Path, patents: int, trademarks: int, seed: int, parts: list[str]) -> dict:
    cmd = [sys.executable, __file__, "--worker", "--out", str(out), "--patents", str(patents), "--trademarks",
           str(trademarks), "--seed", str(seed), "--parts", *parts]
    proc = subprocess.run(cmd, capture_output=True, text=True)
    line = [x for x in proc.stdout.splitlines() if x.startswith("RESULT ")]
    if proc.returncode or not line:
        print(proc.stdout[-2000:], proc.stderr[-3000:])
        raise SystemExit("generator run failed")
    return json.loads(line[0][7:])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, help="where to write (default: a temporary folder, removed after)")
    parser.add_argument("--patents", type=int, default=1_000_000)
    parser.add_argument("--trademarks", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=2020)
    parser.add_argument("--repeat", type=int, default=3, help="runs of the generator (medians printed)")
    parser.add_argument("--parts", nargs="+", default=["parquet", "csv"], choices=["parquet", "csv"])
    parser.add_argument("--quick", action="store_true", help="20,000 + 20,000, one run, for CI")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        print("RESULT " + json.dumps(worker(args.out, args.patents, args.trademarks, args.seed, args.parts)))
        return
    if args.quick:
        args.patents, args.trademarks, args.repeat = 20_000, 20_000, 1
    keep = args.out is not None
    out = args.out or Path(tempfile.mkdtemp(prefix="ipgov-national-"))
    small = out.parent / (out.name + "-tenth")
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from _common import setup_django

    setup_django()
    one, five, _ = os.getloadavg()
    print(f"national synthetic register: {args.patents:,} patents + {args.trademarks:,} trademarks, seed {args.seed}, "
          f"{args.repeat} run(s); load average {one:.1f} / {five:.1f} on {os.cpu_count()} CPUs")
    runs = []
    for i in range(args.repeat):
        runs.append(run_size(out, args.patents, args.trademarks, args.seed, args.parts))
        print(f"  run {i + 1}: " + ", ".join(f"{p} {runs[-1][f'{p}_s']:.1f} s" for p in args.parts)
              + f", peak {runs[-1]['peak_mb']:,.0f} MB", flush=True)
    tenth = run_size(small, max(1, args.patents // 10), max(1, args.trademarks // 10), args.seed, args.parts)
    shutil.rmtree(small, ignore_errors=True)
    rows = runs[0]["rows"]
    base = baselines(rows, Path(tempfile.mkdtemp(prefix="ipgov-national-base-")), args.repeat)
    total_national = 2 * NATIONAL
    for part in args.parts:
        med = statistics.median(r[f"{part}_s"] for r in runs)
        rate = rows / med
        floor = base[f"{part}_rate"]
        size = runs[0][f"{part}_bytes"]
        print(f"  {part:<8} {med:>8.1f} s  {rate:>9,.0f} rows/s   baseline (writer alone, rows in memory) "
              f"{floor:>10,.0f} rows/s   generator ÷ baseline = {floor / rate:.1f}×   {size / 2**20:,.0f} MB")
        # the marginal cost per row (this size against a tenth of it) plus the fixed cost of the 156 months
        extra_rows, extra_s = rows - tenth["rows"], med - tenth[f"{part}_s"]
        per_row = extra_s / extra_rows if extra_s > 0 else med / rows
        fixed = max(0.0, med - per_row * rows)
        per_byte = (size - tenth[f"{part}_bytes"]) / extra_rows
        print(f"           EXTRAPOLATED to 40M + 40M (not measured: {per_row * 1e6:.1f} µs a row from this size "
              f"against a tenth, + {fixed:.0f} s fixed): {(fixed + per_row * total_national) / 3600:.1f} h, "
              f"{per_byte * total_national / 2**30:,.1f} GB")
    peak = statistics.median(r["peak_mb"] for r in runs)
    print(f"  peak memory (resident, whole process): {peak:,.0f} MB at {rows:,} rows; {tenth['peak_mb']:,.0f} MB "
          f"at {tenth['rows']:,} rows (a tenth) — ratio {peak / tenth['peak_mb']:.2f} for 10× the rows")
    if not keep:
        shutil.rmtree(out, ignore_errors=True)
    else:
        print(f"  written: {out}/snapshot (Parquet, regions included) and {out}/exports (monthly CSV)")


if __name__ == "__main__":
    main()
