"""Reference tables the synthetic register draws from: Henan's city-level units and counties (with
their 2020 census population), postcodes, IPC codes, Nice classes and name pools.

Read from package data only (no database), so the generator is pure and deterministic.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import cache
from importlib import resources

# Relative weight of each city-level unit in the province's patent and trademark filings (ipgov's own
# synthetic weighting, shaped like Henan's published city rankings: Zhengzhou about two fifths,
# then Luoyang, Xinxiang, Nanyang, Xuchang …). First postcode of the city's main post office.
CITIES = {
    # code: (name, weight, postcode)
    "410100": ("郑州市", 40.0, 450000),
    "410300": ("洛阳市", 9.5, 471000),
    "410700": ("新乡市", 6.5, 453000),
    "411300": ("南阳市", 5.5, 473000),
    "411000": ("许昌市", 4.5, 461000),
    "410800": ("焦作市", 3.8, 454000),
    "410500": ("安阳市", 3.4, 455000),
    "410400": ("平顶山市", 3.2, 467000),
    "410200": ("开封市", 3.0, 475000),
    "411400": ("商丘市", 3.0, 476000),
    "411700": ("驻马店市", 2.6, 463000),
    "411600": ("周口市", 2.5, 466000),
    "411500": ("信阳市", 2.5, 464000),
    "411100": ("漯河市", 2.0, 462000),
    "410900": ("濮阳市", 2.0, 457000),
    "410600": ("鹤壁市", 1.5, 458000),
    "411200": ("三门峡市", 1.5, 472000),
    "419001": ("济源市", 1.0, 459000),
}

# How real records name functional zones besides their full statistical name.
ZONE_FORMS = {
    "410171": ("郑州经济技术开发区", "郑州市经济技术开发区", "郑州经开区"),
    "410172": ("郑州高新技术产业开发区", "郑州市高新技术产业开发区", "郑州高新区"),
    "410173": ("郑州航空港经济综合实验区", "郑州航空港区"),
    "410371": ("洛阳高新技术产业开发区", "洛阳市高新技术产业开发区", "洛阳高新区"),
    "410771": ("新乡高新技术产业开发区", "新乡市高新区"),
    "411371": ("南阳高新技术产业开发区", "南阳市高新区"),
}

STREETS = ("人民路", "建设路", "中原路", "文化路", "解放路", "工业路", "科技路", "长江路", "黄河路",
           "和平路", "光明路", "新华路", "健康路", "学院路", "朝阳路", "创业路", "迎宾大道", "滨河路",
           "五一路", "团结路", "东风路", "金桥路", "兴业大道", "开元大道", "瑞达路", "莲花街",
           "冬青街", "翠竹街", "枫杨街", "经开第八大街")
BUILDINGS = ("", "", "", "", "院", "大厦", "科技园")


@dataclass(frozen=True)
class County:
    code: str
    name: str
    city: str  # city-level unit code
    population: int
    is_zone: bool


@dataclass(frozen=True)
class Ipc:
    code: str
    main_group: str
    title: str


def _data(name: str):
    return resources.files("ipgov.demo.synth").joinpath("data").joinpath(name).open(encoding="utf-8", newline="")


@cache
def counties() -> dict[str, list[County]]:
    """Henan's county-level units and functional zones of 2020, by city-level unit."""
    out: dict[str, list[County]] = {code: [] for code in CITIES}
    path = resources.files("ipgov.regions").joinpath("data").joinpath("census2020_county_yearbook_summary.csv")
    with path.open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            code = row["code"]
            if not code.startswith("41") or code.endswith("00") or code == "419001":
                continue
            city = code[:4] + "00"
            if city in out and row["pop_total"] not in ("", "NA"):
                is_zone = code[4] == "7"
                out[city].append(County(code, row["county"], city, int(float(row["pop_total"])), is_zone))
    out["419001"].append(County("419001", "济源市", "419001", 727_265, False))
    return out


@cache
def ipc_codes() -> tuple[list[Ipc], list[float]]:
    codes, weights = [], []
    with _data("ipc_codes.csv") as f:
        for row in csv.DictReader(f):
            codes.append(Ipc(row["code"], row["main_group"], row["title_zh"]))
            weights.append(float(row["weight"]))
    return codes, weights


