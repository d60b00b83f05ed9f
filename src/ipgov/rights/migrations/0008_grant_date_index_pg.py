"""One index fewer for the import to keep up to date on PostgreSQL (issue 17): rights_patent's plain index on
grant_date. There, rights_patent_grant_desc — (grant_date DESC NULLS LAST, id DESC), 0006_list_indexes —
serves every query the plain one did:

  `valid_on(d)` and the filter `granted_before` (grant_date <= d), `granted_after` (>=), the analysis
  windows (grant_date BETWEEN a AND b): Bitmap Index Scan on rights_patent_grant_desc (EXPLAIN on 20,000
  imported patents, bench/README.md "Import: mapping ahead of the writer");
  ?status=pending (grant_date IS NULL): a btree searches IS NULL the same way;
  ?sort=-grant_date / grant_date: the index walked forwards or backwards.

SQLite keeps the plain index (it has no rights_patent_grant_desc: no NULLS LAST in its indexes).
"""

from django.db import migrations

INDEX = "rights_patent_grant_date_d5d5fb9e"


def on_postgresql(sql: str):
    """A migration step that runs `sql` on PostgreSQL only."""
    def step(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql)
    return step


class Migration(migrations.Migration):

    dependencies = [
        ('rights', '0007_import_indexes'),
    ]

    operations = [
        migrations.RunPython(on_postgresql(f'DROP INDEX IF EXISTS "{INDEX}"'),
                             on_postgresql(f'CREATE INDEX IF NOT EXISTS "{INDEX}" ON "rights_patent" ("grant_date")'),
                             elidable=False),
    ]
