"""Import throughput (records/s): `ipgov import` of patent CSV and XLSX (and ST.36 XML) into
PostgreSQL and SQLite, against baselines run in the same process:

- COPY (PostgreSQL, the goal's baseline): the very rows the import wrote — already normalised, in
  every table it wrote (patents, their versions, applicants, audit, batch) — copied out, the tables
  emptied, and the rows written again with one COPY per table into the same schema (its indexes,
  constraints and deferred foreign keys included), timed up to the commit;
- csv.reader + executemany into one plain table of the file's columns; lxml iterparse alone over the XML.

    python bench/bench_import.py [--rows 100000] [--repeat 3] [--pg URL] [--no-sqlite] [--no-xlsx] [--serial]
        [--threaded]                         # also the mapping in the writer's thread / in a second thread
    python bench/bench_import.py --quick     # 5,000 rows, for CI
    python bench/bench_import.py --full      # 1,000,000 rows (the issue's large size)
    python bench/bench_import.py --national DIR --rows 1000000 --pg URL --no-sqlite --no-xlsx --no-xml \
        --partitioned                        # issue 21: the national register's monthly exports
    python bench/bench_import.py --national DIR --rows 1000000 --pg URL --memory   # peak memory by file size

National mode (issue 21): the rows are the first --rows patents of the monthly export files that
`bench/bench_national.py --out DIR` wrote (31 provinces, every column of a CNIPA export), joined into one
CSV. `--partitioned` then measures, on a copy of the imported rights_patent in the same PostgreSQL
database, whether partitioning by filing year pays: the same table partitioned by range of filing_date
(yearly partitions; the primary key must become (id, filing_date)) against the plain copy, for the
queries the register serves — the cube's monthly counts, the snapshot's full read, the staff list's first
keyset page, the importer's lookup by application number — and a COPY of the same rows into each.

`--memory` (issue 21: peak memory constant in the file's size): the CSV of a quarter, a half and all of
--rows imported once each into a fresh database, each in its own process, and the peak resident memory of
the writer (the importing process) and of its mapping child (`getrusage`: the largest the kernel saw, the
child's once it is waited for). Every cache of the import is bounded (200,000 distinct values at most), so
once a file is large enough to fill them the peaks stop growing: the ratio of the largest size's peak to
the half's is the figure (goal: ≤ 1.1).

Goals (issue 17): on PostgreSQL, import ≤ 2× the COPY baseline and ≥ 20,000 records/s.
Rates are wall-clock (what a user waits); the CSV line also shows client-CPU rates (the importing process and
its mapping child, `core.ingest.ahead.Forked`), and on
PostgreSQL the CPU per record of client + server (the backend's CPU read from /proc) against the
server CPU of the COPY: steadier on a shared machine, where wall-clock time mostly measures the load.
Each target runs in its own subprocess (Django binds one database per process); every repeat
imports into an emptied database. Medians are printed with the ratio to the baseline.
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


def national_csv(directory: Path, rows: int, path: Path) -> int:
    """The first `rows` patents of the national register's monthly exports (oldest month first) as one CSV."""
    files = sorted((directory / "exports").glob("patents_*.csv"))
    if not files:
        raise SystemExit(f"no patents_*.csv under {directory}/exports: run bench/bench_national.py --out {directory}")
    n = 0
    with open(path, "w", newline="", encoding="utf-8") as out:
        w = csv.writer(out)
        for i, f in enumerate(files):
            with open(f, newline="", encoding="utf-8-sig") as fh:
                reader = csv.reader(fh)
                header = next(reader)
                if i == 0:
                    w.writerow(header)
                for row in reader:
                    if n == rows:
                        return n
                    row[0] = str(n + 1)
                    w.writerow(row)
                    n += 1
    return n


