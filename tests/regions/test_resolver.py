"""Address → region on real-world addresses: the most specific region, or a reason."""

import csv
import datetime

import pytest

from ipgov.regions.resolver import resolve
from tests.paths import PATENT_SAMPLE_CSV

pytestmark = pytest.mark.django_db
SAMPLE = PATENT_SAMPLE_CSV

RESOLVED = [
    # (address, code, level)
    ("450001 河南省郑州市高新技术产业开发区莲花街100号", "410172", "zone"),
    ("河南省郑州市金水区花园路1号", "410105", "county"),
    ("450000 郑州市中原区建设西路", "410102", "county"),
    ("郑州市二七区大学路40号", "410103", "county"),
    ("郑州市金水路100号", "410100", "prefecture"),  # a road named after a district is not the district
    ("450000河南省郑州市郑东新区中道东路6号创意岛大厦8层", "410100", "prefecture"),  # 郑东新区 has no code
    ("河南省郑州市经济技术开发区第九大街", "410171", "zone"),
    ("郑州经开区航海东路", "410171", "zone"),
    ("郑州航空港经济综合实验区", "410173", "zone"),
    ("郑州市航空港区新港大道", "410173", "zone"),
    ("新乡市高新区", "410771", "zone"),
    ("洛阳市高新技术产业开发区丰华路", "410371", "zone"),
    ("河南省平顶山市城乡一体化示范区", "410472", "zone"),
    ("河南省济源市济水大街", "419001", "county"),  # 省直辖县级市
    ("济源市玉泉街道", "419001", "county"),
    ("河南省新郑市龙湖镇", "410184", "county"),  # county-level city without its prefecture
    ("新乡市卫辉市比干大道", "410781", "county"),
    ("河南省巩义市", "410181", "county"),
    ("中牟县城关镇", "410122", "county"),
    ("郑州市中牟城关镇", "410122", "county"),  # short county name inside its city
    ("洛阳市涧西区", "410305", "county"),
    ("河南省开封市鼓楼区", "410204", "county"),
    ("开封市明伦街85号", "410200", "prefecture"),
    ("河南省郑州市", "410100", "prefecture"),
    ("４５０００１　河南省郑州市金水区", "410105", "county"),  # full-width digits and space
    ("中国河南省南阳市卧龙区", "411303", "county"),
    ("北京市海淀区中关村大街", "110108", "county"),
    ("上海市浦东新区", "310115", "county"),
    ("广东省深圳市南山区", "440305", "county"),
    ("吉林市船营区", "220204", "county"),  # 吉林 is a province and a city: the longer name wins
    ("内蒙古自治区呼和浩特市", "150100", "prefecture"),
    ("香港特别行政区", "810000", "province"),
    ("台湾省台北市", "710000", "province"),
]


@pytest.mark.parametrize(("address", "code", "level"), RESOLVED)
def test_resolves(address, code, level):
    result = resolve(address)
    assert result.resolved, result.reason
    assert (result.code, result.level) == (code, level)
    assert result.matched


def test_zone_result_carries_its_city_and_province():
    result = resolve("450001 河南省郑州市高新技术产业开发区莲花街100号")
    assert result.city_code == "410100"
    assert result.province_code == "410000"
    assert result.matched == "河南省郑州市高新技术产业开发区"
    assert result.name == "郑州高新技术产业开发区"


OLD_NAMES = [
    # (address, as_of, code): an old name stands for its own code while valid, its successor afterwards
    ("河南省洛阳市偃师市首阳山镇", datetime.date(2019, 5, 1), "410381"),
    ("河南省洛阳市偃师市首阳山镇", datetime.date(2022, 5, 1), "410307"),
    ("河南省洛阳市孟津县城关镇", datetime.date(2020, 1, 1), "410322"),
    ("河南省洛阳市孟津县城关镇", datetime.date(2021, 6, 1), "410308"),
    ("洛阳市吉利区", datetime.date(2019, 1, 1), "410306"),
    ("洛阳市吉利区", datetime.date(2023, 1, 1), "410308"),
    ("郑州市邙山区", datetime.date(1999, 1, 1), "410108"),  # renamed 惠济区 in 2003, same code
    ("郑州市邙山区", datetime.date(2010, 1, 1), "410108"),
]


@pytest.mark.parametrize(("address", "as_of", "code"), OLD_NAMES)
def test_old_names_follow_the_code_history(address, as_of, code):
    result = resolve(address, as_of=as_of)
    assert result.resolved, result.reason
    assert result.code == code


def test_a_name_before_it_existed_says_only_what_is_certain():
    # 偃师市 was created in 1993 (before: 偃师县); in 1990 the address only certainly names Luoyang
    result = resolve("河南省洛阳市偃师市人民路1号", as_of=datetime.date(1990, 1, 1))
    assert (result.resolved, result.code) == (True, "410300")
    alone = resolve("偃师市人民路1号", as_of=datetime.date(1990, 1, 1))
    assert not alone.resolved and alone.reason == "偃师市 did not exist in 1990"


def test_old_name_after_the_change_says_so():
    result = resolve("河南省洛阳市偃师市", as_of=datetime.date(2024, 1, 1))
    assert result.code == "410307"
    assert "偃师市 is an old name" in result.note and "410307" in result.note


UNRESOLVED = [
    ("", "empty address"),
    ("   ", "empty address"),
    ("hello world", "not a Chinese address"),
    ("456 Main Street, Springfield", "not a Chinese address"),
    ("河南省河北省石家庄市", "names two provinces"),
    ("河南省郑州市，河北省保定市", "names two provinces"),
    ("鼓楼区中山路", "ambiguous: 鼓楼区 matches"),
    ("朝阳区建国路", "ambiguous: 朝阳区 matches"),
    ("某某大厦12层", "no province, city, county or zone name found"),
]


