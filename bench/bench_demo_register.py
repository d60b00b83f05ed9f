"""Time of the demo's synthetic register: generating it, and importing its files into SQLite, against a
baseline run in the same process — csv.reader alone over the same files (decode + parse, no
validation, no database).

    python bench/bench_demo_register.py [--scale 0.05] [--repeat 3] [--pg postgresql://…/ipgov_bench]

Each import repeat runs in a fresh subprocess and a fresh database (Django binds one database per
process), with the regions loaded first (not timed). Prints medians, records/s and the ratio to the
baseline. Wall-clock and process CPU are both shown: on a shared machine CPU time is steadier.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

WORKER = r"""
import json, os, sys, time
import django
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ipgov.settings")
django.setup()
from django.core.management import call_command
from ipgov.core.actor import Actor, acting_as
from ipgov.regions import loader, resolver
from ipgov.rights.importers import import_file
call_command("migrate", interactive=False, verbosity=0)
loader.load_divisions(); loader.load_census_2020(); resolver.invalidate()
paths = sys.argv[1:]
wall, cpu = time.perf_counter(), time.process_time()
records = 0
with acting_as(Actor.system("bench")):
    for p in paths:
        records += import_file(p).created
print(json.dumps({"wall": time.perf_counter() - wall, "cpu": time.process_time() - cpu, "records": records}))
"""


def baseline_parse(files: dict[str, bytes]) -> int:
    rows = 0
    for name, data in files.items():
        if not name.endswith(".csv"):
            continue
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = data.decode("gb18030")
        rows += sum(1 for _ in csv.reader(io.StringIO(text))) - 1
    return rows


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--scale", type=float, default=0.05)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--pg", default="", help="also import into this PostgreSQL database (dropped/recreated by tests)")
    args = parser.parse_args()
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
    from ipgov.demo.synth.register import build

    gen_wall, gen_cpu, files = [], [], {}
    for _ in range(args.repeat):
        w, c = time.perf_counter(), time.process_time()
        files = build(20200814, args.scale).files()
        gen_wall.append(time.perf_counter() - w)
        gen_cpu.append(time.process_time() - c)
    base_wall, base_cpu = [], []
    for _ in range(args.repeat):
        w, c = time.perf_counter(), time.process_time()
        rows = baseline_parse(files)
        base_wall.append(time.perf_counter() - w)
        base_cpu.append(time.process_time() - c)
    targets = [("sqlite", None)] + ([("postgresql", args.pg)] if args.pg else [])
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "files"
        folder.mkdir()
        paths = []
        for name, data in files.items():
            (folder / name).write_bytes(data)
            paths.append(str(folder / name))
        for label, url in targets:
            runs = []
            for i in range(args.repeat):
                home = Path(tmp) / f"home-{label}-{i}"
                home.mkdir()
                env = dict(os.environ, IPGOV_HOME=str(home))
                if url:
                    env["IPGOV_DATABASE_URL"] = url
                    subprocess.run([sys.executable, "-c", "import psycopg,sys;c=psycopg.connect(sys.argv[1].rsplit('/',1)[0]+'/postgres',autocommit=True);"
                                    "n=sys.argv[1].rsplit('/',1)[1];c.execute(f'DROP DATABASE IF EXISTS {n}');c.execute(f'CREATE DATABASE {n}')", url],
                                   check=True)
                else:
                    env.pop("IPGOV_DATABASE_URL", None)
                out = subprocess.run([sys.executable, "-c", WORKER, *paths], env=env, check=True,
                                     stdout=subprocess.PIPE, text=True).stdout
                runs.append(json.loads(out.strip().splitlines()[-1]))
            results[label] = runs
    med = statistics.median
    print(f"demo register at scale {args.scale:g}: {rows:,} CSV rows in {len(files)} files; medians of {args.repeat}")
    print(f"  baseline csv.reader (decode + parse): {med(base_wall):7.2f} s wall {med(base_cpu):7.2f} s CPU "
          f"= {rows / med(base_wall):,.0f} rows/s")
    print(f"  generate (build + render files):      {med(gen_wall):7.2f} s wall {med(gen_cpu):7.2f} s CPU "
          f"= {med(gen_wall) / med(base_wall):.1f}× baseline")
    for label, runs in results.items():
        wall, cpu, records = med(r["wall"] for r in runs), med(r["cpu"] for r in runs), runs[0]["records"]
        print(f"  import into {label:<10}:               {wall:7.2f} s wall {cpu:7.2f} s CPU "
              f"= {records / wall:,.0f} records/s, {wall / med(base_wall):.1f}× baseline")


if __name__ == "__main__":
    main()
