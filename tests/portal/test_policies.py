"""Policy documents: lifecycle with versions and audit, public consultation through moderated opinions."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from ipgov.core.actor import Actor, acting_as
from ipgov.core.models import ObjectChange
from ipgov.core.scope import OutOfScope
from ipgov.portal import services
from ipgov.portal.choices import CommentStatus, PolicyStage
from ipgov.portal.models import Comment
from ipgov.portal.services import policies

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()  # the office's day, as the services count it (UTC's is a day behind from 16:00)


def system():
    return acting_as(Actor.system("test"))


@pytest.fixture
def draft():
    with system():
        return policies.save_policy(title="河南省强化知识产权保护的实施意见", text="第一条 ……")


def test_lifecycle_versions_and_audit(client, draft):
    with system():
        policies.save_policy(draft, title=draft.title, text="第一条 ……（修改）", note="征求意见前修改")
        policies.save_policy(draft, title=draft.title, text="第一条 ……（修改）")  # same text: no new version
        with pytest.raises(services.PortalError, match="deadline"):
            policies.move_policy(draft, "consult", consultation_ends=TODAY - datetime.timedelta(days=1))
        policies.move_policy(draft, "consult", consultation_ends=TODAY + datetime.timedelta(days=30))
        policies.move_policy(draft, "submit")
        with pytest.raises(services.PortalError, match="文号"):
            policies.move_policy(draft, "issue", issued_on=TODAY)
        doc = policies.move_policy(draft, "issue", doc_number="豫政〔2020〕1号", issued_on=TODAY)
        with pytest.raises(services.PortalError, match="no longer edited"):
            policies.save_policy(doc, title=doc.title, text="改")
    assert list(doc.versions.values_list("number", flat=True)) == [1, 2]
    assert (doc.stage, doc.doc_number, doc.effective_on) == (PolicyStage.ISSUED, "豫政〔2020〕1号", TODAY)
    steps = ObjectChange.objects.filter(object_type__model="policydocument", action="transition").order_by("pk")
    assert list(steps.values_list("message", flat=True)) == ["consult", "submit", "issue"]
    page = client.get(reverse("portal:policy", args=[doc.pk])).content.decode()
    assert "豫政〔2020〕1号" in page and "第一条 ……（修改）" in page
    assert f'<meta property="og:title" content="{doc.title}">' in page
    assert '<meta property="og:description" content="第一条 ……（修改）">' in page
    assert doc.title in client.get(reverse("portal:column", args=["policy"])).content.decode()


def test_drafts_and_submitted_documents_are_not_public(client, draft):
    assert client.get(reverse("portal:policy", args=[draft.pk])).status_code == 404
    with system():
        policies.move_policy(draft, "submit")
    assert client.get(reverse("portal:policy", args=[draft.pk])).status_code == 404


def test_revision_names_its_replacement(draft):
    with system():
        policies.move_policy(draft, "submit")
        old = policies.move_policy(draft, "issue", doc_number="豫发〔2016〕1号", issued_on=datetime.date(2016, 5, 1))
        new = policies.save_policy(title="新意见", text="全文")
        with pytest.raises(services.PortalError):
            policies.move_policy(old, "revise")
        old = policies.move_policy(old, "revise", replaced_by=new)
    assert old.stage == PolicyStage.REVISED and old.replaced_by == new


def test_opinions_go_through_captcha_and_moderation(client, draft, monkeypatch):
    monkeypatch.setattr("captcha.conf.settings.CAPTCHA_TEST_MODE", True)
    with system():
        policies.move_policy(draft, "consult", consultation_ends=TODAY + datetime.timedelta(days=10))
    url = reverse("portal:policy", args=[draft.pk])
    page = client.get(url).content.decode()  # the form, its captcha only once the visitor starts an opinion
    assert 'name="nickname"' in page and 'name="captcha_0"' not in page and "?captcha=1#opinions" in page
    assert 'name="captcha_0"' in client.get(url + "?captcha=1").content.decode()
    data = {"nickname": "律师", "body": "建议增加惩罚性赔偿条款<script>x</script>", "captcha_0": "x"}
    assert client.post(url, {**data, "captcha_1": "WRONG"}).status_code == 200
    assert client.post(url, {**data, "captcha_1": "PASSED"}).status_code == 302
    opinion = Comment.objects.get()
    assert opinion.policy == draft and opinion.article is None and opinion.status == CommentStatus.HELD
    with system():
        services.moderate_comment(opinion, approve=True)
    page = client.get(url).content.decode()
    assert "建议增加惩罚性赔偿条款&lt;script&gt;" in page
    with system():
        policies.move_policy(draft, "submit")  # consultation over: no more opinions
    with acting_as(Actor.anonymous()), pytest.raises(services.PortalError):
        services.submit_opinion(draft, nickname="甲", body="晚到的意见")


def test_consultation_closes_at_its_deadline(draft):
    with system():
        doc = policies.move_policy(draft, "consult", consultation_ends=TODAY)
    assert doc.consultation_open(TODAY) and not doc.consultation_open(TODAY + datetime.timedelta(days=1))


def test_city_officer_may_not_change_policies(draft, make_staff):
    from ipgov.core.choices import Role

    officer = make_staff("ly_officer", Role.CITY_OFFICER, "410300")
    with acting_as(Actor.for_user(officer)):
        with pytest.raises(OutOfScope):
            policies.save_policy(title="x", text="y")
        with pytest.raises(OutOfScope):
            policies.move_policy(draft, "submit")


def test_seed_policies(client):
    from ipgov.portal.seed import import_policies

    with system():
        first = import_policies()
        again = import_policies()
    assert [d.pk for d in first] == [d.pk for d in again]
    opinions, issued = first
    assert (opinions.stage, issued.stage) == (PolicyStage.SUBMITTED, PolicyStage.ISSUED)
    assert client.get(reverse("portal:policy", args=[opinions.pk])).status_code == 404  # 呈送审定: not public
    assert "演示占位" in client.get(reverse("portal:policy", args=[issued.pk])).content.decode()


def test_attachments_checked_listed_on_the_portal_and_audited(client, draft, settings, tmp_path, make_staff):
    """Upload through the staff page, a disguised file refused, shown on 政策法规 once public, every step audited."""
    import io

    from ipgov.core.choices import Role
    from ipgov.portal.models import PolicyAttachment

    settings.IPGOV_HOME = tmp_path
    editor = client.__class__()
    editor.force_login(make_staff("prov_admin", Role.PROVINCE_ADMIN, "410000"),
                       backend="ipgov.web.auth.StaffBackend")
    url = reverse("portal:staff-policy-attachment", args=[draft.pk])
    disguised = io.BytesIO(b"MZ\x90\x00 an executable")
    disguised.name = "实施意见.pdf"
    page = editor.post(url, {"file": disguised}, follow=True).content.decode()
    assert "实施意见.pdf 的内容与其扩展名 .pdf 不符" in page  # the page speaks zh-Hans
    assert not PolicyAttachment.objects.exists()  # nothing stored half-way
    with system(), pytest.raises(services.PortalError, match=r"macro\.exe.*\.exe"):  # type refused
        policies.add_attachment(draft, "macro.exe", b"MZ\x90\x00")
    real = io.BytesIO(b"%PDF-1.4 the draft for consultation")
    real.name = "实施意见（征求意见稿）.pdf"
    assert editor.post(url, {"file": real}).status_code == 302
    att = PolicyAttachment.objects.get()
    assert (att.document, att.name, att.size) == (draft, "实施意见（征求意见稿）.pdf", 35)
    assert (tmp_path / att.path).read_bytes() == b"%PDF-1.4 the draft for consultation"
    assert att.name in editor.get(reverse("portal:staff-policy", args=[draft.pk])).content.decode()
    file_url = reverse("portal:policy-attachment", args=[att.pk])
    assert client.get(file_url).status_code == 404  # drafting: not public, nor its files
    column = reverse("portal:column", args=["policy"])
    assert att.name not in client.get(column).content.decode()
    with system():
        policies.move_policy(draft, "consult", consultation_ends=TODAY + datetime.timedelta(days=10))
    listing = client.get(column).content.decode()
    assert draft.title in listing and att.name in listing and file_url in listing
    assert file_url in client.get(reverse("portal:policy", args=[draft.pk])).content.decode()
    response = client.get(file_url)
    assert response.status_code == 200 and b"".join(response.streaming_content).startswith(b"%PDF-1.4")
    assert response["X-Content-Type-Options"] == "nosniff"
    audit = ObjectChange.objects.filter(object_type__model="policyattachment")
    assert list(audit.values_list("action", "object_id", "actor")) == [("create", str(att.pk), "user:prov_admin")]
    assert audit.get().message == draft.title
    assert editor.post(url, {"remove": att.pk}).status_code == 302
    assert not PolicyAttachment.objects.exists()
    assert list(audit.order_by("pk").values_list("action", flat=True)) == ["create", "delete"]
    assert audit.order_by("pk").last().before["name"] == "实施意见（征求意见稿）.pdf"
    assert client.get(file_url).status_code == 404


def test_city_officer_may_not_attach(client, draft, make_staff, settings, tmp_path):
    import io

    from ipgov.core.choices import Role

    settings.IPGOV_HOME = tmp_path
    client.force_login(make_staff("ly_officer", Role.CITY_OFFICER, "410300"),
                       backend="ipgov.web.auth.StaffBackend")
    upload = io.BytesIO(b"%PDF-1.4 x")
    upload.name = "x.pdf"
    assert client.post(reverse("portal:staff-policy-attachment", args=[draft.pk]), {"file": upload}).status_code == 403
    assert not draft.attachments.exists()
