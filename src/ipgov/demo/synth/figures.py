"""The published figures recomputed from the imported register by the counting rules of DESIGN.md.

These are plain ORM queries over the register, used by the demo step to print a reconciliation table
(published value beside the value computed from records) and by the tests. They count records; they
never read the calibration targets.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from django.db.models import Count, Q
from django.utils.translation import gettext_noop

from ipgov.demo.synth.calibration import in_wan, per_10k, rounded, yoy_percent
from ipgov.regions.services import population
from ipgov.rights.choices import PatentType
from ipgov.rights.models import GIProduct, Patent, Trademark


def _in_region(code: str, field: str = "region") -> Q:
    return Q(**{f"{field}_id": code}) | Q(**{f"{field}__province_id": code}) | Q(**{f"{field}__city_id": code})


def _between(field: str, start: dt.date, end: dt.date) -> Q:
    return Q(**{f"{field}__gte": start, f"{field}__lte": end})


def patents(code: str):
    return Patent.objects.filter(_in_region(code), office="CN")


def trademarks(code: str):
    return Trademark.objects.filter(_in_region(code))


# Each counting rule as a condition on the region's patents or trademarks: a function below counts one,
# `reconcile` counts them all in one pass over each table (COUNT … FILTER).
def filed(start: dt.date, end: dt.date) -> Q:
    """专利申请量 (商标申请量 on trademarks): by filing date (a patent's region: its first applicant's)."""
    return _between("filing_date", start, end)


def inventions_filed(start: dt.date, end: dt.date) -> Q:
    return filed(start, end) & Q(patent_type=PatentType.INVENTION)


def granted(start: dt.date, end: dt.date) -> Q:
    """专利授权量: by grant announcement date."""
    return _between("grant_date", start, end)


def pct_filed(start: dt.date, end: dt.date) -> Q:
    """PCT国际专利申请量: international applications received by CNIPA (PCT/CN…) by international filing
    date, of the region's first applicants."""
    return _between("pct_filing_date", start, end) & Q(pct_application_number__startswith="PCT/CN")


def valid_invention(day: dt.date) -> Q:
    """Domestic valid invention patents: granted on or before `day`, not terminated on or before it."""
    return Patent.objects.valid_q(day) & Q(patent_type=PatentType.INVENTION, is_domestic=True)


def valid_mark(day: dt.date) -> Q:
    return Trademark.objects.valid_q(day)


def gi_marks(start: dt.date, end: dt.date) -> Q:
    return _between("registration_date", start, end) & Q(is_gi=True)


def well_known_since(start: dt.date, end: dt.date) -> Q:
    return _between("well_known_on", start, end)


def well_known_by(day: dt.date) -> Q:
    return Q(well_known_on__lte=day)


def _counts(rows, **conditions: Q) -> dict[str, int]:
    """How many of `rows` meet each condition, in one query."""
    return rows.aggregate(**{name: Count("pk", filter=condition) for name, condition in conditions.items()})


def patent_applications(code: str, start: dt.date, end: dt.date) -> int:
    return patents(code).filter(filed(start, end)).count()


def invention_applications(code: str, start: dt.date, end: dt.date) -> int:
    return patents(code).filter(inventions_filed(start, end)).count()


def patent_grants(code: str, start: dt.date, end: dt.date) -> int:
    return patents(code).filter(granted(start, end)).count()


def pct_applications(code: str, start: dt.date, end: dt.date) -> int:
    return patents(code).filter(pct_filed(start, end)).count()


def valid_inventions(code: str, day: dt.date) -> int:
    return patents(code).filter(valid_invention(day)).count()


def population_used(code: str, day: dt.date) -> int:
    """The population the per-10k figure divides by: the latest census year on or before `day`, or the
    earliest one (ipgov holds only the 2020 census, so 2017–2020 all use it)."""
    row = population(code, day.year)
    if row is None:
        raise LookupError(f"no population for {code}")
    return row.value


def trademark_applications(code: str, start: dt.date, end: dt.date) -> int:
    return trademarks(code).filter(filed(start, end)).count()


def trademarks_valid(code: str, day: dt.date) -> int:
    return trademarks(code).filter(valid_mark(day)).count()


def gi_products(code: str, start: dt.date, end: dt.date) -> int:
    return GIProduct.objects.filter(_in_region(code), _between("approval_date", start, end)).count()


def gi_approvals(code: str, start: dt.date, end: dt.date) -> int:
    """核准地理标志商标和地理标志产品: GI marks registered + GI products approved in the period."""
    return trademarks(code).filter(gi_marks(start, end)).count() + gi_products(code, start, end)


def well_known_new(code: str, start: dt.date, end: dt.date) -> int:
    return trademarks(code).filter(well_known_since(start, end)).count()


def well_known_total(code: str, day: dt.date) -> int:
    return trademarks(code).filter(well_known_by(day)).count()


@dataclass(frozen=True)
class Line:
    figure: str
    published: str
    computed: str
    inconsistent: str = ""  # why no register can give the published value (a flagged source figure; English msgid)

    @property
    def matches(self) -> bool:
        return self.published == self.computed


def _d(y: int, m: int, d: int) -> dt.date:
    return dt.date(y, m, d)


