import datetime

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from ipgov.core.ingest.models import ImportBatch, ImportRowError, RecordVersion
from ipgov.core.models import ObjectChange
from ipgov.rights.choices import ApplicantType, LegalEventKind, PatentStatus, PatentType, TrademarkKind
from ipgov.rights.importers import import_file
from ipgov.rights.models import GIProduct, LegalEvent, Patent, Trademark

from .conftest import SAMPLE_CSV, sample_rows, with_values, write_csv

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("either_reader")]  # rows mapped here and in a child


@pytest.fixture(autouse=True)
def _english():
    """These tests assert the import's messages in English (the zh-Hans ones: tests/core/test_cli_language.py)."""
    with translation.override("en"):
        yield


def test_real_sample_imports_with_every_field_right(actor):
    report = import_file(SAMPLE_CSV)
    assert (report.kind, report.format, report.encoding, report.created, report.invalid) == (
        "patents", "csv", "utf-8", 10, 0)
    assert Patent.objects.count() == 10
    p = Patent.objects.get(application_number="202211359874.7")
    assert p.patent_type == PatentType.INVENTION
    assert (p.filing_date, p.publication_date, p.grant_date) == (
        datetime.date(2022, 11, 2), datetime.date(2023, 3, 31), datetime.date(2024, 4, 5))
    assert (p.publication_number, p.grant_number) == ("CN115883397A", "CN115883397B")
    assert p.ipc_main == "H04L43/02" and p.ipc_codes == ["H04L43/02", "H04L9/40", "H04L67/025"]
    assert p.ipc_section == "H"
    assert p.inventors[0] == "李玺"
    assert p.agency == "郑州明华专利代理事务所（普通合伙）" and p.agent == "叶朝辉"
    assert p.source_status == "有权-审定授权"
    assert p.region_id == "410100" and p.is_domestic is True
    assert p.applicant_type == ApplicantType.RESEARCH_INSTITUTE
    assert p.terminated_on is None
    assert [(e.kind, e.date) for e in p.events.all()] == [
        (LegalEventKind.SUBSTANTIVE_EXAMINATION, datetime.date(2023, 4, 18)),
        (LegalEventKind.GRANT, datetime.date(2024, 4, 5))]
    applicant = p.applicants.get()
    assert applicant.name == "中科大数据研究院"
    assert applicant.address == "450000河南省郑州市郑东新区中道东路6号创意岛大厦8层"
    assert p.status_on(datetime.date(2024, 4, 4)) == PatentStatus.PENDING
    assert p.status_on(datetime.date(2024, 4, 5)) == PatentStatus.VALID
    # `0` means no date: the two pending inventions have no grant
    pending = Patent.objects.filter(grant_date__isnull=True)
    assert sorted(pending.values_list("application_number", flat=True)) == ["202211740332.4", "202310605823.6"]
    assert all(x.grant_number == "" for x in pending)
    utility = Patent.objects.get(application_number="202121635235.X")
    assert utility.patent_type == PatentType.UTILITY and utility.grant_number == "CN217546176U"
    assert Patent.objects.filter(patent_type=PatentType.UTILITY).count() == 7
    batch = ImportBatch.objects.get()
    assert (batch.rows_total, batch.rows_created, batch.actor) == (10, 10, "system:test")
    assert len(batch.checksum) == 64 and batch.size == SAMPLE_CSV.stat().st_size
    entry = ObjectChange.objects.get(action="import", message=f"由第{batch.pk}批导入创建")  # one per batch
    assert entry.after["records"] == 10
    assert set(Patent.objects.values_list("batch_id", flat=True)) == {batch.pk}


def test_reimporting_the_same_file_changes_nothing_and_says_so(actor):
    first = import_file(SAMPLE_CSV)
    changes = ObjectChange.objects.count()
    again = import_file(SAMPLE_CSV)
    assert again.status == "unchanged" and again.batch_id == first.batch_id
    assert "already imported as batch" in again.summary()
    assert ImportBatch.objects.count() == 1 and ObjectChange.objects.count() == changes


def test_same_records_in_another_file_are_unchanged(actor, tmp_path):
    import_file(SAMPLE_CSV)
    header, rows = sample_rows()
    report = import_file(write_csv(tmp_path / "gbk.csv", header, rows, encoding="gbk"))
    assert report.encoding == "gb18030"
    assert (report.created, report.updated, report.unchanged) == (0, 0, 10)


