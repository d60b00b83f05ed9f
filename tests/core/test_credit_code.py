import pytest
from django.core.exceptions import ValidationError

from ipgov.core.credit_code import WEIGHTS, check_character, is_valid, problem, validate_credit_code


def test_weights_are_powers_of_three_mod_31():
    assert WEIGHTS == [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]


def test_standard_example():
    assert is_valid("91350100M000100Y43")
    assert check_character("91350100M000100Y4") == "3"
    assert not is_valid("91350100M000100Y4Z")


@pytest.mark.parametrize("code, reason, reason_zh", [
    ("91350100M000100Y4", "18 characters", "应为18位"),
    ("91350100M000100Y4Z", "not allowed", "不允许的字符：Z"),  # Z is not in the alphabet
    ("91350100M000100Y44", "expected 3", "应为3"),
    ("91ABCDEFM000100Y43", "division code", "行政区划代码"),
])
def test_invalid_codes_say_why(code, reason, reason_zh):
    from django.utils import translation

    with translation.override("en"):
        assert reason in str(problem(code))
    with translation.override("zh-hans"):
        assert reason_zh in str(problem(code))
    with pytest.raises(ValidationError):
        validate_credit_code(code)


def test_lower_case_and_spaces_are_normalized():
    assert is_valid(" 91350100m000100y43 ")
