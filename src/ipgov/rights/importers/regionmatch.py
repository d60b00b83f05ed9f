"""Region of an applicant or owner: by address through the resolver, falling back on a region code column."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from functools import lru_cache

from ipgov.regions import resolver

NON_MAINLAND = {"710000", "810000", "820000"}  # 台湾, 香港, 澳门
NON_MAINLAND_COUNTRIES = {"TW", "HK", "MO"}


@dataclass(frozen=True)
class Placement:
    region_id: str | None
    is_domestic: bool | None
    note: str
    country: str = ""


@lru_cache(maxsize=4096)
def parse_region_code(text: str) -> tuple[str | None, str]:
    """`河南(41)`, `41`, `410100`, `美国(US)`, `US` → (region code or None, country code or "")."""
    text = (text or "").strip()
    if not text:
        return None, ""
    m = re.search(r"[(（]\s*([0-9A-Za-z]+)\s*[)）]", text)
    token = m.group(1) if m else text
    if token.isdecimal() and len(token) in (2, 4, 6):
        code = token.ljust(6, "0")
        if code in resolver.get_index().regions:
            return code, "CN"
        return None, ""
    if re.fullmatch(r"[A-Za-z]{2}", token):
        return None, token.upper()
    return None, ""


def place(address: str, as_of: datetime.date | None, code_text: str = "", country: str = "") -> Placement:
    """Where an applicant is: resolved address first, then the region code column, else unresolved."""
    return _place(address, as_of.year if as_of else None, code_text or "", country or "")


@lru_cache(maxsize=200_000)
def _place(address: str, year: int | None, code_text: str, country: str) -> Placement:
    reason = "no address"
    if address:
        r = resolver.resolve(address, as_of=datetime.date(year, 7, 1) if year else None)
        if r.resolved:
            domestic = r.province_code not in NON_MAINLAND
            return Placement(r.code, domestic, r.note or f"address: {r.matched}", country or "CN")
        reason = r.reason
    code, code_country = parse_region_code(code_text)
    country = (country or code_country).upper()
    if code:
        province = code[:2] + "0000"
        return Placement(code, province not in NON_MAINLAND, f"address unresolved ({reason}); code {code_text}",
                         "CN")
    if country:
        domestic = country == "CN"  # CN is the mainland; TW, HK, MO have their own codes
        return Placement(None, domestic, f"unresolved ({reason}); country {country}", country)
    return Placement(None, None, f"unresolved: {reason}", "")


def clear() -> None:
    """Forget memoized placements (each batch starts fresh: the region tables may have changed)."""
    _place.cache_clear()
    parse_region_code.cache_clear()
