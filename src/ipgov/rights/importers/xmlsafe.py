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

from ipgov.rights.importers.base import ImportFailed

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
    for first_line, data in _pieces(path):
        try:
            depth = 0
            for event, elem in iterparse(io.BytesIO(data), events=events,
                                         forbid_dtd=False, forbid_entities=True, forbid_external=True):
                if not nested:
                    if elem.tag in record_tags or local(elem.tag) in record_tags:
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
            raise ImportFailed(f"XML refused: it declares the entity {exc.name!r} — entity expansion is "
                               "not allowed (protection against billion-laughs bombs)") from None
        except ExternalReferenceForbidden as exc:
            raise ImportFailed(f"XML refused: it references the external entity {exc.sysid!r} — external "
                               "entities are never loaded") from None
        except DTDForbidden:
            raise ImportFailed("XML refused: DTD declarations are not allowed") from None
        except ParseError as exc:
            line, column = exc.position
            raise ImportFailed(f"XML is malformed or truncated at line {first_line + line - 1}, column {column}: "
                               f"{_reason(exc)} (nothing was written; is the declared encoding right?)") from None


def _reason(exc: ParseError) -> str:
    return str(exc).split(":")[0]


def root_tag(path: Path) -> str:
    for _, data in _pieces(path):
        try:
            for _, elem in iterparse(io.BytesIO(data), events=("start",), forbid_dtd=False,
                                     forbid_entities=True, forbid_external=True):
                return elem.tag
        except EntitiesForbidden as exc:
            raise ImportFailed(f"XML refused: it declares the entity {exc.name!r} — entity expansion is "
                               "not allowed (protection against billion-laughs bombs)") from None
        except ExternalReferenceForbidden as exc:
            raise ImportFailed(f"XML refused: it references the external entity {exc.sysid!r}") from None
        except ParseError as exc:
            raise ImportFailed(f"not well-formed XML: {exc}") from None
    raise ImportFailed("the file is empty")


def module_for(path: Path, fmt: str):
    """The importer module for an XML file (ST.36 or ST.96), from its root element."""
    from ipgov.rights.importers import st36, st96

    tag = root_tag(path)
    name, ns = local(tag), tag[1:].split("}")[0] if tag.startswith("{") else ""
    if fmt in ("st36", "xml") and name in st36.ROOTS | st36.WRAPPERS:
        return st36, "st36"
    if fmt in ("st96", "xml") and st96.accepts(name, ns):
        return st96, "st96"
    raise ImportFailed(f"not a patent document this importer knows: root element <{name}>"
                       f"{' in ' + ns if ns else ''} (ST.36: {', '.join(sorted(st36.ROOTS))}; "
                       f"ST.96: patent bibliographic documents)")
