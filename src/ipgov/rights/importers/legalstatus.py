"""法律状态 text → legal events, from a data table of CNIPA's legal-status phrases
(data/legal_status/cnipa_legal_status_phrases.csv: phrase, event type or empty for a state that
is no event). An export may list several phrases (`公布;实质审查的生效`); phrases the table does not
know are kept (the record's source status) and counted in the import report, never guessed."""

from __future__ import annotations

import csv
import re
import unicodedata
from functools import cache, lru_cache
from importlib import resources

from ipgov.rights.choices import LegalEventKind

SPLIT = re.compile(r"\s*[;；,，、|]\s*")


@cache
def phrases() -> tuple[tuple[str, str], ...]:
    """(phrase, event type or "") in the table's order: a longer phrase comes before the shorter one it holds."""
    path = resources.files("ipgov.rights") / "data" / "legal_status" / "cnipa_legal_status_phrases.csv"
    with path.open(encoding="utf-8") as fh:
        return tuple((row["phrase"], LegalEventKind(row["event"]) if row["event"] else "")
                     for row in csv.DictReader(fh))


@lru_cache(maxsize=4096)
def classify(text: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(event types named, unknown phrases) of one 法律状态 cell."""
    kinds, unknown = [], []
    table = phrases()
    exact = dict(table)
    for part in SPLIT.split(unicodedata.normalize("NFKC", text or "").strip()):
        if not part:
            continue
        kind = exact.get(part)
        if kind is None:
            kind = next((k for phrase, k in table if phrase in part), None)
        if kind is None:
            unknown.append(part)
        elif kind and kind not in kinds:
            kinds.append(kind)
    return tuple(kinds), tuple(unknown)
