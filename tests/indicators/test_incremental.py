"""The monthly cycle: a delta import (a new batch and corrections to old records) followed by an
incremental compute gives, cell for cell, the cube of a full compute."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import translation

from ipgov.indicators import catalogue, compute, services
from ipgov.indicators.catalogue import Catalogue
from ipgov.indicators.compute import Window, build_cube
from ipgov.indicators.executors import get_executor
from ipgov.indicators.models import Observation
from ipgov.rights.models import GIProduct, Patent, Trademark
from tests.indicators.conftest import make_batch, make_patent, make_trademark

pytestmark = pytest.mark.django_db(transaction=False)
D = datetime.date
FROM, TO = "2018-01", "2020-06"
MONTHS = ["2018-05", "2018-06", "2018-07", "2018-08", "2018-09", "2020-03", "2020-04", "2020-05", "2020-06"]


# every kind of indicator (flows with breakdowns, stocks, each derived formula) over the register's sources,
# without the other apps' indicators: the cube stays small enough for a test
KEEP = ["patent_applications", "invention_applications", "patent_grants", "valid_invention_patents",
        "domestic_valid_invention_patents", "valid_invention_patents_per_10k", "trademarks_valid",
        "gi_trademarks_registered", "gi_products_approved", "gi_approvals", "invention_share_of_applications",
        "patent_applications_yoy", "patent_applications_ytd", "patent_grants_3y"]


@pytest.fixture(autouse=True)
def _english_and_small_catalogue(monkeypatch):
    full = catalogue.default()
    small = Catalogue(sources={k: v for k, v in full.sources.items() if k in ("patents", "trademarks", "gi_products")},
                      indicators={i: full.indicators[i] for i in KEEP})
    monkeypatch.setattr(catalogue, "default", lambda: small)
    with translation.override("en"):
        yield


def _stored() -> dict:
    return {(i, r, p, b): v for i, r, p, b, v in Observation.objects.filter(status="computed").values_list(
        "indicator", "region_id", "period", "breakdown", "value")}


def _full(tmp_path) -> dict:
    """The cube a full compute gives for the register as it is now (database executor, no snapshot)."""
    ex = get_executor("database", catalogue=catalogue.default())
    cells, _ = build_cube(ex, catalogue.default(), Window(201801, 202006))
    return {(i, c, p, b): v for i, c, p, b, _kind, v in cells.itertuples(index=False, name=None)}


def _delta():
    """June 2020's delta: new filings, and corrections of records imported earlier."""
    june = make_batch("patents_2020-06.csv")
    make_patent(region="410102", filed=D(2020, 6, 3), batch=june)
    make_patent(region="410300", filed=D(2020, 6, 9), patent_type="utility", applicant_type="university",
                ipc="G", batch=june)
    make_trademark(region="410102", filed=D(2020, 6, 15), batch=june)
    # a grant announced in 2018-06 was wrongly dated: it was 2018-09 — the grants of 2018-06 and 2018-09
    # move, and the stock of valid patents drops in 2018-06..2018-08 only
    moved = Patent.objects.get(grant_date=D(2018, 6, 2))
    moved.grant_date, moved.batch = D(2018, 9, 2), june
    moved.save()
    # an old patent lapses in June 2020: the stock drops from June on
    lapsed = Patent.objects.get(region_id="410300", grant_date=D(2017, 1, 1))
    lapsed.terminated_on, lapsed.batch = D(2020, 6, 10), june
    lapsed.save()
    # a trademark's end corrected from 2020-06-30 to 2020-03-31: valid marks change in 2020-03..2020-05
    mark = Trademark.objects.get(terminated_on=D(2020, 6, 30))
    mark.terminated_on, mark.batch = D(2020, 3, 31), june
    mark.save()
    # a GI product's region corrected: it leaves the records imported without a batch
    GIProduct.objects.filter(approval_date=D(2018, 5, 1)).update(region_id="410300", batch=june)


