"""Report definitions as data: a TOML file naming the sections, and one Jinja2 template per section
holding its sentence patterns. Staff edit them; a copy under IPGOV_HOME/reports/definitions/<kind>/
overrides the packaged one file by file. Templates run sandboxed: they can phrase figures, not run code.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from django.conf import settings
from jinja2 import ChoiceLoader, FileSystemLoader, StrictUndefined
from jinja2.sandbox import SandboxedEnvironment

from ipgov.reports import phrases

PACKAGED = Path(__file__).resolve().parent / "definitions"


class DefinitionError(ValueError):
    pass


@dataclass
class SectionDef:
    key: str
    title: str
    template: str
    charts: list[str] = field(default_factory=list)
    better: str = ""  # the evaluative heading (取得新成效) when `gauge` grew
    gauge: str = ""  # the indicator whose growth earns `better`
    gauge_period: str = "P"
    area: str = ""  # the short name the opening paragraph lists (创造、保护、运用和公共服务)


@dataclass
class ReportDef:
    kind: str
    title: str
    intro: str
    sections: list[SectionDef]
    key_indicators: list[dict]
    env: SandboxedEnvironment


def definition_dirs(kind: str) -> list[Path]:
    dirs = [Path(settings.IPGOV_HOME) / "reports" / "definitions" / kind, PACKAGED / kind]
    return [d for d in dirs if d.is_dir()]


def load(kind: str = "work") -> ReportDef:
    """The report definition `kind`: an office's own (under IPGOV_HOME/reports/definitions) before the packaged
    one. Loaded once while none of its files changes, appears or goes (the same object, its templates compiled
    once: the cities' pack builds 18 reports of 7 templates)."""
    dirs = definition_dirs(kind)
    if not dirs:
        known = sorted(p.name for p in PACKAGED.iterdir() if p.is_dir())
        raise DefinitionError(f"no report definition {kind!r}; known: {', '.join(known)}")
    path = next(d / "report.toml" for d in dirs if (d / "report.toml").is_file())
    files = tuple((str(f), f.stat().st_mtime_ns) for d in dirs for f in sorted(d.iterdir()))
    return _load(kind, tuple(dirs), path, files)


@lru_cache(maxsize=16)
def _load(kind: str, dirs: tuple[Path, ...], path: Path, _files: tuple) -> ReportDef:
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise DefinitionError(f"{path}: not valid TOML: {exc}") from None
    env = SandboxedEnvironment(loader=ChoiceLoader([FileSystemLoader(str(d)) for d in dirs]),
                               undefined=StrictUndefined, autoescape=False, trim_blocks=True,
                               lstrip_blocks=True, extensions=["jinja2.ext.do"])
    env.filters.update(ordinals=phrases.ordinal_list, money=phrases.money, wan=phrases.wan,
                       count=phrases.count, change=phrases.change, percent=phrases.percent,
                       numeral=phrases.chinese_numeral)
    try:
        sections = [SectionDef(s["key"], s["title"], s["template"], list(s.get("charts", [])),
                               s.get("better", ""), s.get("gauge", ""), s.get("gauge_period", "P"), s.get("area", ""))
                    for s in raw["sections"]]
        return ReportDef(kind, raw["title"], raw.get("intro", ""), sections,
                         list(raw.get("key_indicators", [])), env)
    except KeyError as exc:
        raise DefinitionError(f"{path}: missing key {exc}") from None


def paragraphs(text: str) -> list[str]:
    """Blank lines separate paragraphs; line breaks inside one are template layout, not text."""
    out = []
    for block in re.split(r"\n\s*\n", text.strip()):
        para = re.sub(r"\s*\n\s*", "", block).strip()
        if para:
            out.append(para)
    return out
