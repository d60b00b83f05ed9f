"""WIPO ST.36-based patent XML: USPTO `us-patent-grant` / `us-patent-application` (ICE DTD v4.x)
and the EPO publication server's `ep-patent-document` (ST.36/ST.32 B-tags)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from xml.etree.ElementTree import Element

from django.utils.translation import gettext as _

from ipgov.core.ingest.errors import RowError
from ipgov.core.ingest.xmlsafe import iter_elements
from ipgov.rights.choices import PatentType

ROOTS = frozenset({"us-patent-grant", "us-patent-application", "ep-patent-document"})
WRAPPERS = frozenset({"us-patent-grants", "us-patent-applications", "ep-patent-documents"})
US_TYPES = {"utility": PatentType.INVENTION, "plant": PatentType.INVENTION, "reissue": PatentType.INVENTION,
            "design": PatentType.DESIGN}
EP_IPC = re.compile(r"^\s*([A-H]\d{2}[A-Z])\s*(\d+)\s*/\s*(\d+)")


class MissingElement(ValueError):
    """A document without an element every bibliographic record has."""


def documents(path: Path) -> Iterator[tuple[int, dict | RowError]]:
    """Each document's raw fields, or the RowError of a document that lacks a required element."""
    for number, elem in enumerate(iter_elements(path, ROOTS), start=1):
        try:
            yield number, (epo(elem) if elem.tag == "ep-patent-document" else uspto(elem))
        except MissingElement as exc:
            yield number, RowError(number, exc.args[0], "", _("document %(number)s (<%(tag)s>) has no <%(element)s>: "
                                                             "not a complete ST.36 bibliographic record")
                                   % {"number": number, "tag": elem.tag, "element": exc.args[0]})


def _need(parent: Element, path: str) -> Element:
    elem = parent.find(path)
    if elem is None:
        raise MissingElement(path)
    return elem


def _text(elem: Element | None) -> str:
    return re.sub(r"\s+", " ", "".join(elem.itertext())).strip() if elem is not None else ""


def _name(book: Element | None) -> str:
    if book is None:
        return ""
    org = book.findtext("orgname")
    if org:
        return org.strip()
    return " ".join(p for p in (book.findtext("first-name"), book.findtext("last-name")) if p).strip()


def _address(book: Element | None) -> tuple[str, str]:
    addr = book.find("address") if book is not None else None
    if addr is None:
        return "", ""
    parts = [addr.findtext(t) for t in ("street", "city", "state", "postcode")]
    return ", ".join(p.strip() for p in parts if p and p.strip()), (addr.findtext("country") or "").strip()


def uspto(root: Element) -> dict:
    grant = root.tag == "us-patent-grant"
    bib = _need(root, "us-bibliographic-data-grant" if grant else "us-bibliographic-data-application")
    pub = _need(bib, "publication-reference/document-id")
    app_ref = _need(bib, "application-reference")
    app = _need(app_ref, "document-id")
    pub_number = "".join(pub.findtext(t) or "" for t in ("country", "doc-number", "kind"))
    ipcs = []
    for c in bib.findall("classifications-ipcr/classification-ipcr"):
        parts = [c.findtext(t) or "" for t in ("section", "class", "subclass", "main-group", "subgroup")]
        ipcs.append(f"{''.join(parts[:3])}{parts[3]}/{parts[4]}".replace(" ", ""))
    parties = bib.find("us-parties")
    if parties is None:
        parties = bib.find("parties")
    applicants = []
    inventors = []
    if parties is not None:
        for a in parties.findall("us-applicants/us-applicant") + parties.findall("applicants/applicant"):
            book = a.find("addressbook")
            address, country = _address(book)
            applicants.append({"name": _name(book), "address": address, "country": country})
            if "inventor" in (a.get("app-type") or ""):
                inventors.append(_name(book))
        inventors += [_name(i.find("addressbook")) for i in parties.findall("inventors/inventor")]
        agents = [_name(a.find("addressbook")) for a in parties.findall("agents/agent")]
    else:
        agents = []
    assignees = bib.findall("assignees/assignee")
    if grant and assignees:  # the patentee of a grant is the assignee when there is one
        holders = []
        for a in assignees:
            book = a.find("addressbook")
            address, country = _address(book)
            holders.append({"name": _name(book), "address": address, "country": country})
        applicants = holders + [a for a in applicants if a["name"] not in {h["name"] for h in holders}]
    priorities = bib.findall("priority-claims/priority-claim")
    first_priority = priorities[0] if priorities else None
    pct = bib.find("pct-or-regional-filing-data/document-id")
    pct_pub = bib.find("pct-or-regional-publishing-data/document-id")
    citations = bib.findall("us-references-cited/us-citation") + bib.findall("references-cited/citation")
    raw = {
        "office": "US",
        "application_number": app.findtext("doc-number"),
        "patent_type": US_TYPES.get(app_ref.get("appl-type", "utility"), PatentType.INVENTION),
        "filing_date": app.findtext("date"),
        "title": _text(bib.find("invention-title")),
        "abstract": _text(root.find("abstract")),
        "applicants": applicants,
        "inventors": [i for i in dict.fromkeys(inventors) if i],
        "ipc_codes": ipcs,
        "agency": "; ".join(a for a in agents if a),
        "priority_number": "".join((first_priority.findtext(t) or "") for t in ("country", "doc-number"))
        if first_priority is not None else "",
        "priority_date": first_priority.findtext("date") if first_priority is not None else "",
        "priority_count": str(len(priorities)),
        "citations_count": str(len(citations)),
    }
    if grant:
        raw["grant_number"], raw["grant_date"] = pub_number, pub.findtext("date")
    else:
        raw["publication_number"], raw["publication_date"] = pub_number, pub.findtext("date")
    if pct is not None:
        raw["pct_application_number"] = pct.findtext("doc-number") or ""
        raw["pct_filing_date"] = pct.findtext("date") or ""
        raw["national_phase_date"] = bib.findtext("pct-or-regional-filing-data/us-371c124-date/date") or ""
    if pct_pub is not None:
        raw["pct_publication_number"] = "".join(pct_pub.findtext(t) or "" for t in ("country", "doc-number"))
    return raw


