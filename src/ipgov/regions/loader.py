"""Loading the packaged division and census data into the Region tables.

Idempotent: rows are compared with what the database holds and only differences are written,
so a second load reports zero changes.
"""

from __future__ import annotations

import csv
import re
from collections import defaultdict
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from django.db import transaction
from django.utils.translation import gettext as _

from ipgov.regions.choices import HISTORY_LEVEL, HISTORY_STATUS, RegionLevel
from ipgov.regions.models import Population, Region, RegionVersion

MUNICIPALITIES = {"11", "12", "31", "50"}  # 直辖市: districts sit directly under the province
CENSUS_2020_SOURCE = "第七次全国人口普查 (2020) county yearbook, via leiii/census"


@dataclass
class LoadReport:
    created: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    updated: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    unchanged: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    skipped: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return any(self.created.values()) or any(self.updated.values())

    def summary(self) -> str:
        parts = []
        for table in sorted(set(self.created) | set(self.updated) | set(self.unchanged)):
            parts.append(_("%(table)s: %(new)s new, %(updated)s updated, %(unchanged)s unchanged")
                         % {"table": table, "new": self.created[table], "updated": self.updated[table],
                            "unchanged": self.unchanged[table]})
        return _("; ").join(parts)


def _data_file(name: str) -> Path:
    return Path(str(resources.files("ipgov.regions") / "data" / name))


def _read_csv(name: str) -> list[dict[str, str]]:
    with _data_file(name).open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def _is_zone(code: str, name: str) -> bool:
    # NBS gives functional zones codes whose 5th digit is 7 (e.g. 410171) — they are not in the MCA list.
    return code[4] == "7" and bool(re.search(r"开发区|实验区|示范区|园区|聚集区|新区|工业区|管理区|合作区|港区", name))


def build_regions() -> tuple[dict[str, dict], list[dict]]:
    """The desired Region rows (by code) and RegionVersion rows, from the packaged files."""
    history = _read_csv("mca_division_codes_history_1981_2024.csv")
    current = {row["code"]: row for row in _read_csv("mca_division_codes_2024.csv")}

    versions: list[dict] = []
    latest: dict[str, dict] = {}
    for row in history:
        code = row["代码"]
        version = {
            "region_id": code,
            "name": row["名称"],
            "level": HISTORY_LEVEL[row["级别"]],
            "status": HISTORY_STATUS[row["状态"]],
            "valid_from": int(row["启用时间"]),
            "valid_to": int(row["变更/弃用时间"]) if row["变更/弃用时间"] else None,
            "successors": row["新代码"],
        }
        versions.append(version)
        if code not in latest or version["valid_from"] >= latest[code]["valid_from"]:
            latest[code] = version

    rows: dict[str, dict] = {}
    for code, version in latest.items():
        now = current.get(code)
        rows[code] = {
            "code": code,
            "name": now["name"] if now else version["name"],
            "level": version["level"],
            "is_legal_division": True,
            "is_active": now is not None,
        }
    for code, now in current.items():  # codes in the 2024 list but absent from the history file
        rows.setdefault(code, {"code": code, "name": now["name"], "level": now["level"],
                               "is_legal_division": True, "is_active": True})

    for row in _read_csv("nbs_2022_counties.csv"):
        code, name = row["code"], row["name"]
        if code not in rows and _is_zone(code, name):
            rows[code] = {"code": code, "name": name, "level": RegionLevel.ZONE,
                          "is_legal_division": False, "is_active": True}

    for code, row in rows.items():
        province = code[:2] + "0000"
        prefecture = code[:4] + "00"
        level = row["level"]
        row["province_id"] = province if province in rows else None
        row["is_province_administered"] = False
        if level == RegionLevel.PROVINCE:
            row["parent_id"], row["city_id"], row["province_id"] = None, None, code
        elif level == RegionLevel.PREFECTURE:
            row["parent_id"], row["city_id"] = province, code
        elif prefecture in rows and rows[prefecture]["level"] == RegionLevel.PREFECTURE:
            row["parent_id"], row["city_id"] = prefecture, prefecture
        elif code[:2] in MUNICIPALITIES:
            row["parent_id"], row["city_id"] = province, None
        else:  # 省直辖县级行政区划, e.g. 济源市 419001: its own city-level unit
            row["parent_id"], row["city_id"] = province, code
            row["is_province_administered"] = True
    return rows, versions


REGION_FIELDS = ("name", "level", "parent_id", "province_id", "city_id", "is_legal_division", "is_active",
                 "is_province_administered")


