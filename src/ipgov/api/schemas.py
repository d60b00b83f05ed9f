"""Response schemas of the API, for the OpenAPI document (the handlers write the JSON themselves)."""

from __future__ import annotations

from ninja import Schema


class Message(Schema):
    detail: str


class IndicatorEntry(Schema):
    id: str
    name_zh: str
    name_en: str
    area: str
    unit: str
    decimals: int
    kind: str
    definition: str
    definition_zh: str
    source: str
    source_zh: str
    counting_rule: str
    breakdowns: list[str]
    inputs: list[str]
    periods: list[str]
    regions: list[str]


class IndicatorList(Schema):
    indicators: list[IndicatorEntry]


class Cell(Schema):
    indicator: str
    indicator_zh: str
    indicator_en: str
    region: str
    region_zh: str
    period: str
    period_zh: str
    period_en: str
    breakdown: str
    breakdown_zh: str
    breakdown_en: str
    value: float
    unit: str
    yoy: float | None
    status: str
    run_id: int | None


class CellList(Schema):
    cells: list[Cell]


class RegionVersion(Schema):
    name: str
    level: str
    status: str
    valid_from: int
    valid_to: int | None
    successors: str


class RegionEntry(Schema):
    code: str
    name: str
    level: str
    parent: str | None
    city: str | None
    province: str | None
    is_active: bool
    is_legal_division: bool
    history: list[RegionVersion]
    successors: list[str]


class RegionList(Schema):
    regions: list[RegionEntry]


class ReleaseFile(Schema):
    name: str
    group: str
    format: str
    rows: int
    bytes: int
    sha256: str
    url: str


class Release(Schema):
    id: str
    created: str
    run_id: int | None
    data_date: str | None
    files: list[ReleaseFile]


class ReleaseList(Schema):
    releases: list[Release]


class Page(Schema):
    results: list[dict]
    next: str | None


class Record(Schema):
    id: int


class TransitionIn(Schema):
    on: str | None = None
    values: dict[str, str] = {}


class NoteIn(Schema):
    message: str
