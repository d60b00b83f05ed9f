"""Evaluation schemes as data: one TOML file per scheme under `analysis/schemes/` (or any path given to
`ipgov evaluate`). docs/analysis.md describes the format; `load` validates a file and says what is wrong
and where, in a sentence."""

from __future__ import annotations

import hashlib
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from django.utils.translation import gettext as _

from ipgov.analysis.choices import Population, ScoringMethod
from ipgov.analysis.population import MEASURES

SCHEMES_DIR = Path(__file__).parent / "schemes"
SOURCES = ("cube", "register", "manual")
TRANSFORMS = ("value", "growth", "per_10k_population")
TIES = ("break", "share")
REGISTER_OF = ("holder", "region")  # designations: whose records the register measures count


class SchemeError(ValueError):
    pass


@dataclass(frozen=True)
class SchemeIndicator:
    id: str
    name_zh: str
    source: str  # cube (a catalogue indicator), register (a measure of analysis.population), manual (staff input)
    key: str  # catalogue indicator id / register measure / manual input id
    weight: float
    method: str
    group: str = ""  # 创造 / 保护 / 运用 …: a sub-score is the sum of its indicators' contributions
    transform: str = "value"
    direction: str = "higher"
    thresholds: tuple = ()
    min_base: float | None = None  # growth: a unit whose prior value is below this does not take part
    unit: str = ""
    note: str = ""


@dataclass(frozen=True)
class Scheme:
    id: str
    version: int
    name_zh: str
    population: str
    region: str
    indicators: tuple[SchemeIndicator, ...]
    top: int | None = None
    ties: str = "break"
    tie_breakers: tuple[str, ...] = ()
    illustrative: bool = False
    source: str = ""
    notice_title: str = ""
    designation_kind: str = ""  # designations: programs.DesignationKind
    designation_level: str = ""  # designations: national / provincial / city (empty: every level)
    register_of: str = "holder"  # designations: the holder organization's records, or its region's
    eligible: tuple = ()  # enterprises: (register measure, at least) a unit must reach to be scored
    text: str = field(default="", repr=False)

    @property
    def digest(self) -> str:
        return hashlib.sha256(self.text.encode()).hexdigest()

    @property
    def groups(self) -> list[str]:
        return list(dict.fromkeys(i.group for i in self.indicators if i.group))

    @property
    def total_weight(self) -> float:
        return sum(i.weight for i in self.indicators)


def available() -> list[str]:
    return sorted(p.stem for p in SCHEMES_DIR.glob("*.toml"))


def path_of(name: str) -> Path:
    """A shipped scheme by id, or a file path."""
    candidate = Path(name)
    if candidate.suffix == ".toml" and candidate.is_file():
        return candidate
    shipped = SCHEMES_DIR / f"{name}.toml"
    if shipped.is_file():
        return shipped
    raise SchemeError(_("There is no evaluation scheme %(name)s: give one of %(known)s, or the path of a "
                        "scheme file (.toml).") % {"name": name, "known": "、".join(available())})


def _fail(where: str, what: str) -> SchemeError:
    return SchemeError(_("Scheme %(where)s: %(what)s. Correct the scheme file and run again.")
                       % {"where": where, "what": what})


def _designation_fields(raw: dict, where: str) -> dict:
    """The fields of a designations scheme: which kind (and level) is scored, and whose records count."""
    from ipgov.programs.choices import DesignationKind, Level

    if raw["population"] != Population.DESIGNATIONS:
        for key in ("designation_kind", "designation_level", "register_of"):
            if key in raw:
                raise _fail(where, _("%(field)s applies to population = \"designations\" only") % {"field": key})
        return {}
    kind = raw.get("designation_kind")
    if not kind:
        raise _fail(where, _("the field %(field)s is missing") % {"field": "designation_kind"})
    if kind not in DesignationKind.values:
        raise _fail(where, _("designation_kind = %(value)r is not a designation kind; known kinds: %(values)s")
                    % {"value": kind, "values": ", ".join(DesignationKind.values)})
    level = raw.get("designation_level", "")
    if level and level not in Level.values:
        raise _fail(where, _("designation_level must be one of %(values)s") % {"values": ", ".join(Level.values)})
    register_of = raw.get("register_of", "holder")
    if register_of not in REGISTER_OF:
        raise _fail(where, _("register_of must be holder or region"))
    return {"designation_kind": kind, "designation_level": level, "register_of": register_of}


