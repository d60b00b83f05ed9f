"""Applicant strings → organizations (一个单位一个名称): the rules, as pure functions over names.

`harmonise(raw)` gives the organization key, its display name and the rule that linked them, in this
order (the first that applies names the rule):

1. `individual` — a person (申请人类型 个人, or a 2–4 character Chinese name with no organization word)
   is never merged by name: two people of one name are two people. No key.
2. `normalised` — full/half width (NFKC), traditional → simplified (zhconv), spaces, brackets （）/(),
   trailing punctuation.
3. `rename` / `merger` — the known renames and mergers of data/renames.csv (with dates and sources),
   applied to the whole name or as its prefix (a college of a renamed university, an institute of a
   renamed group).
4. `university-unit` / `affiliated-hospital` — a college, institute, laboratory or affiliated hospital of a
   university on data/universities.csv folds into the university (data/university_units.toml), except
   independent colleges, which are institutions of their own.
5. `legal-form` — the key drops the final legal form (有限公司, 有限责任公司, 股份有限公司, 集团有限公司 …):
   one enterprise files as 郑州华瑞科技有限公司 and 郑州华瑞科技股份有限公司 after converting, and the
   name rules do not let two enterprises share a name that differs only in its form.

`exact` is the rule when nothing had to change; services names `legal-form` where the organization's
display name (its most frequent spelling) differs from the string only in its form. A unified social credit code, where a source gives one,
wins over all of these (services.link_credit_codes).
"""

from __future__ import annotations

import csv
import re
import tomllib
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import zhconv  # traditional → simplified by phrase tables (pure Python)

from ipgov.rights.names import CJK as _CJK
from ipgov.rights.names import legal_form_key

DATA = Path(__file__).parent / "data"

INDIVIDUAL, ORGANIZATION = "individual", "organization"
RULES = ("exact", "normalised", "legal-form", "rename", "merger", "university-unit", "affiliated-hospital",
         "individual", "credit-code", "decision")

_SPACE = re.compile(r"\s+")
_TRAILING = re.compile(r"[\s.,;:，。；：、·*]+$")
_LEADING = re.compile(r"^[\s.,;:，。；：、·*]+")
_PERSON = re.compile(r"[\u4e00-\u9fff·]{2,4}")  # a name of two to four Chinese characters
_ORG_WORD = re.compile(r"公司|厂|集团|企业|合作社|商行|工作室|中心|店|大学|学院|学校|院|所|局|站|处|会|部|医院|社|馆")


@dataclass(frozen=True, slots=True)
class Harmonised:
    key: str  # "" for an individual: never merged by name
    name: str  # the organization's display name (Chinese brackets)
    kind: str  # ORGANIZATION or INDIVIDUAL
    rule: str  # one of RULES
    detail: str = ""  # e.g. the rename's date and source


def normalised(raw: str) -> str:
    """Width, script, spaces, brackets and trailing punctuation made uniform; brackets half-width (not remembered:
    `normalise` is, for callers that ask again)."""
    text = unicodedata.normalize("NFKC", raw or "")
    if not text.isascii():
        text = zhconv.convert(text, "zh-hans")
    text = text.replace("〔", "(").replace("〕", ")").replace("[", "(").replace("]", ")")
    if _CJK.search(text):
        text = _SPACE.sub("", text)
    else:
        text = _SPACE.sub(" ", text).strip().casefold()
    text = _LEADING.sub("", _TRAILING.sub("", text))
    return text


normalise = lru_cache(maxsize=200_000)(normalised)


def display(text: str) -> str:
    """Chinese names are written with full-width brackets."""
    return text.replace("(", "（").replace(")", "）") if _CJK.search(text) else text


def is_individual(name: str, stated_type: str = "") -> bool:
    if stated_type:
        return stated_type in ("个人", "individual")
    return bool(_PERSON.fullmatch(name)) and not _ORG_WORD.search(name)


@dataclass(frozen=True, slots=True)
class Rename:
    kind: str  # name | merger | prefix
    old: str
    new: str
    date: str
    source: str


@lru_cache(maxsize=1)
def renames() -> tuple[Rename, ...]:
    with open(DATA / "renames.csv", encoding="utf-8") as f:
        rows = [Rename(r["kind"], normalise(r["old"]), normalise(r["new"]), r["date"], r["source"])
                for r in csv.DictReader(f)]
    return tuple(sorted(rows, key=lambda r: -len(r.old)))  # longest old name first


@lru_cache(maxsize=1)
def universities() -> dict[str, str]:
    """Normalised university name → region code (data/universities.csv, the Ministry of Education's list)."""
    with open(DATA / "universities.csv", encoding="utf-8") as f:
        lines = [line for line in f if not line.startswith("#")]
    return {normalise(r["name"]): r["region"] for r in csv.DictReader(lines)}


HEAD = 2  # every listed university's name is longer: its first characters pick the few to try


@lru_cache(maxsize=1)
def _universities_by_head() -> dict[str, tuple[str, ...]]:
    """`universities()` grouped by their first HEAD characters: a name is tried against a few, not all."""
    heads: dict[str, list[str]] = {}
    for university in universities():
        heads.setdefault(university[:HEAD], []).append(university)
    return {head: tuple(names) for head, names in heads.items()}


@lru_cache(maxsize=1)
def unit_rules() -> dict:
    with open(DATA / "university_units.toml", "rb") as f:
        rules = tomllib.load(f)
    rules["separate"] = {normalise(n) for n in rules["separate"]}
    return rules


def _university_of(name: str) -> tuple[str, str] | None:
    """(university, rule) when `name` is a unit of a listed university, else None."""
    rules = unit_rules()
    if name in rules["separate"]:
        return None
    candidates = _universities_by_head().get(name[:HEAD])
    if not candidates:  # most names: no listed university begins as they do
        return None
    best = max((u for u in candidates if name.startswith(u) and name != u), key=len, default=None)
    if best is None:
        return None
    rest = name[len(best):]
    if rules["fold_hospitals"] and any(rest.endswith(h) for h in rules["hospitals"]):
        return best, "affiliated-hospital"
    if any(rest.endswith(u) for u in rules["units"]):
        return best, "university-unit"
    return None


@lru_cache(maxsize=200_000)
def harmonise(raw: str, stated_type: str = "") -> Harmonised:
    """The organization an applicant string names, with the rule that linked them (see the module doc)."""
    return harmonise_normalised(raw, stated_type, normalise(raw))


def harmonise_normalised(raw: str, stated_type: str, text: str) -> Harmonised:
    """`harmonise(raw, stated_type)` where `text` is `normalised(raw)` already (a batch's names, each normalised
    once: a national batch holds more new names than the caches keep)."""
    if is_individual(text, stated_type):
        return Harmonised("", display(text), INDIVIDUAL, "individual")
    rule, detail, name = ("exact" if text == (raw or "") else "normalised"), "", text
    for r in renames():
        if name.startswith(r.old):
            name = r.new + name[len(r.old):]
            rule, detail = ("merger" if r.kind == "merger" else "rename"), f"{r.old}→{r.new} ({r.date}; {r.source})"
            break
    unit = _university_of(name)
    if unit is not None:
        name, rule = unit
    return Harmonised(legal_form_key(name), display(name), ORGANIZATION, rule, detail)


def university_region(name: str) -> str | None:
    """The region of a listed university (by its harmonised name), else None."""
    return universities().get(normalise(name).replace("（", "(").replace("）", ")"))
