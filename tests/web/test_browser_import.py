"""The import page in a real browser (Debian chromium + selenium, as tests/web/test_browser.py): upload a
CNIPA search-system export, map its unknown column in the preview, dry-run, commit, follow the progress
bar to the batch's page."""

from __future__ import annotations

import csv
import io

import pytest

from tests.web.test_browser import (  # noqa: F401 — fixtures
    CHROMEDRIVER,
    CHROMIUM,
    browser,
    css,
    downloads,
    log_in,
    regions,
    restore_regions_after,
    shots,
    wait,
)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not (CHROMIUM and CHROMEDRIVER), reason="BROWSER TESTS SKIPPED: no chromium/chromedriver"),
]


def pss_export(path):
    from ipgov.rights.numbers import check_character

    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(["专利类型", "专利名称", "法律状态", "法律状态最后修改日期", "申请公布日/授权公告日", "申请号", "申请日",
                "申请人/专利权人", "发明人", "通讯地址"])
    for i in range(3):
        digits = f"20161{812300 + i:07d}"
        w.writerow(["发明", f"一种方法{i}", "实质审查的生效", "20170301", "2017.01.25",
                    f"CN{digits}.{check_character(digits)}", "2016.10.13", "洛阳某机械有限公司", "张三 ; 李四",
                    "河南省洛阳市涧西区建设路1号"])
    path.write_bytes(buf.getvalue().encode("gb18030"))
    return path


def test_upload_map_an_unknown_column_dry_run_and_commit(regions, live_server, browser, shots, make_staff,  # noqa: F811
                                                         settings, tmp_path):
    from django.db import connection
    from selenium.webdriver.support.ui import Select

    from ipgov.core.choices import Role
    from ipgov.core.ingest.models import ImportBatch
    from ipgov.rights.models import Patent

    settings.IPGOV_HOME = tmp_path
    # The test database of SQLite is in memory with a shared cache, where a writer locks whole tables even
    # for readers (the progress page's session lookup): the import runs in the request there. On a file
    # (WAL) or on PostgreSQL it runs in its background thread while the page polls.
    settings.IPGOV_IMPORTS_INLINE = connection.vendor == "sqlite"
    make_staff("ly_officer", Role.CITY_OFFICER, "410300")
    base = live_server.url
    log_in(browser, base, "ly_officer")
    browser.get(f"{base}/imports/")
    css(browser, "#i-file").send_keys(str(pss_export(tmp_path / "检索结果.csv")))
    css(browser, "#upload-form button[type=submit]").click()
    wait(browser, lambda d: css(d, "#preview-table"))
    assert "gb18030" in css(browser, "#detected").text
    unmapped = [e.text for e in browser.find_elements("css selector", "#preview-table thead tr:first-child th.unmapped")]
    assert unmapped == ["J 通讯地址"]
    browser.save_screenshot(str(shots / "import-1-preview.png"))
    Select(css(browser, "select[name=map-J]")).select_by_value("applicant_address")
    css(browser, "#dry-run").click()
    wait(browser, lambda d: css(d, "#dry-result"))
    assert "3" in css(browser, "#dry-result").text and Patent.objects.count() == 0
    browser.save_screenshot(str(shots / "import-2-dry-run.png"))
    css(browser, "#commit").click()
    wait(browser, lambda d: d.find_elements("css selector", "#import-done, #progress .error"), timeout=60)
    assert browser.find_elements("css selector", "#import-done"), css(browser, "#progress").text
    browser.save_screenshot(str(shots / "import-3-done.png"))
    css(browser, "#import-done a").click()
    wait(browser, lambda d: css(d, "#batch-counts"))
    batch = ImportBatch.objects.get()
    assert (batch.rows_created, batch.rows_invalid) == (3, 0)
    assert set(Patent.objects.values_list("region_id", flat=True)) == {"410305"}  # 涧西区, from the mapped address
    assert "notes" not in css(browser, "#batch-counts").text
