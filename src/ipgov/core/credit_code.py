"""Unified social credit code (统一社会信用代码, GB 32100-2015): 18 characters, the last a check.

Alphabet of 31 characters (no I, O, S, V, Z); weights 3^(i-1) mod 31 for positions 1..17;
check value = (31 - Σ value·weight mod 31) mod 31. The standard's own example
`91350100M000100Y43` is valid, `91350100M000100Y4Z` is not.
"""

from __future__ import annotations

import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
WEIGHTS = [pow(3, i, 31) for i in range(17)]  # 1, 3, 9, 27, 19, 26, 16, ...
_VALUE = {ch: i for i, ch in enumerate(ALPHABET)}


class CreditCodeError(ValueError):
    pass


def check_character(first17: str) -> str:
    total = sum(_VALUE[ch] * w for ch, w in zip(first17, WEIGHTS, strict=True))
    return ALPHABET[(31 - total % 31) % 31]


def clean(text: str) -> str:
    """Full-width to half-width, spaces stripped, upper case — not yet validated."""
    return unicodedata.normalize("NFKC", text or "").strip().upper()


def problem(code: str) -> str | None:
    """Why `code` is not a valid credit code, or None when it is."""
    if len(code) != 18:
        return _("a unified social credit code has 18 characters, not %(n)d") % {"n": len(code)}
    bad = sorted({ch for ch in code if ch not in _VALUE})
    if bad:
        return _("characters not allowed in a unified social credit code: %(chars)s (no I, O, S, V, Z)") % {
            "chars": " ".join(bad)}
    if not code[2:8].isdecimal():
        return _("characters 3–8 must be a GB/T 2260 division code")
    expected = check_character(code[:17])
    if code[17] != expected:
        return _("check character is %(got)s, expected %(expected)s") % {"got": code[17], "expected": expected}
    return None


def parse(text: str) -> str:
    """The code in canonical form, or CreditCodeError saying exactly what is wrong."""
    code = clean(text)
    reason = problem(code)
    if reason:
        raise CreditCodeError(f"{text!r}: {reason}")
    return code


def is_valid(text: str) -> bool:
    return problem(clean(text)) is None


def validate_credit_code(value: str) -> None:
    """Django field validator."""
    reason = problem(clean(value))
    if reason:
        raise ValidationError(reason, code="invalid_credit_code")


def make(region_code: str, organization: str, prefix: str = "91") -> str:
    """A valid code for a registering region and a 9-character organisation code (demo, tests)."""
    body = f"{prefix}{region_code}{organization}"
    return body + check_character(body)
