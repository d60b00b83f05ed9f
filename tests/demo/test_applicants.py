"""The demo's one synthetic generator of names and credit codes (demo/synth/applicants.py)."""

import random

from ipgov.core import credit_code as credit_codes
from ipgov.demo.synth.applicants import credit_code, enterprise_name


def test_credit_codes_are_valid_and_registered_in_the_region():
    rng = random.Random(1)
    codes = [credit_code(rng, "410300") for _ in range(200)]
    assert all(credit_codes.parse(c) == c for c in codes)
    assert {c[:8] for c in codes} == {"91410300"}  # an enterprise (91) registered in 洛阳市
    assert len(set(codes)) == 200
    again = random.Random(1)
    assert codes == [credit_code(again, "410300") for _ in range(200)]  # deterministic from the seed


def test_enterprise_names_are_unique_when_asked_and_named_after_the_place():
    rng, taken = random.Random(2), set()
    names = [enterprise_name(rng, "洛阳市", taken) for _ in range(300)]
    assert len(set(names)) == 300 and taken == set(names)
    assert all(n.startswith("洛阳") and not n.startswith("洛阳市") and n.endswith("有限公司") for n in names)
    assert enterprise_name(random.Random(3), "新安县").startswith("新安")
    assert enterprise_name(random.Random(3), "新安县") == enterprise_name(random.Random(3), "新安县")
