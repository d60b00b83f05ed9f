"""The portal in a real browser (chromium + selenium, as tests/web/test_browser.py): a visitor reads the seed
article with its live figure, comments through the captcha (wrong, then right), a moderator approves, the
count becomes 1; a visitor files a rights-assistance request and follows it by tracking number. No page
breaks the Content-Security-Policy. The captcha runs in django-simple-captcha's test mode ("PASSED")."""

from __future__ import annotations

import csv
import io
import time
from pathlib import Path

import pytest

from tests.web import test_browser as web
from tests.web.test_browser import CHROMEDRIVER, CHROMIUM, csp_refusals, css, log_in, wait

# the staff app's browser fixtures, shared
browser, downloads, regions, shots = web.browser, web.downloads, web.regions, web.shots
restore_regions_after = web.restore_regions_after

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not (CHROMIUM and CHROMEDRIVER),
                       reason="BROWSER TESTS SKIPPED: no chromium/chromedriver on PATH"),
]


def test_read_comment_moderate_and_file_a_request(regions, live_server, browser, shots, make_staff, settings,
                                                  tmp_path, monkeypatch, downloads):
    from selenium.webdriver.support.ui import Select

    from ipgov.cases.models import Case
    from ipgov.core.actor import Actor, acting_as
    from ipgov.core.choices import Role
    from ipgov.portal.models import Comment
    from ipgov.portal.seed import import_seed
    from tests.portal.conftest import put_cell

    monkeypatch.setattr("captcha.conf.settings.CAPTCHA_TEST_MODE", True)
    settings.IPGOV_HOME = tmp_path
    put_cell("patent_applications", "410000", "2020H1", 80868)
    with acting_as(Actor.system("test")):
        article = import_seed()
    make_staff("prov_admin", Role.PROVINCE_ADMIN, "410000")
    base = live_server.url

    browser.get(f"{base}/portal/article/{article.pk}/")
    assert css(browser, "a.cell").text == "80868"
    assert "共有 0 条评论" in browser.page_source
    browser.save_screenshot(str(shots / "portal-1-seed-article.png"))

    assert not browser.find_elements("css selector", "#id_captcha_1")  # no captcha until a comment starts
    assert css(browser, ".captcha-slot a.captcha-show").text == "显示验证码"

    def comment(answer):
        css(browser, "#id_nickname").clear()
        css(browser, "#id_nickname").send_keys("网友甲")  # the form gets focus: portal.js fetches the captcha
        css(browser, "#id_body").clear()
        css(browser, "#id_body").send_keys("会议精神很好，期待更多数据公开。")
        wait(browser, lambda d: d.find_elements("css selector", "#id_captcha_1"))[0].send_keys(answer)
        css(browser, ".comment-form button[type=submit]").click()

    css(browser, "a.captcha-show").click()  # "显示验证码": fetched in place, no page load
    first = wait(browser, lambda d: d.find_elements("css selector", "input[name=captcha_0]"))[0]
    key = first.get_attribute("value")
    css(browser, ".captcha-refresh").click()  # another code: a new key and image in place
    wait(browser, lambda d: d.find_element("css selector", "input[name=captcha_0]").get_attribute("value") != key)
    comment("WRONG")
    wait(browser, lambda d: d.find_elements("css selector", ".errorlist"))
    assert not Comment.objects.exists()
    comment("PASSED")
    wait(browser, lambda d: d.find_elements("css selector", ".msg.success"))
    assert Comment.objects.get().status == "held" and "共有 0 条评论" in browser.page_source

    log_in(browser, base, "prov_admin")
    browser.get(f"{base}/portal/staff/comments/")
    css(browser, "button[name=approve]").click()
    wait(browser, lambda d: "网友甲" not in d.page_source)
    browser.get(f"{base}/portal/article/{article.pk}/")
    assert "共有 1 条评论" in browser.page_source and "期待更多数据公开" in browser.page_source
    browser.save_screenshot(str(shots / "portal-2-comment-published.png"))

    browser.get(f"{base}/portal/services/assistance/")
    css(browser, "#id_name").send_keys("张三")
    Select(css(browser, "#id_requester_type")).select_by_value("public")
    css(browser, "#id_phone").send_keys("13800001234")
    Select(css(browser, "#id_region")).select_by_value("410300")
    css(browser, "#id_description").send_keys("外观设计专利被仿冒，需要维权指导")
    letter = tmp_path / "维权申请书.pdf"
    letter.write_bytes(b"%PDF-1.4 assistance request")
    css(browser, "#id_document").send_keys(str(letter))  # the request's attachment
    wait(browser, lambda d: d.find_elements("css selector", "#id_captcha_1"))[0].send_keys("PASSED")
    css(browser, ".service-form button[type=submit]").click()
    number = wait(browser, lambda d: d.find_elements("css selector", ".tracking"))[0].text
    case = Case.objects.get()
    assert case.kind == "assistance" and case.region_id == "410300"
    assert [d.name for d in case.documents.all()] == ["维权申请书.pdf"]
    browser.get(f"{base}/portal/status/")
    css(browser, "#id_number").send_keys(number)
    css(browser, "#id_phone").send_keys("13800001234")
    css(browser, ".service-form button[type=submit]").click()
    state = wait(browser, lambda d: d.find_elements("css selector", ".status .state"))[0].text
    assert state and case.deadlines.get(key="response").due_on.isoformat() in browser.page_source
    browser.save_screenshot(str(shots / "portal-3-status.png"))
    browser.get(f"{base}/desk/")  # the moderator, still logged in, is a province officer: the case desk
    desk = browser.page_source
    due = case.deadlines.get(key="response").due_on
    assert case.number in desk and f"{due.year}年{due.month}月{due.day}日" in desk, desk[-3000:]

    browser.get(f"{base}/portal/data/patent_applications/?kind=half")  # the figure's link target
    wait(browser, lambda d: d.find_elements("css selector", "#map canvas") and d.find_elements(
        "css selector", "#trend canvas"))
    browser.save_screenshot(str(shots / "portal-4-open-data.png"))
    css(browser, "p.downloads a[href*='/csv/']").click()
    deadline = time.time() + 30
    while time.time() < deadline and not list(downloads.glob("patent_applications*.csv")):
        time.sleep(0.2)
    (downloaded,) = list(downloads.glob("patent_applications*.csv"))
    rows = list(csv.DictReader(io.StringIO(downloaded.read_text(encoding="utf-8-sig"))))
    assert [(r["region"], r["period"], float(r["value"])) for r in rows] == [("410000", "2020H1", 80868)]
    assert csp_refusals(browser) == []


