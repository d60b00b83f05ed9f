"""The CLI speaks the office's zh-Hans unless IPGOV_LANGUAGE or an English locale says otherwise."""

import pytest
from django.utils import translation

from ipgov.cli import _project_help, cli_language


@pytest.mark.parametrize("environ, expected", [
    ({}, "zh-hans"),
    ({"LANG": "C.UTF-8"}, "zh-hans"),
    ({"LANG": "en_US.UTF-8"}, "en"),
    ({"LANG": "zh_CN.UTF-8"}, "zh-hans"),
    ({"LC_ALL": "en_GB.UTF-8", "LANG": "zh_CN.UTF-8"}, "en"),
    ({"IPGOV_LANGUAGE": "en", "LANG": "zh_CN.UTF-8"}, "en"),
    ({"IPGOV_LANGUAGE": "zh_Hans", "LANG": "en_US.UTF-8"}, "zh-hans"),
    ({"IPGOV_LANGUAGE": "fr"}, "zh-hans"),
])
def test_language_choice(environ, expected):
    assert cli_language(environ) == expected


def test_help_in_both_languages():
    with translation.override("zh-hans"):
        zh = _project_help()
    with translation.override("en"):
        en = _project_help()
    assert zh.startswith("用法：ipgov 命令") and "登记、办理、延期" in zh  # the `case` verb's summary
    assert en.startswith("usage: ipgov VERB") and "open, move, extend" in en