@transaction.atomic
def load_divisions(report: LoadReport | None = None) -> LoadReport:
    report = report or LoadReport()
    rows, versions = build_regions()
    existing = {r.code: r for r in Region.objects.all()}
    new, changed = [], []
    for code, row in rows.items():
        region = existing.get(code)
        if region is None:
            new.append(Region(**row))
        elif any(getattr(region, f) != row[f] for f in REGION_FIELDS):
            for f in REGION_FIELDS:
                setattr(region, f, row[f])
            changed.append(region)
    Region.objects.bulk_create(new, batch_size=1000)
    Region.objects.bulk_update(changed, REGION_FIELDS, batch_size=1000)
    report.created["region"] += len(new)
    report.updated["region"] += len(changed)
    report.unchanged["region"] += len(rows) - len(new) - len(changed)

    def key(v):
        return (v["region_id"], v["name"], v["valid_from"])

    have = {key(v): v for v in RegionVersion.objects.values(
        "id", "region_id", "name", "level", "status", "valid_from", "valid_to", "successors")}
    new_versions, changed_versions = [], []
    for v in versions:
        old = have.get(key(v))
        if old is None:
            new_versions.append(RegionVersion(**v))
        elif any(old[f] != v[f] for f in ("level", "status", "valid_to", "successors")):
            changed_versions.append(RegionVersion(id=old["id"], **v))
    RegionVersion.objects.bulk_create(new_versions, batch_size=1000)
    RegionVersion.objects.bulk_update(changed_versions, ["level", "status", "valid_to", "successors"])
    report.created["region_version"] += len(new_versions)
    report.updated["region_version"] += len(changed_versions)
    report.unchanged["region_version"] += len(versions) - len(new_versions) - len(changed_versions)
    return report


def load_census_2020(report: LoadReport | None = None) -> LoadReport:
    records = []
    for row in _read_csv("census2020_county_yearbook_summary.csv"):
        if row["code"] == "NA" or row["pop_total"] in ("", "NA"):
            continue
        records.append((row["code"], 2020, int(float(row["pop_total"]))))
    return load_population(records, source=CENSUS_2020_SOURCE, report=report)


def read_population_csv(path: Path) -> list[tuple[str, int, int]]:
    """A population file for later years: columns code, year, population (UTF-8, header row)."""
    records = []
    with Path(path).open(encoding="utf-8-sig", newline="") as fh:
        reader = csv.DictReader(fh)
        missing = {"code", "year", "population"} - set(reader.fieldnames or [])
        if missing:
            raise ValueError(_("%(path)s: missing column(s) %(columns)s")
                             % {"path": path, "columns": ", ".join(sorted(missing))})
        for lineno, row in enumerate(reader, start=2):
            try:
                code, year, value = row["code"].strip(), int(row["year"]), int(row["population"])
            except (TypeError, ValueError) as exc:
                raise ValueError(_("%(path)s, row %(row)s: %(error)s") % {"path": path, "row": lineno, "error": exc}) from exc
            if not re.fullmatch(r"\d{6}", code) or value <= 0 or not 1949 <= year <= 2100:
                raise ValueError(_("%(path)s, row %(row)s: invalid code/year/population %(values)s")
                                 % {"path": path, "row": lineno, "values": row})
            records.append((code, year, value))
    return records


@transaction.atomic
def load_population(records: list[tuple[str, int, int]], source: str,
                    report: LoadReport | None = None) -> LoadReport:
    report = report or LoadReport()
    known = set(Region.objects.values_list("code", flat=True))
    unknown = sorted({code for code, _, _ in records if code not in known})
    if unknown:
        report.skipped.extend(_("population: unknown region code %(code)s") % {"code": code} for code in unknown)
    have = {(p.region_id, p.year): p for p in Population.objects.all()}
    new, changed = [], []
    for code, year, value in records:
        if code not in known:
            continue
        old = have.get((code, year))
        if old is None:
            new.append(Population(region_id=code, year=year, value=value, source=source))
        elif old.value != value or old.source != source:
            old.value, old.source = value, source
            changed.append(old)
    Population.objects.bulk_create(new, batch_size=1000)
    Population.objects.bulk_update(changed, ["value", "source"])
    report.created["population"] += len(new)
    report.updated["population"] += len(changed)
    report.unchanged["population"] += len(records) - len(new) - len(changed) - len(
        [1 for code, _, _ in records if code not in known])
    return report
