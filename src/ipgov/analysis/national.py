"""The nation's figures a landscape is compared with (专利导航 与全国比较), with their sources.

Loaded here: the nation's domestic patent applications by year and type, all technology fields together
(`data/national_patent_applications.csv`, 2017–2022, from CNIPA's China Intellectual Property Statistical
Yearbook 2022, table 1-2, via /work/shared/data/ip_stats). Not loaded: any national figure by WIPO field or
industry — CNIPA publishes none per concordance target that could be obtained here — so `figure` says so
instead of guessing."""

from __future__ import annotations

import csv
import functools
from pathlib import Path

NATIONAL_FILE = Path(__file__).parent / "data" / "national_patent_applications.csv"


@functools.cache
def _applications() -> tuple[dict[int, dict[str, int]], str]:
    years: dict[int, dict[str, int]] = {}
    source = ""
    with NATIONAL_FILE.open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            years.setdefault(int(row["年份"]), {})[row["类型"]] = int(row["国内申请量"])
            source = row["来源"]
    return years, source


def figure(scheme: str, target: str, years: list[int]) -> dict:
    """The nation beside a landscape: `industry` — the nation's applications in this industry by year (None:
    none is loaded); `all_fields` — the nation's domestic applications of every field by year, where
    loaded; `source` — where they come from."""
    loaded, source = _applications()
    all_fields = {y: sum(loaded[y].values()) for y in years if y in loaded}
    return {"industry": None, "all_fields": all_fields, "all_fields_source": source if all_fields else "",
            "scheme": scheme, "target": target}
