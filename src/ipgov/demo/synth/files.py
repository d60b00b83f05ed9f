"""Write the synthetic register as the files offices receive: CNIPA/commercial-database CSV exports with
Chinese headers (docs/import-formats.md), one filing year per file; 2016's patents in GBK (GB18030) as
older Windows exports are; the GI products as an Excel workbook. Byte-for-byte deterministic.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from collections.abc import Iterable, Iterator
from xml.sax.saxutils import escape

from ipgov.demo.synth.patents import INVALID, LAPSE, PARTIAL, REJECTED, WITHDRAWN, Patent
from ipgov.demo.synth.plan import DESIGN, INVENTION, UTILITY
from ipgov.demo.synth.trademarks import GIProductRecord, Mark

PATENT_HEADERS = ("序号", "申请号", "申请日", "专利类型", "专利名称", "申请人", "申请人类型", "申请人地址", "国省代码",
                  "发明人", "公开号", "公开日", "授权公告号", "授权公告日", "主分类号", "分类号", "专利代理机构",
                  "法律状态", "失效日期", "无效宣告日期", "优先权", "优先权日", "优先权数量", "国际申请号",
                  "国际申请日", "国际公开号", "进入国家日期")
TRADEMARK_HEADERS = ("序号", "注册号", "国际分类", "商标名称", "申请日期", "注册日期", "申请人名称",
                     "申请人地址", "国省代码", "商标类型", "地理标志", "驰名商标认定日期", "商标状态", "失效日期",
                     "续展日期")
GI_HEADERS = ("产品名称", "所在地区", "区划代码", "批准日期", "批准公告号", "用标企业", "用标核准日期")
GBK_YEAR = 2016  # this year's patent export is written in GBK, to exercise encoding detection
OLDEST_FILE = 2014  # older filings (the invention grants still in force) go into one file
# The monthly delta (`ipgov demo` imports it after the rest, then computes incrementally): June 2020's
# filings, and address corrections (更正) of earlier Henan filings to another county of the same city.
MONTHLY_FILE = "patents_2020-06.csv"
MONTHLY = (2020, 6)
CORRECTED_YEARS = (2019, 2019)
CORRECT_EVERY = 500  # one earlier filing in this many gets its first applicant's address corrected


_YMD: dict = {None: "0"}  # the text of each day already written: ~2M dates a register, a few thousand days
_ISO: dict = {None: ""}


def ymd(day: dt.date | None) -> str:
    """Dates as the commercial databases export them: yyyymmdd, `0` for none."""
    try:
        return _YMD[day]
    except KeyError:
        text = _YMD[day] = day.strftime("%Y%m%d")
        return text


def iso(day: dt.date | None) -> str:
    try:
        return _ISO[day]
    except KeyError:
        text = _ISO[day] = day.isoformat()
        return text


def _status(p: Patent) -> tuple[str, dt.date | None, dt.date | None]:
    """法律状态, 失效日期, 无效宣告日期 of a patent (one ending event per record, as exports carry it)."""
    kinds = dict(p.events)
    if LAPSE in kinds:
        return "无权-未缴年费", kinds[LAPSE], None
    if INVALID in kinds:
        return "无权-全部无效", kinds[INVALID], kinds[INVALID]
    if REJECTED in kinds:
        return "无权-驳回", kinds[REJECTED], None
    if WITHDRAWN in kinds:
        return "无权-视为撤回", kinds[WITHDRAWN], None
    if PARTIAL in kinds:
        return "有权-部分无效", None, kinds[PARTIAL]
    if p.granted:
        return "有权-审定授权", None, None
    return ("审中-实质审查" if p.published else "审中-公开前"), None, None


_KIND_TEXT = {UTILITY: "实用新型", DESIGN: "外观设计"}


def patent_row(i: int, p: Patent) -> list[str]:
    status, ended, invalidated = _status(p)
    kind = ("发明授权" if p.granted else "发明公开") if p.kind == INVENTION else _KIND_TEXT[p.kind]
    pct_no, pct_day, wo, entry = "", None, "", None
    if p.pct:
        pct_no, pct_day, wo, _ = p.pct
    elif p.national_phase:
        pct_no, pct_day, entry = p.national_phase
    return [
        str(i), p.number, ymd(p.filed), kind, p.title, ";".join(a.name for a in p.applicants),
        ";".join(a.kind for a in p.applicants), p.first.address, p.first.province_tag, ";".join(p.inventors),
        p.pub_number, ymd(p.published), p.grant_number, ymd(p.granted), p.ipc[0], ";".join(p.ipc), p.agency,
        status, ymd(ended), iso(invalidated), p.priority[0] if p.priority else "",
        iso(p.priority[1]) if p.priority else "", "1" if p.priority else "0", pct_no, iso(pct_day), wo, iso(entry),
    ]


def trademark_row(i: int, m: Mark) -> list[str]:
    return [
        str(i), m.number, ";".join(map(str, m.classes)), m.name, iso(m.filed), iso(m.registered),
        m.owner.name, m.owner.address, m.owner.province_tag, m.kind, "是" if m.is_gi else "否",
        iso(m.well_known_on), m.status or ("已注册" if m.registered else ""), iso(m.ended),
        ";".join(iso(d) for d in m.renewals),
    ]


def csv_bytes(headers: Iterable[str], rows: Iterable[list[str]], encoding: str = "utf-8-sig") -> bytes:
    buf = io.StringIO(newline="")
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(headers)
    w.writerows(rows)
    return buf.getvalue().encode(encoding)


def _file_year(day: dt.date) -> int:
    return max(day.year, OLDEST_FILE - 1)


def in_monthly_delta(p: Patent) -> bool:
    return (p.filed.year, p.filed.month) == MONTHLY


def monthly_rows(records: list[Patent]) -> list[list[str]]:
    """The June 2020 export: the month's filings, then the corrected earlier records (new address)."""
    new = sorted((p for p in records if in_monthly_delta(p)), key=lambda p: p.number)
    older = sorted((p for p in records if p.first.county and CORRECTED_YEARS[0] <= p.filed.year <= CORRECTED_YEARS[1]),
                   key=lambda p: p.number)
    pool: dict[str, list[tuple[str, str]]] = {}
    for p in older:
        pool.setdefault(p.first.city, []).append((p.first.county, p.first.address))
    for city, items in pool.items():
        pool[city] = sorted(set(items))
    rows = [patent_row(i, p) for i, p in enumerate(new, 1)]
    address = PATENT_HEADERS.index("申请人地址")
    for j, p in enumerate(older[::CORRECT_EVERY]):
        others = [a for county, a in pool[p.first.city] if county != p.first.county]
        if others:
            row = patent_row(len(rows) + 1, p)
            row[address] = others[j % len(others)]
            rows.append(row)
    return rows


