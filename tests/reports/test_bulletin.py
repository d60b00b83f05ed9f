"""The monthly bulletin (统计月报) on a hand-built cube: values, year to date, YoY and ranks counted by hand,
the tables in DOCX/XLSX/PDF, the ※ note, and the command's sentences."""

import re
import shutil
import subprocess

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation
from docx import Document
from openpyxl import load_workbook

from ipgov.reports import bulletin
from ipgov.reports.writers import unavailable, write
from tests.reports import cube

pytestmark = pytest.mark.django_db

# month cells Jan–Jun of 2020 and of 2019 (None: no cell)
APPS = {
    "410100": ([100, 110, 120, 130, 140, 150], [80, 90, 100, 110, 120, 120]),  # 郑州
    "410300": ([50, 60, 70, 80, 90, 200], [40] * 6),  # 洛阳
    "410700": ([50] * 6, None),  # 新乡: nothing in 2019
    "410122": ([5, 5, 5, 5, 5, 10], [5] * 6),  # 中牟县 (郑州)
    "410324": ([6, 6, 6, 6, 6, 5], [5] * 6),  # 栾川县 (洛阳)
}


def _months(year):
    return [f"{year}-{m:02d}" for m in range(1, 7)]


@pytest.fixture
def month_cube(db):
    run = cube.run()
    run.period_from, run.period_to = "2019-01", "2020-06"
    run.save()
    province = ([0] * 6, [0] * 6)
    for code, (this, last) in APPS.items():
        for year, values in ((2020, this), (2019, last)):
            for month, v in zip(_months(year), values or [], strict=False):
                cube.obs("patent_applications", month, v, region=code, run_=run)
        if code[4:] == "00":
            province = ([a + b for a, b in zip(province[0], this, strict=True)],
                        [a + b for a, b in zip(province[1], last or [0] * 6, strict=True)])
    for year, values in ((2020, province[0]), (2019, province[1])):
        for month, v in zip(_months(year), values, strict=True):
            cube.obs("patent_applications", month, v, run_=run)
    for code in ("410000", "410100"):
        for year, total, inventions in ((2020, 10, 2), (2019, 8, 1)):
            for month in _months(year):
                cube.obs("patent_grants", month, total, region=code, run_=run)
                if (code, month) != ("410100", "2019-01"):  # a zero: the cube keeps no breakdown cell for it
                    cube.obs("patent_grants", month, inventions, region=code, breakdown="type=invention", run_=run)
    for code, now, before in (("410000", 4.1234, 3.7267), ("410100", 30.1234, 27.5), ("410300", 10.5, 10.5)):
        cube.obs("valid_invention_patents_per_10k", "2020-06", now, region=code, unit="件/万人", run_=run)
        cube.obs("valid_invention_patents_per_10k", "2019-06", before, region=code, unit="件/万人", run_=run)
    return run


def _line(b, label, group, code):
    return next(x for x in b.lines[(label, group)] if x.code == code)


def test_month_year_to_date_yoy_and_ranks_counted_by_hand(month_cube):
    b = bulletin.collect("410000", "2020-06")
    zz = _line(b, "专利申请量", "cities", "410100")
    assert (zz.month.value, zz.month.yoy, zz.month_rank) == (150, 0.25, 2)  # 150 / 120 − 1; 洛阳's 200 is first
    assert (zz.ytd.value, zz.ytd.yoy, zz.ytd_rank) == (750, 0.21, 1)  # 750 / 620 − 1 = 0.2097
    ly = _line(b, "专利申请量", "cities", "410300")
    assert (ly.month.value, ly.month.yoy, ly.month_rank, ly.ytd.value, ly.ytd.yoy, ly.ytd_rank) == \
        (200, 4.0, 1, 550, 1.292, 2)  # 550 / 240 − 1 = 1.2917
    xx = _line(b, "专利申请量", "cities", "410700")
    assert (xx.ytd.value, xx.ytd.yoy, xx.ytd_rank) == (300, None, 3)  # no 2019 cells: no YoY, still ranked
    assert _line(b, "专利申请量", "cities", "410200").ytd is None  # 开封: no cells
    province = b.lines[("专利申请量", "province")][0]
    assert (province.month.value, province.ytd.value, province.ytd_rank) == (400, 1600, None)
    # counties among the province's counties: 中牟 35 and 栾川 35 share the first place
    zm, lc = _line(b, "专利申请量", "counties", "410122"), _line(b, "专利申请量", "counties", "410324")
    assert (zm.month_rank, lc.month_rank, zm.ytd_rank, lc.ytd_rank) == (1, 2, 1, 1)
    assert lc.city == "洛阳市" and "410181" in b.regions("counties") and "410100" not in b.regions("counties")
    inv = _line(b, "发明专利授权量", "cities", "410100")
    # January 2019 has a total but no invention cell: it counts 0, so Jan–Jun 2019 is 5 → 12 / 5 − 1
    assert (inv.month.value, inv.month.yoy, inv.ytd.value, inv.ytd.yoy) == (2, 1.0, 12, 1.4)
    per = _line(b, "每万人口发明专利拥有量", "cities", "410100")
    assert (per.month.value, per.month.yoy, per.month_rank, per.ytd) == (30.12, 0.0954, 1, None)
    assert len(b.regions("cities")) == 18


