"""Safe, streamed XML: defusedxml refuses entity declarations (billion laughs) and external
entities; documents are parsed with iterparse and cleared as they are consumed. A file may hold
one document, a wrapper with many, or many concatenated documents (USPTO weekly files)."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from pathlib import Path
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DTDForbidden, EntitiesForbidden, ExternalReferenceForbidden
from defusedxml.ElementTree import iterparse
from django.utils.translation import gettext as _

from ipgov.core.ingest.errors import ImportFailed

XML_DECL = re.compile(rb"^\s*<\?xml[\s?]")


def local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _pieces(path: Path) -> Iterator[tuple[int, bytes]]:
    """Each concatenated document of the file (split at XML declarations), with its first line number."""
    buf: list[bytes] = []
    start = 1
    with open(path, "rb") as fh:
        for number, line in enumerate(fh, start=1):
            if XML_DECL.match(line) and buf and any(b.strip() for b in buf):
                yield start, b"".join(buf)
                buf, start = [], number
            buf.append(line)
    if buf and any(b.strip() for b in buf):
        yield start, b"".join(buf)


def iter_elements(path: Path, record_tags: frozenset[str], nested: bool = False) -> Iterator[Element]:
    """Record elements (by local name), fully built, cleared after use. With `nested`, a record tag
    inside another record is part of it (tracked with start events, which cost a third more)."""
    events = ("start", "end") if nested else ("end",)
    is_record: dict = {}  # tag → whether its local name is a record tag (a document has few distinct tags)
    for first_line, data in _pieces(path):
        try:
            depth = 0
            for event, elem in iterparse(io.BytesIO(data), events=events,
                                         forbid_dtd=False, forbid_entities=True, forbid_external=True):
                if not nested:
                    tag = elem.tag
                    found = is_record.get(tag)
                    if found is None:
                        found = is_record[tag] = tag in record_tags or local(tag) in record_tags
                    if found:
                        yield elem
                        elem.clear()
                    continue
                if event == "start":
                    depth += local(elem.tag) in record_tags
                    continue
                if local(elem.tag) in record_tags:
                    depth -= 1
                    if depth == 0:
                        yield elem
                        elem.clear()
        except EntitiesForbidden as exc:
            raise ImportFailed(_("XML refused: it declares the entity %(name)r — entity expansion is not allowed (protection against "
                                 "billion-laughs bombs)") % {"name": exc.name}) from None
        except ExternalReferenceForbidden as exc:
            raise ImportFailed(_("XML refused: it references the external entity %(sysid)r — external entities are "
                                 "never loaded") % {"sysid": exc.sysid}) from None
        except DTDForbidden:
            raise ImportFailed(_("XML refused: DTD declarations are not allowed")) from None
        except ParseError as exc:
            line, column = exc.position
            raise ImportFailed(_("XML is malformed or truncated at line %(line)s, column %(column)s: %(reason)s "
                                 "(nothing was written; is the declared encoding right?)")
                               % {"line": first_line + line - 1, "column": column, "reason": _reason(exc)}) from None


def _reason(exc: ParseError) -> str:
    return str(exc).split(":")[0]


def root_tag(path: Path) -> str:
    for _offset, data in _pieces(path):
        try:
            for _event, elem in iterparse(io.BytesIO(data), events=("start",), forbid_dtd=False,
                                     forbid_entities=True, forbid_external=True):
                return elem.tag
        except EntitiesForbidden as exc:
            raise ImportFailed(_("XML refused: it declares the entity %(name)r — entity expansion is not allowed (protection against "
                                 "billion-laughs bombs)") % {"name": exc.name}) from None
        except ExternalReferenceForbidden as exc:
            raise ImportFailed(_("XML refused: it references the external entity %(sysid)r — external entities are "
                                 "never loaded") % {"sysid": exc.sysid}) from None
        except ParseError as exc:
            raise ImportFailed(_("not well-formed XML: %(error)s") % {"error": exc}) from None
    raise ImportFailed(_("the file is empty"))
