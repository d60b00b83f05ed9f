"""Unified social credit code (统一社会信用代码, GB 32100-2015): 18 characters, the last a check.

Alphabet of 31 characters (no I, O, S, V, Z); weights 3^(i-1) mod 31 for positions 1..17;
check value = (31 - Σ value·weight mod 31) mod 31. The standard's own example
`91350100M000100Y43` is valid.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
WEIGHTS = [pow(3, i, 31) for i in range(17)]  # 1, 3, 9, 27, 19, 26, 16, ...
_VALUE = {ch: i for i, ch in enumerate(ALPHABET)}


def check_character(first17: str) -> str:
    total = sum(_VALUE[ch] * w for ch, w in zip(first17, WEIGHTS, strict=True))
    return ALPHABET[(31 - total % 31) % 31]


def normalize(code: str) -> str:
    return (code or "").strip().upper()


def problem(code: str) -> str | None:
    """Why `code` is not a valid credit code, or None when it is."""
    if len(code) != 18:
        return _("a unified social credit code has 18 characters, not %(n)d") % {"n": len(code)}
    bad = sorted({ch for ch in code if ch not in _VALUE})
    if bad:
        return _("characters not allowed in a unified social credit code: %(chars)s") % {"chars": "".join(bad)}
    if not code[2:8].isdigit():
        return _("characters 3–8 must be a GB/T 2260 division code")
    expected = check_character(code[:17])
    if code[17] != expected:
        return _("check character is %(got)s, expected %(expected)s") % {"got": code[17], "expected": expected}
    return None


def is_valid(code: str) -> bool:
    return problem(normalize(code)) is None


def validate_credit_code(value: str) -> None:
    reason = problem(normalize(value))
    if reason:
        raise ValidationError(reason, code="invalid_credit_code")
