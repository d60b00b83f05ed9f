"""The report built from hand-made cubes: wording, missing data, differing figures, charts, provenance."""

import pytest

from ipgov.reports import services
from ipgov.reports.templating import DefinitionError
from tests.reports import cube

pytestmark = pytest.mark.django_db

CREATION_2020H1 = ("2020年上半年，全省专利申请量达到80868件，同比增长21.4%，授权量达到52106件，同比增长25.4%；"
                   "全省每万人有效发明专利拥有量达到4.12件，同比增长10.64%。全省商标申请量达19万件，"
                   "有效商标注册量累计达到98.8万件，同比增长30.7%。")


def section(report, key):
    return next(s for s in report.sections if s.key == key)


def test_creation_paragraph_states_the_seed_figures(seed_cube):
    report = services.build_report("410000", "2020H1")
    creation = section(report, "creation")
    assert creation.heading == "一、知识产权高质量发展取得新成效"  # applications grew; no policy records: no 顶层设计
    assert CREATION_2020H1 in creation.paragraphs
    assert creation.paragraphs[0].startswith("2019年，全省专利申请量达到144010件，授权量86247件，"
                                             "PCT国际专利申请量达217件；共获核准地理标志商标和地理标志产品21件，")
    assert "驰名商标新增7件，达到274件。" in creation.paragraphs[0]
    assert report.title == "河南省知识产权工作报告" and report.subtitle == "（2020年上半年）"
    assert [s.number for s in report.sections] == ["一"]  # sections without figures are left out
    assert report.intro == ["2019年以来，全省知识产权系统围绕知识产权创造扎实推进各项工作，取得积极进展。"
                            "现将有关情况报告如下。"]
    assert report.cutoff_zh == "数据截至2020年6月30日"


def test_every_cited_figure_is_traceable_to_its_observation(seed_cube):
    report = services.build_report("410000", "2020H1")
    apps = next(f for f in report.figures if f.indicator == "patent_applications" and f.period == "2020H1")
    assert (apps.region, apps.breakdown, apps.value, apps.yoy, apps.status, apps.run_id) == \
        ("410000", "", 80868, 0.214, "computed", seed_cube.pk)
    assert apps.shown == ["80868件", "同比增长21.4%"]
    assert report.data_note == f"计算批次#{seed_cube.pk}，数据计算于2020年8月10日 09:30"  # run finished 09:30 Asia/Shanghai
    assert [r["id"] for r in report.runs] == [seed_cube.pk]


def test_annual_report_quotes_the_year_with_its_yoy(seed_cube):
    cube.obs("patent_applications", "2018", 120000, run_=seed_cube)
    report = services.build_report("410000", "2019")
    creation = section(report, "creation")
    # 144010 / 120000 − 1 = +20.0%, from the cube; the annual report has no half-year paragraph
    assert creation.paragraphs[0].startswith("2019年，全省专利申请量达到144010件，同比增长20.0%，授权量86247件，")
    assert not any("上半年" in p for p in creation.paragraphs)
    assert not any("暂无数据" in p or "每万人" in p for p in creation.paragraphs)  # a missing cell: no sentence


def test_an_empty_cube_writes_no_section_and_invents_nothing(db):
    report = services.build_report("410000", "2020H1")
    assert report.sections == []
    assert report.intro == ["全省2020年上半年知识产权工作的统计数据尚未形成，暂无可报告的内容。"]
    assert report.data_note == "统计数据库中暂无本期数据"  # for the XLSX appendix


def test_indicator_missing_from_the_catalogue_is_reported_as_such(db):
    from ipgov.reports.figures import fetch

    cases = fetch("enforcement_cases_closed", "410000", "2020H1")
    assert cases.missing and cases.problem in {"指标目录中没有该指标", "统计数据库中暂无该数据"}


def test_computed_and_published_values_that_differ_are_marked(seed_cube, tmp_path):
    # the seed publishes 21 GI approvals "+54%", but the cube's 21 / 14 − 1 is +50.0%: the report keeps
    # the computed figure and marks it, with both in a note; 19万件 (±5000) agrees with 190000
    cube.publish(tmp_path, {"indicator": "gi_approvals", "region": "410000", "period": "2019", "value": "21 件",
                            "yoy": "+54%"},
                 {"indicator": "trademark_applications", "region": "410000", "period": "2020H1",
                  "value": "19 万件"},
                 {"indicator": "patent_grants", "region": "410000", "period": "2020H1", "value": "52,100 件"})
    report = services.build_report("410000", "2020H1")
    creation = section(report, "creation")
    assert "共获核准地理标志商标和地理标志产品21件※，同比增长50.0%；" in creation.paragraphs[0]
    # one plain note per figure, written once (21 / 1.54 = 13.6: the published pair cannot both be right)
    assert creation.notes == ["注：公布数21件、同比增长54%，按2018年14件计算应为50.0%",
                              "注：公布数52100件，按记录计算为52106件"]
    assert "商标申请量达19万件，" in creation.paragraphs[1]  # within the published precision: unmarked
    assert "授权量达到52106件※，同比增长25.4%" in creation.paragraphs[1]  # 52,100 is quoted exactly
    grants = next(f for f in report.figures if f.indicator == "patent_grants" and f.period == "2020H1")
    assert (grants.value, grants.reported_value, grants.status) == (52106, 52100, "computed")


