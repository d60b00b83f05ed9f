import itertools
import re

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from ipgov.rights.choices import PatentType
from ipgov.rights.numbers import (
    NumberError,
    check_character,
    make_application_number,
    parse_application_number,
    parse_publication_number,
    parse_trademark_number,
)

from .conftest import sample_rows

REAL = [row[6] for row in sample_rows()[1]]  # 申请号 of the ten real records


@pytest.fixture(autouse=True)
def _english():
    """These tests assert the reasons in English; the zh-Hans ones: test_reasons_in_the_office_language and
    test_number_check_command."""
    with translation.override("en"):
        yield


def test_the_ten_real_numbers_are_valid_and_one_ends_in_x():
    assert len(REAL) == 10
    parsed = [parse_application_number(n) for n in REAL]
    assert [p.canonical for p in parsed] == [n.removeprefix("CN") for n in REAL]
    assert [p.check for p in parsed].count("X") == 1
    assert {p.patent_type for p in parsed} == {PatentType.UTILITY, PatentType.INVENTION}
    x = parse_application_number("CN202121635235.X")
    assert (x.year, x.type_digit, x.serial, x.form, x.is_pct) == (2021, "2", "1635235", "12-digit", False)


@pytest.mark.parametrize("number", REAL)
def test_every_single_digit_mutation_of_a_real_number_is_caught(number):
    body, check = number.removeprefix("CN").split(".")
    for i, digit in itertools.product(range(12), "0123456789"):
        if digit == body[i]:
            continue
        mutated = body[:i] + digit + body[i + 1:]
        assert check_character(mutated) != check  # all weights are non-zero mod 11
        with pytest.raises(NumberError):
            parse_application_number(f"{mutated}.{check}")


@pytest.mark.parametrize("number", REAL)
def test_swapping_two_adjacent_different_digits_is_caught(number):
    body, check = number.removeprefix("CN").split(".")
    for i in range(11):
        if body[i] == body[i + 1]:
            continue
        swapped = body[:i] + body[i + 1] + body[i] + body[i + 2:]
        with pytest.raises(NumberError):
            parse_application_number(f"{swapped}.{check}")


@pytest.mark.parametrize("written", ["CN202121635235.X", "202121635235X", "2021216352350", "202121635235.x",
                                     "ZL202121635235.X", " CN 2021 2163 5235.X ", "ＣＮ２０２１２１６３５２３５．Ｘ"])
def test_written_variants_normalize_to_one_canonical_form(written):
    assert parse_application_number(written).canonical == "202121635235.X"


def test_old_eight_digit_numbers():
    a = parse_application_number("97101765.4")
    assert (a.canonical, a.year, a.patent_type, a.form) == ("97101765.4", 1997, PatentType.INVENTION, "8-digit")
    assert parse_application_number("95115608.X").check == "X"
    with pytest.raises(NumberError, match="expected 4"):
        parse_application_number("97101765.5")


@pytest.mark.parametrize("text,reason", [
    ("CN202121635235.3", "wrong check character 3, expected X"),
    ("202121635235", "check character missing (it would be X)"),
    ("20212163523.X", "11 digits"),
    ("CN2021216A5235.X", "unexpected character"),
    ("202141635235.0", "type digit 4"),
    ("", "empty"),
    ("199910601862.4", "predates"),
])
def test_invalid_numbers_say_exactly_why(text, reason):
    with pytest.raises(NumberError, match=reason.replace("(", r"\(").replace(")", r"\)")):
        parse_application_number(text)


def test_pct_type_digits_and_generated_numbers():
    n = make_application_number(2019, 8, 123)
    a = parse_application_number(n)
    assert a.is_pct and a.patent_type == PatentType.INVENTION and a.year == 2019
    assert parse_application_number(make_application_number(2020, 9, 42)).patent_type == PatentType.UTILITY
    assert parse_application_number(make_application_number(2020, 3, 42)).patent_type == PatentType.DESIGN
    with pytest.raises(NumberError, match="in the future"):
        parse_application_number(make_application_number(2031, 1, 1), today_year=2026)


def test_publication_numbers_and_kind_codes():
    u = parse_publication_number("CN218751475U")
    assert (u.number, u.kind, u.patent_type, u.is_grant) == ("218751475", "U", PatentType.UTILITY, True)
    a = parse_publication_number("cn 115883397 a")
    assert (a.canonical, a.is_grant, a.patent_type) == ("CN115883397A", False, PatentType.INVENTION)
    assert parse_publication_number("CN1234567C2").meaning == "invention patent after partial invalidation"
    assert parse_publication_number("CN301234567S").patent_type == PatentType.DESIGN
    with pytest.raises(NumberError, match="unknown kind code Q"):
        parse_publication_number("CN115883397Q")


