"""Source rows → validated `Record`s (or the reasons they are invalid), one mapper per kind.

Tabular rows arrive as header→text cells (`SourceRow`); XML importers build the same shape of raw
dict, with applicants already split (`applicants` = list of {name, address, country}).
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from functools import lru_cache

from django.utils import timezone
from django.utils.translation import gettext as _

from ipgov.core.ingest.columns import CONTROL, EARLIEST
from ipgov.core.ingest.errors import RowError
from ipgov.core.ingest.records import Record, SourceRow
from ipgov.rights.choices import (
    APPLICATION_ENDING_EVENTS,
    TERMINATING_EVENTS,
    ApplicantType,
    LegalEventKind,
    PatentType,
    TrademarkEventKind,
    TrademarkKind,
)
from ipgov.rights.importers import legalstatus
from ipgov.rights.importers.regionmatch import parse_region_code, place
from ipgov.rights.importers.values import (
    BadValue,
    parse_bool,
    parse_count,
    parse_date,
    parse_date_text,
    split_list,
)
from ipgov.rights.numbers import (
    NumberError,
    normalize_trademark_number,
    parse_application_number,
    parse_publication_number,
)
from ipgov.rights.services import termination_date, trademark_termination_date

STATED_TYPES = (  # 专利类型 as exports write it
    ("外观", PatentType.DESIGN), ("实用新型", PatentType.UTILITY), ("发明", PatentType.INVENTION),
    ("design", PatentType.DESIGN), ("utility", PatentType.UTILITY), ("invention", PatentType.INVENTION),
)
APPLICANT_TYPES = (
    ("大专院校", ApplicantType.UNIVERSITY), ("高校", ApplicantType.UNIVERSITY), ("院校", ApplicantType.UNIVERSITY),
    ("科研", ApplicantType.RESEARCH_INSTITUTE), ("企业", ApplicantType.ENTERPRISE),
    ("公司", ApplicantType.ENTERPRISE), ("个人", ApplicantType.INDIVIDUAL),
    ("机关", ApplicantType.GOVERNMENT_OTHER), ("团体", ApplicantType.GOVERNMENT_OTHER),
    ("事业单位", ApplicantType.GOVERNMENT_OTHER), ("其他", ApplicantType.GOVERNMENT_OTHER),
)
# 法律状态 phrases (legalstatus.py's data table) → the event that ended the right or the application …
ENDING_STATUS = TERMINATING_EVENTS | APPLICATION_ENDING_EVENTS | {LegalEventKind.INVALIDATION_PARTIAL}
# … the events it dates with 法律状态最后修改日期 (publication is the record's publication date, no event) …
DATED_STATUS = frozenset({LegalEventKind.SUBSTANTIVE_EXAMINATION, LegalEventKind.TRANSFER,
                          LegalEventKind.LICENCE, LegalEventKind.PLEDGE})
# … and those that say the patent was granted.
GRANTED_STATUS = TERMINATING_EVENTS | {LegalEventKind.GRANT, LegalEventKind.INVALIDATION_PARTIAL}
TRADEMARK_KINDS = (("集体", TrademarkKind.COLLECTIVE), ("证明", TrademarkKind.CERTIFICATION),
                   ("普通", TrademarkKind.ORDINARY), ("collective", TrademarkKind.COLLECTIVE),
                   ("certification", TrademarkKind.CERTIFICATION), ("ordinary", TrademarkKind.ORDINARY))
TRADEMARK_STATUS = (("注销", TrademarkEventKind.CANCELLATION), ("撤销", TrademarkEventKind.CANCELLATION),
                    ("无效", TrademarkEventKind.INVALIDATION), ("期满", TrademarkEventKind.EXPIRY),
                    ("失效", TrademarkEventKind.EXPIRY))


@lru_cache(maxsize=65536)
def infer_applicant_type(name: str) -> str:
    """The applicant type from the name, when the export does not say (CNIPA's own categories)."""
    if re.search(r"大学|学院|学校|高等专科", name):
        return ApplicantType.UNIVERSITY
    if re.search(r"研究院|研究所|研究中心|科学院|设计院", name):
        return ApplicantType.RESEARCH_INSTITUTE
    if re.search(r"公司|厂|集团|企业|合作社|商行|工作室|中心$|店$", name):
        return ApplicantType.ENTERPRISE
    if re.fullmatch(r"[\u4e00-\u9fff·]{2,4}", name):
        return ApplicantType.INDIVIDUAL
    return ApplicantType.GOVERNMENT_OTHER


@lru_cache(maxsize=4096)
def _lookup(text: str, table) -> str | None:
    text = text.casefold()
    for needle, value in table:
        if needle in text:
            return value
    return None


TITLE_LIMIT, NAME_LIMIT = 500, 300  # the register's column widths


def too_long(n: int, limit: int) -> str:
    """The reason a text of `n` characters is refused (core.ingest.columns says it in the same words)."""
    return _("%(n)s characters, longer than the %(max)s allowed") % {"n": n, "max": limit}


class RowContext:
    """Collects the errors of one row; values that fail become None and an error is recorded."""

    def __init__(self, row: int, today: datetime.date):
        self.row, self.today, self.errors = row, today, []

    def error(self, field: str, value, reason: str) -> None:
        self.errors.append(RowError(self.row, field, str(value or "")[:500], reason))

    def date(self, raw: dict, field: str, header: str | None = None,
             may_be_future: bool = False) -> datetime.date | None:
        """A date column; events cannot lie after today, but the end of a term (may_be_future) can."""
        value = raw.get(field)
        if not value:  # absent or blank: most optional date columns of most rows
            return None
        try:
            d = parse_date_text(value.strip()) if value.__class__ is str else parse_date(value)
        except BadValue as exc:
            self.error(header or field, value, str(exc))
            return None
        if d is not None and d > self.today and not may_be_future:
            self.error(header or field, value, _("%(date)s is in the future (today is %(today)s)")
                       % {"date": d, "today": self.today})
            return None
        if d is not None and d < EARLIEST:
            self.error(header or field, value, _("%(date)s is before %(year)s: check the date")
                       % {"date": d, "year": EARLIEST.year})
            return None
        return d

    def text(self, raw: dict, field: str, limit: int) -> str:
        """A name as shown on pages: without control/bidi characters, refused (not cut) when over `limit`."""
        text = _visible(_clean(raw.get(field)))
        if len(text) > limit:
            self.error(field, text[:50] + "…", too_long(len(text), limit))
        return text[:limit]

    def count(self, raw: dict, field: str) -> int:
        if not raw.get(field):
            return 0
        try:
            return parse_count(raw.get(field))
        except BadValue as exc:
            self.error(field, raw.get(field), str(exc))
            return 0


def _clean(text) -> str:
    """Text as received (names keep their full-width brackets), trimmed."""
    if text.__class__ is str:
        return text.strip()
    return str(text or "").strip()


def _visible(text: str) -> str:
    """Without control, ANSI-escape and bidi-override characters (they would reorder or hide text on a page)."""
    return CONTROL.sub("", text) if CONTROL.search(text) else text


@lru_cache(maxsize=65536)
def _ipc(code: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", str(code or ""))).upper()


def ipc_fields(codes: list[str], main) -> tuple[str, list[str]]:
    """(main IPC, every IPC with the main one first) of a record's listed codes and its main code cell."""
    ipc_codes = [_ipc(c) for c in codes if _ipc(c)]
    ipc_main = _ipc(main) or (ipc_codes[0] if ipc_codes else "")
    if ipc_main and ipc_main not in ipc_codes:
        ipc_codes.insert(0, ipc_main)
    return ipc_main, ipc_codes


def combine_dates(patent_type, status_kinds, publication, grant, combined):
    """申请公布日/授权公告日 (CNIPA's search system): the date of the latest document — the grant
    announcement once granted (always, for utility models and designs, which are published at grant),
    else the publication."""
    if combined is not None:
        if patent_type in (PatentType.UTILITY, PatentType.DESIGN):
            publication, grant = publication or combined, grant or combined
        elif set(status_kinds) & GRANTED_STATUS:
            grant = grant or combined
        else:
            publication = publication or combined
    return publication, grant


def legal_events(grant, filing, exam, listed, status: str, status_date, ended, invalidated,
                 status_kinds=()) -> tuple[list[dict], list[tuple]]:
    """A patent's events from its parsed dates (`listed`: (kind, date) of transfers, licences, pledges)
    and 法律状态; with the (field, value, reason) of each inconsistency."""
    events, problems = [], []
    if grant:
        events.append({"kind": LegalEventKind.GRANT, "date": grant, "detail": ""})
    if exam:
        events.append({"kind": LegalEventKind.SUBSTANTIVE_EXAMINATION, "date": exam, "detail": ""})
    for kind, d in listed:
        events.append({"kind": kind, "date": d, "detail": ""})
    for kind in status_kinds:  # 法律状态 events other than the ending one, dated by 法律状态最后修改日期
        if kind in DATED_STATUS and status_date and not any(e["kind"] == kind for e in events):
            events.append({"kind": kind, "date": status_date, "detail": status[:200]})
    kind = next((k for k in status_kinds if k in ENDING_STATUS), None)
    if kind is None and invalidated:
        kind = LegalEventKind.INVALIDATION_PARTIAL if ended is None else LegalEventKind.INVALIDATION_FULL
    if kind in (LegalEventKind.INVALIDATION_FULL, LegalEventKind.INVALIDATION_PARTIAL):
        when = invalidated or ended or status_date
    else:
        when = ended or status_date
    if kind is not None:
        if when is None:
            problems.append(("terminated_date", "", _("法律状态 %(status)r says the right ended, but no date is given")
                             % {"status": status}))
        elif kind in TERMINATING_EVENTS or kind == LegalEventKind.INVALIDATION_PARTIAL:
            if grant is None:
                problems.append(("legal_status", status, _("the right ended but the patent was never granted")))
            elif when < grant:
                problems.append(("terminated_date", when, _("the right ended before the grant date %(grant)s")
                                 % {"grant": grant}))
        elif kind in APPLICATION_ENDING_EVENTS and filing and when < filing:
            problems.append(("terminated_date", when, _("the application ended before it was filed")))
        if when is not None:
            events.append({"kind": kind, "date": when, "detail": status})
    elif ended is not None:
        problems.append(("legal_status", status, _("失效日期 %(date)s is given but 法律状态 does not say how the right "
                                                   "ended") % {"date": ended}))
    events.sort(key=lambda e: (e["date"], e["kind"]))
    return events, problems


class PatentMapper:
    kind = "patents"

    def __init__(self, today: datetime.date | None = None):
        self.today = today or timezone.localdate()

    def from_row(self, row: SourceRow) -> Record | list[RowError]:
        raw = dict(row.cells)
        names = split_list(raw.get("applicants"))
        types = split_list(raw.get("applicant_type"))
        raw["applicants"] = [
            {"name": n, "address": raw.get("applicant_address", "") if i == 0 else "",
             "type": types[i] if i < len(types) else (types[0] if len(types) == 1 and i == 0 else "")}
            for i, n in enumerate(names)
        ]
        raw["inventors"] = split_list(raw.get("inventors"))
        raw["ipc_codes"] = split_list(raw.get("ipc_codes"))
        return self.build(row.row, raw)

    def build(self, row: int, raw: dict) -> Record | list[RowError]:
        ctx = RowContext(row, self.today)
        office = raw.get("office", "CN")
        number_text = _clean(raw.get("application_number"))
        patent_type, is_pct = None, False
        if not number_text:
            ctx.error("application_number", "", _("missing application number"))
            key = ""
        elif office == "CN":
            try:
                number = parse_application_number(number_text, today_year=self.today.year)
                key, patent_type, is_pct = number.canonical, number.patent_type, number.is_pct
            except NumberError as exc:
                ctx.error("application_number", number_text, str(exc))
                key = ""
        else:
            key = office + re.sub(r"[\s/,]", "", number_text)
            patent_type = raw.get("patent_type")
        stated = _clean(raw.get("patent_type")) if office == "CN" else ""
        if stated:
            stated_type = _lookup(stated, STATED_TYPES)
            if stated_type is None:
                ctx.error("patent_type", stated, _("unknown patent type (发明/实用新型/外观设计)"))
            elif patent_type and stated_type != patent_type:
                ctx.error("patent_type", stated, _("the number says %(type)s, the record says %(stated)s")
                          % {"type": PatentType(patent_type).label, "stated": stated})

        filing = ctx.date(raw, "filing_date")
        if filing is None and not any(e.field == "filing_date" for e in ctx.errors):
            ctx.error("filing_date", "", _("missing filing date"))
        publication = ctx.date(raw, "publication_date")
        grant = ctx.date(raw, "grant_date")
        status_kinds, unknown_status = legalstatus.classify(_clean(raw.get("legal_status")))
        publication, grant = self._combined_dates(ctx, raw, patent_type, status_kinds, publication, grant)
        if filing and grant and grant < filing:
            ctx.error("grant_date", raw.get("grant_date"), _("grant date before the filing date %(filing)s")
                      % {"filing": filing})
        if filing and publication and publication < filing:
            ctx.error("publication_date", raw.get("publication_date"),
                      _("publication date before the filing date %(filing)s") % {"filing": filing})

        pub_numbers = {}
        for field in ("publication_number", "grant_number"):
            text = _clean(raw.get(field))
            if text and office == "CN":
                try:
                    pub = parse_publication_number(text)
                    pub_numbers[field] = pub.canonical
                    if patent_type and pub.patent_type != patent_type:
                        ctx.error(field, text, _("kind code %(kind)s is for %(kind_type)s, the number is %(type)s")
                                  % {"kind": pub.kind, "kind_type": PatentType(pub.patent_type).label,
                                     "type": PatentType(patent_type).label})
                except NumberError as exc:
                    ctx.error(field, text, str(exc))
            else:
                pub_numbers[field] = text
        if grant and office == "CN" and not pub_numbers.get("grant_number"):
            pub = pub_numbers.get("publication_number", "")
            if pub[-1:] in ("U", "S"):  # utility models and designs are published at grant
                pub_numbers["grant_number"] = pub

        events = self._events(ctx, raw, grant, filing, status_kinds)
        applicants, unresolved = self._applicants(raw, filing, ctx)
        first = applicants[0] if applicants else None

        title = _visible(_clean(raw.get("title")) or _clean(raw.get("grant_title")))
        if not title:
            ctx.error("title", "", _("missing title"))
        elif len(title) > TITLE_LIMIT:  # refused with its length, never cut silently
            ctx.error("title", title[:50] + "…", too_long(len(title), TITLE_LIMIT))
        ipc_main, ipc_codes = ipc_fields(raw.get("ipc_codes", []), raw.get("ipc_main"))
        pct_number = _clean(raw.get("pct_application_number"))
        if ctx.errors:
            return ctx.errors

        terminated = termination_date((e["kind"], e["date"]) for e in events)
        fields = {
            "office": office,
            "application_number": key,
            "patent_type": patent_type,
            "filing_date": filing,
            "publication_number": pub_numbers.get("publication_number", ""),
            "publication_date": publication,
            "grant_number": pub_numbers.get("grant_number", "") if grant else "",
            "grant_date": grant,
            "title": title,
            "abstract": _clean(raw.get("abstract")),
            "ipc_main": ipc_main[:32],
            "ipc_codes": ipc_codes,
            "ipc_section": ipc_main[:1] if ipc_main[:1] in "ABCDEFGH" else "",
            "region_id": first["region_id"] if first else None,
            "applicant_type": first["applicant_type"] if first else "",
            "is_domestic": first.pop("_domestic") if first else None,
            "inventors": raw.get("inventors", []),
            "agency": _clean(raw.get("agency"))[:200],
            "agent": _clean(raw.get("agent"))[:200],
            "priority_number": _clean(raw.get("priority_number"))[:64],
            "priority_date": ctx.date(raw, "priority_date"),
            "priority_count": ctx.count(raw, "priority_count"),
            "is_pct": is_pct or bool(pct_number),
            "pct_application_number": pct_number[:32],
            "pct_filing_date": ctx.date(raw, "pct_filing_date"),
            "pct_publication_number": _clean(raw.get("pct_publication_number"))[:32],
            "national_phase_date": ctx.date(raw, "national_phase_date"),
            "family_size": ctx.count(raw, "family_size"),
            "citations_count": ctx.count(raw, "citations_count"),
            "source_status": _clean(raw.get("legal_status"))[:64],
            "terminated_on": terminated,
        }
        for a in applicants[1:]:
            a.pop("_domestic", None)
        if ctx.errors:
            return ctx.errors
        dates = [d for d in (filing, publication, grant, *(e["date"] for e in events)) if d]
        return Record(row, key, fields, {"applicants": applicants, "events": events},
                      record_date=max(dates), unresolved=unresolved, unknown_status="; ".join(unknown_status))

    def _combined_dates(self, ctx: RowContext, raw: dict, patent_type, status_kinds, publication, grant):
        """申请公布日/授权公告日 (CNIPA's search system): the date of the latest document — the grant
        announcement once granted (always, for utility models and designs, which are published at grant),
        else the publication. 法律状态 授权 with 法律状态最后修改日期 dates a grant the file does not."""
        combined = ctx.date(raw, "publication_or_grant_date")
        publication, grant = combine_dates(patent_type, status_kinds, publication, grant, combined)
        if grant is None and LegalEventKind.GRANT in status_kinds:
            grant = ctx.date(raw, "legal_status_date")
        return publication, grant

    def _applicants(self, raw: dict, filing, ctx: RowContext) -> tuple[list[dict], int]:
        out, unresolved = [], 0
        entries = raw.get("applicants") or []
        if not entries:
            ctx.error("applicants", "", _("no applicant"))
        for i, a in enumerate(entries):
            name = _visible(_clean(a.get("name")))
            if len(name) > NAME_LIMIT:
                ctx.error("applicants", name[:50] + "…", _("an applicant name of %(n)s characters, longer than the "
                                                          "%(max)s allowed") % {"n": len(name), "max": NAME_LIMIT})
            address = _clean(a.get("address"))[:500]
            code_text = raw.get("region_code", "") if i == 0 else ""
            if i == 0 or address or a.get("country"):
                p = place(address, filing, code_text, a.get("country", ""))
            else:
                p = None
            stated = _clean(a.get("type"))
            a_type = _lookup(stated, APPLICANT_TYPES) if stated else None
            if stated and a_type is None:
                ctx.error("applicant_type", stated, _("unknown applicant type (企业/大专院校/科研单位/个人/机关团体)"))
            if p is None or p.region_id is None:
                unresolved += 1
            out.append({  # resolution_note ("no address", regionmatch's notes) is stored and hashed: not translated
                "position": i + 1, "name": name, "applicant_type": a_type or infer_applicant_type(name),
                "address": address, "country": p.country if p else "", "region_id": p.region_id if p else None,
                "resolution_note": (p.note if p else "no address")[:300], "_domestic": p.is_domestic if p else None,
            })
        return out, unresolved

    def _events(self, ctx: RowContext, raw: dict, grant, filing, status_kinds=()) -> list[dict]:
        exam = ctx.date(raw, "exam_date")
        listed = []
        for field, kind in (("transfer_date", LegalEventKind.TRANSFER), ("licence_date", LegalEventKind.LICENCE),
                            ("pledge_date", LegalEventKind.PLEDGE)):
            for text in split_list(raw.get(field)):
                d = ctx.date({field: text}, field)
                if d:
                    listed.append((kind, d))
        status = _clean(raw.get("legal_status"))
        status_date = ctx.date(raw, "legal_status_date")
        ended = ctx.date(raw, "terminated_date")
        invalidated = ctx.date(raw, "invalidation_date")
        events, problems = legal_events(grant, filing, exam, listed, status, status_date, ended, invalidated,
                                        status_kinds)
        for field, value, reason in problems:
            ctx.error(field, value, reason)
        return events


class TrademarkMapper:
    kind = "trademarks"

    def __init__(self, today: datetime.date | None = None):
        self.today = today or timezone.localdate()

    def from_row(self, row: SourceRow) -> Record | list[RowError]:
        raw, ctx = row.cells, RowContext(row.row, self.today)
        number = re.sub(r"\s+", "", _clean(raw.get("number")))
        if not number:
            ctx.error("number", "", _("missing registration number"))
        else:
            try:
                number = normalize_trademark_number(number)  # the one rule: rights/numbers.py
            except NumberError as exc:
                ctx.error("number", number, str(exc))
        classes = []
        for part in re.split(r"[;；,，、\s]+", _clean(raw.get("nice_classes"))):
            if not part:
                continue
            if part.isdecimal() and 1 <= int(part) <= 45:
                classes.append(int(part))
            else:
                ctx.error("nice_classes", part, _("not a Nice class (1–45)"))
        filing = ctx.date(raw, "filing_date")
        registered = ctx.date(raw, "registration_date")
        if filing and registered and registered < filing:
            ctx.error("registration_date", raw.get("registration_date"), _("before the filing date %(filing)s")
                      % {"filing": filing})
        expiry = ctx.date(raw, "expiry_date", may_be_future=True)  # 专用权期限: the term's end
        term = _clean(raw.get("term"))
        if term and expiry is None:
            parts = re.split(r"\s*(?:至|~|－|—|到)\s*", term)
            expiry = ctx.date({"term": parts[-1]}, "term", may_be_future=True) if len(parts) == 2 else None
            if len(parts) != 2:
                ctx.error("term", term, _("expected START至END"))
        kind_text = _clean(raw.get("kind"))
        kind = _lookup(kind_text, TRADEMARK_KINDS) if kind_text else TrademarkKind.ORDINARY
        if kind is None:
            ctx.error("kind", kind_text, _("unknown trademark kind (普通/集体/证明)"))
        try:
            is_gi = parse_bool(raw.get("is_gi"))
        except BadValue as exc:
            ctx.error("is_gi", raw.get("is_gi"), str(exc))
            is_gi = False
        if is_gi and kind == TrademarkKind.ORDINARY:
            ctx.error("is_gi", raw.get("is_gi"), _("a GI mark is a collective or certification mark (商标类型)"))
        well_known = ctx.date(raw, "well_known_on")
        owner, name = ctx.text(raw, "owner_name", NAME_LIMIT), ctx.text(raw, "name", NAME_LIMIT)
        if not owner:
            ctx.error("owner_name", "", _("missing owner"))
        events = []
        for field, ev_kind in (("renewal_dates", TrademarkEventKind.RENEWAL),
                               ("transfer_dates", TrademarkEventKind.TRANSFER)):
            for text in split_list(raw.get(field)):
                d = ctx.date({field: text}, field)
                if d:
                    events.append({"kind": ev_kind, "date": d, "detail": ""})
        status = _clean(raw.get("status"))
        ended = ctx.date(raw, "terminated_date")
        ev_kind = _lookup(status, TRADEMARK_STATUS) if status else None
        if ev_kind:
            if ended is None:
                ctx.error("terminated_date", "", _("状态 %(status)r says the registration ended, but no date is given")
                          % {"status": status})
            else:
                events.append({"kind": ev_kind, "date": ended, "detail": status})
        elif ended:
            ctx.error("status", status, _("失效日期 %(date)s is given but 状态 does not say how the registration ended")
                      % {"date": ended})
        if ended and registered and ended < registered:
            ctx.error("terminated_date", ended, _("before the registration date %(registered)s")
                      % {"registered": registered})
        address = _clean(raw.get("owner_address"))[:500]
        if ctx.errors:
            return ctx.errors
        p = place(address, filing or registered, raw.get("region_code", ""))
        events.sort(key=lambda e: (e["date"], e["kind"]))
        fields = {
            "number": number, "nice_classes": sorted(set(classes)), "filing_date": filing,
            "registration_date": registered, "expiry_date": expiry, "name": name,
            "owner_name": owner, "owner_address": address, "region_id": p.region_id,
            "resolution_note": p.note[:300], "is_domestic": p.is_domestic, "kind": kind, "is_gi": is_gi,
            "well_known_on": well_known, "source_status": status[:64],
            "terminated_on": trademark_termination_date((e["kind"], e["date"]) for e in events),
        }
        dates = [d for d in (filing, registered, well_known, *(e["date"] for e in events)) if d]
        return Record(row.row, number, fields, {"events": events}, record_date=max(dates, default=None),
                      unresolved=0 if p.region_id else 1)


class GIMapper:
    kind = "gi"

    def __init__(self, today: datetime.date | None = None):
        self.today = today or timezone.localdate()

    def from_row(self, row: SourceRow) -> Record | list[RowError]:
        raw, ctx = row.cells, RowContext(row.row, self.today)
        name = ctx.text(raw, "name", 200)
        if not name:
            ctx.error("name", "", _("missing product name"))
        approval = ctx.date(raw, "approval_date")
        authorized_on = ctx.date(raw, "authorized_on")
        area = _clean(raw.get("area"))[:300]
        code_text = _clean(raw.get("region_code"))
        region_id, note = None, ""
        if code_text:
            region_id = parse_region_code(code_text)[0]
            if region_id is None:
                ctx.error("region_code", code_text, _("not a known division code"))
        if ctx.errors:
            return ctx.errors
        if region_id is None:
            p = place(area, approval)
            region_id, note = p.region_id, p.note
        users = [{"name": u[:300], "authorized_on": authorized_on} for u in dict.fromkeys(
            split_list(raw.get("authorized_users")))]
        fields = {"name": name, "region_id": region_id, "area_text": area or note[:300],
                  "approval_date": approval, "announcement_number": _clean(raw.get("announcement_number"))[:100]}
        dates = [d for d in (approval, authorized_on) if d]
        return Record(row.row, name, fields, {"authorized_users": users}, record_date=max(dates, default=None),
                      unresolved=0 if region_id else 1)


MAPPERS = {"patents": PatentMapper, "trademarks": TrademarkMapper, "gi": GIMapper}
