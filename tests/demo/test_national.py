"""The national synthetic register (issue 21): deterministic by seed, real division codes of all 31
provinces, exact counts, valid application numbers, and monthly exports the importers read back into the
very regions the Parquet says."""

import collections
import csv
import hashlib

import pyarrow.dataset as ds
import pyarrow.parquet as pq
import pytest

from ipgov.core.actor import Actor, acting_as
from ipgov.demo.synth import national
from ipgov.demo.synth.files import PATENT_HEADERS, TRADEMARK_HEADERS
from ipgov.regions import resolver
from ipgov.rights.importers import import_file
from ipgov.rights.models import Patent, Trademark
from ipgov.rights.numbers import parse_application_number

PATENTS, TRADEMARKS, SEED = 6_000, 4_000, 5


def _digest(folder) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def register(tmp_path_factory):
    out = tmp_path_factory.mktemp("national")
    written = national.generate(out, PATENTS, TRADEMARKS, SEED)
    return out, written


def test_counts_are_exact_in_parquet_and_exports(register):
    out, written = register
    assert (written.patents, written.trademarks, written.months) == (PATENTS, TRADEMARKS, 13 * 12)
    patents = ds.dataset(str(out / "snapshot" / "patents"), format="parquet").to_table()
    trademarks = ds.dataset(str(out / "snapshot" / "trademarks"), format="parquet").to_table()
    assert (patents.num_rows, trademarks.num_rows) == (PATENTS, TRADEMARKS)
    for name, headers, table in (("patents", PATENT_HEADERS, patents), ("trademarks", TRADEMARK_HEADERS, trademarks)):
        rows = 0
        for path in sorted((out / "exports").glob(f"{name}_*.csv")):
            with open(path, encoding="utf-8-sig", newline="") as fh:
                reader = csv.reader(fh)
                assert tuple(next(reader)) == headers
                rows += sum(1 for _ in reader)
        assert rows == table.num_rows
    # every month of 2008–2020 has its file, and filings grow: 2019 has more than 2009
    years = collections.Counter(d.year for d in patents.column("filing_date").to_pylist())
    assert set(years) == set(range(2008, 2021)) and years[2019] > 3 * years[2009]
    assert sum(national.monthly_counts(1_234_567, national.PATENT_FILINGS).values()) == 1_234_567


def test_regions_are_real_county_codes_of_all_31_provinces(register):
    out, _ = register
    with open(national.resources.files("ipgov.regions") / "data" / "mca_division_codes_2024.csv",
              encoding="utf-8") as fh:
        counties = {r["code"] for r in csv.DictReader(fh) if r["level"] == "county"}
    codes = ds.dataset(str(out / "snapshot" / "patents"), format="parquet").to_table().column("region_id").to_pylist()
    codes += ds.dataset(str(out / "snapshot" / "trademarks"), format="parquet").to_table().column(
        "region_id").to_pylist()
    placed = [c for c in codes if c is not None]
    assert set(placed) <= counties
    assert {c[:2] + "0000" for c in placed} == set(national.PROVINCE_SHARE)
    assert len({c[:2] for c in placed}) == 31
    # abroad: about FOREIGN_RATE of the patents and none of the trademarks have no region
    assert 0.01 < (len(codes) - len(placed)) / PATENTS < 0.05
    # Guangdong files more than Tibet by far
    by_province = collections.Counter(c[:2] for c in placed)
    assert by_province["44"] > 50 * by_province["54"]


def test_application_numbers_are_valid_unique_and_of_their_type_and_year(register):
    out, _ = register
    numbers, types = [], {"发明公开": 1, "发明授权": 1, "实用新型": 2, "外观设计": 3}
    for path in sorted((out / "exports").glob("patents_*.csv")):
        year = int(path.stem.split("_")[1][:4])
        with open(path, encoding="utf-8-sig", newline="") as fh:
            for row in csv.DictReader(fh):
                parsed = parse_application_number(row["申请号"])
                assert parsed.year == year and int(parsed.type_digit) == types[row["专利类型"]]
                assert row["申请日"].startswith(str(year))
                numbers.append(row["申请号"])
    assert len(numbers) == len(set(numbers)) == PATENTS


