"""Open data without a key (`/api/v1/open/`): the catalogue, cube cells, regions and releases.

Every read runs as the anonymous visitor, whoever is logged in, so what is public is decided by the
catalogue and `core.scope.check_cell` alone; requests are limited per client address.
"""

from __future__ import annotations

import functools

from django.http import HttpResponse
from django.utils.translation import gettext as _
from ninja import Query, Router
from ninja.responses import codes_4xx

from ipgov.api import rendering, schemas
from ipgov.api.ratelimit import hit
from ipgov.core.actor import Actor, acting_as
from ipgov.core.middleware import chosen_language
from ipgov.core.remote import client_ip
from ipgov.core.scope import OutOfScope
from ipgov.indicators import opendata, releases
from ipgov.indicators.choices import ObservationStatus
from ipgov.indicators.opendata import per_cube_run

router = Router(tags=["open data"])

CELL_COLUMNS = list(schemas.Cell.model_fields)


def count(request) -> None:
    """One request of the client's address against the per-address limit (RateLimited beyond it)."""
    hit("anonymous", f"addr:{client_ip(request) or '-'}")


def anonymous(view):
    """Count the request against its address, then run the view as the anonymous visitor."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        count(request)
        with acting_as(Actor.anonymous(remote_addr=client_ip(request))):
            return view(request, *args, **kwargs)

    return wrapper


KEPT = "api-open"  # the name of the open answers in `per_cube_run`


def kept_parts(request) -> tuple:
    """What an open answer is kept under (beside the cube's version): the path, the query (sorted), the
    Accept header when no `?format=` decides, and the language of the messages."""
    query = tuple(sorted((k, tuple(v)) for k, v in request.GET.lists()))
    accept = "" if "format" in request.GET else request.headers.get("Accept", "")
    return request.path, query, accept, chosen_language(request)


def kept_response(request, kept) -> HttpResponse:
    """The kept answer (body, media type, disposition, ETag), or 304 when the client holds that ETag."""
    body, content_type, disposition, etag = kept
    if etag in [t.strip() for t in request.headers.get("If-None-Match", "").split(",")]:
        response = HttpResponse(status=304)
    else:
        response = HttpResponse(body, content_type=content_type)
        if disposition:
            response["Content-Disposition"] = disposition
    response["ETag"] = etag
    response["Vary"] = rendering.VARY
    return response


def per_run(view):
    """The whole response of an open endpoint, kept until the cube changes (`indicators.opendata.per_cube_run`,
    the one cache of answers computed from public cells) and keyed by `kept_parts`. Open endpoints answer
    every visitor alike (they run as the anonymous visitor), so the answer is computed once per cube run and
    language; `api.middleware.OpenDataMiddleware` serves it from then on. Only 200 answers are kept (an error
    is an exception, a 304 has no body); If-None-Match is answered from the kept ETag."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        missed = []

        def build():
            response = view(request, *args, **kwargs)
            missed.append(response)
            if response.status_code != 200:
                return None  # not kept (a 304 to a client that already held it): computed again next time
            return (response.content, response["Content-Type"], response.get("Content-Disposition"),
                    response["ETag"])

        kept = per_cube_run(KEPT, build, *kept_parts(request))
        return missed[0] if missed else kept_response(request, kept)

    return wrapper


def _split(text: str) -> list[str]:
    return [t.strip() for t in (text or "").split(",") if t.strip()]


@router.get("/indicators", response={200: schemas.IndicatorList, codes_4xx: schemas.Message}, summary="The catalogue of public indicators")
@anonymous
@per_run
def indicators(request, format: str | None = None):
    """Id, Chinese and English name, unit, definition, source, counting rule, breakdowns, and the periods
    and regions the cube holds cells for. `?format=csv` or `Accept: text/csv` for CSV."""
    fmt = rendering.negotiate(request)
    return rendering.rows_response(request, {"indicators": opendata.catalogue_entries()}, "indicators", fmt,
                                   "ipgov-indicators")


@router.get("/cells", response={200: schemas.CellList, codes_4xx: schemas.Message}, summary="Cube cells of a public indicator")
@anonymous
@per_run
def cells(request, indicator: str, region: str = opendata.PROVINCE, period: str = Query(...),
          by: str | None = None, status: str = ObservationStatus.COMPUTED, format: str | None = None):
    """One indicator for one or more regions and periods (comma-separated: `region=410100,410300`,
    `period=2019H1,2020H1`); `by=type` for one cell per breakdown value. Value, YoY (fraction), status and
    the computation run; JSON, CSV (`format=csv`), SDMX-CSV 2.0 (`format=sdmx-csv`) or SDMX-ML 2.1
    structure-specific data (`format=sdmx-ml`; its structure at `/api/v1/open/sdmx/structure`)."""
    fmt = rendering.negotiate(request, (rendering.JSON, rendering.CSV, rendering.SDMX_CSV, rendering.SDMX_ML))
    try:
        rows = opendata.cells(indicator, _split(region), _split(period), by=by or None, status=status)
    except OutOfScope:
        raise OutOfScope(_("indicator %(id)r is not published (not public in the catalogue): staff read it "
                           "for their own region, with a token on the staff API") % {"id": indicator}) from None
    if fmt == rendering.SDMX_CSV:
        from ipgov.indicators import sdmx

        return rendering.respond(request, sdmx.sdmx_csv(rows), fmt, filename=f"{indicator}.sdmx.csv")
    if fmt == rendering.SDMX_ML:
        from ipgov.indicators import sdmx

        return rendering.respond(request, sdmx.data_xml(rows), fmt, filename=f"{indicator}.xml")
    return rendering.rows_response(request, {"cells": rows}, "cells", fmt, f"ipgov-{indicator}",
                                   columns=CELL_COLUMNS)


@router.get("/regions", response={200: schemas.RegionList, codes_4xx: schemas.Message}, summary="Regions with their code history")
@anonymous
def regions(request, within: str = opendata.PROVINCE, format: str | None = None):
    """Every region under `within` (the province by default), retired codes included, each with its
    names over time (GB/T 2260, 1981–2024) and the codes that replaced it."""
    fmt = rendering.negotiate(request)
    return rendering.rows_response(request, {"regions": opendata.region_rows(within)}, "regions", fmt,
                                   "ipgov-regions")


@router.get("/releases", response={200: schemas.ReleaseList, codes_4xx: schemas.Message}, summary="Bulk releases of the public cube")
@anonymous
def release_list(request):
    """The kept releases, newest first: each file's group, format, rows, bytes, SHA-256 and URL."""
    return rendering.respond(request, rendering.dumps({"releases": releases.listing()}))


@router.get("/sdmx/structure", response={200: None, codes_4xx: schemas.Message}, summary="SDMX-ML structure: the data structure definition and codelists")
@anonymous
@per_run
def sdmx_structure(request):
    """DSD_IP_CUBE with dimensions INDICATOR, REF_AREA (GB/T 2260), BREAKDOWN, TIME_PERIOD; measure
    OBS_VALUE; attributes UNIT_MEASURE, OBS_STATUS, RUN_ID; codelists from the catalogue and regions."""
    from ipgov.indicators import sdmx

    return rendering.respond(request, sdmx.structure_xml(), "sdmx-structure", filename="ipgov-structure.xml")
