"""The snapshot's fingerprint of the register — per import batch, its rows and latest write
(`indicators.executors.snapshot._fingerprints`: `GROUP BY batch_id` with `COUNT`, `MAX(updated)`) — read from an
index alone: (batch_id, updated) on patents and trademarks. Every compute asks it (the incremental compute after a
monthly delta among them). batch_id leads the new index, so it also serves every `batch_id = …` query (a batch's
records, the PROTECT check when a batch is deleted): the single-column batch_id indexes go, and an import keeps one
index up to date where it kept one before (its rows share one batch and one time: appended at the index's end).
On the demo's register (SQLite): 0.20 → 0.08 s for the patents, 0.31 → 0.15 s for the trademarks.

Dropped by name: Django's AlterField would copy the whole table on SQLite to drop an index."""

import django.db.models.deletion
from django.db import migrations, models

OLD = {"rights_patent": "rights_patent_batch_id_0984ad6a", "rights_trademark": "rights_trademark_batch_id_d6bb3b53"}


def drop(apps, schema_editor):
    for name in OLD.values():
        schema_editor.execute(f'DROP INDEX IF EXISTS "{name}"')


def create(apps, schema_editor):
    for table, name in OLD.items():
        schema_editor.execute(f'CREATE INDEX IF NOT EXISTS "{name}" ON "{table}" ("batch_id")')


class Migration(migrations.Migration):

    dependencies = [
        ('core', '0002_ingest_models'),
        ('rights', '0009_trademark_region_unindexed'),
    ]

    operations = [
        migrations.AddIndex(
            model_name='patent',
            index=models.Index(fields=['batch', 'updated'], name='rights_patent_batch_upd'),
        ),
        migrations.AddIndex(
            model_name='trademark',
            index=models.Index(fields=['batch', 'updated'], name='rights_trademark_batch_upd'),
        ),
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name='patent',
                    name='batch',
                    field=models.ForeignKey(blank=True, db_index=False, null=True,
                                            on_delete=django.db.models.deletion.PROTECT, related_name='patents',
                                            to='core.importbatch', verbose_name='last written by batch'),
                ),
                migrations.AlterField(
                    model_name='trademark',
                    name='batch',
                    field=models.ForeignKey(blank=True, db_index=False, null=True,
                                            on_delete=django.db.models.deletion.PROTECT, related_name='trademarks',
                                            to='core.importbatch', verbose_name='last written by batch'),
                ),
            ],
            database_operations=[migrations.RunPython(drop, create)],
        ),
    ]