AXE = Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js"  # vendored offline, see its README
WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
RUN_AXE = """const done = arguments[arguments.length - 1];
axe.run(document, {runOnly: {type: "tag", values: arguments[0]}}).then(
  r => done({passes: r.passes.length,
              violations: r.violations.map(v => [v.id, v.impact, v.nodes.slice(0, 3).map(n => n.target.join(" "))])}),
  e => done({passes: 0, violations: [["axe-error", String(e), []]]}));"""


def axe_violations(browser) -> list:
    """axe-core's WCAG 2.1 A/AA violations on the current page (injected through WebDriver, not the page:
    the site's CSP, which allows no inline script, stays as it is)."""
    browser.execute_script(AXE.read_text(encoding="utf-8"))
    browser.set_script_timeout(60)
    result = browser.execute_async_script(RUN_AXE, WCAG)
    assert result["passes"] >= 3, result  # axe ran its rules on the page (labels, contrast, names …)
    return result["violations"]


def test_wcag_basics_with_axe_and_the_keyboard(regions, live_server, browser, settings, tmp_path, monkeypatch):
    """Labels, contrast, names, language, landmarks (axe-core, WCAG 2.1 A/AA) on the portal's main pages,
    and the comment form used with the keyboard alone: Tab reaches every field and the submit button."""
    from selenium.webdriver.common.keys import Keys

    from ipgov.core.actor import Actor, acting_as
    from ipgov.portal.seed import import_seed
    from tests.portal.conftest import put_cell

    monkeypatch.setattr("captcha.conf.settings.CAPTCHA_TEST_MODE", True)
    settings.IPGOV_HOME = tmp_path
    put_cell("patent_applications", "410000", "2020H1", 80868)
    put_cell("patent_applications", "410000", "2019", 144010)
    with acting_as(Actor.system("test")):
        article = import_seed()
    base = live_server.url
    pages = ["/portal/", f"/portal/article/{article.pk}/", "/portal/data/", "/portal/data/patent_applications/",
             "/portal/services/", "/portal/services/assistance/", "/portal/status/", "/portal/search/?q=知识产权",
             "/portal/region/410000/"]
    found = {}
    for page in pages:
        browser.get(base + page)
        violations = axe_violations(browser)
        if violations:
            found[page] = violations
    assert not found, found
    assert not csp_refusals(browser)

    browser.get(f"{base}/portal/article/{article.pk}/")
    reached = []
    for _ in range(80):
        body = browser.switch_to.active_element
        body.send_keys(Keys.TAB)
        focused = browser.switch_to.active_element
        reached.append(focused.get_attribute("id") or focused.get_attribute("type") or focused.tag_name)
        if reached[-1] == "id_nickname":  # the form has focus: its captcha comes (portal.js)
            wait(browser, lambda d: d.find_elements("css selector", "#id_captcha_1"))
        if focused.get_attribute("type") == "submit" and "id_captcha_1" in reached:
            break
    assert [f for f in ("id_nickname", "id_body", "id_captcha_1") if f in reached] == [
        "id_nickname", "id_body", "id_captcha_1"], reached
    assert reached[-1] == "submit", reached
