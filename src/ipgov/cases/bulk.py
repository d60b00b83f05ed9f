"""The bulk service: opening and moving many cases at once (demo, migrations of old registers, benchmarks).

Each case goes through the same checks as a single case moved by an officer — scope, role, the
kind's fields, registered applicants, party and right validation (`services.clean_party`,
`services.clean_right`) — and the same engine transitions and deadline arithmetic. Only persistence
differs: the cases, deadlines, extensions, parties, documents and timeline events are written with
bulk inserts in one transaction at `flush()` (case ids read back by number), and their audit
rows are written in bulk on purpose (`record_bulk`, one per case naming its moves).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db import connection, models, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from ipgov.cases import documents as docstore
from ipgov.cases import engine, services
from ipgov.cases.choices import DocumentType, EventAction, PartyRole, PartyType, RightType
from ipgov.cases.kinds import get_kind
from ipgov.cases.models import (
    Case,
    CaseDocument,
    CaseEvent,
    CaseRight,
    Deadline,
    DeadlineExtension,
    Party,
)
from ipgov.cases.workflow import WorkflowError
from ipgov.core.audit import record_bulk, text
from ipgov.core.ingest import bulk
from ipgov.core.models import ObjectChange
from ipgov.core.scope import CHANGE, check_region, scope_of
from ipgov.regions.models import Region

PLAIN = (models.CharField, models.TextField, models.IntegerField, models.BooleanField, models.ForeignKey)


def insert_rows(model, objs: list) -> None:
    """INSERT the objects through the bulk writer (`core.ingest.bulk.insert`: COPY on PostgreSQL, multi-row
    INSERTs on SQLite), without Django's per-value compiler overhead.

    For tables whose new ids nobody needs (events, parties, rights, documents, extensions). Values are
    adapted by the fields themselves except for plain types, which the drivers take as they are."""
    if not objs:
        return
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    for f in fields:
        if getattr(f, "auto_now_add", False) or getattr(f, "auto_now", False):
            for obj in objs:
                f.pre_save(obj, add=True)
    getters = []
    for f in fields:
        if isinstance(f, models.ForeignKey):
            getters.append(lambda o, f=f: getattr(o, f.attname) if getattr(o, f.attname) is not None or
                           not f.is_cached(o) else getattr(o, f.name).pk)
        elif isinstance(f, PLAIN):
            getters.append(lambda o, f=f: getattr(o, f.attname))
        else:
            getters.append(lambda o, f=f: f.get_db_prep_save(getattr(o, f.attname), connection))
    names = [f.attname for f in fields]
    bulk.insert(model, names, (tuple(g(o) for g in getters) for o in objs), ready=names)


@dataclass
class _Pending:
    case: Case
    deadlines: dict[str, Deadline] = field(default_factory=dict)
    doc_types: set[str] = field(default_factory=set)
    moves: list[str] = field(default_factory=list)
    rights: set[tuple[str, str]] = field(default_factory=set)


class BulkRunner:
    def __init__(self):
        self.who = scope_of()  # the current actor: role and region (or the system)
        self.policy = services.policy_lookup()
        self.registered = services.registry_lookup()
        self.pending: list[_Pending] = []
        self.deadlines: list[Deadline] = []
        self.extensions: list[DeadlineExtension] = []
        self.events: list[CaseEvent] = []
        self.parties: list[Party] = []
        self.rights: list[CaseRight] = []
        self.documents: list[CaseDocument] = []
        self._numbers: dict[str, int] = {}
        self._regions_ok: set[str] = set()
        self._regions: set[str] | None = None
        self._kinds_ok: set[str] = set()

    def _region_exists(self, code: str) -> bool:
        if self._regions is None:
            self._regions = set(Region.objects.values_list("code", flat=True))
        return code in self._regions

    def _absorb(self, p: _Pending, effects: engine.Effects) -> None:
        self.deadlines += effects.new_deadlines
        self.extensions += effects.extensions
        self.events += effects.events

    def open(self, kind: str, *, region: str, authority: str, received_on: datetime.date,
             right_type: str | None = None, title: str = "", parties: list[dict] = (), **fields) -> int:
        if region not in self._regions_ok:
            if not self._region_exists(region):
                raise WorkflowError(_("unknown region code %(code)r") % {"code": region})
            check_region(region, CHANGE, who=self.who)
            self._regions_ok.add(region)
        spec = get_kind(kind)
        if kind not in self._kinds_ok:
            services.check_role(self.who, kind)
            self._kinds_ok.add(kind)
        services.check_case_fields(fields)
        authority = authority.strip()
        services.check_applicant(kind, authority, received_on, parties, self.registered)
        case = Case(kind=kind, region_id=region, authority=authority, right_type=right_type or spec.right_types[0],
                    title=title, received_on=received_on, last_on=received_on, **fields)
        for party in parties:  # all checked before the case takes a number: a refusal leaves no half case
            services.clean_party(case, **party, region_exists=self._region_exists)
        effects = engine.open_case(case, on=received_on, actor=self.who.actor.label,
                                   user_id=self.who.actor.user_id, policy=self.policy)
        case.number = services.next_number(spec.number_prefix, region, received_on.year, self._numbers)
        p = _Pending(case, {d.key: d for d in effects.new_deadlines}, moves=["open"])
        self.pending.append(p)
        self._absorb(p, effects)
        for party in parties:
            self.party(len(self.pending) - 1, **party)
        return len(self.pending) - 1

    def party(self, h: int, *, role: str, name: str, party_type: str = PartyType.ENTERPRISE, region: str | None = None,
              address: str = "", credit_code: str = "") -> None:
        p = self.pending[h]
        self.parties.append(services.clean_party(p.case, role=role, name=name, party_type=party_type, region=region,
                                                 address=address, credit_code=credit_code,
                                                 region_exists=self._region_exists))
        self.events.append(CaseEvent(case=p.case, on=p.case.last_on, actor=self.who.actor.label,
                                     user_id=self.who.actor.user_id, action=EventAction.PARTY,
                                     message=text(gettext_noop("%(role)s: %(name)s"), role=PartyRole(role).label, name=name), data={"role": role, "region": region}))

    def right(self, h: int, right_type: str, number: str) -> None:
        p = self.pending[h]
        canonical = services.clean_right(p.case, right_type, number)
        if (right_type, canonical) in p.rights:
            raise WorkflowError(_("%(number)s is already on the case") % {"number": canonical})
        p.rights.add((right_type, canonical))
        right = CaseRight(case=p.case, right_type=right_type, number=canonical)
        self.rights.append(right)
        self.events.append(CaseEvent(case=p.case, on=p.case.last_on, actor=self.who.actor.label,
                                     user_id=self.who.actor.user_id, action=EventAction.RIGHT,
                                     message=str(right), data={"number": right.number}))

    def document(self, h: int, doc_type: str, name: str, content: bytes, on: datetime.date) -> None:
        if doc_type not in DocumentType.values:
            raise WorkflowError(_("unknown document type %(type)r") % {"type": doc_type})
        p = self.pending[h]
        stored = docstore.store(name, content)
        self.documents.append(CaseDocument(case=p.case, doc_type=doc_type, name=stored.name, size=stored.size,
                                           sha256=stored.sha256, path=stored.path, added_on=on))
        p.doc_types.add(doc_type)
        self.events.append(CaseEvent(case=p.case, on=on, actor=self.who.actor.label, user_id=self.who.actor.user_id,
                                     action=EventAction.DOCUMENT, message=stored.name, data={"sha256": stored.sha256}))

    def move(self, h: int, transition: str, on: datetime.date, **values) -> None:
        from ipgov.cases import linking

        p = self.pending[h]
        number = values.get("application_number")
        if number:
            values["application_number"] = linking.clean_number(RightType.PATENT, number)
        effects = engine.move_case(p.case, p.deadlines, transition, on=on, role=self.who.role,
                                   documents=p.doc_types, values=values, actor=self.who.actor.label,
                                   user_id=self.who.actor.user_id, policy=self.policy)
        p.moves.append(transition)
        self._absorb(p, effects)
        if number and (RightType.PATENT, values["application_number"]) not in p.rights:
            self.right(h, RightType.PATENT, number)

    def extend(self, h: int, key: str, *, amount: int, unit: str, approved_by: str, reason: str,
               on: datetime.date, collective: bool = False) -> None:
        p = self.pending[h]
        if key not in p.deadlines:
            raise WorkflowError(f"{p.case.number} has no deadline {key!r}")
        effects = engine.extend_deadline(p.case, p.deadlines[key], amount=amount, unit=unit,
                                         approved_by=approved_by, reason=reason, on=on, collective=collective,
                                         actor=self.who.actor.label, user_id=self.who.actor.user_id)
        p.moves.append(f"extend {key}")
        self._absorb(p, effects)

    def flush(self, *, audit: bool = True) -> dict[str, int]:
        """Write everything in one transaction; the counts written."""
        from ipgov.cases import linking

        cases = [p.case for p in self.pending]
        linked = linking.link_many(self.rights)
        with transaction.atomic():
            insert_rows(Case, cases)
            for i in range(0, len(cases), 1000):
                part = cases[i:i + 1000]
                ids = dict(Case.objects.filter(number__in=[c.number for c in part]).values_list("number", "pk"))
                for c in part:
                    c.pk = ids[c.number]
            insert_rows(Deadline, self.deadlines)
            extended = {id(e.deadline): e.deadline for e in self.extensions}
            todo = list(extended.values())
            for i in range(0, len(todo), 1000):  # only the extended deadlines' ids are needed
                part = todo[i:i + 1000]
                ids = {(c, k): pk for c, k, pk in Deadline.objects.filter(
                    case_id__in=[d.case.pk for d in part]).values_list("case_id", "key", "pk")}
                for d in part:
                    d.pk = ids[(d.case.pk, d.key)]
            for model, rows in ((DeadlineExtension, self.extensions), (Party, self.parties),
                                (CaseRight, self.rights), (CaseDocument, self.documents), (CaseEvent, self.events)):
                insert_rows(model, rows)
            if audit:
                record_bulk(Case, ((str(p.case.pk), p.case.number, " → ".join(p.moves)) for p in self.pending),
                            ObjectChange.Action.CREATE, message=text(gettext_noop("opened and moved in bulk")))
        counts = {"cases": len(cases), "deadlines": len(self.deadlines), "extensions": len(self.extensions),
                  "events": len(self.events), "parties": len(self.parties), "rights": len(self.rights),
                  "rights_linked": linked, "documents": len(self.documents)}
        self.__init__()
        return counts