def reconcile(code: str = "410000") -> list[Line]:
    """Each published Henan figure beside the value the register gives by the counting rules."""
    y19, h20, h19 = (_d(2019, 1, 1), _d(2019, 12, 31)), (_d(2020, 1, 1), _d(2020, 6, 30)), (_d(2019, 1, 1), _d(2019, 6, 30))
    h17, h16 = (_d(2017, 1, 1), _d(2017, 6, 30)), (_d(2016, 1, 1), _d(2016, 6, 30))
    y18 = (_d(2018, 1, 1), _d(2018, 12, 31))
    june20, june19, dec19, june17 = _d(2020, 6, 30), _d(2019, 6, 30), _d(2019, 12, 31), _d(2017, 6, 30)
    p = _counts(patents(code), apps19y=filed(*y19), grants19y=granted(*y19), pct19y=pct_filed(*y19),
                apps20=filed(*h20), apps19=filed(*h19), grants20=granted(*h20), grants19=granted(*h19),
                inv20=valid_invention(june20), inv19=valid_invention(june19), inv_dec19=valid_invention(dec19),
                inv17=valid_invention(june17), a17=filed(*h17), a16=filed(*h16), i17=inventions_filed(*h17),
                i16=inventions_filed(*h16), g17=granted(*h17), g16=granted(*h16))
    t = _counts(trademarks(code), apps20=filed(*h20), tm20=valid_mark(june20), tm19=valid_mark(june19),
                tm_dec19=valid_mark(dec19), gi19=gi_marks(*y19), gi18=gi_marks(*y18),
                well_known19=well_known_since(*y19), well_known_dec19=well_known_by(dec19))
    apps20, apps19, grants20, grants19 = p["apps20"], p["apps19"], p["grants20"], p["grants19"]
    inv20, inv19, inv_dec19 = p["inv20"], p["inv19"], p["inv_dec19"]
    p20, p19, p_dec19 = (population_used(code, june20), population_used(code, june19), population_used(code, dec19))
    k20, k19 = Fraction(inv20 * 10_000, p20), Fraction(inv19 * 10_000, p19)
    tm20, tm19 = t["tm20"], t["tm19"]
    gi19, gi18 = t["gi19"] + gi_products(code, *y19), t["gi18"] + gi_products(code, *y18)
    a17, a16, i17, i16, g17, g16 = (p[k] for k in ("a17", "a16", "i17", "i16", "g17", "g16"))
    return [
        Line("2019 专利申请量", "144010", str(p["apps19y"])),
        Line("2019 专利授权量", "86247", str(p["grants19y"])),
        Line("2019 PCT国际专利申请量", "217", str(p["pct19y"])),
        Line("2020H1 专利申请量", "80868", str(apps20)),
        Line("2020H1 专利申请量 同比", "21.4", str(yoy_percent(apps20, apps19))),
        Line("2020H1 专利授权量", "52106", str(grants20)),
        Line("2020H1 专利授权量 同比", "25.4", str(yoy_percent(grants20, grants19))),
        Line("2020-06-30 每万人有效发明专利拥有量", "4.12", str(per_10k(inv20, p20))),
        Line("2020-06-30 每万人有效发明专利拥有量 同比", "10.64", str(_ratio_pct(k20, k19))),
        Line("2019-12-31 每万人有效发明专利拥有量", "3.88", str(per_10k(inv_dec19, p_dec19))),
        Line("2020H1 商标申请量 (万件)", "19", str(in_wan(t["apps20"], 0))),
        Line("2020-06-30 有效商标注册量 (万件)", "98.8", str(in_wan(tm20))),
        Line("2020-06-30 有效商标注册量 同比", "30.7", str(yoy_percent(tm20, tm19))),
        Line("2019-12-31 有效商标注册量 (万件)", "87.4", str(in_wan(t["tm_dec19"]))),
        Line("2019 核准地理标志商标和地理标志产品", "21", str(gi19)),
        Line("2019 核准地理标志 同比", "54", str(yoy_percent(gi19, gi18, 0)) if gi18 else "—",
             gettext_noop("21 ÷ 1.54 = 13.6: no whole 2018 count gives +54%")),
        Line("2019 驰名商标 新增", "7", str(t["well_known19"])),
        Line("2019 驰名商标 累计", "274", str(t["well_known_dec19"])),
        Line("2017H1 专利申请量", "51228", str(a17)),
        Line("2017H1 专利申请量 同比", "26.7", str(yoy_percent(a17, a16)) if a16 else "—"),
        Line("2017H1 发明专利申请量", "14391", str(i17)),
        Line("2017H1 发明专利申请量 同比", "39.5", str(yoy_percent(i17, i16)) if i16 else "—"),
        Line("2017H1 专利授权量", "24074", str(g17)),
        Line("2017H1 专利授权量 同比", "6.4", str(yoy_percent(g17, g16)) if g16 else "—"),
        Line("2017-06-30 有效发明专利", "25310", str(p["inv17"])),
        Line("2017-06-30 每万人有效发明专利拥有量", "2.67", str(per_10k(p["inv17"], population_used(code, june17))),
             gettext_noop("25,310 ÷ the 2020 census population is 2.55; 2.67 used an earlier population "
                          "estimate")),
    ]


def _ratio_pct(current: Fraction, previous: Fraction) -> Decimal:
    """YoY of an exact ratio (per-10k values), in percent to two decimals as the seed quotes it."""
    return rounded((current / previous - 1) * 100, 2) if previous else Decimal("0")
