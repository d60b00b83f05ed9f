import pytest
from django.contrib.auth import get_user_model

from ipgov.core.actor import Actor, acting_as
from ipgov.core.choices import Role
from ipgov.core.models import StaffProfile


def make_staff(username: str, role: str, region: str, organization: str = ""):
    user = get_user_model().objects.create_user(username=username, password="x-pass-123")
    StaffProfile.objects.create(user=user, role=role, region_id=region, organization=organization)
    return user


@pytest.fixture
def luoyang(db):
    return make_staff("luoyang_officer", Role.CITY_OFFICER, "410300")  # 洛阳市


@pytest.fixture
def zhengzhou(db):
    return make_staff("zhengzhou_officer", Role.CITY_OFFICER, "410100")  # 郑州市


@pytest.fixture
def province(db):
    return make_staff("province_admin", Role.PROVINCE_ADMIN, "410000")


@pytest.fixture
def center_staff(db):
    return make_staff("zz_center", Role.CENTER_STAFF, "410100", "中国郑州（创意产业）知识产权快速维权中心")


@pytest.fixture
def leader(db):
    return make_staff("leader", Role.LEADER, "410000")


@pytest.fixture
def as_user():
    def enter(user):
        return acting_as(Actor.for_user(user))
    return enter


@pytest.fixture
def system(db):
    with acting_as(Actor.system("test")):
        yield


@pytest.fixture(autouse=True)
def home(settings, tmp_path):
    settings.IPGOV_HOME = tmp_path
    return tmp_path


@pytest.fixture(autouse=True)
def _source_language():
    """The case engine's messages are asserted here as the source writes them (the English msgids);
    their zh-Hans text is checked by tests/core/test_translations.py and the web tests."""
    from django.utils import translation

    with translation.override("en"):
        yield
