"""Responses of the API: JSON or CSV by `?format=` or the Accept header, with an ETag (304 on a match)."""

from __future__ import annotations

import csv
import datetime
import decimal
import hashlib
import io
import json

from django.http import HttpResponse
from django.utils.translation import gettext as _

JSON, CSV, SDMX_CSV, SDMX_ML = "json", "csv", "sdmx-csv", "sdmx-ml"
MEDIA = {
    JSON: "application/json",
    CSV: "text/csv; charset=utf-8",
    SDMX_CSV: "application/vnd.sdmx.data+csv; version=2.0.0; charset=utf-8",
    SDMX_ML: "application/vnd.sdmx.structurespecificdata+xml; version=2.1",
    "sdmx-structure": "application/vnd.sdmx.structure+xml; version=2.1",
}


VARY = "Accept, Authorization"


class FormatError(ValueError):
    pass


def negotiate(request, allowed=(JSON, CSV)) -> str:
    """`?format=` wins; else the first Accept media type we serve; else JSON."""
    asked = request.GET.get("format", "").strip().lower()
    if asked:
        if asked not in allowed:
            raise FormatError(_("format %(format)r is not served here; one of: %(formats)s")
                              % {"format": asked, "formats": ", ".join(allowed)})
        return asked
    accept = request.headers.get("Accept", "")
    for part in accept.split(","):
        media = part.split(";")[0].strip().lower()
        if media == "text/csv" and CSV in allowed:
            return CSV
        if media == "application/vnd.sdmx.data+csv" and SDMX_CSV in allowed:
            return SDMX_CSV
        if media == "application/vnd.sdmx.structurespecificdata+xml" and SDMX_ML in allowed:
            return SDMX_ML
        if media in ("application/json", "*/*"):
            return JSON
    return JSON


def _plain(value):
    if isinstance(value, datetime.date | datetime.datetime):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    return value


def dumps(payload) -> bytes:
    return json.dumps(payload, ensure_ascii=False, default=_plain).encode("utf-8")


def csv_text(rows: list[dict], columns: list[str] | None = None) -> str:
    columns = columns or (list(rows[0]) if rows else [])
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_csv_cell(row.get(c)) for c in columns])
    return out.getvalue()


def _csv_cell(value):
    if value is None:
        return ""
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False, default=_plain)
    return _plain(value)


def respond(request, body: bytes | str, fmt: str = JSON, status: int = 200, filename: str = "") -> HttpResponse:
    """The response with a strong ETag over its body; 304 when the client already holds it."""
    if isinstance(body, str):
        body = body.encode("utf-8")
    etag = '"' + hashlib.sha256(body).hexdigest()[:32] + '"'
    if status == 200 and etag in [t.strip() for t in request.headers.get("If-None-Match", "").split(",")]:
        response = HttpResponse(status=304)
    else:
        response = HttpResponse(body, status=status, content_type=MEDIA[fmt])
        if filename and fmt != JSON:
            response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["ETag"] = etag
    response["Vary"] = VARY
    return response


def rows_response(request, payload: dict, rows_key: str, fmt: str, filename: str,
                  columns: list[str] | None = None) -> HttpResponse:
    if fmt == CSV:
        return respond(request, csv_text(payload[rows_key], columns), CSV, filename=f"{filename}.csv")
    return respond(request, dumps(payload))
