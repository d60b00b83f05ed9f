"""The data cut-off in the admin: a province administrator sets it here (as `ipgov cutoff set` does);
every setting is kept, the latest counts."""

from django import forms
from django.contrib import admin

from ipgov.core.actor import Actor, acting_as
from ipgov.indicators import cutoff
from ipgov.indicators.models import DataCutoff


class DataCutoffForm(forms.ModelForm):
    class Meta:
        model = DataCutoff
        fields = ("month", "note")

    def clean_month(self):
        try:
            return cutoff.valid_month(self.cleaned_data["month"]).code
        except ValueError as exc:  # PeriodError and CutoffError: a sentence saying what to write
            raise forms.ValidationError(str(exc)) from exc


@admin.register(DataCutoff)
class DataCutoffAdmin(admin.ModelAdmin):
    form = DataCutoffForm
    list_display = ("month", "set_by", "set_at", "note")
    readonly_fields = ("set_by", "set_at")

    def has_change_permission(self, request, obj=None):
        return False  # a new setting is added; earlier ones stay as they were

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        with acting_as(Actor.for_user(request.user)):  # OutOfScope (403) for anyone but a province administrator
            row = cutoff.set_cutoff(obj.month, obj.note)
        obj.pk, obj.set_by, obj.set_at = row.pk, row.set_by, row.set_at
