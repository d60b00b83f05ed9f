import subprocess
import sys

import pytest
from django.contrib.auth import get_user_model
from django.utils import translation

from ipgov.core import audit
from ipgov.core.actor import Actor, NoActorError, acting_as, current_actor
from ipgov.core.choices import Role
from ipgov.core.models import ObjectChange, StaffProfile
from ipgov.core.scope import OutOfScope, check_region, region_in_scope
from ipgov.regions.models import Population, Region


def test_write_without_actor_fails_loudly(db):
    region = Region.objects.get(code="410100")
    with pytest.raises(NoActorError, match="acting_as"):
        audit.record(region, ObjectChange.Action.UPDATE)


def test_audit_records_who_and_what(db):
    region = Region.objects.get(code="410100")
    with acting_as(Actor(label="cli:tester", remote_addr="127.0.0.1")) as actor:
        assert current_actor() is actor
        entry = audit.record(region, ObjectChange.Action.UPDATE, before={"name": "x"}, message="rename")
    assert current_actor() is None
    assert entry.actor == "cli:tester" and entry.object_id == "410100"
    assert entry.after["name"] == "郑州市" and entry.before == {"name": "x"}


def test_bulk_audit(db):
    with acting_as(Actor.system("import")):
        n = audit.record_bulk(Population, [("1", "a", ""), ("2", "b", "")], ObjectChange.Action.IMPORT,
                              message="batch 1")
    assert n == 2
    assert ObjectChange.objects.filter(actor="system:import", message="batch 1").count() == 2


def _officer(username, region_code, role=Role.CITY_OFFICER):
    user = get_user_model().objects.create_user(username, password="x")
    StaffProfile.objects.create(user=user, role=role, region_id=region_code)
    return user


def test_region_scope(db):
    luoyang = _officer("ly", "410300")
    assert region_in_scope("410305", who=luoyang)  # 涧西区
    assert region_in_scope("410371", who=luoyang)  # 洛阳高新区 (zone)
    assert not region_in_scope("410105", who=luoyang)  # 郑州金水区
    with translation.override("en"), pytest.raises(OutOfScope, match="may not change records of region 410100"):
        check_region("410100", "change", who=luoyang)
    # in the office's language (the default) the whole sentence is Chinese, the action included
    with pytest.raises(OutOfScope, match="^ly 无权修改地区 410100 的记录$"):
        check_region("410100", "change", who=luoyang)
    leader = _officer("boss", "410000", Role.LEADER)
    assert region_in_scope("410105", who=leader)
    assert not region_in_scope("410105", "change", who=leader)


def test_cli_help_lists_project_verbs():
    out = subprocess.run([sys.executable, "-m", "ipgov", "--help"], capture_output=True, text=True,
                         check=True).stdout
    for verb in ("demo", "region", "serve"):
        assert f"\n  {verb} " in out