@cache
def nice_classes() -> list[tuple[int, str]]:
    with _data("nice_classes.csv") as f:
        return [(int(r["class"]), r["heading_zh"]) for r in csv.DictReader(f)]


# --- applicants ---------------------------------------------------------------------------------------

# Real universities and research institutes of Henan, with their city-level unit. Their names are real;
# every patent the demo gives them is synthetic (see docs/demo-data.md).
# Calibrated for the university evaluations (docs/analysis.md): the seed names 河南大学 first among the 十强,
# so it files the most (weight 14 against 郑州大学's 12), and 郑州航空工业管理学院 among the 十快, so its filings
# grow year on year (UNIVERSITY_GROWTH). Only the split among universities changes: the number of
# university filings, the random stream and every provincial figure stay as they were.
UNIVERSITIES = (
    ("郑州大学", "410100", 12), ("河南大学", "410200", 14), ("河南理工大学", "410800", 6),
    ("河南科技大学", "410300", 6), ("河南工业大学", "410100", 5), ("河南农业大学", "410100", 4),
    ("河南师范大学", "410700", 3), ("郑州轻工业大学", "410100", 4), ("华北水利水电大学", "410100", 3),
    ("中原工学院", "410100", 3), ("河南中医药大学", "410100", 2), ("新乡医学院", "410700", 1),
    ("南阳理工学院", "411300", 2), ("安阳工学院", "410500", 2), ("河南城建学院", "410400", 2),
    ("许昌学院", "411000", 1), ("黄淮学院", "411700", 1), ("信阳师范学院", "411500", 1),
    ("周口师范学院", "411600", 1), ("商丘师范学院", "411400", 1), ("洛阳理工学院", "410300", 2),
    ("河南科技学院", "410700", 2), ("郑州航空工业管理学院", "410100", 2), ("河南工学院", "410700", 1),
    ("平顶山学院", "410400", 1), ("安阳师范学院", "410500", 1), ("洛阳师范学院", "410300", 1),
    ("河南财经政法大学", "410100", 1), ("郑州铁路职业技术学院", "410100", 1), ("河南牧业经济学院", "410100", 1),
)
UNIVERSITY_GROWTH = {"郑州航空工业管理学院": {2017: 2.5, 2018: 3.2, 2019: 5.0, 2020: 6.0}}  # weight by filing year


def university_weights(year: int | None) -> list[float]:
    return [UNIVERSITY_GROWTH.get(name, {}).get(year, w) if year else w for name, _, w in UNIVERSITIES]


INSTITUTES = (
    ("河南省农业科学院", "410100", 4), ("中国船舶重工集团公司第七二五研究所", "410300", 3),
    ("中国空空导弹研究院", "410300", 2), ("中国电子科技集团公司第二十七研究所", "410100", 2),
    ("郑州机械研究所有限公司", "410100", 3), ("河南省科学院", "410100", 2),
    ("中国农业科学院郑州果树研究所", "410100", 1), ("中国农业科学院棉花研究所", "410500", 1),
    ("河南省地质矿产勘查开发局第一地质勘查院", "410100", 1), ("中国铁建重工集团有限公司郑州研究院", "410100", 1),
)
GOVERNMENT = ("人民医院", "中心医院", "疾病预防控制中心", "农业技术推广站", "市政工程管理处", "气象局")

FIRM_WORDS = ("华", "中", "豫", "鑫", "宏", "瑞", "恒", "泰", "金", "天", "博", "创", "新", "德", "康", "盛",
              "源", "远", "达", "通", "安", "信", "利", "隆", "兴", "昌", "宇", "辰", "汇", "正", "诚", "嘉",
              "明", "晟", "航", "科", "锐", "旭", "峰", "威")
FIRM_TRADES = ("机械设备", "电气", "科技", "新材料", "电子科技", "智能科技", "环保科技", "生物科技", "食品",
               "化工", "建材", "重工", "矿山机械", "农业科技", "医疗器械", "汽车零部件", "信息技术", "耐火材料",
               "起重机械", "输变电设备", "制药", "纺织", "包装", "精密机械", "能源科技", "工程技术", "节能科技",
               "家具", "服饰", "商贸", "网络科技", "文化传媒", "餐饮管理", "农产品", "酒业", "茶业")
