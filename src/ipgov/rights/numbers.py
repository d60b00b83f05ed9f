"""CN patent numbers (专利申请号, 公开/公告号): parse, normalize, validate, explain.

Application numbers since October 2003: `YYYY T NNNNNNN . C` — year of filing, type digit
(1 invention, 2 utility model, 3 design, 8 PCT invention entering the national phase,
9 PCT utility model), a 7-digit serial and a check character: Σ dᵢ·wᵢ mod 11 over the 12 digits
with weights 2,3,4,5,6,7,8,9,2,3,4,5; 10 is written `X`. Before: `YY T NNNNN . C`, weights 2..9.
Written variants (`CN202121635235.X`, `ZL202121635235.X`, `202121635235X`, `2021216352350`,
full-width digits, spaces) all normalize to the one canonical form `202121635235.X`.
"""

from __future__ import annotations

import operator
import re
import unicodedata
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop, pgettext_lazy

from ipgov.rights.choices import PatentType

WEIGHTS_12 = (2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5)
WEIGHTS_8 = (2, 3, 4, 5, 6, 7, 8, 9)
TYPE_DIGITS = {
    "1": (PatentType.INVENTION, False),
    "2": (PatentType.UTILITY, False),
    "3": (PatentType.DESIGN, False),
    "8": (PatentType.INVENTION, True),
    "9": (PatentType.UTILITY, True),
}
FIRST_YEAR_12, FIRST_YEAR_8 = 2003, 1985  # 12-digit numbers from 1 Oct 2003; the Patent Law from 1985


_SPACES = re.compile(r"[\s\u200b]+")
_APPLICATION = re.compile(r"(\d+)(?:\.?([0-9X]))?")


class NumberError(ValueError):
    """The text is not a valid CN number; the message says exactly why, in the active language (import refusals,
    `ipgov number check`, case rights show it as it is)."""


@dataclass(slots=True)
class ApplicationNumber:
    canonical: str  # 202121635235.X / 97101765.4
    year: int
    type_digit: str
    patent_type: str
    is_pct: bool
    serial: str
    check: str
    form: str  # "12-digit" or "8-digit"
    note: str = ""

    @property
    def patent_number(self) -> str:
        """The patent number of a granted patent: ZL + the application number."""
        return "ZL" + self.canonical


FORM_12, FORM_8 = "12-digit", "8-digit"  # ApplicationNumber.form
FORM_LABELS = {FORM_12: gettext_lazy("12 digits (since October 2003)"), FORM_8: gettext_lazy("8 digits (1985–2003)")}


def check_character(digits: str) -> str:
    """The check character of 12 or 8 body digits."""
    weights = WEIGHTS_12 if len(digits) == 12 else WEIGHTS_8 if len(digits) == 8 else None
    if weights is None or not digits.isascii() or not digits.isdigit():
        raise NumberError(_("a check character is defined over 12 or 8 digits, not %(digits)r") % {"digits": digits})
    value = sum(map(operator.mul, map(int, digits), weights)) % 11
    return "X" if value == 10 else str(value)


def _clean(text: str) -> str:
    text = text or ""
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text)
    text = text.strip().upper()
    if not text.isalnum():
        text = _SPACES.sub("", text)
    for prefix in ("CN", "ZL"):
        if text.startswith(prefix):
            text = text[len(prefix):]
    return text


def parse_application_number(text: str, *, today_year: int | None = None) -> ApplicationNumber:
    """Parse any written form of a CN application number, or raise NumberError with the reason."""
    original = text
    text = _clean(text)
    if not text:
        raise NumberError(_("empty application number"))
    m = _APPLICATION.fullmatch(text)
    if not m or (m.group(2) == "X" and "." not in text and not text.endswith("X")):
        bad = sorted({c for c in text if not (c.isdigit() or c in ".X")})
        if bad:
            raise NumberError(_("'%(number)s': unexpected character(s) %(chars)s")
                              % {"number": original, "chars": " ".join(bad)})
        raise NumberError(_("'%(number)s': not of the form YYYYTNNNNNNN.C or YYTNNNNN.C") % {"number": original})
    body, check = m.group(1), m.group(2)
    note = ""
    if check is None and "." not in text and len(body) in (13, 9):
        body, check = body[:-1], body[-1]  # check digit written without the dot
        if check == "0" and len(body) in (12, 8) and check_character(body) == "X":
            # digits-only exports write the check X as 0 (e.g. 2021216352350 for 202121635235.X)
            check, note = "X", gettext_noop("check X written as 0 in a digits-only form")
    if len(body) not in (12, 8):
        raise NumberError(_("'%(number)s': %(n)s digits before the check character; expected 12 (since Oct 2003) "
                            "or 8 (before)") % {"number": original, "n": len(body)})
    if check is None:
        raise NumberError(_("'%(number)s': check character missing (it would be %(check)s)")
                          % {"number": original, "check": check_character(body)})
    expected = check_character(body)
    if check != expected:
        raise NumberError(_("'%(number)s': wrong check character %(check)s, expected %(expected)s (weights "
                            "%(weights)s, mod 11)") % {"number": original, "check": check, "expected": expected,
                                                       "weights": "2..9,2..5" if len(body) == 12 else "2..9"})
    if len(body) == 12:
        year, type_digit, serial, form = int(body[:4]), body[4], body[5:], FORM_12
        if year < FIRST_YEAR_12:
            raise NumberError(_("'%(number)s': year %(year)s predates the 12-digit numbers (from 2003)")
                              % {"number": original, "year": year})
    else:
        yy, type_digit, serial, form = int(body[:2]), body[2], body[3:], FORM_8
        year = 1900 + yy if yy >= 85 else 2000 + yy
        if year > 2004 or year < FIRST_YEAR_8:
            raise NumberError(_("'%(number)s': year %(year)s is outside the 8-digit numbers (1985–2003)")
                              % {"number": original, "year": year})
    if today_year is not None and year > today_year:
        raise NumberError(_("'%(number)s': year %(year)s is in the future") % {"number": original, "year": year})
    if type_digit not in TYPE_DIGITS:
        raise NumberError(_("'%(number)s': type digit %(digit)s is not one of 1 invention, 2 utility, 3 design, "
                            "8 PCT invention, 9 PCT utility") % {"number": original, "digit": type_digit})
    patent_type, is_pct = TYPE_DIGITS[type_digit]
    return ApplicationNumber(f"{body}.{check}", year, type_digit, patent_type, is_pct, serial, check, form, note)


