"""The staff API (`/api/v1/<resource>/`): register, cases, finance, programs, imports and the audit trail.

Every request carries a token (`Authorization: Bearer ipg_…`, 401 without) and runs as the token's user,
narrowed to the token's region and read-only flag (`core.scope`). Lists are the model's
`objects.restrict(...)` filtered by the same FilterSet as the staff list, paged by key (`?cursor=` from
the previous page's `next`; no COUNT of the table), with an ETag; writes go through the services.
"""

from __future__ import annotations

import datetime
import functools
import inspect
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404
from django.utils.translation import gettext as _
from ninja import Router
from ninja.responses import codes_4xx
from ninja.security import HttpBearer

from ipgov.api import rendering, schemas
from ipgov.api.ratelimit import hit
from ipgov.api.tokens import authenticate
from ipgov.core import keyset
from ipgov.core.actor import acting_as
from ipgov.core.remote import client_ip
from ipgov.core.scope import OutOfScope, check_staff

MAX_LIMIT = 500
MAX_ID = 2**63 - 1  # a bigger id cannot be a row: no query (SQLite would overflow)
OWN = ("cursor", "limit", "ordering", "fields", "format")


class TokenAuth(HttpBearer):
    def authenticate(self, request, token):
        address = client_ip(request)
        hit("anonymous", f"addr:{address or '-'}")
        actor = authenticate(token, method=request.method, path=request.get_full_path(), remote_addr=address)
        if actor is not None:
            hit("token", actor.label.rsplit("token:", 1)[-1])  # the prefix
        return actor


@dataclass
class Resource:
    slug: str
    model: type[models.Model]
    filterset: type
    exclude: tuple[str, ...] = ("record_hash",)
    administrators_only: bool = False  # records of no region: the audit trail, import batches
    select_related: tuple[str, ...] = field(default_factory=tuple)

    @property
    def fields(self) -> list[str]:
        return [f.attname for f in self.model._meta.concrete_fields if f.attname not in self.exclude]

    def queryset(self):
        if self.administrators_only:
            check_administrator()
            qs = self.model.objects.all()
        else:
            qs = self.model.objects.restrict()
        return qs.select_related(*self.select_related) if self.select_related else qs


def check_administrator():
    """The audit trail and import batches belong to no region: the system, superusers and province
    administrators read them, through a token without a narrower region."""
    from ipgov.core.choices import Role

    scope = check_staff()
    if scope.actor is not None and scope.actor.region:
        raise OutOfScope(_("%(who)s: a token limited to a region cannot read the province's records")
                         % {"who": scope.label})
    if not scope.everything and scope.role != Role.PROVINCE_ADMIN:
        raise OutOfScope(_("%(who)s may not read this: province administrators only") % {"who": scope.label})
    return scope


def resources() -> list[Resource]:
    from ipgov.cases.filtersets import CaseFilterSet
    from ipgov.cases.models import Case
    from ipgov.core.filtersets import ImportBatchFilterSet, ObjectChangeFilterSet
    from ipgov.core.ingest.models import ImportBatch
    from ipgov.core.models import ObjectChange
    from ipgov.finance.filtersets import FundFilterSet, PledgeFilterSet
    from ipgov.finance.models import Fund, Pledge
    from ipgov.programs.filtersets import AwardFilterSet, DesignationFilterSet, OrganizationFilterSet
    from ipgov.programs.models import Award, Designation, Organization
    from ipgov.rights import filtersets as rf
    from ipgov.rights.models import GIProduct, LegalEvent, Patent, Trademark

    return [
        Resource("patents", Patent, rf.PatentFilterSet),
        Resource("trademarks", Trademark, rf.TrademarkFilterSet),
        Resource("gi-products", GIProduct, rf.GIProductFilterSet),
        Resource("legal-events", LegalEvent, rf.LegalEventFilterSet),
        Resource("cases", Case, CaseFilterSet),
        Resource("pledges", Pledge, PledgeFilterSet),
        Resource("funds", Fund, FundFilterSet),
        Resource("designations", Designation, DesignationFilterSet),
        Resource("organizations", Organization, OrganizationFilterSet),
        Resource("awards", Award, AwardFilterSet),
        Resource("import-batches", ImportBatch, ImportBatchFilterSet, administrators_only=True),
        Resource("audit-entries", ObjectChange, ObjectChangeFilterSet, administrators_only=True),
    ]


def _plain(value):
    if isinstance(value, datetime.date | datetime.datetime):
        return value.isoformat()
    return value if value is None or isinstance(value, bool | int | float | str | list | dict) else str(value)


def serialize(obj, names: list[str]) -> dict:
    return {n: _plain(getattr(obj, n)) for n in names}


def decode_cursor(text: str, ordering: str):
    """The id of a cursor made by `encode_cursor` (core.keyset, shared with the staff lists)."""
    try:
        pk = keyset.decode_cursor(text, ordering)
        if not isinstance(pk, int) or isinstance(pk, bool) or not 0 <= pk <= MAX_ID:
            raise ValueError
        return pk
    except ValueError:
        raise ValidationError(_("cursor is not one this API gave: take “next” of the previous page, with the "
                                "same ordering")) from None


def as_token_user(view):
    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        with acting_as(request.auth):
            return view(request, *args, **kwargs)

    return wrapper