def test_newer_record_updates_and_keeps_the_earlier_version(actor, tmp_path):
    header, rows = sample_rows()
    pending = next(r for r in rows if r[6] == "CN202211740332.4")
    import_file(write_csv(tmp_path / "a.csv", header, [pending]))
    first_batch = Patent.objects.get().batch_id
    granted = with_values(header, pending, 授权公告日="20240607", 授权公告号="CN116245100B",
                          专利类型="发明授权", 法律状态="有权-审定授权")
    report = import_file(write_csv(tmp_path / "b.csv", header, [granted]))
    assert (report.created, report.updated) == (0, 1)
    p = Patent.objects.get()
    assert p.grant_date == datetime.date(2024, 6, 7) and p.grant_number == "CN116245100B"
    version = RecordVersion.objects.get(record_key="202211740332.4")
    assert version.previous_batch_id == first_batch and version.replaced_by_id == report.batch_id
    assert version.data["grant_date"] is None and version.data["source_status"] == "审中-实质审查"
    assert [e["kind"] for e in version.data["events"]] == ["substantive_examination"]
    # the older export imported afterwards does not overwrite the newer record
    older = import_file(write_csv(tmp_path / "c.csv", header, [with_values(header, pending, 发明人="某人")]))
    assert (older.updated, older.stale) == (0, 1)
    assert Patent.objects.get().grant_date == datetime.date(2024, 6, 7)


def test_lapse_sets_the_termination_from_the_events(actor, tmp_path):
    header, rows = sample_rows()
    lapsed = with_values(header, rows[2], 法律状态="无权-未缴年费", 失效日期="20240715")
    import_file(write_csv(tmp_path / "lapsed.csv", header, [lapsed]))
    p = Patent.objects.get()
    assert p.terminated_on == datetime.date(2024, 7, 15)
    assert p.events.filter(kind=LegalEventKind.LAPSE_NON_PAYMENT).get().detail == "无权-未缴年费"
    assert p.status_on(datetime.date(2024, 7, 14)) == PatentStatus.VALID
    assert p.status_on(datetime.date(2024, 7, 15)) == PatentStatus.TERMINATED


def test_region_falls_back_on_the_region_code_and_unresolved_applicants_are_kept(actor, tmp_path):
    header, rows = sample_rows()
    no_address = with_values(header, rows[0], 申请人地址="", 国省代码="河南(41)")
    nowhere = with_values(header, rows[1], 申请人地址="某地某路1号", 国省代码="", 申请人="张三;李四有限公司",
                          申请人类型="")
    foreign = with_values(header, rows[2], 申请人地址="", 国省代码="美国(US)")
    report = import_file(write_csv(tmp_path / "r.csv", header, [no_address, nowhere, foreign]))
    assert report.created == 3 and report.unresolved == 3  # 张三, 李四有限公司 (no address), the US applicant
    assert Patent.objects.get(application_number="202223220665.2").region_id == "410000"
    p = Patent.objects.get(application_number="202122975192.6")
    assert p.region_id is None and p.is_domestic is None
    assert [(a.name, a.applicant_type) for a in p.applicants.all()] == [
        ("张三", ApplicantType.INDIVIDUAL), ("李四有限公司", ApplicantType.ENTERPRISE)]
    assert "unresolved" in p.applicants.first().resolution_note
    us = Patent.objects.get(application_number="202121635235.X")
    assert us.is_domestic is False and us.region_id is None


def test_header_in_row_three_and_semicolon_lists(actor, tmp_path):
    header, rows = sample_rows()
    path = write_csv(tmp_path / "titled.csv", header, rows[:2],
                     before=[["专利检索结果导出"], ["导出时间：2024-05-01"]])
    report = import_file(path)
    assert report.created == 2 and report.invalid == 0


def test_invalid_rows_are_reported_and_valid_rows_land(actor, tmp_path):
    header, rows = sample_rows()
    bad = with_values(header, rows[1], 申请号="CN202122975192.7")
    report = import_file(write_csv(tmp_path / "mixed.csv", header, [rows[0], bad, rows[2]]))
    assert (report.created, report.invalid) == (2, 1)
    error = report.errors[0]
    assert (error.row, error.field, error.value) == (3, "申请号", "CN202122975192.7")
    assert "wrong check character 7, expected 6" in error.reason
    stored = ImportRowError.objects.get()
    assert (stored.row, stored.batch_id) == (3, report.batch_id)


