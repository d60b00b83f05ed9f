"""Bad input: each case gets a clear message, nothing half-written, the database unchanged."""

import zipfile

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from ipgov.core.ingest.models import ImportBatch, ImportRowError, RecordVersion
from ipgov.core.models import ObjectChange
from ipgov.rights.importers import ImportFailed, import_file
from ipgov.rights.models import Applicant, LegalEvent, Patent
from ipgov.rights.numbers import make_application_number

from .conftest import SAMPLE_CSV, SAMPLES, sample_rows, with_values, write_csv

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("either_reader")]  # rows mapped here and in a child


@pytest.fixture(autouse=True)
def _english():
    """These tests assert the import's messages in English (the zh-Hans ones: tests/core/test_cli_language.py)."""
    with translation.override("en"):
        yield
NEW = "CN" + make_application_number(2023, 2, 605824)  # a utility model, like the sample row used
NEW2 = "CN" + make_application_number(2023, 2, 605825)
MODELS = (Patent, Applicant, LegalEvent, ImportBatch, ImportRowError, RecordVersion, ObjectChange)


def db_state():
    return {m.__name__: m.objects.count() for m in MODELS}


@pytest.fixture
def baseline(actor):
    """A register holding the real sample, so 'unchanged' means more than 'still empty'."""
    import_file(SAMPLE_CSV)
    return db_state()


def fails(path, match, **kwargs):
    with pytest.raises(ImportFailed, match=match) as info:
        import_file(path, **kwargs)
    assert info.value.report is None or info.value.report.status == "failed"
    return info.value


def test_empty_file(baseline, tmp_path):
    (tmp_path / "empty.csv").write_bytes(b"")
    fails(tmp_path / "empty.csv", "the file is empty")
    (tmp_path / "blank.csv").write_bytes(b"\n\n  \n")
    fails(tmp_path / "blank.csv", "the file is empty")
    (tmp_path / "empty.xlsx").write_bytes(b"")
    fails(tmp_path / "empty.xlsx", "the file is empty")
    assert db_state() == baseline


def test_truncated_csv_in_a_quoted_field(baseline, tmp_path):
    header, rows = sample_rows()
    path = write_csv(tmp_path / "t.csv", header, rows[:2])
    # the export stopped inside a quoted abstract
    path.write_bytes(path.read_bytes() + '3,20210715,20221004,20221004,中科大数据研究院,"郭晓东;王煜炜'.encode())
    fails(tmp_path / "t.csv", "CSV syntax error|truncated")
    assert db_state() == baseline


def test_truncated_csv_mid_row_under_strict_changes_nothing(baseline, tmp_path):
    header, rows = sample_rows()
    path = write_csv(tmp_path / "t.csv", header, [with_values(header, rows[0], 申请号=NEW2)])
    # a second, new row cut off after its tenth field
    cut = ",".join(with_values(header, rows[1], 申请号=NEW)[:10])
    path.write_bytes(path.read_bytes() + cut.encode())
    err = fails(path, "strict", strict=True)
    assert any("row has 10 fields, the header has 61: truncated" in e.reason for e in err.report.errors)
    assert db_state() == baseline


def test_truncated_in_the_middle_of_a_utf8_character(baseline, tmp_path):
    data = SAMPLE_CSV.read_bytes()
    cut = data.index("中科大数据研究院".encode(), 20000) + 2
    (tmp_path / "t.csv").write_bytes(data[:cut])
    fails(tmp_path / "t.csv", "ends inside a UTF-8 character .*truncated")
    assert db_state() == baseline


