"""The demo's applicant organizations: every applicant name of the register harmonised, and the credit
codes the demo has (programme organizations, case parties, pre-exam registrations) linked."""

from __future__ import annotations

import time
from collections import Counter

from django.utils.translation import gettext, gettext_lazy

from ipgov.demo.steps import DemoContext, StepResult, titled


@titled(gettext_lazy("Applicant organizations: names harmonised, credit codes linked"))
def harmonise_applicants(ctx: DemoContext) -> StepResult:
    from ipgov.cases.models import Party, RegisteredEnterprise
    from ipgov.orgs import services
    from ipgov.orgs.models import ApplicantName, Organization
    from ipgov.programs.models import Organization as ProgrammeOrganization

    start = time.perf_counter()
    linked = services.harmonise_register()
    codes = Counter()
    for source, pairs in (
            ("organizations", ProgrammeOrganization.objects.exclude(credit_code="").values_list("name", "credit_code")),
            ("case parties", Party.objects.exclude(credit_code="").values_list("name", "credit_code")),
            ("pre-exam registrations", RegisteredEnterprise.objects.values_list("name", "credit_code"))):
        codes.update(services.link_credit_codes(pairs.order_by().distinct(), source))
    changed = bool(linked or codes["code added"] or codes["linked by code"])
    lines = [gettext("%(linked)s new applicant names linked; %(names)s names → %(organizations)s organizations")
             % {"linked": linked, "names": ApplicantName.objects.count(), "organizations": Organization.objects.count()},
             gettext("credit codes: %(counts)s") % {"counts": ", ".join(f"{n} {what}" for what, n in sorted(codes.items()))},
             f"{time.perf_counter() - start:.1f} s"]
    return StepResult(gettext("Applicant organizations: names harmonised, credit codes linked"), changed, lines)
