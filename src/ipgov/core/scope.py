"""Region scope: the one place that decides what an actor may see and do.

**Who.** An actor (`ipgov.core.actor.Actor`): the logged-in person of a request, the system (CLI,
importers, demo, jobs: `Actor.system(...)`), or the anonymous visitor the web middleware sets. Every
function here takes `who=None`, meaning the current actor (`require_actor()`: no actor fails loudly);
an `Actor` or a Django user may be passed instead. `scope_of(who)` turns it into a `Scope`:

- the system actor, a superuser: everything, read and write;
- a staff member (a user with a staff profile): their region and everything under it (a city officer
  the city, its counties and zones); read-only roles (leaders) change nothing;
- anonymous, a user without a staff profile, an actor of an unknown kind: nothing scoped (fail closed).

**What.**

- *Records* (cases and their parties, rights, documents; pledges, funds, auctions; organizations,
  designations, awards, training; patents, trademarks): every scoped model's default manager is a
  `RestrictedQuerySet` and names the path to its region in `scope_region_field` ("region", or
  "case__region" for the rows of a case). `Model.objects.restrict(who, action)` keeps the rows in scope;
  a service acting on one record calls `check_object(obj, action)`, on a new one
  `check_region(code, action)`. Exports are lists: the same restriction.
- *Cube cells* (`check_cell`): an indicator the catalogue marks `public` (the figures the office
  publishes: applications, grants, PCT, pledge financing …) is readable for every region by anyone
  with an actor, anonymous included — a 洛阳 officer needs the other 17 cities' figures to see 洛阳's
  rank, and the public portal shows them. A non-public indicator (case-work internals: overdue
  deadlines, closing days …) is readable inside the reader's own region only, and never anonymously.
  So a city officer reads the province's and other cities' public totals, but not their internals.
- *Work reports* (`check_report`): a report is a record of its region. Staff read the reports of
  their scope only: a city officer is refused the province's report and every other city's.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db import models
from django.utils.translation import gettext as _

from ipgov.core.actor import Actor, require_actor
from ipgov.core.choices import READ_ONLY_ROLES

VIEW, CHANGE = "view", "change"
ACTIONS = (VIEW, CHANGE)


def _action_label(action: str) -> str:
    """The action as the refusal sentence says it, in the user's language."""
    return {VIEW: _("view"), CHANGE: _("change")}.get(action, action)


class OutOfScope(PermissionDenied):
    pass


@dataclass(frozen=True)
class Scope:
    """What one actor may see and do; build it with `scope_of`."""

    label: str  # who, for messages: a username or the actor's label
    actor: Actor | None = None
    user: object | None = None
    region: str | None = None  # the region the scope is limited to (None: see `everything`)
    everything: bool = False  # the system actor and superusers
    role: str | None = None
    refusal: str = ""  # why this actor sees nothing scoped (anonymous, no staff profile)
    writes: bool = True  # False: read-only whatever the role (an API token marked read-only)

    @property
    def is_staff(self) -> bool:
        """Someone the office's records are shown to at all (staff, superuser or the system)."""
        return self.everything or self.region is not None

    @property
    def read_only(self) -> bool:
        return self.role in READ_ONLY_ROLES or not self.writes

    def allows(self, action: str = VIEW) -> bool:
        if action not in ACTIONS:
            raise ValueError(f"unknown scope action {action!r}; one of {ACTIONS}")
        return self.is_staff and (action == VIEW or not self.read_only)

    def region_codes(self):
        """The codes of the scope's region and everything under it, as a subquery."""
        from ipgov.regions.models import Region

        return Region.objects.within(self.region).values("code")

    def region_code_list(self) -> list[str]:
        """The same codes as values (one query): `region_id IN ('410102', …)` lets the planners estimate the
        share of a big table from the column's statistics, where `IN (subquery)` is a fixed guess (issue 17:
        SQLite sorted all 750,000 patents of a province administrator's list for its first page)."""
        return list(self.region_codes().values_list("code", flat=True))

    def covers(self, region_code: str | None, action: str = VIEW) -> bool:
        if not self.allows(action):
            return False
        if self.everything:
            return True
        if region_code is None:  # a record of no region belongs to the province office
            return False
        from ipgov.regions.models import Region

        return Region.objects.within(self.region).filter(code=region_code).exists()

    def refuse(self, action: str, region_code: str | None, what: str = "") -> OutOfScope:
        if not self.is_staff:
            return OutOfScope(self.refusal)
        if action != VIEW and self.read_only:
            return OutOfScope(_("%(who)s has a read-only role and may not change records")
                              % {"who": self.label})
        return OutOfScope(_("%(who)s may not %(action)s %(what)s of region %(region)s")
                          % {"who": self.label, "action": _action_label(action), "what": what or _("records"),
                             "region": region_code or "-"})


def _user_scope(user, actor: Actor | None = None) -> Scope:
    if user is None or not user.is_authenticated:
        return Scope("anonymous", actor, refusal=_("not logged in: log in as a staff member first"))
    name = user.get_username()
    if user.is_superuser:
        return Scope(name, actor, user, everything=True)
    profile = getattr(user, "staff_profile", None)
    if profile is None:
        return Scope(name, actor, user, refusal=_("%(user)s has no staff profile (role and region): ask the "
                                                  "province administrator to give one") % {"user": name})
    return Scope(name, actor, user, region=profile.region_id, role=profile.role)


