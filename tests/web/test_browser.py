"""End-to-end in a real browser: Debian's chromium driven by selenium through chromium-driver.

Skipped, loudly, only when no chromium can be found (`apt-get install chromium chromium-driver`).
Screenshots go to a temporary folder printed at the start (IPGOV_SCREENSHOTS overrides it).
"""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import tempfile
import time
from pathlib import Path

import pytest

from tests.web.conftest import PASSWORD, compute_cube, make_patents

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")
pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not (CHROMIUM and CHROMEDRIVER),
        reason="BROWSER TESTS SKIPPED: no chromium/chromedriver on PATH — "
               "install Debian's `chromium chromium-driver` to run them",
    ),
]
FLAGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage"]


@pytest.fixture(scope="module")
def shots():
    folder = Path(os.environ.get("IPGOV_SCREENSHOTS") or tempfile.mkdtemp(prefix="ipgov-screens-"))
    folder.mkdir(parents=True, exist_ok=True)
    print(f"\nscreenshots: {folder}")
    return folder


@pytest.fixture(scope="module")
def downloads():
    return Path(tempfile.mkdtemp(prefix="ipgov-downloads-"))


@pytest.fixture(scope="module")
def restore_regions_after(django_db_setup, django_db_blocker):
    """live_server tests flush the database after each test; put the shared regions back at the end."""
    yield
    with django_db_blocker.unblock():
        _load_regions()


def _load_regions():
    from ipgov.regions import loader, resolver
    from ipgov.regions.models import Region

    if not Region.objects.filter(code="410000").exists():
        loader.load_divisions()
        loader.load_census_2020()
        resolver.invalidate()


@pytest.fixture
def regions(transactional_db, restore_regions_after):
    _load_regions()


