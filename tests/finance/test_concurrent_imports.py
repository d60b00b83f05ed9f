"""Two overlapping imports at the same time on PostgreSQL both finish (issue 16, item 4)."""

import threading

import pytest
from django.db import connection, connections

from ipgov.core.actor import Actor, acting_as
from ipgov.core.ingest.rows import import_rows
from ipgov.finance.importers import IMPORTERS
from ipgov.finance.models import Pledge
from ipgov.programs.models import Organization
from tests.programs.rights import cn_number, make_patent
from tests.programs.tables import write_table

from .test_imports import HEADER, row

pytestmark = pytest.mark.django_db(transaction=True)


def test_overlapping_pledge_imports_take_turns(tmp_path):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite has one writer; the advisory lock is PostgreSQL's")
    import datetime

    numbers = [cn_number(2016, 2, i) for i in range(1, 4)]
    with acting_as(Actor.system("test")):
        for n in numbers:
            make_patent(n, datetime.date(2017, 1, 10))
    files = [write_table(tmp_path / "a.csv", HEADER, [row("P1", amount_wan="10", patents=numbers[0]),
                                                      row("P2", amount_wan="20", patents=numbers[1])]),
             write_table(tmp_path / "b.csv", HEADER, [row("P2", amount_wan="20", patents=numbers[1]),
                                                      row("P3", amount_wan="30", patents=numbers[2])])]
    reports, failures = {}, []
    start = threading.Barrier(2)

    def run(path):
        try:
            with acting_as(Actor.system("test")):
                start.wait()
                reports[path.name] = import_rows(IMPORTERS["pledges"], path)
        except Exception as exc:  # noqa: BLE001 — the test reports any failure of either import
            failures.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(f,)) for f in files]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert failures == []
    assert sorted(Pledge.objects.values_list("registration_number", flat=True)) == ["P1", "P2", "P3"]
    assert Organization.objects.count() == 1
    assert all(r.errors == [] and r.status == "committed" for r in reports.values())
    assert sum(r.created for r in reports.values()) == 3 and sum(r.unchanged for r in reports.values()) == 1