# Organizations of the programmes, finance and cases (enterprise_name): a vocabulary of their own.
ORG_WORDS = ("华", "中", "豫", "宇", "通", "瑞", "新", "恒", "信", "达", "博", "远", "金", "昌", "泰", "安", "兴",
             "科", "盛", "源", "正", "嘉", "天", "鼎", "汇", "德", "明", "海", "光", "晟")
ORG_TRADES = ("智能装备", "新材料", "电子科技", "生物医药", "食品", "机械制造", "化工", "农业科技", "汽车零部件",
              "信息技术", "超硬材料", "电力设备", "纺织", "环保科技", "起重机械")
FIRM_FORMS = ("有限公司", "有限公司", "有限公司", "股份有限公司", "有限责任公司", "集团有限公司")

SURNAMES = ("王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "胡", "朱", "高", "林",
            "何", "郭", "马", "罗", "梁", "宋", "郑", "谢", "韩", "唐", "冯", "于", "董", "萧", "程", "曹",
            "袁", "邓", "许", "傅", "沈", "曾", "彭", "吕", "苏", "卢", "蒋", "蔡", "贾", "丁", "魏", "薛",
            "叶", "阎", "余", "潘", "杜", "戴", "夏", "钟", "汪", "田", "任", "姜", "范", "方", "石", "姚",
            "谭", "廖", "邹", "熊", "金", "陆", "郝", "孔", "白", "崔", "康", "毛", "邱", "秦", "江", "史",
            "顾", "侯", "邵", "孟", "龙", "万", "段", "雷", "钱", "汤", "尹", "黎", "易", "常", "武", "乔",
            "贺", "赖", "龚", "文")
GIVEN = ("伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明",
         "超", "秀英", "霞", "平", "刚", "桂英", "建华", "文", "华", "红", "鹏", "辉", "玲", "建国", "志强",
         "海燕", "晓东", "国庆", "永刚", "丹", "博", "帅", "颖", "浩", "宇", "欣", "琳", "俊", "亮", "凯",
         "鑫", "佳", "晨", "阳", "振", "斌", "倩", "婷", "雪", "莉", "飞", "震", "红霞", "金凤", "春雷")

AGENCIES = ("郑州联科专利事务所（普通合伙）", "郑州大通专利商标代理有限公司", "河南科技通律师事务所",
            "郑州睿信知识产权代理有限公司", "洛阳公信知识产权事务所（普通合伙）", "郑州优盾知识产权代理有限公司",
            "郑州中民专利代理有限公司", "新乡市平原专利有限责任公司", "郑州明华专利代理事务所（普通合伙）",
            "郑州金成知识产权事务所（普通合伙）", "北京商专永信知识产权代理事务所（普通合伙）", "")

# First applicants from outside the mainland, with addresses as records write them (not counted for Henan).
FOREIGN_APPLICANTS = (
    ("日本(JP)", "株式会社小松制作所", "日本东京都", "企业"),
    ("德国(DE)", "西门子股份公司", "德国慕尼黑", "企业"),
    ("美国(US)", "通用电气公司", "美国纽约州", "企业"),
    ("韩国(KR)", "株式会社LG化学", "韩国首尔", "企业"),
    ("台湾(71)", "鸿海精密工业股份有限公司", "中国台湾新北市土城区", "企业"),
    ("台湾(71)", "台达电子工业股份有限公司", "中国台湾桃园市", "企业"),
    ("香港(81)", "香港理工大学", "中国香港九龙红磡", "大专院校"),
    ("香港(81)", "华润（集团）有限公司", "中国香港湾仔港湾道26号", "企业"),
)
# First applicants elsewhere in the mainland with a Henan co-applicant (not counted for Henan: the first
# applicant decides the region).
OUT_OF_PROVINCE = (
    ("北京(11)", "国家电网有限公司", "100031北京市西城区西长安街86号", "国网河南省电力公司电力科学研究院"),
    ("北京(11)", "中国石油化工股份有限公司", "100728北京市朝阳区朝阳门北大街22号", "中国石油化工股份有限公司中原油田分公司"),
    ("湖北(42)", "中铁大桥局集团有限公司", "430050湖北省武汉市汉阳区汉阳大道38号", "中铁大桥局集团第三工程有限公司"),
)
