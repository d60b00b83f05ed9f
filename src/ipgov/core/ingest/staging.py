"""The staff UI's import, step by step on the one ingest path: an uploaded file is staged under
IPGOV_HOME/imports/<token>/, previewed (format, encoding, header row, the first rows as mapped, the
columns no field takes), tried (a dry run: the whole import in a transaction rolled back, giving the
real counts and errors), then committed as a background task (a thread; its progress in a job file
beside the upload, so any web worker can answer the progress bar's polling).

Scope: an import is a change; a read-only role may not import. The records of a batch outside the
importing officer's region are written and flagged (counted in the batch's notes), never dropped.
"""

from __future__ import annotations

import json
import secrets
import threading
from dataclasses import dataclass, field
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db import connection, transaction
from django.utils.translation import gettext as _

from ipgov.core.actor import acting_as, require_actor
from ipgov.core.ingest import profiles, registry
from ipgov.core.ingest.errors import ImportFailed, UploadNotFound
from ipgov.core.ingest.headers import IGNORED, normalize_header
from ipgov.core.ingest.models import ImportBatch
from ipgov.core.ingest.reading import detect_format, read_csv, read_excel
from ipgov.core.ingest.report import ImportReport
from ipgov.core.ingest.table import column_letter
from ipgov.core.scope import CHANGE, check_region, check_staff, scope_of

MAX_UPLOAD = 200 << 20  # 200 MB: a province's yearly register export is well below
PREVIEW_ROWS = 20
TOKEN_BYTES = 12


def _root() -> Path:
    return Path(settings.IPGOV_HOME) / "imports"


def check_may_import(who=None):
    """Staff who may change records of their own region (read-only roles may not import)."""
    scope = check_staff(who)
    if not scope.everything:
        check_region(scope.region, CHANGE, who=scope, what="imports")
    return scope


def stage(name: str, chunks, size: int) -> str:
    """Keep an uploaded file for the next steps; its token."""
    check_may_import()
    if size > MAX_UPLOAD:
        raise ImportFailed(_("%(name)s: %(size)s MB is more than the %(max)s MB an upload may have; import it with "
                             "the command line: ipgov import FILE")
                           % {"name": name, "size": f"{size / (1 << 20):,.0f}", "max": MAX_UPLOAD >> 20})
    token = secrets.token_hex(TOKEN_BYTES)
    folder = _root() / token
    folder.mkdir(parents=True)
    safe = Path(name).name.replace("/", "_")[:200] or "upload"
    with open(folder / safe, "wb") as fh:
        for chunk in chunks:
            fh.write(chunk)
    _write(folder, {"state": "staged", "file": safe, "actor": require_actor().label})
    return token


def staged_path(token: str) -> Path:
    """The staged file of `token`, for the actor who uploaded it."""
    if not token.isalnum() or len(token) != TOKEN_BYTES * 2:
        raise UploadNotFound(_("no such upload"))
    job = read_job(token)
    if job.get("actor") != require_actor().label and not scope_of().everything:
        raise UploadNotFound(_("no such upload"))
    return _root() / token / job["file"]


@dataclass
class Preview:
    file_name: str
    kind: str
    format: str
    encoding: str
    header_row: int
    columns: list[dict]  # letter, header, field ("" when no field takes it)
    rows: list[list[str]]
    fields: tuple[str, ...]
    unmapped: list[dict] = field(default_factory=list)


def preview(token: str, kind: str, profile: str = "", extra: dict[str, str] | None = None) -> Preview:
    """The file as the import would read it: header found, column → field, the first rows."""
    path = staged_path(token)
    headers = registry.headers(kind)
    if headers is None:
        raise ImportFailed(_("unknown kind %(kind)r; one of: %(kinds)s") % {"kind": kind, "kinds": ", ".join(registry.kinds())})
    columns = dict(profiles.get(profile).columns) if profile else {}
    columns.update(extra or {})
    if columns:
        headers = headers.extended(kind, columns)
    fmt, used = detect_format(path), ""
    if fmt == "csv":
        table, used, _lines = read_csv(path, headers, kind)
    elif fmt in ("xlsx", "xls"):
        table, _sheet = read_excel(path, headers, kind, fmt)
    else:
        raise ImportFailed(_("%(name)s: the staff UI imports CSV and Excel files; use ipgov import for %(format)s")
                           % {"name": path.name, "format": fmt})
    cells = table.header_cells
    chosen = {normalize_header(h) for h in (extra or {})}
    cols = [{"letter": column_letter(i), "header": h, "field": table.columns.get(i, ""),
             "chosen": normalize_header(h) in chosen} for i, h in enumerate(cells)]
    rows = []
    for _number, raw in table.raw_rows():
        rows.append(raw + [""] * (len(cells) - len(raw)))
        if len(rows) >= PREVIEW_ROWS:
            break
    unmapped = [c for c in cols if c["header"] and not c["field"]]
    return Preview(path.name, kind, fmt, used, table.header_row, cols, rows, registry.fields(kind), unmapped)


