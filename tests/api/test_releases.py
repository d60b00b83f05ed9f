"""Bulk releases: CSV + Parquet per group, a manifest whose SHA-256s match, the last N kept, served."""

import hashlib
import json

import pandas as pd
import pytest
from django.core.management import call_command

from ipgov.indicators import releases
from ipgov.indicators.models import Observation
from tests.reports import cube

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded(settings, tmp_path):
    settings.IPGOV_HOME = tmp_path
    run = cube.run()
    cube.seed_creation(run)
    cube.obs("overdue_deadlines", "2020H1", 9, region="410300", run_=run)
    run.observations_written = Observation.objects.filter(run=run).count()
    run.save(update_fields=["observations_written"])
    return run


def test_release_files_manifest_and_served(client, seeded, capsys):
    call_command("release")
    assert "发布地址 /open/releases/" in capsys.readouterr().out  # "served at …" in English
    [rid] = releases.release_ids()
    folder = releases.root() / rid
    manifest = json.loads((folder / "manifest.json").read_text())
    assert manifest["run_id"] == seeded.pk and manifest["data_date"] == "2020-06-30"
    for f in manifest["files"]:
        data = (folder / f["name"]).read_bytes()
        assert hashlib.sha256(data).hexdigest() == f["sha256"] and len(data) == f["bytes"]
        served = client.get(f"/open/releases/{rid}/{f['name']}")
        assert served.status_code == 200 and b"".join(served.streaming_content) == data
    creation = pd.read_csv(folder / "creation.csv", dtype={"region": str})
    row = creation[(creation.indicator == "patent_applications") & (creation.period == "2020H1")].iloc[0]
    assert (row.value, row.yoy, row.run_id, row.region_zh) == (80868, 0.214, seeded.pk, "河南省")
    parquet = pd.read_parquet(folder / "creation.parquet")
    assert len(parquet) == len(creation) == next(f["rows"] for f in manifest["files"] if f["name"] == "creation.csv")
    everything = pd.concat([pd.read_csv(folder / f["name"]) for f in manifest["files"] if f["format"] == "csv"])
    assert "overdue_deadlines" not in set(everything.indicator)  # not public: never released
    listed = client.get("/api/v1/open/releases").json()["releases"]
    assert listed[0]["id"] == rid and listed[0]["files"][0]["url"].startswith(f"/open/releases/{rid}/")
    assert client.get("/open/releases/").json()["releases"][0]["id"] == rid
    assert client.get(f"/open/releases/{rid}/../secret_key").status_code == 404
    assert client.get("/open/releases/19990101T000000Z/creation.csv").status_code == 404


def test_release_with_duckdb_in_three_lines(seeded):
    import duckdb

    manifest = releases.write_release()
    folder = releases.root() / manifest["id"]
    # docs/api.md's three lines
    con = duckdb.connect()
    con.sql(f"create table cells as select * from read_parquet('{folder}/*.parquet')")
    rows = con.sql("select value, yoy from cells where indicator='patent_applications' and region='410000' "
                   "and period='2020H1'").fetchall()
    assert rows == [(80868, 0.214)]


def test_keep_n(seeded):
    import datetime

    from django.utils import timezone

    for day in range(1, 5):
        releases.write_release(keep=2, now=timezone.make_aware(datetime.datetime(2020, 8, day, 9)))
    assert releases.release_ids() == ["20200804T010000Z", "20200803T010000Z"]
    with pytest.raises(releases.ReleaseError):
        releases.write_release(keep=0)


def test_demo_step_writes_the_first_release_once(seeded, capsys):
    from ipgov.core.actor import Actor, acting_as
    from ipgov.demo.api import write_release
    from ipgov.demo.steps import STEPS, DemoContext

    assert STEPS[-1] == "ipgov.demo.api.write_release"  # after the cube and the reports
    with acting_as(Actor.system("demo")):
        first = write_release(DemoContext(home=releases.root().parent))
        again = write_release(DemoContext(home=releases.root().parent))
    assert first.changed and not again.changed and len(releases.release_ids()) == 1
    import datetime

    cube.run(finished=datetime.datetime(2020, 8, 11, 9, 30))  # a later compute that found nothing to do
    with acting_as(Actor.system("demo")):
        unchanged = write_release(DemoContext(home=releases.root().parent))
    assert not unchanged.changed and len(releases.release_ids()) == 1
    assert releases.manifest(releases.release_ids()[0])["run_id"] == seeded.pk
    assert any("/api/v1/open/cells?indicator=patent_applications&region=410000&period=2020H1" in line
               for line in first.lines)


def test_release_csv_has_the_bytes_pandas_writes(tmp_path):
    """The release's CSV is written by DuckDB (`releases._write_csv`) with the bytes `DataFrame.to_csv` writes:
    empty strings, commas, quotes, line breaks, missing values, Chinese text and whole floats alike."""
    import numpy as np
    import pandas as pd

    from ipgov.indicators.releases import _write_csv

    df = pd.DataFrame({
        "indicator": ["patent_applications", "a,b", 'say "x"', "line\nbreak"],
        "region_zh": ["河南省", "郑州市", "", None],
        "breakdown": ["", "发明", "", "type=invention"],
        "value": [144010.0, 0.5, np.nan, 1e-7],
        "yoy": [np.nan, -0.067, 0.148, np.nan],
        "run_id": pd.array([1, None, 3, 4], dtype="Int64"),
    })
    _write_csv(df, tmp_path / "duckdb.csv")
    df.to_csv(tmp_path / "pandas.csv", index=False, encoding="utf-8")
    assert (tmp_path / "duckdb.csv").read_bytes() == (tmp_path / "pandas.csv").read_bytes()
    _write_csv(df.iloc[:0], tmp_path / "empty.csv")
    assert (tmp_path / "empty.csv").read_text(encoding="utf-8") == "indicator,region_zh,breakdown,value,yoy,run_id\n"
