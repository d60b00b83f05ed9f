"""The import page: upload, preview as mapped with the unknown column highlighted, a mapping profile saved
from the preview, dry run (nothing kept), commit, the batch's page and its refused rows as CSV; the
region scope (a read-only role may not import; records outside an officer's city are flagged)."""

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from ipgov.core.ingest import staging
from ipgov.core.ingest.models import ImportBatch, ImportProfile
from ipgov.rights.models import Patent
from ipgov.rights.numbers import check_character
from tests.web.conftest import login

pytestmark = pytest.mark.django_db


def number(serial: int) -> str:
    digits = f"20181{serial:07d}"
    return f"{digits}.{check_character(digits)}"


def export_csv(bad: int = 1) -> bytes:
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(["申请号", "申请日", "专利名称", "申请人", "申请人地址", "权利人备注"])
    for i in range(5):
        w.writerow([number(700000 + i), "2018-03-01" if i >= bad else "2018-02-30", f"方法{i}", "河南大学",
                    "河南省开封市明伦街85号" if i != 4 else "河南省郑州市金水区", "备注"])
    return buf.getvalue().encode("utf-8")


@pytest.fixture
def home(settings, tmp_path):
    settings.IPGOV_HOME = tmp_path
    settings.IPGOV_IMPORTS_INLINE = True
    return tmp_path


def upload(client, content=None, name="export.csv"):
    response = client.post(reverse("web:imports"), {"file": SimpleUploadedFile(name, content or export_csv()),
                                                    "kind": "patents"})
    assert response.status_code == 302, response.content[:500]
    return response["Location"].split("/upload/")[1].split("/")[0]


def test_upload_preview_profile_dry_run_commit_and_batch_page(client, admin_user, home):
    login(client, admin_user)
    assert client.get(reverse("web:imports")).status_code == 200
    token = upload(client)
    url = reverse("web:import-preview", args=[token])
    page = client.get(url, {"kind": "patents"}).content.decode()
    assert "表头在第 1 行" in page
    assert 'class="unmapped">F 权利人备注' in page and 'name="map-F"' in page
    assert page.count("<tr><td>") == 5  # the first rows, as read
    response = client.post(url, {"kind": "patents", "action": "save-profile", "profile_name": "备注不导入",
                                 "map-F": "-"})
    assert response.status_code == 302
    assert ImportProfile.objects.get().columns == {"权利人备注": ""}
    page = client.get(url, {"kind": "patents", "profile": "备注不导入"}).content.decode()
    assert 'class="unmapped"' not in page
    page = client.post(url, {"kind": "patents", "profile": "备注不导入", "action": "dry-run"}).content.decode()
    assert 'id="dry-result"' in page and "2018-02-30" in page
    assert Patent.objects.count() == 0 and ImportBatch.objects.count() == 0  # a dry run keeps nothing
    response = client.post(url, {"kind": "patents", "profile": "备注不导入", "action": "commit"})
    assert response.status_code == 302
    progress = client.get(reverse("web:import-progress", args=[token]), HTTP_HX_REQUEST="true").content.decode()
    assert 'id="import-done"' in progress
    batch = ImportBatch.objects.get()
    assert (batch.rows_created, batch.rows_invalid, batch.profile) == (4, 1, "备注不导入")
    page = client.get(reverse("web:import-batch", args=[batch.pk])).content.decode()
    assert "2018-02-30" in page and 'id="refused-csv"' in page
    refused = client.get(reverse("web:import-refused", args=[batch.pk])).content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(refused)))
    assert rows[1][:3] == ["2", "申请日", "2018-02-30"] and rows[1][4] == number(700000)
    # the refused row, corrected by nothing: the retry from the page refuses it again, with its row number
    response = client.post(reverse("web:import-retry", args=[batch.pk]), follow=True)
    assert "2018-02-30" in response.content.decode() and batch.raw_rows.filter(resolved_by__isnull=True).count() == 1


def test_a_city_officer_imports_and_records_outside_the_city_are_flagged(client, make_staff, home):
    from ipgov.core.choices import Role

    officer = make_staff("kf_officer", Role.CITY_OFFICER, "410200")  # 开封
    login(client, officer)
    token = upload(client)
    client.post(reverse("web:import-preview", args=[token]), {"kind": "patents", "action": "commit"})
    batch = ImportBatch.objects.get()
    assert batch.rows_created == 4 and batch.notes["outside_scope"] == 1  # the 郑州 one: kept, flagged
    assert Patent.objects.count() == 4
    page = client.get(reverse("web:import-batch", args=[batch.pk])).content.decode()
    assert "本辖区以外的记录（已标记）</dt><dd class=\"warning\">1<" in page


def test_a_leader_may_not_import_and_an_upload_over_the_limit_is_refused(client, leader, admin_user, home, monkeypatch):
    login(client, leader)
    assert client.get(reverse("web:imports")).status_code == 403
    login(client, admin_user)
    monkeypatch.setattr(staging, "MAX_UPLOAD", 10)
    response = client.post(reverse("web:imports"), {"file": SimpleUploadedFile("x.csv", export_csv()),
                                                    "kind": "patents"}, follow=True)
    assert "MB" in response.content.decode() and not list((home / "imports").glob("*"))