def dry_run(token: str, kind: str, profile: str = "", extra: dict[str, str] | None = None) -> ImportReport:
    """The import done in full, then rolled back: its counts and errors, nothing kept. `extra` maps columns
    beside the profile (chosen in the preview, not saved)."""
    path = staged_path(token)

    class _Rollback(Exception):
        pass

    outcome: dict = {}
    try:
        with transaction.atomic():
            report = registry.import_path(path, kind=kind, profile=profile or None, force=True,
                                          **({"columns": extra} if extra else {}))
            outcome["report"] = report
            if report.batch_id:
                report.outside_scope = outside_scope(ImportBatch.objects.get(pk=report.batch_id))
            raise _Rollback
    except _Rollback:
        pass
    report = outcome["report"]
    report.batch_id, report.status = None, "dry run"
    return report


def start(token: str, kind: str, profile: str = "", extra: dict[str, str] | None = None, *,
          inline: bool = False) -> None:
    """Commit the staged file as a background task (`inline`: in this thread, for tests and the CLI)."""
    path = staged_path(token)
    actor = require_actor()
    job = {**read_job(token), "state": "running", "done": 0, "total": None, "kind": kind, "profile": profile}
    _write(path.parent, job)

    def work():
        try:
            with acting_as(actor):
                def progress(done, total):
                    _write(path.parent, {**job, "done": done, "total": total})
                try:
                    report = registry.import_path(path, kind=kind, profile=profile or None, progress=progress,
                                                  **({"columns": extra} if extra else {}))
                except ImportFailed as exc:
                    report = exc.report
                    _write(path.parent, {**job, "state": "failed", "message": report.summary() if report else str(exc)})
                    return
                if report.batch_id:
                    batch = ImportBatch.objects.get(pk=report.batch_id)
                    batch.notes = {**batch.notes, "outside_scope": outside_scope(batch)}
                    batch.save(update_fields=["notes"])
                _write(path.parent, {**job, "state": "done", "done": report.rows_total, "total": report.rows_total,
                                     "batch": report.batch_id, "message": report.summary()})
        except Exception as exc:  # the task ends in a sentence on the page, never silently
            _write(path.parent, {**job, "state": "failed", "message": f"{type(exc).__name__}: {exc}"})
        finally:
            if not inline:
                connection.close()

    if inline or getattr(settings, "IPGOV_IMPORTS_INLINE", False):  # tests inside one transaction
        inline = True
        work()
    else:
        threading.Thread(target=work, name=f"ipgov-import-{token[:8]}", daemon=True).start()


def read_job(token: str) -> dict:
    try:
        return json.loads((_root() / token / "job.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        raise UploadNotFound(_("no such upload")) from None


def _write(folder: Path, job: dict) -> None:
    tmp = folder / "job.json.tmp"
    tmp.write_text(json.dumps(job, ensure_ascii=False), encoding="utf-8")
    tmp.replace(folder / "job.json")


def outside_scope(batch: ImportBatch, who=None) -> int:
    """Records the batch wrote outside the importing actor's region (or of no region): flagged, kept."""
    scope = scope_of(who)
    if scope.everything:
        return 0
    count = 0
    for model in _batch_models():
        mine = model.objects.filter(batch=batch)
        count += mine.count() - mine.restrict(scope).count()
    return count


def _batch_models():
    for model in apps.get_models():
        f = next((f for f in model._meta.fields if f.name == "batch"), None)
        if f is not None and f.related_model is ImportBatch and hasattr(model, "scope_region_field"):
            yield model


def mapping_from_form(data, headers: list[str], kind: str) -> dict[str, str]:
    """The staff's choices for the columns (`map-<letter>` = a field of `kind`, or "-" to leave one out)."""
    out, known = {}, registry.fields(kind)
    for i, header in enumerate(headers):
        value = (data.get(f"map-{column_letter(i)}") or "").strip()
        if value and header:
            if value != IGNORED and value not in known:
                raise ImportFailed(_("column %(letter)s %(header)s: %(kind)s have no field %(field)r")
                                   % {"letter": column_letter(i), "header": header, "kind": kind, "field": value})
            out[header] = "" if value == IGNORED else value
    return out
