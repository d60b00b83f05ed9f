"""IPC concordances (参照关系表) as data, and matching a patent's IPC codes to their targets.

Shipped (loaded by `ipgov init`): the WIPO IPC–technology concordance (35 fields), `data/wipo_ipc_technology.csv`,
transcribed by ipgov from WIPO's published table (see docs/analysis.md for its provenance and limits).
Not shipped (the official files could not be obtained here): CNIPA's 国际专利分类与国民经济行业分类参照关系表
(2018, GB/T 4754-2017) and 战略性新兴产业分类与国际专利分类参照关系表（2021）. Load them with
`ipgov concordance load FILE` (= `ipgov import FILE --kind concordance`) once converted to the columns
对照表, IPC, 目标代码, 目标名称, 来源."""

from __future__ import annotations

import csv
import functools
import re
from pathlib import Path

from ipgov.analysis.models import ConcordanceEntry

WIPO_FILE = Path(__file__).parent / "data" / "wipo_ipc_technology.csv"
_SPACE = re.compile(r"\s+")


def ipc_key(code: str) -> str:
    """"G01N 33/48" → "G01N33/48"; "G01N 33" (a concordance main group) → "G01N33/"; "G01N" → "G01N"."""
    code = _SPACE.sub("", code.strip().upper())
    if len(code) > 4 and "/" not in code:
        code += "/"
    return code


def load_shipped() -> tuple[int, bool]:
    """The WIPO concordance from the package file; idempotent. Returns (rows, changed)."""
    with WIPO_FILE.open(encoding="utf-8") as f:
        rows = [(r["对照表"], r["IPC"], r["目标代码"], r["目标名称"], r["来源"]) for r in csv.DictReader(f)]
    have = set(ConcordanceEntry.objects.filter(scheme="wipo35").values_list("scheme", "ipc", "target", "target_name",
                                                                           "source"))
    if have == set(rows):
        return len(rows), False
    ConcordanceEntry.objects.filter(scheme="wipo35").delete()
    ConcordanceEntry.objects.bulk_create(ConcordanceEntry(scheme=s, ipc=i, target=t, target_name=n, source=src)
                                         for s, i, t, n, src in rows)
    return len(rows), True


def table(scheme: str) -> tuple[dict[str, list[str]], dict[str, str]]:
    """(IPC key → targets, target → name) of one concordance, as stored now: cached per state of the table
    (its row count and last id), so a load in another process is seen at the next call."""
    from django.db.models import Count, Max

    stamp = ConcordanceEntry.objects.filter(scheme=scheme).aggregate(n=Count("id"), last=Max("id"))
    return _table(scheme, stamp["n"], stamp["last"])


@functools.lru_cache(maxsize=16)
def _table(scheme: str, _count: int, _last: int | None) -> tuple[dict[str, list[str]], dict[str, str]]:
    keys: dict[str, list[str]] = {}
    names = {}
    for ipc, target, name in ConcordanceEntry.objects.filter(scheme=scheme).values_list("ipc", "target", "target_name"):
        keys.setdefault(ipc_key(ipc), []).append(target)
        names[target] = name
    return keys, names


def targets(scheme: str, ipc: str, keys: dict[str, list[str]] | None = None) -> list[str]:
    """The targets of one IPC code: those of its longest matching prefix (main group before subclass).
    `keys`: the table's keys when the caller already holds them (matching many patents)."""
    keys = table(scheme)[0] if keys is None else keys
    code = ipc_key(ipc)
    group = code.split("/")[0] + "/" if "/" in code else None
    if group and group in keys:
        return keys[group]
    return keys.get(code[:4], [])


def match(scheme: str, ipc_codes: list[str], main_only: bool = True,
          keys: dict[str, list[str]] | None = None) -> list[str]:
    """The targets of a patent: of its main IPC (the first code) by default, else of every code."""
    keys = table(scheme)[0] if keys is None else keys
    codes = ipc_codes[:1] if main_only else ipc_codes
    return list(dict.fromkeys(t for c in codes for t in targets(scheme, c, keys)))


