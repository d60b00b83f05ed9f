import datetime

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from ipgov.core.choices import Role
from ipgov.core.models import ObjectChange, StaffProfile
from ipgov.programs.choices import DesignationKind, Level, OrganizationKind
from ipgov.programs.models import Designation
from ipgov.programs.services.designations import designate
from ipgov.programs.services.organizations import create_organization

pytestmark = pytest.mark.django_db
LISTS = ["programs_organization", "programs_designation", "programs_award", "programs_trainingevent",
         "finance_pledge", "finance_fund", "finance_auction", "finance_trustproduct", "finance_operationcitygrant"]


@pytest.fixture
def designations(actor):
    zz = create_organization("郑州甲公司", OrganizationKind.ENTERPRISE, "410102")
    ly = create_organization("洛阳乙公司", OrganizationKind.ENTERPRISE, "410302")
    return [designate(o, DesignationKind.ADVANTAGE_ENTERPRISE, Level.NATIONAL, 2018, date=datetime.date(2018, 5, 1))
            for o in (zz, ly)]


def test_admin_lists_and_action_are_audited_as_the_user(client, designations):
    admin = get_user_model().objects.create_superuser("root", "root@example.org", "pw-long-enough")
    client.force_login(admin)
    for name in LISTS:
        assert client.get(reverse(f"admin:{name}_changelist")).status_code == 200, name
    d = designations[0]
    assert client.get(reverse("admin:programs_designation_change", args=[d.pk])).status_code == 200
    response = client.post(reverse("admin:programs_designation_changelist"),
                           {"action": "accept", "_selected_action": [d.pk]}, follow=True)
    assert response.status_code == 200
    d.refresh_from_db()
    assert d.status == "accepted" and d.accepted_on is not None
    assert ObjectChange.objects.filter(actor="user:root", action="transition", object_id=str(d.pk)).exists()


def test_city_officer_sees_only_their_region(client, designations):
    user = get_user_model().objects.create_user("ly", password="pw-long-enough", is_staff=True)
    StaffProfile.objects.create(user=user, role=Role.CITY_OFFICER, region_id="410300")
    from django.contrib.auth.models import Permission

    user.user_permissions.add(Permission.objects.get(codename="view_designation"))
    client.force_login(user)
    page = client.get(reverse("admin:programs_designation_changelist")).content.decode()
    assert "洛阳乙公司" in page and "郑州甲公司" not in page
    assert Designation.objects.restrict(user).count() == 1


def test_province_administrator_runs_the_documented_actions(client, designations, actor):
    """The pledge-release and designation actions are the province administrator's work: not a 403."""
    from ipgov.core.actor import Actor, acting_as
    from ipgov.core.services import save_staff_user
    from ipgov.finance.models import Pledge
    from tests.web.scope_fixtures import FACTORIES

    with acting_as(Actor.system("test-setup")):
        user = save_staff_user("henan_admin", Role.PROVINCE_ADMIN, "410000", password="Henan-admin-2020").user
    pledge = FACTORIES["pledges"]("410300", 1)
    client.force_login(user)
    for name in LISTS:
        assert client.get(reverse(f"admin:{name}_changelist")).status_code == 200, name
    assert client.get(reverse("admin:index")).status_code == 200
    d = designations[0]
    client.post(reverse("admin:programs_designation_changelist"), {"action": "accept", "_selected_action": [d.pk]})
    d.refresh_from_db()
    assert d.status == "accepted"
    client.post(reverse("admin:finance_pledge_changelist"), {"action": "release", "_selected_action": [pledge.pk]})
    pledge.refresh_from_db()
    assert pledge.status == "released" and pledge.ended_on is not None
    assert ObjectChange.objects.filter(actor="user:henan_admin", object_id=str(pledge.pk)).exists()
    # still read-only, and a city officer (not staff) stays out
    assert client.post(reverse("admin:finance_pledge_change", args=[pledge.pk]), {}).status_code == 403
    with acting_as(Actor.system("test-setup")):
        officer = save_staff_user("ly", Role.CITY_OFFICER, "410300", password="Luoyang-off-2020").user
    client.force_login(officer)
    assert client.get(reverse("admin:finance_pledge_changelist")).status_code == 302
    assert Pledge.objects.get(pk=pledge.pk).status == "released"