def patent_files(records: list[Patent]) -> Iterator[tuple[str, bytes]]:
    """(name, bytes) of each patent file in import order, each rendered when asked for (the importer can
    start on the first while the next is rendered)."""
    by_year: dict[int, list[Patent]] = {}
    for p in records:
        if not in_monthly_delta(p):
            by_year.setdefault(_file_year(p.filed), []).append(p)
    for year, items in sorted(by_year.items()):
        items.sort(key=lambda p: p.number)
        name = f"patents_{year}.csv" if year >= OLDEST_FILE else f"patents_before_{OLDEST_FILE}.csv"
        encoding = "gb18030" if year == GBK_YEAR else "utf-8-sig"
        yield name, csv_bytes(PATENT_HEADERS, (patent_row(i, p) for i, p in enumerate(items, 1)), encoding)
    yield MONTHLY_FILE, csv_bytes(PATENT_HEADERS, monthly_rows(records))


def trademark_files(marks: list[Mark]) -> Iterator[tuple[str, bytes]]:
    """(name, bytes) of each trademark file in import order, each rendered when asked for."""
    by_year: dict[int, list[Mark]] = {}
    for m in marks:
        by_year.setdefault(max(m.filed.year, 2009), []).append(m)
    for year, items in sorted(by_year.items()):
        items.sort(key=lambda m: int(m.number))
        name = f"trademarks_{year}.csv" if year > 2009 else "trademarks_before_2010.csv"
        yield name, csv_bytes(TRADEMARK_HEADERS, (trademark_row(i, m) for i, m in enumerate(items, 1)))


def gi_rows(products: list[GIProductRecord]) -> list[list[str]]:
    return [[g.name, g.area, g.region, iso(g.approved), g.announcement, ";".join(g.users), iso(g.users_on)]
            for g in sorted(products, key=lambda g: (g.approved, g.name))]


def xlsx_bytes(headers: Iterable[str], rows: list[list[str]]) -> bytes:
    """A minimal .xlsx (one sheet, inline strings) with fixed zip timestamps, so the bytes are reproducible."""
    def cell(ref: str, value: str) -> str:
        return f'<c r="{ref}" t="inlineStr"><is><t>{escape(value)}</t></is></c>'

    def col(i: int) -> str:
        name = ""
        i += 1
        while i:
            i, r = divmod(i - 1, 26)
            name = chr(65 + r) + name
        return name

    lines = []
    for r, values in enumerate([list(headers), *rows], 1):
        cells = "".join(cell(f"{col(c)}{r}", v) for c, v in enumerate(values) if v != "")
        lines.append(f'<row r="{r}">{cells}</row>')
    ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    parts = {
        "[Content_Types].xml": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/worksheets/sheet1.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>'),
        "_rels/.rels": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>'),
        "xl/workbook.xml": (
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook {ns} xmlns:r="{rel}">'
            '<sheets><sheet name="地理标志产品" sheetId="1" r:id="rId1"/></sheets></workbook>'),
        "xl/_rels/workbook.xml.rels": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{rel}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>'),
        "xl/worksheets/sheet1.xml": (
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet {ns}><sheetData>'
            + "".join(lines) + "</sheetData></worksheet>"),
    }
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, text in parts.items():
            info = zipfile.ZipInfo(name, date_time=(2020, 8, 14, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, text.encode("utf-8"))
    return buf.getvalue()


def gi_files(products: list[GIProductRecord]) -> Iterator[tuple[str, bytes]]:
    yield "gi_products.xlsx", xlsx_bytes(GI_HEADERS, gi_rows(products))
