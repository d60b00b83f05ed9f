import datetime

import pytest
from django.utils import translation

from ipgov.rights.choices import PatentType
from ipgov.rights.importers import ImportFailed, import_file
from ipgov.rights.models import Patent
from tests.paths import XML_SAMPLES

from .conftest import SAMPLES

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("either_reader")]  # rows mapped here and in a child


def test_uspto_grant_st36(actor):
    report = import_file(SAMPLES / "US08613112_grant_v44.xml")
    assert (report.format, report.created) == ("st36", 1)
    p = Patent.objects.get()
    assert (p.office, p.application_number, p.patent_type) == ("US", "US12994775", PatentType.INVENTION)
    assert (p.filing_date, p.grant_date, p.grant_number) == (
        datetime.date(2009, 5, 25), datetime.date(2013, 12, 24), "US08613112B2")
    assert p.ipc_codes == ["A41D1/04", "A41D27/20"]
    assert (p.priority_number, p.priority_date) == ("ITBO2008A0338", datetime.date(2008, 5, 28))
    assert (p.pct_application_number, p.pct_filing_date) == ("PCT/EP2009/056266", datetime.date(2009, 5, 25))
    assert p.is_pct and p.is_domestic is False and p.region_id is None
    assert p.citations_count == 20 and p.title.startswith("Article of clothing")
    assert p.applicants.first().country == "IT"


def test_uspto_application_and_epo_documents(actor):
    import_file(SAMPLES / "US20050004437A1_application_v40.xml")
    us = Patent.objects.get(office="US")
    assert (us.publication_number, us.publication_date, us.grant_date) == (
        "US20050004437A1", datetime.date(2005, 1, 6), None)
    import_file(SAMPLES / "EP3782854A1_BOE_v1-5.xml")
    ep = Patent.objects.get(office="EP")
    assert (ep.application_number, ep.filing_date, ep.publication_number) == (
        "EP18877305.5", datetime.date(2018, 10, 29), "EP3782854A1")
    assert ep.title == "VEHICLE-MOUNTED DISPLAY ASSEMBLY AND VEHICLE"
    assert ep.ipc_codes == ["B60R7/06", "B60N3/12"] and ep.ipc_section == "B"
    assert ep.priority_number == "CN201810358967" and ep.pct_application_number == "CN2018112487"
    assert ep.is_domestic is True  # BOE, a mainland applicant (address in English: region unresolved)
    assert [a.name for a in ep.applicants.all()][0] == "BOE TECHNOLOGY GROUP CO., LTD."
    import_file(SAMPLES / "EP3404678B1_v1-5.xml")
    granted = Patent.objects.get(grant_number="EP3404678B1")
    assert granted.grant_date == datetime.date(2021, 6, 30) and granted.applicants.exists()


def test_several_concatenated_documents_stream_as_one_batch(actor, tmp_path):
    parts = [(SAMPLES / name).read_bytes() for name in ("US08613112_grant_v44.xml", "US08930553_grant_v45.xml")]
    (tmp_path / "weekly.xml").write_bytes(b"\n".join(parts))
    report = import_file(tmp_path / "weekly.xml")
    assert (report.rows_total, report.created) == (2, 2)


def test_st96_bibliographic_record(actor, tmp_path):
    doc = """<?xml version="1.0" encoding="UTF-8"?>
<pat:PatentPublication xmlns:pat="http://www.wipo.int/standards/XMLSchema/ST96/Patent"
                       xmlns:com="http://www.wipo.int/standards/XMLSchema/ST96/Common">
  <pat:PatentPublicationIdentification><com:IPOfficeCode>CN</com:IPOfficeCode>
    <pat:PublicationNumber>115883397</pat:PublicationNumber>
    <com:PatentDocumentKindCode>A</com:PatentDocumentKindCode>
    <com:PublicationDate>2023-03-31</com:PublicationDate></pat:PatentPublicationIdentification>
  <pat:ApplicationIdentification><com:IPOfficeCode>CN</com:IPOfficeCode>
    <com:ApplicationNumber><com:ApplicationNumberText>202211359874.7</com:ApplicationNumberText></com:ApplicationNumber>
    <pat:FilingDate>2022-11-02</pat:FilingDate></pat:ApplicationIdentification>
  <pat:InventionTitle>一种网络流量检测方法</pat:InventionTitle>
  <pat:PartyBag><pat:ApplicantBag><pat:Applicant><com:Contact><com:Name>
    <com:OrganizationStandardName>中科大数据研究院</com:OrganizationStandardName></com:Name>
    <com:PostalAddressBag><com:PostalAddress><com:PostalAddressText>河南省郑州市郑东新区中道东路6号</com:PostalAddressText>
    <com:CountryCode>CN</com:CountryCode></com:PostalAddress></com:PostalAddressBag></com:Contact></pat:Applicant>
  </pat:ApplicantBag></pat:PartyBag>
  <pat:IPCRClassificationBag><pat:IPCRClassification><pat:PatentClassificationText>H04L 43/02</pat:PatentClassificationText>
  </pat:IPCRClassification></pat:IPCRClassificationBag>
</pat:PatentPublication>"""
    (tmp_path / "st96.xml").write_text(doc, encoding="utf-8")
    report = import_file(tmp_path / "st96.xml")
    assert (report.format, report.created, report.invalid) == ("st96", 1, 0)
    p = Patent.objects.get()
    assert (p.application_number, p.patent_type, p.publication_number) == (
        "202211359874.7", PatentType.INVENTION, "CN115883397A")
    assert p.region_id == "410100" and p.ipc_main == "H04L43/02"


def test_st96_without_bibliographic_data_is_refused_with_the_reason(actor):
    with translation.override("en"), pytest.raises(ImportFailed, match="CPC master classification file"):
        import_file(SAMPLES / "cpcMaster_US9400000.xml")
    assert not Patent.objects.exists()


def test_st96_claims_document_is_refused_in_chinese(actor):
    claims = XML_SAMPLES / "uspto_st96" / "12993548_claims_xml4ip.xml"
    with translation.override("zh-hans"), pytest.raises(ImportFailed) as refused:
        import_file(claims)
    assert str(refused.value) == ("该 ST.96 文件是权利要求书文件（只有权利要求文本：没有申请日、名称和申请人），"
                                  "没有可导入登记簿的内容")
    assert not Patent.objects.exists()


def test_xml_cannot_hold_trademarks(actor):
    with translation.override("en"), pytest.raises(ImportFailed, match="XML documents hold patents, not trademarks"):
        import_file(SAMPLES / "US08613112_grant_v44.xml", kind="trademarks")
    with translation.override("zh-hans"), pytest.raises(ImportFailed, match="XML 文档只含专利，不含商标"):
        import_file(SAMPLES / "US08613112_grant_v44.xml", kind="trademarks")
