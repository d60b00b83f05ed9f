"""The exports offices really have: CNIPA search-system headers (专利检索及分析), 法律状态 → legal events
through the phrase table, columns nobody knows listed with their letter, mapping profiles, and refused
rows re-processed without the file (`ipgov import retry`)."""

import datetime

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from ipgov.core.ingest import profiles, registry, retry
from ipgov.core.ingest.models import ImportBatch, ImportProfile, ImportRawRow
from ipgov.rights.choices import LegalEventKind
from ipgov.rights.importers import import_file
from ipgov.rights.importers.legalstatus import classify
from ipgov.rights.models import Patent
from ipgov.rights.numbers import check_character

from .conftest import write_csv

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("either_reader")]  # rows mapped here and in a child


@pytest.fixture(autouse=True)
def _english():
    """These tests assert the import's messages in English (the zh-Hans ones: tests/core/test_cli_language.py)."""
    with translation.override("en"):
        yield

PSS_HEADER = ["专利类型", "专利名称", "法律状态", "法律状态最后修改日期", "申请公布日/授权公告日", "申请号", "申请日",
              "申请人/专利权人", "发明人"]


def number(year: int, type_digit: int, serial: int) -> str:
    digits = f"{year}{type_digit}{serial:07d}"
    return f"CN{digits}.{check_character(digits)}"


def pss_rows():
    return [
        ["发明", "一种数据清洗方法", "实质审查的生效", "20170301", "2017.01.25", number(2016, 1, 812345), "2016.10.13",
         "郑州大学", "张三 ; 李四 ; 王五"],
        ["实用新型", "一种支架", "专利权的终止", "20200115", "2017.05.10", number(2016, 2, 100001), "2016.11.02",
         "河南某机械有限公司；李四", "李四"],
        ["发明", "一种检测装置", "授权", "20190301", "2019.03.01", number(2016, 1, 812346), "2016.10.20",
         "河南大学", "赵六"],
        ["发明", "一种配方", "发明专利申请公布后的视为撤回", "20190104", "2017.02.01", number(2016, 1, 812347),
         "2016.10.21", "某研究所", "钱七"],
        ["发明", "一种方法", "某种新状态", "20190104", "2017.02.01", number(2016, 1, 812348), "2016.10.22",
         "某研究所", "钱七"],
    ]


def test_phrase_table_maps_cnipa_phrases_and_keeps_unknown_ones():
    assert classify("公布;实质审查的生效") == ((LegalEventKind.PUBLICATION, LegalEventKind.SUBSTANTIVE_EXAMINATION), ())
    assert classify("专利权有效期届满") == ((LegalEventKind.EXPIRY,), ())
    assert classify("有效") == ((), ())
    assert classify("某种新状态；驳回") == ((LegalEventKind.REJECTION,), ("某种新状态",))


def test_pss_system_result_list_imports_with_its_legal_status_as_events(actor, tmp_path):
    report = import_file(write_csv(tmp_path / "pss.csv", PSS_HEADER, pss_rows()))
    assert (report.kind, report.created, report.invalid) == ("patents", 5, 0), report.errors
    assert report.unknown_status == {"某种新状态": 1}
    assert "某种新状态 ×1" in report.summary()

    def events(serial, type_digit=1):
        p = Patent.objects.get(application_number=number(2016, type_digit, serial)[2:])
        return p, [(e.kind, e.date) for e in p.events.all()]

    p, ev = events(812345)
    assert (p.filing_date, p.publication_date, p.grant_date) == (datetime.date(2016, 10, 13),
                                                                 datetime.date(2017, 1, 25), None)
    assert p.inventors == ["张三", "李四", "王五"]
    assert ev == [(LegalEventKind.SUBSTANTIVE_EXAMINATION, datetime.date(2017, 3, 1))]
    p, ev = events(100001, 2)  # a utility model is published at grant: the one date is both
    assert (p.publication_date, p.grant_date) == (datetime.date(2017, 5, 10), datetime.date(2017, 5, 10))
    assert ev == [(LegalEventKind.GRANT, datetime.date(2017, 5, 10)),
                  (LegalEventKind.LAPSE_NON_PAYMENT, datetime.date(2020, 1, 15))]
    assert p.terminated_on == datetime.date(2020, 1, 15)
    assert [a.name for a in p.applicants.all()] == ["河南某机械有限公司", "李四"]
    p, ev = events(812346)  # a granted invention: the date is the grant announcement
    assert (p.publication_date, p.grant_date) == (None, datetime.date(2019, 3, 1))
    p, ev = events(812347)
    assert ev == [(LegalEventKind.WITHDRAWAL, datetime.date(2019, 1, 4))]
    p, ev = events(812348)
    assert ev == [] and p.source_status == "某种新状态"
    assert ImportBatch.objects.get().notes["unknown_status"] == {"某种新状态": 1}