@pytest.mark.parametrize(("address", "reason"), UNRESOLVED)
def test_unresolved_with_a_reason(address, reason):
    result = resolve(address)
    assert not result.resolved
    assert result.code is None
    assert reason in result.reason


def test_the_real_sample_records_resolve_to_zhengzhou():
    with SAMPLE.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == 10
    for row in rows:
        filed = datetime.datetime.strptime(row["申请日"], "%Y%m%d").date()
        result = resolve(row["申请人地址"], as_of=filed)
        assert (result.code, result.province_code) == ("410100", "410000")


def test_memoized_answers_are_the_same_object():
    first = resolve("河南省郑州市金水区花园路1号")
    assert resolve("河南省郑州市金水区花园路1号") is first


WEAK_SPOTS = [
    # (address, year, code): the known weak spots of issue 20 (bench/data/resolver_addresses.csv has more)
    ("广州市越秀区北京路238号", 2024, "440104"),  # a road named after another city
    ("南京市上海路", 2024, "320100"),
    ("河南省郑州市⾦⽔区", 2024, "410105"),  # Kangxi radicals ⾦⽔ (NFKC)
    ("⻄安市雁塔区", 2024, "610113"),  # CJK radicals supplement ⻄ (not mapped by NFKC)
    ("云南省思茅市", 2005, "530800"),  # prefecture-level city 2003–2007, renamed 普洱市 in place
    ("云南省思茅市", 2024, "530800"),
    ("安徽省巢湖市居巢区", 2008, "341402"),  # 巢湖市 was a prefecture 1999–2011
    ("安徽省巢湖市", 2015, "340181"),  # now a county-level city of 合肥
    ("巢湖地区", 1995, "342600"),
    ("巢湖地区", 2024, "340000"),  # dissolved without one successor: only the province is certain
    ("恩施州利川市", 2024, "422802"),  # short name of an autonomous prefecture
    ("海南州共和县", 2024, "632521"),  # …that is also a province's short name
    ("伊犁州伊宁市", 2024, "654002"),
    ("中华人民共和国山东省即墨市", 2024, "370215"),  # a chain of successors 379013 → 370282 → 370215
    ("联系地址：广东省深圳市南山区科技园", 2024, "440305"),  # words before the address
    ("本公司住所位于河南省郑州市金水区花园路", 2024, "410105"),
]


@pytest.mark.parametrize(("address", "year", "code"), WEAK_SPOTS)
def test_weak_spots(address, year, code):
    result = resolve(address, datetime.date(year, 6, 30))
    assert result.code == code, result.reason


ISSUE_20_FIXES = [
    # (address, year, code): errors the labelled set of issue 20 showed, each fixed by a general rule
    # autonomous counties and banners as addresses write them: without their ethnic groups, abbreviated
    ("新疆伊犁州察布查尔县城镇查鲁盖东街", 2019, "654022"),  # 察布查尔锡伯自治县
    ("循化县白庄镇", 2019, "630225"),  # 循化撒拉族自治县, with no province or city
    ("云南省玉溪市新平县水塘镇", 2019, "530427"),  # 新平彝族傣族自治县
    ("青海省海东市互助县威远镇", 2024, "630223"),  # 互助土族自治县
    ("内蒙古自治区通辽市科左中旗保康镇", 2019, "150521"),  # 科尔沁左翼中旗
    ("科左后旗阿都沁苏木", 2019, "150522"),  # 科尔沁左翼后旗, alone
    ("内蒙古自治区阿拉善盟阿左旗", 2019, "152921"),  # 阿拉善左旗
    ("内蒙古兴安盟科右前旗", 2024, "152221"),  # 科尔沁右翼前旗
    # a district whose name begins with another province's name (河北区) or with a road word (桥西区)
    ("天津市河北区张兴庄大街", 2019, "120105"),
    ("石家庄桥西区南长街22号", 2019, "130104"),
    ("张家口市桥东区", 2024, "130702"),
    # history: a split county of a dissolved 地区 says its city today; a part ceded earlier is not a successor
    ("永年县刘营乡", 2019, "130400"),  # 132133 (邯郸地区) → 130429 → split 2016 (130403, 130408)
    ("安徽省芜湖市无为县", 2019, "340281"),  # 340207[2014] took a part; 340281 (无为市) the rest in 2019
    ("安徽省芜湖市无为县", 2015, "340225"),
    # a free-trade zone before the address: its province in brackets
    ("中国(湖北)自贸区宜昌片区大连路33号", 2019, "420500"),
    ("中国（福建）自由贸易试验区厦门片区高崎北三路", 2019, "350200"),
    # the county named further on, after a zone or a road
    ("新疆乌鲁木齐高新技术产业开发区（新市区）长沙路1号", 2019, "650104"),
    ("河北省沧州市渤海西路运河区工业园", 2019, "130903"),
    ("上海横泰经济开发区（崇明县富民支路58号）", 2019, "310151"),  # 崇明县 310230 → 310151 (2016)
]


@pytest.mark.parametrize(("address", "year", "code"), ISSUE_20_FIXES)
def test_issue_20_fixes(address, year, code):
    result = resolve(address, datetime.date(year, 6, 30))
    assert result.code == code, result.reason


@pytest.mark.parametrize(("address", "code"), [
    ("郑州市金水路100号", "410100"),
    ("河南省郑州市花园路金水区路口", "410100"),  # 金水区路 is a road's name
    ("郑州市花园路中原区", "410102"),
    ("郑州市花园路（海淀区）", "410100"),  # a district of another city is not this city's
])
def test_a_county_named_further_on_is_not_a_road_nor_outside_the_city(address, code):
    assert resolve(address).code == code
