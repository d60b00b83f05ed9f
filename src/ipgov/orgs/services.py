"""Applicant organizations: harmonising the register's names, linking credit codes, resolving conflicts,
and the first applicant's region when an export has no address (docs/organizations.md).

Set-based: the rules run once per distinct name (a register of 2 million records has ~100k names),
and regions are written with bulk updates. A batch's names and records go CHUNK at a time, streamed from
the database: the memory an import needs does not grow with its file (a national batch of 1M patents
brings ~720k new names)."""

from __future__ import annotations

import heapq
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from itertools import groupby
from operator import itemgetter

from django.db import connection, transaction
from django.db.models import Case, Count, F, Max, Q, Value, When
from django.db.models.functions import Collate
from django.utils import timezone
from django.utils.translation import gettext as _

from ipgov.core.actor import require_actor
from ipgov.core.anyof import AnyOf
from ipgov.core.credit_code import clean as clean_code
from ipgov.core.credit_code import problem as code_problem
from ipgov.core.ingest import bulk
from ipgov.core.scope import CHANGE as SCOPE_CHANGE
from ipgov.core.scope import VIEW, check_region
from ipgov.orgs.models import ApplicantName, CodeConflict, LinkRule, Organization, RegionSource
from ipgov.orgs.names import INDIVIDUAL, harmonise_normalised, normalised, university_region
from ipgov.regions.models import Region
from ipgov.rights.choices import ApplicantType
from ipgov.rights.models import Applicant, Patent, Trademark

CODE_FALLBACK = "address unresolved"  # regionmatch's note when the 国省代码 column placed the record
OURS = "region from "  # the note this module writes
PROVINCE = "410000"  # the office's province: records of no region and code conflicts are its office's
CHUNK = 20_000  # names harmonised, or records placed, at a time


class OrgsError(ValueError):
    """A user-caused failure, as a sentence."""


def harmonise_names(names: Iterable[str], individuals: Iterable[str] = ()) -> int:
    """Link every raw name not yet linked to its organization (created when new). `individuals`: names
    the records state are persons (申请人类型 个人). Returns the number of names linked."""
    persons = set(individuals)
    names = set(names)
    known = set(ApplicantName.objects.filter(AnyOf(F("raw"), names)).values_list("raw", flat=True))
    new = sorted(names - known)
    if not new:
        return 0
    texts = {raw: normalised(raw) for raw in new}  # once a name: the caches hold fewer than a national batch brings
    results = {raw: harmonise_normalised(raw, "个人" if raw in persons else "", texts[raw]) for raw in new}
    first_name: dict[str, str] = {}  # an organization's key → the name of its first raw name (sorted)
    for h in results.values():
        if h.kind != INDIVIDUAL:
            first_name.setdefault(h.key, h.name)
    keys = set(first_name)
    existing = set(Organization.objects.filter(AnyOf(F("key"), keys)).values_list("key", flat=True))
    with transaction.atomic():  # one COPY or multi-row INSERTs: a national batch brings ~10⁵ new organizations
        bulk.insert(Organization, ["key", "name", "credit_code", "region_source", "region_assigned_by"],
                    ((k, first_name[k], "", "", "") for k in sorted(keys - existing)))
    orgs = {key: (pk, name) for key, pk, name in
            Organization.objects.filter(AnyOf(F("key"), keys)).values_list("key", "pk", "name")}
    links = []
    org_names = {pk: texts[name] if name in texts else normalised(name) for pk, name in orgs.values()}
    for raw, h in results.items():
        org = orgs.get(h.key) if h.kind != INDIVIDUAL else None
        rule = h.rule
        if org is not None and rule in ("exact", "normalised") and org_names[org[0]] != texts[raw]:
            rule = LinkRule.LEGAL_FORM
        links.append((raw[:300], org[0] if org else None, str(rule), h.detail[:500]))
    # a name another import linked meanwhile (or two names the same in their first 300 characters) is skipped
    bulk.insert(ApplicantName, ["raw", "organization_id", "rule", "detail"], links, skip_conflicts=True)
    return len(links)


