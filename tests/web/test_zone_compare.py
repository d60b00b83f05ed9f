"""A navigation zone's page compared with another zone (`?with=<pk>`): the selector lists the other zones in
the user's scope, and a zone outside it does not exist (404), through the one scope check (get_zone)."""

import datetime

import pytest
from django.urls import reverse

from tests.web.conftest import login

pytestmark = pytest.mark.django_db


def _zone(name, region):
    from ipgov.analysis import concordance, services
    from ipgov.core.actor import Actor, acting_as
    from ipgov.programs.models import Designation, Organization

    concordance.load_shipped()
    org = Organization.objects.create(name=name, kind="park", region_id=region)
    zone = Designation.objects.create(organization=org, kind="patent_navigation_zone", level="provincial", year=2017,
                                      status="designated", region_id=region, designated_on=datetime.date(2017, 5, 1))
    with acting_as(Actor.system("test")):
        services.set_zone_industries(zone, ["wipo35:20"])
    return zone


def test_zone_compared_with_another(client, admin_user, luoyang_officer):
    zz = _zone("郑州金水专利导航产业发展实验区", "410105")
    ly = _zone("洛阳涧西专利导航产业发展实验区", "410305")
    ly2 = _zone("洛阳高新专利导航产业发展实验区", "410306")
    login(client, admin_user)
    page = client.get(reverse("web:zone", args=[zz.pk]), {"period": "2019", "with": ly.pk}).content.decode()
    assert 'id="compare-1"' in page and f'<option value="{ly.pk}" selected>' in page
    assert "郑州金水专利导航产业发展实验区 compared with 洛阳涧西专利导航产业发展实验区" in page \
        or "郑州金水专利导航产业发展实验区与洛阳涧西专利导航产业发展实验区比较" in page
    assert f'<option value="{zz.pk}"' not in page  # the zone itself is not offered
    # 洛阳's officer: 郑州's zone is neither shown nor comparable; 洛阳's own two are
    client.logout()
    login(client, luoyang_officer)
    page = client.get(reverse("web:zone", args=[ly.pk]), {"with": ly2.pk})
    assert page.status_code == 200 and 'id="compare-1"' in page.content.decode()
    assert "郑州金水" not in page.content.decode()
    assert client.get(reverse("web:zone", args=[ly.pk]), {"with": zz.pk}).status_code == 404
    assert client.get(reverse("web:zone", args=[zz.pk]), {"with": ly.pk}).status_code == 404
