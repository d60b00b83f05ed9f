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
