"""Build the labelled evaluation set of applicant-record pairs (bench/data/orgs_pairs.csv).

    python bench/orgs_pairs_build.py        # rewrites bench/data/orgs_pairs.csv (deterministic)

How each pair is labelled (the `origin` column; docs/organizations.md "Evaluation"):
- synth-variant: two spellings of ONE party of the demo's applicant pools (demo/synth/applicants.py),
  the second written as real exports write it: full-/half-width brackets and letters, traditional script,
  spaces, trailing punctuation, the legal form changed (有限公司 → 股份有限公司 after a conversion);
  label: same (one party by construction).
- synth-negative / synth-hard-negative: two DIFFERENT parties of the pools; hard ones share the city
  prefix and the trade and differ in the 字号; label: different.
- person-same / person-namesake: an individual at one address twice (same) and two people of one name
  at different addresses (different: never merged by name alone).
- rule-data: a university and its college / affiliated hospital / former name (same), an independent
  college and its university, two universities of similar names (different) — from the data files'
  sources (Ministry of Education list and approval letters).
- credit-code: one code with two names (same), one name with two codes (different).
- real-cnipa: the ten real CNIPA records in tests/data (one institute; same).
- hand: pairs labelled by hand that the rules are NOT built for (abbreviations, group vs subsidiary),
  so the recall is not measured only on what the rules undo.
"""

from __future__ import annotations

import csv
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from ipgov.core.credit_code import make as make_code  # noqa: E402
from ipgov.demo.synth import reference as ref  # noqa: E402
from ipgov.demo.synth.applicants import Applicants  # noqa: E402

OUT = ROOT / "bench" / "data" / "orgs_pairs.csv"
FIELDS = ["a_name", "a_type", "a_address", "a_code", "b_name", "b_type", "b_address", "b_code", "same", "origin"]
TRAD = str.maketrans("郑州华电气机械科技学业发东开实业团国际汽车农药医", "鄭州華電氣機械科技學業發東開實業團國際汽車農藥醫")
FORMS = ("有限公司", "股份有限公司", "有限责任公司", "集团有限公司")


def variant(rng: random.Random, name: str) -> str:
    kind = rng.randrange(7)
    if kind == 0:
        return name.translate(TRAD)
    if kind == 1:
        return name + rng.choice(["。", "；", " ", ",", "、"])
    if kind == 2:
        return name[:2] + " " + name[2:]
    if kind == 3:
        return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in name) + "（河南）"[:0]
    if kind == 4:
        for form in sorted(FORMS, key=len, reverse=True):
            if name.endswith(form):
                return name[: -len(form)] + rng.choice([f for f in FORMS if f != form])
        return name + "。"
    if kind == 5:
        return "\u3000" + name
    return name.translate(TRAD) + "."


def row(a, b, same: bool, origin: str, a_code: str = "", b_code: str = "") -> dict:
    return {"a_name": a[0], "a_type": a[1], "a_address": a[2], "a_code": a_code,
            "b_name": b[0], "b_type": b[1], "b_address": b[2], "b_code": b_code,
            "same": int(same), "origin": origin}


