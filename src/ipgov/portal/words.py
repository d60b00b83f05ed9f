"""Comment text rules: links stripped, sensitive words found (the word list is a data file)."""

from __future__ import annotations

import functools
import os
import re
from pathlib import Path

DEFAULT_WORDS = Path(__file__).parent / "data" / "sensitive_words.txt"
LINK = re.compile(r"(?:https?://|ftp://|www\.)\S+|\b[\w-]+(?:\.[\w-]+)*\.(?:com|cn|net|org|top|xyz|info|cc)\b\S*",
                  re.IGNORECASE)


def strip_links(text: str) -> str:
    return LINK.sub("", text)


@functools.lru_cache(maxsize=4)
def _load(path: str, mtime: float) -> tuple[str, ...]:
    lines = Path(path).read_text(encoding="utf-8").splitlines()
    return tuple(w.strip() for w in lines if w.strip() and not w.lstrip().startswith("#"))


def sensitive_words() -> tuple[str, ...]:
    """The current list (re-read when the file changes, so an administrator's edit applies at once)."""
    path = Path(os.environ.get("IPGOV_PORTAL_SENSITIVE_WORDS") or DEFAULT_WORDS)
    return _load(str(path), path.stat().st_mtime)


def flagged(text: str) -> list[str]:
    folded = re.sub(r"\s+", "", text).lower()
    return [w for w in sensitive_words() if w.lower() in folded]
