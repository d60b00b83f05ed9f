import datetime

import pytest
from django.utils import translation

from ipgov.core.models import ObjectChange
from ipgov.demo.rights import import_real_samples
from ipgov.demo.steps import DemoContext
from ipgov.rights.importers import import_file
from ipgov.rights.models import Patent

from .conftest import SAMPLE_CSV

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    """These tests assert the import's messages in English (the zh-Hans ones: tests/core/test_cli_language.py)."""
    with translation.override("en"):
        yield


def test_demo_step_imports_the_real_samples_and_is_idempotent(actor, tmp_path):
    first = import_real_samples(DemoContext(home=tmp_path))
    assert first.changed
    from ipgov.demo.rights import PSS_FILE, REAL_FILES

    assert Patent.objects.filter(office="CN", batch__file_name=REAL_FILES[0]).count() == 10
    assert Patent.objects.filter(office="CN", batch__file_name=PSS_FILE).count() == 4  # the 专利检索及分析 layout
    assert Patent.objects.exclude(office="CN").count() == 6
    second = import_real_samples(DemoContext(home=tmp_path))
    reports = [line for line in second.lines if line.startswith((*REAL_FILES, PSS_FILE))]
    assert not second.changed and len(reports) == len(REAL_FILES) + 1
    assert all("unchanged" in line for line in reports), reports
    assert Patent.objects.count() == 20


def test_import_audit_is_one_entry_per_batch_naming_the_actor_and_the_batch(actor):
    from ipgov.web.generic import object_changes

    report = import_file(SAMPLE_CSV)
    p = Patent.objects.get(application_number="202121635235.X")
    entry = ObjectChange.objects.get(object_type__model="patent", action="import")
    assert (entry.actor, entry.object_id) == ("system:test", f"batch-{report.batch_id}")
    assert entry.after == {"batch": report.batch_id, "records": 10}
    assert entry.message == f"由第{report.batch_id}批导入创建"  # the office's language, zh-Hans
    assert entry.request_id == actor.request_id
    assert abs(entry.time - p.created) < datetime.timedelta(minutes=1)
    assert list(object_changes(p)) == [entry]  # the record's history shows the batch that wrote it


def test_import_without_an_actor_fails_loudly():
    from ipgov.core.actor import NoActorError

    with pytest.raises(NoActorError):
        import_file(SAMPLE_CSV)
    assert not Patent.objects.exists()


def test_record_event_keeps_the_termination_cache_and_the_audit(actor):
    from ipgov.rights.choices import LegalEventKind, PatentStatus
    from ipgov.rights.services import record_event, versions_of

    import_file(SAMPLE_CSV)
    p = Patent.objects.get(application_number="202121635235.X")
    record_event(p, LegalEventKind.LICENCE, datetime.date(2023, 1, 5))
    assert Patent.objects.get(pk=p.pk).terminated_on is None
    record_event(p, LegalEventKind.SURRENDER, datetime.date(2024, 2, 1), "放弃专利权")
    p = Patent.objects.get(pk=p.pk)
    assert p.terminated_on == datetime.date(2024, 2, 1)
    assert p.status_on(datetime.date(2024, 1, 31)) == PatentStatus.VALID
    assert p.status_on(datetime.date(2024, 2, 1)) == PatentStatus.TERMINATED
    entry = ObjectChange.objects.filter(object_id=str(p.pk), action="update").first()
    assert entry.before["terminated_on"] is None and entry.after["terminated_on"] == "2024-02-01"
    assert versions_of("patent", "202121635235.X") == []


def test_valid_on_querysets_agree_with_the_event_rule(actor, tmp_path):
    from .conftest import sample_rows, with_values, write_csv

    header, rows = sample_rows()
    lapsed = with_values(header, rows[2], 法律状态="无权-未缴年费", 失效日期="20240715")
    import_file(write_csv(tmp_path / "l.csv", header, [lapsed, *rows[3:]]))
    for day in (datetime.date(2022, 1, 1), datetime.date(2024, 7, 14), datetime.date(2024, 7, 15),
                datetime.date(2025, 1, 1)):
        by_sql = set(Patent.objects.valid_on(day).values_list("pk", flat=True))
        by_events = {p.pk for p in Patent.objects.prefetch_related("events") if p.is_valid_on(day)}
        assert by_sql == by_events
    assert Patent.objects.valid_on(datetime.date(2024, 7, 14)).filter(application_number="202121635235.X").exists()
    assert not Patent.objects.valid_on(datetime.date(2024, 7, 15)).filter(application_number="202121635235.X").exists()
