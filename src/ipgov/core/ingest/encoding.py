"""Text encoding of a tabular export: UTF-8 (with or without BOM) or GBK/GB18030, detected or declared.

Detection is by strict decoding, not guessing: a file is UTF-8 when it decodes as UTF-8, else
GB18030 (a superset of GBK) when it decodes as that and none of its lines is valid non-ASCII
UTF-8 — a file with both kinds of lines is refused as mixed, with the line numbers.
"""

from __future__ import annotations

import codecs

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from ipgov.core.ingest.errors import ImportFailed

UTF8_BOM = codecs.BOM_UTF8
ALIASES = {"utf8": "utf-8", "utf-8-sig": "utf-8", "gbk": "gb18030", "gb2312": "gb18030", "gb18030": "gb18030",
           "cp936": "gb18030", "utf-8": "utf-8"}


def _line_of(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def _mixed_lines(data: bytes) -> tuple[list[int], list[int]]:
    """Line numbers of non-ASCII lines that are valid UTF-8, and of those that are not."""
    utf8, other = [], []
    for number, line in enumerate(data.split(b"\n"), start=1):
        if line.isascii():
            continue
        try:
            line.decode("utf-8")
            utf8.append(number)
        except UnicodeDecodeError:
            other.append(number)
    return utf8, other


def _sample(numbers: list[int]) -> str:
    shown = pgettext("between the items of a list", ", ").join(map(str, numbers[:5]))  # zh: 1、2、3
    return shown + (" … " + _("(%(n)s lines)") % {"n": len(numbers)} if len(numbers) > 5 else "")


def decode(data: bytes, declared: str | None = None) -> tuple[str, str]:
    """The text of `data` and the encoding used; ImportFailed with the reason when it cannot be decoded."""
    if not data.strip():
        raise ImportFailed(_("the file is empty"))
    has_bom = data.startswith(UTF8_BOM)
    body = data[len(UTF8_BOM):] if has_bom else data
    if declared:
        enc = ALIASES.get(declared.lower().replace("_", "-"))
        if enc is None:
            raise ImportFailed(_("unsupported encoding %(declared)r (use utf-8 or gbk/gb18030)") % {"declared": declared})
        if enc == "gb18030" and has_bom:
            raise ImportFailed(_("declared %(declared)s but the file starts with a UTF-8 byte-order mark")
                               % {"declared": declared})
        if enc == "gb18030" and not body.isascii():
            try:
                body.decode("utf-8")
            except UnicodeDecodeError:
                pass
            else:
                raise ImportFailed(_("declared %(declared)s but the file is UTF-8 (every line decodes as UTF-8); "
                                     "drop the declaration or declare utf-8") % {"declared": declared})
        try:
            return body.decode(enc), enc + ("-sig" if has_bom else "")
        except UnicodeDecodeError as exc:
            line = _line_of(body, exc.start)
            hint = ""
            if enc == "utf-8":
                try:
                    body.decode("gb18030")
                    hint = _("; it decodes as GBK/GB18030 — declare gbk or let the encoding be detected")
                except UnicodeDecodeError:
                    pass
            raise ImportFailed(_("declared %(declared)s but byte %(byte)s at line %(line)s is not %(declared)s")
                               % {"declared": declared, "byte": f"0x{body[exc.start]:02x}", "line": line}
                               + hint) from None
    try:
        return body.decode("utf-8"), "utf-8-sig" if has_bom else "utf-8"
    except UnicodeDecodeError as exc:
        first_bad = exc.start
        if exc.reason == "unexpected end of data":
            raise ImportFailed(_("the file ends inside a UTF-8 character (line %(line)s): it looks truncated")
                               % {"line": _line_of(body, exc.start)}) from None
    utf8_lines, other_lines = _mixed_lines(body)
    if utf8_lines and other_lines:
        raise ImportFailed(_("mixed encodings: lines %(utf8)s are UTF-8 but lines %(other)s are not; re-export the "
                             "file in one encoding") % {"utf8": _sample(utf8_lines), "other": _sample(other_lines)})
    if has_bom:
        raise ImportFailed(_("the file has a UTF-8 byte-order mark but byte %(byte)s at line %(line)s is not UTF-8")
                           % {"byte": f"0x{body[first_bad]:02x}", "line": _line_of(body, first_bad)})
    try:
        return body.decode("gb18030"), "gb18030"
    except UnicodeDecodeError as exc:
        if exc.start >= len(body) - 4:
            raise ImportFailed(_("the file ends inside a multi-byte character: it looks truncated")) from None
        raise ImportFailed(_("neither UTF-8 nor GBK/GB18030: byte %(byte)s at line %(line)s")
                           % {"byte": f"0x{body[exc.start]:02x}", "line": _line_of(body, exc.start)}) from None


def detect_file(path, declared: str | None = None) -> tuple[str, str, int]:
    """The Python codec to read `path` with, the encoding to report, and its line count — without
    holding the decoded text: UTF-8 is checked block by block; anything else is examined whole."""
    decoder = codecs.getincrementaldecoder("utf-8")("strict")
    lines, first = 0, True
    has_bom = False
    try:
        with open(path, "rb") as fh:
            for block in iter(lambda: fh.read(1 << 20), b""):
                if first:
                    has_bom, first = block.startswith(UTF8_BOM), False
                if b"\x00" in block:
                    raise ImportFailed(_("the file contains NUL bytes: it is binary, not a CSV export"))
                lines += block.count(b"\n")
                if declared is None:
                    decoder.decode(block)
            if declared is None:
                decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        pass
    else:
        if declared is None:
            if first:
                raise ImportFailed(_("the file is empty"))
            return ("utf-8-sig", "utf-8-sig" if has_bom else "utf-8", lines)
    with open(path, "rb") as fh:
        text, used = decode(fh.read(), declared)
    if not text.strip():
        raise ImportFailed(_("the file is empty"))
    codec = "utf-8-sig" if used.startswith("utf-8") else used
    return codec, used, text.count("\n")  # the blocks' count stopped at the first byte UTF-8 refused
