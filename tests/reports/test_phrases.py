from decimal import Decimal

import pytest

from ipgov.reports import phrases as p


@pytest.mark.parametrize(("value", "word", "decimals", "expected"), [
    (80868, "件", 0, "80868件"),
    (144010, "件", 0, "144010件"),
    (Decimal("4.1249"), "件", 2, "4.12件"),
    (4.125, "件", 2, "4.13件"),       # half-up, not banker's rounding (which gives 4.12)
    (23, "项", 0, "23项"),
    (6, "家", 0, "6家"),
    (416, "个", 0, "416个"),
    (6000, "人次", 0, "6000人次"),
])
def test_count(value, word, decimals, expected):
    assert p.count(value, word, decimals=decimals) == expected


def test_count_rejects_unknown_word():
    with pytest.raises(p.PhraseError, match="measure word"):
        p.count(3, "只")


def test_wan_and_money_are_the_core_scaling():
    # the figures themselves are tested in tests/core/test_numbers.py; phrases only add the measure word check
    assert p.wan(988000) == "98.8万件" and p.money(1_189_000_000) == "11.89亿元"
    with pytest.raises(p.PhraseError, match="measure word"):
        p.wan(190000, "只")


@pytest.mark.parametrize(("fraction", "decimals", "expected"), [
    (0.214, 1, "同比增长21.4%"),
    (Decimal("0.2543"), 1, "同比增长25.4%"),
    (0.1064, 2, "同比增长10.64%"),
    (0.307, 1, "同比增长30.7%"),
    (-0.052, 1, "同比下降5.2%"),
    (-0.0004, 1, "同比持平"),          # rounds to -0.0%: worded by the shown value
    (0.0004, 1, "同比持平"),
    (0, 1, "同比持平"),
    (0.00049, 2, "同比增长0.05%"),
    (0.54, 0, "同比增长54%"),
])
def test_change(fraction, decimals, expected):
    assert p.change(fraction, decimals) == expected


def test_percent():
    assert p.percent(0.214) == "21.4%"
    assert p.percent(-0.1064, 2) == "-10.64%"
    assert p.percent(-0.0001, 1) == "0.0%"


@pytest.mark.parametrize(("n", "expected"), [(1, "一"), (5, "五"), (10, "十"), (11, "十一"), (20, "二十"),
                                              (35, "三十五")])
def test_chinese_numeral(n, expected):
    assert p.chinese_numeral(n) == expected


def test_chinese_numeral_range():
    with pytest.raises(p.PhraseError):
        p.chinese_numeral(0)


def test_ordinal_list():
    assert p.ordinal_list(["突出工作重点。", "完善顶层设计", "强化激励引导；"]) == \
        "一是突出工作重点；二是完善顶层设计；三是强化激励引导。"
    assert p.ordinal_list([]) == ""
    assert p.ordinal_list(["", "唯一一项"]) == "一是唯一一项。"


@pytest.mark.parametrize(("name", "expected"), [("河南省", "全省"), ("郑州市", "全市"), ("济源市", "全市"),
                                                ("兰考县", "全县"), ("郑州高新技术产业开发区", "全区"),
                                                ("广西壮族自治区", "全区"), ("延边朝鲜族自治州", "全州")])
def test_region_whole(name, expected):
    assert p.region_whole(name) == expected


def test_region_whole_unknown():
    with pytest.raises(p.PhraseError):
        p.region_whole("郑州")
