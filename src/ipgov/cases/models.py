"""Case records (案件): the case, its deadlines and extensions, parties, rights, documents, timeline.

Nothing here is deleted or edited silently: every change goes through `services.py`, leaves a
`CaseEvent` on the case's timeline and an audit row (`core.audit`).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ipgov.cases.choices import (
    Channel,
    DeadlineStatus,
    DeadlineUnit,
    DocumentType,
    EventAction,
    Kind,
    PartyRole,
    PartyType,
    PatentType,
    RequesterType,
    RightType,
)
from ipgov.core.models import ChangeLoggedModel
from ipgov.core.scope import RestrictedQuerySet


class Case(ChangeLoggedModel):
    """A case (案件) of any kind, handled by an authority or center in a region."""

    number = models.CharField(_("case number"), max_length=40, unique=True)
    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices, db_index=True)
    state = models.CharField(_("state"), max_length=32, db_index=True)
    region = models.ForeignKey("regions.Region", on_delete=models.PROTECT, related_name="+",
                               verbose_name=_("handling authority's region"))
    authority = models.CharField(_("handling authority or center"), max_length=200)
    right_type = models.CharField(_("right"), max_length=16, choices=RightType.choices)
    title = models.CharField(_("title"), max_length=300, blank=True)

    received_on = models.DateField(_("received on"), db_index=True)
    filed_on = models.DateField(_("filed on"), null=True, blank=True)  # 立案日
    closed_on = models.DateField(_("closed on"), null=True, blank=True, db_index=True)  # 结案/办结日
    last_on = models.DateField(_("date of the last step"))
    outcome = models.CharField(_("outcome"), max_length=32, blank=True,
                               help_text=_("the state the case was closed from (decided, mediated, withdrawn …)"))
    closing_days = models.PositiveIntegerField(_("days from receipt to closing"), null=True, blank=True)
    closed_in_time = models.BooleanField(_("closed within its deadline"), null=True, blank=True,
                                         help_text=_("as extended; empty when the kind's closing deadline did "
                                                     "not run to its end (e.g. a withdrawal)"))
    reason = models.TextField(_("reason"), blank=True, help_text=_("reason of the last refusal or withdrawal"))

    # enforcement (执法)
    penalty_amount = models.DecimalField(_("penalty (yuan)"), max_digits=14, decimal_places=2, null=True,
                                         blank=True)  # 罚没款
    confiscated = models.CharField(_("confiscated goods"), max_length=300, blank=True)  # 没收物品
    confiscated_value = models.DecimalField(_("value of confiscated goods (yuan)"), max_digits=14,
                                            decimal_places=2, null=True, blank=True)
    police_transfer = models.BooleanField(_("transferred to the police"), default=False)  # 移送公安
    # e-commerce (电商)
    platform = models.CharField(_("platform"), max_length=100, blank=True)
    platform_result = models.CharField(_("platform's response"), max_length=200, blank=True)
    forwarded_on = models.DateField(_("forwarded to the platform on"), null=True, blank=True)
    platform_responded_on = models.DateField(_("platform responded on"), null=True, blank=True)
    # rights assistance (维权援助)
    channel = models.CharField(_("channel"), max_length=16, choices=Channel.choices, blank=True)
    requester_type = models.CharField(_("requester"), max_length=16, choices=RequesterType.choices, blank=True)
    service = models.CharField(_("service given"), max_length=32, blank=True)
    referred_to = models.CharField(_("referred to"), max_length=200, blank=True)
    # fast pre-examination (快速预审)
    patent_type = models.CharField(_("patent type"), max_length=16, choices=PatentType.choices, blank=True)
    application_number = models.CharField(_("application number"), max_length=20, blank=True)
    preexam_on = models.DateField(_("pre-examined on"), null=True, blank=True)
    submitted_on = models.DateField(_("submitted to CNIPA on"), null=True, blank=True)
    granted_on = models.DateField(_("granted on"), null=True, blank=True)

    objects = RestrictedQuerySet.as_manager()
    scope_region_field = "region"

    class Meta:
        ordering = ["-received_on", "-id"]
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        indexes = [models.Index(fields=["kind", "closed_on"]), models.Index(fields=["kind", "right_type"])]

    def __str__(self) -> str:
        return self.number

    @property
    def spec(self):
        from ipgov.cases.kinds import get_kind

        return get_kind(self.kind)

    def get_state_display(self) -> str:
        return str(self.spec.state(self.state).label)


class Deadline(models.Model):
    """A statutory or configured time limit (期限) running on a case."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="deadlines")
    key = models.CharField(_("deadline"), max_length=32)
    amount = models.PositiveIntegerField(_("amount"))
    unit = models.CharField(_("unit"), max_length=16, choices=DeadlineUnit.choices)
    source = models.CharField(_("source"), max_length=300)
    start_on = models.DateField(_("starts after"))
    original_due_on = models.DateField(_("originally due on"))
    due_on = models.DateField(_("due on"), db_index=True)
    overdue_from = models.DateField(_("overdue from"), help_text=_("the day after the last day"))
    region = models.ForeignKey("regions.Region", on_delete=models.PROTECT, related_name="+",
                               verbose_name=_("handling authority's region"),
                               help_text=_("the case's, for counting overdue deadlines by region"))
    provisional = models.BooleanField(_("provisional"), default=False,
                                      help_text=_("computed past the published holiday calendar"))
    status = models.CharField(_("status"), max_length=16, choices=DeadlineStatus.choices,
                              default=DeadlineStatus.OPEN, db_index=True)
    met_on = models.DateField(_("ended on"), null=True, blank=True,
                              help_text=_("the day it was met, or stopped applying"))
    extensions_used = models.PositiveSmallIntegerField(_("extensions"), default=0)

    objects = RestrictedQuerySet.as_manager()
    scope_region_field = "region"  # the case's, copied

    class Meta:
        ordering = ["due_on", "id"]
        verbose_name = _("deadline")
        verbose_name_plural = _("deadlines")
        constraints = [models.UniqueConstraint(fields=["case", "key"], name="cases_deadline_case_key")]

    def __str__(self) -> str:
        return f"{self.case_id} {self.key} {self.due_on}"

    @property
    def label(self) -> str:
        return str(self.case.spec.deadline(self.key).label)


