"""Every region in memory, per process, keyed by the regions' version (区划版本).

The cube's readers look up dozens of regions per page; the table changes only when the division list is
(re)loaded. The version is read in one cheap query (the number of regions and of active ones, the total length of
their names, the count and highest id of the code history): a reload that adds, renames or retires a
code changes it, and the next read rebuilds the map. Regions here are shared between threads: read them, never change them.
"""

from __future__ import annotations

import threading

from django.db import connection

from ipgov.regions.errors import RegionsNotLoaded, UnknownRegion
from ipgov.regions.models import Region, RegionVersion

_lock = threading.Lock()
_state: dict = {"version": None, "regions": {}}


def version_statement() -> str:
    """The version's statement (a scan of the ~6,500 regions: ~1 ms; a page asks it through the cube's
    watch, `indicators.opendata.database_rows`, which on SQLite runs it again only after a commit)."""
    q = connection.ops.quote_name
    regions, history = q(Region._meta.db_table), q(RegionVersion._meta.db_table)
    active, name = q(Region._meta.get_field("is_active").column), q(Region._meta.get_field("name").column)
    return (f"SELECT COUNT(*), SUM(CASE WHEN {active} THEN 1 ELSE 0 END), SUM(LENGTH({name})), "  # noqa: S608 -- names
            f"(SELECT COUNT(*) FROM {history}), (SELECT MAX(id) FROM {history}) FROM {regions}")


def version() -> tuple:
    with connection.cursor() as cursor:
        cursor.execute(version_statement())
        return (connection.alias, connection.settings_dict.get("NAME"), *cursor.fetchone())


def regions() -> dict[str, Region]:
    """code → Region (parent, city and province attached), current as of this call's version check."""
    current = version()
    if _state["version"] != current:
        with _lock:
            if _state["version"] != current:
                _state["regions"] = {r.code: r for r in Region.objects.select_related("parent", "city", "province")}
                _state["version"] = current
    return _state["regions"]


def get(code: str, table: dict[str, Region] | None = None) -> Region:
    """As `regions.services.get_region`, from the cache (`table`: a map already fetched for this read)."""
    table = regions() if table is None else table
    region = table.get((code or "").strip())
    if region is None:
        raise (UnknownRegion(code) if table else RegionsNotLoaded(code))
    return region
