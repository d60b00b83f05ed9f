"""The harmonisation rules on hand-built names (ipgov.orgs.names, ipgov.orgs.pairs)."""

import pytest

from ipgov.orgs.names import (
    harmonise,
    harmonise_normalised,
    legal_form_key,
    normalise,
    normalised,
    university_region,
)
from ipgov.orgs.pairs import Party, exact_match, same_party


@pytest.mark.parametrize("raw, key, rule", [
    ("郑州华瑞科技有限公司", "郑州华瑞科技", "exact"),
    ("郑州华瑞科技股份有限公司", "郑州华瑞科技", "exact"),
    ("郑州华瑞科技集团有限公司", "郑州华瑞科技", "exact"),
    ("  郑州华瑞科技有限责任公司。", "郑州华瑞科技", "normalised"),
    ("鄭州華瑞科技有限公司", "郑州华瑞科技", "normalised"),
    ("河南（郑州）华瑞科技有限公司", "河南(郑州)华瑞科技", "normalised"),
    ("河南(郑州)华瑞科技有限公司", "河南(郑州)华瑞科技", "exact"),
    ("郑州大学第一附属医院", "郑州大学", "affiliated-hospital"),
    ("郑州大学化工学院", "郑州大学", "university-unit"),
    ("河南大学民生学院", "河南大学民生学院", "exact"),  # an independent college is its own institution
    ("郑州轻工业学院", "郑州轻工业大学", "rename"),
    ("河南医科大学", "郑州大学", "merger"),
    ("中国船舶重工集团公司第七二五研究所", "中国船舶集团有限公司第七二五研究所", "rename"),
    ("郑州机械研究所有限公司", "郑州机械研究所", "exact"),
])
def test_rules(raw, key, rule):
    h = harmonise(raw)
    assert (h.key, h.rule) == (key, rule)
    # a batch's path: each name normalised once by the caller, not through the caches
    assert harmonise_normalised(raw, "", normalised(raw)) == h
    assert normalised(raw) == normalise(raw)


def test_individuals_have_no_key_and_are_never_merged_by_name():
    h = harmonise("张伟")
    assert (h.key, h.kind, h.rule) == ("", "individual", "individual")
    assert harmonise("张伟", "enterprise").kind == "organization"  # the stated type wins
    one, other = Party("张伟", "个人", "河南省郑州市金水区花园路1号"), Party("张伟", "个人", "河南省洛阳市西工区中州路2号")
    assert not same_party(one, other)
    assert same_party(one, Party("张伟 ", "个人", "河南省郑州市金水区花园路1号"))
    assert exact_match(one, other)  # the baseline merges namesakes


def test_a_credit_code_wins_over_the_name():
    a = Party("郑州华瑞科技有限公司", credit_code="91410100MA44XXXX0A")
    assert not same_party(a, Party("郑州华瑞科技有限公司", credit_code="91410300MA44XXXX0B"))
    assert same_party(a, Party("华瑞公司", credit_code="91410100ma44xxxx0a"))


def test_normalise_and_helpers():
    assert normalise("ＡＢＣ　Co.,Ltd．") == "abc co.,ltd"
    assert legal_form_key("siemens ag") == "siemens"
    assert legal_form_key("有限公司") == "有限公司"  # never an empty key
    assert university_region("河南科技大学") == "410300"
    assert university_region("郑州华瑞科技有限公司") is None