def harmonise_register() -> int:
    """Harmonise every patent applicant's and trademark owner's name of the register not yet linked (the
    demo, `ipgov orgs harmonise`): one rule set and one table of names for both registers. A trademark
    owner's record states no type: a person is recognised by the name (`names.is_individual`)."""
    return _harmonise_streamed(_applicant_names(Applicant.objects.all()), _owner_names(Trademark.objects.all()))


def _by_code_point(field: str):
    """`field` ordered by code point on both engines, as Python sorts (PostgreSQL's default collation follows
    the locale; SQLite's is binary)."""
    return Collate(F(field), "C") if connection.vendor == "postgresql" else F(field)


def _applicant_names(applicants) -> Iterator[tuple[str, bool]]:
    """(name, stated a person) of the applicants' distinct names, in code-point order, streamed."""
    person = Max(Case(When(applicant_type=ApplicantType.INDIVIDUAL, then=Value(1)), default=Value(0)))
    rows = (applicants.order_by().values("name").annotate(person=person).order_by(_by_code_point("name"))
            .values_list("name", "person"))
    return ((name, bool(p)) for name, p in rows.iterator(chunk_size=CHUNK))


def _owner_names(marks) -> Iterator[tuple[str, bool]]:
    """(name, False) of the trademarks' distinct owner names, in code-point order, streamed."""
    rows = marks.order_by(_by_code_point("owner_name")).values_list("owner_name", flat=True).distinct()
    return ((name, False) for name in rows.iterator(chunk_size=CHUNK))


def _harmonise_streamed(*streams: Iterator[tuple[str, bool]]) -> int:
    """`harmonise_names` over (name, person) streams in code-point order, CHUNK names at a time: the same
    organizations as all at once (an organization takes the name of its first raw name in that order, and a
    later chunk links to it), in memory that does not grow with the batch."""
    merged = ((name, any(p for _n, p in group)) for name, group in groupby(heapq.merge(*streams), key=itemgetter(0)))
    return sum(harmonise_names([n for n, _p in chunk], [n for n, p in chunk if p]) for chunk in bulk.chunks(merged, CHUNK))


def link_credit_codes(pairs: Iterable[tuple[str, str]], source: str) -> Counter:
    """Credit codes a source gives for names (organizations import, case parties, pre-exam registrations).

    A code wins over a name: a name whose code belongs to another organization is linked to that one. A
    name whose organization already has a different code is a conflict for a person (`ipgov orgs review`),
    unless a decision on it exists: then the decision is applied again. Set-based: a few queries per call."""
    counts = Counter()
    valid = []
    for name, text in pairs:
        code = clean_code(text)
        if not code or code_problem(code):
            counts["invalid code"] += 1
        else:
            valid.append((name[:300], code))
    if not valid:
        return counts
    with transaction.atomic():
        harmonise_names({n for n, _c in valid})
        links = {a.raw: a for a in ApplicantName.objects.filter(raw__in={n for n, _c in valid})
                 .select_related("organization")}
        by_code = {o.credit_code: o for o in Organization.objects.filter(credit_code__in={c for _n, c in valid})}
        same = {o.pk: o for o in by_code.values()}  # one instance per organization: changes are seen by later pairs
        for a in links.values():
            if a.organization is not None:
                a.organization = same.setdefault(a.organization.pk, a.organization)
        keys = {a.organization.key for a in links.values() if a.organization}
        decided = {c.key: c for c in CodeConflict.objects.filter(key__in=keys)}
        state = _Linking(by_code, decided, source)
        for name, code in valid:
            link = links[name]
            counts[state.link(link, code) if link.organization else "individual"] += 1
        state.save()
    return counts


