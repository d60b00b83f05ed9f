"""The portal's demo step: seed article, 20 articles, comments in every moderation state, policy documents;
idempotent."""

import pytest

from ipgov.core.actor import Actor, acting_as
from ipgov.demo.steps import DemoContext

pytestmark = pytest.mark.django_db


def test_demo_step_publishes_and_is_idempotent(cube, tmp_path, settings):
    from ipgov.demo.portal import publish_portal
    from ipgov.portal.models import Article, Comment, PolicyDocument

    settings.IPGOV_HOME = tmp_path
    with acting_as(Actor.system("demo")):
        first = publish_portal(DemoContext(home=tmp_path))
        second = publish_portal(DemoContext(home=tmp_path))
    assert first.changed and not second.changed
    assert Article.objects.visible().count() == 21
    assert {s: Comment.objects.filter(status=s).count() for s in ("published", "held", "rejected")} == {
        "published": 2, "held": 1, "rejected": 2}
    assert Comment.objects.filter(flagged="代开发票").exists()
    stages = dict(PolicyDocument.objects.values_list("title", "stage"))
    assert stages["河南省强化知识产权保护的实施意见"] == "submitted"
    assert stages["关于新形势下加快知识产权强省建设的若干意见"] == "issued"
    assert any(line.startswith("Public portal: http") and line.endswith("/portal/") for line in second.lines)
