"""Import throughput (records/s): `ipgov import` of CSV and ST.36 XML into SQLite and PostgreSQL,
against baselines run in the same process: a plain csv.reader + executemany loop into a table of
the same columns, and lxml iterparse alone over the same XML.

    python bench/bench_import.py [--rows 100000] [--xml-docs 5000] [--repeat 3]
                                 [--pg postgresql://postgres@127.0.0.1:5432/ipgov_bench]

Rates are wall-clock (what a user waits); the CSV line also shows client-CPU rates, which are
steadier on a shared machine (the database server's own CPU is not in them).
Each target runs in its own subprocess (Django binds one database per process); every repeat
imports into a freshly migrated database. Medians are printed with the ratio to the baseline.
"""

from __future__ import annotations

import argparse
import csv
import datetime
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HEADER = ["申请号", "申请日", "公开号", "公开日", "授权公告日", "授权公告号", "专利类型", "专利名称", "申请人",
          "申请人地址", "申请人类型", "发明人", "主分类号", "分类号", "国省代码", "法律状态", "失效日期"]
ADDRESSES = ["河南省郑州市金水区花园路{}号", "河南省洛阳市涧西区建设路{}号", "河南省新乡市红旗区{}号",
             "河南省郑州市高新技术产业开发区莲花街{}号", "河南省南阳市卧龙区{}号", "开封市龙亭区{}号",
             "河南省许昌市魏都区{}号", "河南省安阳市文峰区{}号", "河南省焦作市解放区{}号", "信阳市浉河区{}号"]
APPLICANTS = [("郑州大学", "大专院校"), ("河南大学", "大专院校"), ("河南省农业科学院", "科研单位"),
              ("宇通客车股份有限公司", "企业"), ("许继电气股份有限公司", "企业"), ("张伟", "个人")]
TYPES = [("1", "发明", "A"), ("2", "实用新型", "U"), ("3", "外观设计", "S")]
IPCS = ["G06F16/30", "H04L9/40", "A01B1/00", "B60R7/06", "C07D401/04", "F16H57/02", "E04B1/38"]


def check_character(body: str) -> str:
    weights = (2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5)
    value = sum(int(d) * w for d, w in zip(body, weights, strict=True)) % 11
    return "X" if value == 10 else str(value)