# --- CNIPA's official tables (参照关系表) in their own layout ---------------------------------------------
# The layout of CNIPA's 国际专利分类与国民经济行业分类参照关系表 as distributed (an Excel sheet; ipgov could not
# obtain the 2018 file itself, the layout is that of the published trial edition): three columns — the
# industry code (门类 letter, 大类 2 digits, 中类 3, 小类 4), its name, and an IPC symbol; an industry's IPC
# symbols follow on rows with an empty code; symbols may carry a '*' mark and a cell may hold several,
# separated by ; ， 、 or spaces. The 2021 strategic-emerging-industry table has the same shape with the
# industry numbered 1.1.1 …; its keyword column (关键词) is not a concordance and is left out.
CNIPA_CODE = ("行业代码", "代码", "国民经济行业代码", "产业编号", "编号", "战略性新兴产业分类代码")
CNIPA_NAME = ("行业名称", "名称", "类别名称", "国民经济行业名称", "产业名称", "战略性新兴产业分类名称")
CNIPA_IPC = ("IPC", "国际专利分类", "国际专利分类号", "IPC分类号", "国际专利分类（IPC）")
_IPC_SYMBOL = re.compile(r"([A-H]\d{2}[A-Z])\s*(\d{1,4})?(?:\s*/\s*\d+)?")


class LayoutError(ValueError):
    pass


def _cells(path: Path) -> list[list[str]]:
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        from openpyxl import load_workbook

        sheet = load_workbook(path, read_only=True, data_only=True).worksheets[0]
        return [["" if v is None else str(v).strip() for v in row] for row in sheet.iter_rows(values_only=True)]
    with path.open(encoding="utf-8-sig", newline="") as f:
        return [[c.strip() for c in row] for row in csv.reader(f)]


def _header(rows: list[list[str]], filename: str) -> tuple[int, tuple[int, int, int]]:
    """The header row (among the first 10) and the positions of the code, name and IPC columns."""
    for at, row in enumerate(rows[:10]):
        head = [c.replace(" ", "") for c in row]
        found = [next((i for i, c in enumerate(head) if c in names), None) for names in (CNIPA_CODE, CNIPA_NAME, CNIPA_IPC)]
        if None not in found:
            return at, tuple(found)
    from django.utils.translation import gettext as _

    raise LayoutError(_("%(file)s: no header with an industry code, a name and an IPC column (looked for %(code)s, "
                        "%(name)s, %(ipc)s in the first 10 rows)")
                      % {"file": filename, "code": CNIPA_CODE[0], "name": CNIPA_NAME[0], "ipc": CNIPA_IPC[0]})


def read_cnipa(path: Path, scheme: str, source: str = "") -> list[tuple[str, str, str, str, str]]:
    """Rows (对照表, IPC, 目标代码, 目标名称, 来源) from an official CNIPA table in its own layout (above).
    A GB/T 4754 target is the 门类 letter and the code (C3571); an IPC subgroup (A01B 1/02) is kept at its
    main group (A01B 1), the finest level `targets` matches."""
    rows = _cells(Path(path))
    at, (code_at, name_at, ipc_at) = _header(rows, Path(path).name)
    source = source or f"CNIPA official table, file {Path(path).name}"
    letter, target, name, out = "", "", "", {}
    for raw in rows[at + 1:]:
        row = [*raw, "", "", ""]
        code = row[code_at].replace(" ", "")
        if code:
            if scheme == "gbt4754" and code.isalpha():
                letter = code.upper()
            target = f"{letter}{code}" if scheme == "gbt4754" and code.isdigit() else code
            name = row[name_at] or name
        for m in _IPC_SYMBOL.finditer(row[ipc_at].upper().replace("*", "")):
            if not target:
                continue
            ipc = f"{m[1]} {int(m[2])}" if m[2] else m[1]
            out.setdefault((ipc, target), (scheme, ipc, target, name, source))
    return list(out.values())


def write_rows(rows, path: Path) -> Path:
    """Rows in ipgov's concordance columns (the file `ipgov concordance load` reads)."""
    with Path(path).open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["对照表", "IPC", "目标代码", "目标名称", "来源"])
        w.writerows(rows)
    return Path(path)