class _Linking:
    """The rules of link_credit_codes over organizations held in memory, written once at the end."""

    def __init__(self, by_code: dict, decided: dict, source: str):
        self.by_code, self.decided, self.source = by_code, decided, source
        self.links, self.orgs, self.conflicts = {}, {}, {}

    def link(self, link: ApplicantName, code: str) -> str:
        org = link.organization
        holder = self.by_code.get(code)
        if holder is not None and holder.pk != org.pk:
            self._relink(link, holder, LinkRule.CREDIT_CODE, code)
            return "linked by code"
        if org.credit_code == code:
            return "already linked"
        conflict = self.decided.get(org.key)
        if not org.credit_code and not (conflict and conflict.chosen_code):
            org.credit_code = code
            self.by_code[code], self.orgs[org.pk] = org, org
            return "code added"
        if conflict is None or not conflict.chosen_code:
            conflict = conflict or CodeConflict(key=org.key, name=org.name, codes=[], sources=[])
            conflict.codes = sorted({*conflict.codes, *([org.credit_code] if org.credit_code else []), code})
            conflict.sources = sorted({*conflict.sources, self.source})
            self.decided[org.key] = self.conflicts[org.key] = conflict
            return "conflict"
        if org.credit_code != conflict.chosen_code:
            org.credit_code = conflict.chosen_code
            self.by_code[org.credit_code], self.orgs[org.pk] = org, org
        if code != conflict.chosen_code:  # the other code is an organization of its own
            other, _created = Organization.objects.get_or_create(
                key=f"{org.key}#{code}", defaults={"name": org.name, "credit_code": code})
            self.by_code[code] = other
            self._relink(link, other, LinkRule.DECISION, code)
        return "decided"

    def _relink(self, link: ApplicantName, org: Organization, rule: str, code: str) -> None:
        link.organization, link.rule, link.detail = org, rule, f"{self.source}: {code}"
        self.links[link.pk] = link

    def save(self) -> None:
        ApplicantName.objects.bulk_update(list(self.links.values()), ["organization", "rule", "detail"],
                                          batch_size=2000)
        Organization.objects.bulk_update(list(self.orgs.values()), ["credit_code"], batch_size=2000)
        for conflict in self.conflicts.values():
            conflict.save()


def _apply_decision(conflict: CodeConflict) -> None:
    Organization.objects.filter(key=conflict.key).update(credit_code=conflict.chosen_code)


def conflicts(*, who=None, open_only: bool = True) -> list[CodeConflict]:
    """Credit-code conflicts for a person to decide (province staff: organizations of any region)."""
    check_region(PROVINCE, VIEW, who=who, what=_("credit code conflicts"))
    qs = CodeConflict.objects.all()
    return list(qs.filter(chosen_code="") if open_only else qs)


def decide_conflict(conflict_id: int, code: str, *, who=None) -> CodeConflict:
    """Keep `code` for the organization; kept and re-applied on every later link_credit_codes."""
    check_region(PROVINCE, SCOPE_CHANGE, who=who, what=_("credit code conflicts"))
    conflict = CodeConflict.objects.filter(pk=conflict_id).first()
    if conflict is None:
        raise OrgsError(_("no credit code conflict #%(id)s; `ipgov orgs review` lists them") % {"id": conflict_id})
    code = clean_code(code)
    if code not in conflict.codes:
        raise OrgsError(_("%(code)s is not one of the conflict's codes: %(codes)s") % {
            "code": code, "codes": ", ".join(conflict.codes)})
    conflict.chosen_code, conflict.decided_by, conflict.decided_at = code, require_actor().label, timezone.now()
    conflict.save()
    _apply_decision(conflict)
    return conflict