def test_the_tables_and_the_summary(month_cube):
    report = bulletin.build_bulletin("2020-06")
    assert report.title + report.subtitle == "河南省知识产权统计月报（2020年6月）"
    assert report.cutoff_zh == "数据截至2020年6月30日"
    assert report.intro[0].startswith("2020年1—6月，全省专利申请量1600件，同比增长86.0%；专利授权量60件，同比增长25.0%，"
                                      "其中发明专利授权量12件，同比增长100.0%。6月当月，全省专利申请量400件，")
    assert "截至2020年6月30日，全省每万人口发明专利拥有量为4.12件，同比增长10.64%。" in report.intro[0]
    assert "专利申请量居前三位的是郑州市、洛阳市、新乡市" in report.intro[1]
    table = report.tables[0]
    assert table.title == "表1　全省及各省辖市专利申请量（2020年1—6月）"
    assert table.header == ["地区", "6月（件）", "同比增长（%）", "位次", "1—6月（件）", "同比增长（%）", "位次"]
    rows = {r[0].text: [c.text for c in r[1:]] for r in table.rows}
    assert rows["郑州市"] == ["150", "25.0", "2", "750", "21.0", "1"]
    assert rows["新乡市"] == ["50", "—", "3", "300", "—", "3"]
    assert rows["开封市※"] == ["—"] * 6
    assert any(n.startswith("※统计数据库中暂无以下地区的专利申请量数据") and "开封市（2020年6月、2020年1—6月累计）" in n
               for n in table.notes)
    counties = report.tables[1]
    assert counties.header[:2] == ["县（市、区）", "所属省辖市"]
    assert [c.text for c in next(r for r in counties.rows if r[0].text == "栾川县")] == \
        ["栾川县", "洛阳市", "5", "0.0", "2", "35", "16.7", "1"]


def test_docx_xlsx_and_pdf(month_cube, tmp_path):
    report = bulletin.build_bulletin("2020-06")
    doc = Document(str(write(report, "docx", tmp_path / "b.docx")))
    assert [p.text for p in doc.paragraphs if p.style.name == "Title"] == ["河南省知识产权统计月报"]
    assert "（2020年6月　数据截至2020年6月30日）" in [p.text for p in doc.paragraphs]
    first = doc.tables[0]
    assert [c.text for c in first.rows[0].cells][:2] == ["地区", "6月（件）"]
    assert [c.text for c in first.rows[2].cells] == ["郑州市", "150", "25.0", "2", "750", "21.0", "1"]
    assert len(doc.tables) == 8  # four statistics × (cities, counties)
    # a table never starts at a page's foot with one row: its title, header and first rows keep with the next
    caption = doc.paragraphs[[p._p for p in doc.paragraphs].index(first._tbl.getprevious())]
    assert caption.text.startswith("表1") and caption.paragraph_format.keep_with_next
    kept = [row.cells[0].paragraphs[0].paragraph_format.keep_with_next for row in first.rows]
    assert kept[:4] == [True, True, True, False] and not any(kept[4:])
    wb = load_workbook(write(report, "xlsx", tmp_path / "b.xlsx"))
    ws = wb["表1　全省及各省辖市专利申请量（2020年1—6月）"[:31]]
    rows = {r[0]: r for r in ws.iter_rows(min_row=4, values_only=True) if r[0]}
    assert rows["郑州市"] == ("郑州市", 150, 25.0, 2, 750, 21.0, 1)  # numbers, not text
    assert rows["开封市※"][1] == "—"
    if unavailable("pdf") or shutil.which("pdftotext") is None:
        pytest.skip("no PDF on this machine")
    path = write(report, "pdf", tmp_path / "b.pdf")
    text = subprocess.run(["pdftotext", "-layout", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert "河南省知识产权统计月报" in text and re.search(r"郑州市\s+150\s+25\.0\s+2\s+750\s+21\.0\s+1\n", text)


def test_command_writes_three_files_with_a_line_each(month_cube, tmp_path, capsys):
    call_command("report", "bulletin", "--period", "2020-06", "-o", str(tmp_path / "out"))
    out = capsys.readouterr().out
    written = sorted(p.name for p in (tmp_path / "out").iterdir())
    expected = ["bulletin_410000_2020-06.docx", "bulletin_410000_2020-06.xlsx"]
    if not unavailable("pdf"):
        expected.append("bulletin_410000_2020-06.pdf")
    assert written == sorted(expected)
    assert out.count("已写入：") == len(expected)
    assert "河南省知识产权统计月报（2020年6月）：全省、18个省辖市和" in out and "数据截至2020年6月30日" in out
    with translation.override("en"):
        call_command("report", "bulletin", "--period", "2020-06", "--format", "xlsx", "-o", str(tmp_path / "en"))
    out = capsys.readouterr().out
    assert "written: " in out and "18 cities" in out and "data as of 30 Jun 2020" in out


@pytest.mark.parametrize(("args", "message"), [
    (["--period", "2020H1"], "统计月报按月编制"),
    (["--period", "2020-13"], "“2020-13”不是有效的统计期间"),
    (["--period", "2020-07"], "晚于数据截止期"),
    (["--period", "2020-06", "--region", "410100"], "郑州市不是省"),
    (["--period", "2020-06", "--region", "cities"], "统计月报覆盖全省"),
])
def test_command_sentences(month_cube, tmp_path, args, message):
    with pytest.raises(CommandError, match=message):
        call_command("report", "bulletin", *args, "-o", str(tmp_path))
    assert not list(tmp_path.iterdir())


def test_an_empty_cube_is_a_sentence(db, tmp_path):
    with pytest.raises(CommandError, match="ipgov compute"):
        call_command("report", "bulletin", "--period", "2020-06", "-o", str(tmp_path))