# ---------------------------------------------------------------- partitioning (PostgreSQL, national mode)
PARTITION_QUERIES = {
    # the cube's monthly increments of one indicator, for one province's regions, over a year
    "cube: monthly filings by region, one year": (
        "SELECT region_id, date_trunc('month', filing_date) AS m, patent_type, count(*) FROM {t} "
        "WHERE filing_date BETWEEN '2019-01-01' AND '2019-12-31' GROUP BY 1, 2, 3"),
    "cube: valid patents at a date (stock), all years": (
        "SELECT region_id, count(*) FROM {t} WHERE grant_date <= '2019-12-31' "
        "AND (terminated_on IS NULL OR terminated_on > '2019-12-31') GROUP BY 1"),
    "snapshot: full read of the indicator columns": (
        "SELECT count(*), count(region_id), max(filing_date), max(grant_date), max(terminated_on), "
        "count(DISTINCT applicant_type) FROM {t}"),
    "list: first keyset page, one region, newest first": (
        "SELECT id, application_number, filing_date FROM {t} WHERE region_id = %(region)s "
        "ORDER BY filing_date DESC, application_number LIMIT 50"),
    "list: keyset page after a 2016 cursor, all regions": (
        "SELECT id, application_number, filing_date FROM {t} WHERE (filing_date, application_number) < "
        "('2016-06-30', 'CN2016') ORDER BY filing_date DESC, application_number DESC LIMIT 50"),
    "import: 1,000 lookups by application number": "LOOKUP",
}


def partition_compare(repeat: int, cur=None, source: str = "rights_patent") -> dict:
    """`source` (rights_patent) copied into a plain table and into one partitioned by filing year (same
    indexes); each query's median time on both, and a COPY of all rows into each (emptied first)."""
    import contextlib

    if cur is None:
        from django.db import connection

        cursor = connection.cursor()
    else:
        cursor = contextlib.nullcontext(cur)
    out: dict[str, list] = {}
    with cursor as cur:
        cur.execute(f"SELECT min(filing_date), max(filing_date), count(*) FROM {source}")
        first, last, n = cur.fetchone()
        cur.execute("DROP TABLE IF EXISTS bench_plain, bench_part CASCADE")
        cur.execute(f"CREATE TABLE bench_plain (LIKE {source} INCLUDING DEFAULTS)")
        cur.execute(f"CREATE TABLE bench_part (LIKE {source} INCLUDING DEFAULTS) PARTITION BY RANGE (filing_date)")
        cur.execute("CREATE TABLE bench_part_old PARTITION OF bench_part FOR VALUES FROM (MINVALUE) TO "
                    f"('{first.year + 1}-01-01')")
        for y in range(first.year + 1, last.year + 1):
            cur.execute(f"CREATE TABLE bench_part_{y} PARTITION OF bench_part FOR VALUES FROM ('{y}-01-01') "
                        f"TO ('{y + 1}-01-01')")
        cur.execute(f"CREATE TABLE bench_part_new PARTITION OF bench_part FOR VALUES FROM ('{last.year + 1}-01-01') "
                    "TO (MAXVALUE)")
        # the plain copy keeps Django's keys; the partitioned one must carry the partition key in them
        ddl = {"bench_plain": ["ALTER TABLE bench_plain ADD PRIMARY KEY (id)",
                               "CREATE UNIQUE INDEX ON bench_plain (application_number)"],
               "bench_part": ["ALTER TABLE bench_part ADD PRIMARY KEY (id, filing_date)",
                              "CREATE UNIQUE INDEX ON bench_part (application_number, filing_date)"]}
        indexes = ["(region_id, patent_type, filing_date)", "(region_id, patent_type, grant_date)",
                   "(terminated_on, id DESC)", "(filing_date)", "(grant_date)",
                   "(filing_date DESC, application_number)"]
        for table in ("bench_plain", "bench_part"):
            start = time.perf_counter()
            cur.execute(f"INSERT INTO {table} SELECT * FROM {source}")
            for stmt in ddl[table] + [f"CREATE INDEX ON {table} {ix}" for ix in indexes]:
                cur.execute(stmt)
            cur.execute(f"ANALYZE {table}")
            out[f"build {table}"] = [time.perf_counter() - start]
        cur.execute(f"SELECT region_id FROM {source} WHERE region_id IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC "
                    "LIMIT 1")
        region = cur.fetchone()[0]
        cur.execute(f"SELECT application_number FROM {source} ORDER BY md5(application_number) LIMIT 1000")
        numbers = [r[0] for r in cur.fetchall()]
        for name, sql in PARTITION_QUERIES.items():
            for table in ("bench_plain", "bench_part"):
                times = []
                for _ in range(repeat):
                    start = time.perf_counter()
                    if sql == "LOOKUP":  # the importer knows the number, not the filing date
                        for number in numbers:
                            cur.execute(f"SELECT id FROM {table} WHERE application_number = %s", [number])
                            cur.fetchone()
                    else:
                        query = sql.replace("%(region)s", "%s").format(t=table)
                        cur.execute(query, [region] if "%s" in query else None)
                        cur.fetchall()
                    times.append(time.perf_counter() - start)
                out[f"{name} | {table}"] = times
        # COPY of every row into each (emptied first), indexes in place
        buf = bytearray()
        raw = getattr(cur, "cursor", cur)  # Django's cursor wraps psycopg's
        with raw.copy(f"COPY (SELECT * FROM {source}) TO STDOUT") as copy:
            for block in copy:
                buf += block
        for table in ("bench_plain", "bench_part"):
            times = []
            for _ in range(repeat):
                cur.execute(f"TRUNCATE {table}")
                start = time.perf_counter()
                with raw.copy(f"COPY {table} FROM STDIN") as copy:
                    copy.write(bytes(buf))
                times.append(time.perf_counter() - start)
            out[f"COPY of every row | {table}"] = times
        cur.execute("DROP TABLE IF EXISTS bench_plain, bench_part CASCADE")
    out["rows"] = [n]
    return out


