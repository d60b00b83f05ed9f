"""Concordances and the patent-navigation landscape, on hand-built records."""

import datetime

import pytest

from ipgov.analysis import concordance, services
from ipgov.analysis.models import ConcordanceEntry
from tests.analysis.conftest import patent

D = datetime.date


@pytest.fixture
def wipo(db):
    concordance.load_shipped()


@pytest.mark.parametrize("ipc, field", [("G01N 33/48", "11"), ("G01N 21/00", "10"), ("A61K 8/02", "14"),
                                        ("A61K 31/00", "16"), ("H04N 21/40", "04"), ("H04N 1/00", "03"),
                                        ("H04N 5/232", "02"), ("B01D 53/00", "24"), ("B01D 29/00", "23"),
                                        ("G06F 16/00", "06"), ("H01L 21/02", "08"), ("Z99Z 1/00", None)])
def test_wipo_longest_prefix(wipo, ipc, field):
    assert concordance.targets("wipo35", ipc) == ([field] if field else [])


def test_shipped_concordance_is_idempotent_and_complete(wipo):
    rows, changed = concordance.load_shipped()
    assert not changed and rows == ConcordanceEntry.objects.filter(scheme="wipo35").count() == 675
    assert len(set(ConcordanceEntry.objects.values_list("target", flat=True))) == 35


def test_concordance_loader_is_the_ingest_path(db, tmp_path):
    from django.core.management import call_command
    from django.core.management.base import CommandError

    path = tmp_path / "ipc_industry.csv"
    path.write_text("对照表,IPC,目标代码,目标名称,来源\n国民经济行业,A01B,C3571,拖拉机制造,示例\n"
                    "gbt4754,A01C,C3572,机械化农业及园艺机具制造,示例\nnope,A01D,X,y,\n", encoding="utf-8")
    with pytest.raises(CommandError, match="1 行无效"):  # row 4 (对照表 'nope') is refused, the rest kept
        call_command("concordance", "load", str(path), "--quiet")
    assert sorted(ConcordanceEntry.objects.values_list("ipc", "target")) == [("A01B", "C3571"), ("A01C", "C3572")]
    with pytest.raises(CommandError, match="1 行无效"):  # same rows: 2 unchanged, the bad one refused again
        call_command("import", str(path), "--kind", "concordance", "--quiet", "--force")
    assert ConcordanceEntry.objects.count() == 2


def test_landscape_by_hand(wipo, system_actor):
    """WIPO field 06 (computer technology, G06F…) in 郑州, 2015–2019: firm A 3 applications, B 1, a university
    1 — CR4 = 5/5 = 100 %, HHI = 60² + 20² + 20² = 4400. One B01D patent (field 23) is not counted; a 开封
    one is counted for the province only."""
    A = ("郑州甲科技有限公司", "enterprise", "410102")
    B = ("郑州乙信息技术有限公司", "enterprise", "410105")
    U = ("郑州大学", "university", "410102")
    patent("201810000101.0", "invention", D(2018, 3, 1), granted=D(2019, 5, 7), applicants=[A]).__class__.objects \
        .filter(application_number="201810000101.0").update(ipc_main="G06F 16/00")
    for number, filed, who in (("201910000102.0", D(2019, 2, 1), A), ("201910000103.0", D(2019, 3, 1), A),
                               ("201910000104.0", D(2019, 4, 1), B), ("201710000105.0", D(2017, 4, 1), U),
                               ("201910000106.0", D(2019, 4, 2), ("开封丙公司", "enterprise", "410202"))):
        patent(number, "invention", filed, applicants=[who]).__class__.objects.filter(application_number=number) \
            .update(ipc_main="G06F 3/01")
    patent("201910000107.0", "invention", D(2019, 5, 1), applicants=[A]).__class__.objects \
        .filter(application_number="201910000107.0").update(ipc_main="B01D 29/00")
    L = services.landscape("410100", "wipo35", "06", "2019")
    assert L["patents"] == 5 and L["applications_total"] == {2015: 0, 2016: 0, 2017: 1, 2018: 1, 2019: 3}
    assert L["applications_growth"] == 2.0 and L["grants_total"][2019] == 1 and L["valid"] == 1
    assert L["top_applicants"][0] == ("郑州甲科技有限公司", 3)
    assert L["concentration"]["cr4"] == 1.0 and L["concentration"]["hhi"] == pytest.approx(4400)
    assert L["new_entrants"] == ["郑州乙信息技术有限公司"]
    assert L["applicant_types"] == {"enterprise": 4, "university": 1}
    assert L["province_applications"][2019] == 4 and L["share_of_province"] == pytest.approx(5 / 6)
    with pytest.raises(services.EvaluationError):
        services.landscape("410100", "wipo35", "99", "2019")


def test_navigate_command_writes_the_report(wipo, tmp_path):
    import docx
    from django.core.management import call_command

    out = tmp_path / "nav.docx"
    call_command("navigate", "--region", "410100", "--industry", "wipo35:06", "--period", "2019", "-o", str(out))
    headings = [p.text for p in docx.Document(str(out)).paragraphs if p.style.name.startswith("Heading")]
    assert headings[:3] == ["一、导航目标与数据范围", "二、专利申请与授权趋势", "三、技术构成"]
