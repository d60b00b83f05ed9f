"""The public cube in SDMX terms: SDMX-CSV 2.0 (and the data structure definition it refers to).

Dimensions INDICATOR (catalogue id), REF_AREA (GB/T 2260 code), TIME_PERIOD (SDMX period codes: 2019,
2020-S1, 2020-Q2, 2020-05; a range of years as 2017-01-01/P3Y), BREAKDOWN (`_T` for the total, else
`<dimension>-<value>`, e.g. `type-invention`); measure OBS_VALUE; attributes UNIT_MEASURE, OBS_STATUS
(computed / reported / estimated) and RUN_ID (the computation run).
"""

from __future__ import annotations

import csv
import io

from ipgov.core import periods
from ipgov.core.choices import PeriodKind

AGENCY, DSD_ID, VERSION = "IPGOV", "DSD_IP_CUBE", "1.0"
STRUCTURE_ID = f"{AGENCY}:{DSD_ID}({VERSION})"
DIMENSIONS = ("INDICATOR", "REF_AREA", "TIME_PERIOD", "BREAKDOWN")
ATTRIBUTES = ("UNIT_MEASURE", "OBS_STATUS", "RUN_ID")
TOTAL = "_T"


def time_period(code: str) -> str:
    """2020H1 → 2020-S1, 2020Q2 → 2020-Q2, 2020-05 → 2020-05, 2019 → 2019, 2017..2019 → 2017-01-01/P3Y."""
    p = periods.parse(code)
    if p.kind == PeriodKind.HALF:
        return f"{p.end_year}-S{p.number}"
    if p.kind == PeriodKind.QUARTER:
        return f"{p.end_year}-Q{p.number}"
    if p.kind == PeriodKind.RANGE:
        return f"{p.first_year}-01-01/P{p.end_year - p.first_year + 1}Y"
    return p.code


def breakdown_code(breakdown: str) -> str:
    return breakdown.replace("=", "-") if breakdown else TOTAL


def sdmx_csv(rows: list[dict]) -> str:
    """Cells (as `indicators.opendata.cells` returns them) as SDMX-CSV 2.0."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["STRUCTURE", "STRUCTURE_ID", "ACTION", *DIMENSIONS, "OBS_VALUE", *ATTRIBUTES])
    for r in rows:
        writer.writerow(["datastructure", STRUCTURE_ID, "I", r["indicator"], r["region"], time_period(r["period"]),
                         breakdown_code(r["breakdown"]), r["value"], r["unit"], r["status"],
                         "" if r["run_id"] is None else r["run_id"]])
    return out.getvalue()
