import datetime
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command

from ipgov.core.ingest.errors import ImportFailed
from ipgov.core.ingest.models import ImportBatch, RecordVersion
from ipgov.core.ingest.rows import import_rows
from ipgov.core.models import ObjectChange
from ipgov.finance import stats
from ipgov.finance.importers import IMPORTERS
from ipgov.finance.models import Fund, Pledge, PledgedRight
from ipgov.programs.models import Organization
from tests.programs.rights import cn_number, make_patent, make_trademark
from tests.programs.tables import write_table

pytestmark = pytest.mark.django_db
D = datetime.date
HEADER = ["登记号", "出质人", "行政区划代码", "统一社会信用代码", "质权人", "质权人类型", "融资金额(万元)", "融资金额(元)",
          "登记日期", "质押期限起", "质押期限止", "专利号", "商标注册号"]


@pytest.fixture
def rights():
    numbers = [cn_number(2016, 2, i) for i in range(1, 5)]
    for n in numbers:
        make_patent(n, D(2017, 1, 10))
    make_patent(cn_number(2012, 1, 7), D(2013, 1, 1), D(2018, 12, 1))
    make_trademark("20000001", D(2016, 5, 7))
    return numbers


def row(reg, amount_wan="", amount_yuan="", day="2019-03-01", patents="", marks="", org="郑州甲公司", region="410102"):
    return [reg, org, region, "", "中国银行郑州分行", "银行", amount_wan, amount_yuan, day, day, "2020-03-01", patents, marks]


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_pledge_import_exact_amounts_and_idempotent(actor, tmp_path, rights, suffix):
    path = write_table(tmp_path / f"质押{suffix}", HEADER, [
        row("Z1", amount_wan="3000.6", patents=f"{rights[0]}；{rights[1]}", marks="20000001"),
        row("Z2", amount_yuan="1,234,567.89", patents=f"ZL{rights[2]}", org="洛阳乙公司", region="410302"),
    ])
    report = import_rows(IMPORTERS["pledges"], path)
    assert report.created == 2
    totals = stats.pledges("410000", D(2019, 1, 1), D(2019, 12, 31))
    assert totals == stats.PledgeTotals(Decimal("31240567.89"), 2)
    assert PledgedRight.objects.count() == 4
    assert import_rows(IMPORTERS["pledges"], path).status == "unchanged"
    assert Pledge.objects.count() == 2


BAD = [
    (dict(amount_wan="-5"), "融资金额(万元)", "must be positive"),
    (dict(amount_wan="99999999999"), "融资金额(万元)", "check the unit"),
    (dict(amount_wan="5", amount_yuan="50000"), "融资金额(元)", "exactly one"),
    (dict(amount_wan="abc"), "融资金额(万元)", "not an amount"),
    (dict(amount_wan="5", patents=cn_number(2016, 2, 99)), "专利号", "not in the register"),
    (dict(amount_wan="5", patents=cn_number(2012, 1, 7)), "专利号", "had ended on 2018-12-01"),
    (dict(amount_wan="5", day="2016-12-31"), "专利号", "not yet granted"),
    (dict(amount_wan="5", marks="99999999"), "专利号", "not in the register"),
]


@pytest.mark.parametrize("kwargs, field, reason", BAD)
def test_bad_pledge_row_is_reported_and_the_rest_kept(actor, tmp_path, rights, kwargs, field, reason):
    kwargs = {"patents": rights[3], **kwargs}
    if kwargs["patents"] != rights[3] and "day" not in kwargs:
        kwargs["patents"] = f"{rights[3]};{kwargs['patents']}"
    path = write_table(tmp_path / "bad.csv", HEADER, [row("OK1", amount_wan="10", patents=rights[0]),
                                                      row("BAD", **kwargs)])
    report = import_rows(IMPORTERS["pledges"], path)
    assert [(e.row, e.field) for e in report.errors] == [(3, field)], report.errors
    assert reason in report.errors[0].reason
    assert list(Pledge.objects.values_list("registration_number", flat=True)) == ["OK1"]
    with pytest.raises(ImportFailed, match="--strict"):
        import_rows(IMPORTERS["pledges"], write_table(tmp_path / "bad2.csv", HEADER, [
            row("OK2", amount_wan="10", patents=rights[0]), row("BAD", **kwargs)]), strict=True)
    assert not Pledge.objects.filter(registration_number="OK2").exists()


