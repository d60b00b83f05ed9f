"""The hostile-file corpus, generated here (nothing big is committed): for each importer kind a header and
one row that parses, and the ways to spoil a file or a cell that issue 16 found or feared."""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

from ipgov.finance.importers import IMPORTERS as FINANCE
from ipgov.programs.importers import IMPORTERS as PROGRAMS
from ipgov.rights.numbers import make_application_number
from tests.rights.conftest import SAMPLES, sample_rows, with_values

TABULAR = {**PROGRAMS, **FINANCE}
REGISTER = ("patents", "trademarks", "gi")
KINDS = (*REGISTER, *sorted(TABULAR))
NEW_PATENT = "CN" + make_application_number(2023, 2, 605824)

# The kind's text column, date column and (where it has one) amount column to spoil in a register file.
REGISTER_COLUMNS = {"patents": ("专利名称", "申请日"), "trademarks": ("商标名称", "申请日期"), "gi": ("产品名称", "批准日期")}

FORMULAS = ("=1+1", "+cmd|' /C calc'!A0", "@SUM(1+1)*cmd|' /C calc'!A0", "-2+3+cmd|' /C calc'!A0",
            '=HYPERLINK("http://evil.example","x")')
CONTROLS = ("甲\u202e乙公司", "\x1b[31m红\x1b[0m", "a\x07b", "甲\u2066乙")
HUGE = "乙" * 150_000  # 450 KB in UTF-8: over csv's 128 KB default field limit
BAD_DATES = ("2099-01-01", "1900-01-01", "0001-01-01", "9999-12-31", "2019-02-30")
BAD_AMOUNTS = ("9E+999999", "NaN", "-Infinity", "1e15", "１２３abc", "12,34.5.6")


def base_table(kind: str) -> tuple[list[str], list]:
    """A header and one row of `kind` that parses (the services may still refuse it: an unknown patent…)."""
    if kind == "patents":
        header, rows = sample_rows()
        return header, with_values(header, rows[0], 申请号=NEW_PATENT)
    if kind == "trademarks":
        return (["商标注册号", "国际分类", "商标名称", "申请日期", "注册日期", "申请人名称", "申请人地址"],
                ["23456789", "9", "宇通", "2009-05-01", "2010-05-07", "宇通客车股份有限公司", "郑州市管城回族区宇通路"])
    if kind == "gi":
        return ["产品名称", "所在地区", "区划代码", "批准日期", "批准公告号"], ["信阳毛尖", "河南省信阳市", "411500", "20071201", ""]
    spec = TABULAR[kind]
    header, row, amount_given = [], [], False
    for col in spec.columns:
        header.append(col.label)
        row.append(_valid(col, amount_given))
        amount_given |= col.kind in ("yuan", "wanyuan") and row[-1] != ""
    return header, row


def _valid(col, amount_given: bool) -> str:
    if col.kind == "date":
        return "2020-06-01" if col.future else "2019-06-01"  # a term's end after its start
    if col.kind == "int":
        return "2019" if "年" in col.label else "1"
    if col.kind in ("yuan", "wanyuan"):
        return "" if amount_given and not col.required else "100"
    if col.kind == "choice":
        return next(iter(col.names)) if col.names else col.choices.values[0]
    if "区划" in col.label:
        return "410100" if "城市" in col.label else "410102"
    if not col.required:
        return ""
    return "郑州" + col.label


def columns_of(kind: str, *types: str) -> list[str]:
    """The headers of `kind`'s columns of these types (text, date, yuan/wanyuan…); not the date columns
    that may lie in the future (a term's end, a planned auction)."""
    if kind in REGISTER:
        text, date = REGISTER_COLUMNS[kind]
        return [c for c, t in ((text, "text"), (date, "date")) if t in types]
    return [c.label for c in TABULAR[kind].columns
            if c.kind in types and "区划" not in c.label and not c.future]


def with_key(kind: str, header: list[str], row: list, i: int) -> list:
    """The register's row `i` with a key of its own (its other rows would be "the same record")."""
    row = list(row)
    if kind == "patents":
        row[header.index("申请号")] = "CN" + make_application_number(2023, 2, 605824 + i)
    elif kind == "trademarks":
        row[header.index("商标注册号")] = str(23456789 + i)
    elif kind == "gi":
        row[header.index("产品名称")] = f"信阳毛尖{i}"
    return row


def csv_bytes(header: list[str], rows: list[list], encoding: str = "utf-8") -> bytes:
    buf = io.StringIO()
    csv.writer(buf).writerows([header, *rows])
    return buf.getvalue().encode(encoding)


def write(path: Path, data: bytes | str) -> Path:
    path.write_bytes(data.encode() if isinstance(data, str) else data)
    return path


def xlsx(path: Path, header: list[str], rows: list[list]) -> Path:
    from openpyxl import Workbook

    wb = Workbook()
    for r in [header, *rows]:
        wb.active.append(r)  # a value beginning with "=" is written as a live formula cell
    wb.save(path)
    return path


def zip_bomb(path: Path, inflated: int = 64 << 20) -> Path:
    """A zip that looks like a workbook but whose sheet inflates ~1000 times (64 MB from ~64 KB)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        zf.writestr("xl/workbook.xml", '<?xml version="1.0"?><workbook/>')
        with zf.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as member:
            block = b"\0" * (1 << 20)
            for _ in range(inflated >> 20):
                member.write(block)
    return path


BILLION_LAUGHS = ('<?xml version="1.0"?>\n<!DOCTYPE lolz [\n<!ENTITY lol "lol">\n'
                  + "".join(f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">\n'
                            for i in range(1, 10))
                  + ']>\n<cn-patent-document>&lol9;</cn-patent-document>\n')


def external_entity(secret: Path) -> str:
    return (f'<?xml version="1.0"?>\n<!DOCTYPE us-patent-grant [\n<!ENTITY xxe SYSTEM "file://{secret}">\n]>\n'
            "<us-patent-grant><x>&xxe;</x></us-patent-grant>\n")


def st36_without_application_reference() -> str:
    """A real ST.36 grant with its application-reference removed."""
    import re

    xml = (SAMPLES / "US08930553_grant_v45.xml").read_text(encoding="utf-8")
    return re.sub(r"<application-reference.*?</application-reference>", "", xml, flags=re.S)
