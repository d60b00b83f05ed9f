"""The data cut-off (数据截止期): the last month whose statistics the register holds completely.

Every figure the office shows or publishes stops there: the cube is computed up to it, pickers offer
no period after it, and every page and report says "数据截至2020年6月30日".

Where it comes from, first match wins:
1. set by staff (an administrator, `ipgov cutoff set 2020-06` or the admin) — a `DataCutoff` row, the
   latest one counts, older ones are kept as history;
2. else, derived from the register: the last complete month of the statistical records (filing, grant,
   registration and approval dates of patents, trademarks and GI products — what the statistical
   imports bring). A month counts as complete when the latest record falls in its last 7 days (the
   office's statistics close on the last working day); otherwise the month before. Never later than
   the last finished calendar month; months holding only stray records (under 1% of the register's
   median month) do not count. Dates that are not statistics (expiries, case events, deadlines)
   are ignored, so a register holding a 2030 expiry date does not push the cube to 2030.

Pages read `current()` (one statement: the setting, else the end of the latest finished computation; on
SQLite asked again only after a commit),
compute reads `for_compute()` (the setting, else the register).
"""

from __future__ import annotations

import calendar
import datetime

from django.apps import apps
from django.db.models import Max
from django.utils.functional import lazy
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from ipgov.core import periods
from ipgov.core.actor import require_actor
from ipgov.core.choices import Role
from ipgov.core.scope import OutOfScope, scope_of

# The register's statistical sources (the catalogue's source names): their placing dates are statistics.
STATISTICAL_SOURCES = ("patents", "trademarks", "gi_products")
COMPLETE_WITHIN_DAYS = 7
MIN_SHARE = 0.01  # a month with fewer records than 1% of the median month holds stray records, not an import


class CutoffError(ValueError):
    """A cut-off that cannot be set; the message says why and what to do."""


def last_finished_month(today: datetime.date | None = None) -> int:
    today = today or datetime.date.today()
    return periods.add_months(periods.month_index(today.year, today.month), -1)


def complete_month(latest: datetime.date) -> int:
    """The last complete month given the latest record date: its own month when the date is in the
    month's last 7 days, else the month before."""
    last_day = calendar.monthrange(latest.year, latest.month)[1]
    month = periods.month_index(latest.year, latest.month)
    return month if latest.day > last_day - COMPLETE_WITHIN_DAYS else periods.add_months(month, -1)


def _monthly(cat, ceiling: datetime.date) -> dict[int, tuple[int, datetime.date]]:
    """{yyyymm: (records, latest date)} of the statistical placing dates, up to `ceiling`."""
    from django.db.models import Count
    from django.db.models.functions import TruncMonth

    out: dict[int, tuple[int, datetime.date]] = {}
    seen = set()
    for ind in cat.base_indicators():
        if ind.source not in STATISTICAL_SOURCES or ind.kind != "flow" or (ind.source, ind.date) in seen:
            continue
        seen.add((ind.source, ind.date))
        model = apps.get_model(cat.sources[ind.source].model)
        rows = (model.objects.filter(**{f"{ind.date}__lte": ceiling, f"{ind.date}__isnull": False})
                .annotate(month=TruncMonth(ind.date)).values("month").annotate(n=Count("pk"), hi=Max(ind.date)))
        for row in rows:
            month = periods.month_index(row["month"].year, row["month"].month)
            n, hi = out.get(month, (0, row["hi"]))
            out[month] = (n + row["n"], max(hi, row["hi"]))
    return out


def register_cutoff(cat=None, today: datetime.date | None = None) -> int | None:
    """The cut-off derived from the register's statistical records (yyyymm), None when it holds none.

    The latest month with a statistical import behind it: a month holding at least 1% of the register's
    median month (of the months with any record), so a handful of later records — real samples imported
    beside a snapshot, a corrected date — do not move the cut-off years ahead; then its last complete
    month."""
    from statistics import median

    from ipgov.indicators import catalogue as catalogue_mod

    cat = cat or catalogue_mod.default()
    monthly = _monthly(cat, today or datetime.date.today())
    if not monthly:
        return None
    floor = max(1, MIN_SHARE * median(n for n, _latest in monthly.values()))
    month = max(m for m, (n, _latest) in monthly.items() if n >= floor)
    return min(complete_month(monthly[month][1]), last_finished_month(today))


