"""Moving ImportBatch, ImportRowError and RecordVersion from `rights` to `core` keeps every row."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("core", "0001_initial"), ("rights", "0002_fewer_indexes")]
AFTER = [("core", "0002_ingest_models"), ("rights", "0004_ingest_models_to_core")]


@pytest.mark.django_db(transaction=True)
def test_existing_batches_survive_the_move_to_core():
    from ipgov.analysis import cubeview

    cubeview.drop()  # `migrate` drops the cube's view first; the executor alone does not (analysis/cubeview.py)
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    Batch = old.get_model("rights", "ImportBatch")
    batch = Batch.objects.create(file_name="old.csv", checksum="ab" * 32, format="csv", kind="patents",
                                 actor="cli:import", started="2026-01-01T00:00:00Z", rows_total=3, rows_ok=2)
    old.get_model("rights", "ImportRowError").objects.create(batch=batch, row=3, field="申请号", reason="bad")
    old.get_model("rights", "RecordVersion").objects.create(record_type="patent", record_key="X", data={"a": 1},
                                                             replaced_by=batch)
    ContentType = old.get_model("contenttypes", "ContentType")
    ContentType.objects.get_or_create(app_label="rights", model="importbatch")

    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)
    new = executor.loader.project_state(AFTER).apps
    moved = new.get_model("core", "ImportBatch").objects.get()
    assert (moved.pk, moved.file_name, moved.rows_ok) == (batch.pk, "old.csv", 2)
    assert [e.row for e in new.get_model("core", "ImportRowError").objects.filter(batch=moved)] == [3]
    assert new.get_model("core", "RecordVersion").objects.get().replaced_by_id == batch.pk
    assert ContentType.objects.filter(app_label="core", model="importbatch").exists()
    assert not ContentType.objects.filter(app_label="rights", model="importbatch").exists()

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
    cubeview.create()
