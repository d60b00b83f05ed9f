"""Header rows: synonyms of each field's column, per kind, and how well a row looks like a header."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping


def normalize_header(text: str) -> str:
    text = unicodedata.normalize("NFKC", str(text or "")).casefold()
    return re.sub(r"[\s_\-:：.]+", " ", text).strip().replace(" ", "")


IGNORED = "-"  # a profile's field for a column deliberately left out (not listed as unknown)


class HeaderSet:
    """The accepted headers of one or more kinds: kind → field → synonyms, and the key field of each
    kind (a header row must name it)."""

    def __init__(self, columns: Mapping[str, Mapping[str, tuple[str, ...]]], key_field: Mapping[str, str]):
        self.columns, self.key_field = columns, key_field
        self._lookup = {kind: {normalize_header(s): name for name, syns in cols.items() for s in syns}
                        for kind, cols in columns.items()}

    def extended(self, kind: str, columns: Mapping[str, str]) -> HeaderSet:
        """These headers plus a mapping profile's (the file's header → field, "" to leave a column out);
        the profile's word wins over a synonym."""
        out = HeaderSet(self.columns, self.key_field)
        lookup = dict(out._lookup[kind])
        for header, name in columns.items():
            lookup[normalize_header(header)] = name or IGNORED
        out._lookup[kind] = lookup
        return out

    def map_headers(self, cells: list[str], kind: str) -> dict[int, str]:
        """Column index → field name for a header row; the first column wins when two map to one field."""
        lookup, out, seen = self._lookup[kind], {}, set()
        for i, cell in enumerate(cells):
            name = lookup.get(normalize_header(cell))
            if name == IGNORED:
                seen.add(name)
                out[i] = name
                continue
            if name and name not in seen:
                out[i] = name
                seen.add(name)
        return out

    def score(self, cells: list[str], kind: str) -> int:
        """How well a row looks like the header of `kind`: matched columns, 0 without the key column."""
        mapped = self.map_headers(cells, kind)
        return len(mapped) if self.key_field[kind] in mapped.values() and len(mapped) >= 2 else 0

    def key_label(self, kind: str) -> str:
        """The header a file would most likely use for the key field (its first synonym)."""
        return self.columns[kind][self.key_field[kind]][0]
