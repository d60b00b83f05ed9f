"""Choice sets of the ingest path: what a batch holds, its file format, its status."""

from django.utils.translation import gettext_lazy as _

from ipgov.core.choices import ChoiceSet


class ImportKind(ChoiceSet):
    PATENTS = "patents", _("patents")
    TRADEMARKS = "trademarks", _("trademarks")
    GI = "gi", _("geographical-indication products")
    ORGANIZATIONS = "organizations", _("organizations")
    DESIGNATIONS = "designations", _("designations")
    AWARDS = "awards", _("awards")
    TRAINING = "training", _("training events")
    PLEDGES = "pledges", _("pledges")
    GRANTS = "grants", _("operation-city grants")
    FUNDS = "funds", _("funds")
    FUND_PROJECTS = "fund_projects", _("fund pipeline projects")
    FUND_INVESTMENTS = "fund_investments", _("fund investments")
    AUCTION_LOTS = "auction_lots", _("auction lots")
    TRUSTS = "trusts", _("trust products")


REGISTER_KINDS = (ImportKind.PATENTS, ImportKind.TRADEMARKS, ImportKind.GI)


class ImportFormat(ChoiceSet):
    CSV = "csv", _("CSV")
    XLSX = "xlsx", _("Excel (.xlsx)")
    XLS = "xls", _("Excel 97 (.xls)")
    ST36 = "st36", _("WIPO ST.36 XML (USPTO, EPO)")
    ST96 = "st96", _("WIPO ST.96 XML")


class BatchStatus(ChoiceSet):
    COMMITTED = "committed", _("committed")
    UNCHANGED = "unchanged", _("unchanged (already imported)")
