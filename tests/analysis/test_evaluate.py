"""Evaluations recomputed by hand on hand-built records."""

import pytest

from ipgov.analysis import schemes, services
from ipgov.analysis.models import Evaluation
from ipgov.core.models import ObjectChange


def _row(ev, key):
    return next(r for r in ev.rows if r["key"] == key)


def test_university_strength_by_hand(universities, system_actor):
    """2019, shipped weights grants 30, valid inventions 35, transfers/licences 25, PCT 10 (Σ 100):
    河南大学 grants 3 (2 utility + 1 invention), valid inventions 2, transfers 1, PCT 1;
    郑州大学 grants 2, valid inventions 1 (one lapsed 2019-06-01), transfers 0 (its transfer was in 2018);
    许昌学院 an application only: 0 everywhere. 北京大学 (Beijing) and the firm are not scored.
    Efficacy 60 + 40 (x − min)/(max − min): 郑州大学 = (86.6667·30 + 80·35 + 60·25 + 60·10)/100 = 75.0."""
    ev, created = services.evaluate("university-strength", "2019")
    assert created and ev.version == 1 and ev.region_id == "410000"
    assert [(r["rank"], r["key"], r["total"]) for r in ev.rows] == [(1, "河南大学", 100.0), (2, "郑州大学", 75.0),
                                                                    (3, "许昌学院", 60.0)]
    zd = {c["indicator"]: c for c in _row(ev, "郑州大学")["cells"]}
    assert [zd[i]["raw"] for i in ("grants", "valid_invention_patents", "transfers_licences", "pct_applications")] \
        == [2, 1, 0, 0]
    assert zd["grants"]["normalised"] == pytest.approx(86.6667) and zd["grants"]["contribution"] == 26.0
    assert zd["valid_invention_patents"]["normalised"] == 80.0 and zd["valid_invention_patents"]["contribution"] == 28.0
    hd = {c["indicator"]: c["raw"] for c in _row(ev, "河南大学")["cells"]}
    assert hd == {"grants": 3, "valid_invention_patents": 2, "transfers_licences": 1, "pct_applications": 1}
    # the working names the records behind each count
    working = services.unit_working(ev, "郑州大学")
    grants = next(c for c in working["cells"] if c["indicator"] == "grants")
    assert grants["records"] == ["201710000012.0", "201920000013.0"]
    # same records, same result: no new version; the computation is audited once
    again, created = services.evaluate("university-strength", "2019")
    assert not created and again.pk == ev.pk
    assert ObjectChange.objects.filter(object_id=str(ev.pk), message__contains="university-strength").count() == 1


def test_growth_needs_a_base(universities, system_actor):
    ev, _ = services.evaluate("university-growth", "2019")
    # every prior-year count is below the scheme's min_base: nobody is ranked, each is listed with the reason
    assert ev.rows == [] and {e["key"] for e in ev.result["excluded"]} == {"河南大学", "郑州大学", "许昌学院"}
    assert "基数" in ev.result["excluded"][0]["reason"]


CITY_SCHEME = """
id = "city-test"
name_zh = "测试评分"
population = "cities"
region = "410000"
ties = "share"
[[indicators]]
id = "per10k"
name_zh = "每万人口发明专利拥有量"
group = "创造"
source = "cube"
key = "valid_invention_patents_per_10k"
weight = 50
method = "efficacy"
[[indicators]]
id = "growth"
name_zh = "专利申请量增长率"
group = "创造"
source = "cube"
key = "patent_applications"
transform = "growth"
weight = 30
method = "efficacy"
[[indicators]]
id = "coverage"
name_zh = "维权援助工作站覆盖率"
group = "保护"
source = "manual"
key = "coverage"
weight = 20
method = "threshold"
thresholds = [[50, 60], [90, 100]]
"""


def _cell(indicator, region, period, value):
    from ipgov.indicators.models import Observation

    Observation.objects.create(indicator=indicator, region_id=region, period=period, period_kind="year",
                               value=value, unit="件", status="computed")


