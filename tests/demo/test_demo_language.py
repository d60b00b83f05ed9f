"""`ipgov demo` prints its step titles and detail lines in zh-Hans, in English with IPGOV_LANGUAGE=en."""

import pytest
from django.utils import translation

from ipgov.demo import regions, steps
from ipgov.demo.steps import DemoContext

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("language", "title", "detail"), [
    ("zh-hans", "行政区划（GB/T 2260，1981—2024年沿革，国家统计局功能区，2020年人口普查）",
     "地址识别 '450001 河南省郑州市高新技术产业开发区莲花街100号' → 410172"),
    ("en", "Regions (GB/T 2260, 1981–2024 history, NBS zones, census 2020)",
     "resolve '450001 河南省郑州市高新技术产业开发区莲花街100号' → 410172"),
])
def test_the_regions_step_in_both_languages(system_actor, tmp_path, language, title, detail):
    with translation.override(language):
        result = regions.load_regions(DemoContext(home=tmp_path))
    assert result.title == title
    assert any(line.startswith(detail) for line in result.lines), result.lines
    henan = next(line for line in result.lines if "410000" in line)
    assert ("个地级市" in henan) == (language == "zh-hans") and ("prefectures" in henan) == (language == "en")


def test_the_reference_step_in_both_languages(system_actor, tmp_path):
    with translation.override("zh-hans"):
        zh = steps.reference_data(DemoContext(home=tmp_path))
    with translation.override("en"):
        en = steps.reference_data(DemoContext(home=tmp_path))
    assert zh.title == "基础数据（与 `ipgov init` 载入的相同）" and en.title == "Reference data (as `ipgov init` loads it)"
    assert "指标目录（catalogue.toml 及 catalogue.d/，从程序包读取）" in zh.lines
    assert "Indicator catalogue (catalogue.toml + catalogue.d/, read from the package)" in en.lines


def test_every_step_title_is_translated():
    """Each step's title is a catalogue message: its zh-Hans form differs from the English one."""
    import inspect
    import re

    from django.utils.module_loading import import_string

    for path in steps.STEPS:
        source = inspect.getsource(inspect.getmodule(import_string(path)))
        assert re.search(r"StepResult\(\s*gettext\(|title = gettext\(|TITLE = gettext_lazy\(", source), path


def test_the_serving_lines_in_both_languages(system_actor, tmp_path, monkeypatch):
    """The last lines of `ipgov demo`: the URLs whole at the line's end, the accounts, in either language."""
    from io import StringIO

    from django.core.management.base import OutputWrapper

    from ipgov.demo import web
    from ipgov.web import server

    monkeypatch.setattr(server, "serve", lambda options: None)
    out = {}
    for language in ("zh-hans", "en"):
        stream = StringIO()
        with translation.override(language):
            web.serve(DemoContext(home=tmp_path), OutputWrapper(stream))
        out[language] = stream.getvalue()
    assert "工作人员 Web 应用：http://" in out["zh-hans"] and "河南省 省级管理员" in out["zh-hans"]
    assert "按 Ctrl+C 停止。" in out["zh-hans"] and "/portal/\n" in out["zh-hans"]
    assert "Staff web application: http://" in out["en"] and "河南省 province administrator" in out["en"]
    assert "Stop with Ctrl+C." in out["en"] and "(unchanged)" in out["en"]
