from django.contrib import admin

from ipgov.regions.models import Population, Region, RegionVersion


class RegionVersionInline(admin.TabularInline):
    model = RegionVersion
    extra = 0


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "level", "parent", "is_legal_division", "is_active")
    list_filter = ("level", "is_active", "is_legal_division", "province")
    search_fields = ("code", "name")
    raw_id_fields = ("parent", "city", "province")
    inlines = [RegionVersionInline]


@admin.register(Population)
class PopulationAdmin(admin.ModelAdmin):
    list_display = ("region", "year", "value", "source")
    list_filter = ("year",)
    search_fields = ("region__code", "region__name")
    raw_id_fields = ("region",)