def test_delta_then_incremental_equals_full(register, system_actor, tmp_path, settings):
    settings.IPGOV_HOME = tmp_path
    old = make_batch("patents_2019.csv")
    Patent.objects.update(batch=old)
    Trademark.objects.update(batch=old)
    first = compute.compute("duckdb", FROM, TO)
    assert " cells over " in first.message and _stored() == pytest.approx(_full(tmp_path))
    before = _stored()

    _delta()
    run = compute.compute("duckdb", FROM, TO)
    assert run.message.startswith("incremental:"), run.message
    after = _stored()
    full = _full(tmp_path)
    assert after.keys() == full.keys()
    assert all(after[k] == pytest.approx(full[k], abs=1e-9) for k in full)
    # the correction moved cells in earlier months and the stock after them, and nothing else there
    assert services.value("patent_grants", "410100", "2018-06") == before[("patent_grants", "410100", "2018-06", "")] - 1
    assert services.value("patent_grants", "410100", "2018-09") == 1
    assert services.value("valid_invention_patents", "410100", "2018-07") == 1
    assert services.value("valid_invention_patents", "410100", "2018-09") == 2
    assert services.value("valid_invention_patents", "410300", "2020-06") == 0
    assert services.value("valid_invention_patents", "410300", "2020-05") == 1
    assert services.value("gi_approvals", "410300", "2018") == 1
    assert [p for p in run.periods_changed if len(p) == 7] == MONTHS
    assert {"410000", "410100", "410102", "410300"} <= set(run.regions_changed)
    unchanged = {k for k in before if before[k] == after.get(k)}
    assert Observation.objects.filter(run=run).count() == run.observations_written < len(unchanged)

    # --force recomputes the whole cube: it finds nothing to write
    forced = compute.compute("duckdb", FROM, TO, force=True)
    assert " cells over " in forced.message and forced.observations_written == forced.observations_deleted == 0


def test_compute_says_which_months_and_regions_changed(register, system_actor, tmp_path, settings, capsys):
    settings.IPGOV_HOME = tmp_path
    old = make_batch("patents_2019.csv")
    Patent.objects.update(batch=old)
    compute.compute("duckdb", FROM, TO)
    _delta()
    with translation.override("zh-hans"):
        call_command("compute", "--from", FROM, "--to", TO)
    out = capsys.readouterr().out
    assert "增量计算" in out and "有变化的月份：" + ", ".join(MONTHS) in out
    assert "有变化的地区" in out and "410300 洛阳市" in out
    make_patent(region="410102", filed=D(2020, 6, 20), batch=make_batch("patents_2020-06b.csv"))
    call_command("compute", "--from", FROM, "--to", TO)
    out = capsys.readouterr().out
    assert "incremental: " in out and "months changed: 2020-06\n" in out
    assert "regions changed (3): 410000 河南省, 410100 郑州市, 410102 中原区" in out


def test_merge_adds_the_delta_to_the_kept_increments_by_key():
    """`kept + delta` (incremental.merge): a key in both is summed, a sum that cancels out is dropped, a new key is
    appended, an indicator the delta does not reach is left as it was."""
    import pandas as pd
    import pyarrow as pa

    from ipgov.indicators import incremental

    def rows(*items):
        return [dict(zip(("indicator", "code", "month", "bkey", "bval", "n"), item, strict=True)) for item in items]

    kept = incremental.as_table(pa.Table.from_pylist(rows(
        ("a", "410100", 202001, "", "", 3.0), ("a", "410100", 202002, "type", "invention", 2.0),
        ("a", None, 202001, "", "", 1.0), ("b", "410100", 202001, "", "", 5.0))))
    delta = {"a": pd.DataFrame(rows(("a", "410100", 202001, "", "", -1.0),
                                     ("a", "410100", 202002, "type", "invention", -2.0),
                                     ("a", "410300", 202003, "", "", 4.0), ("a", None, 202001, "", "", 1.0)))
             .drop(columns="indicator"), "b": pd.DataFrame(columns=["code", "month", "bkey", "bval", "n"])}
    merged = incremental.merge(kept, delta).to_pylist()
    key = lambda r: (r["indicator"], r["code"] or "", r["month"], r["bkey"], r["bval"])  # noqa: E731
    assert sorted(merged, key=key) == sorted(rows(
        ("a", "410100", 202001, "", "", 2.0), ("a", None, 202001, "", "", 2.0), ("a", "410300", 202003, "", "", 4.0),
        ("b", "410100", 202001, "", "", 5.0)), key=key)


def test_kept_increments_round_trip_and_an_earlier_layout_means_a_full_compute(tmp_path):
    """The kept increments are Arrow's file format, mapped on load; a folder an earlier version left (Parquet)
    loads as nothing, so the next compute is a full one instead of a difference from unreadable increments."""
    import json

    import pyarrow as pa
    import pyarrow.parquet as pq

    from ipgov.indicators import incremental

    table = incremental.as_table(pa.table({"code": ["410100"], "month": [202001], "bkey": [""], "bval": [""],
                                           "n": [3.0], "indicator": ["a"]}))
    kept = incremental.Kept(201501, 202006, 7, "state", "regions", "catalogue", ["410100"], table)
    incremental.save(tmp_path, kept)
    loaded = incremental.load(tmp_path)
    assert loaded.increments.equals(table) and (loaded.run, loaded.universe) == (7, ["410100"])
    folder = tmp_path / incremental.FOLDER
    (folder / incremental.KEPT).unlink()
    pq.write_table(table, folder / "increments.parquet")
    assert json.loads((folder / incremental.META).read_text())["run"] == 7
    assert incremental.load(tmp_path) is None