def generate_csv(path: Path, rows: int, seed: int = 1) -> None:
    rnd = random.Random(seed)
    with open(path, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(HEADER)
        for i in range(rows):
            year = 2015 + i % 6
            digit, stated, kind = TYPES[i % 3]
            body = f"{year}{digit}{i:07d}"
            filed = datetime.date(year, 1, 1) + datetime.timedelta(days=rnd.randrange(360))
            granted = filed + datetime.timedelta(days=rnd.randrange(120, 700)) if i % 4 else None
            name, a_type = APPLICANTS[i % len(APPLICANTS)]
            lapsed = granted is not None and i % 10 == 0
            ipc = IPCS[i % len(IPCS)]
            w.writerow([
                f"CN{body}.{check_character(body)}", f"{filed:%Y%m%d}", f"CN{100000000 + i}{kind}",
                f"{(granted or filed + datetime.timedelta(days=300)):%Y%m%d}",
                f"{granted:%Y%m%d}" if granted else "0",
                f"CN{100000000 + i}{'B' if kind == 'A' else kind}" if granted else "",
                stated, f"一种测试装置{i}", name, ADDRESSES[i % len(ADDRESSES)].format(i % 300), a_type,
                "王一;李二", ipc, f"{ipc};{IPCS[(i + 1) % len(IPCS)]}", "河南(41)",
                "无权-未缴年费" if lapsed else ("有权" if granted else "审中-实质审查"),
                f"{granted + datetime.timedelta(days=400):%Y%m%d}" if lapsed else "0",
            ])


XML_DOC = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE us-patent-grant SYSTEM "us-patent-grant-v45-2014-04-03.dtd" [ ]>
<us-patent-grant lang="EN" dtd-version="v4.5 2014-04-03" country="US" date-publ="{pub}">
<us-bibliographic-data-grant>
<publication-reference><document-id><country>US</country><doc-number>{pn:08d}</doc-number><kind>B2</kind><date>{pub}</date></document-id></publication-reference>
<application-reference appl-type="utility"><document-id><country>US</country><doc-number>{an}</doc-number><date>{filed}</date></document-id></application-reference>
<classifications-ipcr><classification-ipcr><ipc-version-indicator><date>20060101</date></ipc-version-indicator><classification-level>A</classification-level><section>G</section><class>06</class><subclass>F</subclass><main-group>15</main-group><subgroup>16</subgroup></classification-ipcr></classifications-ipcr>
<invention-title id="d2e43">Managing session number {i}</invention-title>
<us-parties><us-applicants><us-applicant sequence="001" app-type="applicant" designation="us-only"><addressbook><orgname>International Business Machines Corporation</orgname><address><city>Armonk</city><state>NY</state><country>US</country></address></addressbook></us-applicant></us-applicants>
<inventors><inventor sequence="001" designation="us-only"><addressbook><last-name>Nissim</last-name><first-name>Nitzan</first-name><address><city>Haifa</city><country>IL</country></address></addressbook></inventor></inventors></us-parties>
</us-bibliographic-data-grant>
<abstract id="abstract"><p id="p-0001" num="0000">A method for managing session {i} in a dialog.</p></abstract>
</us-patent-grant>
"""


def generate_xml(path: Path, docs: int) -> None:
    with open(path, "w", encoding="utf-8") as fh:
        for i in range(docs):
            fh.write(XML_DOC.format(i=i, pn=8000000 + i, an=13000000 + i, filed="20121009", pub="20150106"))


# ---------------------------------------------------------------- worker (one database per process)

def _baseline_csv(path: Path, url: str) -> float:
    """csv.reader + executemany into a plain table of the same columns: the floor for a CSV import."""
    cols = ", ".join(f"c{i} text" for i in range(len(HEADER)))
    marks = ", ".join(["%s" if url.startswith("postgres") else "?"] * len(HEADER))
    if url.startswith("postgres"):
        import psycopg

        conn = psycopg.connect(url.replace("postgresql://", "postgresql://", 1))
    else:
        import sqlite3

        conn = sqlite3.connect(url.removeprefix("sqlite:///"))
    cur = conn.cursor()
    cur.execute("DROP TABLE IF EXISTS bench_baseline")
    cur.execute(f"CREATE TABLE bench_baseline ({cols})")
    start = time.perf_counter()
    with open(path, newline="", encoding="utf-8") as fh:
        reader = csv.reader(fh)
        next(reader)
        batch = []
        for row in reader:
            batch.append(row)
            if len(batch) == 5000:
                cur.executemany(f"INSERT INTO bench_baseline VALUES ({marks})", batch)
                batch = []
        if batch:
            cur.executemany(f"INSERT INTO bench_baseline VALUES ({marks})", batch)
    conn.commit()
    elapsed = time.perf_counter() - start
    cur.execute("DROP TABLE bench_baseline")
    conn.commit()
    conn.close()
    return elapsed


def _baseline_xml(path: Path) -> float:
    """lxml iterparse alone over the same file (documents wrapped, as lxml needs one root)."""
    from lxml import etree

    start = time.perf_counter()
    data = path.read_bytes().replace(b'<?xml version="1.0" encoding="UTF-8"?>\n', b"")
    data = data.replace(b'<!DOCTYPE us-patent-grant SYSTEM "us-patent-grant-v45-2014-04-03.dtd" [ ]>\n', b"")
    import io

    count = 0
    for _, elem in etree.iterparse(io.BytesIO(b"<docs>" + data + b"</docs>"), tag="us-patent-grant"):
        count += 1
        elem.clear()
    return time.perf_counter() - start


def _fresh_database(url: str) -> None:
    from django.core.management import call_command
    from django.db import connection

    if url.startswith("postgres"):
        with connection.cursor() as cur:
            cur.execute("DROP SCHEMA public CASCADE; CREATE SCHEMA public;")
        call_command("migrate", verbosity=0)
    else:
        call_command("migrate", verbosity=0)
        call_command("flush", interactive=False, verbosity=0)
    from ipgov.regions import loader, resolver

    loader.load_divisions()
    resolver.invalidate()


def worker(url: str, csv_path: Path, xml_path: Path, repeat: int) -> dict:
    os.environ["IPGOV_DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ipgov.settings")
    import django

    django.setup()
    from ipgov.core.actor import Actor, acting_as
    from ipgov.rights.importers import import_file

    out = {"csv": [], "csv_baseline": [], "xml": [], "xml_baseline": [], "csv_cpu": [], "csv_baseline_cpu": []}
    for _ in range(repeat):
        _fresh_database(url)
        cpu = time.process_time()
        out["csv_baseline"].append(_baseline_csv(csv_path, url))
        out["csv_baseline_cpu"].append(time.process_time() - cpu)
        out["xml_baseline"].append(_baseline_xml(xml_path))
        with acting_as(Actor.system("bench")):
            start, cpu = time.perf_counter(), time.process_time()
            report = import_file(csv_path, kind="patents")
            out["csv"].append(time.perf_counter() - start)
            out["csv_cpu"].append(time.process_time() - cpu)
            assert report.created > 0 and not report.errors, report.summary()
            start = time.perf_counter()
            report = import_file(xml_path)
            out["xml"].append(time.perf_counter() - start)
            assert report.created > 0 and not report.errors, report.summary()
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--xml-docs", type=int, default=5_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--pg", default=os.environ.get("IPGOV_BENCH_PG"),
                        help="PostgreSQL URL of a database the benchmark may wipe")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="ipgov-bench-"))
    csv_path, xml_path = tmp / "patents.csv", tmp / "grants.xml"
    if args.worker:
        result = worker(args.worker, Path(os.environ["BENCH_CSV"]), Path(os.environ["BENCH_XML"]), args.repeat)
        print(json.dumps(result))
        return
    generate_csv(csv_path, args.rows)
    generate_xml(xml_path, args.xml_docs)
    targets = [("SQLite", f"sqlite:///{tmp / 'bench.sqlite3'}")]
    if args.pg:
        targets.append(("PostgreSQL", args.pg))
    print(f"ipgov import benchmark: {args.rows:,} CSV patents, {args.xml_docs:,} ST.36 documents, "
          f"median of {args.repeat}")
    for label, url in targets:
        env = {**os.environ, "BENCH_CSV": str(csv_path), "BENCH_XML": str(xml_path), "IPGOV_HOME": str(tmp)}
        proc = subprocess.run([sys.executable, __file__, "--worker", url, "--repeat", str(args.repeat)],
                              env=env, capture_output=True, text=True)
        if proc.returncode:
            print(proc.stderr[-3000:])
            raise SystemExit(f"{label}: worker failed")
        r = json.loads(proc.stdout.strip().splitlines()[-1])
        csv_rate = args.rows / statistics.median(r["csv"])
        csv_base = args.rows / statistics.median(r["csv_baseline"])
        cpu_rate = args.rows / statistics.median(r["csv_cpu"])
        cpu_base = args.rows / statistics.median(r["csv_baseline_cpu"])
        xml_rate = args.xml_docs / statistics.median(r["xml"])
        xml_base = args.xml_docs / statistics.median(r["xml_baseline"])
        print(f"{label:<11} CSV  ipgov import {csv_rate:>9,.0f} rec/s   baseline csv.reader+executemany "
              f"{csv_base:>9,.0f} rec/s   baseline/ipgov = {csv_base / csv_rate:.2f}x")
        print(f"{'':<11}      (client CPU only: ipgov {cpu_rate:,.0f} rec/s, baseline {cpu_base:,.0f} rec/s, "
              f"ratio {cpu_base / cpu_rate:.2f}x)")
        print(f"{label:<11} XML  ipgov import {xml_rate:>9,.0f} rec/s   baseline lxml iterparse alone "
              f"{xml_base:>9,.0f} rec/s   baseline/ipgov = {xml_base / xml_rate:.2f}x")


if __name__ == "__main__":
    main()
