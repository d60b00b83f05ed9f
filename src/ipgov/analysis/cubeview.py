"""The database view behind the cube's source `patent_industries` (models.PatentIndustryCell).

A view that reads `rights_patent` would stop any later migration that rebuilds or retypes that table
(SQLite rebuilds a table to alter a column and then refuses a view naming the dropped table; PostgreSQL
refuses to retype a column a view uses). So the view is dropped before every `migrate` and created again
after it (pre_migrate / post_migrate, connected in apps.py): migrations of other apps never see it."""

from __future__ import annotations

from django.db import connections

NAME = "analysis_patentindustry_cube"
CREATE = f"""
CREATE VIEW {NAME} AS
SELECT m.id AS id, m.patent_id AS patent_id, m.scheme AS scheme, m.target AS target,
       p.region_id AS region_id, p.batch_id AS batch_id, p.patent_type AS patent_type,
       p.applicant_type AS applicant_type, p.filing_date AS filing_date, p.grant_date AS grant_date,
       p.terminated_on AS terminated_on,
       CASE WHEN p.updated > m.updated THEN p.updated ELSE m.updated END AS updated
FROM analysis_patentindustry m JOIN rights_patent p ON p.id = m.patent_id
"""
DROP = f"DROP VIEW IF EXISTS {NAME}"


def drop(using: str = "default", **kwargs) -> None:
    with connections[using].cursor() as cursor:
        cursor.execute(DROP)


def create(using: str = "default", **kwargs) -> None:
    """(Re)create the view when both tables exist (a migration back before analysis 0003 leaves it out)."""
    connection = connections[using]
    tables = set(connection.introspection.table_names())
    if not {"analysis_patentindustry", "rights_patent"} <= tables:
        return
    with connection.cursor() as cursor:
        cursor.execute(DROP)
        cursor.execute(CREATE)