def test_three_refused_rows_come_in_by_retry_with_a_profile_without_the_file(actor, tmp_path):
    header = ["申请号", "申请日", "申请人", "当前权利人", "专利名称"]
    rows = [[number(2018, 1, 500000 + i), "2018-03-01", "" if i < 3 else "河南大学", "河南大学", f"方法{i}"]
            for i in range(10)]
    path = write_csv(tmp_path / "export.csv", header, rows)
    report = import_file(path)
    assert (report.created, report.invalid) == (7, 3)
    assert report.unmapped == [{"letter": "D", "header": "当前权利人", "sample": "河南大学"}]
    batch = ImportBatch.objects.get()
    assert batch.header == header
    assert list(ImportRawRow.objects.values_list("row", "cells")) == [(2 + i, rows[i]) for i in range(3)]
    # the same file again: not "unchanged" while rows are refused, and nothing new is kept
    again = import_file(path)
    assert again.status == "unchanged" and again.invalid == 3 and ImportBatch.objects.count() == 1

    call_command("import", "profile", "save", "权利人方案", kind="patents", map=["当前权利人=applicants", "申请人="])
    assert ImportProfile.objects.get().columns == {"当前权利人": "applicants", "申请人": ""}
    report = retry.retry(batch.pk, profile="权利人方案")
    assert (report.created, report.invalid, report.file_name) == (3, 0, "export.csv")
    assert Patent.objects.count() == 10
    assert ImportRawRow.objects.filter(resolved_by__isnull=True).count() == 0
    assert import_file(path).status == "unchanged"  # every row of the file is in now
    with pytest.raises(CommandError, match="no refused row left"):
        call_command("import", "retry", str(batch.pk))


def test_retry_keeps_row_numbers_and_reapply_uses_the_corrected_profile(actor, tmp_path):
    header = ["申请号", "申请日", "专利名称", "权利人"]
    rows = [[number(2019, 1, 600000 + i), "2019-05-01", "一种方法", "河南大学"] for i in range(4)]
    profiles.save("错的方案", "patents", {"权利人": "inventors"})
    report = registry.import_path(write_csv(tmp_path / "x.csv", header, rows), profile="错的方案")
    assert (report.created, report.invalid) == (0, 4)
    assert sorted({e.row for e in report.errors}) == [2, 3, 4, 5]
    batch = ImportBatch.objects.get(profile="错的方案")
    still = retry.retry(batch.pk)  # same wrong profile: same rows refused, with the file's row numbers
    assert sorted({e.row for e in still.errors}) == [2, 3, 4, 5]
    profiles.save("错的方案", "patents", {"权利人": "applicants"}, replace=True)
    reports = retry.reapply("错的方案")
    assert [(r.created, r.invalid) for r in reports] == [(4, 0)], reports[0].errors


def test_a_profile_naming_an_unknown_field_or_kind_is_refused(actor):
    with pytest.raises(Exception, match="no field 'nonsense'"):
        profiles.save("p", "patents", {"X": "nonsense"})
    with pytest.raises(CommandError, match="no mapping profile named 'nope'"):
        call_command("import", "somefile.csv", profile="nope")


def test_a_trademark_office_query_export_imports(actor, tmp_path):
    from ipgov.rights.models import Trademark

    header = ["注册号/申请号", "国际分类号", "申请日期", "商标名称", "申请人名称(中文)", "申请人地址(中文)", "商标状态"]
    rows = [["9023455", "39", "2011-01-05", "鹿溪", "郑州某农业专业合作社", "河南省郑州市中牟县", "注册"]]
    report = import_file(write_csv(tmp_path / "tm.csv", header, rows))
    assert (report.kind, report.created, report.invalid) == ("trademarks", 1, 0), report.errors
    tm = Trademark.objects.get()
    assert (tm.number, tm.nice_classes, tm.owner_name, tm.region_id) == ("9023455", [39], "郑州某农业专业合作社",
                                                                          "410122")
