"""Public service forms: real cases and registrations through the case services, tracked by number + phone."""

import io

import pytest
from django.urls import reverse

from ipgov.cases.models import Case, CaseDocument, RegisteredEnterprise
from ipgov.core.models import ObjectChange
from ipgov.portal.models import ServiceRequest

pytestmark = pytest.mark.django_db
XSS = '<script>alert(1)</script>'
CREDIT_CODE = "91410100MA44F1QY89"


@pytest.fixture(autouse=True)
def _captcha_test_mode(monkeypatch, settings, tmp_path):
    monkeypatch.setattr("captcha.conf.settings.CAPTCHA_TEST_MODE", True)
    settings.IPGOV_HOME = tmp_path


def file(client, kind, address="203.0.113.5", **data):
    data = {"captcha_0": "x", "captcha_1": "PASSED", "website": "", **data}
    return client.post(reverse("portal:service", args=[kind]), data, REMOTE_ADDR=address)


ASSIST = {"name": "张三", "requester_type": "public", "phone": "138 0000 1234", "region": "410300",
          "right_type": "patent", "description": "我的外观设计专利在洛阳被仿冒，需要维权指导"}


def track(client, number, phone):
    return client.post(reverse("portal:status"), {"number": number, "phone": phone}, REMOTE_ADDR="203.0.113.5")


def test_assistance_request_opens_a_case_and_is_tracked(client):
    upload = io.BytesIO(b"%PDF-1.4 request")
    upload.name = "申请书.pdf"
    response = file(client, "assistance", **ASSIST, document=upload)
    assert response.status_code == 200
    filed = ServiceRequest.objects.get()
    assert filed.number in response.content.decode()
    case = filed.case
    assert (case.kind, case.region_id, case.state, case.channel) == ("assistance", "410300", "received", "online")
    assert case.parties.get().name == "张三" and CaseDocument.objects.get(case=case).name.endswith(".pdf")
    assert case.deadlines.filter(key="response").exists()
    audit = ObjectChange.objects.get(object_type__model="case", action="create", object_id=str(case.pk))
    assert (audit.actor, audit.remote_addr) == ("system:portal", "203.0.113.5")
    page = track(client, filed.number, "13800001234").content.decode()
    from django.utils import translation

    from ipgov.cases.kinds import get_kind

    with translation.override("zh-hans"):
        assert f'<dd class="state">{get_kind("assistance").state("received").label}</dd>' in page
    assert case.deadlines.get(key="response").due_on.isoformat() in page
    wrong = track(client, filed.number, "13900000000").content.decode()
    assert case.deadlines.get(key="response").due_on.isoformat() not in wrong


def test_report_opens_an_intake_case_for_the_chosen_city(client):
    file(client, "report", name="李四", phone="13700000000", region="410100", right_type="trademark",
         respondent="某某商行", description="销售假冒注册商标的商品")
    case = ServiceRequest.objects.get().case
    assert (case.kind, case.region_id, case.authority, case.state) == (
        "trademark_infringement", "410100", "郑州市市场监督管理局", "received")
    assert sorted(case.parties.values_list("role", flat=True)) == ["complainant", "respondent"]
    assert case.deadlines.filter(key="filing").exists()


def test_preexam_registration_registers_the_enterprise(client):
    file(client, "preexam_registration", enterprise="河南某科技有限公司", credit_code=CREDIT_CODE,
         phone="13600000000", center="中国（新乡）知识产权保护中心")
    filed = ServiceRequest.objects.get()
    assert RegisteredEnterprise.objects.get() == filed.enterprise
    assert filed.enterprise.credit_code == CREDIT_CODE and filed.enterprise.region_id == "410700"
    assert "中国（新乡）知识产权保护中心" in track(client, filed.number, "13600000000").content.decode()


def test_bad_credit_code_is_a_sentence_not_a_record(client):
    response = file(client, "preexam_registration", enterprise="某公司", credit_code="91410100MA44F1QY8X",
                    phone="13600000000", center="中国（新乡）知识产权保护中心")
    assert response.status_code == 200 and not RegisteredEnterprise.objects.exists()
    assert not ServiceRequest.objects.exists()


@pytest.mark.parametrize("name,content", [("evidence.pdf", b"MZ\x90\x00 not a pdf"),
                                          ("evidence.exe", b"MZ\x90\x00"),
                                          ("evidence.jpg", b"<svg onload=alert(1)>")])
def test_disguised_uploads_leave_nothing_behind(client, name, content):
    upload = io.BytesIO(content)
    upload.name = name
    response = file(client, "assistance", **ASSIST, document=upload)
    assert response.status_code == 200
    assert not Case.objects.exists() and not ServiceRequest.objects.exists()


def test_oversize_upload_is_refused(client, monkeypatch):
    from ipgov.cases import documents

    monkeypatch.setattr(documents, "MAX_BYTES", 100)
    upload = io.BytesIO(b"%PDF-1.4 " + b"x" * 200)
    upload.name = "big.pdf"
    assert file(client, "assistance", **ASSIST, document=upload).status_code == 200
    assert not Case.objects.exists()


def test_xss_in_every_field_is_escaped_and_stored_as_text(client):
    data = {k: (XSS if k in ("name", "description") else v) for k, v in ASSIST.items()}
    response = file(client, "assistance", **data)
    assert response.status_code == 200
    case = Case.objects.get()
    assert case.title == XSS and case.parties.get().name == XSS  # kept as typed, escaped wherever shown


def test_the_service_forms_show_their_captcha_only_when_asked(client):
    from captcha.models import CaptchaStore

    for shown, kind in enumerate(("assistance", "report", "preexam_registration")):
        url = reverse("portal:service", args=[kind])
        page = client.get(url).content.decode()
        assert 'name="website"' in page and 'name="captcha_0"' not in page and "显示验证码" in page
        assert CaptchaStore.objects.count() == shown  # the GET wrote no row
        assert 'name="captcha_0"' in client.get(url + "?captcha=1").content.decode()
    assert CaptchaStore.objects.count() == 3


def test_wrong_captcha_honeypot_and_rate_limit(client, monkeypatch):
    assert file(client, "assistance", **{**ASSIST, "captcha_1": "WRONG"}).status_code == 200
    assert file(client, "assistance", **{**ASSIST, "website": "x"}).status_code == 403
    assert not Case.objects.exists()
    monkeypatch.setenv("IPGOV_PORTAL_RATE", "3/60")
    from django.core.cache import cache

    cache.clear()
    codes = [file(client, "assistance", **ASSIST).status_code for _ in range(10)]
    assert codes[:3] == [200, 200, 200] and set(codes[3:]) == {302} and Case.objects.count() == 3


def test_city_choice_is_checked(client):
    response = file(client, "report", name="李四", phone="13700000000", region="110000", right_type="patent",
                    respondent="x", description="y")
    assert response.status_code == 200 and not Case.objects.exists()