def partition_from_parquet(directory: Path, url: str, repeat: int) -> dict:
    """The partitioning comparison on the national register's Parquet patents alone (no ipgov import):
    the columns the queries read, loaded by COPY into a source table of the same column types."""
    import io

    import psycopg
    import pyarrow.csv as pacsv
    import pyarrow.dataset as ds

    table = ds.dataset(str(directory / "snapshot" / "patents"), format="parquet").to_table(
        columns=["region_id", "patent_type", "filing_date", "grant_date", "terminated_on", "applicant_type"])
    buf = io.BytesIO()
    pacsv.write_csv(table, buf, pacsv.WriteOptions(include_header=False))
    with psycopg.connect(url, autocommit=True) as conn, conn.cursor() as cur:
        cur.execute("DROP TABLE IF EXISTS bench_source")
        cur.execute("CREATE TABLE bench_source (id bigint GENERATED ALWAYS AS IDENTITY, application_number text, "
                    "region_id varchar(12), patent_type varchar(16), filing_date date, grant_date date, "
                    "terminated_on date, applicant_type varchar(24))")
        with cur.copy("COPY bench_source (region_id, patent_type, filing_date, grant_date, terminated_on, "
                      "applicant_type) FROM STDIN (FORMAT csv)") as copy:
            copy.write(buf.getvalue())
        cur.execute("UPDATE bench_source SET application_number = 'CN' || extract(year FROM filing_date) || "
                    "lpad(id::text, 8, '0')")
        # the identity column must accept the copied ids: a plain bigint in the copies
        cur.execute("ALTER TABLE bench_source ALTER COLUMN id DROP IDENTITY")
        out = partition_compare(repeat, cur, "bench_source")
        cur.execute("DROP TABLE bench_source")
    return out


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
    with open(path, newline="", encoding="utf-8-sig") as fh:
        width = len(next(csv.reader(fh)))
    cols = ", ".join(f"c{i} text" for i in range(width))
    marks = ", ".join(["%s" if url.startswith("postgres") else "?"] * width)
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
    with open(path, newline="", encoding="utf-8-sig") as fh:
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