def _eligible(raw: dict, where: str) -> tuple:
    """enterprises: `eligible = { measure = "valid_invention_patents", at_least = 1 }` bounds the population
    to the enterprises whose count of that register measure in the period reaches `at_least`."""
    value = raw.get("eligible")
    if value is None:
        return ()
    if raw["population"] != Population.ENTERPRISES:
        raise _fail(where, _("%(field)s applies to population = \"enterprises\" only") % {"field": "eligible"})
    if not isinstance(value, dict) or value.get("measure") not in MEASURES \
            or not isinstance(value.get("at_least"), int | float):
        raise _fail(where, _("eligible must be { measure = one of %(values)s, at_least = a number }")
                    % {"values": ", ".join(MEASURES)})
    return (value["measure"], value["at_least"])


def _indicator(raw: dict, where: str) -> SchemeIndicator:
    for key in ("id", "name_zh", "source", "key", "weight"):
        if key not in raw:
            raise _fail(where, _("the field %(field)s is missing") % {"field": key})
    if raw["source"] not in SOURCES:
        raise _fail(where, _("source must be one of %(values)s") % {"values": ", ".join(SOURCES)})
    method = raw.get("method", ScoringMethod.EFFICACY)
    if method not in ScoringMethod.values:
        raise _fail(where, _("method must be one of %(values)s") % {"values": ", ".join(ScoringMethod.values)})
    transform = raw.get("transform", "value")
    if transform not in TRANSFORMS:
        raise _fail(where, _("transform must be one of %(values)s") % {"values": ", ".join(TRANSFORMS)})
    if raw.get("direction", "higher") not in ("higher", "lower"):
        raise _fail(where, _("direction must be higher or lower"))
    weight = raw["weight"]
    if not isinstance(weight, int | float) or weight <= 0:
        raise _fail(where, _("weight must be a positive number"))
    if method == ScoringMethod.THRESHOLD and not raw.get("thresholds"):
        raise _fail(where, _("the threshold method needs thresholds = [[value, score], …]"))
    return SchemeIndicator(
        id=raw["id"], name_zh=raw["name_zh"], source=raw["source"], key=raw["key"], weight=float(weight),
        method=method, group=raw.get("group", ""), transform=transform, direction=raw.get("direction", "higher"),
        thresholds=tuple(tuple(t) for t in raw.get("thresholds", ())), min_base=raw.get("min_base"),
        unit=raw.get("unit", ""), note=raw.get("note", ""))


def parse(text: str, where: str) -> Scheme:
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise _fail(where, _("not valid TOML (%(error)s)") % {"error": exc}) from None
    for key in ("id", "name_zh", "population", "region", "indicators"):
        if key not in raw:
            raise _fail(where, _("the field %(field)s is missing") % {"field": key})
    if raw["population"] not in Population.values:
        raise _fail(where, _("population must be one of %(values)s") % {"values": ", ".join(Population.values)})
    if raw.get("ties", "break") not in TIES:
        raise _fail(where, _("ties must be break or share"))
    designation = _designation_fields(raw, where)
    eligible = _eligible(raw, where)
    indicators = tuple(_indicator(i, f"{where} [[indicators]] #{n}") for n, i in enumerate(raw["indicators"], 1))
    for n, ind in enumerate(indicators, 1):
        if ind.source == "cube" and raw["population"] != Population.CITIES:
            raise _fail(f"{where} [[indicators]] #{n}", _("source = \"cube\" reads figures of regions: it scores "
                                                           "cities only; count %(population)s in the register "
                                                           "(source = \"register\") or enter them (\"manual\")")
                        % {"population": raw["population"]})
        if ind.source == "register" and raw["population"] == Population.CITIES:
            raise _fail(f"{where} [[indicators]] #{n}", _("cities are scored from the cube: source = \"register\" "
                                                           "counts universities, enterprises and designations"))
        if ind.source == "register" and ind.key not in MEASURES:
            raise _fail(f"{where} [[indicators]] #{n}", _("key = %(value)r is not a register measure; known "
                                                           "measures: %(values)s")
                        % {"value": ind.key, "values": ", ".join(MEASURES)})
    ids = [i.id for i in indicators]
    if len(set(ids)) != len(ids):
        raise _fail(where, _("two indicators have the same id"))
    unknown = [t for t in raw.get("tie_breakers", ()) if t not in ids]
    if unknown:
        raise _fail(where, _("tie_breakers name indicators the scheme does not have: %(ids)s")
                    % {"ids": ", ".join(unknown)})
    return Scheme(id=raw["id"], version=int(raw.get("version", 1)), name_zh=raw["name_zh"],
                  population=raw["population"], region=str(raw["region"]), indicators=indicators,
                  top=raw.get("top"), ties=raw.get("ties", "break"), tie_breakers=tuple(raw.get("tie_breakers", ())),
                  illustrative=bool(raw.get("illustrative", False)), source=raw.get("source", ""),
                  notice_title=raw.get("notice_title", ""), text=text, eligible=eligible,
                  **designation)


def load(name: str) -> Scheme:
    path = path_of(name)
    return parse(path.read_text(encoding="utf-8"), path.name)