class DeadlineExtension(models.Model):
    """An approved extension (延期) of a deadline, with who approved it."""

    deadline = models.ForeignKey(Deadline, on_delete=models.PROTECT, related_name="extensions")
    amount = models.PositiveIntegerField(_("amount"))
    unit = models.CharField(_("unit"), max_length=16, choices=DeadlineUnit.choices)
    collective = models.BooleanField(_("collective decision of the heads"), default=False)
    approved_by = models.CharField(_("approved by"), max_length=150)
    approved_on = models.DateField(_("approved on"))
    reason = models.TextField(_("reason"))
    previous_due_on = models.DateField(_("previously due on"))
    new_due_on = models.DateField(_("now due on"))

    objects = RestrictedQuerySet.as_manager()
    scope_region_field = "deadline__case__region"

    class Meta:
        ordering = ["approved_on", "id"]
        verbose_name = _("deadline extension")
        verbose_name_plural = _("deadline extensions")

    def __str__(self) -> str:
        return f"+{self.amount} {self.unit} ({self.approved_by})"


class DeadlinePolicy(models.Model):
    """A center's or authority's own figure for a configurable deadline (期限设置): used where the
    law sets none (rights assistance, pre-examination) or where a local rule differs."""

    kind = models.CharField(_("kind"), max_length=32, choices=Kind.choices)
    key = models.CharField(_("deadline"), max_length=32)
    authority = models.CharField(_("authority or center"), max_length=200, blank=True,
                                 help_text=_("blank: the default for every authority"))
    amount = models.PositiveIntegerField(_("amount"))
    unit = models.CharField(_("unit"), max_length=16, choices=DeadlineUnit.choices)
    source = models.CharField(_("source"), max_length=300)

    class Meta:
        verbose_name = _("deadline policy")
        verbose_name_plural = _("deadline policies")
        constraints = [models.UniqueConstraint(fields=["kind", "key", "authority"], name="cases_policy_unique")]

    def __str__(self) -> str:
        return f"{self.kind}.{self.key} {self.authority or '*'}: {self.amount} {self.unit}"


