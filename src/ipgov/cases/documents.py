"""Checking and storing case documents under IPGOV_HOME (content-addressed: one file per content)."""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _

# Deploy-time limit; a scanned decision is a few MB, 20 MB leaves room for photo evidence.
MAX_BYTES = int(float(os.environ.get("IPGOV_CASE_DOCUMENT_MAX_MB", "20")) * 1024 * 1024)

ZIP = b"PK\x03\x04"
# extension -> the bytes such a file starts with (None: text, checked as UTF-8 instead)
ALLOWED = {
    ".pdf": (b"%PDF-",),
    ".ofd": (ZIP,),  # GB/T 33190 版式文档, the format of Chinese e-government documents
    ".docx": (ZIP,),
    ".xlsx": (ZIP,),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".png": (b"\x89PNG\r\n\x1a\n",),
    ".txt": None,
}


class DocumentRefused(ValueError):
    pass


@dataclass(frozen=True)
class Stored:
    name: str
    size: int
    sha256: str
    path: str  # relative to IPGOV_HOME


MAX_NAME_CHARS = 200  # CaseDocument.name


def check(name: str, content: bytes) -> str:
    """The file's extension if its name, type and size are acceptable; DocumentRefused otherwise."""
    base = Path(name or "").name
    ext = Path(base).suffix.lower()
    if not base or base != name.strip():
        raise DocumentRefused(_("a document needs a plain file name, not %(name)r") % {"name": name})
    if len(base) > MAX_NAME_CHARS:  # the register keeps names up to this length: refused, never cut
        raise DocumentRefused(_("the file name %(name)s… has %(length)s characters, more than %(max)s: rename the "
                                "file and upload it again") % {"name": base[:20], "length": len(base),
                                                               "max": MAX_NAME_CHARS})
    if ext not in ALLOWED:
        raise DocumentRefused(_("%(name)s: files of type %(ext)s are not accepted (accepted: %(allowed)s)")
                              % {"name": base, "ext": ext or _("(none)"), "allowed": ", ".join(ALLOWED)})
    if not content:
        raise DocumentRefused(_("%(name)s is empty") % {"name": base})
    if len(content) > MAX_BYTES:
        raise DocumentRefused(_("%(name)s is %(size)s bytes, over the limit of %(max)s bytes")
                              % {"name": base, "size": len(content), "max": MAX_BYTES})
    magic = ALLOWED[ext]
    if magic is None:
        try:
            text = content.decode("utf-8")
        except UnicodeDecodeError:
            raise DocumentRefused(_("%(name)s is not UTF-8 text") % {"name": base}) from None
        if "\x00" in text:
            raise DocumentRefused(_("%(name)s is not a text file") % {"name": base})
    elif not content.startswith(magic):
        raise DocumentRefused(_("%(name)s does not contain what its %(ext)s name says")
                              % {"name": base, "ext": ext})
    return ext


def store(name: str, content: bytes) -> Stored:
    """Check and write the content once under IPGOV_HOME/cases/documents/ab/<sha256><ext>."""
    ext = check(name, content)
    digest = hashlib.sha256(content).hexdigest()
    relative = Path("cases") / "documents" / digest[:2] / f"{digest}{ext}"
    target = Path(settings.IPGOV_HOME) / relative
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_suffix(target.suffix + f".{os.getpid()}.tmp")
        tmp.write_bytes(content)
        os.replace(tmp, target)
    return Stored(Path(name).name, len(content), digest, str(relative))


def open_stored(path: str) -> bytes:
    return (Path(settings.IPGOV_HOME) / path).read_bytes()