def test_lags_and_lapses_are_in_order(register):
    out, _ = register
    p = ds.dataset(str(out / "snapshot" / "patents"), format="parquet").to_table().to_pandas()
    granted = p[p.grant_date.notna()]
    lag = (granted.grant_date - granted.filing_date).apply(lambda d: d.days)
    by_type = lag.groupby(granted.patent_type).median()
    assert by_type["invention"] > 365 > by_type["utility"] > by_type["design"] > 60
    ended = granted[granted.terminated_on.notna()]
    assert len(ended) and (ended.terminated_on > ended.grant_date).all()
    assert (p.terminated_on.dropna() <= national.CUTOFF).all() and (p.grant_date.dropna() <= national.CUTOFF).all()
    share = p.patent_type.value_counts(normalize=True)
    assert 0.2 < share["invention"] < 0.45 and share["utility"] > share["design"]
    t = ds.dataset(str(out / "snapshot" / "trademarks"), format="parquet").to_table().to_pandas()
    reg = t[t.registration_date.notna()]
    assert 0.6 < len(reg) / len(t) < 0.8 and (reg.registration_date > reg.filing_date).all()


def test_same_bytes_from_the_same_seed_and_one_month_alone(register, tmp_path):
    out, _ = register
    again = national.generate(tmp_path / "again", PATENTS, TRADEMARKS, SEED)
    assert again.patents == PATENTS
    assert _digest(tmp_path / "again") == _digest(out)
    # one month regenerated alone gives the same bytes (the number sequences run on through skipped months)
    national.generate(tmp_path / "june", PATENTS, TRADEMARKS, SEED, months_only={(2019, 6)})
    june = _digest(tmp_path / "june")
    assert set(june) >= {"exports/patents_2019-06.csv", "snapshot/patents/batch-2019061.parquet"}
    assert all(june[name] == _digest(out)[name] for name in june if "2019-06" in name or "2019061" in name)
    other = national.generate(tmp_path / "other", PATENTS, TRADEMARKS, SEED + 1, csv_files=False)
    assert other.patents == PATENTS
    assert (pq.read_table(tmp_path / "other" / "snapshot" / "patents" / "batch-2019061.parquet")
            != pq.read_table(out / "snapshot" / "patents" / "batch-2019061.parquet"))


@pytest.mark.django_db
def test_a_month_of_exports_imports_into_the_parquet_regions(register):
    out, _ = register
    resolver.invalidate()
    with acting_as(Actor.system("test")):
        for name in ("patents_2019-06.csv", "trademarks_2019-06.csv"):
            report = import_file(out / "exports" / name)
            assert not report.errors and report.created > 0, report.summary()
    for model, folder, batch in ((Patent, "patents", 2019061), (Trademark, "trademarks", 2019062)):
        table = pq.read_table(out / "snapshot" / folder / f"batch-{batch}.parquet")
        want = collections.Counter(zip(table.column("region_id").to_pylist(),
                                       table.column("filing_date").to_pylist(), strict=True))
        got = collections.Counter(model.objects.values_list("region_id", "filing_date"))
        assert sum(got.values()) == table.num_rows
        # the resolver may stop at the province for an ambiguous district name: at most 2 %
        assert sum((want - got).values()) <= 0.02 * table.num_rows
    patents = pq.read_table(out / "snapshot" / "patents" / "batch-2019061.parquet").to_pandas()
    imported = {(r.patent_type, r.grant_date is None, r.terminated_on is None)
                for r in Patent.objects.only("patent_type", "grant_date", "terminated_on")}
    assert imported == set(zip(patents.patent_type, patents.grant_date.isna(), patents.terminated_on.isna(),
                               strict=True))
