"""Downloads of an indicator's open-data page: the region × period table as CSV and XLSX, its cells as
SDMX-CSV 2.0 (indicators.sdmx, as the open API writes them), and the latest bulk release's files of the
indicator's area with their SHA-256 (indicators.releases). The same public cells as the page; nothing
else."""

from __future__ import annotations

import csv
import io

from django.http import Http404, HttpResponse
from django.utils.translation import gettext as _

from ipgov.core.scope import OutOfScope
from ipgov.portal import opendata

HEADER = ["indicator", "region", "region_name", "period", "value", "unit"]
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def table_or_404(indicator, kind=None):
    from ipgov.indicators import catalogue

    try:
        return opendata.table(indicator, kind)
    except (catalogue.UnknownIndicator, OutOfScope):
        raise Http404(_("no such indicator")) from None


def _rows(table):
    for code, name in table.regions:
        for period in table.periods:
            value = table.values.get((code, period))
            if value is not None:
                yield [table.indicator.id, code, name, period, value, table.indicator.unit]


def _attachment(response, name: str) -> HttpResponse:
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def indicator_csv(request, indicator):
    table = table_or_404(indicator, request.GET.get("kind") or None)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response.write("\ufeff")  # Excel reads UTF-8 with a BOM
    writer = csv.writer(response)
    writer.writerow(HEADER)
    writer.writerows(_rows(table))
    return _attachment(response, f"{table.indicator.id}.csv")


def indicator_xlsx(request, indicator):
    from openpyxl import Workbook
    from openpyxl.styles import Font

    table = table_or_404(indicator, request.GET.get("kind") or None)
    book = Workbook()
    sheet = book.active
    sheet.title = table.indicator.id[:31]
    sheet.append(HEADER)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in _rows(table):
        sheet.append(row)
    sheet.append([])
    sheet.append([table.indicator.name_zh, table.indicator.local_definition])
    out = io.BytesIO()
    book.save(out)
    return _attachment(HttpResponse(out.getvalue(), content_type=XLSX), f"{table.indicator.id}.xlsx")


def indicator_sdmx(request, indicator):
    from ipgov.indicators import opendata as cube_open
    from ipgov.indicators import sdmx

    table = table_or_404(indicator, request.GET.get("kind") or None)
    try:
        rows = cube_open.cells(table.indicator.id, [code for code, _n in table.regions], table.periods)
    except cube_open.OpenDataError as exc:
        return HttpResponse(str(exc), status=400, content_type="text/plain; charset=utf-8")
    response = HttpResponse(sdmx.sdmx_csv(rows), content_type="application/vnd.sdmx.data+csv; version=2.0.0; "
                                                               "charset=utf-8")
    return _attachment(response, f"{table.indicator.id}.sdmx.csv")


def latest_release(indicator) -> dict | None:
    """The newest release's id, data date, run, manifest URL and its files of this indicator's area (each with
    its SHA-256); None before the first `ipgov release`."""
    from ipgov.indicators import releases

    ids = releases.release_ids()
    if not ids:
        return None
    manifest = releases.manifest(ids[0])
    group = indicator.area or "other"
    return {"id": manifest["id"], "data_date": manifest.get("data_date"), "run_id": manifest.get("run_id"),
            "manifest_url": f"{releases.URL_ROOT}{manifest['id']}/manifest.json",
            "files": [f for f in manifest["files"] if f["group"] == group]}
