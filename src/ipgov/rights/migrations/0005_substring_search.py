"""Trigram indexes for the applicant and title searches of the patent list (ipgov.core.textsearch)."""

from django.db import migrations

from ipgov.core.textsearch import index_operations


class Migration(migrations.Migration):

    dependencies = [
        ("rights", "0004_ingest_models_to_core"),
    ]

    operations = [
        *index_operations("rights_applicant", "name"),
        *index_operations("rights_patent", "title"),
        *index_operations("rights_trademark", "owner_name"),
    ]