def explicit() -> int | None:
    """The cut-off staff set (yyyymm), None when none is set."""
    from ipgov.indicators.models import DataCutoff

    row = DataCutoff.objects.order_by("-set_at", "-id").first()
    return periods.parse(row.month).last if row else None


def for_compute(cat=None) -> int | None:
    """Where a computation of the cube ends by default: the set cut-off, else the register's."""
    return explicit() or register_cutoff(cat)


def current() -> periods.Period | None:
    """The cut-off month of the figures shown: the set cut-off, else the end of the latest finished
    computation of the cube; None before the first computation."""
    return published()[0]


def published() -> tuple[periods.Period | None, tuple]:
    """(the cut-off of the figures shown (`current`), the last finished computation run as (id, finished)
    or (0, None)) — what names the figures a page shows — in one small statement, asked like the cube's
    version (`opendata.database_rows`: on SQLite, outside a transaction, run again only after a commit)."""
    from ipgov.indicators.choices import RunStatus
    from ipgov.indicators.models import ComputationRun, DataCutoff
    from ipgov.indicators.opendata import database_rows

    runs, cutoffs = (f'"{m._meta.db_table}"' for m in (ComputationRun, DataCutoff))
    finished, newest = f"FROM {runs} WHERE status = %s", "ORDER BY finished DESC, id DESC LIMIT 1"
    ((month, to, run, run_finished),) = database_rows(
        f"SELECT (SELECT month FROM {cutoffs} ORDER BY set_at DESC, id DESC LIMIT 1), "  # noqa: S608 -- table names
        f"(SELECT period_to {finished} AND period_to <> '' {newest}), (SELECT id {finished} {newest}), "
        f"(SELECT CAST(finished AS TEXT) {finished} {newest})", (RunStatus.FINISHED.value,) * 3)
    last = periods.parse(month).last if month else periods.parse(to).last if to else None
    return (periods.parse(periods.month_code(last)) if last else None), ((run, run_finished) if run else (0, None))


def note_zh(period: periods.Period | None = None) -> str:
    """The line reports print in their header or footer: "数据截至2020年6月30日" ("" with no cube)."""
    period = period or current()
    return f"数据截至{period.zh_end}" if period else ""


def _note(code: str) -> str:
    p = periods.parse(code)
    if (get_language() or "zh").lower().startswith("zh"):
        return f"数据截至{p.zh_end}"
    return _("Data as of %(date)s") % {"date": p.en_end}


note = lazy(_note, str)  # the page form in the active language: 数据截至2020年6月30日 / Data as of 30 Jun 2020


def within(period: periods.Period | str, cutoff: periods.Period | None = None) -> bool:
    """Does the period end on or before the cut-off (True when there is none)?"""
    p = periods.parse(period) if isinstance(period, str) else period
    cutoff = cutoff if cutoff is not None else current()
    return cutoff is None or p.last <= cutoff.last


def valid_month(month: str) -> periods.Period:
    """The month a cut-off may be set to: a month (2020-06) that has ended; CutoffError (or PeriodError)
    saying why not."""
    p = periods.parse(month)
    if p.first != p.last:
        raise CutoffError(_("The data cut-off is a month, e.g. 2020-06, not %(p)s.") % {"p": p.code})
    if p.last > last_finished_month():
        raise CutoffError(_("The month %(p)s has not ended yet: the cut-off is a finished month.") % {"p": p.code})
    return p


def set_cutoff(month: str, note: str = ""):
    """Set the cut-off (an administrator or the system): the month's figures are complete. A month in
    the future is refused."""
    from ipgov.core import audit
    from ipgov.core.models import ObjectChange
    from ipgov.indicators.models import DataCutoff

    actor = require_actor()
    scope = scope_of(actor)
    if not scope.everything and scope.role != Role.PROVINCE_ADMIN:
        raise OutOfScope(_("Only a province administrator may set the data cut-off."))
    p = valid_month(month)
    row = DataCutoff.objects.create(month=p.code, set_by=actor.label, note=note[:200])
    audit.record(row, ObjectChange.Action.CREATE, message=f"data cut-off {p.code}")
    return row