def test_truncated_xml(baseline, tmp_path):
    data = (SAMPLES / "US08930553_grant_v45.xml").read_bytes()
    (tmp_path / "t.xml").write_bytes(data[: len(data) // 2])
    fails(tmp_path / "t.xml", "XML is malformed or truncated at line")
    assert db_state() == baseline


def test_wrong_encoding_declared(baseline, tmp_path):
    header, rows = sample_rows()
    gbk = write_csv(tmp_path / "gbk.csv", header, rows[:2], encoding="gbk")
    fails(gbk, "declared utf-8 but byte 0x.. at line 1 is not utf-8; it decodes as GBK", encoding="utf-8")
    utf8 = write_csv(tmp_path / "utf8.csv", header, rows[:2])
    fails(utf8, "declared gbk but the file is UTF-8", encoding="gbk")
    xml = (SAMPLES / "US08930553_grant_v45.xml").read_text(encoding="utf-8")
    xml = xml.replace("Managing mid-dialog", "管理 mid-dialog")
    (tmp_path / "gbk.xml").write_bytes(xml.encode("gbk"))  # still declares encoding="UTF-8"
    fails(tmp_path / "gbk.xml", "malformed .* is the declared encoding right")
    assert db_state() == baseline


def test_mixed_encodings(baseline, tmp_path):
    header, rows = sample_rows()
    path = write_csv(tmp_path / "mixed.csv", header, rows[:1])
    extra = write_csv(tmp_path / "extra.csv", header, rows[1:3], encoding="gbk").read_bytes()
    path.write_bytes(path.read_bytes() + extra.split(b"\r\n", 1)[1])
    fails(path, r"mixed encodings: lines 1, 2 are UTF-8 but lines 3, 4 are not")
    assert db_state() == baseline


def test_header_in_row_three_is_found_but_no_header_is_refused(baseline, tmp_path):
    header, rows = sample_rows()
    new = with_values(header, rows[0], 申请号=NEW)
    report = import_file(write_csv(tmp_path / "h3.csv", header, [new], before=[["检索报告"], [""]]))
    assert report.created == 1 and report.errors == []
    (tmp_path / "nohead.csv").write_text("a,b,c\n1,2,3\n", encoding="utf-8")
    fails(tmp_path / "nohead.csv", "no header row found in the first 2 rows: expected a header row with a key column: 申请号")


def test_duplicate_rows_within_a_file(baseline, tmp_path):
    header, rows = sample_rows()
    new = with_values(header, rows[0], 申请号=NEW)
    conflicting = with_values(header, new, 专利名称="另一个名称")
    report = import_file(write_csv(tmp_path / "dup.csv", header, [new, new, conflicting]))
    assert (report.created, report.duplicates, report.invalid) == (1, 1, 1)
    assert report.errors[0].row == 4 and "same record as row 2 but with different content" in report.errors[0].reason
    assert Patent.objects.get(application_number=NEW[2:]).title == rows[0][10]


@pytest.mark.parametrize("in_memory", [100_000, 1], ids=["keys-in-memory", "keys-in-a-table"])
def test_repeats_across_chunks_are_told_against_the_first_row(baseline, tmp_path, monkeypatch, in_memory):
    """A key's later rows in later chunks: the same verdicts and rows as within one chunk, whether the batch's
    keys stay in memory or go to its temporary table (core.ingest.seen); the table is gone afterwards."""
    from django.db import connection

    from ipgov.core.ingest import batch, seen

    monkeypatch.setattr(batch, "CHUNK", 2)
    monkeypatch.setattr(seen, "IN_MEMORY", in_memory)
    header, rows = sample_rows()
    a, b, c, d = ("CN" + make_application_number(2023, 2, 605830 + i) for i in range(4))
    first = [with_values(header, rows[0], 申请号=number) for number in (a, b, c, d)]
    other = [with_values(header, row, 专利名称="另一个名称") for row in first]
    body = [first[0], first[1], first[2], first[0],  # rows 2–5: chunks of 2 keys; row 5 repeats row 2
            other[0], first[3], other[1], first[1], other[0]]  # rows 6–10
    report = import_file(write_csv(tmp_path / "repeats.csv", header, body))
    assert (report.created, report.duplicates, report.invalid) == (4, 2, 3)
    assert [(e.row, e.value, e.reason) for e in report.errors] == [
        (6, a[2:], "same record as row 2 but with different content"),
        (8, b[2:], "same record as row 3 but with different content"),
        (10, a[2:], "same record as row 2 but with different content")]
    assert Patent.objects.get(application_number=a[2:]).title == rows[0][10]
    with connection.cursor() as cur:
        cur.execute("SELECT to_regclass('pg_temp.ipgov_ingest_seen') IS NOT NULL" if connection.vendor == "postgresql"
                    else "SELECT count(*) FROM sqlite_temp_master WHERE name = 'ipgov_ingest_seen'")
        assert not cur.fetchone()[0]  # dropped: the next batch starts with no keys
    again = import_file(write_csv(tmp_path / "again.csv", header, [other[2], other[2]]))
    assert (again.updated, again.duplicates, again.invalid) == (1, 1, 0)


def test_wrong_check_digit_under_strict(baseline, tmp_path):
    header, rows = sample_rows()
    good = with_values(header, rows[0], 申请号=NEW)
    bad = with_values(header, rows[0], 申请号=NEW[:-1] + "4")
    err = fails(write_csv(tmp_path / "c.csv", header, [good, bad]), "strict: 1 invalid", strict=True)
    assert err.report.errors[0].reason.endswith("wrong check character 4, expected 6 (weights 2..9,2..5, mod 11)")
    assert db_state() == baseline  # the valid first row was rolled back too


def test_filing_date_after_grant_date(baseline, tmp_path):
    header, rows = sample_rows()
    bad = with_values(header, rows[0], 申请号=NEW, 申请日="20230401")
    fails(write_csv(tmp_path / "d.csv", header, [bad]), "strict", strict=True)
    report = import_file(write_csv(tmp_path / "d2.csv", header, [bad]))
    assert report.created == 0
    assert [(e.field, e.reason) for e in report.errors] == [
        ("授权公告日", "grant date before the filing date 2023-04-01"),
        ("公开日", "publication date before the filing date 2023-04-01")]


def test_dates_in_the_future(baseline, tmp_path):
    header, rows = sample_rows()
    bad = with_values(header, rows[0], 申请号=NEW, 授权公告日="20990101")
    report = import_file(write_csv(tmp_path / "f.csv", header, [bad]))
    assert report.created == 0 and report.errors[0].field == "授权公告日"
    assert report.errors[0].reason.startswith("2099-01-01 is in the future (today is ")


def test_xml_bomb_is_refused(baseline, tmp_path):
    bomb = ('<?xml version="1.0"?>\n<!DOCTYPE lolz [\n<!ENTITY lol "lol">\n'
            + "".join(f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">\n'
                      for i in range(1, 10))
            + ']>\n<us-patent-grant>&lol9;</us-patent-grant>\n')
    (tmp_path / "bomb.xml").write_text(bomb)
    fails(tmp_path / "bomb.xml", "XML refused: it declares the entity 'lol' .*billion-laughs")
    assert db_state() == baseline


def test_external_entity_is_refused(baseline, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("do not read me")
    xxe = (f'<?xml version="1.0"?>\n<!DOCTYPE us-patent-grant [\n<!ENTITY xxe SYSTEM "file://{secret}">\n]>\n'
           "<us-patent-grant><x>&xxe;</x></us-patent-grant>\n")
    (tmp_path / "xxe.xml").write_text(xxe)
    err = fails(tmp_path / "xxe.xml", "XML refused")
    assert "do not read me" not in str(err)
    assert db_state() == baseline


def test_xlsx_that_is_a_zip_of_something_else(baseline, tmp_path):
    path = tmp_path / "export.xlsx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("readme.txt", "hello")
        zf.writestr("data.csv", "a,b\n")
    fails(path, r"a zip archive but not an Excel workbook .*it contains: readme.txt, data.csv")
    (tmp_path / "text.xlsx").write_text("申请号,申请日\n", encoding="utf-8")
    fails(tmp_path / "text.xlsx", "not a valid .xlsx: it is not a zip archive")
    assert db_state() == baseline


def test_truncated_xlsx(baseline, tmp_path):
    import openpyxl

    header, rows = sample_rows()
    wb = openpyxl.Workbook()
    wb.active.append(header)
    for r in rows:
        wb.active.append(r)
    wb.save(tmp_path / "full.xlsx")
    data = (tmp_path / "full.xlsx").read_bytes()
    (tmp_path / "cut.xlsx").write_bytes(data[: len(data) * 2 // 3])
    fails(tmp_path / "cut.xlsx", "not a valid .xlsx")
    assert db_state() == baseline


def test_binary_garbage_as_csv(baseline, tmp_path):
    (tmp_path / "x.csv").write_bytes(bytes(range(256)) * 4)
    fails(tmp_path / "x.csv", "neither UTF-8 nor GBK|NUL bytes|binary")
    assert db_state() == baseline


def test_cli_failure_exits_non_zero_with_the_reason(baseline, tmp_path):
    (tmp_path / "empty.csv").write_bytes(b"")
    with pytest.raises(CommandError, match="the file is empty"):
        call_command("import", str(tmp_path / "empty.csv"), "--quiet")
    header, rows = sample_rows()
    bad = with_values(header, rows[0], 申请号=NEW[:-1] + "4")
    with pytest.raises(CommandError, match="FAILED, nothing written — --strict: 1 invalid row"):
        call_command("import", str(write_csv(tmp_path / "s.csv", header, [bad])), "--strict", "--quiet")
    assert db_state() == baseline


def test_xls_that_is_not_an_ole_workbook(baseline, tmp_path):
    (tmp_path / "old.xls").write_text("申请号\t申请日\n", encoding="utf-8")
    fails(tmp_path / "old.xls", r"not an Excel 97 \(.xls\) workbook")
    assert db_state() == baseline


def test_unknown_header_kind_is_named(baseline, tmp_path):
    (tmp_path / "x.csv").write_text("商标注册号,国际分类\n123,9\n", encoding="utf-8")
    fails(tmp_path / "x.csv", "expected a patents header with a key column: 申请号", kind="patents")
    assert db_state() == baseline


def test_st36_document_without_application_reference_is_a_row_error(actor, tmp_path):
    import re

    broken = re.sub(rb"<application-reference.*?</application-reference>", b"",
                    (SAMPLES / "US08613112_grant_v44.xml").read_bytes(), flags=re.S)
    (tmp_path / "weekly.xml").write_bytes(broken + b"\n" + (SAMPLES / "US08930553_grant_v45.xml").read_bytes())
    report = import_file(tmp_path / "weekly.xml")
    assert (report.rows_total, report.created) == (2, 1)
    assert [(e.row, e.field) for e in report.errors] == [(1, "application-reference")]
    assert "has no <application-reference>" in report.errors[0].reason
    with pytest.raises(ImportFailed, match="--strict: 1 invalid row"):
        import_file(tmp_path / "weekly.xml", strict=True)


def xlsx_with_sheet(path, sheet: bytes):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("xl/workbook.xml", "<workbook/>")
        zf.writestr("xl/worksheets/sheet1.xml", sheet)
    return path


def test_xlsx_zip_bomb_is_refused_before_inflating(baseline, tmp_path):
    import time

    path = xlsx_with_sheet(tmp_path / "bomb.xlsx", b"<sheetData>" + b" " * (64 << 20) + b"</sheetData>")
    assert path.stat().st_size < 200_000
    started = time.monotonic()
    fails(path, r"refused: member xl/worksheets/sheet1.xml inflates [\d,]+ times \(limit 200\) — a zip bomb")
    assert time.monotonic() - started < 2
    assert db_state() == baseline


def test_xlsx_over_the_absolute_inflation_limit_is_refused(baseline, tmp_path, monkeypatch):
    from ipgov.core.ingest import reading

    monkeypatch.setattr(reading, "MAX_INFLATED", 1000)
    path = xlsx_with_sheet(tmp_path / "big.xlsx", bytes(range(256)) * 8)
    fails(path, r"refused: the workbook would inflate to 2,0\d\d bytes \(limit 1,000 bytes\) — a zip bomb")
    assert db_state() == baseline


def test_an_overlong_title_is_refused_with_its_length_not_cut(baseline, tmp_path):
    header, rows = sample_rows()
    long_title = with_values(header, rows[0], 申请号=NEW, 专利名称="长" * 600, 授权名称="")
    report = import_file(write_csv(tmp_path / "long.csv", header, [long_title, with_values(header, rows[1], 申请号=NEW2)]))
    assert [(e.row, e.field, e.reason) for e in report.errors] == [
        (2, "专利名称", "600 characters, longer than the 500 allowed")]
    assert report.created == 1 and db_state()["Patent"] == baseline["Patent"] + 1  # only the other row


def test_control_and_bidi_characters_are_stripped_from_titles_and_names(baseline, tmp_path):
    header, rows = sample_rows()
    first = rows[0][header.index("申请人")].split(";")[0]
    hostile = with_values(header, rows[0], 申请号=NEW, 专利名称="\x1b[31m一种\u202e装置", 授权名称="",
                          申请人="\u202d" + first)
    import_file(write_csv(tmp_path / "ctl.csv", header, [hostile]))
    patent = Patent.objects.get(title="[31m一种装置")
    assert patent.applicants.first().name == first.strip()


def test_refusal_reasons_in_the_office_language_and_in_english(actor, tmp_path):
    """A refused row's reason is a sentence of the catalogue: in zh-Hans (the office's language, the default)
    and in English when that is the active language, with the same rows and columns either way."""
    header, rows = sample_rows()
    third = "CN" + make_application_number(2023, 2, 605826)
    patents = write_csv(tmp_path / "patents.csv", header, [
        with_values(header, rows[0], 申请号=NEW),
        with_values(header, rows[0], 申请号=""),
        with_values(header, rows[0], 申请号=NEW2, 专利类型="植物新品种"),
        with_values(header, rows[0], 申请号=third, 申请日="20230401"),
    ])
    marks = write_csv(tmp_path / "marks.csv", ["商标注册号", "国际分类", "申请日期", "注册日期", "申请人名称"], [
        ["12345678", "30", "20150101", "20160101", "某茶业公司"],
        ["23456789", "46", "20150101", "20160101", "某茶业公司"],
        ["", "30", "20150101", "20140101", "某茶业公司"],
        ["0123456", "30", "20150101", "20160101", ""],
    ])
    expected = {
        "zh-hans": ([(3, "申请号", "缺少申请号"),
                     (4, "专利类型", "未知的专利类型（发明/实用新型/外观设计）"),
                     (5, "授权公告日", "授权日早于申请日 2023-04-01"),
                     (5, "公开日", "公开日早于申请日 2023-04-01")],
                    [(3, "国际分类", "不是尼斯分类（1–45）"),
                     (4, "商标注册号", "缺少注册号"),
                     (4, "注册日期", "早于申请日 2015-01-01"),
                     (5, "商标注册号", "“0123456”：商标注册号不以 0 开头"),
                     (5, "申请人名称", "缺少注册人")]),
        "en": ([(3, "申请号", "missing application number"),
                (4, "专利类型", "unknown patent type (发明/实用新型/外观设计)"),
                (5, "授权公告日", "grant date before the filing date 2023-04-01"),
                (5, "公开日", "publication date before the filing date 2023-04-01")],
               [(3, "国际分类", "not a Nice class (1–45)"),
                (4, "商标注册号", "missing registration number"),
                (4, "注册日期", "before the filing date 2015-01-01"),
                (5, "商标注册号", "'0123456': a trademark registration number has no leading zero"),
                (5, "申请人名称", "missing owner")]),
    }
    for language, (patent_reasons, mark_reasons) in expected.items():
        with translation.override(language):
            report = import_file(patents, kind="patents", force=True)
            assert [(e.row, e.field, e.reason) for e in report.errors] == patent_reasons
            assert report.invalid == 3
            report = import_file(marks, kind="trademarks", force=True)
            assert [(e.row, e.field, e.reason) for e in report.errors] == mark_reasons
            assert report.invalid == 3
            stored = ImportRowError.objects.filter(batch_id=report.batch_id).order_by("pk")
            assert [(e.row, e.field, e.reason) for e in stored] == mark_reasons
    assert Patent.objects.filter(application_number=NEW[2:]).exists()


def test_an_xml_that_is_no_patent_document_is_refused_by_its_name(baseline, tmp_path):
    """A file refused before anything in it was detected is named alone, not with empty brackets: "scheme.xml:
    FAILED …", not "scheme.xml (, ): FAILED …"."""
    path = tmp_path / "scheme.xml"
    path.write_text('<?xml version="1.0"?><class-scheme><item/></class-scheme>', encoding="utf-8")
    with pytest.raises(CommandError) as refused:
        call_command("import", str(path), "--quiet")
    assert str(refused.value).startswith("scheme.xml: FAILED, nothing written — not a patent document"), refused.value
    assert db_state() == baseline
