"""Policy documents: drafting → 征求意见 (public consultation, with a deadline) → 呈送审定 → issued
(文号, date) → revised / repealed, each step audited, the text kept in numbered versions, with attachments
(files checked as case documents are, added and removed with an audit entry).

Editing is province work (`check_editor`). The public sees documents in consultation and issued,
revised or repealed ones (`public_policies`); opinions come through the moderated comment path
(`ipgov.portal.services.submit_opinion`).
"""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ipgov.core.audit import record, snapshot
from ipgov.core.models import ObjectChange
from ipgov.portal.choices import PolicyStage as P
from ipgov.portal.models import PolicyAttachment, PolicyDocument, PolicyVersion
from ipgov.portal.services import PortalError, check_editor, stored_file

STEPS = {  # step -> (stages it leaves from, stage it reaches, label)
    "consult": ((P.DRAFTING,), P.CONSULTATION, gettext_lazy("open public consultation")),
    "submit": ((P.DRAFTING, P.CONSULTATION), P.SUBMITTED, gettext_lazy("submit for approval")),
    "issue": ((P.SUBMITTED,), P.ISSUED, gettext_lazy("record the issue")),
    "revise": ((P.ISSUED,), P.REVISED, gettext_lazy("mark as revised")),
    "repeal": ((P.ISSUED,), P.REPEALED, gettext_lazy("repeal")),
    "redraft": ((P.CONSULTATION, P.SUBMITTED), P.DRAFTING, gettext_lazy("back to drafting")),
}
PUBLIC_STAGES = (P.CONSULTATION, P.ISSUED, P.REVISED, P.REPEALED)


def save_policy(document: PolicyDocument | None = None, *, title: str, text: str, issuer: str = "",
                note: str = "", seed_key: str = "") -> PolicyDocument:
    """Create a document or edit it; a changed text becomes a new version (issued texts are not edited)."""
    check_editor()
    if not (title or "").strip() or not (text or "").strip():
        raise PortalError(_("a policy document needs a title and a text"))
    if document is not None and document.stage not in (P.DRAFTING, P.CONSULTATION):
        raise PortalError(_("“%(title)s” is %(stage)s: its text is no longer edited (draft a new document)")
                          % {"title": document.title, "stage": document.get_stage_display()})
    before = snapshot(document) if document else None
    document = document or PolicyDocument()
    document.title, document.issuer = title.strip()[:200], (issuer or "").strip()[:200]
    document.seed_key = seed_key or document.seed_key
    with transaction.atomic():
        document.save()
        record(document, ObjectChange.Action.UPDATE if before else ObjectChange.Action.CREATE, before=before)
        latest = document.latest
        if latest is None or latest.text != text.strip():
            version = PolicyVersion.objects.create(document=document, number=(latest.number + 1) if latest else 1,
                                                   text=text.strip(), note=(note or "").strip()[:300])
            record(version, ObjectChange.Action.CREATE)
    return document


def move_policy(document: PolicyDocument, step: str, *, consultation_ends: datetime.date | None = None,
                doc_number: str = "", issued_on: datetime.date | None = None,
                effective_on: datetime.date | None = None, replaced_by: PolicyDocument | None = None,
                reason: str = "") -> PolicyDocument:
    check_editor()
    if step not in STEPS:
        raise PortalError(_("unknown step %(step)r") % {"step": step})
    sources, target, label = STEPS[step]
    with transaction.atomic():
        document = PolicyDocument.objects.select_for_update().get(pk=document.pk)
        if document.stage not in sources:
            raise PortalError(_("“%(title)s” is %(stage)s: it cannot %(step)s")
                              % {"title": document.title, "stage": document.get_stage_display(), "step": label})
        before = snapshot(document)
        if step == "consult":
            if consultation_ends is None or consultation_ends < timezone.localdate():
                raise PortalError(_("a public consultation needs a deadline that is not past"))
            document.consultation_ends = consultation_ends
        if step == "issue":
            if not doc_number.strip() or issued_on is None:
                raise PortalError(_("recording the issue needs the document number (文号) and the date"))
            document.doc_number, document.issued_on = doc_number.strip()[:60], issued_on
            document.effective_on = effective_on or issued_on
        if step == "revise":
            if replaced_by is None or replaced_by.pk == document.pk:
                raise PortalError(_("a revised document names the document that replaces it"))
            document.replaced_by = replaced_by
        document.stage = target
        document.save()
        record(document, ObjectChange.Action.TRANSITION, before=before,
               message=f"{step}: {reason}" if reason else step)
    return document


def add_attachment(document: PolicyDocument, name: str, content: bytes) -> PolicyAttachment:
    """A file of the document (at any stage: the draft for consultation, the signed text once issued),
    checked and stored as case documents are; audited."""
    check_editor()
    stored = stored_file(name, content)
    with transaction.atomic():
        attachment = PolicyAttachment.objects.create(document=document, name=stored.name, path=stored.path,
                                                     size=stored.size, sha256=stored.sha256)
        record(attachment, ObjectChange.Action.CREATE, message=document.title[:200])
    return attachment


def remove_attachment(attachment: PolicyAttachment) -> None:
    """Take a file off the document (the stored content stays: it may be shared, and the audit names it)."""
    check_editor()
    with transaction.atomic():
        before = snapshot(attachment)
        record(attachment, ObjectChange.Action.DELETE, before=before, message=attachment.document.title[:200])
        attachment.delete()


def public_policies():
    """Documents the public sees (unscoped: published by the office)."""
    return PolicyDocument.objects.filter(stage__in=PUBLIC_STAGES).prefetch_related("versions", "attachments")
