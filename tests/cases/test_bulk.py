"""The bulk path (cases/bulk.py, used by the demo and migrations) refuses what the services refuse,
with the same sentence, and leaves nothing behind."""

import pytest

from ipgov.cases import services
from ipgov.cases.bulk import BulkRunner
from ipgov.cases.choices import Kind
from ipgov.cases.models import Case, Party
from ipgov.cases.workflow import WorkflowError
from ipgov.core.scope import OutOfScope

from .helpers import D

ON = D(2020, 3, 2)
TM = {"kind": Kind.TRADEMARK_INFRINGEMENT, "region": "410100", "authority": "郑州市市场监督管理局", "received_on": ON}
GOOD_PARTY = {"role": "respondent", "name": "郑州某商贸有限公司", "region": "410100"}


def refusal(fn) -> str:
    with pytest.raises((WorkflowError, OutOfScope)) as info:
        fn()
    return f"{type(info.value).__name__}: {info.value}"


@pytest.mark.parametrize(("label", "open_fields", "party"), [
    ("unknown field", {"colour": "red"}, None),
    ("unknown region", {"region": "419999"}, None),
    ("unknown party role", {}, {**GOOD_PARTY, "role": "judge"}),
    ("party without a name", {}, {**GOOD_PARTY, "name": "  "}),
    ("party in an unknown region", {}, {**GOOD_PARTY, "region": "419999"}),
    ("party with a bad credit code", {}, {**GOOD_PARTY, "credit_code": "91410100MA44XY7K0X"}),
])
def test_bulk_open_refuses_like_the_service(system, label, open_fields, party):
    fields = {**TM, **open_fields}
    kind = fields.pop("kind")
    parties = [party] if party else []
    single = refusal(lambda: services.open_case(kind, parties=parties, **fields))
    run = BulkRunner()
    assert refusal(lambda: run.open(kind, parties=parties, **fields)) == single
    assert run.pending == [] and run.flush()["cases"] == 0  # nothing half-opened is left in the batch
    assert not Case.objects.exists() and not Party.objects.exists()


def test_bulk_rights_and_documents_are_checked_like_the_service(system):
    case = services.open_case(**TM)
    run = BulkRunner()
    h = run.open(**TM)
    wrong_kind = refusal(lambda: services.add_right(case, "patent", "201920123456.5"))
    assert refusal(lambda: run.right(h, "patent", "201920123456.5")) == wrong_kind
    services.add_right(case, "trademark", "12345678")
    run.right(h, "trademark", "12345678")
    twice = refusal(lambda: services.add_right(case, "trademark", "12345678"))
    assert refusal(lambda: run.right(h, "trademark", "12345678")) == twice
    bad_doc = refusal(lambda: services.attach_document(case, "love_letter", "a.txt", b"x", on=ON))
    assert refusal(lambda: run.document(h, "love_letter", "a.txt", b"x", ON)) == bad_doc
    counts = run.flush()
    assert (counts["cases"], counts["rights"]) == (1, 1)


def test_bulk_open_refuses_a_role_that_does_not_handle_the_kind(center_staff, as_user):
    with as_user(center_staff):
        single = refusal(lambda: services.open_case(**TM))
        assert "does not handle" in single
        assert refusal(lambda: BulkRunner().open(**TM)) == single
