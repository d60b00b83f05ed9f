from decimal import Decimal

import pytest

from ipgov.reports import phrases as p
from ipgov.reports.periods import PeriodError, parse


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


@pytest.mark.parametrize(("value", "decimals", "expected"), [
    (988000, 1, "98.8万件"),
    (987650, 1, "98.8万件"),
    (987449, 1, "98.7万件"),
    (190000, 0, "19万件"),
    (190000, 1, "19万件"),          # 19.0 → trailing zero dropped
    (194999, 0, "19万件"),
    (195000, 0, "20万件"),
])
def test_wan(value, decimals, expected):
    assert p.wan(value, decimals=decimals) == expected


@pytest.mark.parametrize(("value", "expected"), [
    (1_189_000_000, "11.89亿元"),
    (Decimal("1188960000"), "11.89亿元"),
    (6_890_000_000, "68.9亿元"),
    (350_000_000, "3.5亿元"),
    (200_000_000, "2亿元"),
    (30_006_000, "3000.6万元"),
    (10_000, "1万元"),
    (9_999.5, "9999.5元"),
    (0, "0元"),
])
def test_money(value, expected):
    assert p.money(value) == expected


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


@pytest.mark.parametrize(("code", "label", "subannual"), [
    ("2019", "2019年", False), ("2020H1", "2020年上半年", True), ("2020H2", "2020年下半年", True),
    ("2020Q3", "2020年三季度", True), ("2020-03", "2020年3月", True), ("2017..2019", "2017-2019年", False),
])
def test_period_labels(code, label, subannual):
    period = parse(code)
    assert period.label == label
    assert period.is_subannual is subannual


def test_period_arithmetic():
    assert parse("2020H1").shifted(-1).code == "2019H1"
    assert parse("2017..2019").shifted(1).code == "2018..2020"
    assert parse("2020H1").months == [f"2020-0{m}" for m in range(1, 7)]
    assert parse("2017-2019").code == "2017..2019"
    assert parse("2020H1").end_label == "2020年6月30日"
    assert parse("2019").end_label == "2019年12月31日"
    assert parse("2020H1").full_year.code == "2020"


@pytest.mark.parametrize("code", ["", "20", "2020H3", "2020Q5", "2020-13", "2019..2017", "2020H1..2021"])
def test_period_errors(code):
    with pytest.raises(PeriodError):
        parse(code)