def normalize_application_number(text: str) -> str:
    return parse_application_number(text).canonical


def make_application_number(year: int, type_digit: str | int, serial: int) -> str:
    """The canonical 12-digit number for a year, type and serial (with its check character)."""
    body = f"{year:04d}{type_digit}{serial:07d}"
    if len(body) != 12:
        raise NumberError(f"year {year}, type {type_digit}, serial {serial} do not make 12 digits")
    return f"{body}.{check_character(body)}"


# Publication kind codes (ZC 0008-2004, from 1 July 2004): meaning and the type they imply.
KIND_CODES = {
    "A": (gettext_lazy("published invention application"), PatentType.INVENTION),
    "A8": (gettext_lazy("re-published invention application (front page)"), PatentType.INVENTION),
    "A9": (gettext_lazy("re-published invention application (full text)"), PatentType.INVENTION),
    "B": (gettext_lazy("granted invention patent"), PatentType.INVENTION),
    "B8": (gettext_lazy("re-published invention patent (front page)"), PatentType.INVENTION),
    "B9": (gettext_lazy("re-published invention patent (full text)"), PatentType.INVENTION),
    "U": (gettext_lazy("granted utility model"), PatentType.UTILITY),
    "U8": (gettext_lazy("re-published utility model (front page)"), PatentType.UTILITY),
    "U9": (gettext_lazy("re-published utility model (full text)"), PatentType.UTILITY),
    "S": (gettext_lazy("granted design"), PatentType.DESIGN),
    "S9": (gettext_lazy("re-published design"), PatentType.DESIGN),
    **{f"C{i}": (gettext_lazy("invention patent after partial invalidation"), PatentType.INVENTION) for i in range(1, 8)},
    **{f"Y{i}": (gettext_lazy("utility model after partial invalidation"), PatentType.UTILITY) for i in range(1, 8)},
    **{f"S{i}": (gettext_lazy("design after partial invalidation"), PatentType.DESIGN) for i in range(1, 8)},
    # before July 2004
    "C": (gettext_lazy("invention patent (before July 2004)"), PatentType.INVENTION),
    "Y": (gettext_lazy("utility model patent (before July 2004)"), PatentType.UTILITY),
}
GRANT_KINDS = frozenset(k for k in KIND_CODES if k[0] in "BUSCY")


_PUBLICATION = re.compile(r"(CN)?(\d{7,10})([A-Z]\d?)")


@dataclass(slots=True)
class PublicationNumber:
    canonical: str  # CN218751475U
    country: str
    number: str
    kind: str
    meaning: str
    patent_type: str
    is_grant: bool


def parse_publication_number(text: str) -> PublicationNumber:
    original = text
    text = text or ""
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text)
    text = _SPACES.sub("", text).upper()
    if not text:
        raise NumberError(_("empty publication number"))
    m = _PUBLICATION.fullmatch(text)
    if not m:
        raise NumberError(_("'%(number)s': not of the form CN + 7–10 digits + kind code (e.g. CN218751475U)")
                          % {"number": original})
    number, kind = m.group(2), m.group(3)
    if kind not in KIND_CODES:
        raise NumberError(_("'%(number)s': unknown kind code %(kind)s (known: %(known)s)")
                          % {"number": original, "kind": kind, "known": ", ".join(sorted(KIND_CODES))})
    meaning, patent_type = KIND_CODES[kind]
    return PublicationNumber(f"CN{number}{kind}", "CN", number, kind, meaning, patent_type, kind in GRANT_KINDS)


