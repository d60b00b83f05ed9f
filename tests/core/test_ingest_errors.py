"""A refused row as the CLI lists it: the language's own punctuation, from the translation, not from code."""

import pytest
from django.utils import translation

from ipgov.core.ingest.errors import RowError


@pytest.mark.parametrize("error, zh, en", [
    (RowError(3, "申请号", "", "缺少申请号"), "第 3 行，申请号：缺少申请号", "row 3, 申请号: 缺少申请号"),
    (RowError(4, "申请日", "20991301", "不是有效的日历日期"), "第 4 行，申请日为“20991301”：不是有效的日历日期",
     "row 4, 申请日 = '20991301': 不是有效的日历日期"),
    (RowError(5, "", "", "行有 10 个字段"), "第 5 行：行有 10 个字段", "row 5: 行有 10 个字段"),
    (RowError(6, "", "X", "原因"), "第 6 行，“X”：原因", "row 6, 'X': 原因"),
])
def test_row_error_in_both_languages(error, zh, en):
    with translation.override("zh-hans"):
        assert str(error) == zh
    with translation.override("en"):
        assert str(error) == en


def test_a_value_keeps_its_control_characters_visible():
    error = RowError(7, "发明名称", "甲\n乙\t丙", "含控制字符")
    with translation.override("zh-hans"):
        assert str(error) == "第 7 行，发明名称为“甲\\n乙\\t丙”：含控制字符"
    with translation.override("en"):
        assert str(error) == "row 7, 发明名称 = '甲\\n乙\\t丙': 含控制字符"
