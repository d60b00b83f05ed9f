"""Each format read back: DOCX with python-docx, PDF with pdftotext/pdffonts, XLSX with openpyxl."""

import re
import shutil
import subprocess

import pytest
from django.core.management import CommandError, call_command
from docx import Document
from openpyxl import load_workbook

from ipgov.reports import services
from ipgov.reports.writers import write
from tests.reports import cube
from tests.reports.test_build import CREATION_2020H1, _charts_cube

pytestmark = pytest.mark.django_db


@pytest.fixture
def report(seed_cube, tmp_path):
    _charts_cube(seed_cube)
    cube.publish(tmp_path, {"indicator": "gi_approvals", "region": "410000", "period": "2019", "value": "21 件",
                            "yoy": "+54%"})
    return services.build_report("410000", "2020H1", compare="2019H1")


def test_docx_is_a_gongwen_with_headings_charts_and_page_numbers(report, tmp_path):
    path = write(report, "docx", tmp_path / "r.docx")
    doc = Document(str(path))
    headings = [p.text for p in doc.paragraphs if p.style.name == "Heading 1"]
    # no records of policy work: no 顶层设计 section; 2020H1 applications grew: the evaluative heading
    assert headings == ["一、知识产权高质量发展取得新成效", "附图"]
    assert [p.text for p in doc.paragraphs if p.style.name == "Title"] == ["河南省知识产权工作报告"]
    texts = [p.text for p in doc.paragraphs]
    assert CREATION_2020H1 in texts
    assert "（2020年上半年　数据截至2020年3月31日）" in texts  # this cube's monthly cells end in March
    assert "注：公布数21件、同比增长54%，按2018年14件计算应为50.0%" in texts
    assert not any("字体" in t or "ipgov" in t or "计算批次" in t for t in texts)  # no machine notes in the body
    assert not doc.tables  # the key indicators are in the XLSX appendix
    assert len(doc.inline_shapes) == 4  # trend, composition, ranking, map
    section = doc.sections[0]  # GB/T 9704: 天头 37 mm, 订口 28 mm, version area 156 × 225 mm
    assert [round(x.mm) for x in (section.top_margin, section.left_margin, section.right_margin,
                                  section.bottom_margin)] == [37, 28, 26, 35]
    footer_xml = section.footer._element.xml
    assert "PAGE" in footer_xml and 'w:fldCharType="begin"' in footer_xml and "— " in footer_xml
    assert doc.styles["Normal"].font.size.pt == 16 and doc.styles["Title"].font.size.pt == 22
    grid = section._sectPr.find("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}docGrid")
    assert grid.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}linePitch") == "580"  # 22 lines: 225 mm / 22 in twips
    east_asian = doc.styles["Normal"].element.rPr.rFonts.get(
        "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}eastAsia")
    assert east_asian == "Noto Serif SC"


def _pdftext(path) -> str:
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True,
                         check=True).stdout
    return re.sub(r"\s+", "", out)  # pdftotext breaks lines mid-sentence; Chinese has no spaces


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils (pdftotext)")
def test_pdf_text_fonts_and_page_numbers(report, tmp_path):
    path = write(report, "pdf", tmp_path / "r.pdf")
    text = _pdftext(path)
    assert CREATION_2020H1 in text
    assert "河南省知识产权工作报告" in text and "—1—" in text
    assert "字体" not in text and "Noto" not in text
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    assert "NotoSerifSC" in fonts.replace(" ", "").replace("-", "")  # embedded


def test_html_is_self_contained(report, tmp_path):
    html = write(report, "html", tmp_path / "r.html").read_text(encoding="utf-8")
    assert f"<p>{CREATION_2020H1}</p>" in html
    assert html.count('src="data:image/png;base64,') == 4
    assert "http://" not in html and "https://" not in html  # nothing fetched from a network
    assert "数据来源" not in html and "patent_applications" not in html  # provenance is in the XLSX only


def test_xlsx_sheet_per_section_with_provenance(report, tmp_path, seed_cube):
    wb = load_workbook(write(report, "xlsx", tmp_path / "r.xlsx"))
    assert wb.sheetnames == ["概要", "一、知识产权高质量发展取得新成效", "图表数据", "图表"]
    ws = wb["一、知识产权高质量发展取得新成效"]
    rows = list(ws.iter_rows(values_only=True))
    header_at = next(i for i, r in enumerate(rows) if r[0] == "指标ID")
    header = rows[header_at]
    records = [dict(zip(header, r, strict=False)) for r in rows[header_at + 1:] if r[0]]
    apps = next(r for r in records if r["指标ID"] == "patent_applications" and r["统计期"] == "2020H1")
    assert (apps["地区代码"], apps["分组"], apps["数值"], apps["同比"], apps["状态"], apps["计算批次"]) == \
        ("410000", "合计", 80868, 0.214, "计算值", seed_cube.pk)
    assert apps["报告表述"] == "80868件；同比增长21.4%"
    assert "filing date" in apps["定义"]
    gi = next(r for r in records if r["指标ID"] == "gi_approvals")
    assert gi["公布同比"] == 0.54 and "公布值21 件 +54%" in gi["说明"]
    summary = {r[0]: r for r in wb["概要"].iter_rows(values_only=True) if r[0]}
    assert summary["数据来源"][1] == report.data_note and "字体" not in summary
    assert summary["数据截至"][1] == "2020年3月31日"
    # the key indicators as numbers, not text: value, comparison value, unit, YoY in percent
    assert summary["专利申请量"][1:6] == ("2020年上半年", 80868, 66612, "件", 21.4)
    chart_rows = list(wb["图表数据"].iter_rows(values_only=True))
    assert len(chart_rows) - 1 == sum(len(c.figures) for s in report.sections for c in s.charts)