@pytest.fixture
def browser(downloads):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in FLAGS:
        options.add_argument(flag)
    options.add_argument("--window-size=1366,768")
    options.add_argument("--lang=zh-CN")
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})  # to see Content-Security-Policy refusals
    options.add_experimental_option("prefs", {"download.default_directory": str(downloads),
                                              "download.prompt_for_download": False})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.execute_cdp_cmd("Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)})
    driver.implicitly_wait(0)
    yield driver
    driver.quit()


def wait(driver, condition, timeout=20):
    """Until `condition` holds; elements swapped out by HTMX meanwhile are looked up again."""
    from selenium.common.exceptions import NoSuchElementException, StaleElementReferenceException
    from selenium.webdriver.support.ui import WebDriverWait

    ignored = (StaleElementReferenceException, NoSuchElementException)
    return WebDriverWait(driver, timeout, ignored_exceptions=ignored).until(condition)


def css(driver, selector):
    from selenium.webdriver.common.by import By

    return driver.find_element(By.CSS_SELECTOR, selector)


def csp_refusals(driver) -> list[str]:
    """What the page's Content-Security-Policy blocked since the last call (console errors)."""
    return [e["message"] for e in driver.get_log("browser") if "Content Security Policy" in e["message"]]


def log_in(driver, base, username):
    driver.get(f"{base}/login/")
    css(driver, "#id_username").send_keys(username)
    css(driver, "#id_password").send_keys(PASSWORD)
    css(driver, "form[action='/login/'] button[type=submit]").click()
    wait(driver, lambda d: "/login/" not in d.current_url)


def log_out(driver):
    css(driver, "form[action='/logout/'] button").click()
    wait(driver, lambda d: "/login/" in d.current_url)


def staff(make_staff):
    from ipgov.core.choices import Role

    return (make_staff("prov_admin", Role.PROVINCE_ADMIN, "410000"),
            make_staff("ly_officer", Role.CITY_OFFICER, "410300"))


def test_dashboard_map_and_patent_export(regions, live_server, browser, shots, downloads, make_staff,
                                        system_actor):
    from openpyxl import load_workbook

    from ipgov.indicators import services

    staff(make_staff)
    make_patents()
    compute_cube()
    base = live_server.url

    log_in(browser, base, "prov_admin")
    browser.get(f"{base}/?region=410000&period=2020H1&indicator=patent_applications")
    wait(browser, lambda d: css(d, "#map").get_attribute("data-ready") == "1")
    browser.save_screenshot(str(shots / "1-dashboard-province.png"))
    # every KPI card shows the cube's figure
    cards = browser.execute_script("""return Array.from(document.querySelectorAll('.kpi')).map(function (k) {
        return [k.dataset.indicator, k.querySelector('.kpi-value').dataset.value,
                k.querySelector('.kpi-value').textContent.trim()]; });""")
    assert {c[0] for c in cards} >= {"patent_applications", "patent_grants", "pct_applications",
                                     "valid_invention_patents_per_10k"}
    for indicator, raw, _text in cards:
        expected = services.value(indicator, "410000", "2020H1")
        assert (float(raw) if raw else None) == (float(expected) if expected is not None else None), indicator
    assert dict((c[0], c[2]) for c in cards)["patent_applications"] == "3"

    # click 洛阳 on the map: its dashboard opens
    geo = json.loads((Path(__file__).parents[2] / "src/ipgov/web/static/web/henan_prefectures_datav_v3.geojson")
                     .read_text(encoding="utf-8"))
    (luoyang,) = [f for f in geo["features"] if str(f["properties"]["adcode"]) == "410300"]
    x, y, w, h = browser.execute_script("""var el = document.getElementById('map');
        var chart = echarts.getInstanceByDom(el);
        var p = chart.convertToPixel({seriesIndex: 0}, arguments[0]);
        return [p[0], p[1], el.clientWidth, el.clientHeight];""", luoyang["properties"]["centroid"])
    from selenium.webdriver.common.action_chains import ActionChains

    browser.execute_script("document.getElementById('map').scrollIntoView({block: 'center'})")
    ActionChains(browser).move_to_element_with_offset(css(browser, "#map"), int(x - w / 2), int(y - h / 2)).click().perform()
    wait(browser, lambda d: "region=410300" in d.current_url)
    wait(browser, lambda d: "洛阳市" in css(d, "#dash h1").text)
    wait(browser, lambda d: css(d, "#map").get_attribute("data-ready") == "1")
    luoyang_apps = browser.execute_script(
        "return document.querySelector('.kpi[data-indicator=patent_applications] .kpi-value').dataset.value")
    assert float(luoyang_apps) == services.value("patent_applications", "410300", "2020H1") == 1
    browser.save_screenshot(str(shots / "2-dashboard-luoyang.png"))

    # the patent list: filter by type (HTMX swaps the results), then export what is shown
    browser.get(f"{base}/records/patents/")
    assert "共 4 条记录" in css(browser, "#results .count").text
    from selenium.webdriver.support.ui import Select

    Select(css(browser, "#id_patent_type")).select_by_value("invention")
    wait(browser, lambda d: "共 2 条记录" in css(d, "#results .count").text)
    assert "patent_type=invention" in browser.current_url  # the URL holds the filter
    shown = [e.text for e in browser.find_elements("css selector", "#results tbody td:first-child")]
    assert shown == ["202010000003.5", "202010000001.X"]
    browser.save_screenshot(str(shots / "3-patents-filtered.png"))
    css(browser, "#results .exports a[href*='export.xlsx']").click()
    deadline = time.time() + 15
    while time.time() < deadline and not list(downloads.glob("*.xlsx")):
        time.sleep(0.2)
    (xlsx,) = list(downloads.glob("*.xlsx"))
    rows = list(load_workbook(io.BytesIO(xlsx.read_bytes())).active.iter_rows(values_only=True))
    assert [r[0] for r in rows[1:]] == shown

    # phone width: the dashboard still works
    browser.set_window_size(390, 844)
    browser.get(f"{base}/?period=2020H1")
    wait(browser, lambda d: css(d, "#map").get_attribute("data-ready") == "1")
    browser.save_screenshot(str(shots / "4-dashboard-phone.png"))
    # the language selector (static script, no inline handler) switches to English
    Select(css(browser, "#lang-select")).select_by_value("en")
    wait(browser, lambda d: css(d, "html").get_attribute("lang") == "en")
    assert csp_refusals(browser) == []  # ECharts, htmx and our scripts all run under the policy


def test_city_officer_moves_a_case_and_is_refused_another_city(regions, live_server, browser, shots, make_staff):
    from ipgov.cases.models import Case
    from tests.web.scope_fixtures import FACTORIES

    staff(make_staff)
    mine, other = FACTORIES["cases"]("410300", 6), FACTORIES["cases"]("410100", 7)
    base = live_server.url
    log_in(browser, base, "ly_officer")
    browser.get(f"{base}/desk/?tab=open&as_of=2020-05-11")
    assert mine.number in css(browser, "#desk").text and other.number not in css(browser, "#desk").text
    browser.save_screenshot(str(shots / "5-desk.png"))
    browser.get(f"{base}/records/cases/{mine.pk}/")
    css(browser, f"#v-{mine.pk}-refuse-reason").send_keys("请求不符合受理条件")
    css(browser, "button[data-transition=refuse]").click()
    # a state-changing move asks first, saying what it will do; dismissing it changes nothing
    alert = wait(browser, lambda d: d.switch_to.alert)
    assert f"案件{mine.number}将由" in alert.text and "审计日志" in alert.text
    alert.dismiss()
    assert Case.objects.get(pk=mine.pk).state != "not_filed"
    css(browser, "button[data-transition=refuse]").click()
    wait(browser, lambda d: d.switch_to.alert).accept()
    wait(browser, lambda d: "messages" in d.page_source and "success" in css(d, ".messages li").get_attribute("class"))
    assert Case.objects.get(pk=mine.pk).state == "not_filed"
    browser.save_screenshot(str(shots / "6-case-moved.png"))
    # the other city's case, by URL: refused
    browser.get(f"{base}/records/cases/{other.pk}/")
    assert "不在您的管辖区域" in css(browser, "main").text
    assert other.number not in browser.page_source
    browser.save_screenshot(str(shots / "7-other-city-refused.png"))
    log_out(browser)


def test_city_officer_sees_counties_rank_cutoff_and_lists_fit_a_phone(regions, live_server, browser, shots,
                                                                     make_staff, system_actor):
    from selenium.webdriver.support.ui import Select

    from ipgov.indicators import cutoff

    staff(make_staff)
    make_patents()
    compute_cube()  # the test cube runs to 2020-12; the office closes its statistics at 2020-06
    cutoff.set_cutoff("2020-06")
    base = live_server.url
    log_in(browser, base, "ly_officer")
    browser.get(f"{base}/?indicator=patent_applications")
    wait(browser, lambda d: css(d, "#map").get_attribute("data-ready") == "1")
    # 洛阳's own county map: its counties drawn, no other city
    drawn = css(browser, "#map").get_attribute("data-regions").split(",")
    assert {"洛龙区", "栾川县", "偃师区", "孟津区"} <= set(drawn) and "郑州市" not in drawn
    assert "洛阳市各县" in css(browser, ".map-card h2").text
    assert css(browser, "#ranking tbody tr:first-child").text.split()[:3] == ["1", "洛龙区", "1"]
    # 洛阳's rank among the 18 for each KPI
    rank = css(browser, ".kpi[data-indicator=patent_applications] .rank")
    assert rank.text == "全省18个省辖市中第2位"
    assert len(browser.find_elements("css selector", ".kpi .rank")) >= 4
    # the data cut-off on the page, and no period after it offered, labelled as officials say them
    assert "数据截至2020年6月30日" in css(browser, "header.top").text
    offered = [o.get_attribute("value") for o in Select(css(browser, "#pick-period")).options]
    assert "2020H2" not in offered and "2020" not in offered and offered[0] == "2020H1"
    assert Select(css(browser, "#pick-period")).first_selected_option.text == "2020年上半年"
    # help one click away
    css(browser, ".kpi[data-indicator=patent_applications] details summary").click()
    assert "申请日" in css(browser, ".kpi[data-indicator=patent_applications] details").text
    browser.save_screenshot(str(shots / "8-luoyang-counties.png"))
    # a county found by name opens its dashboard
    browser.execute_script("""var i = document.getElementById('find-region'); i.value = '栾川县';
        i.dispatchEvent(new Event('change', {bubbles: true}));""")
    wait(browser, lambda d: "栾川县" in css(d, "#dash h1").text)
    assert "全省" in css(browser, ".kpi[data-indicator=patent_applications] .rank").text

    # a list at phone width: the page does not scroll sideways, the table scrolls inside its frame
    browser.set_window_size(390, 844)
    browser.get(f"{base}/records/patents/")
    page, view = browser.execute_script(
        "return [document.documentElement.scrollWidth, document.documentElement.clientWidth];")
    assert page <= view, f"the page is {page} px wide in a {view} px window"
    browser.save_screenshot(str(shots / "9-list-phone.png"))


VISIBLE_JS = """
var parts = [document.body.innerText];
document.querySelectorAll('[aria-label], [title], [placeholder]').forEach(function (e) {
  ['aria-label', 'title', 'placeholder'].forEach(function (a) { if (e.getAttribute(a)) parts.push(e.getAttribute(a)); });
});
return parts.join('\\n');
"""


def test_every_staff_page_in_both_languages_in_the_browser(regions, live_server, browser, make_staff, system_actor):
    """What a reader sees in chromium — the rendered text, charts' labels included, and what is read aloud —
    on every staff page: no English UI word in zh-Hans, no Chinese UI phrase in English (tests/web/
    test_languages.py has the rules; this walks the pages as a browser renders them, scripts run)."""
    from django.conf import settings
    from django.urls import reverse

    from ipgov.core.models import ObjectChange
    from ipgov.web.registry import PAGES
    from tests.web.scope_fixtures import FACTORIES
    from tests.web.test_languages import _chinese_phrases, _latin_words, _stored_text

    admin, officer = staff(make_staff)
    make_patents()
    compute_cube()
    records = {slug: FACTORIES[slug]("410300", 7) for slug in PAGES}
    urls = [reverse("web:dashboard"), reverse("web:dashboard") + "?region=410300",
            reverse("web:dashboard") + "?region=410311", reverse("web:compare") + "?a=410100&b=410300",
            reverse("web:desk"), reverse("web:reports"), reverse("web:audit"), "/no-such-page/"]
    for slug, obj in records.items():
        urls += [reverse("web:list", args=[slug]), reverse("web:detail", args=[slug, obj.pk]),
                 reverse("web:history", args=[slug, obj.pk])]
    change = ObjectChange.objects.order_by("pk").last()
    if change is not None:
        urls.append(reverse("web:audit-detail", args=[change.pk]))
    base = live_server.url
    log_in(browser, base, admin.username)
    data = {u for user in (admin, officer) for u in (user.username, *user.username.split("_"))}  # usernames are data
    phrases = _chinese_phrases() - _stored_text() - {"简体中文"}
    leaks = {}
    for language in ("zh-hans", "en"):
        browser.add_cookie({"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "path": "/"})
        for url in urls:
            browser.get(base + url)
            if url.startswith("/?") or url == "/":
                wait(browser, lambda d: css(d, "#map").get_attribute("data-ready") == "1")
            text = browser.execute_script(VISIBLE_JS)
            if language == "zh-hans":
                found = _latin_words(text, data)
            else:
                found = {run for run in re.findall(r"[\u4e00-\u9fff（）]+", text) if run in phrases}
            if found:
                leaks[f"{language} {url}"] = sorted(found)
    assert not leaks, "words of the other language:\n" + "\n".join(f"  {k}: {v}" for k, v in leaks.items())
