"""The report writers on a machine without the system parts pip cannot install.

Run in subprocesses so that the machine is really changed for them: no fontconfig fonts at all
(FONTCONFIG_FILE naming no font folder), or WeasyPrint's Pango hidden (a private mount namespace
where libpango is /dev/null: the dynamic loader then refuses it, as on a machine without it).
"""

from __future__ import annotations

import ctypes.util
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

PROBE = """
import django, os
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ipgov.settings")
django.setup()
from ipgov.reports import fonts
from ipgov.reports.writers import FormatUnavailable, unavailable, write
print("font:", fonts.cjk_font().family, fonts.cjk_font().path)
print("pdf:", unavailable("pdf"))
if unavailable("pdf"):
    try:
        write(None, "pdf", "never.pdf")  # refused before the report is read
    except FormatUnavailable as exc:
        print("refused:", exc)
"""


def _probe(tmp_path, prefix: list[str] = ()) -> str:
    conf = tmp_path / "fonts.conf"
    conf.write_text(f'<?xml version="1.0"?><fontconfig><cachedir>{tmp_path}/fc</cachedir></fontconfig>')
    env = {**os.environ, "FONTCONFIG_FILE": str(conf), "IPGOV_HOME": str(tmp_path / "home"),
           "MPLCONFIGDIR": str(tmp_path / "mpl")}
    env.pop("IPGOV_DATABASE_URL", None)
    result = subprocess.run([*prefix, sys.executable, "-c", PROBE], capture_output=True, text=True, env=env,
                            timeout=120, cwd=tmp_path)
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr
    return result.stdout


def test_the_font_comes_with_the_python_install(tmp_path):
    out = _probe(tmp_path)
    line = next(li for li in out.splitlines() if li.startswith("font:"))
    assert line.startswith("font: Noto Sans SC ") and Path(line.split(" ", 4)[4]).is_file()
    assert "site-packages" in line or "pylopdf_fonts_zh_cn" in line


def _pango() -> str | None:
    name = ctypes.util.find_library("pango-1.0")
    for folder in ("/usr/lib/x86_64-linux-gnu", "/usr/lib/aarch64-linux-gnu", "/usr/lib"):
        if name and Path(folder, name).exists():
            return str(Path(folder, name).resolve())
    return None


def _can_unshare() -> bool:
    if shutil.which("unshare") is None or os.geteuid() != 0:
        return False
    return subprocess.run(["unshare", "-m", "true"], capture_output=True).returncode == 0


@pytest.mark.skipif(_pango() is None or not _can_unshare(),
                    reason="needs libpango installed and root with unshare to hide it in a private mount")
def test_pdf_is_refused_with_a_sentence_without_pango(tmp_path):
    hide = ["unshare", "-m", "sh", "-c", f'mount --bind /dev/null "{_pango()}" && exec "$@"', "hide-pango"]
    out = _probe(tmp_path, hide)
    assert "pdf: WeasyPrint needs the system libraries Pango" in out
    assert "apt-get install -y libpango-1.0-0" in out
    assert "refused: PDF not written: WeasyPrint needs the system libraries Pango" in out
    assert "pdf: None" in _probe(tmp_path)  # and with Pango visible, the PDF can be written