def _learn_regions(orgs: list[Organization]) -> None:
    """Organizations with no region get one: (a) the commonest region of their earlier records (patents'
    first applicants and trademarks' owners) placed by address, (b) the known universities' list, (c) the credit code's registration region (GB 32100:
    characters 3–8 are the GB/T 2260 code)."""
    need = [o for o in orgs if o.region_id is None]
    if not need:
        return
    raws = defaultdict(list)
    for raw, org_id in ApplicantName.objects.filter(organization__in=need).values_list("raw", "organization_id"):
        raws[raw].append(org_id)
    votes: dict[int, Counter] = defaultdict(Counter)
    placed = (Applicant.objects.filter(name__in=list(raws), region__isnull=False)
              .exclude(resolution_note__startswith=CODE_FALLBACK).exclude(resolution_note__startswith=OURS)
              .values("name", "region_id").annotate(n=Count("id")))
    marks = (Trademark.objects.filter(owner_name__in=list(raws), region__isnull=False)
             .exclude(resolution_note__startswith=CODE_FALLBACK).exclude(resolution_note__startswith=OURS)
             .values("owner_name", "region_id").annotate(n=Count("id")))
    for row in [*placed, *({"name": m["owner_name"], "region_id": m["region_id"], "n": m["n"]} for m in marks)]:
        for org_id in raws[row["name"]]:
            votes[org_id][row["region_id"]] += row["n"]
    known = set(Region.objects.values_list("code", flat=True))
    changed = []
    for org in need:
        if votes[org.pk]:
            org.region_id, org.region_source = votes[org.pk].most_common(1)[0][0], RegionSource.EARLIER
        elif (code := university_region(org.name)) in known:
            org.region_id, org.region_source = code, RegionSource.UNIVERSITY
        elif org.credit_code and org.credit_code[2:8] in known:
            org.region_id, org.region_source = org.credit_code[2:8], RegionSource.CREDIT_CODE
        else:
            continue
        changed.append(org)
    Organization.objects.bulk_update(changed, ["region", "region_source"], batch_size=2000)


def _place(todo, counts: dict[str, int]) -> dict:
    """The one placement rule of `fill_regions` and `fill_trademark_regions`: each (key, holder name, region
    code from the 国省代码 column or None) gets its holder's organization's region, unless the organization
    has none or sits outside the column's province. Counts each record by where its region came from (the
    organization's RegionSource, the region-code column kept, unresolved); returns {key: organization}."""
    todo = list(todo)
    links = dict(ApplicantName.objects.filter(raw__in={name for _key, name, _code in todo}, organization__isnull=False)
                 .values_list("raw", "organization_id"))
    orgs = Organization.objects.in_bulk(set(links.values()))
    _learn_regions(list(orgs.values()))
    placed, still = {}, 0
    for key, name, region_id in todo:
        org = orgs.get(links.get(name))
        if org is None or org.region_id is None or (region_id and not org.region_id.startswith(region_id[:2])):
            if region_id:
                counts["region-code column"] = counts.get("region-code column", 0) + 1
            else:
                still += 1
            continue
        counts[org.region_source] = counts.get(org.region_source, 0) + 1
        placed[key] = org
    counts["unresolved"] = counts.get("unresolved", 0) + still
    return placed


def _placement_note(org: Organization) -> str:
    """The resolution note of a record placed by its organization (which rule, which organization)."""
    return f"{OURS}{org.region_source}: {org.name}"[:300]


def fill_regions(batch_id: int | None = None) -> dict[str, int]:
    """First applicants with no region (or only the 国省代码 column's province) get their organization's
    region; returns how many records got their region from each source (address, region-code column,
    a RegionSource value, unresolved; abroad: a foreign first applicant). `batch_id=None`: the register."""
    first = Applicant.objects.filter(position=1)
    if batch_id is not None:
        first = first.filter(patent__batch_id=batch_id)
    counts: dict[str, int] = {}
    abroad = first.filter(region__isnull=True).exclude(country__in=("", "CN")).count()
    if abroad:
        counts["abroad"] = abroad  # a foreign applicant has no region here: not unresolved
    todo = (first.filter(country__in=("", "CN")).filter(Q(region__isnull=True) | Q(resolution_note__startswith=CODE_FALLBACK))
            .order_by("pk").values_list("pk", "patent_id", "name", "region_id"))
    counts["address"] = first.filter(region__isnull=False).count() - todo.filter(region__isnull=False).count()
    _harmonise_streamed(_applicant_names(first))  # resolved ones too: they vote for their organization
    # streamed: the rows written are ones the cursor has passed (PostgreSQL's cursor reads its snapshot)
    for chunk in bulk.chunks(todo.iterator(chunk_size=CHUNK), CHUNK):
        applicants, patents = [], []
        for (pk, patent_id), org in _place((((pk, patent_id), name, region_id) for pk, patent_id, name, region_id in chunk),
                                           counts).items():
            applicants.append(Applicant(pk=pk, region_id=org.region_id, resolution_note=_placement_note(org)))
            patents.append(Patent(pk=patent_id, region_id=org.region_id, is_domestic=True))
        Applicant.objects.bulk_update(applicants, ["region", "resolution_note"], batch_size=2000)
        Patent.objects.bulk_update(patents, ["region", "is_domestic"], batch_size=2000)
    return {k: v for k, v in counts.items() if v}