def test_funds_and_grants_via_cli(actor, tmp_path):
    funds = write_table(tmp_path / "基金.csv", ["基金名称", "发起人", "规模(万元)", "行政区划代码", "成立日期"],
                        [["重点产业知识产权运营基金", "河南省知识产权局", "30000", "410000", "2018-06-01"]])
    call_command("import_finance", "funds", str(funds))
    projects = write_table(tmp_path / "储备.csv", ["基金名称", "项目名称", "企业名称", "行政区划代码", "入库日期"],
                           [["重点产业知识产权运营基金", f"项目{i}", f"企业{i}", "410102", "2019-01-0" + str(i)]
                            for i in range(1, 4)])
    call_command("import_finance", "fund_projects", str(projects))
    inv = write_table(tmp_path / "投资.xlsx", ["基金名称", "被投企业", "行政区划代码", "投资日期", "投资金额(万元)",
                                               "持股比例(%)", "项目名称"],
                      [["重点产业知识产权运营基金", "企业1", "410102", "2019-05-01", 1000.2, 5, "项目1"],
                       ["重点产业知识产权运营基金", "企业2", "410102", "2019-06-01", 2000.4, "7.5", "项目2"]])
    call_command("import_finance", "fund_investments", str(inv))
    fig = stats.fund_figures(Fund.objects.get(), D(2020, 6, 30))
    assert fig == stats.FundFigures(Decimal("300000000.00"), 3, 2, Decimal("30006000.00"))
    too_much = write_table(tmp_path / "超额.csv", ["基金名称", "被投企业", "行政区划代码", "投资日期", "投资金额(万元)",
                                                 "持股比例(%)"],
                           [["重点产业知识产权运营基金", "企业3", "410102", "2019-07-01", "29000", "10"]])
    with pytest.raises(CommandError, match="invalid row"):
        call_command("import_finance", "fund_investments", str(too_much))
    grants = write_table(tmp_path / "资金.csv", ["城市区划代码", "年度", "下达日期", "资金来源", "金额(万元)"],
                         [["410100", 2017, "2017-09-01", "中央财政", "20000"],
                          ["410300", 2018, "2018-10-01", "中央财政", "15000"],
                          ["410300", 2018, "2018-10-01", "省级财政", "1000"]])
    call_command("import_finance", "grants", str(grants))
    assert stats.operation_city_funds("410000", D(2020, 6, 30)) == Decimal("350000000.00")
    assert stats.operation_city_funds("410000", D(2018, 6, 30)) == Decimal("200000000.00")
    county = write_table(tmp_path / "县.csv", ["城市区划代码", "年度", "下达日期", "资金来源", "金额(万元)"],
                         [["410102", 2019, "2019-01-01", "中央财政", "100"]])
    with pytest.raises(CommandError, match="invalid row"):
        call_command("import_finance", "grants", str(county))


def read_csv_rows(path):
    import csv

    with open(path, encoding="utf-8-sig", newline="") as fh:
        return list(csv.reader(fh))


def test_pledges_file_with_one_bad_row_via_the_one_verb(actor, tmp_path, rights, capsys):
    path = write_table(tmp_path / "质押.csv", HEADER, [
        row("P1", amount_wan="10", patents=rights[0]),
        row("P2", amount_wan="abc", patents=rights[1]),
        row("P3", amount_yuan="5000", patents=rights[2]),
    ])
    errors = tmp_path / "errors.csv"
    with pytest.raises(CommandError, match="1 invalid row"):
        call_command("import", str(path), "--kind", "pledges", "--quiet", "--errors", str(errors))
    assert sorted(Pledge.objects.values_list("registration_number", flat=True)) == ["P1", "P3"]
    assert Pledge.objects.get(registration_number="P1").amount == Decimal("100000")
    assert read_csv_rows(errors) == [["row", "field", "value", "reason"], ["3", "融资金额(万元)", "abc", "not an amount"]]
    captured = capsys.readouterr()
    assert "row 3, 融资金额(万元) = 'abc': not an amount" in captured.err
    batch = ImportBatch.objects.get(kind="pledges")
    assert (batch.rows_total, batch.rows_created, batch.rows_invalid) == (3, 2, 1)
    assert f"batch #{batch.pk} committed" in captured.out

    with pytest.raises(CommandError, match="still refused"):
        call_command("import", str(path), "--kind", "pledges", "--quiet")
    captured = capsys.readouterr()
    assert f"质押.csv: unchanged — this file (sha256 {batch.checksum[:12]}…) was already imported as batch #{batch.pk}" \
        in captured.out
    assert "row 3, 融资金额(万元)" in captured.err
    assert ImportBatch.objects.count() == 1 and Pledge.objects.count() == 2


