"""`AnyOf`: many values as one parameter, text or integers, on SQLite and PostgreSQL — more values than
SQLite takes placeholders (32,766), with the right rows found and no others."""

import pytest
from django.db.models import F

from ipgov.core.anyof import AnyOf
from ipgov.orgs.models import ApplicantName, Organization
from ipgov.orgs.services import harmonise_names

pytestmark = pytest.mark.django_db


def test_text_and_integer_values_as_one_parameter():
    keys = ["河南大学", "郑州大学", "it's \"quoted\" {braced}, commas"]
    made = Organization.objects.bulk_create([Organization(key=k, name=k) for k in keys])
    wanted = [keys[0], keys[2]] + [f"no-such-key-{i}" for i in range(40_000)]
    found = set(Organization.objects.filter(AnyOf(F("key"), wanted)).values_list("key", flat=True))
    assert found == {keys[0], keys[2]}
    ids = [o.pk for o in Organization.objects.filter(key__in=keys[1:])]
    assert set(Organization.objects.filter(AnyOf(F("pk"), ids + list(range(10**9, 10**9 + 40_000))))
               .values_list("key", flat=True)) == set(keys[1:])
    assert not Organization.objects.filter(AnyOf(F("key"), [])).exists()
    assert len(made) == 3


def test_harmonise_names_links_each_new_name_once_to_its_organization():
    names = {"河南大学", "河南大学 ", "郑州大学", "张三"}
    assert harmonise_names(names, individuals={"张三"}) == 4
    assert harmonise_names(names | {"洛阳理工学院"}) == 1  # the known ones are not linked again
    linked = dict(ApplicantName.objects.values_list("raw", "organization__key"))
    assert linked["张三"] is None  # a person has no organization
    assert linked["河南大学"] == linked["河南大学 "] and linked["河南大学"] != linked["郑州大学"]
    assert Organization.objects.count() == 3