def fill_trademark_regions(batch_id: int | None = None) -> dict[str, int]:
    """Trademarks whose owner has no region (or only the 国省代码 column's province) get the owner's
    organization's region — the same organizations and rules as the patents' applicants (`fill_regions`);
    returns how many records got their region from each source. `batch_id=None`: the register."""
    marks = Trademark.objects.all()
    if batch_id is not None:
        marks = marks.filter(batch_id=batch_id)
    counts: dict[str, int] = {}
    abroad = marks.filter(region__isnull=True, is_domestic=False).count()
    if abroad:
        counts["abroad"] = abroad
    todo = (marks.exclude(is_domestic=False).filter(Q(region__isnull=True) | Q(resolution_note__startswith=CODE_FALLBACK))
            .order_by("pk").values_list("pk", "owner_name", "region_id"))
    counts["address"] = marks.filter(region__isnull=False).count() - todo.filter(region__isnull=False).count()
    _harmonise_streamed(_owner_names(marks))
    for chunk in bulk.chunks(todo.iterator(chunk_size=CHUNK), CHUNK):
        placed = [Trademark(pk=pk, region_id=org.region_id, is_domestic=True, resolution_note=_placement_note(org))
                  for pk, org in _place(chunk, counts).items()]
        Trademark.objects.bulk_update(placed, ["region", "is_domestic", "resolution_note"], batch_size=2000)
    return {k: v for k, v in counts.items() if v}


def unresolved(top: int = 100, *, who=None) -> list[dict]:
    """Applicants and trademark owners whose records have no region, most records first: organization (or
    the name of an individual), number of records (patents and trademarks), and the names as received."""
    check_region(PROVINCE, VIEW, who=who, what=_("unplaced records"))
    rows = (Applicant.objects.filter(position=1, patent__region__isnull=True)
            .values("name").annotate(n=Count("id")))
    counts = Counter({r["name"]: r["n"] for r in rows})
    for r in (Trademark.objects.filter(region__isnull=True).exclude(is_domestic=False)
              .values("owner_name").annotate(n=Count("id"))):
        counts[r["owner_name"]] += r["n"]
    links = dict(ApplicantName.objects.filter(raw__in=list(counts), organization__isnull=False)
                 .values_list("raw", "organization__name"))
    groups: dict[str, dict] = {}
    for raw, n in counts.items():
        org = links.get(raw)
        g = groups.setdefault(org or raw, {"organization": org or "", "name": org or raw, "records": 0, "names": []})
        g["records"] += n
        g["names"].append(raw)
    return sorted(groups.values(), key=lambda g: (-g["records"], g["name"]))[:top]


def assign_region(name: str, region_code: str, *, who=None) -> int:
    """Staff assign a region to the organization a name belongs to; it is applied to every record of that
    organization with no region now (patents and trademarks), and on later imports. Returns the number of
    records placed."""
    check_region(region_code, SCOPE_CHANGE, who=who, what=_("applicant region"))
    if not Region.objects.filter(code=region_code).exists():
        raise OrgsError(_("unknown region code %(code)s (see `ipgov region show`)") % {"code": region_code})
    harmonise_names([name])
    link = ApplicantName.objects.select_related("organization").get(raw=name[:300])
    if link.organization is None:
        raise OrgsError(_("%(name)s is an individual: individuals are never grouped by name, so a region "
                          "cannot be assigned to all their records") % {"name": name})
    org = link.organization
    org.region_id, org.region_source = region_code, RegionSource.STAFF
    org.region_assigned_by = require_actor().label
    org.save(update_fields=["region", "region_source", "region_assigned_by"])
    return fill_regions().get(RegionSource.STAFF, 0) + fill_trademark_regions().get(RegionSource.STAFF, 0)
