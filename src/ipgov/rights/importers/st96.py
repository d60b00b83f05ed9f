"""WIPO ST.96 patent XML (`pat:`/`com:` namespaces): bibliographic records found by local element
names, so the WIPO, USPTO and CNIPA flavours of the schema read alike.

Documents that carry no bibliographic data — a CPC master classification file, a claims
document — are refused as a whole with the reason, rather than imported as empty records.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from xml.etree.ElementTree import Element

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from ipgov.core.ingest.errors import ImportFailed
from ipgov.core.ingest.xmlsafe import iter_elements, local, root_tag
from ipgov.rights.choices import PatentType

RECORDS = frozenset({"PatentPublication", "PatentApplication", "PatentGrant", "PatentRecord",
                     "PatentBibliographicData"})
NOT_BIBLIOGRAPHIC = {
    "CPCMasterClassificationFile": gettext_noop("a CPC master classification file (classification only: no "
                                                "filing date, title or applicants)"),
    "ClaimsDocument": gettext_noop("a claims document (claims text only: no filing date, title or applicants)"),
}
ST96_NS = re.compile(r"ST96|uspto:patent|wipo\.int/standards", re.I)


def accepts(name: str, ns: str) -> bool:
    return bool(ST96_NS.search(ns)) or name in RECORDS or name in NOT_BIBLIOGRAPHIC


def _all(elem: Element, name: str) -> list[Element]:
    return [e for e in elem.iter() if local(e.tag) == name]


def _first(elem: Element, *names: str) -> str:
    for name in names:
        for e in elem.iter():
            if local(e.tag) == name:
                text = re.sub(r"\s+", " ", "".join(e.itertext())).strip()
                if text:
                    return text
    return ""


def _party(elem: Element) -> dict:
    name = _first(elem, "OrganizationStandardName", "EntityName", "OrganizationName", "PersonFullName")
    if not name:
        name = " ".join(p for p in (_first(elem, "FirstName"), _first(elem, "LastName")) if p)
    address = _first(elem, "PostalAddressText") or ", ".join(
        p for p in (_first(elem, "AddressLineText"), _first(elem, "CityName"), _first(elem, "GeographicRegionName"))
        if p)
    return {"name": name, "address": address, "country": _first(elem, "CountryCode")}


def record(elem: Element) -> dict:
    office = _first(elem, "IPOfficeCode") or "US"
    kind = _first(elem, "PatentDocumentKindCode")
    ipcs = [re.sub(r"\s+", "", _first(c, "PatentClassificationText", "IPCRClassificationText"))
            for c in _all(elem, "IPCRClassification")]
    design = "design" in (_first(elem, "ApplicationTypeCategory") or "").lower()
    raw = {
        "office": office.upper()[:2],
        "application_number": _first(elem, "ApplicationNumberText"),
        "patent_type": PatentType.DESIGN if design else PatentType.INVENTION,
        "filing_date": _first(elem, "FilingDate", "ApplicationDate"),
        "title": _first(elem, "InventionTitle"),
        "abstract": _first(elem, "Abstract"),
        "applicants": [_party(a) for a in _all(elem, "Applicant")],
        "inventors": [_party(i)["name"] for i in _all(elem, "Inventor")],
        "ipc_codes": [c for c in ipcs if c],
        "priority_number": _first(elem, "PriorityClaim"),
        "priority_count": str(len(_all(elem, "PriorityClaim"))),
    }
    number = _first(elem, "PublicationNumber", "PatentNumber")
    date = _first(elem, "PublicationDate")
    grant_date = _first(elem, "GrantDate")
    if grant_date or kind[:1] in ("B", "S", "U", "E", "P"):
        raw["grant_number"] = f"{office}{number}{kind}" if number else ""
        raw["grant_date"] = grant_date or date
    else:
        raw["publication_number"] = f"{office}{number}{kind}" if number else ""
        raw["publication_date"] = date
    return raw


def documents(path: Path) -> Iterator[tuple[int, dict]]:
    root = local(root_tag(path))
    if root in NOT_BIBLIOGRAPHIC:
        raise ImportFailed(_("this ST.96 file is %(what)s; nothing to import into the register")
                           % {"what": _(NOT_BIBLIOGRAPHIC[root])})
    tags = RECORDS if root not in RECORDS else frozenset({root})
    for number, elem in enumerate(iter_elements(path, tags, nested=True), start=1):
        yield number, record(elem)
