"""Django admin for the register: browse and inspect; imports go through `ipgov import`, not forms."""

from django.contrib import admin

from ipgov.core.admin_base import ReadOnlyInline
from ipgov.rights.models import (
    Applicant,
    GIAuthorizedUser,
    GIProduct,
    LegalEvent,
    Patent,
    Trademark,
    TrademarkEvent,
)


class ApplicantInline(ReadOnlyInline):
    model = Applicant
    fields = ("position", "name", "applicant_type", "address", "country", "region", "resolution_note")


class LegalEventInline(ReadOnlyInline):
    model = LegalEvent
    fields = ("date", "kind", "detail")


@admin.register(Patent)
class PatentAdmin(admin.ModelAdmin):
    list_display = ("application_number", "patent_type", "title", "filing_date", "grant_date", "region",
                    "applicant_type", "is_domestic", "terminated_on")
    list_filter = ("office", "patent_type", "applicant_type", "is_domestic", "is_pct", "ipc_section")
    search_fields = ("application_number", "publication_number", "grant_number", "title")
    date_hierarchy = "filing_date"
    raw_id_fields = ("region", "batch")
    readonly_fields = ("terminated_on", "record_hash", "record_date", "batch", "created", "updated")
    inlines = [ApplicantInline, LegalEventInline]


class TrademarkEventInline(ReadOnlyInline):
    model = TrademarkEvent
    fields = ("date", "kind", "detail")


@admin.register(Trademark)
class TrademarkAdmin(admin.ModelAdmin):
    list_display = ("number", "name", "owner_name", "kind", "is_gi", "registration_date", "region",
                    "well_known_on", "terminated_on")
    list_filter = ("kind", "is_gi", "is_domestic")
    search_fields = ("number", "name", "owner_name")
    date_hierarchy = "registration_date"
    raw_id_fields = ("region", "batch")
    readonly_fields = ("terminated_on", "record_hash", "record_date", "batch", "created", "updated")
    inlines = [TrademarkEventInline]


class GIAuthorizedUserInline(admin.TabularInline):
    model = GIAuthorizedUser
    extra = 0


@admin.register(GIProduct)
class GIProductAdmin(admin.ModelAdmin):
    list_display = ("name", "region", "approval_date", "announcement_number")
    search_fields = ("name", "area_text")
    raw_id_fields = ("region", "batch")
    readonly_fields = ("record_hash", "record_date", "batch", "created", "updated")
    inlines = [GIAuthorizedUserInline]