def generate_xlsx(csv_path: Path, path: Path) -> None:
    """The same rows as the CSV, as an .xlsx (openpyxl's write-only mode)."""
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("专利")
    with open(csv_path, newline="", encoding="utf-8") as fh:
        for row in csv.reader(fh):
            ws.append(row)
    wb.save(path)


def _table_counts() -> dict[str, int]:
    from django.db import connection

    with connection.cursor() as cur:
        tables = connection.introspection.table_names(cur)
        out = {}
        for t in tables:
            cur.execute(f'SELECT count(*) FROM "{t}"')
            out[t] = cur.fetchone()[0]
    return out


def _baseline_copy(tables: list[str], triggers: bool = True) -> tuple[float, float]:
    """COPY of the rows the import wrote into the same tables: copied out, the tables emptied, copied
    back in one transaction (one COPY per table), timed from the first COPY to the commit (wall, server
    CPU). Without `triggers`, the foreign-key triggers are off as during the import's own write (it
    checks the keys itself: `bulk.foreign_keys_checked_by_writer`) — printed beside, for comparison."""
    from django.db import connection, transaction

    dumps = {}
    with connection.cursor() as cur:
        for t in tables:
            buf = bytearray()
            with cur.cursor.copy(f'COPY "{t}" TO STDOUT') as copy:
                for block in copy:
                    buf += block
            dumps[t] = bytes(buf)
        cur.execute("TRUNCATE " + ", ".join(f'"{t}"' for t in tables) + " CASCADE")
    start, server = time.perf_counter(), _server_cpu()
    with transaction.atomic(), connection.cursor() as cur:
        if not triggers:
            cur.execute("SET LOCAL session_replication_role = replica")
        for t in tables:
            with cur.cursor.copy(f'COPY "{t}" FROM STDIN') as copy:
                copy.write(dumps[t])
    return time.perf_counter() - start, _server_cpu() - server


