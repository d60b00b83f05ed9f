"""docs/indicators.md, generated from the catalogue so the reference never drifts from the rules."""

from __future__ import annotations

from ipgov.indicators.catalogue import Catalogue, Indicator

HEADER = """\
# Indicators (指标) — definitions, counting rules, sources

<!-- Generated from src/ipgov/indicators/catalogue.toml by `ipgov indicator --write-docs docs/indicators.md`.
     Do not edit by hand: tests/indicators/test_docs.py fails when this file and the catalogue differ. -->

Every figure ipgov shows is an observation of the cube, computed from the register by the rule below
(`ipgov compute`), or a published figure loaded as `reported` and checked against it (`ipgov check`).

## General counting rules

- **Region**: a record is placed in the region of its first applicant / owner (`region` column of the
  source); it counts for that region, its city-level unit and its province (`Region.city`,
  `Region.province`): a city includes its counties and functional zones, a record placed at a functional
  zone or at a retired county code counts for the zone or code and for the city it belongs to. Records
  without a region (foreign first applicant) count nowhere in the province. Every region level is counted
  from records; ratios are re-derived from their own numerator and denominator, never summed.
- **Periods**: month `2020-05`, quarter `2020Q2`, half-year `2020H1`, year `2019`, range of years
  `2017..2019`. A **flow** counts records whose placing date lies in the period (first to last day,
  inclusive). A **stock** counts records in force on the period's last day: start date on or before it
  and end date (if any) after it — a right that ended on the last day is not counted.
- **YoY** = value ÷ value of the same period one year earlier − 1, from unrounded values; quoted to one
  decimal in percent unless the indicator says otherwise (`yoy_decimals`).
- **Units**: values are stored in the unit's base (件, 元, 件/万人; shares and growth rates as fractions)
  and rounded to `decimals` only when shown.

## Catalogue format

`src/ipgov/indicators/catalogue.toml` (TOML). An app that brings a new register adds its own file
`src/ipgov/indicators/catalogue.d/<app>.toml` with the same two tables; ids are global and stable.

```toml
[sources.patents]              # a register table the engine reads
model = "rights.Patent"        # Django model (app_label.Model)
region = "region_id"           # column with the record's region code
batch = "batch_id"             # import-batch column: the Parquet snapshot is refreshed by batch
columns = ["patent_type", "filing_date", "grant_date", "terminated_on"]  # every column indicators use

[[indicators]]
id = "patent_applications"     # stable id (snake_case)
name_zh = "专利申请量"
name_en = "Patent applications"
area = "creation"              # creation | protection | utilization | service
unit = "件"                    # 件, 家, 项, 元, 件/万人, %
decimals = 0                   # decimals when shown (value is stored unrounded)
yoy_decimals = 1               # optional: decimals of the YoY in percent (default 1)
kind = "flow"                  # flow | stock | derived
source = "patents"             # flow/stock: a [sources.*] table
date = "filing_date"           # flow: the date that places a record in a period; stock: start date
end = "terminated_on"          # stock only: the date the record stops counting (null = still in force)
filters = { patent_type = "invention", is_domestic = true }   # equality; a list means "one of"
breakdowns = { type = "patent_type", applicant = "applicant_type" }  # key = column; `--by type`
aggregation = "count"          # count | "sum:<column>" (e.g. sum:amount for 元)
definition = "text shown in this document"
public = true                  # optional (default true): a published figure, readable for every region;
                               # false: staff read it for the regions of their scope only

[[indicators]]                 # a derived indicator: a formula over other indicators
id = "valid_invention_patents_per_10k"
kind = "derived"
formula = "per_10k_population" # sum | per_10k_population | share | yoy | ytd | trailing_years
inputs = ["domestic_valid_invention_patents"]
years = 3                      # trailing_years only
```

Formulas: `sum` adds its inputs (same region and period); `per_10k_population` divides its input by the
region's population (year of the period end, latest on or before it) in 10,000s; `share` is the first
input ÷ the second; `yoy` the input ÷ the same period a year earlier − 1; `ytd` the input from 1 January
to the period end; `trailing_years` the input over the N years ending at the period end (flows).
Derived indicators are computed for totals only (no breakdowns).

## Computing, reported figures, checks

- `ipgov compute [--executor duckdb|database|spark] [--from 2015-01] [--to 2020-06] [--force]` computes
  every base indicator's monthly increments rolled up to every region level — on `duckdb` all of them in
  one statement (`expr/sql.py`), on `database` and `spark` one compiled Ibis expression each
  (`expr/compiler.py`; the same rule, compared by tests/indicators/test_differential.py) — assembles months
  into quarters, halves, years and ranges of years (one DuckDB statement over the monthly increments;
  stocks are running sums to the period's last month), evaluates the derived indicators (one DuckDB
  statement each over their inputs' cells, in the same connection, bounded by `IPGOV_DUCKDB_MEMORY`), and
  writes the cells whose value changed (the comparison with the stored cells is a DuckDB join; the stored cells
  come out of the database as CSV — one text per query on SQLite, `COPY … TO STDOUT` on PostgreSQL — read by
  Arrow's CSV reader, with no Python object per cell: a full recompute of the demo's 5.0M cells after a monthly
  delta took 31.9 s, of which 23.4 s reading them as Python tuples, and takes 18.3 s, cProfile). It prints
  each stage with its rows and elapsed time (`ComputationRun` records
  executor, register batches read, duration, periods changed). When the register, regions and catalogue
  are what the last run over the same window saw, nothing is recomputed.
- The monthly cycle (duckdb and spark): after an import — a month's new batch and corrections of older
  records, which move those records into the new batch — the snapshot is updated by partition (the new
  batch's file is read from the database; an earlier batch's file that only lost records is rewritten
  from itself, keeping the rows whose primary keys the batch still holds) and the next `ipgov compute`
  recomputes only what the delta reaches: the engine runs on the rows that entered and left the register,
  the increments the last run kept under `IPGOV_HOME/snapshot/increments/` (Arrow's own file format,
  mapped rather than decoded) are updated by difference (a join with the delta's rows), and only the
  periods containing a changed
  month of a flow, the months where a stock's running total changed (a grant date moved from March to May
  changes March and April; a lapse changes every month after it) and the derived indicators that read
  them (the same period, a year later for YoY, the rest of the year, the next N years) are assembled,
  compared and rewritten — cell for cell what a full compute gives (tests/indicators/test_incremental.py);
  a cell whose value moved is updated in place, keeping its row.
  `ipgov compute` prints the months and regions whose cells changed. A changed catalogue, regions table or
  population, another `--from`, a shorter window, a region reached for the first time or a run of the
  `database` executor in between make it a full compute; `--force` always is one.
- Executors: `database` pushes the queries down to the Django database (SQLite or PostgreSQL) on
  Django's own connection; `duckdb` reads the Parquet snapshot under `IPGOV_HOME/snapshot/` (one file
  per import batch; a refresh rewrites only new or changed batches); `spark` reads the same snapshot
  with pyspark (`pip install 'ipgov[spark]'`, Java 17), in local mode (`local[2]`) unless a cluster is
  named. All three give the same cube (tests/indicators/test_differential.py).
- A Spark cluster: `ipgov compute --executor spark --spark-master spark://host:7077` (or
  `IPGOV_SPARK_MASTER`; `IPGOV_SPARK_EXECUTOR_MEMORY`, default `1g`). The driver is the machine that runs
  `ipgov compute`; the cluster's workers read the Parquet snapshot by its path, so `IPGOV_HOME/snapshot`
  must be on storage every worker mounts under the same path (NFS or a shared volume), and the workers
  must have the driver's Python with ipgov's dependencies (`spark.pyspark.python` is set to it). The
  same master URL syntax reaches YARN (`--spark-master yarn`, with `HADOOP_CONF_DIR` set) and Kubernetes
  (`k8s://https://host:6443`, with a container image that holds ipgov); only the standalone cluster is
  tested here. `tests/indicators/test_spark_cluster.py` (slow) starts a master and two workers from the
  installed pyspark (`bin/spark-class …deploy.master.Master` / `…deploy.worker.Worker`, what
  `start-master.sh`/`start-worker.sh` run) and checks the cluster's cube against duckdb's, cell by cell.
- `ipgov reported [FILE]` loads published figures (TOML: indicator, region, period, value and YoY as
  published, e.g. `"19 万件"`, `"+21.4%"`) as `reported` observations; the quoted precision is kept as a
  tolerance. Default: the seed's work report (`indicators/data/seed_2020_work_report.toml`).
- `ipgov check` runs Django's system checks, then lists every reported figure against the computed one
  (agrees / difference / missing) and flags reported figures that contradict each other: a count whose
  value and YoY imply a prior-period count that is not a whole number (21 件 at +54 % implies 13.6).

Query: `ipgov indicator ID --region CODE --period PERIOD [--by KEY] [--json]`; in Python
`ipgov.indicators.services.query(id, region, period, by=None)` → `ObservationResult(indicator, region,
period, breakdown, value, unit, yoy, status, run_id)`; the definition: `ipgov.indicators.catalogue.get(id)`.

"""


