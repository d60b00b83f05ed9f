"""The demo's search-system export: imported with its saved mapping profile, 法律状态 as legal events,
and idempotent (a second run changes nothing)."""

import datetime

import pytest

from ipgov.core.actor import Actor, acting_as
from ipgov.core.ingest.models import ImportBatch, ImportProfile
from ipgov.demo.rights import PSS_FILE, PSS_PROFILE, _search_system_export
from ipgov.rights.choices import LegalEventKind
from ipgov.rights.models import Patent

pytestmark = pytest.mark.django_db


def test_search_system_export_with_its_profile_twice():
    with acting_as(Actor.system("demo")):
        assert _search_system_export([]) is True
        lines = []
        assert _search_system_export(lines) is False
    assert "未变化" in lines[0] and ImportBatch.objects.filter(file_name=PSS_FILE).count() == 1
    assert ImportProfile.objects.get(name=PSS_PROFILE).columns == {"通讯地址": "applicant_address"}
    patents = Patent.objects.filter(batch__file_name=PSS_FILE)
    assert sorted(patents.values_list("region_id", flat=True)) == ["410105", "410305", "410702", "411602"]
    bearing = patents.get(application_number__startswith="2023211873")
    assert (bearing.grant_date, bearing.terminated_on) == (datetime.date(2023, 8, 18), datetime.date(2025, 3, 1))
    assert [(e.kind, e.date) for e in bearing.events.all()] == [
        (LegalEventKind.GRANT, datetime.date(2023, 8, 18)), (LegalEventKind.LAPSE_NON_PAYMENT, datetime.date(2025, 3, 1))]