class RegisteredEnterprise(models.Model):
    """An enterprise registered (备案) with a protection or rapid rights-protection center: only they
    may file applications for fast pre-examination there."""

    authority = models.CharField(_("center"), max_length=200)
    name = models.CharField(_("name"), max_length=200)
    credit_code = models.CharField(_("unified social credit code"), max_length=18)
    region = models.ForeignKey("regions.Region", null=True, blank=True, on_delete=models.PROTECT,
                               related_name="+", verbose_name=_("region"))
    registered_on = models.DateField(_("registered on"))

    objects = RestrictedQuerySet.as_manager()
    scope_region_field = "region"

    class Meta:
        ordering = ["authority", "name"]
        verbose_name = _("registered enterprise")
        verbose_name_plural = _("registered enterprises")
        constraints = [models.UniqueConstraint(fields=["authority", "credit_code"], name="cases_registered_unique")]

    def __str__(self) -> str:
        return f"{self.name} ({self.authority})"


class Party(models.Model):
    """A party (当事人) to a case: complainant, respondent or agent, with their region."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="parties")
    role = models.CharField(_("role"), max_length=16, choices=PartyRole.choices)
    party_type = models.CharField(_("type"), max_length=16, choices=PartyType.choices)
    name = models.CharField(_("name"), max_length=200)
    region = models.ForeignKey("regions.Region", null=True, blank=True, on_delete=models.PROTECT,
                               related_name="+", verbose_name=_("region"))
    address = models.CharField(_("address"), max_length=300, blank=True)
    credit_code = models.CharField(_("unified social credit code"), max_length=18, blank=True)

    objects = RestrictedQuerySet.as_manager()
    scope_region_field = "case__region"

    class Meta:
        ordering = ["case", "id"]
        verbose_name = _("party")
        verbose_name_plural = _("parties")

    def __str__(self) -> str:
        return f"{self.get_role_display()}: {self.name}"


class CaseRight(models.Model):
    """A right involved in a case (涉案权利), by its validated number, linked to the register record."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="rights")
    right_type = models.CharField(_("right"), max_length=16, choices=RightType.choices)
    number = models.CharField(_("number"), max_length=24, db_index=True)
    patent = models.ForeignKey("rights.Patent", null=True, blank=True, on_delete=models.PROTECT,
                               related_name="case_rights", verbose_name=_("patent in the register"))
    trademark = models.ForeignKey("rights.Trademark", null=True, blank=True, on_delete=models.PROTECT,
                                  related_name="case_rights", verbose_name=_("trademark in the register"))

    objects = RestrictedQuerySet.as_manager()
    scope_region_field = "case__region"

    class Meta:
        ordering = ["case", "id"]
        verbose_name = _("right involved")
        verbose_name_plural = _("rights involved")
        constraints = [models.UniqueConstraint(fields=["case", "right_type", "number"], name="cases_right_unique")]

    def __str__(self) -> str:
        return f"{self.get_right_type_display()} {self.number}"


class CaseDocument(models.Model):
    """An uploaded document (案件材料), stored under IPGOV_HOME by its checksum."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="documents")
    doc_type = models.CharField(_("document type"), max_length=32, choices=DocumentType.choices)
    name = models.CharField(_("file name"), max_length=200)
    size = models.PositiveBigIntegerField(_("size (bytes)"))
    sha256 = models.CharField(max_length=64)
    path = models.CharField(_("stored at"), max_length=300, help_text=_("relative to IPGOV_HOME"))
    added_on = models.DateField(_("added on"))

    objects = RestrictedQuerySet.as_manager()
    scope_region_field = "case__region"

    class Meta:
        ordering = ["case", "id"]
        verbose_name = _("document")
        verbose_name_plural = _("documents")

    def __str__(self) -> str:
        return f"{self.get_doc_type_display()}: {self.name}"


class CaseEvent(models.Model):
    """One entry of a case's timeline (时间线): who did what, on which date, recorded when."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="events")
    on = models.DateField(_("date"))
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    actor = models.CharField(_("actor"), max_length=150)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                             related_name="+")
    action = models.CharField(_("action"), max_length=16, choices=EventAction.choices)
    transition = models.CharField(_("transition"), max_length=32, blank=True)
    from_state = models.CharField(_("from"), max_length=32, blank=True)
    to_state = models.CharField(_("to"), max_length=32, blank=True)
    message = models.CharField(_("message"), max_length=500, blank=True)
    data = models.JSONField(default=dict, blank=True)

    objects = RestrictedQuerySet.as_manager()
    scope_region_field = "case__region"

    class Meta:
        ordering = ["case", "on", "id"]
        verbose_name = _("case event")
        verbose_name_plural = _("case events")

    def __str__(self) -> str:
        return f"{self.on} {self.actor} {self.action} {self.transition}"
