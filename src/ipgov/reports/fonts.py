"""The CJK font every format uses (charts, PDF, DOCX) — never downloaded at run time.

The font comes with the Python install: the `pylopdf-fonts-zh-cn` dependency ships Noto Sans SC
and Noto Serif SC (SIL OFL 1.1) as files inside the package, so a machine without any system font
(no fontconfig fonts, a bare container) writes the same report as a desktop. The writers take the
font by its file: WeasyPrint through an `@font-face` rule, matplotlib through `addfont`; DOCX only
names the family (Word renders it with the reader's fonts).

Fandol (the free 宋/仿宋/黑/楷 family issue 15's 公文 layout wants) lacks characters of Henan's own
division names (浉河区, 瀍河回族区), so Noto SC, which covers them, stays the fallback for it.

The 公文 layout (GB/T 9704) names four faces: 小标宋 (title), 仿宋 (body), 黑体 (first-level headings),
楷体 (second-level). No free 仿宋/小标宋 covering Henan's place names installs offline from PyPI, so
`gongwen_fonts()` maps them onto the two packaged faces: the title and body on Noto Serif SC (a Song
face, the nearest to 小标宋/仿宋; the title set bold), headings on Noto Sans SC (a 黑体 face). The
layout — sizes, 22 lines × 28 characters, margins — is the standard's; only the faces are substitutes.
"""

from __future__ import annotations

import functools
import subprocess
from dataclasses import dataclass
from pathlib import Path

# System fonts looked for (through fontconfig) only when the packaged font is missing.
SYSTEM_FALLBACK = ("WenQuanYi Micro Hei", "WenQuanYi Zen Hei", "Noto Sans CJK SC", "Noto Serif CJK SC",
                   "Source Han Sans SC", "Droid Sans Fallback")


class NoCJKFont(RuntimeError):
    pass


@dataclass(frozen=True)
class Font:
    family: str
    path: str


def _packaged(serif: bool = False) -> Font | None:
    try:
        import pylopdf_fonts_zh_cn as fonts
    except ImportError:
        return None
    path = fonts.serif_path() if serif else fonts.sans_path()
    return Font("Noto Serif SC" if serif else "Noto Sans SC", str(path)) if path.is_file() else None


@dataclass(frozen=True)
class GongwenFonts:
    """The faces of the 公文 layout: title (小标宋-style), body (仿宋-style), heading (黑体-style)."""

    title: Font
    body: Font
    heading: Font

    def faces(self) -> list[Font]:
        return list(dict.fromkeys((self.title, self.body, self.heading)))


@functools.cache
def gongwen_fonts() -> GongwenFonts:
    sans = cjk_font()
    serif = _packaged(serif=True) or sans
    return GongwenFonts(title=serif, body=serif, heading=sans)


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
    font = _packaged()
    if font:
        return font
    for family in SYSTEM_FALLBACK:
        path = _fc_match(family)
        if path:
            return Font(family, path)
    raise NoCJKFont("no Chinese font found: the package pylopdf-fonts-zh-cn (installed with ipgov) is missing; "
                    "reinstall ipgov (`pip install -e .`) or install a system font, e.g. "
                    f"`apt-get install -y fonts-wqy-microhei` (looked for: {', '.join(SYSTEM_FALLBACK)})")


def font_face_css(font: Font) -> str:
    """An @font-face rule that makes the family resolve to the file, whatever fontconfig knows."""
    return f'@font-face {{ font-family: "{font.family}"; src: url("{Path(font.path).as_uri()}"); }}'


@functools.cache
def matplotlib_family() -> str:
    """Register the CJK font with matplotlib (its cache may predate the font's installation)."""
    from matplotlib import font_manager

    font = cjk_font()
    font_manager.fontManager.addfont(font.path)
    return font_manager.FontProperties(fname=font.path).get_name()
