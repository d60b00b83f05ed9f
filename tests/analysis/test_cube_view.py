"""The cube's view (analysis/cubeview.py) never blocks a migration that rebuilds rights_patent: it is dropped
before `migrate` and created again after it."""

import pytest
from django.db import connection, models
from django.db.models.signals import post_migrate, pre_migrate


@pytest.mark.django_db(transaction=True)
def test_a_rebuild_of_rights_patent_between_the_migrate_signals():
    from django.apps import apps

    from ipgov.analysis.models import PatentIndustryCell
    from ipgov.rights.models import Patent

    config = apps.get_app_config("analysis")
    old = Patent._meta.get_field("title")
    new = models.CharField(max_length=777, blank=True)
    new.set_attributes_from_name("title")
    new.model = Patent
    pre_migrate.send(sender=config, app_config=config, verbosity=0, interactive=False, using="default",
                     apps=apps, plan=[])
    with connection.schema_editor() as editor:  # SQLite rebuilds the table: a live view would stop it
        editor.alter_field(Patent, old, new)
    with connection.schema_editor() as editor:
        editor.alter_field(Patent, new, old)
    post_migrate.send(sender=config, app_config=config, verbosity=0, interactive=False, using="default",
                      apps=apps, plan=[])
    assert list(PatentIndustryCell.objects.all()) == []  # the view is back
