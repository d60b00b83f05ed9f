import pytest
from django.core.management import CommandError, call_command

from ipgov.core.ingest.errors import ImportFailed
from ipgov.core.ingest.models import ImportBatch
from ipgov.core.ingest.rows import import_rows
from ipgov.core.models import ObjectChange
from ipgov.programs import stats
from ipgov.programs.importers import IMPORTERS
from ipgov.programs.models import Designation, DesignationEvent, Organization
from tests.programs.rights import cn_number, make_patent
from tests.programs.tables import write_table

pytestmark = pytest.mark.django_db

HEADER = ["单位名称", "单位类型", "行政区划代码", "统一社会信用代码", "认定类型", "级别", "年度", "批次",
          "认定机关区划代码", "状态", "日期", "文号"]
GOOD = [
    ["郑州甲公司", "企业", "410102", "91410102MA00000017", "知识产权强企", "省级", 2019, "2019", "410000", "认定", "2019-06-01", ""],
    ["郑州甲公司", "企业", "410102", "91410102MA00000017", "知识产权强企", "省级", 2019, "2019", "410000", "撤销", "2020-03-01", ""],
    ["洛阳乙公司", "企业", "410302", "", "知识产权优势示范企业", "国家级", 2018, "2018", "", "认定", "2018-11-01", ""],
    ["新乡保护中心", "服务机构", "410700", "", "知识产权保护中心", "国家级", 2018, "", "", "认定", "2018-03-01", ""],
    ["新乡保护中心", "服务机构", "410700", "", "知识产权保护中心", "国家级", 2018, "", "", "验收", "2019-11-20", ""],
]


def credit(code17: str) -> str:
    from ipgov.core.credit_code import check_character

    return code17 + check_character(code17)


@pytest.fixture
def good_rows():
    rows = [list(r) for r in GOOD]
    for r in rows[:2]:
        r[3] = credit("91410102MA0000001")
    return rows


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_designations_import_is_idempotent(actor, tmp_path, good_rows, suffix):
    path = write_table(tmp_path / f"认定{suffix}", HEADER, good_rows)
    report = import_rows(IMPORTERS["designations"], path)
    assert (report.status, report.created, report.unchanged) == ("committed", 5, 0)
    assert Designation.objects.count() == 3 and DesignationEvent.objects.count() == 5
    import datetime

    assert stats.designations_in_force("410000", datetime.date(2019, 12, 31)) == 3
    assert stats.designations_in_force("410000", datetime.date(2020, 6, 30)) == 2
    again = import_rows(IMPORTERS["designations"], path)
    assert again.status == "unchanged" and DesignationEvent.objects.count() == 5
    overlapping = write_table(tmp_path / f"再次{suffix}", HEADER, good_rows[:3])
    assert import_rows(IMPORTERS["designations"], overlapping).unchanged == 3
    assert ImportBatch.objects.filter(kind="designations").count() == 2  # the same file again wrote no batch


BAD = [
    (["丙公司", "企业", "410102", "91350100M000100Y4Z", "知识产权强企", "省级", 2019, "2019", "410000", "认定", "2019-06-01", ""],
     "统一社会信用代码", "not allowed"),
    (["丁公司", "企业", "410302", "", "知识产权强企", "市级", 2019, "2019", "410100", "认定", "2019-06-01", ""],
     "单位名称", "outside the jurisdiction"),
    (["郑州甲公司", "企业", "410102", None, "知识产权强企", "省级", 2020, "2020", "410000", "认定", "2020-06-01", ""],
     "单位名称", "duplicate designation"),
    (["戊公司", "企业", "410102", "", "知识产权强企", "省级", 2019, "2019", "410000", "认定", "2019-13-01", ""],
     "日期", "not a date"),
    (["己公司", "企业", "419999", "", "知识产权强企", "省级", 2019, "2019", "410000", "认定", "2019-06-01", ""],
     "行政区划代码", "unknown region code"),
    (["庚公司", "企业", "410102", "", "先进单位", "省级", 2019, "2019", "410000", "认定", "2019-06-01", ""],
     "认定类型", "unknown value"),
]


