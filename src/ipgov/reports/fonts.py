"""The CJK font every format uses (charts, PDF, DOCX), found on this machine — never downloaded."""

from __future__ import annotations

import functools
import subprocess
from dataclasses import dataclass
from pathlib import Path

# In order of preference. WenQuanYi Micro Hei (Debian `fonts-wqy-microhei`) is small and fast in
# WeasyPrint; Noto CJK works too but makes the PDF about 5× slower to write.
PREFERRED = ("WenQuanYi Micro Hei", "WenQuanYi Zen Hei", "Noto Sans CJK SC", "Noto Serif CJK SC",
             "Source Han Sans SC", "Droid Sans Fallback")


class NoCJKFont(RuntimeError):
    pass


@dataclass(frozen=True)
class Font:
    family: str
    path: str


def _fc_match(family: str) -> str | None:
    try:
        out = subprocess.run(["fc-match", "-f", "%{family}|%{file}", f"{family}:lang=zh-cn"],
                             capture_output=True, text=True, timeout=10, check=False).stdout
    except (OSError, subprocess.TimeoutExpired):
        return None
    found, _, path = out.partition("|")
    return path if family.lower() in found.lower() and Path(path).is_file() else None


@functools.cache
def cjk_font() -> Font:
    for family in PREFERRED:
        path = _fc_match(family)
        if path:
            return Font(family, path)
    raise NoCJKFont("no Chinese font found: install one, e.g. `apt-get install -y fonts-wqy-microhei` "
                    f"(looked for: {', '.join(PREFERRED)})")


@functools.cache
def matplotlib_family() -> str:
    """Register the CJK font with matplotlib (its cache may predate the font's installation)."""
    from matplotlib import font_manager

    font = cjk_font()
    font_manager.fontManager.addfont(font.path)
    return font_manager.FontProperties(fname=font.path).get_name()
