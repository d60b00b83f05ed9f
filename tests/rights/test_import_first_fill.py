"""A first fill of an empty register builds its indexes after the rows; meanwhile a second thread of the writer's
process tells the batch's first applicants (rights.signals.register_rows_written), and the organizations app
harmonises their names there (orgs.hooks), so the batch's harmonisation after its rows has that part done."""

import threading

import pytest
from django.db import transaction

from ipgov.core.ingest import bulk
from ipgov.orgs import names as name_rules
from ipgov.orgs import services as orgs_services
from ipgov.orgs.models import ApplicantName
from ipgov.rights.importers import import_file
from ipgov.rights.models import Applicant
from ipgov.rights.numbers import make_application_number
from ipgov.rights.signals import register_rows_written

from .conftest import SAMPLE_CSV, sample_rows, with_values, write_csv

pytestmark = pytest.mark.django_db


@pytest.fixture
def told():
    """Each register_rows_written: (whether it came from another thread than the import's, kind, names)."""
    calls = []

    def receiver(sender, batch, kind, names, **kwargs):
        calls.append((threading.current_thread() is not threading.main_thread(), kind, set(names)))

    register_rows_written.connect(receiver, dispatch_uid="test-told")
    yield calls
    register_rows_written.disconnect(dispatch_uid="test-told")


def _file(path, *applicants):
    """The sample's first row (a utility model) once per (applicants, types), each numbered anew."""
    header, rows = sample_rows()
    return write_csv(path, header, [
        with_values(header, rows[0], **{"申请号": make_application_number(2022, 2, serial), "申请人": names,
                                        "申请人类型": types})
        for serial, (names, types) in enumerate(applicants, 1)])


def test_a_first_fill_tells_its_first_applicants_from_a_second_thread_and_a_later_batch_does_not(told, actor, tmp_path):
    report = import_file(_file(tmp_path / "first.csv", ("郑州新起点科技有限公司;河南大学", "企业;大专院校"),
                               ("张伟", "个人"), ("河南大学", "大专院校")))
    assert report.created == 3
    assert told == [(True, "patents", {("郑州新起点科技有限公司", "enterprise"), ("张伟", "individual"),
                                       ("河南大学", "university")})]
    later = _file(tmp_path / "later.csv", ("洛阳新起点科技有限公司", "企业"), ("郑州新起点科技有限公司", "企业"),
                  ("河南大学", "大专院校"), ("新乡起点科技有限公司", "企业"))
    assert import_file(later).created == 1
    assert len(told) == 1  # not a first fill: the indexes were kept, nothing is built beside


def test_the_names_harmonised_beside_are_the_ones_the_batch_links_and_none_is_harmonised_again(actor, monkeypatch):
    """Every name the batch links was harmonised in the second thread; the links are what `harmonise` gives."""
    calls = []
    real = orgs_services.harmonise_normalised

    def counted(raw, kind, text):
        calls.append(threading.current_thread() is threading.main_thread())
        return real(raw, kind, text)

    monkeypatch.setattr(orgs_services, "harmonise_normalised", counted)
    import_file(SAMPLE_CSV)
    assert calls and not any(calls)  # every call from the second thread
    links = dict(ApplicantName.objects.values_list("raw", "rule"))
    first = dict(Applicant.objects.filter(position=1).values_list("name", "applicant_type"))
    assert set(first) <= set(links)
    for raw, stated in first.items():
        expected = name_rules.harmonise(raw, "个人" if stated == "individual" else "")
        assert links[raw] == expected.rule or links[raw] == "legal-form"


def test_an_error_beside_the_index_build_fails_the_batch_after_the_indexes_are_built(transactional_db):
    def boom():
        raise ValueError("beside failed")

    def indexes():
        return {name for name, _sql in bulk._plain_indexes(["rights_patent"])}

    before = indexes()
    assert before
    built = []
    with pytest.raises(ValueError, match="beside failed"), transaction.atomic():
        with bulk.indexes_built_after(["rights_patent"], enabled=True, beside=boom):
            assert not indexes()  # dropped for the fill
        built.append(indexes())
    assert built == [] and indexes() == before
