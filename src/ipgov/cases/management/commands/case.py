import datetime
import getpass

from django.contrib.auth import get_user_model
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.core.management.base import CommandError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ipgov.cases import documents, services
from ipgov.cases.choices import DeadlineUnit, DocumentType, Kind, PartyRole, PartyType
from ipgov.cases.kinds import get_kind
from ipgov.cases.models import Deadline
from ipgov.cases.workflow import WorkflowError
from ipgov.core import commands as ipgov_commands
from ipgov.core import preflight
from ipgov.core.actor import Actor, acting_as
from ipgov.regions.names import region_code


def _date(text):
    return datetime.date.fromisoformat(text)


class Command(ipgov_commands.Command):
    help = _("Cases (enforcement, rights assistance, pre-examination): open, move, extend, list, show.")

    def add_arguments(self, parser):
        parser.add_argument("--user", help=_("act as this staff user (role and region apply); default: the console"))
        sub = parser.add_subparsers(dest="action", required=True)
        op = sub.add_parser("open", help=_("open a case of KIND"))
        op.add_argument("kind", choices=Kind.values)
        op.add_argument("--region", type=region_code, required=True, help=_("handling authority's region: code or name (410300, 洛阳)"))
        op.add_argument("--authority", required=True, help=_("handling authority or center"))
        op.add_argument("--received", type=_date, help=_("date received (YYYY-MM-DD, default today)"))
        op.add_argument("--right", dest="right_type", help=_("patent or trademark (kinds that allow both)"))
        op.add_argument("--title", default="")
        for name in ("platform", "channel", "requester-type", "patent-type"):
            op.add_argument(f"--{name}", default="")
        op.add_argument("--complainant", help=_("complainant's (applicant's) name"))
        op.add_argument("--complainant-code", help=_("complainant's unified social credit code "
                        "(pre-examination: must be registered with the center)"))
        op.add_argument("--respondent", help=_("respondent's name"))
        op.add_argument("--number", action="append", default=[], help=_("a right involved (repeatable)"))
        mv = sub.add_parser("move", help=_("take a transition of the case's workflow"))
        mv.add_argument("case", help=_("case id or number"))
        mv.add_argument("transition")
        mv.add_argument("--on", type=_date, help=_("date of the step (default today)"))
        for name in ("reason", "penalty-amount", "confiscated", "confiscated-value", "platform-result",
                     "referred-to", "application-number"):
            mv.add_argument(f"--{name}")
        ex = sub.add_parser("extend", help=_("extend a running deadline, naming who approved it"))
        ex.add_argument("case")
        ex.add_argument("deadline", help=_("deadline key (see `case show`)"))
        ex.add_argument("amount", type=int)
        ex.add_argument("unit", choices=DeadlineUnit.values)
        ex.add_argument("--approved-by", required=True)
        ex.add_argument("--reason", required=True)
        ex.add_argument("--collective", action="store_true", help=_("a collective decision of the heads"))
        ex.add_argument("--on", type=_date)
        at = sub.add_parser("attach", help=_("attach a document file to a case"))
        at.add_argument("case")
        at.add_argument("doc_type", choices=DocumentType.values)
        at.add_argument("file")
        at.add_argument("--on", type=_date, help=_("date received (default today)"))
        pa = sub.add_parser("party", help=_("add a party"))
        pa.add_argument("case")
        pa.add_argument("role", choices=PartyRole.values)
        pa.add_argument("name")
        pa.add_argument("--type", dest="party_type", choices=PartyType.values, default=PartyType.ENTERPRISE)
        pa.add_argument("--region", type=region_code)
        ri = sub.add_parser("right", help=_("add a right involved, by number"))
        ri.add_argument("case")
        ri.add_argument("right_type", choices=["patent", "trademark"])
        ri.add_argument("number")
        ls = sub.add_parser("list", help=_("list cases (open ones with their next deadline)"))
        ls.add_argument("--overdue", action="store_true", help=_("only cases with a deadline past its last day"))
        ls.add_argument("--due-soon", action="store_true", help=_("only cases with a deadline within 3 working days"))
        ls.add_argument("--region", type=region_code)
        ls.add_argument("--kind", choices=Kind.values)
        ls.add_argument("--as-of", type=_date)
        ls.add_argument("--limit", type=int, default=50)
        rg = sub.add_parser("register", help=_("register (备案) an enterprise with a pre-examination center"))
        rg.add_argument("center")
        rg.add_argument("name")
        rg.add_argument("credit_code")
        rg.add_argument("--on", type=_date, required=True, help=_("date of registration"))
        rg.add_argument("--region", type=region_code)
        sub.add_parser("relink", help=_("link rights named in cases to register records that appeared since"))
        sh = sub.add_parser("show", help=_("a case with its deadlines, parties, rights, documents and timeline"))
        sh.add_argument("case")

    def handle(self, *args, action, user, **options):
        actor = Actor.cli(getpass.getuser())
        if user:
            try:
                actor = Actor.for_user(get_user_model().objects.get(username=user))
            except get_user_model().DoesNotExist:
                raise CommandError(_("no user %(user)r") % {"user": user}) from None
        try:
            with acting_as(actor):
                return getattr(self, f"do_{action}")(**options)
        except (WorkflowError, PermissionDenied, documents.DocumentRefused, LookupError, ObjectDoesNotExist) as exc:
            raise CommandError(str(exc)) from None

    def do_open(self, kind, complainant, complainant_code, respondent, number, **o):
        fields = {k: o[k] for k in ("platform", "channel", "requester_type", "patent_type") if o[k]}
        parties = [{"role": PartyRole.COMPLAINANT, "name": complainant, "credit_code": complainant_code or ""}
                   ] if complainant else []
        if respondent:
            parties.append({"role": PartyRole.RESPONDENT, "name": respondent})
        case = services.open_case(kind, region=o["region"], authority=o["authority"], received_on=o["received"],
                                  right_type=o["right_type"], title=o["title"], parties=parties, rights=number,
                                  **fields)
        self.stdout.write(f"{case.pk} {case.number} {case.get_state_display()}")
        self._deadlines(case)

    def do_move(self, case, transition, on, **values):
        values = {k: v for k, v in values.items() if k in (
            "reason", "penalty_amount", "confiscated", "confiscated_value", "platform_result", "referred_to",
            "application_number") and v is not None}
        case = services.move_case(case, transition, on=on, **values)
        self.stdout.write(f"{case.pk} {case.number} → {case.get_state_display()}")
        self._deadlines(case)

    def do_extend(self, case, deadline, amount, unit, approved_by, reason, collective, on, **_rest):
        d = services.extend_deadline(case, deadline, amount=amount, unit=unit, approved_by=approved_by,
                                     reason=reason, on=on, collective=collective)
        self.stdout.write(_("%(case)s %(key)s: now due %(due)s (approved by %(who)s)")
                          % {"case": d.case.number, "key": d.key, "due": d.due_on, "who": approved_by})

    def do_attach(self, case, doc_type, file, on, **_rest):
        preflight.require_file(file, f"ipgov case attach {preflight.shell_word(case)} {doc_type} {{file}}")
        with open(file, "rb") as fh:
            content = fh.read()
        doc = services.attach_document(case, doc_type, file.replace("\\", "/").rsplit("/", 1)[-1], content, on=on)
        self.stdout.write(_("%(case)s: %(doc)s (%(size)s bytes, %(path)s)")
                          % {"case": doc.case.number, "doc": doc, "size": doc.size, "path": doc.path})

    def do_party(self, case, role, name, party_type, region, **_rest):
        party = services.add_party(case, role=role, name=name, party_type=party_type, region=region)
        self.stdout.write(f"{party.case.number}: {party}")

    def do_right(self, case, right_type, number, **_rest):
        right = services.add_right(case, right_type, number)
        self.stdout.write(f"{right.case.number}: {right}")

    def do_register(self, center, name, credit_code, on, region, **_rest):
        ent = services.register_enterprise(authority=center, name=name, credit_code=credit_code,
                                           registered_on=on, region=region)
        self.stdout.write(_("%(enterprise)s registered on %(on)s (%(code)s)")
                          % {"enterprise": ent, "on": ent.registered_on, "code": ent.credit_code})

    def do_relink(self, **_rest):
        self.stdout.write(_("%(n)s right(s) linked to the register") % {"n": services.relink_rights()})

    def do_list(self, overdue, due_soon, region, kind, as_of, limit, **_rest):
        as_of = as_of or timezone.localdate()
        w = self.stdout.write
        if overdue or due_soon:
            rows = (services.overdue(as_of, region=region) if overdue
                    else services.due_soon(as_of, region=region))
            if kind:
                rows = rows.filter(case__kind=kind)
            total = rows.count()
            for d in rows[:limit]:
                late = (as_of - d.due_on).days
                w(f"{d.case_id:>7} {d.case.number:<28} {d.case.region_id} {d.key:<10} "
                  + _("due %(due)s") % {"due": d.due_on}
                  + ("  " + _("%(days)s days overdue") % {"days": late} if late > 0 else ""))
            summary = (_("%(n)s deadline(s) overdue as of %(as_of)s") if overdue
                       else _("%(n)s deadline(s) due soon as of %(as_of)s"))
            w(summary % {"n": total, "as_of": as_of})
            return
        cases = services.visible_cases()
        if region:
            from ipgov.regions.models import Region

            cases = cases.filter(region__in=Region.objects.within(region))
        if kind:
            cases = cases.filter(kind=kind)
        total = cases.count()
        shown = list(cases.order_by("-received_on", "-id")[:limit])
        running = {}
        for d in Deadline.objects.filter(case__in=shown, status="open").order_by("-due_on"):
            running[d.case_id] = d  # the soonest wins
        for c in shown:
            d = running.get(c.pk)
            w(f"{c.pk:>7} {c.number:<28} {c.region_id} {c.get_state_display():<20} "
              + _("received %(on)s") % {"on": c.received_on}
              + (" " + _("closed %(on)s") % {"on": c.closed_on} if c.closed_on else "")
              + (" " + _("next: %(key)s due %(due)s") % {"key": d.key, "due": d.due_on}
                 + (" " + _("OVERDUE") if d.due_on < as_of else "") if d else ""))
        w(_("%(n)s case(s)") % {"n": total})

    def do_show(self, case, **_rest):
        c = services.get_case(case)
        w = self.stdout.write
        w(f"{c.number}  {get_kind(c.kind).label}  [{c.get_state_display()}]")
        w("  " + _("authority: %(authority)s (%(region)s)   right: %(right)s   received %(on)s")
          % {"authority": c.authority, "region": c.region, "right": c.get_right_type_display(), "on": c.received_on}
          + ("   " + _("filed %(on)s") % {"on": c.filed_on} if c.filed_on else "")
          + ("   " + _("closed %(on)s (%(outcome)s)") % {"on": c.closed_on, "outcome": c.outcome} if c.closed_on else ""))
        w("  " + _("next steps: %(steps)s")
          % {"steps": ", ".join(t.name for t in c.spec.available(c.state)) or "—"})
        self._deadlines(c, all_=True)
        for p in c.parties.select_related("region"):
            w("  " + _("party: %(party)s") % {"party": p} + (f" ({p.region})" if p.region_id else ""))
        for r in c.rights.all():
            w("  " + _("right: %(right)s") % {"right": r})
        for d in c.documents.all():
            w("  " + _("document: %(doc)s (%(size)s bytes)") % {"doc": d, "size": d.size})
        for e in c.events.all():
            w(f"  {e.on} {e.actor:<20} {e.get_action_display():<10} {e.message}")

    def _deadlines(self, case, all_=False):
        for d in case.deadlines.all():
            if all_ or d.status == "open":
                extra = (" " + _("(extended %(n)s×, originally %(due)s)") % {"n": d.extensions_used,
                                                                              "due": d.original_due_on}
                         if d.extensions_used else "")
                prov = " " + _("provisional") if d.provisional else ""
                self.stdout.write("  " + _("deadline %(key)s %(amount)s %(unit)s → due %(due)s")
                                  % {"key": f"{d.key:<10}", "amount": d.amount, "unit": d.get_unit_display(),
                                     "due": d.due_on} + f"{prov} [{d.get_status_display()}]{extra}")
