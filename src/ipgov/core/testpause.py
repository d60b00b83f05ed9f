"""A hook for the crash tests (tests/reliability/test_crash.py): with `IPGOV_TEST_PAUSE_AT=<point>` in its
environment, a process stops at that named point — it says `paused at <point>` on stderr and sleeps — so
the test can `kill -9` it exactly there. Without the variable (always, outside those tests) it does nothing.

Points: `import-early` (batch row created, nothing written), `import-mid` (after the first chunk of
records is written, or after all of them when the file is smaller than a chunk), `import-commit` (the batch
marked committed, its transaction not yet committed), `compute-running` (the run recorded as running, the
cube not yet written)."""

from __future__ import annotations

import os
import sys
import time


def pause_at(point: str) -> None:
    if os.environ.get("IPGOV_TEST_PAUSE_AT") == point:
        sys.stderr.write(f"paused at {point}\n")
        sys.stderr.flush()
        time.sleep(3600)