def _row(ind: Indicator, catalogue: Catalogue) -> str:
    lines = [f"### `{ind.id}` — {ind.name_zh} ({ind.name_en})", ""]
    lines.append(ind.definition.strip())
    lines.append("")
    facts = [f"unit **{ind.unit}**, {ind.decimals} decimals", f"kind **{ind.kind}**"]
    if not ind.public:
        facts.append("**not public**: staff read it for the regions of their scope only")
    if ind.is_derived:
        extra = f" ({ind.years} years)" if ind.years else ""
        facts.append(f"formula `{ind.formula}`{extra} of " + ", ".join(f"`{i}`" for i in ind.inputs))
    else:
        src = catalogue.sources[ind.source]
        facts.append(f"source `{ind.source}` ({src.model}{', ' + src.name_zh if src.name_zh else ''})")
        if ind.is_stock:
            end = f", until `{ind.end}` (exclusive of the period end)" if ind.end else ", never ends"
            facts.append(f"in force from `{ind.date}`{end}")
        else:
            facts.append(f"placed in a period by `{ind.date}`")
        if ind.filters:
            facts.append("filters " + ", ".join(f"`{k} = {v!r}`" for k, v in ind.filters.items()))
        facts.append(f"aggregation `{ind.aggregation}`")
        if ind.breakdowns:
            facts.append("breakdowns " + ", ".join(f"`{k}` ({v})" for k, v in ind.breakdowns.items()))
    lines += [f"- {f}" for f in facts]
    return "\n".join(lines) + "\n"


def render(catalogue: Catalogue) -> str:
    parts = [HEADER, "## Indicators\n"]
    areas: dict[str, list[Indicator]] = {}
    for ind in catalogue.indicators.values():
        areas.setdefault(ind.area or "other", []).append(ind)
    index = ["| id | 名称 | unit | kind |", "|---|---|---|---|"]
    index += [f"| `{i.id}` | {i.name_zh} | {i.unit} | {i.kind} |" for i in catalogue.indicators.values()]
    parts.append("\n".join(index) + "\n")
    for area, inds in areas.items():
        parts.append(f"## Area: {area}\n")
        parts += [_row(i, catalogue) for i in inds]
    return "\n".join(parts)