def list_view(res: Resource):
    def view(request, **params):
        ordering = params.get("ordering") or "-id"
        if ordering not in ("id", "-id"):
            raise ValidationError(_("ordering is id or -id (pages are keyed by id)"))
        limit = 50 if params.get("limit") is None else params["limit"]
        if not 1 <= limit <= MAX_LIMIT:
            raise ValidationError(_("limit is 1 to %(max)s") % {"max": MAX_LIMIT})
        names = res.fields
        if params.get("fields"):
            asked = [f.strip() for f in params["fields"].split(",") if f.strip()]
            unknown = sorted(set(asked) - set(names))
            if unknown:
                raise ValidationError(_("unknown fields %(fields)s; one of %(known)s")
                                      % {"fields": ", ".join(unknown), "known": ", ".join(names)})
            names = ["id", *[n for n in asked if n != "id"]]
        data = request.GET.copy()
        for key in OWN:
            data.pop(key, None)
        filterset = res.filterset(data or None, queryset=res.queryset(), request=request)
        if filterset.is_bound and not filterset.is_valid():
            raise ValidationError("; ".join(f"{k}: {' '.join(v)}" for k, v in filterset.errors.items()))
        qs = filterset.qs
        if params.get("cursor"):
            last = decode_cursor(params["cursor"], ordering)
            qs = qs.filter(pk__lt=last) if ordering == "-id" else qs.filter(pk__gt=last)
        # Key pages: the ids first (an index walk), then the rows; no COUNT(*) of the table.
        ids = list(qs.order_by(ordering).values_list("pk", flat=True)[:limit + 1])
        more = len(ids) > limit
        ids = ids[:limit]
        rows = res.model.objects.in_bulk(ids)
        results = [serialize(rows[i], names) for i in ids]
        nxt = None
        if more:
            query = request.GET.copy()
            query["cursor"] = keyset.encode_cursor(ids[-1], ordering)
            nxt = f"{request.path}?{query.urlencode()}"
        fmt = rendering.negotiate(request)
        return rendering.rows_response(request, {"results": results, "next": nxt}, "results", fmt, res.slug,
                                       columns=names)

    filters = [f for f in res.filterset.base_filters if f not in OWN]
    view.__signature__ = inspect.Signature(
        [inspect.Parameter("request", inspect.Parameter.POSITIONAL_OR_KEYWORD)]
        + [inspect.Parameter(n, inspect.Parameter.KEYWORD_ONLY, default=None, annotation=t) for n, t in (
            ("cursor", str | None), ("limit", int | None), ("ordering", str | None), ("fields", str | None),
            ("format", str | None))]
        + [inspect.Parameter(f, inspect.Parameter.KEYWORD_ONLY, default=None, annotation=str | None)
           for f in filters])
    view.__name__ = f"list_{res.slug.replace('-', '_')}"
    view.__doc__ = (f"{res.model._meta.verbose_name_plural}: the token's scope, filtered "
                    f"({', '.join(filters)}), paged by key (`next`), `fields=` to choose columns, CSV by "
                    "`format=csv`.")
    return view


def detail_view(res: Resource):
    def view(request, pk: int):
        obj = res.queryset().filter(pk=pk).first() if 0 < pk <= MAX_ID else None
        if obj is None:  # out of scope or missing: the same answer, no hint it exists
            raise Http404(_("no %(what)s %(id)s in your scope") % {"what": res.model._meta.verbose_name, "id": pk})
        return rendering.respond(request, rendering.dumps(serialize(obj, res.fields)))

    view.__name__ = f"get_{res.slug.replace('-', '_')}"
    return view


def _visible_case(pk: int) -> None:
    """As in the UI: a case outside the scope does not exist (404); the service checks the action."""
    from ipgov.cases.models import Case

    if not 0 < pk <= MAX_ID or not Case.objects.restrict().filter(pk=pk).exists():
        raise Http404(_("no %(what)s %(id)s in your scope") % {"what": Case._meta.verbose_name, "id": pk})


def case_transition(request, pk: int, transition: str, body: schemas.TransitionIn):
    """Take a transition of the case's workflow through `cases.services.move_case`, audited."""
    from ipgov.cases import services

    _visible_case(pk)
    try:
        on = datetime.date.fromisoformat(body.on) if body.on else None
    except ValueError:
        raise ValidationError(_("“on” %(value)r is not a date (YYYY-MM-DD)") % {"value": body.on}) from None
    case = services.move_case(pk, transition, on=on, **body.values)
    return rendering.respond(request, rendering.dumps({"id": case.pk, "state": case.state}))


def case_note(request, pk: int, body: schemas.NoteIn):
    """Add a note to the case's file (`cases.services.add_note`), audited."""
    from ipgov.cases import services

    _visible_case(pk)
    event = services.add_note(pk, body.message)
    return rendering.respond(request, rendering.dumps({"id": event.pk}), status=201)


def install(api) -> None:
    router = Router(auth=TokenAuth(), tags=["staff"])
    for res in resources():
        router.add_api_operation(f"/{res.slug}/", ["GET"], as_token_user(list_view(res)), response={200: schemas.Page, codes_4xx: schemas.Message},
                                 summary=f"List {res.model._meta.verbose_name_plural}")
        router.add_api_operation(f"/{res.slug}/{{pk}}", ["GET"], as_token_user(detail_view(res)),
                                 response={200: dict, codes_4xx: schemas.Message}, summary=f"One {res.model._meta.verbose_name}")
    router.add_api_operation("/cases/{pk}/transitions/{transition}", ["POST"], as_token_user(case_transition),
                             response={200: dict, codes_4xx: schemas.Message}, summary="Move a case")
    router.add_api_operation("/cases/{pk}/notes", ["POST"], as_token_user(case_note), response={201: dict, codes_4xx: schemas.Message},
                             summary="Add a note to a case")
    api.add_router("/", router)
    api.add_exception_handler(Http404, lambda request, exc: api.create_response(
        request, {"detail": str(exc)}, status=404))
