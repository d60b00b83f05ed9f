"""Indexes for the filters and sorts staff use on the patent list (issue 17: lists at scale), each found by
EXPLAIN of the list's query (core.keyset's ids query and its count) on 200,000 patents in PostgreSQL, where
it was a sequential scan or a sort of the whole table:

  rights_patent_terminated       ?status=terminated (grant_date and terminated_on set); ?sort=terminated_on
                                 (the id DESC tiebreaker too: most patents share terminated_on NULL)
  rights_patent_pct_filed        ?is_pct=true, newest first (partial: the few PCT national-phase patents)
  rights_patent_grant_desc       ?sort=-grant_date: DESC NULLS LAST, the order core.keyset gives nullable keys
                                 (PostgreSQL only: SQLite has no NULLS LAST in an index; its index on
                                 grant_date reads NULLs last when walked backwards anyway)
  rights_patent_ipc_prefix       ?ipc=G06: UPPER(ipc_main) LIKE 'G06%' (PostgreSQL: text_pattern_ops)
  rights_patent_application_number_trgm / _fts
                                 ?q=2015…: a number or part of one, searched in the number and the title
                                 (core.textsearch; the title already had its trigram index)
"""

from django.db import migrations, models

from ipgov.core.textsearch import index_operations

PG_INDEXES = {
    "rights_patent_grant_desc": 'ON "rights_patent" ("grant_date" DESC NULLS LAST, "id" DESC)',
    "rights_patent_ipc_prefix": 'ON "rights_patent" (UPPER("ipc_main"::text) text_pattern_ops)',
}


def create_pg(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for name, definition in PG_INDEXES.items():
            schema_editor.execute(f'CREATE INDEX IF NOT EXISTS "{name}" {definition}')


def drop_pg(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for name in PG_INDEXES:
            schema_editor.execute(f'DROP INDEX IF EXISTS "{name}"')


class Migration(migrations.Migration):

    dependencies = [
        ("rights", "0005_substring_search"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="patent",
            index=models.Index(fields=["terminated_on", "-id"], name="rights_patent_terminated"),
        ),
        migrations.AddIndex(
            model_name="patent",
            index=models.Index(condition=models.Q(("is_pct", True)), fields=["filing_date"],
                               name="rights_patent_pct_filed"),
        ),
        migrations.RunPython(create_pg, drop_pg, elidable=False),
        *index_operations("rights_patent", "application_number"),
    ]
