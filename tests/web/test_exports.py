"""Exports never carry formulas: hostile text comes out as text in CSV and XLSX, numbers stay numbers."""

import csv
import datetime
import io
import zipfile
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from ipgov.web.exports import _cell
from ipgov.web.registry import PAGES
from tests.web.conftest import login

pytestmark = pytest.mark.django_db

HOSTILE = {
    "202010000011.1": "=1+1",
    "202010000012.1": '=HYPERLINK("http://evil.example","x")洛阳',
    "202010000013.1": "+cmd|' /C calc'!A0",
    "202010000014.1": "@SUM(1+1)*cmd|' /C calc'!A0",
    "202010000015.1": "-2+3+cmd|' /C calc'!A0",
    "202010000016.1": "\t=1+1",
    "202010000017.1": "\r=1+1",
    "202010000018.1": "普通标题 = 1+1",
}


@pytest.fixture
def hostile(admin_user, client):
    from ipgov.rights.models import Patent

    for number, title in HOSTILE.items():
        Patent.objects.create(application_number=number, patent_type="invention", region_id="410300",
                              filing_date=datetime.date(2020, 1, 5), title=title)
    return login(client, admin_user)


def expected(title):
    return title if title.startswith("普通") else "'" + title


def test_csv_cells_cannot_start_a_formula(hostile):
    response = hostile.get(reverse("web:export", args=["patents", "csv"]), {"sort": "application_number"})
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(body, newline="")))
    assert {r[0]: r[1] for r in rows[1:]} == {n: expected(t) for n, t in HOSTILE.items()}


def test_xlsx_holds_text_never_formulas(hostile):
    response = hostile.get(reverse("web:export", args=["patents", "xlsx"]))
    with zipfile.ZipFile(io.BytesIO(response.content)) as z:
        sheet_xml = z.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet_xml and "<f " not in sheet_xml
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows())
    titles = {r[0].value: r[1] for r in rows[1:]}
    assert {n: c.value for n, c in titles.items()} == {n: expected(t) for n, t in HOSTILE.items()}
    assert {c.data_type for c in titles.values()} == {"s"}
    assert isinstance(rows[1][3].value, datetime.datetime)  # dates stay dates


def test_amounts_stay_numbers(admin_user, client):
    from tests.web.scope_fixtures import _pledge

    pledge = _pledge("410300", 1)
    pledge.pledgee = "@银行"
    pledge.save()
    response = login(client, admin_user).get(reverse("web:export", args=["pledges", "xlsx"]))
    _, row = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    accessors = [c.accessor for c in PAGES["pledges"].columns]
    assert row[accessors.index("pledgee")] == "'@银行"
    assert row[accessors.index("amount")] == 1000000 and isinstance(row[accessors.index("amount")], int)


@pytest.mark.parametrize("value, cell", [
    (-2, -2), (-2.5, -2.5), (Decimal("-3.10"), Decimal("-3.10")), (0, 0), (None, ""),
    ("-2", "'-2"), ("a=b", "a=b"), ("'quoted", "'quoted"),
])
def test_cell_values(value, cell):
    assert _cell(value) == cell and type(_cell(value)) is type(cell)
