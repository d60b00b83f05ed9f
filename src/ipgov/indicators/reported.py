"""Published (reported) figures: parsed from their quoted text, validated, loaded as observations.

A figure's quoted text fixes its precision: "19 万件" is 190,000 ± 5,000, "+21.4%" is 0.214 ± 0.0005,
a whole number quoted in full ("144,010 件") is exact.
Loading is atomic and idempotent: a file with any bad figure writes nothing and lists every bad figure
with its number and the reason; loading the same file twice changes nothing.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction
from django.utils.translation import gettext_noop

from ipgov.core import audit, periods
from ipgov.core.actor import require_actor
from ipgov.core.models import ObjectChange
from ipgov.indicators import catalogue
from ipgov.indicators.choices import ObservationStatus
from ipgov.indicators.models import Observation
from ipgov.regions.models import Region

SEED_FIGURES = Path(__file__).parent / "data" / "seed_2020_work_report.toml"
MULTIPLIERS = {"": 1, "万": 10_000, "亿": 100_000_000}
_NUMBER = re.compile(r"^\s*([+-]?[\d,]*\.?\d+)\s*(万|亿)?\s*(.*?)\s*$")
_PERCENT = re.compile(r"^\s*([+-]?\d*\.?\d+)\s*%\s*$")


class BadFigures(ValueError):
    def __init__(self, errors: list[str]):
        super().__init__("; ".join(errors))
        self.errors = errors


@dataclass(frozen=True)
class Quoted:
    value: float
    tolerance: float  # half a unit of the last quoted digit
    unit: str


def _decimals(number: str) -> int:
    return len(number.split(".", 1)[1]) if "." in number else 0


def parse_value(text: str) -> Quoted:
    m = _NUMBER.match(text or "")
    if not m:
        raise ValueError(f"cannot read a number in {text!r}")
    number, scale, unit = m[1].replace(",", ""), MULTIPLIERS[m[2] or ""], m[3]
    if scale == 1 and "." not in number:  # a whole number quoted in full ("144,010 件", "21 件") is exact
        return Quoted(float(number), 0.0, unit)
    return Quoted(float(number) * scale, 0.5 * 10 ** -_decimals(number) * scale, unit)


def parse_yoy(text: str) -> tuple[float, float]:
    """'+21.4%' → (0.214, 0.0005)."""
    m = _PERCENT.match(text or "")
    if not m:
        raise ValueError(f"cannot read a percentage in {text!r}")
    return float(m[1]) / 100, 0.5 * 10 ** -_decimals(m[1]) / 100


def load_file(path: Path = SEED_FIGURES) -> tuple[int, int]:
    """Load a TOML file of figures; returns (written, unchanged)."""
    actor = require_actor()
    try:
        raw = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise BadFigures([f"{path}: {exc}"]) from None
    source = raw.get("source", Path(path).name)
    cells, errors = [], []
    for n, fig in enumerate(raw.get("figures", []), start=1):
        try:
            cells.append(_cell(fig, source))
        except (ValueError, LookupError) as exc:
            errors.append(f"figure {n} ({fig.get('indicator', '?')} {fig.get('period', '?')}): {exc}")
    if errors:
        raise BadFigures(errors)
    written = unchanged = 0
    with transaction.atomic():
        for cell in cells:
            key = {k: cell.pop(k) for k in ("indicator", "region_id", "period", "breakdown")}
            old = Observation.objects.filter(status=ObservationStatus.REPORTED, **key).first()
            if old and all(getattr(old, k) == v for k, v in cell.items()):
                unchanged += 1
                continue
            before = audit.snapshot(old) if old else None
            obs, _created = Observation.objects.update_or_create(status=ObservationStatus.REPORTED, **key,
                                                                 defaults=cell)
            action = ObjectChange.Action.UPDATE if old else ObjectChange.Action.CREATE
            audit.record(obs, action, before=before, message=audit.text(gettext_noop("reported figure from %(source)s by %(actor)s"),
                                                                source=source, actor=actor.label))
            written += 1
    return written, unchanged


def _cell(fig: dict, source: str) -> dict:
    ind = catalogue.get(fig.get("indicator", ""))
    code = str(fig.get("region", ""))
    if not Region.objects.filter(code=code).exists():
        raise LookupError(f"unknown region {code!r}")
    p = periods.parse(str(fig.get("period", "")))
    quoted = parse_value(str(fig.get("value", "")))
    unit = quoted.unit.replace("万", "") if quoted.unit.startswith("万") else quoted.unit
    if unit and unit != ind.unit:
        raise ValueError(f"unit {quoted.unit!r} does not match the indicator's unit {ind.unit!r}")
    cell = {
        "indicator": ind.id, "region_id": code, "period": p.code, "breakdown": fig.get("breakdown", ""),
        "period_kind": p.kind, "value": quoted.value, "unit": ind.unit, "quoted": fig["value"],
        "tolerance": quoted.tolerance, "source": fig.get("source", source)[:300],
        "reported_yoy": None, "quoted_yoy": "",
    }
    if fig.get("yoy"):
        cell["reported_yoy"], _tol = parse_yoy(fig["yoy"])
        cell["quoted_yoy"] = fig["yoy"]
    return cell
