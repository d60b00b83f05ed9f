"""Documents (type and size checked, stored under IPGOV_HOME) and rights by validated number."""

import pytest

from ipgov.cases import documents, services
from ipgov.cases.choices import DocumentType, EventAction, Kind
from ipgov.cases.models import CaseDocument, CaseRight
from ipgov.cases.workflow import WorkflowError
from ipgov.rights.models import Patent

from .helpers import ZZC, D, applicant, doc, register_applicant

PDF = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"


@pytest.fixture
def case(system):
    return services.open_case(Kind.PATENT_DISPUTE, region="410300", authority="洛阳市市场监督管理局",
                              received_on=D(2019, 5, 6))


def test_document_is_stored_under_home_by_checksum(case, home):
    d = services.attach_document(case, DocumentType.REQUEST, "请求书.pdf", PDF, on=D(2019, 5, 6))
    assert (home / d.path).read_bytes() == PDF and d.size == len(PDF) and d.path.startswith("cases/documents/")
    again = services.attach_document(case, DocumentType.EVIDENCE, "副本.pdf", PDF, on=D(2019, 5, 7))
    assert again.path == d.path  # one stored file per content
    assert case.events.filter(action=EventAction.DOCUMENT).count() == 2


@pytest.mark.parametrize("name,content,reason", [
    ("tool.exe", b"MZ\x90\x00", "not accepted"),
    ("evidence.html", b"<html></html>", "not accepted"),
    ("decision.pdf", b"MZ\x90\x00 pretending", "does not contain what its .pdf name says"),
    ("photo.png", b"\xff\xd8\xff\xe0 a jpeg", "does not contain"),
    ("note.txt", "说明".encode("gbk"), "not UTF-8"),
    ("empty.pdf", b"", "empty"),
    ("../../etc/passwd.txt", b"root", "plain file name"),
    ("证" * 226 + ".pdf", b"%PDF-1.4", "230 characters, more than 200"),  # was a DataError on PostgreSQL
])
def test_forbidden_documents_are_refused(case, name, content, reason):
    with pytest.raises(documents.DocumentRefused, match=reason):
        services.attach_document(case, DocumentType.EVIDENCE, name, content, on=D(2019, 5, 6))
    assert CaseDocument.objects.count() == 0 and not case.events.filter(action=EventAction.DOCUMENT).exists()


def test_oversized_document_is_refused(case, monkeypatch):
    monkeypatch.setattr(documents, "MAX_BYTES", 1024)
    with pytest.raises(documents.DocumentRefused, match="over the limit of 1024 bytes"):
        services.attach_document(case, DocumentType.EVIDENCE, "scan.pdf", PDF + b"0" * 1024, on=D(2019, 5, 6))
    services.attach_document(case, DocumentType.EVIDENCE, "scan.pdf", PDF, on=D(2019, 5, 6))
    assert CaseDocument.objects.count() == 1


def test_right_numbers_are_validated_and_linked(case):
    patent = Patent.objects.create(application_number="201710601862.3", patent_type="invention",
                                   filing_date=D(2017, 7, 21), title="一种装置")
    right = services.add_right(case, "patent", "CN201710601862.3")
    assert right.number == "201710601862.3" and right.patent == patent
    with pytest.raises(WorkflowError, match="wrong check character 4, expected 3"):
        services.add_right(case, "patent", "201710601862.4")
    with pytest.raises(WorkflowError, match="cannot involve a trademark"):
        services.add_right(case, "trademark", "12345678")
    with pytest.raises(WorkflowError, match="already on the case"):
        services.add_right(case, "patent", "2017106018623")
    unlinked = services.add_right(case, "patent", "200710308494.X")
    assert unlinked.patent is None
    assert CaseRight.objects.filter(case=case).count() == 2


def test_trademark_numbers(system):
    case = services.open_case(Kind.TRADEMARK_INFRINGEMENT, region="410100", authority="郑州市市场监督管理局",
                              received_on=D(2019, 5, 6), rights=["12345678"])
    assert case.rights.get().number == "12345678"
    with pytest.raises(WorkflowError, match="trademark number refused: '0123-45': .* no leading zero"):
        services.add_right(case, "trademark", "0123-45")
    with pytest.raises(WorkflowError, match="trademark number refused: .*not a trademark registration number"):
        services.add_right(case, "trademark", "12-345")
    assert services.add_right(case, "trademark", "第8911270号").number == "8911270"  # the one rule canonicalizes


def test_a_bad_number_at_opening_opens_nothing(system):
    from ipgov.cases.models import Case

    with pytest.raises(WorkflowError, match="check character"):
        services.open_case(Kind.PATENT_DISPUTE, region="410300", authority="洛阳市市场监督管理局",
                           received_on=D(2019, 5, 6), rights=["201710601862.4"])
    assert Case.objects.count() == 0


def test_preexam_submission_links_the_grant_to_the_register(system):
    register_applicant()
    case = services.open_case(Kind.PREEXAM, region="410100", authority=ZZC, received_on=D(2019, 3, 1),
                              patent_type="design", parties=applicant())
    doc(case, DocumentType.PREEXAM_REPORT, D(2019, 3, 4))
    services.move_case(case, "pass", on=D(2019, 3, 4))
    with pytest.raises(WorkflowError, match="wrong check character"):
        services.move_case(case, "submit", on=D(2019, 3, 5), application_number="201930101234.5")
    services.move_case(case, "submit", on=D(2019, 3, 5), application_number="201930101234.9")
    right = case.rights.get()
    assert right.number == "201930101234.9" and right.patent is None
    patent = Patent.objects.create(application_number="201930101234.9", patent_type="design",
                                   filing_date=D(2019, 3, 5), title="包装盒")
    case = services.move_case(case, "grant", on=D(2019, 4, 10))
    right.refresh_from_db()
    assert case.granted_on == D(2019, 4, 10) and right.patent == patent
    assert case.events.filter(action=EventAction.RIGHT_LINKED).count() == 1


def test_credit_codes():
    from ipgov.core import credit_code

    assert credit_code.parse("91350100m000100y43") == "91350100M000100Y43"  # the standard's example
    with pytest.raises(credit_code.CreditCodeError, match="not allowed"):
        credit_code.parse("91350100M000100Y4Z")
    with pytest.raises(credit_code.CreditCodeError, match="expected 3"):
        credit_code.parse("91350100M000100Y44")
    with pytest.raises(credit_code.CreditCodeError, match="18 characters"):
        credit_code.parse("9135010")
