"""The admin shows cases read-only and only within the staff member's region."""

from django.contrib.auth.models import Permission

from ipgov.cases import services
from ipgov.cases.choices import Kind

from .helpers import D


def test_admin_lists_only_cases_in_scope(client, system, luoyang):
    ly = services.open_case(Kind.PATENT_DISPUTE, region="410300", authority="洛阳市市场监督管理局",
                            received_on=D(2019, 5, 6))
    zz = services.open_case(Kind.PATENT_DISPUTE, region="410100", authority="郑州市市场监督管理局",
                            received_on=D(2019, 5, 6))
    luoyang.is_staff = True
    luoyang.save(update_fields=["is_staff"])
    luoyang.user_permissions.add(Permission.objects.get(codename="view_case"))
    client.force_login(luoyang)
    page = client.get("/admin/cases/case/")
    assert page.status_code == 200
    assert ly.number in page.text and zz.number not in page.text
    assert client.get(f"/admin/cases/case/{ly.pk}/change/").status_code == 200
    assert client.get(f"/admin/cases/case/{zz.pk}/change/").status_code == 302  # not found in scope
    assert client.post(f"/admin/cases/case/{ly.pk}/delete/").status_code == 403