def test_cli_exits_non_zero_with_a_summary_on_invalid_rows(actor, tmp_path, capsys):
    header, rows = sample_rows()
    bad = with_values(header, rows[1], 申请日="20991301")
    path = write_csv(tmp_path / "bad.csv", header, [rows[0], bad])
    with pytest.raises(CommandError, match="1 invalid row"):
        call_command("import", str(path), "--quiet")
    captured = capsys.readouterr()
    assert "1 created" in captured.out and "row 3, 申请日 = '20991301': not a calendar date" in captured.err


def test_trademarks_csv(actor, tmp_path):
    header = ["商标注册号", "国际分类", "商标名称", "申请日期", "注册日期", "专用权期限", "申请人名称", "申请人地址",
              "商标类型", "地理标志", "驰名商标认定日期", "商标状态", "失效日期", "续展日期"]
    rows = [
        ["12345678", "29;30", "信阳毛尖", "20120301", "20130607", "2013-06-07至2023-06-06", "信阳市茶叶协会",
         "河南省信阳市浉河区新华路1号", "证明", "是", "", "注册", "", "20230401"],
        ["23456789", "9", "宇通", "2009-05-01", "2010-05-07", "", "宇通客车股份有限公司", "郑州市管城回族区宇通路",
         "普通", "否", "2012年3月1日", "", "", ""],
        ["34567890", "35", "某某", "20150101", "20160101", "", "某公司", "河南省开封市", "", "", "", "已注销",
         "20200301", ""],
        ["45678901", "46", "坏", "20150101", "20140101", "", "某公司", "", "集体", "是", "", "", "", ""],
    ]
    report = import_file(write_csv(tmp_path / "marks.csv", header, rows))
    assert (report.kind, report.created, report.invalid) == ("trademarks", 3, 1)
    reasons = {e.field: e.reason for e in report.errors}
    assert "not a Nice class" in reasons["国际分类"] and "before the filing date" in reasons["注册日期"]
    gi = Trademark.objects.get(number="12345678")
    assert (gi.kind, gi.is_gi, gi.nice_classes, gi.region_id) == (TrademarkKind.CERTIFICATION, True, [29, 30], "411502")
    assert gi.expiry_date == datetime.date(2023, 6, 6) and gi.events.get().kind == "renewal"
    yutong = Trademark.objects.get(number="23456789")
    assert yutong.well_known_on == datetime.date(2012, 3, 1) and yutong.region_id == "410104"
    cancelled = Trademark.objects.get(number="34567890")
    assert cancelled.terminated_on == datetime.date(2020, 3, 1) and cancelled.region_id == "410200"
    assert cancelled.is_valid_on(datetime.date(2020, 2, 29)) and not cancelled.is_valid_on(datetime.date(2020, 3, 1))


def test_trademark_term_may_end_in_the_future_but_events_may_not(actor, tmp_path):
    header = ["商标注册号", "国际分类", "申请日期", "注册日期", "专用权期限", "申请人名称", "申请人地址"]
    rows = [
        ["56789012", "30", "20220301", "20230607", "2023-06-07至2033-06-06", "某茶业公司", "河南省信阳市浉河区"],
        ["67890123", "30", "20220301", "20990607", "", "某茶业公司", "河南省信阳市浉河区"],
    ]
    report = import_file(write_csv(tmp_path / "terms.csv", header, rows), kind="trademarks")
    assert (report.created, report.invalid) == (1, 1)
    assert Trademark.objects.get(number="56789012").expiry_date == datetime.date(2033, 6, 6)
    assert [(e.field, e.reason[:27]) for e in report.errors] == [("注册日期", "2099-06-07 is in the future")]


def test_gi_products_csv(actor, tmp_path):
    header = ["产品名称", "所在地区", "区划代码", "批准日期", "批准公告号", "用标企业"]
    rows = [["信阳毛尖", "河南省信阳市", "411500", "20071201", "2007年第123号", "甲茶业有限公司;乙茶叶公司"],
            ["灵宝苹果", "河南省三门峡市灵宝市", "", "2004-09-03", "", ""]]
    report = import_file(write_csv(tmp_path / "gi.csv", header, rows))
    assert (report.kind, report.created) == ("gi", 2)
    maojian = GIProduct.objects.get(name="信阳毛尖")
    assert maojian.region_id == "411500" and maojian.approval_date == datetime.date(2007, 12, 1)
    assert sorted(maojian.authorized_users.values_list("name", flat=True)) == ["乙茶叶公司", "甲茶业有限公司"]
    assert GIProduct.objects.get(name="灵宝苹果").region_id == "411282"