def test_published_only_figure_is_used_and_labelled(db):
    cube.obs("pct_applications", "2019", 217, status="reported")
    report = services.build_report("410000", "2020H1")
    pct = next(f for f in report.figures if f.indicator == "pct_applications")
    assert (pct.value, pct.status, pct.run_id, pct.differs) == (217, "reported", None, False)
    assert "PCT国际专利申请量达217件" in section(report, "creation").paragraphs[0]
    assert report.data_note == "数据为公布值，无计算批次"


def _charts_cube(run):
    for m, (this, last) in enumerate([(12000, 10000), (9000, 8000), (14000, 11000)], 1):
        cube.obs("patent_applications", f"2020-{m:02d}", this, run_=run)
        cube.obs("patent_applications", f"2019-{m:02d}", last, run_=run)
    for code, value in (("invention", 20000), ("utility", 45000), ("design", 15868)):
        cube.obs("patent_applications", "2020H1", value, breakdown=f"type={code}", run_=run)
    for i, code in enumerate(["410100", "410300", "419001", "411700"]):
        cube.obs("patent_applications", "2020H1", 30000 - 5000 * i, region=code, run_=run)
        cube.obs("valid_invention_patents_per_10k", "2020H1", 10.5 - i, region=code, unit="件/万人", run_=run)


def test_charts_drawn_from_the_cube_with_their_observations(seed_cube):
    _charts_cube(seed_cube)
    report = services.build_report("410000", "2020H1")
    charts = {c.key: c for c in section(report, "creation").charts}
    assert set(charts) == {"trend", "composition", "ranking", "map"}
    for chart in charts.values():
        assert chart.png.startswith(b"\x89PNG")
    # the cells drawn: applications for Jan–Mar of both years (no grants by month: no grants panel)
    assert sorted(f.period for f in charts["trend"].figures) == sorted(["2019-01", "2019-02", "2019-03", "2020-01",
                                                                       "2020-02", "2020-03"])
    assert {f.breakdown for f in charts["composition"].figures} == {"type=invention", "type=utility", "type=design"}
    assert sorted(f.region for f in charts["ranking"].figures) == ["410100", "410300", "411700", "419001"]
    assert [f.value for f in charts["map"].figures if f.region == "419001"] == [8.5]


def test_city_report(seed_cube):
    cube.obs("patent_applications", "2020H1", 30000, region="410100", run_=seed_cube)
    cube.obs("patent_applications", "2019H1", 25000, region="410100", run_=seed_cube)
    report = services.build_report("410100", "2020H1")
    assert report.title == "郑州市知识产权工作报告"
    assert section(report, "creation").paragraphs == ["2020年上半年，全市专利申请量达到30000件，同比增长20.0%。"]
    ranking = next(c for c in section(report, "creation").charts if c.key == "ranking")
    assert [f.region for f in ranking.figures] == ["410100"]


def test_compare_period_in_the_key_table(seed_cube):
    report = services.build_report("410000", "2020H1", compare="2019H1")
    row = next(r for r in report.key_rows if r.figure.indicator == "patent_applications")
    assert (row.figure.value, row.compare.value, row.compare.period) == (80868, 66612, "2019H1")


@pytest.mark.parametrize(("region", "period", "message"), [
    ("999999", "2020H1", "没有代码为999999的地区"), ("410000", "2020H3", "“2020H3”不是有效的统计期间"),
    ("410000", "", "“”不是有效的统计期间")])
def test_bad_input_is_a_clear_error(db, region, period, message):
    with pytest.raises(services.ReportError, match=message):
        services.build_report(region, period)


def test_staff_edited_template_in_ipgov_home_overrides_the_packaged_one(seed_cube, home):
    override = home / "reports" / "definitions" / "work"
    override.mkdir(parents=True)
    (override / "design.j2").write_text("{{ P.label }}，{{ R }}印发了{{ stat(fig('patent_applications', P), "
                                        "'（示例）专利申请量', yoy=False) }}。\n", encoding="utf-8")
    report = services.build_report("410000", "2020H1")
    assert section(report, "design").paragraphs == ["2020年上半年，全省印发了（示例）专利申请量达到80868件。"]
    (override / "design.j2").write_text("{{ fig('patent_applications', P).__class__ }}", encoding="utf-8")
    with pytest.raises(Exception, match="unsafe"):  # sandboxed: templates cannot reach Python internals
        services.build_report("410000", "2020H1")


def test_unknown_chart_in_a_definition_is_an_error(seed_cube, home):
    override = home / "reports" / "definitions" / "work"
    override.mkdir(parents=True)
    from ipgov.reports.templating import PACKAGED

    text = (PACKAGED / "work" / "report.toml").read_text(encoding="utf-8").replace('"map"]', '"pie3d"]')
    (override / "report.toml").write_text(text, encoding="utf-8")
    with pytest.raises(DefinitionError, match="unknown chart 'pie3d'"):
        services.build_report("410000", "2020H1")


def test_a_definition_is_loaded_once_until_one_of_its_files_changes(home):
    """The same definition object (templates compiled once) while nothing changes; a new override file or an
    edited one gives a fresh load, which the next report uses."""
    import os

    from ipgov.reports import templating

    first = templating.load("work")
    assert templating.load("work") is first
    override = home / "reports" / "definitions" / "work"
    override.mkdir(parents=True)
    (override / "design.j2").write_text("一\n", encoding="utf-8")
    second = templating.load("work")
    assert second is not first and second.env.get_template("design.j2").render() == "一"
    assert templating.load("work") is second
    (override / "design.j2").write_text("二\n", encoding="utf-8")
    os.utime(override / "design.j2", ns=(1, 1))  # a different time even where the clock is coarse
    assert templating.load("work").env.get_template("design.j2").render() == "二"
