"""The register's import: patents, trademarks and GI products through the one ingest path
(`core.ingest.batch`), with the register's formats (CSV, Excel, ST.36/ST.96 XML) and bulk writer."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

from django.utils.translation import gettext as _

from ipgov.core.ingest import ahead, bulk
from ipgov.core.ingest import batch as ingest
from ipgov.core.ingest.ahead import read_ahead
from ipgov.core.ingest.choices import REGISTER_KINDS, ImportKind
from ipgov.core.ingest.errors import ImportFailed, RowError
from ipgov.core.ingest.reading import detect_format, read_csv, read_excel
from ipgov.core.ingest.records import Record
from ipgov.core.ingest.report import ImportReport
from ipgov.core.ingest.xmlsafe import local, root_tag
from ipgov.regions import resolver
from ipgov.rights.importers import columnar, regionmatch, st36, st96
from ipgov.rights.importers.columnar_trademarks import TrademarkChunks
from ipgov.rights.importers.headers import REGISTER_HEADERS
from ipgov.rights.importers.mapping import MAPPERS
from ipgov.rights.importers.writer import Writer
from ipgov.rights.signals import register_batch_written

FORMATS = ("csv", "xlsx", "xls", "xml", "st36", "st96")
CHUNK_MAPPERS = {"patents": columnar.PatentChunks, "trademarks": TrademarkChunks}

__all__ = ["detect_format", "import_file"]


def import_file(path: str | Path, *, kind: str | None = None, fmt: str = "auto", strict: bool = False,
                encoding: str | None = None, progress: ingest.Progress | None = None,
                force: bool = False, columns: dict[str, str] | None = None, **options) -> ImportReport:
    """Import one register file as one batch (see `core.ingest.batch.run` for the commit rule); `columns`
    are a mapping profile's (header → field), `options` go to `batch.run` (profile, retry_of, row_numbers)."""
    if kind is not None and kind not in REGISTER_KINDS:
        raise ImportFailed(_("unknown kind %(kind)r; one of: %(kinds)s")
                           % {"kind": kind, "kinds": ", ".join(REGISTER_KINDS)})
    if fmt not in (None, "auto", *FORMATS):
        raise ImportFailed(_("unknown format %(format)r; one of: %(formats)s")
                           % {"format": fmt, "formats": ", ".join(("auto", *FORMATS))})

    def open_source(path: Path, report: ImportReport) -> ingest.Source:
        regionmatch.clear()
        return _open(path, detect_format(path) if fmt in (None, "auto") else fmt, kind, encoding, columns)

    return ingest.run(path, kind=kind, open_source=open_source, strict=strict, progress=progress, force=force,
                      make_writer=lambda batch, report: RegisterWriter(report.kind, batch, report), **options)


def headers_for(kind: str | None, columns: dict[str, str] | None):
    """The register's synonyms, completed by a mapping profile's columns (a profile names its kind)."""
    return REGISTER_HEADERS.extended(kind, columns) if columns and kind else REGISTER_HEADERS


def open_table(path: Path, fmt: str, kind: str | None, declared: str | None, columns: dict[str, str] | None = None):
    """(table, encoding used, row count) of a CSV or Excel register file."""
    headers = headers_for(kind, columns)
    if fmt == "csv":
        return read_csv(path, headers, kind, declared)
    table, total = read_excel(path, headers, kind, fmt)
    return table, "", total


def _open(path: Path, fmt: str, kind: str | None, declared: str | None,
          columns: dict[str, str] | None = None) -> ingest.Source:
    if fmt in ("csv", "xlsx", "xls"):
        table, used, total = open_table(path, fmt, kind, declared, columns)
        mapper = MAPPERS[table.kind]()

        def raw_rows(wanted: set[int]) -> dict[int, list[str]]:
            again = open_table(path, fmt, table.kind, used or declared, columns)[0]
            return {n: cells for n, cells in again.raw_rows() if n in wanted}

        def records() -> Iterator[Record | list[RowError]]:
            # patents and trademarks: a chunk at a time, set-based, the rows it cannot decide by the row mapper
            # (columnar.py, columnar_trademarks.py)
            chunks = CHUNK_MAPPERS.get(table.kind)
            results = chunks(mapper, table.columns.values()).map_table(table) if chunks else map(mapper.from_row, table)
            for result in results:
                if isinstance(result, list):  # refused: name the file's columns, not the mapper's fields
                    result = [replace(e, field=table.column_label(e.field)) for e in result]
                yield result
            yield from ([e] for e in table.errors)  # malformed rows found while reading
            table.errors.clear()

        def restore(unmapped: list[dict]) -> None:
            table.unmapped[:] = unmapped

        # mapped ahead of the writer (ahead.py); the one thing the mappers read from the database, the region
        # index, is loaded here first
        items = read_ahead(records(), prepare=resolver.get_index, threaded=ahead.pays_off(),
                           forked=ahead.Forked(_hashed, lambda: table.unmapped, restore) if _fork(total) else None)
        return ingest.Source(items, total, table.kind, fmt, REGISTER_HEADERS.key_label(table.kind), used,
                             header=table.header_cells, unmapped=table.unmapped, raw_rows=raw_rows)
    if kind not in (None, ImportKind.PATENTS):
        raise ImportFailed(_("XML documents hold patents, not %(kind)s") % {"kind": ImportKind(kind).label})
    module, fmt = _xml_module(path, fmt)
    mapper = MAPPERS["patents"]()
    items = ([raw] if isinstance(raw, RowError) else mapper.build(number, raw) for number, raw in module.documents(path))
    items = read_ahead(items, prepare=resolver.get_index, threaded=ahead.pays_off(),
                       forked=ahead.Forked(_hashed) if _fork(None) else None)
    return ingest.Source(items, None, ImportKind.PATENTS, fmt, REGISTER_HEADERS.key_label("patents"))


FORK_FROM = 5_000  # rows: a smaller file is mapped in this process (a fork and its pipe cost milliseconds, a
#                   5,000-row import about a second)
FORKING = True  # False: every file mapped in the importing process (bench_import's --threaded comparison)


def _fork(total: int | None) -> bool:
    """Whether a file's rows are mapped in a child process (`ahead.Forked`) rather than in this one."""
    return FORKING and (total is None or total >= FORK_FROM)


def _hashed(item) -> None:
    """A record's hash computed where it is mapped (in the child, beside the writer)."""
    if isinstance(item, Record):
        item.hash  # noqa: B018 (the property computes and keeps it)


def _xml_module(path: Path, fmt: str):
    """The reader of an XML file (ST.36 or ST.96), from its root element."""
    tag = root_tag(path)
    name, ns = local(tag), tag[1:].split("}")[0] if tag.startswith("{") else ""
    if fmt in ("st36", "xml") and name in st36.ROOTS | st36.WRAPPERS:
        return st36, "st36"
    if fmt in ("st96", "xml") and st96.accepts(name, ns):
        return st96, "st96"
    raise ImportFailed(_("not a patent document this importer knows: root element %(element)s (ST.36: %(roots)s; "
                         "ST.96: patent bibliographic documents)")
                       % {"element": f"<{tag}>", "roots": ", ".join(sorted(st36.ROOTS))})


class RegisterWriter(Writer):
    """The register's bulk writer, in a session tuned for millions of rows."""

    @contextmanager
    def session(self):
        self.filling = self.first_fill()
        with bulk.session(self.tables, first_fill=self.filling):
            yield
        register_batch_written.send(RegisterWriter, batch=self.batch, report=self.report)