def test_number_check_command(capsys):
    call_command("number", "check", "2021216352350", "CN218751475U")
    out = capsys.readouterr().out
    assert "202121635235.X" in out and "utility model" in out and "X written as 0" in out
    assert "U — granted utility model" in out
    with translation.override("zh-hans"), pytest.raises(CommandError, match="1 个号码中有 1 个无效"):
        call_command("number", "check", "CN202211359874.8")
    assert "“CN202211359874.8”：校验位 8 有误，应为 7（权重 2..9,2..5，模 11）" in capsys.readouterr().out


@pytest.mark.parametrize(("parse", "text", "reason"), [
    (parse_application_number, "", "申请号为空"),
    (parse_application_number, "CN202121635235.3", "“CN202121635235.3”：校验位 3 有误，应为 X（权重 2..9,2..5，模 11）"),
    (parse_application_number, "202121635235", "“202121635235”：缺少校验位（应为 X）"),
    (parse_application_number, "202141635235.0",
     "“202141635235.0”：专利类型位 4 不是 1 发明、2 实用新型、3 外观设计、8 PCT 发明、9 PCT 实用新型之一"),
    (parse_publication_number, "CN115883397Q", "“CN115883397Q”：未知的文献种类代码 Q（已知："),
    (parse_trademark_number, "0123456", "“0123456”：商标注册号不以 0 开头"),
    (parse_trademark_number, "1234567890", "“1234567890”：10 位数字；商标注册号最多 9 位"),
])
def test_reasons_in_the_office_language(parse, text, reason):
    """The reasons reach import refusals and case rights as they are: in the active language, zh-Hans by default."""
    with translation.override("zh-hans"), pytest.raises(NumberError) as refused:
        parse(text)
    assert str(refused.value).startswith(reason)


# Trademark registration numbers: real ones where found (8911270 小米, cited in the 汕头 court's
# (2018)粤05民初20号 notice; 7633881 紫轩, in an enforcement record), the rest of the forms as CNIPA writes them.
@pytest.mark.parametrize(("text", "canonical", "divided", "international"), [
    ("8911270", "8911270", False, False),
    ("第7633881号", "7633881", False, False),
    ("No. 8911270", "8911270", False, False),
    ("１２３４５６７８", "12345678", False, False),  # full-width digits
    ("12345678A", "12345678A", True, False),  # 商标分割: the divided part keeps the number with A
    ("12345678a", "12345678A", True, False),
    ("G1145209", "G1145209", False, True),  # Madrid registration extended to China
    ("g 1145209", "G1145209", False, True),
    ("138855", "138855", False, False),  # a 1980s six-digit number
    ("123456789", "123456789", False, False),  # the series reaches 9 digits around 2027
])
def test_trademark_numbers(text, canonical, divided, international):
    n = parse_trademark_number(text)
    assert (n.canonical, n.divided, n.international) == (canonical, divided, international)


@pytest.mark.parametrize(("text", "reason"), [
    ("", "empty trademark registration number"),
    (None, "empty trademark registration number"),
    ("0123456", "no leading zero"),
    ("1234567890", "10 digits; a trademark registration number has at most 9"),
    ("G12345678", "8 digits; a G (international) trademark registration number has at most 7"),
    ("G1145209A", "an international registration (G) has no division suffix A"),
    ("12345678B", "not a trademark registration number"),
    ("8911-270", "not a trademark registration number"),
    ("201710601862.4", "not a trademark registration number"),  # a patent number is not a trademark number
])
def test_bad_trademark_numbers_say_why(text, reason):
    with pytest.raises(NumberError, match=re.escape(reason)):
        parse_trademark_number(text)


def test_number_check_in_both_languages_from_the_cli(tmp_path):
    """`ipgov number check` as an officer runs it: in zh-Hans every label, kind-code meaning and answer is Chinese,
    and a refusal is said as the CLI's other failures are ("ipgov number: …", no exception class name)."""
    from tests.homes import home_env, ipgov

    numbers = ("2021216352350", "CN218751475U", "CN202211359874.8")
    zh = ipgov("number", "check", *numbers, env=home_env(tmp_path, IPGOV_LANGUAGE="zh-hans"), check=False)
    for line in ("写法：12 位（2003年10月起）", "类型位：2 — 实用新型", "校验位：X（有效；纯数字写法中校验位 X 写作 0）",
                 "专利号：ZL202121635235.X", "文献种类代码：U — 实用新型专利授权公告", "授权公告：是"):
        assert line in zh.stdout, line
    assert re.findall(r"[A-Za-z]{4,}", zh.stdout) == [], zh.stdout
    assert zh.returncode == 1 and zh.stderr.strip() == "ipgov number: 3 个号码中有 1 个无效", zh.stderr
    en = ipgov("number", "check", *numbers, env=home_env(tmp_path, IPGOV_LANGUAGE="en"), check=False)
    for line in ("form: 12 digits (since October 2003)", "type digit: 2 — utility model",
                 "check character: X (valid; check X written as 0 in a digits-only form)",
                 "kind code: U — granted utility model", "grant publication: yes"):
        assert line in en.stdout, line
    assert en.stderr.strip() == "ipgov number: 1 of 3 number(s) invalid", en.stderr