def scope_of(who=None) -> Scope:
    """The scope of `who`: an Actor, a Django user, a Scope, or None for the current actor."""
    if isinstance(who, Scope):
        return who
    if who is None:
        who = require_actor()
    if not isinstance(who, Actor):
        return _user_scope(who)
    if who.user_id is None:
        if who.is_system:
            return Scope(who.label, who, everything=True)
        return Scope(who.label, who, refusal=_("%(actor)s is not logged in: log in as a staff member first")
                     % {"actor": who.label})
    user = who.user
    if user is None:
        from django.contrib.auth import get_user_model

        user = get_user_model().objects.select_related("staff_profile").filter(pk=who.user_id).first()
    return _narrowed(_user_scope(user, who), who)


def _narrowed(scope: Scope, actor: Actor) -> Scope:
    """A person's scope narrowed by their actor (an API token): a region inside it, read-only."""
    from dataclasses import replace

    if actor.read_only:
        scope = replace(scope, writes=False)
    if actor.region and scope.is_staff:
        if not scope.covers(actor.region):  # the person's scope shrank since: nothing, never wider
            return Scope(scope.label, actor, scope.user, refusal=_("%(who)s's token is limited to region "
                         "%(region)s, outside their scope") % {"who": scope.label, "region": actor.region})
        scope = replace(scope, region=actor.region, everything=False)
    return scope


def check_staff(who=None) -> Scope:
    """The scope of a staff member (or the system); OutOfScope for anyone else."""
    scope = scope_of(who)
    if not scope.is_staff:
        raise OutOfScope(scope.refusal)
    return scope


def region_in_scope(region_code: str | None, action: str = VIEW, *, who=None) -> bool:
    return scope_of(who).covers(region_code, action)


def check_region(region_code: str | None, action: str = VIEW, *, who=None, what: str = "") -> Scope:
    """The one check: may `who` see (or change) records of `region_code`? OutOfScope when not."""
    scope = scope_of(who)
    if not scope.covers(region_code, action):
        raise scope.refuse(action, region_code, what)
    return scope


def region_of(obj: models.Model) -> str | None:
    """The region code of a scoped record, following its model's `scope_region_field`."""
    value = obj
    *path, last = type(obj).scope_region_field.split("__")
    for part in path:
        value = getattr(value, part, None)
        if value is None:
            return None
    return getattr(value, f"{last}_id", None)


def check_object(obj: models.Model, action: str = VIEW, *, who=None) -> Scope:
    return check_region(region_of(obj), action, who=who)


def check_cell(indicator, region_code: str, *, who=None) -> None:
    """May `who` read the cube's cells of `indicator` (a catalogue entry) for `region_code`?"""
    if getattr(indicator, "public", False):
        if who is None:
            require_actor()  # readable by all, but still only under an actor
        return
    check_region(region_code, VIEW, who=who,
                 what=_("figures of the non-public indicator %(id)s") % {"id": indicator.id})


def check_cells(indicators, region_codes, *, who=None) -> None:
    """`check_cell` for every indicator × region at once, in one query: what a page of figures asks."""
    private = [ind for ind in indicators if not getattr(ind, "public", False)]
    if not private:
        if who is None:
            require_actor()
        return
    scope = scope_of(who)
    codes = set(region_codes)
    if scope.allows(VIEW) and scope.everything:
        return
    covered: set[str] = set()
    if scope.allows(VIEW) and codes:
        from ipgov.regions.models import Region

        covered = set(Region.objects.within(scope.region).filter(code__in=codes).values_list("code", flat=True))
    for code in sorted(codes - covered):
        raise scope.refuse(VIEW, code, _("figures of the non-public indicator %(id)s") % {"id": private[0].id})


def check_report(region_code: str, *, who=None) -> Scope:
    """A work report is a record of its region: staff read the reports of their own scope only."""
    return check_region(region_code, VIEW, who=who, what=_("work reports"))


def check_accounts(region_code: str, *, who=None) -> Scope:
    """Staff accounts are managed by the system (CLI) and by province administrators, for the regions
    of their scope."""
    from ipgov.core.choices import Role

    scope = check_staff(who)
    if not scope.everything and scope.role != Role.PROVINCE_ADMIN:
        raise OutOfScope(_("%(who)s may not manage staff accounts: province administrators only")
                         % {"who": scope.label})
    return check_region(region_code, CHANGE, who=scope, what=_("staff accounts"))


def scope_region(who=None) -> str | None:
    """The region a staff member is limited to; None means everything. OutOfScope for non-staff."""
    scope = check_staff(who)
    return None if scope.everything else scope.region


class RestrictedQuerySet(models.QuerySet):
    """The default manager of every scoped model (NetBox's `restrict`). The model names the path to
    its region in `scope_region_field`."""

    def restrict(self, who=None, action: str = VIEW, *, listed: bool = False) -> RestrictedQuerySet:
        """Only the records `who` may `action`. `listed`: the scope's codes as values read first (one query)
        rather than a subquery, for the big lists whose plan depends on how much of the table the scope is
        (`Scope.region_code_list`)."""
        scope = scope_of(who)
        if not scope.allows(action):
            return self.none()
        if scope.everything:
            return self
        # `IN (codes of the scope)` rather than ORs over a join: the region index on big tables applies
        codes = scope.region_code_list() if listed else scope.region_codes()
        return self.filter(**{f"{self.model.scope_region_field}__in": codes})
