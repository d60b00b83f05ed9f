"""The register writer checks the foreign keys it writes itself (set-based, per chunk), so that on
PostgreSQL the server's per-row foreign-key triggers can be off during the batch — and only then."""

import pytest
from django.db import connection, transaction

from ipgov.core.ingest import bulk
from ipgov.core.ingest.errors import ImportFailed
from ipgov.core.ingest.models import ImportBatch
from ipgov.regions.models import Region
from ipgov.rights.importers import import_file, writer
from ipgov.rights.models import Applicant, Patent

from .conftest import SAMPLE_CSV

pytestmark = pytest.mark.django_db


def test_references_pass_known_keys_and_refuse_unknown_ones():
    refs = bulk.References(Region)
    refs.check({"410000", "410100", None})
    assert refs.known == {"410000", "410100"}
    with pytest.raises(bulk.MissingReference, match="999999"):
        refs.check({"410000", "999999"})
    assert isinstance(bulk.MissingReference("x"), ImportFailed)  # the batch fails as a whole, with a message


def test_an_import_pointing_at_a_missing_region_is_rolled_back(actor, monkeypatch):
    real = writer.Writer._check_regions

    def with_a_ghost(self, *groups):
        groups[0][0].children["applicants"][0]["region_id"] = "999999"  # as if the region were deleted meanwhile
        return real(self, *groups)

    monkeypatch.setattr(writer.Writer, "_check_regions", with_a_ghost)
    with pytest.raises(ImportFailed, match="999999"):
        import_file(SAMPLE_CSV)
    assert not Patent.objects.exists() and not Applicant.objects.exists() and not ImportBatch.objects.exists()


def test_the_triggers_are_off_only_inside_the_block():
    with transaction.atomic():
        with bulk.foreign_keys_checked_by_writer() as off:
            inside = _role()
        after = _role()
    if connection.vendor == "postgresql":
        assert (off, inside, after) == (True, "replica", "origin")
    else:
        assert (off, inside, after) == (False, None, None)


def test_an_import_leaves_the_server_checking_foreign_keys_again(actor):
    report = import_file(SAMPLE_CSV)
    assert report.created == 10 and Applicant.objects.filter(region__isnull=False).count() >= 10
    if connection.vendor == "postgresql":
        assert _role() == "origin"


def _role():
    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cur:
        cur.execute("SHOW session_replication_role")
        return cur.fetchone()[0]
