from ipgov.portal.choices import Column


def portal(request):
    """The column navigation of the portal's base template (cheap: no query)."""
    return {"portal_columns": Column.choices}
