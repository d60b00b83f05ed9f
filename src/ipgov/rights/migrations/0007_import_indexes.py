"""Fewer indexes for the import to keep up to date (issue 17, set-based import): each btree index on
rights_patent costs ~10–15 µs per imported record on PostgreSQL, a trigram index ~30 µs. Dropped, as no
query uses them:

  rights_patent_region_id_…        region_id alone: region_id leads both (region_id, patent_type, date)
                                   indexes, which serve every `region_id = / IN (…)` (scope's restrict,
                                   the counts, the PROTECT check when a region is deleted)
  rights_patent_region_id_…_like   varchar_pattern_ops for LIKE 'x%' on region_id: no query does that
  rights_patent_application_number_…_like (PostgreSQL) LIKE 'x%' on the number: none either — searches
                                   are substring searches (`UPPER(…) LIKE '%x%'`, core.textsearch and the
                                   admin's icontains), served by rights_patent_application_number_trgm;
                                   equality and IN (the import's lookup) use the unique index

Kept, with the query that uses each:
  rights_patent_pkey, _application_number_key   ids; `application_number IN (…)` of each import chunk
  rights_pate_region__d69c05_idx   (region_id, patent_type, filing_date): scope-restricted lists and the
                                   counts of applications by region/type/filing date; region PROTECT
  rights_pate_region__14272d_idx   (region_id, patent_type, grant_date): `valid_on()` and grant counts by
                                   region/type
  rights_patent_filing_date_…      the list's default order (-filing_date), the admin's date hierarchy
  rights_patent_grant_date_…       `valid_on(d)`: grant_date <= d; ?status=pending (grant_date IS NULL)
  rights_patent_batch_id_…         a batch's records (`Patent.objects.filter(batch=…)`: the batch page,
                                   the scope count of a dry run); PROTECT when a batch is deleted
  rights_patent_title_trgm, _application_number_trgm   ?q= and the admin's search (substring)
  rights_patent_terminated, _pct_filed, _grant_desc, _ipc_prefix   the staff list (0006_list_indexes)
  rights_applicant: pkey; (patent_id, position) unique: a patent's applicants (prefetch, the import's
                    versions); rights_applicant_name_trgm: the applicant search (河南大学)
  rights_legalevent: pkey; patent_id: a patent's events; (kind, date): events by kind and date (counts)
"""

import django.db.models.deletion
from django.db import migrations, models

from ipgov.core.textsearch import index_operations

LIKE_INDEX = "rights_patent_application_number_e521890a_like"


def drop_like(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f'DROP INDEX IF EXISTS "{LIKE_INDEX}"')


def create_like(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f'CREATE INDEX IF NOT EXISTS "{LIKE_INDEX}" ON "rights_patent" '
                              '("application_number" varchar_pattern_ops)')


class Migration(migrations.Migration):

    dependencies = [
        ('regions', '0001_initial'),
        ('rights', '0006_list_indexes'),
    ]

    operations = [
        migrations.AlterField(
            model_name='patent',
            name='region',
            field=models.ForeignKey(blank=True, db_index=False, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='patents', to='regions.region', verbose_name='region of the first applicant'),
        ),
        migrations.RunPython(drop_like, create_like, elidable=False),
        # SQLite alters the field by remaking rights_patent, which drops the full-text triggers of its
        # searched columns (0005, 0006): create them again and rebuild their index (PostgreSQL: no-op)
        *[migrations.RunPython(op.code, migrations.RunPython.noop, elidable=False)
          for column in ("title", "application_number") for op in index_operations("rights_patent", column)],
    ]
