"""Unified social credit code (统一社会信用代码, GB 32100-2015): 18 characters with a mod-31 check."""

from __future__ import annotations

import unicodedata

ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"  # no I, O, S, V, Z
WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)  # 3^(i-1) mod 31


class CreditCodeError(ValueError):
    pass


def check_character(body: str) -> str:
    total = sum(ALPHABET.index(c) * w for c, w in zip(body, WEIGHTS, strict=True))
    return ALPHABET[(31 - total % 31) % 31]


def normalize(text: str) -> str:
    """The code in canonical form, or CreditCodeError saying exactly what is wrong."""
    code = unicodedata.normalize("NFKC", text or "").strip().upper()
    if len(code) != 18:
        raise CreditCodeError(f"{text!r}: a unified social credit code has 18 characters, not {len(code)}")
    bad = sorted({c for c in code if c not in ALPHABET})
    if bad:
        raise CreditCodeError(f"{text!r}: character(s) {' '.join(bad)} are not used in credit codes "
                              "(no I, O, S, V, Z)")
    expected = check_character(code[:17])
    if code[17] != expected:
        raise CreditCodeError(f"{text!r}: wrong check character {code[17]}, expected {expected}")
    return code


def make(region_code: str, organization: str, prefix: str = "91") -> str:
    """A valid code for a registering region and a 9-character organisation code (demo, tests)."""
    body = f"{prefix}{region_code}{organization}"
    return body + check_character(body)
