"""What `ipgov demo` checks before its long work: everything that could otherwise fail at the end.

Fatal problems (home not writable, too little disk, database unreachable, no Chinese font, web
server port taken) stop it at once with every problem listed; a missing optional part (WeasyPrint's
system libraries) is a notice: the PDF is skipped and every other format is written.
"""

from __future__ import annotations

import socket
from pathlib import Path

from django.utils.translation import gettext as _

from ipgov.core import preflight

# The full-scale demo writes a 1.8 GB SQLite database and ~450 MB of export files (docs/demo-data.md),
# then the Parquet snapshot and the reports: 4 GiB leaves room to spare. Scaled with --scale.
FULL_SCALE_DISK = 4 * preflight.GiB
SERVE_ADDRESS = ("127.0.0.1", 8000)


def _font() -> str | None:
    from ipgov.reports.fonts import NoCJKFont, cjk_font

    try:
        cjk_font()
    except NoCJKFont as exc:
        return str(exc)
    return None


def _port_free() -> str | None:
    with socket.socket() as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind(SERVE_ADDRESS)
        except OSError as exc:
            return (_("%(address)s is in use (%(reason)s): stop what serves there, "
                      "or run `ipgov demo --no-serve` and `ipgov serve` on another port")
                    % {"address": f"{SERVE_ADDRESS[0]}:{SERVE_ADDRESS[1]}", "reason": exc.strerror})
    return None


def check(home: Path, scale: float, serve: bool) -> list[str]:
    """Raise CommandError listing the fatal problems; return the notices to print."""
    from ipgov.reports.writers import FORMATS, unavailable

    needed = max(int(FULL_SCALE_DISK * scale), preflight.GiB // 2)
    checks = [lambda: preflight.home_writable(home), lambda: preflight.disk_space(home, needed, _("the demo")),
              preflight.database, _font]
    if serve:
        checks.append(_port_free)
    preflight.run(checks)
    return [_("%(format)s skipped: %(reason)s") % {"format": fmt.upper(), "reason": unavailable(fmt)}
            for fmt in FORMATS if unavailable(fmt)]