def _server_cpu() -> float:
    """CPU seconds the database server's backend of this connection has used so far (PostgreSQL on the
    same machine, read from /proc; 0 when it cannot be read). Client + server CPU per record is the
    steadiest measure on a shared machine: wall-clock time there mostly measures the other jobs."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return 0.0
    with connection.cursor() as cur:
        cur.execute("SELECT pg_backend_pid()")
        pid = cur.fetchone()[0]
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _empty(tables: list[str]) -> None:
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cur:
            cur.execute("TRUNCATE " + ", ".join(f'"{t}"' for t in tables) + " CASCADE")
        return
    with connection.constraint_checks_disabled(), connection.cursor() as cur:  # SQLite: no TRUNCATE
        for table in tables:
            if "_fts" not in table:  # the full-text indexes follow their tables' rows by triggers
                cur.execute(f'DELETE FROM "{table}"')


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


def _cpu() -> float:
    """CPU seconds of this process and of its children waited for (the import's mapping child)."""
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def _variant_import(path: Path, created: int | None, note, variant: str) -> None:
    """The CSV import mapped another way: "serial" — in the writer's thread, one chunk after the other (no
    read-ahead); "threaded" — a block ahead in a second thread of the writer's process (no child process)."""
    from ipgov.core.actor import Actor, acting_as
    from ipgov.core.ingest import ahead
    from ipgov.rights.importers import batch, import_file

    if variant == "serial":
        ahead.ENABLED = False
    else:
        batch.FORKING = False
    try:
        with acting_as(Actor.system("bench")):
            start, cpu, server = time.perf_counter(), _cpu(), _server_cpu()
            report = import_file(path, kind="patents")
            note(f"csv_{variant}", time.perf_counter() - start)
            note(f"csv_{variant}_cpu", _cpu() - cpu)
            note(f"csv_{variant}_server_cpu", _server_cpu() - server)
    finally:
        ahead.ENABLED, batch.FORKING = True, True
    assert report.created == (created or report.created) > 0 and not report.errors, report.summary()


def worker(url: str, paths: dict[str, Path], repeat: int, partitioned: bool = False, variants: tuple[str, ...] = ()) -> dict:
    os.environ["IPGOV_DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ipgov.settings")
    import django

    django.setup()
    from ipgov.core.actor import Actor, acting_as
    from ipgov.rights.importers import import_file

    pg = url.startswith("postgres")
    out: dict = {}

    def note(key, value):
        out.setdefault(key, []).append(value)

    _fresh_database(url)
    from ipgov.regions import resolver

    resolver.get_index()  # the region index, built once a process: outside every timed import
    before = _table_counts()
    for rep in range(repeat):
        cpu = time.process_time()
        note("csv_baseline", _baseline_csv(paths["csv"], url))
        note("csv_baseline_cpu", time.process_time() - cpu)
        for fmt in [f for f in ("csv", "xlsx") if f in paths]:
            if fmt == "csv" and rep % 2:  # caches warmed by the first import: take turns going first
                for variant in variants:
                    _variant_import(paths[fmt], None, note, variant)
                    _empty([t for t, n in _table_counts().items() if n > before.get(t, 0)])
            with acting_as(Actor.system("bench")):
                start, cpu, server = time.perf_counter(), _cpu(), _server_cpu()
                report = import_file(paths[fmt], kind="patents")
                note(fmt, time.perf_counter() - start)
                note(f"{fmt}_cpu", _cpu() - cpu)
                note(f"{fmt}_server_cpu", _server_cpu() - server)
            assert report.created > 0 and not report.errors, report.summary()
            grown = [t for t, n in _table_counts().items() if n > before.get(t, 0)]
            if variants and fmt == "csv" and rep % 2 == 0:
                for variant in variants:
                    _empty(grown)
                    _variant_import(paths[fmt], report.created, note, variant)
            if pg:
                copy_wall, copy_server = _baseline_copy(grown)
                note(f"{fmt}_copy", copy_wall)
                note(f"{fmt}_copy_server_cpu", copy_server)
                note(f"{fmt}_copy_notrig", _baseline_copy(grown, triggers=False)[0])
            if pg and partitioned and fmt == "csv" and "partition" not in out:
                out["partition"] = partition_compare(repeat)
            _empty(grown)
            print(f"progress: {json.dumps(out)}", file=sys.stderr, flush=True)
        if "xml" in paths:
            cpu = time.process_time()
            note("xml_baseline", _baseline_xml(paths["xml"]))
            note("xml_baseline_cpu", time.process_time() - cpu)
            with acting_as(Actor.system("bench")):
                start, cpu = time.perf_counter(), _cpu()
                report = import_file(paths["xml"])
                note("xml", time.perf_counter() - start)
                note("xml_cpu", _cpu() - cpu)
            assert report.created > 0 and not report.errors, report.summary()
            _empty([t for t, n in _table_counts().items() if n > before.get(t, 0)])
    return out


def memory_worker(url: str, path: Path) -> dict:
    """One import of `path` into the fresh database at `url`, in this process: the peak resident memory of
    the writer (this process, the database prepared by another) and of its mapping child."""
    import resource

    os.environ["IPGOV_DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ipgov.settings")
    import django

    django.setup()
    from ipgov.core.actor import Actor, acting_as
    from ipgov.rights.importers import import_file

    with acting_as(Actor.system("bench")):
        start = time.perf_counter()
        report = import_file(path, kind="patents")
        seconds = time.perf_counter() - start
    assert report.created > 0 and not report.errors, report.summary()
    return {"rows": report.rows_total, "seconds": seconds,
            "writer_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            "child_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}


def memory(csv_path: Path, rows: int, url: str, env: dict) -> None:
    """`--memory`: the peaks at a quarter, a half and all of `rows` (see the module's docstring)."""
    sizes = [rows // 4, rows // 2, rows]
    print(f"peak memory of `ipgov import` by the file's size ({', '.join(f'{n:,}' for n in sizes)} patents, one "
          f"run each, a fresh database each); {_load()}")
    runs = []
    for n in sizes:
        part = csv_path.with_name(f"first-{n}.csv")
        with open(csv_path, newline="", encoding="utf-8") as src, open(part, "w", newline="", encoding="utf-8") as out:
            out.writelines(line for _, line in zip(range(n + 1), src, strict=False))
        subprocess.run([sys.executable, __file__, "--prepare", url], env=env, check=True)
        proc = subprocess.run([sys.executable, __file__, "--memory-worker", url, str(part)], env=env,
                              stdout=subprocess.PIPE, text=True, check=True)
        r = json.loads(proc.stdout.strip().splitlines()[-1])
        runs.append(r)
        part.unlink()
        child = f"{r['child_mb']:6,.0f} MB" if r["child_mb"] else "none (a small file is mapped in the writer)"
        print(f"  {r['rows']:>10,} patents: {r['seconds']:7.1f} s; peak resident memory: writer "
              f"{r['writer_mb']:6,.0f} MB, mapping child {child}", flush=True)
    half, full = runs[1], runs[2]
    ratio = max(full["writer_mb"], full["child_mb"]) / max(half["writer_mb"], half["child_mb"])
    print(f"  the larger peak at {full['rows']:,} against {half['rows']:,} patents: {ratio:.2f}× for 2× the rows "
          f"(goal ≤ 1.1: {'met' if ratio <= 1.1 else 'MISSED'})")
    national = 40_000_000
    print(f"  EXTRAPOLATED (not measured) to {national:,} patents at this run's rate "
          f"({full['rows'] / full['seconds']:,.0f} records/s): {national / (full['rows'] / full['seconds']) / 3600:.1f} h, "
          f"peak memory as above (every cache bounded)")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--xml-docs", type=int, default=5_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--quick", action="store_true", help="5,000 rows and 500 XML documents (CI smoke run)")
    parser.add_argument("--full", action="store_true", help="1,000,000 rows")
    parser.add_argument("--no-sqlite", action="store_true", help="PostgreSQL only")
    parser.add_argument("--no-xlsx", action="store_true")
    parser.add_argument("--no-xml", action="store_true")
    parser.add_argument("--pg", default=os.environ.get("IPGOV_BENCH_PG"),
                        help="PostgreSQL URL of a database the benchmark may wipe")
    parser.add_argument("--national", type=Path, help="a national register folder (bench/bench_national.py --out): "
                        "its monthly patent exports are the rows")
    parser.add_argument("--partitioned", action="store_true",
                        help="PostgreSQL: also measure a copy of rights_patent partitioned by filing year")
    parser.add_argument("--partition-only", action="store_true",
                        help="with --national and --partitioned: only the partitioning comparison, on the "
                             "register's Parquet patents loaded by COPY (no ipgov import)")
    parser.add_argument("--serial", action="store_true",
                        help="also time the CSV import with the mapping in the writer's thread (no read-ahead), "
                             "each repeat beside the usual one")
    parser.add_argument("--threaded", action="store_true",
                        help="also time the CSV import mapped in a second thread of the writer's process instead of "
                             "a child process, each repeat beside the usual one")
    parser.add_argument("--memory", action="store_true",
                        help="only the peak memory of one import at a quarter, a half and all of --rows "
                             "(PostgreSQL when --pg is given, else SQLite)")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    parser.add_argument("--prepare", help=argparse.SUPPRESS)
    parser.add_argument("--memory-worker", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.quick:
        args.rows, args.xml_docs = 5_000, 500
    if args.full:
        args.rows = 1_000_000
    tmp = Path(tempfile.mkdtemp(prefix="ipgov-bench-"))
    if args.prepare:
        os.environ["IPGOV_DATABASE_URL"] = args.prepare
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ipgov.settings")
        import django

        django.setup()
        _fresh_database(args.prepare)
        return
    if args.memory_worker:
        print(json.dumps(memory_worker(args.memory_worker[0], Path(args.memory_worker[1]))))
        return
    if args.worker:
        paths = {k: Path(v) for k, v in json.loads(os.environ["BENCH_PATHS"]).items()}
        variants = tuple(v for v, wanted in (("serial", args.serial), ("threaded", args.threaded)) if wanted)
        print(json.dumps(worker(args.worker, paths, args.repeat, args.partitioned, variants)))
        return
    if args.national and args.partitioned and args.pg and args.partition_only:
        print(f"partitioning, on the national register's {args.national} Parquet patents; {_load()}")
        report_partition(partition_from_parquet(args.national, args.pg, args.repeat))
        return
    paths = {"csv": tmp / "patents.csv"}
    if args.national:
        args.rows = national_csv(args.national, args.rows, paths["csv"])
    else:
        generate_csv(paths["csv"], args.rows)
    if args.memory:
        memory(paths["csv"], args.rows, args.pg or f"sqlite:///{tmp / 'bench.sqlite3'}", {**os.environ, "IPGOV_HOME": str(tmp)})
        return
    if not args.no_xlsx:
        paths["xlsx"] = tmp / "patents.xlsx"
        generate_xlsx(paths["csv"], paths["xlsx"])
    if not args.no_xml:
        paths["xml"] = tmp / "grants.xml"
        generate_xml(paths["xml"], args.xml_docs)
    targets = [] if args.no_sqlite else [("SQLite", f"sqlite:///{tmp / 'bench.sqlite3'}")]
    if args.pg:
        targets.append(("PostgreSQL", args.pg))
    print(f"ipgov import benchmark: {args.rows:,} patents (CSV{', XLSX' if 'xlsx' in paths else ''})"
          f"{f', {args.xml_docs:,} ST.36 documents' if 'xml' in paths else ''}, median of {args.repeat}; {_load()}")
    for label, url in targets:
        env = {**os.environ, "BENCH_PATHS": json.dumps({k: str(v) for k, v in paths.items()}), "IPGOV_HOME": str(tmp)}
        proc = subprocess.run([sys.executable, __file__, "--worker", url, "--repeat", str(args.repeat)]
                              + (["--partitioned"] if args.partitioned else []) + (["--serial"] if args.serial else [])
                              + (["--threaded"] if args.threaded else []),
                              env=env, stdout=subprocess.PIPE, text=True)  # its progress on our stderr
        if proc.returncode:
            raise SystemExit(f"{label}: worker failed")
        r = json.loads(proc.stdout.strip().splitlines()[-1])
        partition = r.pop("partition", None)
        med = {k: statistics.median(v) for k, v in r.items()}
        csv_base = args.rows / med["csv_baseline"]
        for fmt in [f for f in ("csv", "xlsx") if f in paths]:
            rate = args.rows / med[fmt]
            print(f"{label:<11} {fmt.upper():<4} ipgov import {rate:>9,.0f} rec/s", end="")
            if f"{fmt}_copy" in med:
                copy_rate = args.rows / med[f"{fmt}_copy"]
                ratio = med[fmt] / med[f"{fmt}_copy"]
                print(f"   COPY of the same rows {copy_rate:>9,.0f} rec/s   ipgov/COPY = {ratio:.2f}x "
                      f"(goal ≤ 2x: {'met' if ratio <= 2 else 'MISSED'}; ≥ 20,000 rec/s: "
                      f"{'met' if rate >= 20_000 else 'MISSED'})")
            else:
                print(f"   csv.reader+executemany {csv_base:>9,.0f} rec/s   baseline/ipgov = {csv_base / rate:.2f}x")
            if f"{fmt}_copy_notrig" in med:
                print(f"{'':<16} (COPY with the foreign-key triggers off, as the import writes: "
                      f"{args.rows / med[f'{fmt}_copy_notrig']:,.0f} rec/s; ipgov/that = "
                      f"{med[fmt] / med[f'{fmt}_copy_notrig']:.2f}x)")
            print(f"{'':<16} (client CPU only: ipgov {args.rows / med[f'{fmt}_cpu']:,.0f} rec/s)")
            if med.get(f"{fmt}_copy_server_cpu"):
                both = med[f"{fmt}_cpu"] + med[f"{fmt}_server_cpu"]
                print(f"{'':<16} CPU per record, client + server: ipgov {both / args.rows * 1e6:,.0f} µs "
                      f"(server {med[f'{fmt}_server_cpu'] / args.rows * 1e6:,.0f} µs), COPY "
                      f"{med[f'{fmt}_copy_server_cpu'] / args.rows * 1e6:,.0f} µs; "
                      f"ipgov/COPY = {both / med[f'{fmt}_copy_server_cpu']:.2f}x")
        for variant, how in (("serial", "in the writer's thread"), ("threaded", "in a second thread")):
            if f"csv_{variant}" not in med:
                continue
            ahead_cpu, other_cpu = (med[f"{k}_cpu"] + med.get(f"{k}_server_cpu", 0) for k in ("csv", f"csv_{variant}"))
            print(f"{'':<16} CSV mapped in a child process vs {how}: wall "
                  f"{med['csv']:.2f} s vs {med[f'csv_{variant}']:.2f} s ({med['csv'] / med[f'csv_{variant}']:.2f}x), "
                  f"CPU {ahead_cpu:.2f} s vs {other_cpu:.2f} s ({ahead_cpu / other_cpu:.2f}x)"
                  + (f"; {variant} ÷ COPY (wall) {med[f'csv_{variant}'] / med['csv_copy']:.2f}x"
                     if "csv_copy" in med else ""))
        print(f"{'':<16} csv.reader+executemany into one plain table: {csv_base:,.0f} rec/s "
              f"(client CPU {args.rows / med['csv_baseline_cpu']:,.0f} rec/s)")
        if "xml" in paths:
            xml_rate = args.xml_docs / med["xml"]
            xml_base = args.xml_docs / med["xml_baseline"]
            print(f"{label:<11} XML  ipgov import {xml_rate:>9,.0f} rec/s   baseline lxml iterparse alone "
                  f"{xml_base:>9,.0f} rec/s   baseline/ipgov = {xml_base / xml_rate:.2f}x")
        if partition:
            report_partition(partition)
    print(f"done; {_load()} (wall-clock rates fall with the load: 2 cores shared with other jobs)")


def report_partition(r: dict) -> None:
    print(f"Partitioning the patents by filing year ({r['rows'][0]:,} rows; medians, ms; plain = one table with "
          f"Django's keys and indexes, partitioned = yearly range partitions, primary key (id, filing_date)):")
    print(f"  {'':<52}{'plain':>10}{'partitioned':>13}{'part ÷ plain':>14}")
    for key in [k for k in r if k.endswith("| bench_plain")] + ["build"]:
        name = key.split(" | ")[0]
        if name == "build":
            plain, part = r["build bench_plain"][0], r["build bench_part"][0]
            label = "build: copy + keys + indexes + ANALYZE (once)"
        else:
            plain, part = statistics.median(r[f"{name} | bench_plain"]), statistics.median(r[f"{name} | bench_part"])
            label = name
        print(f"  {label:<52}{plain * 1000:>10.1f}{part * 1000:>13.1f}{part / plain:>13.2f}×")


def _load() -> str:
    one, five, _ = os.getloadavg()
    return f"load average {one:.1f} (1 min), {five:.1f} (5 min) on {os.cpu_count()} CPUs"


if __name__ == "__main__":
    main()
