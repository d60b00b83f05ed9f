"""`ipgov import FILE --kind concordance` (alias: `ipgov concordance load FILE`): rows of an IPC
concordance (对照表, IPC, 目标代码, 目标名称, 来源), on the one ingest path."""

from __future__ import annotations

from ipgov.analysis.choices import ConcordanceScheme
from ipgov.core.ingest.columns import Column, choice
from ipgov.core.ingest.rows import RowSpec

NAMES = {"WIPO技术领域": "wipo35", "国民经济行业": "gbt4754", "战略性新兴产业": "sei2021"}


def _entry(row: dict, batch) -> str:
    from ipgov.analysis.services import save_concordance_entry

    return save_concordance_entry(row["scheme"], row["ipc"], row["target"], row["target_name"], row["source"] or "")


SPECS = (
    RowSpec("concordance", (
        choice("scheme", ("对照表", "scheme"), ConcordanceScheme, NAMES),
        Column("ipc", ("IPC", "国际专利分类", "ipc"), max_length=16),
        Column("target", ("目标代码", "行业代码", "target"), max_length=16),
        Column("target_name", ("目标名称", "行业名称", "target_name")),
        Column("source", ("来源", "source"), required=False),
    ), _entry, key=("scheme", "ipc", "target")),
)
