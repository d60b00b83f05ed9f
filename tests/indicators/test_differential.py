"""The same cube on every executor: database (the reference), duckdb and spark, cell by cell."""

import pandas as pd
import pytest

from tests.indicators.helpers import CELL_KEY, cube_on

pytestmark = pytest.mark.django_db

EXECUTORS = ["duckdb", pytest.param("spark", marks=pytest.mark.slow)]


@pytest.fixture
def reference(register, tmp_path):
    return cube_on("database", tmp_path)


@pytest.mark.parametrize("executor", EXECUTORS)
def test_same_cube_as_the_database_executor(executor, reference, tmp_path):
    other = cube_on(executor, tmp_path)
    merged = reference.merge(other, on=CELL_KEY, how="outer", suffixes=("_ref", "_other"), indicator=True)
    missing = merged[merged["_merge"] != "both"]
    assert missing.empty, missing.head(20).to_string()
    pd.testing.assert_series_equal(merged["value_ref"], merged["value_other"], check_names=False, rtol=1e-12)
    assert len(reference) > 100_000  # every indicator × region × period, not a handful