@pytest.mark.parametrize("bad, field, reason", BAD)
def test_bad_row_is_reported_and_the_good_rows_kept(actor, tmp_path, good_rows, bad, field, reason):
    bad = list(bad)
    if bad[3] is None:
        bad[3] = good_rows[0][3]
    path = write_table(tmp_path / "bad.csv", HEADER, [good_rows[0], good_rows[2], bad])
    report = import_rows(IMPORTERS["designations"], path)
    assert [(e.row, e.field) for e in report.errors] == [(4, field)]
    assert reason in report.errors[0].reason
    assert (report.created, report.invalid) == (2, 1)
    assert Designation.objects.count() == 2
    batch = ImportBatch.objects.get(pk=report.batch_id)
    assert (batch.rows_total, batch.rows_invalid, [e.row for e in batch.errors.all()]) == (3, 1, [4])


@pytest.mark.parametrize("bad, field, reason", BAD)
def test_strict_bad_row_rejects_the_whole_file(actor, tmp_path, good_rows, bad, field, reason):
    bad = list(bad)
    if bad[3] is None:
        bad[3] = good_rows[0][3]
    path = write_table(tmp_path / "bad.csv", HEADER, [good_rows[0], good_rows[2], bad])
    before = ObjectChange.objects.count()
    with pytest.raises(ImportFailed) as exc:
        import_rows(IMPORTERS["designations"], path, strict=True)
    errors = exc.value.report.errors
    assert [(e.row, e.field) for e in errors] == [(4, field)]
    assert reason in errors[0].reason
    assert not Organization.objects.exists() and not Designation.objects.exists()
    assert ObjectChange.objects.count() == before and not ImportBatch.objects.exists()


def test_missing_column_is_reported(actor, tmp_path):
    path = write_table(tmp_path / "x.csv", ["单位名称", "级别"], [["a", "省级"]])
    with pytest.raises(ImportFailed, match="单位类型") as exc:
        import_rows(IMPORTERS["designations"], path)
    assert exc.value.report.status == "failed" and not ImportBatch.objects.exists()


def test_awards_and_training_via_cli(tmp_path):
    numbers = [cn_number(2014, 1, i) for i in (1, 2)]
    for n in numbers:
        make_patent(n, __import__("datetime").date(2016, 1, 1))
    awards = write_table(tmp_path / "奖.xlsx", ["单位名称", "单位类型", "行政区划代码", "奖项", "届次", "授奖日期", "等级", "专利号"], [
        ["郑州某院", "科研院所", "410102", "中国专利奖", 21, "2020-07-14", "银奖", "ZL" + numbers[0]],
        ["郑州某院", "科研院所", "410102", "河南省专利奖", 2, "2020-05-20", "一等奖", numbers[1]],
    ])
    call_command("import_programs", "awards", str(awards))
    assert stats.awards("410000", "china_patent_award", edition=21) == 1
    bad = write_table(tmp_path / "坏奖.csv", ["单位名称", "单位类型", "行政区划代码", "奖项", "届次", "授奖日期", "等级", "专利号"], [
        ["郑州某院", "科研院所", "410102", "中国专利奖", 21, "2020-07-14", "银奖", cn_number(2014, 1, 3)],
    ])
    errors = tmp_path / "errors.csv"
    with pytest.raises(CommandError, match="no row was imported: 1 invalid row"):
        call_command("import_programs", "awards", str(bad), "--errors", str(errors))
    assert "not in the register" in errors.read_text(encoding="utf-8-sig")
    training = write_table(tmp_path / "培训.csv", ["活动名称", "主题", "行政区划代码", "开始日期", "受训人次"], [
        ["巡讲一", "知识产权助力精准扶贫", "411500", "2019-05-01", "3,100"],
        ["巡讲二", "知识产权助力精准扶贫", "411600", "20191101", "2900"],
    ])
    call_command("import_programs", "training", str(training))
    assert stats.trainees("410000", __import__("datetime").date(2019, 1, 1), __import__("datetime").date(2019, 12, 31)) == 6000
    audit = ObjectChange.objects.filter(actor="cli:import").exclude(action=ObjectChange.Action.IMPORT)
    assert audit.count() == 1 + 2 + 2  # one organization, two awards, two training events
