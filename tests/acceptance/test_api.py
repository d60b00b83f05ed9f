"""Acceptance over the built demo (IPGOV_DEMO_HOME, see test_demo_outputs.py): issue 18's "done when" —
the open API returns the seed's 80868 (+21.4 %) with its run id without a key, the same figure as
SDMX-CSV and in the latest release whose SHA-256 matches its manifest; the staff API answers 401."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.acceptance.test_demo_outputs import DEMO_HOME, ipgov

pytestmark = pytest.mark.skipif(not DEMO_HOME, reason="IPGOV_DEMO_HOME is not set (see test_demo_outputs.py)")
CELL = "/api/v1/open/cells?indicator=patent_applications&region=410000&period=2020H1"

GET = """
import json, sys
import django
django.setup()
from django.test import Client
client = Client()
out = {}
for url in sys.argv[1:]:
    r = client.get(url)
    out[url] = [r.status_code, r.content.decode("utf-8")]
print(json.dumps(out))
"""


def get(*urls: str) -> dict:
    env = {**os.environ, "IPGOV_HOME": DEMO_HOME, "DJANGO_SETTINGS_MODULE": "ipgov.settings",
           "IPGOV_ALLOWED_HOSTS": "testserver"}
    env.pop("IPGOV_DATABASE_URL", None)
    result = subprocess.run([sys.executable, "-c", GET, *urls], capture_output=True, text=True, env=env, timeout=300)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.splitlines()[-1])


def test_open_cell_sdmx_release_and_staff_401():
    released = ipgov("release")
    assert released.returncode == 0, released.stderr
    answers = get(CELL, CELL + "&format=sdmx-csv", "/api/v1/openapi.json", "/api/v1/cases/")
    status, body = answers[CELL]
    [cell] = json.loads(body)["cells"]
    assert status == 200 and (cell["value"], cell["yoy"]) == (80868, 0.214) and cell["run_id"]
    [row] = list(csv.DictReader(io.StringIO(answers[CELL + "&format=sdmx-csv"][1])))
    assert (row["TIME_PERIOD"], float(row["OBS_VALUE"]), row["RUN_ID"]) == ("2020-S1", 80868, str(cell["run_id"]))
    assert answers["/api/v1/openapi.json"][0] == 200 and answers["/api/v1/cases/"][0] == 401
    releases = sorted((Path(DEMO_HOME) / "releases").glob("2*"))
    manifest = json.loads((releases[-1] / "manifest.json").read_text(encoding="utf-8"))
    creation = next(f for f in manifest["files"] if f["name"] == "creation.csv")
    data = (releases[-1] / "creation.csv").read_bytes()
    assert hashlib.sha256(data).hexdigest() == creation["sha256"]
    rows = [r for r in csv.DictReader(io.StringIO(data.decode("utf-8")))
            if (r["indicator"], r["region"], r["period"], r["breakdown"]) == ("patent_applications", "410000",
                                                                               "2020H1", "")]
    assert [(float(r["value"]), float(r["yoy"])) for r in rows] == [(80868, 0.214)]
