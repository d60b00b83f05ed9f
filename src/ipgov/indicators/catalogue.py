"""The indicator catalogue: loads and validates `catalogue.toml` (+ `catalogue.d/*.toml`).

`get(id)` returns an `Indicator`; `indicators()` all of them in catalogue order; `sources()` the
register tables they read. A malformed entry is an error naming the file, the entry and the reason.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from ipgov.indicators.choices import IndicatorKind

CATALOGUE = Path(__file__).with_name("catalogue.toml")
EXTRA_DIR = Path(__file__).with_name("catalogue.d")
FORMULAS = {"sum": (1, None), "per_10k_population": (1, 1), "share": (2, 2), "yoy": (1, 1),
            "ytd": (1, 1), "trailing_years": (1, 1)}
AGGREGATIONS = ("count", "sum")


class CatalogueError(ValueError):
    pass


class UnknownIndicator(LookupError):
    def __init__(self, indicator_id: str):
        super().__init__(f"unknown indicator {indicator_id!r}; `ipgov indicator --list` shows the catalogue")
        self.indicator_id = indicator_id


@dataclass(frozen=True)
class Source:
    name: str
    model: str
    region: str
    batch: str | None
    columns: tuple[str, ...]
    name_zh: str = ""

    @property
    def all_columns(self) -> tuple[str, ...]:
        return (self.region, *((self.batch,) if self.batch else ()), *self.columns)


@dataclass(frozen=True)
class Indicator:
    id: str
    name_zh: str
    name_en: str
    unit: str
    decimals: int
    kind: str
    definition: str
    definition_zh: str = ""  # the definition in Chinese, as the in-UI help shows it (else the counting rule)
    area: str = ""
    source: str | None = None
    date: str | None = None
    end: str | None = None
    filters: dict = field(default_factory=dict)
    breakdowns: dict = field(default_factory=dict)
    aggregation: str = "count"
    formula: str | None = None
    inputs: tuple[str, ...] = ()
    years: int | None = None
    yoy_decimals: int = 1
    # Published figures: readable for every region by every reader (ipgov.core.scope.check_cell).
    # False for internals staff read for their own region only.
    public: bool = True
    # A zero is news (the work report says "尚无…" instead of leaving the sentence out): set in the
    # catalogue where a region having none is itself worth reporting (reports.services.zero_news).
    zero_meaningful: bool = False

    @property
    def local_definition(self) -> str:
        """The definition in the active language: definition_zh in zh-Hans, the English one otherwise."""
        from django.utils.translation import get_language

        zh = (get_language() or "zh").lower().startswith("zh")
        return " ".join((self.definition_zh if zh and self.definition_zh else self.definition).split())

    @property
    def is_derived(self) -> bool:
        return self.kind == IndicatorKind.DERIVED

    @property
    def is_stock(self) -> bool:
        return self.kind == IndicatorKind.STOCK

    @property
    def measure(self) -> str | None:
        """The summed column of a `sum:<column>` aggregation; None for counts."""
        return self.aggregation.split(":", 1)[1] if self.aggregation.startswith("sum:") else None

    def breakdown_keys(self) -> list[str]:
        return list(self.breakdowns)


@dataclass(frozen=True)
class Catalogue:
    sources: dict[str, Source]
    indicators: dict[str, Indicator]

    def get(self, indicator_id: str) -> Indicator:
        try:
            return self.indicators[indicator_id]
        except KeyError:
            raise UnknownIndicator(indicator_id) from None

    def base_indicators(self) -> list[Indicator]:
        return [i for i in self.indicators.values() if not i.is_derived]

    def derived_indicators(self) -> list[Indicator]:
        """Derived indicators, each after the indicators it depends on."""
        done: set[str] = {i.id for i in self.base_indicators()}
        out: list[Indicator] = []
        todo = [i for i in self.indicators.values() if i.is_derived]
        while todo:
            ready = [i for i in todo if all(x in done for x in i.inputs)]
            if not ready:
                raise CatalogueError(f"derived indicators with circular inputs: {[i.id for i in todo]}")
            for i in ready:
                out.append(i)
                done.add(i.id)
                todo.remove(i)
        return out


def _source(name: str, raw: dict, where: str) -> Source:
    for key in ("model", "region", "columns"):
        if key not in raw:
            raise CatalogueError(f"{where}: source {name!r} has no {key!r}")
    return Source(name=name, model=raw["model"], region=raw["region"], batch=raw.get("batch"),
                  columns=tuple(raw["columns"]), name_zh=raw.get("name_zh", ""))


def _indicator(raw: dict, sources: dict[str, Source], where: str) -> Indicator:
    ident = raw.get("id", "?")
    here = f"{where}: indicator {ident!r}"
    for key in ("id", "name_zh", "name_en", "unit", "kind", "definition"):
        if not raw.get(key):
            raise CatalogueError(f"{here} has no {key!r}")
    kind = raw["kind"]
    if kind not in IndicatorKind.values:
        raise CatalogueError(f"{here}: kind {kind!r} is not one of {IndicatorKind.values}")
    known = set(Indicator.__dataclass_fields__)
    unknown = set(raw) - known
    if unknown:
        raise CatalogueError(f"{here}: unknown keys {sorted(unknown)}")
    values = dict(raw)
    values["inputs"] = tuple(raw.get("inputs", ()))
    values.setdefault("decimals", 0)
    if not isinstance(values.get("public", True), bool):
        raise CatalogueError(f"{here}: public must be true or false, not {values['public']!r}")
    ind = Indicator(**values)
    if ind.is_derived:
        if ind.formula not in FORMULAS:
            raise CatalogueError(f"{here}: formula {ind.formula!r} is not one of {sorted(FORMULAS)}")
        low, high = FORMULAS[ind.formula]
        if len(ind.inputs) < low or (high is not None and len(ind.inputs) > high):
            raise CatalogueError(f"{here}: formula {ind.formula} takes {low}..{high or 'n'} inputs")
        if ind.formula == "trailing_years" and not ind.years:
            raise CatalogueError(f"{here}: trailing_years needs `years`")
        return ind
    source = sources.get(ind.source or "")
    if source is None:
        raise CatalogueError(f"{here}: source {ind.source!r} is not declared under [sources]")
    agg = ind.aggregation
    if agg != "count" and not (agg.startswith("sum:") and agg[4:] in source.columns):
        raise CatalogueError(f"{here}: aggregation {agg!r} must be 'count' or 'sum:<column of the source>'")
    used = [ind.date, *([ind.end] if ind.end else []), *ind.filters, *ind.breakdowns.values()]
    for column in used:
        if column not in source.columns:
            raise CatalogueError(f"{here}: column {column!r} is not among source {source.name!r} columns")
    if ind.is_stock is False and ind.end:
        raise CatalogueError(f"{here}: only a stock has an `end` date")
    return ind


def load(paths: list[Path] | None = None) -> Catalogue:
    paths = paths if paths is not None else [CATALOGUE, *sorted(EXTRA_DIR.glob("*.toml"))]
    raws = []
    for path in paths:
        try:
            raws.append((path.name, tomllib.loads(path.read_text(encoding="utf-8"))))
        except tomllib.TOMLDecodeError as exc:
            raise CatalogueError(f"{path.name}: not valid TOML: {exc}") from None
    sources: dict[str, Source] = {}
    for where, raw in raws:
        for name, src in raw.get("sources", {}).items():
            if name in sources:
                raise CatalogueError(f"{where}: source {name!r} is declared twice")
            sources[name] = _source(name, src, where)
    indicators: dict[str, Indicator] = {}
    for where, raw in raws:
        for entry in raw.get("indicators", []):
            ind = _indicator(entry, sources, where)
            if ind.id in indicators:
                raise CatalogueError(f"{where}: indicator {ind.id!r} is declared twice")
            indicators[ind.id] = ind
    for ind in indicators.values():
        for dep in ind.inputs:
            if dep not in indicators:
                raise CatalogueError(f"indicator {ind.id!r}: input {dep!r} is not in the catalogue")
    catalogue = Catalogue(sources, indicators)
    catalogue.derived_indicators()  # raises on cycles
    return catalogue


@cache
def default() -> Catalogue:
    return load()


def get(indicator_id: str) -> Indicator:
    return default().get(indicator_id)


def indicators() -> list[Indicator]:
    return list(default().indicators.values())


def sources() -> dict[str, Source]:
    return default().sources
