"""The dashboard shows the cube's figures: computed by the real engine from hand-built register records."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from ipgov.indicators import services
from tests.web.conftest import login

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("system_actor")]  # direct cube reads: as the system


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()


def test_kpis_equal_the_cube(client, admin_user, cube):
    login(client, admin_user)
    response = client.get(reverse("web:dashboard"), {"region": "410000", "period": "2020H1"})
    assert response.status_code == 200
    board = response.context["board"]
    shown = {f.indicator: f for f in board.kpis}
    # the four hand-built patents: three filed in 2020H1 (郑州 2, 洛阳 1), two granted in 2020H1
    assert shown["patent_applications"].value == 3
    assert shown["patent_grants"].value == 2
    for f in board.kpis:
        (cell,) = [r for r in services.query(f.indicator, "410000", "2020H1") if not r.breakdown] or [None]
        assert f.value == (cell.value if cell else None), f.indicator
        assert f.yoy == (cell.yoy if cell else None), f.indicator
    html = response.content.decode()
    assert 'data-indicator="patent_applications"' in html
    # the sparkline ends with the chosen period and holds the cube's values of earlier half-years
    spark = dict(shown["patent_applications"].spark)
    assert list(spark)[-1] == "2020H1" and spark["2019H1"] == services.value("patent_applications", "410000", "2019H1")


def test_map_and_ranking_follow_the_selected_indicator(client, admin_user, cube):
    login(client, admin_user)
    response = client.get(reverse("web:dashboard"), {"period": "2020H1", "indicator": "patent_applications"})
    cities = response.context["board"].cities
    assert len(cities) == 18
    ranked = [(c["code"], c["value"], c.get("rank")) for c in cities[:2]]
    assert ranked == [("410100", 2, 1), ("410300", 1, 2)]
    assert response.context["chart_data"]["map"][0] == {"code": "410100", "name": "郑州市", "value": 2}


def test_city_dashboard_and_city_officer_scope(client, luoyang_officer, cube):
    login(client, luoyang_officer)
    response = client.get(reverse("web:dashboard"), {"period": "2020H1", "indicator": "patent_applications"})
    board = response.context["board"]
    assert board.region.code == "410300"  # a city officer lands on their city
    assert {f.indicator: f.value for f in board.kpis}["patent_applications"] == 1
    # the map and the ranking are 洛阳's own counties (no other city is asked for): 洛龙区 filed one
    from ipgov.regions.models import Region

    counties = set(Region.objects.active().filter(city_id="410300").exclude(code="410300")
                   .values_list("code", flat=True))
    assert (board.map_level, board.map_parent) == ("counties", "410300")
    assert {c["code"] for c in board.cities} == counties and "410100" not in counties
    assert (board.cities[0]["code"], board.cities[0]["value"], board.cities[0]["rank"]) == ("410311", 1, 1)
    assert response.context["chart_data"]["map"][0]["name"] == "洛龙区"
    # and 洛阳's rank among the 18 city-level units: 郑州 filed 2, 洛阳 1, the other 16 none
    ranks = {f.indicator: f.rank for f in board.kpis}
    assert (ranks["patent_applications"].rank, ranks["patent_applications"].of) == (2, 18)
    assert (ranks["patent_grants"].rank, ranks["patent_grants"].of) == (1, 18)  # 洛阳 1, 郑州 1: shared first
    html = response.content.decode()
    assert "全省18个省辖市中第2位" in html
    assert "henan_counties_datav_v3.geojson" in html


def test_a_county_ranks_among_the_provinces_counties(client, admin_user, cube):
    login(client, admin_user)
    board = client.get(reverse("web:dashboard"), {"region": "410311", "period": "2020H1"}).context["board"]
    rank = {f.indicator: f.rank for f in board.kpis}["patent_applications"]
    # 洛龙区 and 金水区 filed one each (郑州's second is placed on the city itself, not a county)
    from ipgov.regions.models import Region

    counties = Region.objects.active().filter(province_id="410000", level="county").extra(
        where=["code <> city_id"]).count()
    assert (rank.rank, rank.of, rank.peers) == (1, counties, "counties")
    assert board.map_parent == "410300"


def test_help_and_status_beside_each_figure(client, admin_user, cube):
    login(client, admin_user)
    response = client.get(reverse("web:dashboard"), {"period": "2020H1"})
    shown = {f.indicator: f for f in response.context["board"].kpis}
    f = shown["patent_applications"]
    assert f.help["definition"].startswith("统计期内提出的专利申请")
    assert f.help["unit"] == "件" and "申请日" in f.help["rule"]
    assert f.statuses == [("computed", "计算值")]
    html = response.content.decode()
    assert "计数规则" in html and "计算值" in html


def test_periods_after_the_cutoff_are_not_offered(client, admin_user, cube):
    from ipgov.indicators import cutoff
    from ipgov.indicators.models import DataCutoff

    login(client, admin_user)
    offered = [c for c, _ in client.get(reverse("web:dashboard")).context["board"].period_choices]
    assert "2020H2" in offered  # the test cube runs to 2020-12
    cutoff.set_cutoff("2020-06")
    try:
        response = client.get(reverse("web:dashboard"))
        board = response.context["board"]
        offered = [c for c, _ in board.period_choices]
        assert board.period == "2020H1" and offered[0] == "2020H1"
        assert "2020H2" not in offered and "2020" not in offered and "2019" in offered
        assert dict(board.period_choices)["2020H1"] == "2020年上半年"
        assert "数据截至2020年6月30日" in response.content.decode()
        later = client.get(reverse("web:dashboard"), {"period": "2020H2"})
        assert later.context["board"].period == "2020H1"
    finally:
        DataCutoff.objects.all().delete()


def test_compare_two_regions(client, admin_user, cube):
    login(client, admin_user)
    response = client.get(reverse("web:compare"), {"a": "410100", "b": "410300", "period": "2020H1"})
    assert response.status_code == 200
    rows = {left.indicator: (left.value, right.value, diff.value) for left, right, diff in response.context["rows"]}
    assert rows["patent_applications"] == (2, 1, 1)
    assert response.context["left"].label == "郑州市 · 2020年上半年"


def test_trend_is_monthly_this_year_against_last(client, admin_user, cube):
    login(client, admin_user)
    trend = client.get(reverse("web:dashboard"), {"period": "2020H1"}).context["board"].trend
    assert trend["months"] == ["01", "02", "03", "04", "05", "06"]
    assert trend["this"] == [services.value("patent_applications", "410000", f"2020-{m}") for m in trend["months"]]
    assert trend["this"][:3] == [1, 1, 1] and trend["last"][3] == 1


def test_bad_period_or_indicator_is_a_clear_404(client, admin_user, cube):
    login(client, admin_user)
    assert client.get(reverse("web:dashboard"), {"period": "2020H3"}).status_code == 404
    assert client.get(reverse("web:dashboard"), {"indicator": "nope"}).status_code == 404


def test_htmx_swap_returns_only_the_dashboard(client, admin_user, cube):
    login(client, admin_user)
    response = client.get(reverse("web:dashboard"), {"period": "2020H1"}, HTTP_HX_REQUEST="true",
                          HTTP_HX_TARGET="dash")
    body = response.content.decode()
    assert body.lstrip().startswith('<div id="dash"') and "<html" not in body


def test_card_units_follow_the_language(client, admin_user, cube):
    from django.conf import settings

    login(client, admin_user)
    zh = client.get(reverse("web:dashboard"), {"region": "410000", "period": "2020H1"}).content.decode()
    assert '<span class="unit">件</span>' in zh and '<span class="unit">items</span>' not in zh
    cache.clear()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    en = client.get(reverse("web:dashboard"), {"region": "410000", "period": "2020H1"}).content.decode()
    assert '<span class="unit">items</span>' in en and '<span class="unit">件</span>' not in en


def _cold_dashboard_queries(client, user, period: str, django_assert_max_num_queries, region: str = "") -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    params = {"period": period, **({"region": region} if region else {})}
    cache.clear()
    login(client, user)
    client.get(reverse("web:dashboard"), params)  # session, regions cache: warm those up
    cache.clear()
    with CaptureQueriesContext(connection) as queries, django_assert_max_num_queries(30):
        assert client.get(reverse("web:dashboard"), params).status_code == 200
    return len(queries)


def test_the_dashboards_queries_do_not_grow_with_its_cells(client, admin_user, luoyang_officer, cube,
                                                            django_assert_max_num_queries):
    # the province's dashboard shows 18 cities on its map, a city officer's one: the same queries.
    # A quarter's trend has 6 months a year, a year's 12: the same queries again (one batch read).
    province = _cold_dashboard_queries(client, admin_user, "2020H1", django_assert_max_num_queries)
    city = _cold_dashboard_queries(client, luoyang_officer, "2020H1", django_assert_max_num_queries)
    year = _cold_dashboard_queries(client, admin_user, "2020", django_assert_max_num_queries)
    assert province == year
    # a city's dashboard adds its county map and its ranks among the 18 (a fixed number of queries): 郑州's
    # counties and zones cost what 洛阳's do, and the officer's narrower scope two checks more, not per cell
    zhengzhou = _cold_dashboard_queries(client, admin_user, "2020H1", django_assert_max_num_queries, "410100")
    luoyang = _cold_dashboard_queries(client, admin_user, "2020H1", django_assert_max_num_queries, "410300")
    assert zhengzhou == luoyang
    assert city <= luoyang + 2


def test_a_cached_dashboard_is_replaced_when_a_run_finishes(client, admin_user, cube):
    from ipgov.indicators.choices import RunStatus
    from ipgov.web import dashboard

    login(client, admin_user)
    first = dashboard._generation()
    client.get(reverse("web:dashboard"), {"period": "2020H1"})
    run = type(cube).objects.create(executor=cube.executor, actor="test", started=cube.started,
                                    status=RunStatus.RUNNING)
    assert dashboard._generation() == first  # a run still writing keeps the cached figures
    run.status, run.finished = RunStatus.FINISHED, cube.finished
    run.save()
    assert dashboard._generation() != first


def _shown(html: str, indicator: str) -> float:
    import re

    card = re.search(rf'data-indicator="{indicator}">.*?data-value="([^"]*)"', html, re.S)
    return float(card.group(1))


def _region_select(html: str) -> str:
    import re

    return re.search(r'<select id="pick-region".*?</select>', html, re.S).group(0)


def test_the_rendered_dashboard_is_kept_until_a_run_finishes(client, admin_user, cube):
    # the page's figures are rendered once per (run, language, region, period, map, scope): a cell changed
    # under a finished run is not shown until the next run finishes — and then at once
    from ipgov.indicators.choices import RunStatus
    from ipgov.indicators.models import Observation

    login(client, admin_user)
    params = {"region": "410000", "period": "2020H1"}
    assert _shown(client.get(reverse("web:dashboard"), params).content.decode(), "patent_applications") == 3
    cell = Observation.objects.get(indicator="patent_applications", region_id="410000", period="2020H1", breakdown="")
    Observation.objects.filter(pk=cell.pk).update(value=33)
    run = None
    try:
        assert _shown(client.get(reverse("web:dashboard"), params).content.decode(), "patent_applications") == 3
        run = type(cube).objects.create(executor=cube.executor, actor="test", started=cube.started,
                                        finished=cube.finished, status=RunStatus.FINISHED)
        assert _shown(client.get(reverse("web:dashboard"), params).content.decode(), "patent_applications") == 33
    finally:
        Observation.objects.filter(pk=cell.pk).update(value=cell.value)
        if run is not None:
            run.delete()


def test_kept_pickers_follow_the_scope_and_the_language(client, admin_user, luoyang_officer, cube):
    from django.conf import settings

    login(client, admin_user)
    province = client.get(reverse("web:dashboard"), {"region": "410300", "period": "2020H1"}).content.decode()
    assert 'value="410100"' in _region_select(province)  # 郑州 is the province administrator's to pick
    client.logout()
    login(client, luoyang_officer)  # the same region and period, kept for the administrator: not for 洛阳
    city = client.get(reverse("web:dashboard"), {"region": "410300", "period": "2020H1"}).content.decode()
    assert 'value="410300"' in _region_select(city) and 'value="410100"' not in _region_select(city)
    assert 'value="410100"' not in city.split('<datalist id="region-names">')[1].split("</datalist>")[0]
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"  # no cache cleared: the language is in the key
    english = client.get(reverse("web:dashboard"), {"region": "410300", "period": "2020H1"}).content.decode()
    assert '<span class="unit">items</span>' in english and '<span class="unit">件</span>' not in english


def _warm_statements(client, params) -> list[str]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    assert client.get(reverse("web:dashboard"), params).status_code == 200  # builds and keeps the board
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("web:dashboard"), params).status_code == 200
    return [q["sql"] for q in queries]


def test_a_warm_dashboard_reads_four_statements(client, admin_user, luoyang_officer, cube):
    # the session; the user with their staff profile and its region (one query, web.auth); the cut-off and
    # the last finished run (one statement); the regions' version. On SQLite outside the tests' transaction
    # the last two come from the cube's watch (web.pagestate): two statements a page.
    for user, params in ((admin_user, {"region": "410000", "period": "2020H1"}), (luoyang_officer, {"period": "2020H1"})):
        login(client, user)
        statements = _warm_statements(client, params)
        assert len(statements) == 4, statements
        assert "core_staffprofile" in statements[1] and "regions_region" in statements[1]
    client.cookies["django_language"] = "en"
    assert len(_warm_statements(client, {"period": "2020H1"})) == 4


def test_a_kept_board_or_menu_never_crosses_a_scope(client, admin_user, luoyang_officer, cube):
    login(client, admin_user)
    province = client.get(reverse("web:dashboard"), {"region": "410100", "period": "2020H1"})
    assert province.status_code == 200 and f'href="{reverse("web:audit")}"' in province.content.decode()
    client.logout()
    login(client, luoyang_officer)  # 郑州's board is kept for the administrator's scope, not for 洛阳's officer
    assert client.get(reverse("web:dashboard"), {"region": "410100", "period": "2020H1"}).status_code == 403
    city = client.get(reverse("web:dashboard"), {"period": "2020H1"}).content.decode()
    assert f'href="{reverse("web:audit")}"' not in city  # the kept menu is the officer's, not the administrator's
    assert "ly_officer" in city and "prov_admin" not in city


def test_the_kept_board_follows_the_regions(client, admin_user, cube):
    from ipgov.regions.models import Region

    login(client, admin_user)
    params = {"region": "410300", "period": "2020H1"}
    assert "<h1>洛阳市 ·" in client.get(reverse("web:dashboard"), params).content.decode()
    Region.objects.filter(code="410300").update(name="洛阳市（新）")
    try:  # a reloaded division list changes the regions' version: the kept board is not shown again
        assert "<h1>洛阳市（新） ·" in client.get(reverse("web:dashboard"), params).content.decode()
    finally:
        Region.objects.filter(code="410300").update(name="洛阳市")
