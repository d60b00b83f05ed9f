import csv
import io
from pathlib import Path

import pytest

from ipgov.core.actor import Actor, acting_as

SAMPLES = Path(__file__).resolve().parents[2] / "src" / "ipgov" / "rights" / "data" / "samples"
SAMPLE_CSV = SAMPLES / "henan_cn_patent_records_sample.csv"


@pytest.fixture
def actor():
    with acting_as(Actor.system("test")) as a:
        yield a


def sample_rows() -> tuple[list[str], list[list[str]]]:
    rows = list(csv.reader(io.StringIO(SAMPLE_CSV.read_text(encoding="utf-8"))))
    return rows[0], rows[1:]


def write_csv(path: Path, header: list[str], rows: list[list[str]], encoding: str = "utf-8",
              before: list[list[str]] = ()) -> Path:
    buf = io.StringIO()
    w = csv.writer(buf)
    for r in before:
        w.writerow(r)
    w.writerow(header)
    w.writerows(rows)
    path.write_bytes(buf.getvalue().encode(encoding))
    return path


def with_values(header: list[str], row: list[str], **changes) -> list[str]:
    row = list(row)
    for name, value in changes.items():
        row[header.index(name)] = value
    return row


@pytest.fixture(params=["in this process", "in a child process"])
def either_reader(request, monkeypatch):
    """The test twice: the file's rows mapped in this process, then in a forked child (`core.ingest.ahead.Forked`,
    what files of `FORK_FROM` rows or more get): the same records, refused rows and report either way."""
    from ipgov.rights.importers import batch

    monkeypatch.setattr(batch, "FORKING", request.param == "in a child process")
    monkeypatch.setattr(batch, "FORK_FROM", 0)  # a test's few rows fork too
