"""Bad input to the finance importers (issue 16): a clear message naming row and column, never a traceback."""

import pytest
from django.core.management import CommandError, call_command

from ipgov.core.ingest.models import ImportBatch
from ipgov.core.ingest.rows import import_rows
from ipgov.finance.importers import IMPORTERS
from ipgov.finance.models import Fund, Pledge
from tests.programs.tables import write_table

from .test_imports import HEADER, rights, row  # noqa: F401 — the fixture is used by name

pytestmark = pytest.mark.django_db
FUND_HEADER = ["基金名称", "发起人", "规模(万元)", "行政区划代码", "成立日期"]


def test_garbage_xlsx_is_refused_cleanly(actor, tmp_path):
    (tmp_path / "x.xlsx").write_bytes(b"PK\x03\x04" + bytes(range(256)) * 40)
    with pytest.raises(CommandError, match="not a valid .xlsx"):
        call_command("import_finance", "pledges", str(tmp_path / "x.xlsx"), "--quiet")
    assert not ImportBatch.objects.exists()


@pytest.mark.parametrize("amount, reason", [
    ("9E+999999", "far beyond any real amount: check the unit"),
    ("NaN", "not an amount"),
    ("1e14", "check the unit"),  # 10^14 万元 = 10^18 元, within Decimal but beyond any fund
])
def test_absurd_amounts_are_row_errors(actor, tmp_path, amount, reason):
    path = write_table(tmp_path / "基金.csv", FUND_HEADER, [
        ["甲基金", "河南省知识产权局", "30000", "410000", "2018-06-01"],
        ["乙基金", "河南省知识产权局", amount, "410000", "2018-06-01"]])
    report = import_rows(IMPORTERS["funds"], path)
    assert [(e.row, e.field, e.value) for e in report.errors] == [(3, "规模(万元)", amount)]
    assert reason in report.errors[0].reason
    assert list(Fund.objects.values_list("name", flat=True)) == ["甲基金"]


def test_a_field_over_128_kb_is_refused_with_its_length(actor, tmp_path):
    path = write_table(tmp_path / "基金.csv", FUND_HEADER, [["乙" * 200_000, "局", "100", "410000", "2018-06-01"]])
    report = import_rows(IMPORTERS["funds"], path)
    assert [(e.row, e.field) for e in report.errors] == [(2, "基金名称")]
    assert report.errors[0].reason == "200000 characters, longer than the 500 allowed"
    assert not Fund.objects.exists()


def test_future_and_ancient_dates_and_control_characters(actor, tmp_path, rights):  # noqa: F811
    path = write_table(tmp_path / "质押.csv", HEADER, [
        row("F1", amount_wan="10", patents=rights[0], day="2099-01-01"),
        row("F2", amount_wan="10", patents=rights[1], day="1900-01-01"),
        row("F3\u202e", amount_wan="10", patents=rights[2]),
        row("F4", amount_wan="10", patents=rights[3]),
    ])
    report = import_rows(IMPORTERS["pledges"], path)
    got = [(e.row, e.field, e.reason) for e in report.errors]
    assert got[0][:2] == (2, "登记日期") and "2099-01-01 is in the future" in got[0][2]
    assert (3, "登记日期", "1900-01-01 is before 1980: check the date") in got
    assert (4, "登记号", "contains control or bidirectional-override characters; remove them") in got
    assert list(Pledge.objects.values_list("registration_number", flat=True)) == ["F4"]


def test_missing_column_is_named_in_chinese(actor, tmp_path):
    path = write_table(tmp_path / "基金.csv", ["基金名称", "发起人"], [["甲基金", "局"]])
    with pytest.raises(CommandError, match=r"the header \(row 1\) lacks the column\(s\): 规模\(万元\)|lacks the column"):
        call_command("import", str(path), "--kind", "funds", "--quiet")
