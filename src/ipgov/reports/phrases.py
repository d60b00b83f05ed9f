"""Phrases of Chinese statistical writing: counting words, 同比 wording, ordinals (万/亿 scaling and
rounding come from `ipgov.core.numbers`, shared with the dashboard).

Pure functions over numbers the cube already holds; nothing here computes a statistic. Rounding is
half-up on the decimal value (as statistical bulletins do), never banker's rounding.
"""

from __future__ import annotations

from decimal import Decimal

from ipgov.core import numbers
from ipgov.core.numbers import fixed, money  # noqa: F401 (the report templates' phrase vocabulary)

# The measure word a count takes, by what is counted (件 for filings and cases, 项 for awarded
# patents and projects, 家 for organisations, 个 for places and items, 人次 for participants).
MEASURE_WORDS = {"件", "项", "家", "个", "所", "起", "场", "人次", "人", "次"}

_DIGITS = "零一二三四五六七八九"


class PhraseError(ValueError):
    """A value cannot be phrased as asked (e.g. a negative count, an unknown measure word)."""


def count(value, word: str = "件", *, decimals: int = 0) -> str:
    """80868 → "80868件"; per-capita ratios keep their decimals: 4.12 → "4.12件"."""
    if word not in MEASURE_WORDS:
        raise PhraseError(f"unknown measure word {word!r}; use one of {sorted(MEASURE_WORDS)}")
    return f"{fixed(value, decimals)}{word}"


def wan(value, word: str = "件", *, decimals: int = 1) -> str:
    """A count in 万 (ten thousands): 988000 → "98.8万件", 190000 → "19万件" (trailing zeros dropped)."""
    if word not in MEASURE_WORDS:
        raise PhraseError(f"unknown measure word {word!r}")
    return numbers.wan(value, word, decimals=decimals)


def percent(fraction, decimals: int = 1) -> str:
    """A fraction as a percentage: 0.214 → "21.4%"."""
    return f"{fixed(numbers.to_decimal(fraction) * 100, decimals)}%"


def change(fraction, decimals: int = 1, *, basis: str = "同比") -> str:
    """The year-on-year phrase, worded by the sign of the *shown* value.

    0.214 → "同比增长21.4%", -0.052 → "同比下降5.2%", 0.0004 → "同比持平" (rounds to 0.0%).
    """
    shown = Decimal(fixed(numbers.to_decimal(fraction) * 100, decimals))
    if shown == 0:
        return f"{basis}持平"
    verb = "增长" if shown > 0 else "下降"
    return f"{basis}{verb}{fixed(abs(shown), decimals)}%"


def chinese_numeral(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 99 → 九十九 (ordinals of a work report)."""
    if not 0 < n < 100:
        raise PhraseError(f"ordinal out of range: {n}")
    tens, ones = divmod(n, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else _DIGITS[tens] + "十")
    return head + (_DIGITS[ones] if ones else "")


def ordinal_list(items, *, sep: str = "；", end: str = "。") -> str:
    """["a", "b"] → "一是a；二是b。" (trailing punctuation of each item is dropped first)."""
    parts = [str(i).rstrip("。；;，, ") for i in items if str(i).strip()]
    if not parts:
        return ""
    return sep.join(f"{chinese_numeral(k)}是{p}" for k, p in enumerate(parts, 1)) + end


def joined(items) -> str:
    """["创造", "保护", "运用"] → "创造、保护和运用"."""
    items = [str(i) for i in items]
    return "、".join(items[:-1]) + "和" + items[-1] if len(items) > 1 else "".join(items)


_WHOLE = (("自治州", "全州"), ("省", "全省"), ("自治区", "全区"), ("市", "全市"), ("县", "全县"),
          ("区", "全区"), ("旗", "全旗"), ("盟", "全盟"))


def region_whole(name: str) -> str:
    """How a report names its own region: 河南省 → 全省, 郑州市/济源市 → 全市, 兰考县 → 全县."""
    for suffix, whole in _WHOLE:
        if name.endswith(suffix):
            return whole
    raise PhraseError(f"cannot tell the kind of region from its name {name!r}")


_WE = (("自治州", "我州"), ("省", "我省"), ("自治区", "我区"), ("市", "我市"), ("县", "我县"), ("区", "我区"),
       ("旗", "我旗"), ("盟", "我盟"))


def region_we(name: str) -> str:
    """How a region's own report says "we": 河南省 → 我省, 洛阳市 → 我市 (我省23项专利获得中国专利奖)."""
    for suffix, we in _WE:
        if name.endswith(suffix):
            return we
    raise PhraseError(f"cannot tell the kind of region from its name {name!r}")
