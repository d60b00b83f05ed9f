"""Mapping profiles (导入映射方案): named, saved mappings of a file's headers to the fields of a kind,
kept in the database (`ImportProfile`, one place for the CLI and the staff UI). A profile completes
the built-in synonyms — it maps the columns they do not know, or overrides one — without code."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from ipgov.core.ingest import registry
from ipgov.core.ingest.errors import ImportFailed
from ipgov.core.ingest.headers import IGNORED
from ipgov.core.ingest.models import ImportProfile

get = registry.find_profile


def parse_pairs(pairs: list[str]) -> dict[str, str]:
    """'HEADER=field' arguments → {header: field}; 'HEADER=' or 'HEADER=-' leaves the column out."""
    out = {}
    for pair in pairs:
        header, sep, field = pair.partition("=")
        if not sep or not header.strip():
            raise ImportFailed(_("%(pair)r: expected HEADER=field (e.g. 法律状态最后修改日期=legal_status_date)")
                               % {"pair": pair})
        out[header.strip()] = field.strip()
    return out


def save(name: str, kind: str, columns: dict[str, str], note: str = "", replace: bool = False) -> ImportProfile:
    """Create or update (`replace`: the columns given become the whole mapping; else they are added)."""
    name = name.strip()
    if not name or len(name) > 100:
        raise ImportFailed(_("a mapping profile needs a name of 1 to 100 characters"))
    known = registry.fields(kind)
    if not known:
        raise ImportFailed(_("unknown kind %(kind)r; one of: %(kinds)s") % {"kind": kind, "kinds": ", ".join(registry.kinds())})
    for header, field in columns.items():
        if field not in ("", IGNORED) and field not in known:
            raise ImportFailed(_("%(header)s=%(field)s: %(kind)s have no field %(field)r; one of: %(fields)s")
                              % {"header": header, "field": field, "kind": kind, "fields": ", ".join(known)})
    with transaction.atomic():
        profile, _created = ImportProfile.objects.select_for_update().get_or_create(name=name, defaults={"kind": kind})
        if profile.kind != kind:
            raise ImportFailed(_("the mapping profile %(name)r is for %(theirs)s, not %(kind)s")
                              % {"name": name, "theirs": profile.kind, "kind": kind})
        profile.columns = dict(columns) if replace else {**profile.columns, **columns}
        profile.note = note[:300] or profile.note
        profile.save()
    return profile