def test_xlsx_import(actor, tmp_path):
    import openpyxl

    header, rows = sample_rows()
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["导出结果"])
    ws.append(header)
    for r in rows:
        cells = [int(v) if v.isdigit() and len(v) == 8 else v for v in r]  # dates as numbers, like Excel exports
        ws.append(cells)
    ws.cell(row=3, column=header.index("申请日") + 1).value = datetime.datetime(2022, 12, 2)
    wb.save(tmp_path / "export.xlsx")
    report = import_file(tmp_path / "export.xlsx")
    assert (report.format, report.created, report.invalid) == ("xlsx", 10, 0)
    assert Patent.objects.get(application_number="202223220665.2").filing_date == datetime.date(2022, 12, 2)
    assert LegalEvent.objects.filter(kind="grant").count() == 8


def test_cli_error_report_file_and_quiet(actor, tmp_path, capsys):
    import csv

    header, rows = sample_rows()
    bad = with_values(header, rows[1], 申请号="CN202122975192.7", 授权公告日="20990101")
    path = write_csv(tmp_path / "bad.csv", header, [rows[0], bad])
    with pytest.raises(CommandError):
        call_command("import", str(path), "--quiet", "--errors", str(tmp_path / "errors.csv"))
    out = capsys.readouterr().out
    assert out.strip().startswith("bad.csv (patents, csv, utf-8): batch #")  # nothing but the summary
    with open(tmp_path / "errors.csv", encoding="utf-8-sig") as fh:
        lines = list(csv.reader(fh))
    assert lines[0] == ["row", "field", "value", "reason"]
    assert [(r[0], r[1]) for r in lines[1:]] == [("3", "申请号"), ("3", "授权公告日")]


def test_an_import_leaves_the_planner_its_statistics(actor):
    # SQLite has none until ANALYZE runs, and then reads a province-wide list by the region index and sorts
    # the whole register (core.dbstats); PostgreSQL's autovacuum keeps its own
    from django.db import connection

    if connection.vendor != "sqlite":
        pytest.skip("SQLite only: PostgreSQL analyses by itself")
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM sqlite_stat1 WHERE tbl = 'rights_patent'")
    import_file(SAMPLE_CSV)
    with connection.cursor() as cursor:
        cursor.execute("SELECT idx, stat FROM sqlite_stat1 WHERE tbl = 'rights_patent'")
        stats = dict(cursor.fetchall())
    assert stats and all(stat.split()[0] == "10" for stat in stats.values())  # the ten rows just imported


def test_a_record_replaced_by_an_import_holds_what_a_first_import_of_it_writes(actor, tmp_path):
    """The update path (one UPDATE a row) writes every column as the create path does: dates, JSON lists, the
    region, the status; the title's text index follows the new title."""
    from django.forms.models import model_to_dict

    from ipgov.core import textsearch

    header, rows = sample_rows()
    pending = next(r for r in rows if r[6] == "CN202211740332.4")
    granted = with_values(header, pending, 授权公告日="20240607", 授权公告号="CN116245100B", 专利类型="发明授权",
                          法律状态="有权-审定授权", 专利名称="一种改过名称的检测装置", 发明人="甲;乙;丙")
    other = next(r for r in rows if r[6] != "CN202211740332.4")  # stays: the later imports are not first fills
    skip = ("id", "created", "updated", "batch")
    import_file(write_csv(tmp_path / "granted.csv", header, [other, granted]))
    this = Patent.objects.filter(application_number="202211740332.4")
    fresh = model_to_dict(this.get(), exclude=skip)
    this.delete()
    import_file(write_csv(tmp_path / "pending.csv", header, [pending]))
    assert (import_file(tmp_path / "granted.csv", force=True).updated) == 1
    replaced = this.get()
    assert model_to_dict(replaced, exclude=skip) == fresh
    assert fresh["inventors"] == ["甲", "乙", "丙"] and fresh["grant_date"] == datetime.date(2024, 6, 7)
    assert list(Patent.objects.filter(textsearch.contains(Patent, "title", "改过名称"))) == [replaced]
