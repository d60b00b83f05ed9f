"""A county's patents newest first (issue 21): (region_id, filing_date DESC), the staff list's default order within
one region. A county officer's list — or a province's with ?region=<county> — is read in order from the county's
rows, so a page of an applicant search stops after its 50 rows. Without it PostgreSQL fetched all the county's
patents, tested each for the name and sorted them (10 million patents, 河南大学 in 410102: 63,379 patents tested
for 829, ~600 ms; with it, the page reads along the index and stops after its rows).

rights_pate_region__d69c05_idx (region_id, patent_type, filing_date) does not give this order: the type comes
between. PostgreSQL only: SQLite's applicant search takes another way (core.textsearch.among), and an index
more is a cost on every import of the demo's register (its writes keep each index up to date)."""

from django.db import migrations

INDEX = "rights_patent_region_filed"


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f'CREATE INDEX IF NOT EXISTS "{INDEX}" ON "rights_patent" ("region_id", "filing_date" DESC)')


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f'DROP INDEX IF EXISTS "{INDEX}"')


class Migration(migrations.Migration):

    dependencies = [
        ('rights', '0010_batch_updated_indexes'),
    ]

    operations = [
        migrations.RunPython(create, drop, elidable=False),
    ]
