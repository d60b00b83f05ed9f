"""Which importer handles which kind: each app registers its kinds when Django starts (its
AppConfig.ready), so `ipgov import FILE --kind K` reaches every importer without core importing
the apps above it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from django.utils.translation import gettext as _

from ipgov.core.ingest.errors import ImportFailed
from ipgov.core.ingest.headers import HeaderSet
from ipgov.core.ingest.report import ImportReport

Runner = Callable[..., ImportReport]  # runner(path, *, fmt, strict, encoding, progress, force, headers,
#                                       **batch options of `batch.run`: profile, retry_of, row_numbers) → report
_RUNNERS: dict[str | None, Runner] = {}
_FIELDS: dict[str, tuple[str, ...]] = {}  # kind → the fields a mapping profile may name
_HEADERS: dict[str, HeaderSet] = {}  # kind → its header synonyms (for the staff UI's preview)


def register(kind: str | None, runner: Runner, fields: tuple[str, ...] = (), headers: HeaderSet | None = None) -> None:
    """`kind=None` is the importer used when no kind is given (the register's, which detects it)."""
    _RUNNERS[kind] = runner
    if kind is not None:
        _FIELDS[kind] = tuple(fields)
        if headers is not None:
            _HEADERS[kind] = headers


def headers(kind: str) -> HeaderSet | None:
    """The header synonyms of `kind` (None for a kind that registered none)."""
    return _HEADERS.get(kind)


def fields(kind: str) -> tuple[str, ...]:
    """The fields of `kind` a mapping profile can map a column to."""
    return _FIELDS.get(kind, ())


def register_rows(specs) -> None:
    """Register row specs (`rows.RowSpec`) by their kind."""
    from ipgov.core.ingest.rows import import_rows

    for spec in specs:
        def runner(path, *, fmt="auto", strict=False, encoding=None, progress=None, force=False, spec=spec,
                   **options):
            if fmt not in (None, "auto", "csv", "xlsx", "xls"):
                raise ImportFailed(_("%(kind)s are imported from CSV or Excel files, not %(format)s")
                                   % {"kind": spec.kind, "format": fmt})
            return import_rows(spec, path, strict=strict, encoding=encoding, progress=progress, force=force,
                               **options)
        register(spec.kind, runner, tuple(c.name for c in spec.columns), spec.headers)


def kinds() -> list[str]:
    return sorted(k for k in _RUNNERS if k is not None)


def import_path(path: str | Path, *, kind: str | None = None, fmt: str = "auto", strict: bool = False,
                encoding: str | None = None, progress=None, force: bool = False, profile: str | None = None,
                **options) -> ImportReport:
    """Import one file of `kind` (or of a kind detected from its header) as one batch; with `profile`, the
    columns that mapping profile names are mapped its way (its kind is the file's kind)."""
    columns = None
    if profile:
        found = find_profile(profile)
        if kind is not None and found.kind != kind:
            raise ImportFailed(_("the mapping profile %(name)r is for %(theirs)s, not %(kind)s")
                               % {"name": profile, "theirs": found.kind, "kind": kind})
        kind, columns = found.kind, found.columns
    runner = _RUNNERS.get(kind)
    if runner is None:
        raise ImportFailed(_("unknown kind %(kind)r; one of: %(kinds)s") % {"kind": kind, "kinds": ", ".join(kinds())})
    if profile:  # columns given beside a profile (the staff UI's choices) complete it
        options.update(profile=profile, columns={**columns, **(options.get("columns") or {})})
    return runner(path, fmt=fmt, strict=strict, encoding=encoding, progress=progress, force=force, **options)


def find_profile(name: str):
    """The saved mapping profile `name` (`profiles.py` saves them); ImportFailed naming the saved ones."""
    from ipgov.core.ingest.models import ImportProfile

    profile = ImportProfile.objects.filter(name=name).first()
    if profile is None:
        names = ", ".join(ImportProfile.objects.values_list("name", flat=True)) or _("none saved yet")
        raise ImportFailed(_("no mapping profile named %(name)r (saved profiles: %(names)s); save one with: ipgov "
                             "import profile save NAME --kind K --map 'HEADER=field'") % {"name": name, "names": names})
    return profile
