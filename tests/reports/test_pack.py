"""The symposium pack: `ipgov report work --region cities` writes one work report per city-level unit and the
cities' comparison table (XLSX and DOCX) into one folder, a line per file."""

import re

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation
from docx import Document
from openpyxl import load_workbook

from tests.reports import cube

pytestmark = pytest.mark.django_db

CITY_CELLS = {  # 2020H1 and 2019H1 patent applications; per 10k at 2020H1's end
    "410100": (30000, 25000, 25.5), "410300": (12000, 12000, 9.1), "410700": (12000, 10000, None),
}


@pytest.fixture
def city_cube(seed_cube):
    for code, (now, before, per_10k) in CITY_CELLS.items():
        cube.obs("patent_applications", "2020H1", now, region=code, run_=seed_cube)
        cube.obs("patent_applications", "2019H1", before, region=code, run_=seed_cube)
        if per_10k is not None:
            cube.obs("valid_invention_patents_per_10k", "2020H1", per_10k, region=code, unit="件/万人", run_=seed_cube)
    return seed_cube


def test_one_command_writes_every_city_and_the_comparison(city_cube, tmp_path, capsys):
    folder = tmp_path / "pack"
    call_command("report", "work", "--region", "cities", "--period", "2020H1", "-o", str(folder))
    out = capsys.readouterr().out
    names = sorted(p.name for p in folder.iterdir())
    assert len(names) == 18 + 2
    assert "work_410100_2020H1.docx" in names and "work_419001_2020H1.docx" in names  # 济源 is a city-level unit
    assert {"comparison_cities_2020H1.xlsx", "comparison_cities_2020H1.docx"} <= set(names)
    assert out.count("已写入：") == 20 and "全省18个省辖市的工作报告（2020年上半年）及对比表已写入" in out
    doc = Document(str(folder / "work_410300_2020H1.docx"))
    assert [p.text for p in doc.paragraphs if p.style.name == "Title"] == ["洛阳市知识产权工作报告"]

    wb = load_workbook(folder / "comparison_cities_2020H1.xlsx")
    ws = wb["各省辖市知识产权主要指标对比（2020年上半年）"[:31]]
    rows = list(ws.iter_rows(min_row=3, values_only=True))
    header = rows[0]
    assert header[:5] == ("省辖市", "专利申请量（件）", "位次", "专利授权量（件）", "位次")
    by_name = {r[0].rstrip("※"): r for r in rows[1:] if r[0] and not str(r[0]).startswith(("注：", "※"))}
    # 郑州 30000 first; 洛阳 and 新乡 12000 share the second place; numbers, not text
    assert (by_name["郑州市"][1], by_name["郑州市"][2]) == (30000, 1)
    assert (by_name["洛阳市"][1], by_name["洛阳市"][2]) == (12000, 2)
    assert by_name["新乡市"][2] == 2
    per = header.index("每万人口发明专利拥有量（件/万人）")
    assert (by_name["郑州市"][per], by_name["郑州市"][per + 1]) == (25.5, 1)
    assert by_name["新乡市"][per] == "—"
    # a city with a missing cell is marked ※ and the note says which cells it lacks
    note = next(r[0] for r in rows if r[0] and str(r[0]).startswith("※"))
    assert "每万人口发明专利拥有量" in re.search(r"新乡市（([^）]*)）", note)[1]
    assert "每万人口发明专利拥有量" not in re.search(r"郑州市（([^）]*)）", note)[1]
    assert [r[0] for r in rows[1:4]] == ["郑州市※", "开封市※", "洛阳市※"]  # code order
    docx = Document(str(folder / "comparison_cities_2020H1.docx"))
    table = docx.tables[0]
    assert len(table.rows) == 19 and table.rows[0].cells[0].text == "省辖市"
    assert [c.text for c in table.rows[1].cells][:3] == ["郑州市※", "30000", "1"]
    assert docx.sections[-1].page_width > docx.sections[-1].page_height  # the wide table on landscape pages


def test_english_lines_and_sentences(city_cube, tmp_path, capsys):
    with translation.override("en"):
        call_command("report", "work", "--region", "cities", "--period", "2020H1", "--format", "html",
                     "-o", str(tmp_path / "en"))
    out = capsys.readouterr().out
    assert out.count("written: ") == 20 and "18 work reports of the province's cities (2020 H1)" in out
    with pytest.raises(CommandError, match="不是有效的统计期间"):
        call_command("report", "work", "--region", "cities", "--period", "2020H3", "-o", str(tmp_path / "bad"))
    with pytest.raises(CommandError, match="请指明工作报告的地区"):
        call_command("report", "work", "--period", "2020H1", "-o", str(tmp_path / "x.docx"))
    (tmp_path / "afile").write_text("x")
    with pytest.raises(CommandError, match="是文件"):
        call_command("report", "work", "--region", "cities", "--period", "2020H1", "-o", str(tmp_path / "afile"))
    assert not (tmp_path / "bad").exists()