def test_pledges_strict_imports_nothing(actor, tmp_path, rights):
    path = write_table(tmp_path / "质押.xlsx", HEADER, [
        row("P1", amount_wan="10", patents=rights[0]), row("P2", amount_wan="-1", patents=rights[1])])
    with pytest.raises(CommandError, match=r"FAILED, nothing written — --strict: 1 invalid row"):
        call_command("import_finance", "pledges", str(path), "--strict", "--quiet")
    assert not Pledge.objects.exists() and not ImportBatch.objects.exists() and not Organization.objects.exists()


def test_a_file_that_imported_nothing_is_not_already_imported(actor, tmp_path, rights):
    missing = cn_number(2016, 2, 50)
    path = write_table(tmp_path / "质押.csv", HEADER, [row("P9", amount_wan="10", patents=missing)])
    first = import_rows(IMPORTERS["pledges"], path)
    assert (first.status, first.created, [(e.row, e.field) for e in first.errors]) == ("committed", 0, [(2, "专利号")])
    again = import_rows(IMPORTERS["pledges"], path)
    assert again.status == "committed" and "already imported" not in again.summary()
    assert again.batch_id != first.batch_id and not Pledge.objects.exists()
    make_patent(missing, D(2017, 1, 10))  # the register catches up: the same file now brings the row in
    third = import_rows(IMPORTERS["pledges"], path)
    assert (third.status, third.created, third.errors) == ("committed", 1, [])
    assert import_rows(IMPORTERS["pledges"], path).status == "unchanged"


def test_a_changed_pledge_is_an_update_with_its_earlier_version_kept(actor, tmp_path, rights):
    import_rows(IMPORTERS["pledges"], write_table(tmp_path / "一.csv", HEADER, [
        row("P1", amount_wan="10", patents=rights[0]), row("P2", amount_wan="20", patents=rights[1])]))
    pledge = Pledge.objects.get(registration_number="P1")
    report = import_rows(IMPORTERS["pledges"], write_table(tmp_path / "二.csv", HEADER, [
        row("P1", amount_wan="12.5", patents=f"{rights[0]};{rights[3]}"), row("P2", amount_wan="20", patents=rights[1])]))
    assert (report.created, report.updated, report.unchanged) == (0, 1, 1)
    pledge.refresh_from_db()
    assert pledge.amount == Decimal("125000")
    assert sorted(pledge.rights.values_list("number", flat=True)) == sorted([rights[0], rights[3]])
    version = RecordVersion.objects.get(record_type="pledge", record_key="P1")
    assert (version.replaced_by_id, Decimal(version.data["amount"]), version.data["rights"]) == (
        report.batch_id, Decimal("100000"), [["patent", rights[0]]])
    change = ObjectChange.objects.filter(action=ObjectChange.Action.UPDATE, object_id=str(pledge.pk)).get()
    assert Decimal(change.before["amount"]) == Decimal("100000")
    assert Pledge.objects.get(registration_number="P2").amount == Decimal("200000")


def test_a_changed_grant_is_refused_not_reported_unchanged(actor, tmp_path):
    header = ["城市区划代码", "年度", "下达日期", "资金来源", "金额(万元)"]
    import_rows(IMPORTERS["grants"], write_table(tmp_path / "一.csv", header, [
        ["410300", 2018, "2018-10-01", "中央财政", "15000"]]))
    same = import_rows(IMPORTERS["grants"], write_table(tmp_path / "二.csv", header, [
        ["410300", 2018, "2018-10-01", "中央财政", "15000.00"]]))
    assert (same.unchanged, same.errors) == (1, [])
    changed = import_rows(IMPORTERS["grants"], write_table(tmp_path / "三.csv", header, [
        ["410300", 2018, "2018-10-01", "中央财政", "16000"]]))
    assert changed.unchanged == 0
    assert [(e.row, e.field, e.value) for e in changed.errors] == [(2, "金额(万元)", "16000")]
    assert "already recorded with 150000000.00; this row says 160000000" in changed.errors[0].reason
    assert stats.operation_city_funds("410000", D(2020, 6, 30)) == Decimal("150000000.00")


def test_force_reads_an_imported_file_again(actor, tmp_path, rights, capsys):
    path = write_table(tmp_path / "质押.csv", HEADER, [row("P1", amount_wan="10", patents=rights[0])])
    call_command("import", str(path), "--kind", "pledges", "--quiet")
    call_command("import", str(path), "--kind", "pledges", "--quiet", "--force")
    out = capsys.readouterr().out.splitlines()
    assert "batch #" in out[1] and "0 created, 0 updated, 1 unchanged" in out[1]
    assert ImportBatch.objects.filter(kind="pledges").count() == 2 and Pledge.objects.count() == 1
