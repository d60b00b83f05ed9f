"""PDF: the HTML page with print CSS (A4, page numbers), laid out by WeasyPrint in the CJK font.

WeasyPrint needs system libraries (Pango, HarfBuzz, fontconfig) that pip cannot install. Where they
are missing the PDF is the one format that cannot be written: `unavailable()` says why, before any
long work, and `writers.write` refuses with that sentence (FormatUnavailable) instead of a traceback.
"""

from __future__ import annotations

import contextlib
import ctypes
import functools
import io
import tempfile
import warnings
from pathlib import Path

from ipgov.reports import fonts
from ipgov.reports.writers import html

# The shared libraries WeasyPrint dlopens, each under the names it tries (Linux and macOS).
LIBRARIES = {
    "GObject": ("libgobject-2.0-0", "libgobject-2.0.so.0", "libgobject-2.0.0.dylib"),
    "Pango": ("libpango-1.0-0", "libpango-1.0.so.0", "libpango-1.0.dylib"),
    "HarfBuzz": ("libharfbuzz-0", "libharfbuzz.so.0", "libharfbuzz.0.dylib"),
    "fontconfig": ("libfontconfig-1", "libfontconfig.so.1", "libfontconfig.1.dylib"),
    "PangoFT2": ("libpangoft2-1.0-0", "libpangoft2-1.0.so.0", "libpangoft2-1.0.dylib"),
}
INSTALL_HINT = "install them, e.g. `apt-get install -y libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0`"


def _loads(names: tuple[str, ...]) -> bool:
    for name in names:
        with contextlib.suppress(OSError):
            ctypes.CDLL(name)
            return True
    return False


@functools.cache
def unavailable() -> str | None:
    """Why no PDF can be written on this machine, or None when it can."""
    missing = [lib for lib, names in LIBRARIES.items() if not _loads(names)]
    if missing:
        return f"WeasyPrint needs the system libraries {', '.join(missing)}, not found on this machine; {INSTALL_HINT}"
    try:
        # WeasyPrint prints a banner when a library fails, and warns when fontconfig knows no font
        # (ours comes by file, through @font-face)
        with contextlib.redirect_stdout(io.StringIO()), warnings.catch_warnings():
            warnings.filterwarnings("ignore", message="No fonts configured in FontConfig")
            import weasyprint  # noqa: F401
    except (OSError, ImportError) as exc:
        return f"WeasyPrint cannot start ({exc}); {INSTALL_HINT}"
    return None


def write(report, path: Path) -> None:
    from weasyprint import HTML  # imported here: pango is loaded only when a PDF is asked for

    with tempfile.TemporaryDirectory(prefix="ipgov-fonts-") as folder:
        page = fonts.cut_to_text(html.render(report, for_print=True), Path(folder))
        HTML(string=page).write_pdf(str(path))