def test_city_scheme_by_hand(db, system_actor, tmp_path):
    """郑州 per-10k 10, growth 1200/1000−1 = 20%, coverage 95% → 100·0.5 + 76·0.3 + 100·0.2 = 92.8;
    开封 2, 50%, 60% → 60·0.5 + 100·0.3 + 60·0.2 = 72; 洛阳 6, 0%, no input → 80·0.5 + 60·0.3 + 0 = 58.
    The other 15 units have no figure at all and are not ranked."""
    for code, per10k, now, before in (("410100", 10, 1200, 1000), ("410200", 2, 300, 200), ("410300", 6, 500, 500)):
        _cell("valid_invention_patents_per_10k", code, "2019", per10k)
        _cell("patent_applications", code, "2019", now)
        _cell("patent_applications", code, "2018", before)
    with pytest.raises(services.EvaluationError):  # a manual value needs its evidence
        services.record_manual_input("coverage", "410100", "2019", 95, region="410100")
    services.record_manual_input("coverage", "410100", "2019", 95, region="410100", evidence_note="备案表")
    services.record_manual_input("coverage", "410200", "2019", 60, region="410200", evidence_note="备案表",
                                 evidence_name="开封.pdf", evidence=b"%PDF-1.4")
    path = tmp_path / "city-test.toml"
    path.write_text(CITY_SCHEME, encoding="utf-8")
    ev, _ = services.evaluate(str(path), "2019")
    assert [(r["rank"], r["key"], r["total"]) for r in ev.rows] == [(1, "410100", 92.8), (2, "410200", 72.0),
                                                                    (3, "410300", 58.0)]
    assert _row(ev, "410100")["groups"] == {"创造": 72.8, "保护": 20.0}
    assert len(ev.result["excluded"]) == 15
    # a corrected input is a new version; the first stays as it was
    services.record_manual_input("coverage", "410300", "2019", 92, region="410300", evidence_note="补报")
    ev2, created = services.evaluate(str(path), "2019")
    assert created and ev2.version == 2 and _row(ev2, "410300")["total"] == 78.0
    assert Evaluation.objects.get(pk=ev.pk).rows[2]["total"] == 58.0


def test_bad_scheme_is_a_sentence(tmp_path):
    path = tmp_path / "bad.toml"
    path.write_text('id = "x"\nname_zh = "x"\npopulation = "planets"\nregion = "410000"\nindicators = []\n')
    with pytest.raises(schemes.SchemeError, match="population"):
        schemes.load(str(path))
    with pytest.raises(schemes.SchemeError, match="university-strength"):
        schemes.load("no-such-scheme")


def test_shipped_schemes_load():
    for name in ("university-strength", "university-growth", "business-environment"):
        s = schemes.load(name)
        assert s.id == name and s.total_weight == 100 and s.illustrative


def test_checklist_scoring(db, system_actor):
    cl, created = services.create_checklist("protection-inspection", "410700", 2020)
    assert created and cl.title.startswith("新乡市2020年度") and cl.max_total == 100
    items = list(cl.items.all())
    with pytest.raises(services.EvaluationError):
        services.score_item(items[0], 11)
    services.attach_item_evidence(items[0], "会议纪要.pdf", b"%PDF-1.4", "领导小组会议纪要")
    for item in items:
        services.score_item(item, item.max_score - 1, "")
    cl.refresh_from_db()
    assert cl.status == "scored" and cl.total == 100 - len(items)
    assert services.create_checklist("protection-inspection", "410700", 2020) == (cl, False)


def test_evaluate_command_writes_notice_and_working(universities, tmp_path):
    import docx
    import openpyxl
    from django.core.management import call_command

    out = tmp_path / "n.docx"
    call_command("evaluate", "university-strength", "--period", "2019", "-o", str(out))
    text = "\n".join(p.text for p in docx.Document(str(out)).paragraphs)
    assert "关于2019年全省高校知识产权综合能力十强评价结果的通报" in text and "权重为示例" in text
    table = docx.Document(str(out)).tables[0]
    assert [c.text for c in table.rows[1].cells] == ["1", "河南大学", "100.00"]
    call_command("evaluate", "university-strength", "--period", "2019", "--format", "xlsx", "-o",
                 str(tmp_path / "w.xlsx"))
    wb = openpyxl.load_workbook(tmp_path / "w.xlsx")
    working = list(wb["计算过程"].iter_rows(values_only=True))
    zd_grants = next(r for r in working if r[1] == "郑州大学" and r[3] == "专利授权量")
    assert zd_grants[4] == 2 and zd_grants[8] == 26.0
    assert Evaluation.objects.count() == 1  # the second run found the same result


def test_evaluate_command_errors_are_sentences(db):
    from django.core.management import call_command
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="university-strength"):
        call_command("evaluate", "nope", "--period", "2019")
    with pytest.raises(CommandError):
        call_command("evaluate", "university-strength", "--period", "2019x")
