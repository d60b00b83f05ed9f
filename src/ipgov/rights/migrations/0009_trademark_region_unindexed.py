"""The trademarks' region_id index dropped, as the patents' was (0007): region_id leads
rights_trad_region__fcdd6d_idx (region_id, registration_date), which serves every `region_id = / IN (…)`
query (the scope's restriction, the counts by region, the PROTECT check when a region is deleted). On
PostgreSQL its varchar_pattern_ops twin (…_like, for LIKE 'x%' on a region code) goes too: no query does
that. One index less for each imported trademark to keep up to date (1.37 million in the demo).

Dropped by name: Django's AlterField would copy the whole table on SQLite to drop an index."""

import django.db.models.deletion
from django.db import migrations, models

INDEX = "rights_trademark_region_id_5e582267"


def drop(apps, schema_editor):
    schema_editor.execute(f'DROP INDEX IF EXISTS "{INDEX}"')
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f'DROP INDEX IF EXISTS "{INDEX}_like"')


def create(apps, schema_editor):
    schema_editor.execute(f'CREATE INDEX IF NOT EXISTS "{INDEX}" ON "rights_trademark" ("region_id")')
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f'CREATE INDEX IF NOT EXISTS "{INDEX}_like" ON "rights_trademark" '
                              '("region_id" varchar_pattern_ops)')


class Migration(migrations.Migration):

    dependencies = [
        ('rights', '0008_grant_date_index_pg'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name='trademark',
                    name='region',
                    field=models.ForeignKey(blank=True, db_index=False, null=True,
                                            on_delete=django.db.models.deletion.PROTECT,
                                            related_name='trademarks', to='regions.region',
                                            verbose_name='region of the owner'),
                ),
            ],
            database_operations=[migrations.RunPython(drop, create)],
        ),
    ]
