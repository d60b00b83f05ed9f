"""The import page (导入): upload, preview as mapped, mapping profile, dry run, commit in the background
with a progress bar, and each batch's page (counts, refused rows and their CSV, versions replaced).
The steps are `core.ingest.staging`'s; the views only turn its sentences into messages."""

from __future__ import annotations

import csv
import io

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views import View

from ipgov.core.ingest import profiles, retry, staging
from ipgov.core.ingest.choices import ImportKind
from ipgov.core.ingest.errors import ImportFailed, UploadNotFound
from ipgov.core.ingest.models import ImportBatch, ImportProfile, RecordVersion
from ipgov.core.scope import OutOfScope, scope_of
from ipgov.web import dashboard
from ipgov.web.access import StaffMixin

BATCH_ERRORS_SHOWN = 200


def _may_import(request):
    try:
        return staging.check_may_import()
    except OutOfScope as exc:
        from django.core.exceptions import PermissionDenied

        raise PermissionDenied(str(exc)) from exc


def visible_batches(who=None):
    """Batches a staff member may look at: all of them for the province-wide, their own for others."""
    scope = scope_of(who)
    batches = ImportBatch.objects.all()
    if scope.everything or scope.region == dashboard.PROVINCE:
        return batches
    return batches.filter(actor=scope.actor.label if scope.actor else f"user:{scope.label}")


class ImportHomeView(StaffMixin, View):
    def get(self, request):
        _may_import(request)
        return render(request, "web/import_home.html", {
            "batches": visible_batches()[:30], "max_mb": staging.MAX_UPLOAD >> 20,
            "profiles": ImportProfile.objects.all()})

    def post(self, request):
        _may_import(request)
        upload = request.FILES.get("file")
        if upload is None:
            messages.error(request, _("Choose a file to upload."))
            return redirect("web:imports")
        try:
            token = staging.stage(upload.name, upload.chunks(), upload.size)
        except ImportFailed as exc:
            messages.error(request, str(exc))
            return redirect("web:imports")
        kind = request.POST.get("kind") or ImportKind.PATENTS
        profile = request.POST.get("profile", "")
        return redirect(f"{reverse('web:import-preview', args=[token])}?kind={kind}&profile={profile}")


class ImportPreviewView(StaffMixin, View):
    def get(self, request, token):
        _may_import(request)
        return self._render(request, token, request.GET.get("kind") or ImportKind.PATENTS,
                            request.GET.get("profile", ""))

    def post(self, request, token):
        _may_import(request)
        kind, profile, action = request.POST.get("kind"), request.POST.get("profile", ""), request.POST.get("action")
        try:
            header = [c["header"] for c in staging.preview(token, kind, profile).columns]
            mapping = staging.mapping_from_form(request.POST, header, kind)  # the columns mapped on this page
            if action == "save-profile":
                name = request.POST.get("profile_name", "").strip() or profile
                profiles.save(name, kind, mapping)
                messages.success(request, _("Mapping profile %(name)s saved.") % {"name": name})
                return redirect(f"{reverse('web:import-preview', args=[token])}?kind={kind}&profile={name}")
            if action == "dry-run":
                report = staging.dry_run(token, kind, profile, mapping)
                return self._render(request, token, kind, profile, dry=report, mapping=mapping)
            if action == "commit":
                staging.start(token, kind, profile, mapping)
                return redirect("web:import-progress", token=token)
        except ImportFailed as exc:
            messages.error(request, exc.report.summary() if exc.report else str(exc))
        return self._render(request, token, kind, profile)

    def _render(self, request, token, kind, profile, dry=None, mapping=None):
        try:
            shown = staging.preview(token, kind, profile, mapping)
        except UploadNotFound as exc:
            raise Http404(str(exc)) from None
        except ImportFailed as exc:
            shown, error = None, str(exc)
        else:
            error = ""
        return render(request, "web/import_preview.html", {
            "token": token, "kind": kind, "kinds": ImportKind.choices, "profile": profile, "preview": shown,
            "error": error, "dry": dry, "dry_errors": dry.errors[:50] if dry else [],
            "profiles": ImportProfile.objects.filter(kind=kind)}, status=400 if error else 200)


class ImportProgressView(StaffMixin, View):
    def get(self, request, token):
        _may_import(request)
        try:
            staging.staged_path(token)
            job = staging.read_job(token)
        except ImportFailed:
            raise Http404(_("no such upload")) from None
        total, done = job.get("total"), job.get("done", 0)
        context = {"token": token, "job": job, "percent": min(100, round(100 * done / total)) if total else None}
        template = "web/_import_progress.html" if request.headers.get("HX-Request") else "web/import_progress.html"
        return render(request, template, context)


def _batch(pk):
    batch = visible_batches().filter(pk=pk).first()
    if batch is None:
        raise Http404(_("no such import batch"))
    return batch


class ImportBatchView(StaffMixin, View):
    def get(self, request, pk):
        batch = _batch(pk)
        return render(request, "web/import_batch.html", {
            "batch": batch, "errors": batch.errors.all()[:BATCH_ERRORS_SHOWN],
            "versions": RecordVersion.objects.filter(replaced_by=batch).count(),
            "raw_left": batch.raw_rows.filter(resolved_by__isnull=True).count(),
            "retries": batch.retries.all(), "notes": batch.notes or {},
            "profiles": ImportProfile.objects.filter(kind=batch.kind),
            "region": dashboard.default_region(request.user)})


class ImportRetryView(StaffMixin, View):
    """Re-process the batch's refused rows as kept (with a corrected or another mapping profile)."""

    def post(self, request, pk):
        _may_import(request)
        batch = _batch(pk)
        try:
            report = retry.retry(batch.pk, profile=request.POST.get("profile") or None)
        except ImportFailed as exc:
            messages.error(request, exc.report.summary() if exc.report else str(exc))
            return redirect("web:import-batch", pk=batch.pk)
        messages.success(request, report.summary())
        return redirect("web:import-batch", pk=report.batch_id or batch.pk)


class ImportRefusedCsvView(StaffMixin, View):
    def get(self, request, pk):
        batch = _batch(pk)
        raw = dict(batch.raw_rows.values_list("row", "cells"))
        buf = io.StringIO()
        out = csv.writer(buf)
        out.writerow([_("row"), _("column"), _("value"), _("reason"), *batch.header])
        for e in batch.errors.all():
            out.writerow([e.row, e.field, e.value, e.reason, *raw.get(e.row, [])])
        response = HttpResponse("\ufeff" + buf.getvalue(), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="batch-{batch.pk}-refused.csv"'
        return response


urlpatterns = [
    path("imports/", ImportHomeView.as_view(), name="imports"),
    path("imports/upload/<str:token>/", ImportPreviewView.as_view(), name="import-preview"),
    path("imports/upload/<str:token>/progress/", ImportProgressView.as_view(), name="import-progress"),
    path("imports/batch/<int:pk>/", ImportBatchView.as_view(), name="import-batch"),
    path("imports/batch/<int:pk>/retry/", ImportRetryView.as_view(), name="import-retry"),
    path("imports/batch/<int:pk>/refused.csv", ImportRefusedCsvView.as_view(), name="import-refused"),
]
