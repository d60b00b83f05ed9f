
import duckdb
import pytest

from ipgov.indicators import catalogue
from ipgov.indicators.executors import snapshot
from ipgov.rights.models import Patent
from tests.indicators.conftest import make_batch, make_patent

pytestmark = pytest.mark.django_db



def _rows(directory):
    return duckdb.sql(f"SELECT count(*) FROM read_parquet('{directory}/patents/*.parquet')").fetchall()[0][0]


def test_refresh_writes_only_new_or_changed_batches(tmp_path):
    cat = catalogue.default()
    b1, b2 = make_batch("2018.csv"), make_batch("2019.csv")
    p = make_patent(batch=b1)
    make_patent(batch=b1)
    make_patent(batch=b2)
    first = snapshot.refresh(cat, tmp_path)
    assert set(first.written) >= {f"patents/batch-{b1.pk}", f"patents/batch-{b2.pk}"}
    assert _rows(tmp_path) == 3 and snapshot.batches(tmp_path) == [b1.pk, b2.pk]
    assert not snapshot.refresh(cat, tmp_path).changed  # nothing new: nothing written
    b3 = make_batch("2020.csv")
    make_patent(batch=b3)
    third = snapshot.refresh(cat, tmp_path)
    assert third.written == [f"patents/batch-{b3.pk}"]
    # a later batch re-writes a record of batch 1 (a monthly delta's correction): batch 4 is read from the
    # database, batch 1 is rewritten from its own file without the moved row; the record counted once
    b4 = make_batch("2018-corrected.csv")
    p.batch = b4
    p.save()
    fourth = snapshot.refresh(cat, tmp_path)
    assert fourth.written == [f"patents/batch-{b4.pk}"] and fourth.shrunk == [f"patents/batch-{b1.pk}"]
    assert _rows(tmp_path) == Patent.objects.count() == 4
    # what changed, for the incremental compute: batch 4's file in, the old version of the record out
    [removed] = fourth.minus["patents"]
    assert duckdb.sql(f"SELECT _pk FROM read_parquet('{removed}')").fetchall() == [(p.pk,)]
    assert fourth.plus["patents"] == [tmp_path / "patents" / f"batch-{b4.pk}.parquet"]
    # a record moved out and another deleted in the same batch: that batch keeps the rows whose keys it still holds
    b5 = make_batch("2019-corrected.csv")
    q, r = make_patent(batch=b2), make_patent(batch=b2)
    snapshot.refresh(cat, tmp_path)
    moved = Patent.objects.filter(batch=b2).exclude(pk__in=[q.pk, r.pk]).get()
    moved.batch = b5
    moved.save()
    deleted = q.pk
    q.delete()
    fifth = snapshot.refresh(cat, tmp_path)
    assert fifth.written == [f"patents/batch-{b5.pk}"] and fifth.shrunk == [f"patents/batch-{b2.pk}"]
    assert _rows(tmp_path) == Patent.objects.count() == 5
    [removed] = [f for f in fifth.minus["patents"] if "removed" in f.name]
    assert sorted(duckdb.sql(f"SELECT _pk FROM read_parquet('{removed}')").fetchall()) == sorted([(moved.pk,), (deleted,)])
    # a batch whose records are all gone: its file is removed
    Patent.objects.filter(batch=b3).delete()
    assert snapshot.refresh(cat, tmp_path).removed == [f"patents/batch-{b3.pk}"]
    assert _rows(tmp_path) == 4


@pytest.mark.django_db
def test_a_source_without_batches_that_lost_a_record_keeps_the_others(tmp_path):
    """A table without batches is one partition ("all"): a deleted record is taken out of its file, the others
    kept from it."""
    from dataclasses import replace

    from ipgov.indicators.catalogue import Catalogue

    default = catalogue.default()
    cat = Catalogue(sources={"patents": replace(default.sources["patents"], batch=None)}, indicators={})
    kept, gone = make_patent(), make_patent()
    snapshot.refresh(cat, tmp_path)
    gone_pk = gone.pk
    gone.delete()
    report = snapshot.refresh(cat, tmp_path)
    assert report.shrunk == ["patents/batch-all"] and not report.written
    kept_file = tmp_path / "patents" / "batch-all.parquet"
    assert duckdb.sql(f"SELECT _pk FROM read_parquet('{kept_file}')").fetchall() == [(kept.pk,)]
    [removed] = report.minus["patents"]
    assert duckdb.sql(f"SELECT _pk FROM read_parquet('{removed}')").fetchall() == [(gone_pk,)]


def test_the_registers_fingerprint_is_read_from_an_index_alone():
    """Every compute asks each source's rows and latest write per batch; for the register's two large tables the
    (batch_id, updated) index answers it without reading a row (SQLite's plan says so; PostgreSQL's planner
    weighs an empty test table differently, so there the index is only checked to exist)."""
    from django.db import connection

    cat = catalogue.default()
    for name, index in (("patents", "rights_patent_batch_upd"), ("trademarks", "rights_trademark_batch_upd")):
        query = snapshot.fingerprint_query(cat.sources[name])
        if connection.vendor == "sqlite":
            assert f"USING COVERING INDEX {index}" in query.explain(), query.explain()
        else:
            with connection.cursor() as cursor:
                cursor.execute("SELECT 1 FROM pg_indexes WHERE indexname = %s", [index])
                assert cursor.fetchone() is not None