def test_cli_writes_each_format(seed_cube, tmp_path, capsys):
    for fmt in ("docx", "html", "xlsx"):
        out = tmp_path / f"w.{fmt}"
        call_command("report", "work", "--region", "410000", "--period", "2020H1", "-o", str(out))
        assert out.stat().st_size > 1000
    assert "（河南省知识产权工作报告（2020年上半年），xlsx；引用数据" in capsys.readouterr().out
    call_command("report", "work", "--region", "410100", "--period", "2019", "--compare", "2018",
                 "--format", "html", "-o", str(tmp_path / "zz.out"))
    assert "郑州市知识产权工作报告" in (tmp_path / "zz.out").read_text(encoding="utf-8")


@pytest.mark.parametrize(("args", "message"), [
    (["--region", "410000", "--period", "2020H1", "-o", "x.txt"], "无法判断 .* 的格式"),
    (["--region", "123456", "--period", "2020H1", "-o", "x.docx"], "没有代码为123456的地区"),
    (["--region", "410000", "--period", "2020-13", "-o", "x.docx"], "“2020-13”不是有效的统计期间"),
])
def test_cli_errors(db, tmp_path, args, message):
    with pytest.raises(CommandError, match=message):
        call_command("report", "work", *[a if not a.startswith("x.") else str(tmp_path / a) for a in args])
    assert not list(tmp_path.iterdir())  # nothing half-written



def test_an_unwritable_path_is_a_sentence_and_leaves_nothing(report, tmp_path):
    """`-o` under a path whose parent is a file: a sentence naming the path, no traceback, no file."""
    from ipgov.reports.writers import WriteFailed

    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    with pytest.raises(WriteFailed, match="not-a-folder"):
        write(report, "html", blocker / "report.html")


def test_a_full_disk_leaves_no_truncated_report(report, tmp_path):
    """A write that runs out of space (a real file-size limit in a child process: the kernel refuses the
    bytes past it as a full disk does) ends in a sentence, and no partial file is left behind."""
    import pickle
    import sys
    from pathlib import Path

    built = tmp_path / "report.pickle"
    built.write_bytes(pickle.dumps(report))
    out = tmp_path / "out" / "report.xlsx"
    script = (
        "import os, pickle, resource, signal, sys, django\n"
        "signal.signal(signal.SIGXFSZ, signal.SIG_IGN)\n"
        "os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'ipgov.settings'); django.setup()\n"
        "from ipgov.reports.writers import WriteFailed, write\n"
        f"report = pickle.loads(open({str(built)!r}, 'rb').read())\n"
        "resource.setrlimit(resource.RLIMIT_FSIZE, (2000, 2000))\n"
        "try:\n"
        f"    write(report, 'xlsx', {str(out)!r})\n"
        "except WriteFailed as exc:\n"
        "    print('REFUSED', exc)\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120,
                            cwd=str(Path(__file__).resolve().parents[2]))
    assert "REFUSED" in result.stdout and str(out) in result.stdout, result.stdout + result.stderr
    assert list(out.parent.iterdir()) == []


def test_the_pdf_faces_are_cut_to_the_characters_of_the_page(tmp_path):
    from pathlib import Path

    from fontTools.ttLib import TTFont

    from ipgov.reports import fonts

    face = fonts.gongwen_fonts().body
    page = f"<style>{fonts.font_face_css(face)}</style><p>河南省&emsp;郑州市</p>"
    cut = fonts.cut_to_text(page, tmp_path)
    (file,) = tmp_path.iterdir()
    assert Path(face.path).as_uri() not in cut and file.as_uri() in cut
    kept = set(TTFont(str(file)).getBestCmap())
    assert {ord(c) for c in "河南省郑州市\u2003—1"} <= kept  # the page's text, its entities, the print CSS's
    assert ord("洛") not in kept and ord("洛") in TTFont(face.path).getBestCmap()  # in the face, not on the page
    assert len(kept) < 200 < len(TTFont(face.path).getBestCmap())
