"""The bulletin and the symposium pack on an empty home with only `ipgov init`, one import and `ipgov compute`
(subprocesses, as the README's office path runs them), on a small hand-built register whose figures are
counted by hand below."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from openpyxl import load_workbook

from ipgov.rights.numbers import make_application_number
from tests.rights.conftest import sample_rows, with_values, write_csv

ZHENGZHOU = "450003河南省郑州市金水区花园路100号"  # 金水区 410105, 郑州市 410100
LUANCHUAN = "471500河南省洛阳市栾川县城关镇君山路1号"  # 栾川县 410324, 洛阳市 410300

# (filing date, grant date or "", applicant, address): inventions; the granted ones in force
REGISTER = [
    ("20200605", "", "郑州测试科技有限公司", ZHENGZHOU),
    ("20200610", "", "郑州测试科技有限公司", ZHENGZHOU),
    ("20200620", "", "郑州测试科技有限公司", ZHENGZHOU),
    ("20200302", "", "郑州测试科技有限公司", ZHENGZHOU),
    ("20190612", "20200616", "郑州测试科技有限公司", ZHENGZHOU),
    ("20190508", "20191210", "郑州测试科技有限公司", ZHENGZHOU),
    ("20200611", "", "栾川测试矿业有限公司", LUANCHUAN),
    ("20190603", "", "栾川测试矿业有限公司", LUANCHUAN),
]


def _register(path):
    header, rows = sample_rows()
    pending, granted = rows[7], rows[9]  # 发明公开 审中-实质审查; 发明公开;发明授权 有权-审定授权
    out = []
    for n, (filed, grant, applicant, address) in enumerate(REGISTER, 1):
        number = "CN" + make_application_number(int(filed[:4]), 1, 100000 + n)
        template = granted if grant else pending
        out.append(with_values(
            header, template, 序号=str(n), 申请日=filed, 公开日=filed, 授权公告日=grant or "0", 申请号=number,
            公开号=f"CN1{n:08d}A", 授权公告号=f"CN1{n:08d}B" if grant else "", 申请人=applicant, 当前权利人=applicant, 第一权利人=applicant, 申请人地址=address,
            当前著录项联系人通讯地址=address, 申请人类型="企业"))
    return write_csv(path, header, out)


def _ipgov(home, *args):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("IPGOV_", "DJANGO_SUPERUSER_"))}
    env.update(IPGOV_HOME=str(home), IPGOV_LANGUAGE="zh-hans")
    result = subprocess.run([sys.executable, "-m", "ipgov", *map(str, args)], capture_output=True, text=True, env=env,
                            stdin=subprocess.DEVNULL, timeout=900)
    assert "Traceback" not in result.stderr + result.stdout, result.stderr
    assert result.returncode == 0, result.stderr
    return result.stdout


@pytest.mark.slow  # a fresh home: `ipgov init` loads every reference table (about two minutes on two cores)
def test_bulletin_and_pack_on_an_empty_home(tmp_path):
    home = tmp_path / "home"
    _ipgov(home, "init")
    _ipgov(home, "import", _register(tmp_path / "register.csv"))
    _ipgov(home, "compute", "--from", "2019-01", "--to", "2020-06")
    out = _ipgov(home, "report", "bulletin", "--period", "2020-06", "--format", "xlsx", "-o", tmp_path / "b")
    assert "已写入：" in out and "河南省知识产权统计月报（2020年6月）" in out and "数据截至2020年6月30日" in out
    wb = load_workbook(tmp_path / "b" / "bulletin_410000_2020-06.xlsx")

    def rows(title):
        ws = wb[title[:31]]
        return {r[0]: r[1:] for r in ws.iter_rows(min_row=4, values_only=True) if r[0]}

    apps = rows("表1　全省及各省辖市专利申请量（2020年1—6月）")
    # 郑州: June 2020 three filings (5th, 10th, 20th), one in June 2019 → +200%; Jan–Jun 2020 four (with 2 March),
    # Jan–Jun 2019 two (12 June, 8 May) → +100%; first of the 18 cities by both
    assert apps["郑州市"] == (3, 200.0, 1, 4, 100.0, 1)
    # 洛阳: one in June 2020 and one in June 2019 → 0.0%; second; the other 16 cities share the third place
    assert apps["洛阳市"] == (1, 0.0, 2, 1, 0.0, 2)
    assert apps["开封市"] == (0, "—", 3, 0, "—", 3)
    # the province: June 4 (2 in 2019: +100%), Jan–Jun 5 (3 in 2019: +66.7%)
    assert apps["河南省"] == (4, 100.0, "—", 5, 66.7, "—")
    counties = rows("表2　各县（市、区）专利申请量（2020年1—6月）")
    assert counties["金水区"] == ("郑州市", 3, 200.0, 1, 4, 100.0, 1)
    assert counties["栾川县"] == ("洛阳市", 1, 0.0, 2, 1, 0.0, 2)
    grants = rows("表5　全省及各省辖市发明专利授权量（2020年1—6月）")
    assert grants["郑州市"] == (1, "—", 1, 1, "—", 1)  # granted 16 June 2020; none in Jan–Jun 2019 (the other: Dec)

    out = _ipgov(home, "report", "work", "--region", "cities", "--period", "2020H1", "--format", "html",
                 "-o", tmp_path / "pack")
    assert out.count("已写入：") == 20 and "全省18个省辖市的工作报告" in out
    comparison = load_workbook(tmp_path / "pack" / "comparison_cities_2020H1.xlsx")
    ws = comparison.worksheets[-2]  # the comparison sheet (then the empty chart-data sheet)
    table = {str(r[0]).rstrip("※"): r for r in ws.iter_rows(min_row=4, values_only=True) if r[0]}
    assert table["郑州市"][1:3] == (4, 1) and table["洛阳市"][1:3] == (1, 2)
