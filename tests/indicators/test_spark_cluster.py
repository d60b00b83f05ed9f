"""The cube on a real Spark standalone cluster (a master and two workers started here from the installed
pyspark) equals the duckdb cube cell by cell, through the executor and through `ipgov compute`."""

import pandas as pd
import pytest
from django.core.management import call_command

from ipgov.indicators import catalogue
from ipgov.indicators.compute import build_cube
from ipgov.indicators.executors import get_executor
from ipgov.indicators.executors.spark import spark_session
from ipgov.indicators.models import ComputationRun
from tests.indicators.helpers import CELL_KEY, WINDOW, cube_on
from tests.indicators.spark_cluster import standalone_cluster

pytestmark = [pytest.mark.django_db, pytest.mark.slow]


@pytest.fixture(scope="module")
def master(tmp_path_factory):
    with standalone_cluster(tmp_path_factory.mktemp("spark-cluster")) as url:
        yield url


def test_the_cluster_computes_the_duckdb_cube(master, register, tmp_path):
    reference = cube_on("duckdb", tmp_path)
    ex = get_executor("spark", catalogue=catalogue.default(), directory=tmp_path / "snapshot", master=master)
    cells, _seconds = build_cube(ex, catalogue.default(), WINDOW)
    assert spark_session(master).sparkContext.master == master  # the session the executor used, not local
    merged = reference.merge(cells, on=CELL_KEY, how="outer", suffixes=("_ref", "_spark"), indicator=True)
    assert merged[merged["_merge"] != "both"].empty
    pd.testing.assert_series_equal(merged["value_ref"], merged["value_spark"], check_names=False, rtol=1e-12)
    assert len(reference) > 100_000


def test_compute_takes_the_master_url(master, register, settings, tmp_path, capsys):
    call_command("compute", "--executor", "spark", "--spark-master", master, "--from", "2019-01", "--to", "2019-12")
    run = ComputationRun.objects.latest("pk")
    assert run.executor == "spark" and run.status == "finished", run.message
    assert f"运行 #{run.pk}（spark，" in capsys.readouterr().out  # zh-Hans, the default
