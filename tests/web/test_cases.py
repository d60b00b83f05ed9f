import datetime

import pytest
from django.urls import reverse

from ipgov.cases.models import Case
from ipgov.core.models import ObjectChange
from ipgov.web.pages.cases import working_days_left
from tests.web.conftest import login
from tests.web.scope_fixtures import FACTORIES

pytestmark = pytest.mark.django_db


@pytest.fixture
def case():
    return FACTORIES["cases"]("410300", 6)  # received 2020-05-06, patent dispute, 洛阳


def test_working_days_left_counts_chinese_holidays():
    # 2020-04-30 (Thu) → 2020-05-06 (Wed): 1–5 May is the Labour Day holiday, so only 05-06 counts
    assert working_days_left(datetime.date(2020, 5, 6), datetime.date(2020, 4, 30)) == 1
    assert working_days_left(datetime.date(2020, 4, 30), datetime.date(2020, 5, 6)) == -1
    assert working_days_left(datetime.date(2020, 5, 6), datetime.date(2020, 5, 6)) == 0


def test_case_page_shows_deadline_in_working_days_and_transitions(client, luoyang_officer, case):
    login(client, luoyang_officer)
    page = client.get(reverse("web:detail", args=["cases", case.pk]))
    (filing,) = [d for d in page.context["deadlines"] if d["open"]]
    assert filing["due_on"] == case.deadlines.get(key="filing").due_on
    assert filing["left"] == working_days_left(filing["due_on"], page.context["today"])
    assert [(t["name"], [f for f, _ in t["fields"]]) for t in page.context["transitions"]] == [
        ("file", []), ("refuse", ["reason"])]


def test_transition_button_moves_the_case_and_is_audited(client, luoyang_officer, case):
    login(client, luoyang_officer)
    url = reverse("web:case-transition", args=[case.pk, "refuse"])
    response = client.post(url, {"value_reason": "不属于受理范围"}, REMOTE_ADDR="10.0.0.7")
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.state == "not_filed" and case.reason == "不属于受理范围"
    change = ObjectChange.objects.filter(action="transition", object_id=str(case.pk)).get()
    assert (change.actor, change.remote_addr, change.message) == ("user:ly_officer", "10.0.0.7", "不予立案")
    assert change.before["state"] == "received" and change.after["state"] == "not_filed"
    history = client.get(reverse("web:history", args=["cases", case.pk])).content.decode()
    assert "10.0.0.7" in history


def test_audit_messages_are_written_in_the_office_language_whatever_the_user_reads(client, luoyang_officer, case):
    """The trail is one record read by everyone: an English-mode user's step is still recorded in zh-Hans,
    while the flash message follows the user's language."""
    from django.conf import settings

    login(client, luoyang_officer)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.post(reverse("web:case-transition", args=[case.pk, "refuse"]),
                           {"value_reason": "不属于受理范围"}, follow=True)
    change = ObjectChange.objects.filter(action="transition", object_id=str(case.pk)).get()
    assert change.message == "不予立案"
    assert case.events.get(action="transition").message == "不予立案"
    flash = [str(m) for m in response.context["messages"]]
    assert len(flash) == 1 and "not filed" in flash[0]


def test_refused_transition_says_why_and_changes_nothing(client, luoyang_officer, case):
    login(client, luoyang_officer)
    response = client.post(reverse("web:case-transition", args=[case.pk, "file"]), follow=True)
    text = response.content.decode()
    case.refresh_from_db()
    assert case.state == "received"
    assert any(m.level_tag == "error" for m in response.context["messages"])
    assert not ObjectChange.objects.filter(action="transition").exists()
    assert text.count("messages") >= 1


def test_attach_document_then_file_the_case(client, luoyang_officer, case, tmp_path, settings):
    from django.core.files.uploadedfile import SimpleUploadedFile

    login(client, luoyang_officer)
    upload = SimpleUploadedFile("request.pdf", b"%PDF-1.4\n% test request\n", content_type="application/pdf")
    response = client.post(reverse("web:case-document", args=[case.pk]), {"doc_type": "request", "file": upload})
    assert response.status_code == 302
    assert case.documents.get().doc_type == "request"
    client.post(reverse("web:case-transition", args=[case.pk, "file"]))
    assert Case.objects.get(pk=case.pk).state == "filed"


def test_desk_tabs(client, luoyang_officer, case):
    login(client, luoyang_officer)
    # filing: 5 working days after 2020-05-06 → 07, 08, 09 (a make-up Saturday), 11, 12
    due = case.deadlines.get(key="filing").due_on
    assert due == datetime.date(2020, 5, 12)
    soon = client.get(reverse("web:desk"), {"tab": "due_soon", "as_of": "2020-05-11", "within": 3})
    assert [(r["case"].pk, r["due_on"], r["left"]) for r in soon.context["rows"]] == [(case.pk, due, 1)]
    late = client.get(reverse("web:desk"), {"tab": "overdue", "as_of": "2020-05-15"})
    assert [(r["case"].pk, r["left"]) for r in late.context["rows"]] == [(case.pk, -3)]
    assert client.get(reverse("web:desk"), {"tab": "mine"}).context["rows"] == []
    client.post(reverse("web:case-transition", args=[case.pk, "refuse"]), {"value_reason": "x"})
    assert client.get(reverse("web:desk"), {"tab": "open"}).context["rows"] == []
