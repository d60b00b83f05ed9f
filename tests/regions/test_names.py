"""Regions by name: one resolver for the CLI's --region and the web's filters; pinyin-initial suggestions."""

import pytest
from django.core.management import CommandError, call_command

from ipgov.regions.names import RegionNameError, find_region, initials, short_name, suggest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("text", "code"), [
    ("洛阳", "410300"), ("洛阳市", "410300"), ("410300", "410300"), (" 栾川县 ", "410324"), ("栾川", "410324"),
    ("河南省", "410000"), ("济源", "419001"), ("孟津区", "410308"),
])
def test_a_name_or_a_code_gives_one_region(text, code):
    assert find_region(text).code == code


def test_an_ambiguous_name_lists_the_candidates():
    with pytest.raises(RegionNameError) as err:
        find_region("鼓楼区")
    codes = {r.code for r in err.value.candidates}
    assert {"410204", "320106", "350102"} <= codes  # 开封, 南京, 福州
    assert "开封" not in str(err.value) or "410204" in str(err.value)
    assert "鼓楼区（410204）" in str(err.value)
    # inside Henan the name is unique
    assert find_region("鼓楼区", within="410000").code == "410204"


def test_unknown_names_and_codes_say_what_to_write():
    with pytest.raises(RegionNameError, match="没有名为“火星市”的地区"):
        find_region("火星市")
    with pytest.raises(RegionNameError, match="没有代码为999999的地区"):
        find_region("999999")


def test_the_cli_takes_names_wherever_it_takes_a_region_code():
    with pytest.raises(CommandError, match="鼓楼区.*410204"):
        call_command("case", "list", "--region", "鼓楼区")
    from ipgov.core.management.commands.user import Command as UserCommand

    parser = UserCommand().create_parser("ipgov", "user")
    options = parser.parse_args(["add", "ly_officer", "--role", "city_officer", "--region", "洛阳"])
    assert options.region == "410300"


def test_pinyin_initials_and_suggestions():
    assert initials("洛阳市") == "lys" and short_name("洛阳市") == "洛阳" and short_name("嵩县") == "嵩县"
    first = suggest("ly", "410000")
    assert first[0].code == "410300" and first[0].path == "河南省 › 洛阳市"
    assert "411122" in {s.code for s in first}  # 临颍县 lyx
    assert [s.code for s in suggest("栾川", "410000")] == ["410324"]
    assert suggest("栾川", "410000")[0].path == "河南省 › 洛阳市 › 栾川县"
    # a city officer's picker offers their own city only
    allowed = {"410300", "410324"}
    assert {s.code for s in suggest("l", "410000", allowed)} <= allowed
