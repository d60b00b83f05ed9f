"""Numbers as Chinese statistical writing quotes them (GB/T 15835): 19万件, 98.8万件, 11.89亿元, 3000.6万元.

The one place where 万/亿 scaling and rounding live; reports' phrases and the dashboard's cards both
call it. Rounding is half-up on the decimal value (as statistical bulletins do), never banker's
rounding, and trailing zeros of a scaled figure are dropped (19.0万 → 19万, 2.00亿元 → 2亿元).
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

WAN = Decimal(10) ** 4  # 万
YI = Decimal(10) ** 8  # 亿


def to_decimal(value) -> Decimal:
    """A number as a Decimal without binary noise: 0.1 (float) → Decimal("0.1")."""
    if isinstance(value, Decimal):
        return value
    if isinstance(value, float):
        return Decimal(repr(value))
    return Decimal(value)


def fixed(value, decimals: int, *, strip: bool = False) -> str:
    """`value` rounded half-up to `decimals` places; with strip, trailing zeros go (19.0 → 19)."""
    if decimals < 0:
        raise ValueError(f"decimals must be >= 0, got {decimals}")
    text = f"{to_decimal(value).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP):f}"
    if text.startswith("-") and Decimal(text) == 0:
        text = text[1:]
    if strip and "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def _parts(scaled: Decimal, decimals: int, unit: str) -> tuple[Decimal, int, str]:
    text = fixed(scaled, decimals, strip=True)
    return Decimal(text), len(text.partition(".")[2]), unit


def money_parts(value, *, decimals: int = 2) -> tuple[Decimal, int, str]:
    """An amount in 元 as (number, decimals it shows, unit): ≥1亿 in 亿元, ≥1万 in 万元, else 元.

    1189000000 → (11.89, 2, "亿元"), 30006000 → (3000.6, 1, "万元"), 200000000 → (2, 0, "亿元").
    """
    v = to_decimal(value)
    for scale, unit in ((YI, "亿元"), (WAN, "万元")):
        if abs(v) >= scale:
            return _parts(v / scale, decimals, unit)
    return _parts(v, decimals, "元")


def money(value, *, decimals: int = 2) -> str:
    """1189000000 → "11.89亿元", 6890000000 → "68.9亿元", 30006000 → "3000.6万元", 5000 → "5000元"."""
    number, shown, unit = money_parts(value, decimals=decimals)
    return f"{number:.{shown}f}{unit}"


def wan_parts(value, *, decimals: int = 1) -> tuple[Decimal, int]:
    """A count in 万 (ten thousands) as (number, decimals it shows): 988000 → (98.8, 1), 190000 → (19, 0)."""
    number, shown, _ = _parts(to_decimal(value) / WAN, decimals, "")
    return number, shown


def wan(value, word: str = "件", *, decimals: int = 1) -> str:
    """988000 → "98.8万件", 190000 → "19万件" (trailing zeros dropped)."""
    number, shown = wan_parts(value, decimals=decimals)
    return f"{number:.{shown}f}万{word}"
