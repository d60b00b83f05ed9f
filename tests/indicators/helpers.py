import pandas as pd

from ipgov.indicators import catalogue
from ipgov.indicators.compute import Window, build_cube
from ipgov.indicators.executors import get_executor

WINDOW = Window(201801, 202012)
CELL_KEY = ["indicator", "code", "period", "breakdown"]


def cube_on(executor: str, tmp_path=None, window: Window = WINDOW) -> pd.DataFrame:
    options = {"directory": tmp_path / "snapshot"} if executor != "database" else {}
    ex = get_executor(executor, catalogue=catalogue.default(), **options)
    cells, _engine = build_cube(ex, catalogue.default(), window)
    return cells


def cell(cells: pd.DataFrame, indicator: str, code: str, period: str, breakdown: str = "") -> float | None:
    rows = cells[(cells.indicator == indicator) & (cells.code == code) & (cells.period == period)
                 & (cells.breakdown == breakdown)]
    assert len(rows) <= 1, rows
    return None if rows.empty else float(rows.value.iloc[0])
