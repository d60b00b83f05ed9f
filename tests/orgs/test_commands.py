"""`ipgov orgs` and `ipgov applicants`: output and user-caused failures as sentences."""

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from ipgov.core.credit_code import make
from ipgov.orgs import services
from ipgov.orgs.models import Organization

pytestmark = pytest.mark.django_db


def run(*args) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_show_review_and_assign():
    assert "郑州大学第一附属医院 → 郑州大学" in run("orgs", "show", "郑州大学第一附属医院")
    a, b = make("410100", "MA0000001"), make("410300", "MA0000002")
    services.link_credit_codes([("洛阳华瑞科技有限公司", a), ("洛阳华瑞科技股份有限公司", b)], "organizations")
    listing = run("orgs", "review")
    assert f"{a}, {b}" in listing and "洛阳华瑞科技有限公司" in listing
    conflict_id = listing.split()[0].lstrip("#")
    assert b in run("orgs", "review", "--decide", conflict_id, "--code", b)
    assert Organization.objects.get(key="洛阳华瑞科技").credit_code == b
    with pytest.raises(CommandError, match="不是该冲突中的代码"):
        run("orgs", "review", "--decide", conflict_id, "--code", make("410500", "MA0000003"))
    with pytest.raises(CommandError, match="个人"):
        run("applicants", "assign", "张伟", "410100")
    with pytest.raises(CommandError, match="未知的区划代码"):
        run("applicants", "assign", "洛阳华瑞科技有限公司", "419999")
    assert run("applicants", "unresolved").strip() == "所有记录均已确定地区"
