"""`ipgov backup` and `ipgov restore`: a consistent snapshot of the database plus the uploaded files
(case documents, article attachments, portal images), with a manifest an office can check.

The manifest lists every file with its SHA-256 and size, the row count of every table and the content
digests the apps register (IPGOV_BACKUP_DIGESTS: the cube hash), all taken from the snapshot itself —
SQLite's online backup API, or `pg_dump --snapshot` inside the transaction that counts. A restore checks
every file before touching anything, restores only into an empty home and database, and then recounts.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import connection, connections, transaction
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

FORMAT = 1
MANIFEST = "manifest.json"
DUMPS = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}


class BackupError(Exception):
    """A backup or restore refused or failed; the message says what and what to do."""


@dataclass(frozen=True)
class Summary:
    folder: Path
    vendor: str
    tables: int
    rows: int
    files: int
    digests: dict


def _folders(home: Path) -> list[Path]:
    """The folders of uploaded files under IPGOV_HOME (settings.IPGOV_BACKUP_FOLDERS), kept under files/."""
    return [home / folder for folder in settings.IPGOV_BACKUP_FOLDERS]


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        while block := f.read(1 << 20):
            digest.update(block)
    return digest.hexdigest()


def _vendor() -> str:
    if connection.vendor not in DUMPS:
        raise BackupError(_("backups support SQLite and PostgreSQL, not %(vendor)s") % {"vendor": connection.vendor})
    return connection.vendor


def _tables() -> list[str]:
    with connection.cursor() as cursor:
        return sorted(connection.introspection.table_names(cursor))


def _measure(cursor, vendor: str, tables: list[str]) -> tuple[dict, dict]:
    """Row counts per table and the registered digests, on whatever the cursor sees."""
    counts = {}
    for table in tables:
        cursor.execute(f'SELECT COUNT(*) FROM "{table}"')
        counts[table] = cursor.fetchone()[0]
    digests = {name: import_string(path)(cursor, vendor)
               for name, path in sorted(getattr(settings, "IPGOV_BACKUP_DIGESTS", {}).items())}
    return counts, digests


def _libpq_env() -> dict:
    db = connection.settings_dict
    env = dict(os.environ)
    for key, value in (("PGHOST", db.get("HOST")), ("PGPORT", db.get("PORT")), ("PGUSER", db.get("USER")),
                       ("PGPASSWORD", db.get("PASSWORD")), ("PGDATABASE", db.get("NAME"))):
        if value:
            env[key] = str(value)
    return env


def _run(command: list[str]) -> None:
    try:
        result = subprocess.run(command, env=_libpq_env(), capture_output=True, text=True)
    except FileNotFoundError:
        raise BackupError(_("%(program)s is not installed: install the PostgreSQL client tools "
                            "(Debian: apt-get install postgresql-client)") % {"program": command[0]}) from None
    if result.returncode != 0:
        raise BackupError(_("%(program)s failed: %(output)s")
                          % {"program": command[0], "output": result.stderr.strip() or result.stdout.strip()})


def _snapshot(vendor: str, out: Path) -> tuple[dict, dict]:
    tables = _tables()
    if vendor == "sqlite":
        source = sqlite3.connect(connection.settings_dict["NAME"])
        target = sqlite3.connect(out)
        try:
            source.backup(target)  # online: a consistent copy while the office keeps working
        finally:
            source.close()
        try:
            return _measure(target.cursor(), vendor, tables)
        finally:
            target.close()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        cursor.execute("SELECT pg_export_snapshot()")
        snapshot = cursor.fetchone()[0]
        _run(["pg_dump", "--format=custom", f"--snapshot={snapshot}", "--file", str(out)])
        return _measure(cursor, vendor, tables)


def backup(to: Path | None = None) -> Summary:
    vendor = _vendor()
    home = Path(settings.IPGOV_HOME)
    folder = Path(to) if to else home / "backups" / f"ipgov-{datetime.datetime.now():%Y%m%d-%H%M%S}"
    folder = folder.resolve()
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise BackupError(_("%(folder)s already exists and is not an empty folder: name a new one with --to")
                          % {"folder": folder})
    partial = folder.with_name(folder.name + ".partial")  # renamed when complete: never a half backup
    shutil.rmtree(partial, ignore_errors=True)
    partial.mkdir(parents=True)
    try:
        dump = partial / DUMPS[vendor]
        counts, digests = _snapshot(vendor, dump)
        files = {DUMPS[vendor]: _entry(dump)}
        uploads = [path for folder in _folders(home) if folder.is_dir() for path in sorted(folder.rglob("*"))]
        for path in uploads:
            if path.is_file() and not path.name.endswith(".tmp"):
                relative = Path("files") / path.relative_to(home)
                (partial / relative).parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(path, partial / relative)
                files[relative.as_posix()] = _entry(partial / relative)
        manifest = {"format": FORMAT, "created": datetime.datetime.now().astimezone().isoformat(),
                    "database": {"vendor": vendor, "file": DUMPS[vendor]}, "files": files,
                    "counts": counts, "digests": digests}
        (partial / MANIFEST).write_text(json.dumps(manifest, indent=1, ensure_ascii=False), encoding="utf-8")
        if folder.exists():
            folder.rmdir()
        partial.rename(folder)
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True)
        raise
    return Summary(folder, vendor, len(counts), sum(counts.values()), len(files) - 1, digests)


def _entry(path: Path) -> dict:
    return {"sha256": sha256_of(path), "size": path.stat().st_size}


def read_manifest(folder: Path) -> dict:
    path = folder / MANIFEST
    if not path.is_file():
        raise BackupError(_("%(folder)s holds no %(manifest)s: it is not an ipgov backup")
                          % {"folder": folder, "manifest": MANIFEST})
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except (ValueError, UnicodeDecodeError) as exc:
        raise BackupError(_("%(path)s is damaged (%(reason)s): nothing was restored") % {"path": path, "reason": exc}) \
            from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError(_("%(path)s: unknown backup format %(format)s (this ipgov reads format %(known)s)")
                          % {"path": path, "format": manifest.get("format") if isinstance(manifest, dict) else "?",
                             "known": FORMAT})
    return manifest


def verify(folder: Path, manifest: dict) -> None:
    """Every file the manifest lists is there, with its size and SHA-256; nothing is trusted otherwise."""
    for name, expected in manifest["files"].items():
        path = (folder / name).resolve()
        if folder.resolve() not in path.parents:
            raise BackupError(_("the manifest names %(name)r, outside the backup folder: refused") % {"name": name})
        if not path.is_file():
            raise BackupError(_("%(name)s is missing from the backup %(folder)s: nothing was restored")
                              % {"name": name, "folder": folder})
        if path.stat().st_size != expected["size"] or sha256_of(path) != expected["sha256"]:
            raise BackupError(_("%(name)s in %(folder)s does not match the manifest's SHA-256: the backup was "
                                "changed or damaged; nothing was restored") % {"name": name, "folder": folder})


def _refuse_non_empty(home: Path) -> None:
    tables = _tables()
    if tables:
        where = (connection.settings_dict["NAME"] if connection.vendor == "sqlite"
                 else f"database {connection.settings_dict['NAME']}")
        raise BackupError(_("%(where)s already holds %(n)s tables: a backup is restored only into an empty "
                            "home and database. Point IPGOV_HOME (and IPGOV_DATABASE_URL) at new, empty ones")
                          % {"where": where, "n": len(tables)})
    for folder in _folders(home):
        if folder.is_dir() and any(p.is_file() for p in folder.rglob("*")):
            raise BackupError(_("%(folder)s already holds documents: restore into a new, empty IPGOV_HOME")
                              % {"folder": folder})


def restore(folder: Path) -> Summary:
    folder = Path(folder).resolve()
    vendor = _vendor()
    manifest = read_manifest(folder)
    verify(folder, manifest)
    if manifest["database"]["vendor"] != vendor:
        raise BackupError(_("this is a backup of a %(theirs)s database and this home uses %(ours)s: "
                            "restore it into a home of the same kind")
                          % {"theirs": manifest["database"]["vendor"], "ours": vendor})
    home = Path(settings.IPGOV_HOME)
    _refuse_non_empty(home)
    dump = folder / manifest["database"]["file"]
    if vendor == "sqlite":
        connections.close_all()
        name = Path(connection.settings_dict["NAME"])
        source, target = sqlite3.connect(f"file:{dump}?mode=ro", uri=True), sqlite3.connect(name)
        try:
            source.backup(target)
        finally:
            source.close()
            target.close()
    else:
        _run(["pg_restore", "--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction",
              "--dbname", connection.settings_dict["NAME"], str(dump)])
    copied = 0
    for name in manifest["files"]:
        if name.startswith("files/"):
            target = home / Path(name).relative_to("files")
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(folder / name, target)
            copied += 1
    with connection.cursor() as cursor:
        counts, digests = _measure(cursor, vendor, sorted(manifest["counts"]))
    if counts != manifest["counts"] or digests != manifest["digests"]:
        differ = sorted(k for k in {**counts, **manifest["counts"]} if counts.get(k) != manifest["counts"].get(k))
        differ += sorted(k for k in manifest["digests"] if digests.get(k) != manifest["digests"][k])
        raise BackupError(_("the restored database does not match the manifest (%(differ)s): "
                            "do not use it; restore again into a new, empty home") % {"differ": ", ".join(differ)})
    return Summary(folder, vendor, len(counts), sum(counts.values()), copied, digests)