def epo(root: Element) -> dict:
    sdobi = _need(root, "SDOBI")
    kind = root.get("kind", "")
    number = f"EP{root.get('doc-number', '')}{kind}"
    titles = sdobi.find("B500/B540")
    title, lang = "", None
    if titles is not None:
        for child in titles:
            if child.tag == "B541":
                lang = (child.text or "").strip()
            elif child.tag == "B542" and (not title or lang == "en"):
                title = _text(child)
    ipcs = []
    for c in sdobi.findall("B500/B510EP/classification-ipcr"):
        m = EP_IPC.match(c.findtext("text") or "")
        if m:
            ipcs.append(f"{m.group(1)}{m.group(2)}/{m.group(3)}")
    applicants = []
    # B711 applicants; a grant (B1/B2) names the proprietors (B731) instead
    for a in sdobi.findall("B700/B710/B711") or sdobi.findall("B700/B730/B731"):
        adr = a.find("adr")
        street = _text(adr.find("str")) if adr is not None else ""
        city = _text(adr.find("city")) if adr is not None else ""
        applicants.append({"name": _text(a.find("snm")), "address": ", ".join(p for p in (street, city) if p),
                           "country": (adr.findtext("ctry") or "").strip() if adr is not None else ""})
    priorities = sdobi.findall("B300")
    raw = {
        "office": "EP",
        "application_number": sdobi.findtext("B200/B210"),
        "patent_type": PatentType.INVENTION,
        "filing_date": sdobi.findtext("B200/B220/date"),
        "title": title,
        "abstract": _text(root.find("abstract")),
        "applicants": applicants,
        "inventors": [_text(i.find("snm")) for i in sdobi.findall("B700/B720/B721")],
        "ipc_codes": ipcs,
        "agency": "; ".join(_text(r.find("snm")) for r in sdobi.findall("B700/B740/B741")),
        "priority_number": "".join((priorities[0].findtext(t) or "") for t in ("B330/ctry", "B310"))
        if priorities else "",
        "priority_date": priorities[0].findtext("B320/date") if priorities else "",
        "priority_count": str(len(priorities)),
        "publication_date": sdobi.findtext("B400/B430/date") or "",
        "citations_count": str(len(sdobi.findall("B500/B560/B561"))),
        "pct_application_number": sdobi.findtext("B800/B860/B861/dnum/anum") or "",
        "pct_filing_date": sdobi.findtext("B800/B860/B861/date") or "",
        "pct_publication_number": sdobi.findtext("B800/B870/B871/dnum/pnum") or "",
    }
    if kind.startswith("B"):
        raw["grant_number"], raw["grant_date"] = number, sdobi.findtext("B400/B450/date")
    else:
        raw["publication_number"] = number
        raw["publication_date"] = raw["publication_date"] or root.get("date-publ", "")
    return raw
