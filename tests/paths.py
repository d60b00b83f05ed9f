"""Where the project's shared reference data lies: ../shared beside the checkout (IPGOV_SHARED overrides)."""

import os
from pathlib import Path

SHARED = Path(os.environ.get("IPGOV_SHARED", Path(__file__).resolve().parents[2] / "shared"))
SHARED_DATA = SHARED / "data"