def describe(text: str) -> list[tuple[str, str]]:
    """The parts of an application or publication number (label, value), in the active language, for
    `ipgov number check`."""
    cleaned = _clean(text)
    if re.fullmatch(r"\d{7,10}[A-Z]\d?", cleaned) and not re.fullmatch(r"\d{8,13}X?", cleaned):
        p = parse_publication_number(text)
        return [(_("publication number"), p.canonical), (_("country"), p.country), (_("number"), p.number),
                (_("kind code"), f"{p.kind} — {p.meaning}"), (_("type"), str(PatentType(p.patent_type).label)),
                (_("grant publication"), str(YES_NO[p.is_grant]))]
    a = parse_application_number(text)
    type_label = str(PatentType(a.patent_type).label)
    if a.is_pct:
        type_label = _("%(type)s (PCT national phase)") % {"type": type_label}
    check = _("%(check)s (valid)") % {"check": a.check}
    if a.note:
        check = _("%(check)s (valid; %(note)s)") % {"check": a.check, "note": _(a.note)}
    return [(_("application number"), a.canonical), (_("form"), str(FORM_LABELS.get(a.form, a.form))),
            (_("year"), str(a.year)), (_("type digit"), f"{a.type_digit} — {type_label}"), (_("serial"), a.serial),
            (_("check character"), check), (_("patent number"), a.patent_number)]


YES_NO = {True: pgettext_lazy("answer", "yes"), False: pgettext_lazy("answer", "no")}


# --- Trademark registration numbers (商标注册号) ------------------------------------------------
# The rule, from the evidence found (no official CNIPA numbering standard is published):
# - CNIPA gives an application a sequential serial that stays its registration number: a plain
#   integer, no check character and no year (DOMAIN.md). Marks filed since about 2012 carry 8 digits
#   (e.g. 12345678); older ones 7 or fewer (小米's 8911270, cited in 广东省汕头市中级人民法院's
#   (2018)粤05民初20号 notice; 紫轩's 7633881 in an enforcement record); 1980s–90s marks have
#   6 digits. At ~7 million filings a year the series reaches 9 digits around 2027, so 1–9 digits
#   are accepted, without a leading zero.
# - A divided application (商标分割, Implementing Regulations of the Trademark Law art. 22) keeps
#   the original number with the letter A: 12345678A (Lexology, "Trademark division in China").
# - An international registration under the Madrid system extended to China is known by its WIPO
#   international registration number, written with G in CNIPA decisions (第G1145209号商标): G and
#   up to 7 digits. (From CNIPA decision wording; not confirmed in the stored sources — verify.)
# Written variants (full-width digits, spaces, 第…号, "No.") normalize to the canonical form.
_TRADEMARK = re.compile(r"(G?)([1-9]\d*)(A?)")
TRADEMARK_DIGITS = 9  # national numbers
IR_DIGITS = 7  # international registrations (G…)


@dataclass(slots=True)
class TrademarkNumber:
    canonical: str  # 8911270 / 12345678A / G1145209
    serial: int
    divided: bool  # 商标分割: the part split off an application (suffix A)
    international: bool  # a Madrid registration extended to China (prefix G)


def parse_trademark_number(text) -> TrademarkNumber:
    """Parse any written form of a CNIPA trademark registration number, or raise NumberError with the reason."""
    if text.__class__ is str and text.isascii() and text.isdigit() and text[0] != "0" and len(text) <= TRADEMARK_DIGITS:
        return TrademarkNumber(text, int(text), False, False)  # the usual form, as the rule below would give it
    original = text
    text = unicodedata.normalize("NFKC", str(text or ""))
    text = _SPACES.sub("", text).upper()
    if text.startswith("第") and text.endswith("号"):
        text = text[1:-1]
    for prefix in ("NO.", "NO"):
        if text.startswith(prefix):
            text = text[len(prefix):]
            break
    if not text:
        raise NumberError(_("empty trademark registration number"))
    m = _TRADEMARK.fullmatch(text)
    if not m:
        if text.lstrip("G").startswith("0"):
            raise NumberError(_("'%(number)s': a trademark registration number has no leading zero")
                              % {"number": original})
        raise NumberError(_("'%(number)s': not a trademark registration number (digits only, e.g. 8911270; "
                            "12345678A for a divided application; G1145209 for an international registration)")
                          % {"number": original})
    international, serial, divided = bool(m.group(1)), m.group(2), bool(m.group(3))
    limit = IR_DIGITS if international else TRADEMARK_DIGITS
    if len(serial) > limit:
        if international:
            reason = _("'%(number)s': %(n)s digits; a G (international) trademark registration number has at most "
                       "%(max)s")
        else:
            reason = _("'%(number)s': %(n)s digits; a trademark registration number has at most %(max)s")
        raise NumberError(reason % {"number": original, "n": len(serial), "max": limit})
    if international and divided:
        raise NumberError(_("'%(number)s': an international registration (G) has no division suffix A")
                          % {"number": original})
    return TrademarkNumber(m.group(0), int(serial), divided, international)


def normalize_trademark_number(text) -> str:
    return parse_trademark_number(text).canonical