def build() -> list[dict]:
    rng = random.Random(20)
    pools = Applicants(random.Random(7), firms=3000, people=3000)
    out = []
    firms = pools.firms
    for p in rng.sample(firms, 200):  # variants of one firm
        out.append(row((p.name, "", p.address), (variant(rng, p.name), "", p.address), True, "synth-variant"))
    for _ in range(80):  # different firms
        a, b = rng.sample(firms, 2)
        out.append(row((a.name, "", a.address), (b.name, "", b.address), False, "synth-negative"))
    by_stem: dict[tuple[str, str], list] = {}
    for p in firms:
        trade = next((t for t in ref.FIRM_TRADES if t in p.name), "")
        by_stem.setdefault((p.name[:2], trade), []).append(p)
    hard = [g for g in by_stem.values() if len(g) > 1]
    for g in rng.sample(hard, min(100, len(hard))):
        a, b = rng.sample(g, 2)
        if a.name[:-2] == b.name[:-2]:
            continue
        out.append(row((a.name, "", a.address), (variant(rng, b.name), "", b.address), False, "synth-hard-negative"))
    people = pools.people
    for p in rng.sample(people, 40):
        out.append(row((p.name, "个人", p.address), (p.name + rng.choice(["", " "]), "个人", p.address), True,
                       "person-same"))
    by_name: dict[str, list] = {}
    for p in people:
        by_name.setdefault(p.name, []).append(p)
    namesakes = [g for g in by_name.values() if len(g) > 1 and g[0].address != g[1].address]
    for g in rng.sample(namesakes, min(40, len(namesakes))):
        out.append(row((g[0].name, "个人", g[0].address), (g[1].name, "个人", g[1].address), False, "person-namesake"))
    for u in pools.universities:
        for unit in ("计算机学院", "第一附属医院", "材料科学与工程学院", "重点实验室"):
            if rng.random() < 0.5:
                out.append(row((u.name, "", u.address), (u.name + unit, "", u.address), True, "rule-data"))
    for old, new in (("郑州轻工业学院", "郑州轻工业大学"), ("华北水利水电学院", "华北水利水电大学"),
                     ("河南中医学院", "河南中医药大学"), ("焦作工学院", "河南理工大学"),
                     ("郑州工业大学", "郑州大学"), ("洛阳工学院", "河南科技大学"), ("河南财经学院", "河南财经政法大学"),
                     ("中国船舶重工集团公司第七二五研究所", "中国船舶集团有限公司第七二五研究所"),
                     ("郑州轻工业学院食品与生物工程学院", "郑州轻工业大学")):
        out.append(row((old, "", ""), (new, "", ""), True, "rule-data"))
    for a, b in (("河南大学", "河南大学民生学院"), ("郑州大学", "郑州大学西亚斯国际学院"),
                 ("河南理工大学", "河南理工大学万方科技学院"), ("河南科技大学", "河南科技学院"),
                 ("河南大学", "河南农业大学"), ("河南师范大学", "河南师范大学新联学院"), ("新乡医学院", "新乡医学院三全学院"),
                 ("河南工业大学", "河南工学院"), ("郑州大学", "郑州航空工业管理学院"), ("洛阳理工学院", "洛阳师范学院")):
        out.append(row((a, "", ""), (b, "", ""), False, "rule-data"))
    for p in rng.sample(firms, 30):  # one code, the name spelled differently beyond the rules
        code = make_code(p.city or "410100", "".join(rng.choice("0123456789ABCDEFGH") for _ in range(9)))
        short = p.name.replace("有限公司", "").replace("股份", "")[:-2] + "公司"
        out.append(row((p.name, "", p.address), (short, "", ""), True, "credit-code", code, code))
    for p in rng.sample(firms, 20):  # one name, two registrations in different cities
        c1 = make_code("410100", "".join(rng.choice("0123456789") for _ in range(9)))
        c2 = make_code("410300", "".join(rng.choice("0123456789") for _ in range(9)))
        out.append(row((p.name, "", ""), (p.name, "", ""), False, "credit-code", c1, c2))
    real = ROOT / "tests" / "data" / "patents" / "henan_cn_patent_records_sample.csv"
    with open(real, encoding="utf-8") as f:
        records = [(r["申请人"], r["申请人类型"], r["申请人地址"]) for r in csv.DictReader(f)]
    for i in range(len(records)):
        for j in range(i + 1, len(records)):
            out.append(row(records[i], records[j], True, "real-cnipa"))
    for a, b, same in HAND:
        out.append(row((a, "", ""), (b, "", ""), same, "hand"))
    return out


HAND = [
    ("郑州大学", "郑大", True),  # abbreviations: the rules do not expand them
    ("河南省农业科学院", "河南省农科院", True),
    ("中国平煤神马能源化工集团有限责任公司", "平煤神马集团", True),
    ("郑州宇通客车股份有限公司", "宇通客车股份有限公司", True),
    ("许继电气股份有限公司", "许继集团有限公司", False),  # listed company vs its parent group
    ("郑州宇通客车股份有限公司", "宇通集团", False),
    ("河南中烟工业有限责任公司", "河南中烟工业有限公司", True),
    ("中信重工机械股份有限公司", "中信重工机械股份有限公司洛阳分公司", False),
    ("郑州煤矿机械集团股份有限公司", "郑州煤矿机械集团有限公司", True),
    ("洛阳轴承研究所有限公司", "洛阳轴承研究所", True),
    ("中铁工程装备集团有限公司", "中铁工程装备集团盾构制造有限公司", False),
    ("河南省科学院", "河南省科学院应用物理研究所有限公司", False),
    ("中国农业科学院棉花研究所", "中国农业科学院郑州果树研究所", False),
    ("郑州大学第一附属医院", "郑州大学", True),
    ("河南省人民医院", "郑州大学人民医院", True),  # one hospital, two names (the rules cannot know)
    ("鄭州大學", "郑州大学", True),
    ("河南森源电气股份有限公司", "河南森源集团有限公司", False),
    ("安阳钢铁股份有限公司", "安阳钢铁集团有限责任公司", False),
    ("中国电子科技集团公司第二十七研究所", "中国电子科技集团有限公司第二十七研究所", True),
    ("卫华集团有限公司", "卫华集团", True),
    ("多氟多化工股份有限公司", "多氟多新材料股份有限公司", False),
    ("河南心连心化学工业集团股份有限公司", "河南心连心化肥有限公司", False),
    ("新乡市新科防护科技有限公司", "新乡市新科防护科技有限公司（河南）", True),
    ("天瑞集团股份有限公司", "天瑞集团有限公司", True),
    ("中国航空工业集团公司洛阳电光设备研究所", "中国航空工业集团有限公司洛阳电光设备研究所", True),
]


def main() -> None:
    rows = build()
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with open(OUT, "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, FIELDS)
        w.writeheader()
        w.writerows(rows)
    print(f"{OUT}: {len(rows)} pairs, {sum(r['same'] for r in rows)} same")


if __name__ == "__main__":
    main()
